#!/usr/bin/env bash
# Load times of the dashboard's pages (issue #16: < 300 ms with 10,000 findings and 12 months of daily
# costs for 50 teams). Generates a repository of OBJECTS objects (bench/generate-check-repo.py; 20,000
# give about 10,000 findings) and a FOCUS export of 50 teams x 3 services x 365 days
# (bench/dashboard/generate-focus.py), imports it with `steward cost import`, starts `steward serve` in
# open mode, and times each page with curl: the first load (computes and caches what the page shows for
# the revision and the store as they are) and REPEAT loads after it (served from the per-revision cache;
# filters and pages of /findings are computed from the cached findings at each request).
# Usage: bash bench/dashboard/run.sh [OBJECTS] [REPEAT]   (defaults 20000 and 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
objects="${1:-20000}"
repeat="${2:-20}"
port="${STEWARD_BENCH_PORT:-18444}"

dotnet build src/Steward.Cli -c Release -v q -nologo >/dev/null
steward=src/Steward.Cli/bin/Release/net10.0/steward
work="$(mktemp -d)"
python3 bench/generate-check-repo.py "$work/repo" "$objects" >/dev/null
python3 bench/dashboard/generate-focus.py "$work/focus.csv" 50 365
"$steward" cost import "$work/focus.csv" --store "$work/steward.duckdb" >/dev/null
findings=$("$steward" check "$work/repo" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["total"])' || true)
rows=$(($(wc -l <"$work/focus.csv") - 1))

"$steward" serve "$work/repo" --listen "127.0.0.1:$port" --store "$work/steward.duckdb" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null
# The server computes the main pages' data when a revision is served (DashboardWarmer); a visitor comes
# some seconds after a sync. WARM_WAIT=0 measures the cold first load instead.
sleep "${WARM_WAIT:-10}"

echo "machine: $(nproc) cores, $(uname -sr); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "repository: $objects objects, $findings findings; store: $rows FOCUS rows (50 teams x 3 services x 365 days)"
printf '%-44s %10s %10s %10s %10s\n' page "first ms" "p50 ms" "p90 ms" "max ms"
for page in / "/findings" "/findings?severity=error" "/findings?team=team-7&page=2" "/models" "/models/model-7" \
            "/costs" "/costs?group-by=ServiceName" "/costs?group-by=team&key=team-07" "/budgets" "/audit"; do
  url="http://127.0.0.1:$port$page"
  first=$(curl -fsS -o /dev/null -w '%{time_total}' "$url")
  times=$(for _ in $(seq 1 "$repeat"); do curl -fsS -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n)
  pick() { echo "$times" | awk -v q="$1" '{a[NR]=$1} END {i=int(NR*q+0.999); if (i<1) i=1; printf "%.1f", a[i]*1000}'; }
  printf '%-44s %10.1f %10s %10s %10s\n' "$page" "$(awk -v t="$first" 'BEGIN{print t*1000}')" "$(pick 0.5)" "$(pick 0.9)" "$(pick 1.0)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
