#!/usr/bin/env bash
# Whole-process comparisons with the reference tools (issue #14): runs every bench/compare/*.sh part,
# each of which prints lines "RATIO <name> <steward seconds> <reference seconds> <ratio>", and prints
# the machine, the load average and a table of the ratios. Usage: bash bench/compare.sh [PART...]
set -euo pipefail
cd "$(dirname "$0")/.."
parts=("$@")
if [ ${#parts[@]} -eq 0 ]; then
  for f in bench/compare/*.sh; do parts+=("$(basename "$f" .sh)"); done
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
results="$(mktemp)"
for part in "${parts[@]}"; do
  echo "== $part"
  bash "bench/compare/$part.sh" | tee -a "$results"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-40s %10s %10s %8s\n' comparison steward reference ratio
grep '^RATIO ' "$results" | while read -r _ name s r ratio; do printf '%-40s %9ss %9ss %8s\n' "$name" "$s" "$r" "$ratio"; done
rm -f "$results"
