#!/usr/bin/env bash
# Whole-process comparison (issue #14): `steward policy eval` against jq, the same job over 20,000
# Deployments (12.8 MB of JSON, bench/compare/rego/generate.py): count the violations of a
# required-labels + CPU-limit policy (rego/policy.rego; rego/violations.jq is the same in jq).
# Both must find the same number; then each runs three times, the two alternating run by run, and
# the best wall time of each counts.
# Prints "RATIO rego-policy-eval-vs-jq <steward s> <jq s> <ratio>" (goal: ratio <= 0.5).
# The steward measured is $STEWARD when set (e.g. the installed tool), else the ReadyToRun publish
# of src/Steward.Cli (as the tool package is built) that lib/steward-cli.bash keeps per commit.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/compare/rego
if ! command -v jq > /dev/null; then
  apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq > /dev/null
fi
command -v bc >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null; }
if [ -n "${STEWARD:-}" ]; then
  steward=("$STEWARD")
  source bench/compare/lib/timing.bash
else
  source bench/compare/lib/steward-cli.bash
  steward=("${STEWARD[@]}")
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$work/objects.json" 20000

run_steward() { "${steward[@]}" policy eval --timeout 60s -d "$here/policy.rego" -i "$work/objects.json" 'count(data.x.violations)'; }
run_jq() { jq -f "$here/violations.jq" "$work/objects.json"; }

s_count=$(run_steward | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"][0]["expressions"][0]["value"])')
j_count=$(run_jq)
if [ "$s_count" != "$j_count" ]; then
  echo "rego: steward counts $s_count violations, jq $j_count: not the same job" >&2
  exit 1
fi
echo "rego: both count $s_count violations over 20,000 Deployments ($(stat -c %s "$work/objects.json") bytes)"

read -r s j < <(best_of_alternating 3 run_steward -- run_jq)
echo "RATIO rego-policy-eval-vs-jq $s $j $(awk -v s="$s" -v j="$j" 'BEGIN { printf "%.2f", s / j }')"
