#!/usr/bin/env bash
# Installs the Debian packages the tests use (real PostgreSQL, a real SMTP server, SQLite's shell,
# Chromium for the dashboard's browser tests, tmux for the console's terminal tests), only when they are
# missing. Needs root or sudo.
set -euo pipefail

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || missing+=(postgresql)
# Debian's python3 (not a pyenv one on PATH) is the one the package installs into.
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
command -v sqlite3 > /dev/null || missing+=(sqlite3)
# Playwright drives Debian's Chromium (tests/MonitorCore.Dashboard.Tests); it never downloads a browser of its own.
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
# The console runs in a real pseudo-terminal in tmux (tests/MonitorCore.Cli.Tests/ConsoleUi, bench/console-idle.sh).
command -v tmux > /dev/null || missing+=(tmux)

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo > /dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
