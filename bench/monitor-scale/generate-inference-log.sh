#!/usr/bin/env bash
# Writes the inference log and governance repository of the monitor scale benchmark (issue #17):
# OUT/log.csv with ROWS rows (default 10,000,000) spread evenly over DAYS days (default 10) from
# 2026-01-05, columns timestamp,x,c,g,pred,label (x numeric, c a category, g a protected attribute,
# pred/label 0/1; from day 7 on x shifts by +0.5 and the selection rate of g=F drops), and OUT/repo with
# a daily Monitor (drift_share, drift.x, drift.c, demographic_parity_difference, equalized_odds_difference,
# accuracy, f1) and its 100,000-row reference. awk with a fixed seed: every run writes the same bytes.
# Usage: bench/monitor-scale/generate-inference-log.sh OUT [ROWS] [DAYS]
set -euo pipefail
out=$1
rows=${2:-10000000}
days=${3:-10}
mkdir -p "$out/repo/monitors" "$out/repo/data"
awk -v rows="$rows" -v days="$days" 'BEGIN {
  srand(42); print "timestamp,x,c,g,pred,label"
  per = int(rows / days); step = 86400 / per; start = 1767571200  # 2026-01-05T00:00:00Z
  for (i = 0; i < rows; i++) {
    day = int(i / per); if (day >= days) day = days - 1
    t = start + day * 86400 + (i - day * per) * step
    s = int(t); us = int((t - s) * 1000000)
    x = (rand() + rand() + rand() + rand() - 2) * 1.7 + (day >= 7 ? 0.5 : 0)
    g = rand() < 0.5 ? "F" : "M"
    cut = (day >= 7 && g == "F") ? 0.3 : 0.5
    pred = rand() < cut ? 1 : 0
    label = rand() < 0.8 ? pred : 1 - pred
    r = rand(); c = r < 0.5 ? "a" : (r < 0.8 ? "b" : "c")
    printf "%s.%06d,%.4f,%s,%s,%d,%d\n", strftime("%Y-%m-%d %H:%M:%S", s, 1), us, x, c, g, pred, label
  }
}' > "$out/log.csv"
awk 'BEGIN { srand(7); print "x,c"
  for (i = 0; i < 100000; i++) { x = (rand() + rand() + rand() + rand() - 2) * 1.7; r = rand()
    printf "%.4f,%s\n", x, (r < 0.5 ? "a" : (r < 0.8 ? "b" : "c")) } }' > "$out/repo/data/reference.csv"
cat > "$out/repo/monitors/bench.yaml" <<'YAML'
apiVersion: steward.dev/v1alpha1
kind: Monitor
metadata:
  name: bench
spec:
  model: bench
  version: "1.0"
  reference: data/reference.csv
  features: [x, c]
  categoricalFeatures: [c]
  prediction: pred
  label: label
  protectedAttributes: [g]
  window: daily
  metrics:
    drift_share: { max: 0.3 }
    demographic_parity_difference: { max: 0.1 }
    equalized_odds_difference: { max: 0.1 }
    accuracy: { min: 0.75 }
    f1: { min: 0.5 }
YAML
