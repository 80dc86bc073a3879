#!/usr/bin/env bash
# The monitor scale benchmark (issue #17): ROWS inference rows (default 10,000,000) ingested into a DuckDB
# store and into a PostgreSQL store (a throw-away cluster of Debian's postgresql on a free loopback port,
# removed afterwards), then `steward monitor run` over all of them on each; wall time and peak RSS of each
# command from /usr/bin/time -v. Builds nothing: run `dotnet build src/Steward.Cli -c Release` first.
# Usage: bench/monitor-scale/run.sh [ROWS] [DAYS]   (WORK=folder to keep the data, default a temp folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rows=${1:-10000000}
days=${2:-10}
work=${WORK:-$(mktemp -d /tmp/steward-monitor-scale.XXXXXX)}
mkdir -p "$work"
# A copy of the build, so that building again while the benchmark runs does not change what it measures.
mkdir -p "$work/bin" && cp -r "$root/src/Steward.Cli/bin/Release/net10.0/." "$work/bin/"
steward=(dotnet "$work/bin/steward.dll")
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$work"
[ -f "$work/log.csv" ] || "$here/generate-inference-log.sh" "$work" "$rows" "$days"

# A throw-away cluster, as the tests' PostgresServer makes one (as root, owned by postgres).
pg="$work/pg"; rm -rf "$pg"; mkdir -p "$pg"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo bench-password > "$pg/password"
as_pg=(); [ "$(id -u)" = 0 ] && { chown -R postgres:postgres "$pg"; as_pg=(runuser -u postgres --); }
"${as_pg[@]}" "$pgbin/initdb" -D "$pg/data" -U steward --pwfile "$pg/password" --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w start -o "-p $port -k $pg -c listen_addresses=127.0.0.1" >/dev/null
trap '"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null || true' EXIT
echo "127.0.0.1:$port:*:steward:bench-password" > "$work/pgpass"; chmod 600 "$work/pgpass"
PGPASSFILE="$work/pgpass" "$pgbin/psql" -h 127.0.0.1 -p "$port" -U steward -d postgres -qc "CREATE DATABASE bench" 
export PGPASSFILE="$work/pgpass"

measure() { # NAME COMMAND...: prints NAME, wall seconds, peak RSS MB, exit code
  local name=$1; shift
  local code=0
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/$name.out" 2> "$work/$name.err" || code=$?
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{printf "%.0f", $NF / 1024}')
  echo "| $name | $wall | $rss MB | exit $code |"
}

echo "rows=$rows days=$days work=$work nproc=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$work/steward.duckdb"
for store in "$work/steward.duckdb" "postgresql://steward@127.0.0.1:$port/bench"; do
  engine=$([ "${store#postgresql}" = "$store" ] && echo duckdb || echo postgresql)
  measure "ingest-$engine" "${steward[@]}" ingest inferences --model bench --version 1.0 "$work/log.csv" --store "$store"
  measure "monitor-run-$engine" "${steward[@]}" monitor run "$work/repo" --store "$store" --format json
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
cmp "$work/monitor-run-duckdb.out" "$work/monitor-run-postgresql.out" && echo "monitor run JSON: identical on both stores"
