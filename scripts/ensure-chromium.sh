#!/usr/bin/env bash
# The dashboard's browser tests (tests/Steward.Server.Tests/Dashboard/DashboardBrowserTests.cs) drive
# Debian's chromium through Microsoft.Playwright (whose driver ships in its NuGet package; Playwright's own
# browser download is not used). Installs it when missing, as root with apt-get; otherwise says how.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing chromium for the dashboard's browser tests (apt-get)..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
fi
echo "warning: /usr/bin/chromium is missing; the dashboard's browser test will fail (install Debian's chromium package)" >&2
exit 0
