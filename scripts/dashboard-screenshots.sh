#!/usr/bin/env bash
# Writes docs/dashboard/*.png: the dashboard's browser test run once with STEWARD_DASHBOARD_SCREENSHOTS set
# (not part of CI: screenshots change with fonts and chromium versions).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-tools.sh
mkdir -p docs/dashboard
export STEWARD_DASHBOARD_SCREENSHOTS="$PWD/docs/dashboard"
dotnet test tests/Steward.Server.Tests -c Release -- --filter-class '*DashboardBrowserTests'
