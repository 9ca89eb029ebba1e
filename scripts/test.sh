#!/usr/bin/env bash
# Runs every test (unit, SQLite, PostgreSQL, CLI) with coverage, and fails under 85 % of lines.
# Installs what the tests need first (PostgreSQL, aiosmtpd) when it is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-deps.sh

results="$root/artifacts/coverage"
rm -rf "$results"
dotnet test MonitorCore.sln -c Release \
  --collect "XPlat Code Coverage" --settings tests/coverage.runsettings \
  --results-directory "$results" --logger "console;verbosity=minimal" "$@"

python3 scripts/coverage.py "$results" --min "${COVERAGE_MIN:-85}"
