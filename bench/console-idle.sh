#!/usr/bin/env bash
# The console's CPU while idle: `monitorcore console --demo` on a new database in a tmux pseudo-terminal
# (160x50), left alone for a warm-up, then its user + system CPU time (utime + stime of /proc/PID/stat)
# over a measured window, as a percentage of one core. Nothing is pressed; the console still reads the
# status every second and follows the event stream, and the screen redraws its ages every second.
#
#   bench/console-idle.sh [--warmup SECONDS] [--seconds SECONDS] [--dll PATH] [-- CONSOLE-ARGS...]
#
# Defaults: 60 s warm-up, 60 s measured, the CLI built by ./monitorcore (artifacts/cli). Extra arguments after
# `--` go to the console (e.g. `-- --read-only`). Needs tmux.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
warmup=60
seconds=60
dll="$root/artifacts/cli/MonitorCore.Cli.dll"
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --warmup) warmup="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --dll) dll="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "console-idle: unknown argument $1" >&2; exit 2 ;;
  esac
done

command -v tmux > /dev/null || { echo "console-idle: needs tmux (apt-get install tmux)" >&2; exit 1; }
if [[ "$dll" == "$root/artifacts/cli/MonitorCore.Cli.dll" ]]; then
  "$root/monitorcore" --help > /dev/null # builds the CLI when the sources changed
fi
dll="$(realpath "$dll")"

work="$(mktemp -d)"
socket="console-idle-$$"
cleanup() {
  tmux -L "$socket" kill-server 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

tmux -L "$socket" new-session -d -x 160 -y 50 -c "$work" \
  "exec dotnet '$dll' console --demo --db '$work/monitorcore.db' ${extra[*]:-}"
pid="$(tmux -L "$socket" display-message -p '#{pane_pid}')"

deadline=$((SECONDS + 60))
until tmux -L "$socket" capture-pane -p | grep -q "Monitors ("; do
  if ((SECONDS > deadline)); then
    echo "console-idle: the console did not draw its monitors within 60 s:" >&2
    tmux -L "$socket" capture-pane -p >&2
    exit 1
  fi
  sleep 0.5
done

cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; } # utime + stime, in clock ticks (fields 14 and 15; the name has no spaces)
hz="$(getconf CLK_TCK)"
echo "console-idle: pid $pid drawn; warming up ${warmup} s…" >&2
sleep "$warmup"
start_ticks="$(cpu)"
start_ns="$(date +%s%N)"
sleep "$seconds"
end_ticks="$(cpu)"
end_ns="$(date +%s%N)"
rss_kb="$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")"

awk -v t="$((end_ticks - start_ticks))" -v hz="$hz" -v ns="$((end_ns - start_ns))" -v rss="$rss_kb" 'BEGIN {
  cpu = t / hz; wall = ns / 1e9;
  printf "console-idle: %.2f s of CPU over %.1f s = %.2f %% of one core (RSS %.0f MB)\n", cpu, wall, 100 * cpu / wall, rss / 1024
}'
tmux -L "$socket" capture-pane -p | sed -n '1p;$p' >&2
