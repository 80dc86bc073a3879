# Sourced by bench/compare/*.sh (not a part itself: bench/compare.sh runs only *.sh): builds the CLI as users install it (Release, ReadyToRun for this
# platform, framework-dependent) once into $STEWARD_BENCH_DIR and sets STEWARD to its command. Falls
# back to a plain Release build (JIT) where the ReadyToRun packs are not available.
# Timing helpers (best_of, best_of_alternating): lib/timing.bash.
source "$(dirname "${BASH_SOURCE[0]}")/timing.bash"

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

