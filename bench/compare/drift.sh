#!/usr/bin/env bash
# Whole-process comparison (issue #14): `steward analyze drift --method ks` on two CSV files of
# 500,000 rows x 10 numeric columns against pandas read_csv + scipy.stats.ks_2samp per column (Debian's
# python3-pandas / python3-scipy, installed with apt-get when missing). Best of three each, the two tools alternating run by run; the two
# outputs are compared (statistic to 1e-9); prints "RATIO drift-csv-ks <steward s> <pandas+scipy s> <ratio>".
# Goal: ratio <= 0.25. Environment: DRIFT_ROWS (default 500000), RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/compare
rows="${DRIFT_ROWS:-500000}"
runs="${RUNS:-3}"
python=/usr/bin/python3
if ! "$python" -c 'import pandas, scipy' 2>/dev/null; then
  echo "installing python3-pandas and python3-scipy" >&2
  apt-get update >&2 && apt-get install -y python3-pandas python3-scipy bc >&2
fi
command -v bc >/dev/null || { apt-get update >&2 && apt-get install -y bc >&2; }
source "$here/lib/steward-cli.bash"

data="${TMPDIR:-/tmp}/steward-bench-drift-$rows"
if [ ! -f "$data/current.csv" ]; then
  "$python" bench/generate-drift-csv.py "$data.tmp" "$rows"
  rm -rf "$data" && mv "$data.tmp" "$data"
fi

steward_cmd=("${STEWARD[@]}" analyze drift --reference "$data/reference.csv" --current "$data/current.csv" --method ks --format json)
reference_cmd=("$python" "$here/drift_reference.py" "$data/reference.csv" "$data/current.csv")

# Same answers first: per column the KS statistic and p-value of both tools.
set +e; "${steward_cmd[@]}" > "$data/steward.json"; set -e
"${reference_cmd[@]}" > "$data/reference.txt"
"$python" - "$data/steward.json" "$data/reference.txt" <<'PY'
import json, sys
steward = {c["column"]: (c["statistic"], c["p_value"]) for c in json.load(open(sys.argv[1]))["columns"]}
for line in open(sys.argv[2]):
    name, d, p = line.split()
    sd, sp = steward[name]
    assert abs(sd - float(d)) <= 1e-9 * max(1, abs(float(d))), (name, sd, d)
    assert abs(sp - float(p)) <= 1e-9 * max(1e-300, abs(float(p))) or abs(sp - float(p)) < 1e-12, (name, sp, p)
print(f"same statistics and p-values as scipy for {len(steward)} columns", file=sys.stderr)
PY

read -r s r < <(best_of_alternating "$runs" "${steward_cmd[@]}" -- "${reference_cmd[@]}")
echo "RATIO drift-csv-ks $s $r $(echo "scale=3; $s / $r" | bc -l)"
