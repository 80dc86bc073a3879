#!/usr/bin/env bash
# Load benchmark of the admission webhook (issue #15): starts `steward serve` on examples/governance,
# drives POST /admission/validate with hey (installed with apt-get when missing) and prints p50, p99,
# max and reviews per second, for a review that is denied (a policy finding) and one that is allowed.
# The goal: p99 <= 10 ms and >= 1,000 reviews/s on the 2-core reference machine.
# Usage: bash bench/admission/run.sh [REQUESTS] [CONCURRENCY]   (defaults 20000 and 16)
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-20000}"
concurrency="${2:-16}"
port="${STEWARD_BENCH_PORT:-18443}"

if ! command -v hey >/dev/null; then
  echo "installing hey (apt-get)"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hey >/dev/null
fi

dotnet build src/Steward.Cli -c Release -v q -nologo >/dev/null
steward=src/Steward.Cli/bin/Release/net10.0/steward
work="$(mktemp -d)"
"$steward" serve examples/governance --listen "127.0.0.1:$port" --store "$work/steward.duckdb" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null

# The repository's credit-scoring Deployment (manifests/risk/credit-scoring.yaml) as the API server
# sends it, with a CPU limit of 4 (denied by policies/inference_resources.rego) or 1 (allowed).
review() {
  local operation="$1" cpu="$2"
  cat <<JSON
{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
"kind":{"group":"apps","version":"v1","kind":"Deployment"},"resource":{"group":"apps","version":"v1","resource":"deployments"},
"name":"credit-scoring","namespace":"risk","operation":"$operation",
"userInfo":{"username":"system:serviceaccount:argocd:argocd-application-controller","groups":["system:serviceaccounts","system:authenticated"]},
"object":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"credit-scoring","namespace":"risk","uid":"7b6cbc23-5a2b-4f59-9c44-0b1f2a9d3e11","generation":2,
"creationTimestamp":"2026-12-01T09:00:00Z","labels":{"app":"credit-scoring-ai","team":"risk","cost-center":"cc-1001","app.kubernetes.io/managed-by":"steward"}},
"spec":{"replicas":3,"selector":{"matchLabels":{"app":"credit-scoring-ai"}},"template":{"metadata":{"creationTimestamp":null,
"labels":{"app":"credit-scoring-ai","team":"risk","cost-center":"cc-1001","steward.dev/model":"credit-scoring","steward.dev/model-version":"1.3.0"}},
"spec":{"containers":[{"name":"ai-inference-model","image":"registry.example.com/risk/credit-scoring:1.3.0@sha256:3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a",
"ports":[{"containerPort":8080,"protocol":"TCP"}],"resources":{"requests":{"cpu":"500m","memory":"1Gi"},"limits":{"cpu":"$cpu","memory":"2Gi"}},
"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],
"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}},
"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},"revisionHistoryLimit":10,"progressDeadlineSeconds":600},"status":{}},
"dryRun":false,"options":{"kind":"CreateOptions","apiVersion":"meta.k8s.io/v1"}}}
JSON
}
review CREATE 4 >"$work/deny.json"
review UPDATE 1 >"$work/allow.json"
curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @"$work/deny.json" "http://127.0.0.1:$port/admission/validate" | grep -q '"allowed":false'
curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @"$work/allow.json" "http://127.0.0.1:$port/admission/validate" | grep -q '"allowed":true'

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); hey and the server share it"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: JIT and tiered compilation of the review path.
hey -n 3000 -c "$concurrency" -m POST -T application/json -D "$work/deny.json" "http://127.0.0.1:$port/admission/validate" >/dev/null

# CPU seconds the server process has used (user + system): per review, a figure the machine's other load does not inflate.
cpu_seconds() { awk -v tck="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / tck }' "/proc/$server/stat"; }

run() {
  local name="$1" body="$2" n="$3" c="$4"
  local out before after
  before="$(cpu_seconds)"
  out="$(hey -n "$n" -c "$c" -m POST -T application/json -D "$body" "http://127.0.0.1:$port/admission/validate")"
  after="$(cpu_seconds)"
  if grep -E '^\s+\[[0-9]{3}\]\s+[0-9]+ responses' <<<"$out" | grep -qv '\[200\]'; then
    echo "$out" >&2
    echo "$name: not every response was 200" >&2
    exit 1
  fi
  awk -v name="$name" -v c="$c" -v n="$n" -v cpu="$(awk -v a="$after" -v b="$before" -v n="$n" 'BEGIN { printf "%.3f", (a - b) * 1000 / n }')" '
    /Requests\/sec:/ { rps = $2 }
    /Slowest:/ { max = $2 * 1000 }
    /  50% in/ { p50 = $3 * 1000 }
    /  99% in/ { p99 = $3 * 1000 }
    END { printf "%-6s c=%-3d n=%-6d p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %6.0f reviews/s  server CPU %.3f ms/review\n", name, c, n, p50, p99, max, rps, cpu }' <<<"$out"
}
run deny "$work/deny.json" "$requests" "$concurrency"
run allow "$work/allow.json" "$requests" "$concurrency"
run deny "$work/deny.json" "$((requests / 4))" 1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
