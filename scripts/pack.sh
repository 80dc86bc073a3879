#!/usr/bin/env bash
# Packs the steward tool and checks what a user on this machine (Linux x64) installs:
#   * dotnet pack makes the pointer package Steward.Cli and one package per platform;
#   * the linux-x64 package is at most 60 MB (60,000,000 bytes) — its real .nupkg size;
#   * `dotnet tool install --add-source ./nupkg` installs the linux-x64 package, whose
#     `steward --version` prints 0.1.0+<commit> and whose `steward check examples/governance` passes.
# Not part of scripts/test.sh: ReadyToRun compilation for four platforms takes minutes, and CI
# needs no package. Ends with one line "Pack: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
passed=0 failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }
finish() { echo "Pack: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/Steward.Cli/Steward.Cli.csproj)
rm -rf nupkg
if ! dotnet pack src/Steward.Cli -c Release; then fail "dotnet pack"; finish; fi

for rid in linux-x64 linux-arm64 osx-arm64 win-x64; do
  [ -f "nupkg/Steward.Cli.$rid.$version.nupkg" ] && ok "package for $rid" || fail "no package for $rid"
done
pointer="nupkg/Steward.Cli.$version.nupkg"
[ -f "$pointer" ] && [ "$(stat -c %s "$pointer")" -lt 100000 ] && ok "pointer package $pointer" || fail "pointer package $pointer missing or not small"

size=$(stat -c %s "nupkg/Steward.Cli.linux-x64.$version.nupkg" 2>/dev/null || echo 0)
echo "linux-x64 package: $size bytes"
[ "$size" -gt 0 ] && [ "$size" -le 60000000 ] && ok "linux-x64 package $size bytes <= 60,000,000" || fail "linux-x64 package is $size bytes (> 60,000,000)"

tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
if dotnet tool install --tool-path "$tools" Steward.Cli --version "$version" --add-source ./nupkg; then
  ok "dotnet tool install"
else
  fail "dotnet tool install"; finish
fi
[ -d "$tools/.store/steward.cli/$version/steward.cli.linux-x64" ] && ok "installed the linux-x64 package" || fail "the linux-x64 package was not installed"

shown=$("$tools/steward" --version)
[[ "$shown" =~ ^$version(\+[0-9a-f]{40})?$ ]] && ok "steward --version: $shown" || fail "steward --version printed '$shown'"
if command -v git > /dev/null && { [ -d .git ] || [ -f .git ]; }; then
  [ "$shown" = "$version+$(git rev-parse HEAD)" ] && ok "--version names HEAD" || fail "--version '$shown' is not $version+HEAD"
fi

"$tools/steward" check examples/governance > /dev/null && ok "steward check examples/governance exits 0" || fail "steward check examples/governance"
hint=$("$tools/steward" chek 2>&1)   # exit 2, by design
[[ "$hint" == *"Did you mean 'check'?"* ]] && ok "unknown command hint" || fail "unknown command hint: $hint"
finish
