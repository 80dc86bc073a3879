#!/usr/bin/env bash
# Installs the Debian packages that tests run for real when they are missing (scripts/test.sh calls it),
# in one apt-get run:
# - prometheus and promtool: the Prometheus usage import is tested against a real server;
# - chromium: the dashboard's browser tests drive it through Microsoft.Playwright (whose driver ships
#   in its NuGet package; Playwright's own browser download is never used);
# - postgresql: the store contract tests run against a real server (a throw-away cluster made with
#   initdb/pg_ctl in a temporary folder, tests/TestSupport/Store/PostgresServer.cs).
# Without root or sudo it only says what is missing; the tests that need the tool then fail and say so.
set -uo pipefail
missing=()
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "test-tools: missing ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2; exit 0
  fi
fi
echo "test-tools: installing ${missing[*]} (apt-get)" >&2
$sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "test-tools: apt-get install ${missing[*]} failed" >&2
