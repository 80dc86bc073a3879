# Sourced by bench/compare/*.sh (not a part itself: bench/compare.sh runs only *.sh): builds the CLI as users install it (Release, ReadyToRun for this
# platform, framework-dependent) once into $STEWARD_BENCH_DIR and sets STEWARD to its command. Falls
# back to a plain Release build (JIT) where the ReadyToRun packs are not available.
# best_of N CMD...: runs CMD N times (output discarded; exit status 0 or 1 accepted) and prints the
# fastest wall-clock time in seconds.
best_of() {
  local n="$1"; shift
  local best="" t start end status
  for _ in $(seq "$n"); do
    start=$(date +%s.%N)
    set +e; "$@" >/dev/null 2>&1; status=$?; set -e
    end=$(date +%s.%N)
    if [ "$status" -gt 1 ]; then echo "failed (exit $status): $*" >&2; "$@" >&2 || true; exit 1; fi
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best="$t"; fi
  done
  printf '%.3f\n' "$best"
}

# STEWARD_CLI=path/to/steward.dll skips the build and times that build instead.
STEWARD_BENCH_DIR="${STEWARD_BENCH_DIR:-${TMPDIR:-/tmp}/steward-bench-cli}"
if [ -n "${STEWARD_CLI:-}" ]; then
  STEWARD=(dotnet "$STEWARD_CLI")
  return 0
fi
if [ ! -f "$STEWARD_BENCH_DIR/.built-$(git rev-parse HEAD 2>/dev/null || echo tree)" ] || ! git diff --quiet HEAD -- src 2>/dev/null; then
  rm -rf "$STEWARD_BENCH_DIR"
  case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64) rid=linux-arm64 ;;
    *) rid="" ;;
  esac
  if [ -z "$rid" ] || ! dotnet publish src/Steward.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$STEWARD_BENCH_DIR" >&2; then
    echo "ReadyToRun publish failed: timing the portable Release build (JIT)" >&2
    dotnet build src/Steward.Cli -c Release -o "$STEWARD_BENCH_DIR" >&2
  fi
  touch "$STEWARD_BENCH_DIR/.built-$(git rev-parse HEAD 2>/dev/null || echo tree)"
fi
STEWARD=(dotnet "$STEWARD_BENCH_DIR/steward.dll")

