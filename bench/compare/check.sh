#!/usr/bin/env bash
# Whole-process timing (issue #14): `steward check --format json` of generated repositories of 5,000 and
# 50,000 objects (bench/generate-check-repo.py: Deployments with models, budgets and the example
# policies of examples/governance). There is no reference tool: the reference is the goal itself
# (< 1 s at 5,000 objects, < 5 s at 50,000), so a ratio below 1 meets it. Best of three; also prints
# the peak RSS of one run. Prints "RATIO check-<n> <steward s> <goal s> <ratio>".
# Environment: CHECK_SIZES (default "5000 50000"), RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/compare
runs="${RUNS:-3}"
command -v bc >/dev/null || { apt-get update >&2 && apt-get install -y bc >&2; }
[ -x /usr/bin/time ] || { apt-get update >&2 && apt-get install -y time >&2; }
source "$here/lib/steward-cli.bash"

for n in ${CHECK_SIZES:-5000 50000}; do
  case "$n" in
    5000) goal=1 ;;
    50000) goal=5 ;;
    *) goal=$(echo "scale=3; $n / 10000" | bc -l) ;;
  esac
  repo="${TMPDIR:-/tmp}/steward-bench-check-$n"
  if [ ! -f "$repo/.generated" ]; then
    python3 bench/generate-check-repo.py "$repo" "$n"
    touch "$repo/.generated"
  fi
  cmd=("${STEWARD[@]}" check "$repo" --format json)
  /usr/bin/time -f '%M' -o "$repo.rss" "${cmd[@]}" >/dev/null 2>&1 || true
  echo "check of $n objects: peak RSS $(tail -1 "$repo.rss") KB" >&2
  s=$(best_of "$runs" "${cmd[@]}")
  echo "RATIO check-$n $s $goal $(echo "scale=3; $s / $goal" | bc -l)"
done
