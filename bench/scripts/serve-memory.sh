#!/usr/bin/env bash
# serve --demo memory: the resident set (RSS) of one `monitorcore serve --demo` process, sampled every
# SAMPLE seconds for MINUTES minutes, with the sonic cycle every 1 s (set through `monitorcore sonic
# interval 1s` before the start). Prints one CSV line per sample: elapsed_min,rss_mb,cycles.
#
#   bench/scripts/serve-memory.sh [MINUTES=60] [SAMPLE=60]
#
# MONITORCORE runs the CLI (default: ./monitorcore from this checkout); its database is a temporary
# SQLite file, removed at the end. The floor (issue 10): at most 120 MB, and flat after the first 10 minutes.
set -euo pipefail
minutes="${1:-60}"
sample="${2:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
read -r -a cli <<< "${MONITORCORE:-$root/monitorcore}"
work="$(mktemp -d)"
trap 'kill -TERM "${pid:-0}" 2>/dev/null || true; wait "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/demo.db"
"${cli[@]}" sonic interval 1s --demo --db "$db" > /dev/null 2>&1
"${cli[@]}" serve --demo --quiet --urls http://127.0.0.1:0 --db "$db" 2> "$work/serve.log" &
pid=$!
echo "elapsed_min,rss_mb,cycles"
start=$(date +%s)
for ((i = 0; i <= minutes * 60 / sample; i++)); do
  if ((i > 0)); then sleep "$sample"; fi
  # the CLI's process may be the dotnet host with the app as a child: take the deepest process of the tree
  target=$pid
  while child=$(pgrep -P "$target" | head -1) && [[ -n "$child" ]]; do target=$child; done
  rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$target/status")
  cycles=$(sqlite3 "$db" "SELECT COUNT(*) FROM monitor_ledger WHERE monitor_name = 'sonic_monitor'" 2>/dev/null || echo "?")
  printf '%.1f,%.1f,%s\n' "$(echo "($(date +%s) - $start) / 60" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)" "$cycles"
done
