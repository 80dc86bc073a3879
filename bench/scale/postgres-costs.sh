#!/usr/bin/env bash
# Scale figures of the PostgreSQL cost store (issue 17; docs/benchmarks.md):
#   1. `steward cost import` of a 1,000,000-row FOCUS CSV into PostgreSQL (DuckDB reads and checks the
#      file in memory, rows stream into PostgreSQL by binary COPY in the import's transaction);
#   2. `steward cost report` by 3 dimensions over 10,000,000 stored rows (the import's 1,000,000 plus
#      9,000,000 written by SQL in the same shape: the report reads stored rows, not files).
# Starts a throw-away PostgreSQL cluster (Debian's postgresql; as root it runs as the postgres user),
# removes it afterwards. Usage: bench/scale/postgres-costs.sh [IMPORT_ROWS] [STORED_ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
IMPORT_ROWS=${1:-1000000}
STORED_ROWS=${2:-10000000}
PORT=${STEWARD_BENCH_PG_PORT:-54329}
WORK=$(mktemp -d /tmp/steward-pg-bench.XXXXXX)
chmod 755 "$WORK"
BIN=$(dirname "$(command -v initdb)")
RUN=()
if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); chown postgres "$WORK"; fi
cleanup() { "${RUN[@]}" "$BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

"${RUN[@]}" "$BIN/initdb" -D "$WORK/data" -U steward --auth=trust >/dev/null
"${RUN[@]}" "$BIN/pg_ctl" -D "$WORK/data" -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB" -l "$WORK/log" -w start >/dev/null
psql -h 127.0.0.1 -p "$PORT" -U steward -d postgres -qc "CREATE DATABASE bench"
STORE="postgresql://steward@127.0.0.1:$PORT/bench"

[ -n "${STEWARD_BENCH_NO_BUILD:-}" ] || dotnet build src/Steward.Cli -c Release -v q >/dev/null
STEWARD=(dotnet src/Steward.Cli/bin/Release/net10.0/steward.dll)
python3 bench/scale/generate-focus.py "$IMPORT_ROWS" "$WORK/focus.csv"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== cost import: $IMPORT_ROWS rows into PostgreSQL"
/usr/bin/time -f "%e s elapsed, %M KiB peak RSS" "${STEWARD[@]}" cost import "$WORK/focus.csv" --store "$STORE"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

EXTRA=$((STORED_ROWS - IMPORT_ROWS))
echo "== writing $EXTRA more rows of the same shape with SQL (import 2)"
psql -h 127.0.0.1 -p "$PORT" -U steward -d bench -q <<SQL
INSERT INTO cost_focus (import_id, BilledCost, EffectiveCost, ListCost, BillingCurrency, ChargePeriodStart, ChargePeriodEnd,
    BillingPeriodStart, BillingPeriodEnd, ProviderName, ServiceName, ChargeCategory, RegionId, ResourceId, Tags)
SELECT 2, round((i % 997) / 100.0, 6), round((i % 997) / 120.0, 6), round((i % 997) / 90.0, 6), 'USD',
       TIMESTAMPTZ '2025-01-01 00:00:00+00' + make_interval(hours => (i % 2160)::int),
       TIMESTAMPTZ '2025-01-01 00:00:00+00' + make_interval(hours => (i % 2160)::int + 1),
       TIMESTAMPTZ '2025-01-01 00:00:00+00', TIMESTAMPTZ '2025-04-01 00:00:00+00',
       (ARRAY['AWS', 'Microsoft', 'Google Cloud'])[i % 3 + 1], 'service-' || (i % 50), 'Usage', 'region-' || (i % 10),
       'resource-' || (i % 100000), jsonb_build_object('team', 'team-' || (i % 20), 'env', (ARRAY['dev', 'prod'])[i % 2 + 1])
FROM generate_series($IMPORT_ROWS, $STORED_ROWS - 1) AS t(i);
VACUUM ANALYZE cost_focus;
SQL
psql -h 127.0.0.1 -p "$PORT" -U steward -d bench -Atc "SELECT 'stored rows: ' || count(*) || ', table ' || pg_size_pretty(pg_total_relation_size('cost_focus')) FROM cost_focus"

for dims in "ServiceName,RegionId,tag:team" "ProviderName,ServiceName,ChargePeriodStart:month"; do
  for run in 1 2; do
    echo "== cost report --group-by $dims (run $run), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "%e s elapsed, %M KiB peak RSS" "${STEWARD[@]}" cost report --group-by "$dims" --format csv --store "$STORE" | tail -n 1
  done
done
