#!/usr/bin/env bash
# `steward cost tokens` over an inference log of N rows (default 1,000,000) in a store: a DuckDB file, or a
# PostgreSQL URL given as STORE (the database must exist). Uses the Release build of src/Steward.Cli and the
# example repository and data of examples/llm-economics. Prints wall and CPU time of each step (/usr/bin/time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-1000000}"
work="${WORK:-/tmp/steward-token-scale}"
store="${STORE:-$work/steward.duckdb}"
steward="$root/src/Steward.Cli/bin/Release/net10.0/steward"
example="$root/examples/llm-economics"
mkdir -p "$work"
python3 "$here/generate-token-log.py" "$n" > "$work/log.csv"
[[ "$store" == postgresql://* ]] || rm -f "$store"
"$steward" cost import-usage "$example/usage.csv" --store "$store" > /dev/null
/usr/bin/time -f "ingest inferences: %e s wall, %U s user, %S s sys" "$steward" ingest inferences --model chat --version 2.0 "$work/log.csv" --store "$store"
"$steward" cost import "$example/focus-ai-tokens.csv" --store "$store" > /dev/null
for i in 1 2 3; do
  /usr/bin/time -f "cost tokens: %e s wall, %U s user, %S s sys" "$steward" cost tokens "$example/repo" --store "$store" --format json > "$work/tokens.json"
done
uptime
