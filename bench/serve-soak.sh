#!/usr/bin/env bash
# serve's memory over a long run: `monitorcore serve --demo` on a new database with the cycle at 1 s and
# the API on a free loopback port, its resident set size (VmRSS) sampled every minute. Prints one line per
# sample and a verdict against the floor of issue 10: at most 120 MB, and flat after the first 10 minutes
# (the growth from minute 10 to the end, and the least-squares slope over those samples in MB per hour).
#
#   bench/serve-soak.sh [--minutes N] [--interval-seconds N] [--publish-dir DIR]
#
# Defaults: 60 minutes, 1 s cycle. The CLI is published to a folder of its own first (so a rebuild of the
# checkout during the soak cannot touch the running binaries).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=60
interval=1
publish=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --interval-seconds) interval="$2"; shift 2 ;;
    --publish-dir) publish="$2"; shift 2 ;;
    *) echo "serve-soak: unknown argument $1 (use --minutes, --interval-seconds, --publish-dir)" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
publish="${publish:-$work/bin}"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "serve-soak: publishing the CLI to $publish" >&2
dotnet publish "$root/src/MonitorCore.Cli/MonitorCore.Cli.csproj" -c Release -o "$publish" -nologo -v quiet > /dev/null

cd "$work"
dotnet "$publish/MonitorCore.Cli.dll" sonic interval "${interval}s" --demo > /dev/null
MONITORCORE_Logging__LogLevel__Default=Warning \
  dotnet "$publish/MonitorCore.Cli.dll" serve --demo --urls http://127.0.0.1:0 > "$work/serve.log" 2>&1 &
pid=$!

samples=()
printf "%-7s %-9s %s\n" minute rss_mb cycles
for ((m = 0; m <= minutes; m++)); do
  if ((m > 0)); then sleep 60; fi
  kill -0 "$pid" 2> /dev/null || { echo "serve-soak: serve stopped; its log:" >&2; tail -20 "$work/serve.log" >&2; exit 1; }
  rss_kb="$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")"
  cycles="$(sqlite3 "$work/data/demo.db" "select count(*) from monitor_ledger where monitor_name = 'sonic_monitor'" 2> /dev/null || echo "?")"
  samples+=("$m $rss_kb")
  printf "%-7s %-9.1f %s\n" "$m" "$(echo "$rss_kb / 1024" | bc -l)" "$cycles"
done

printf "%s\n" "${samples[@]}" | awk -v floor=120 '
  { t[NR] = $1; r[NR] = $2 / 1024; if (r[NR] > max) max = r[NR] }
  $1 == 10 { at10 = $2 / 1024 }
  $1 >= 10 { n++; sx += $1; sy += $2 / 1024; sxx += $1 * $1; sxy += $1 * $2 / 1024; last = $2 / 1024 }
  END {
    slope = n > 1 ? (n * sxy - sx * sy) / (n * sxx - sx * sx) * 60 : 0
    printf "serve-soak: max %.1f MB (floor 120 MB: %s); minute 10 -> end: %+.1f MB, slope %+.2f MB/h\n", \
      max, max <= floor ? "met" : "MISSED", last - at10, slope
  }'
