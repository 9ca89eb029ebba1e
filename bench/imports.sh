#!/usr/bin/env bash
# Times the imports of issue 12 #11 with hyperfine: `positions import` of a CSV and of a JSON file, and
# `ledger import-json` of a legacy ledger, ROWS rows each (100,000 by default), each into a fresh SQLite database.
#
#   bench/imports.sh [CLI_DLL] [ROWS]
#
# CLI_DLL is a built MonitorCore.Cli.dll (default: the one ./monitorcore builds, artifacts/cli/). Seeded files, so two
# builds (before and after a change) import exactly the same bytes. Needs python3 and hyperfine (apt-get install hyperfine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dll="${1:-$root/artifacts/cli/MonitorCore.Cli.dll}"
rows="${2:-100000}"
if [[ ! -f "$dll" ]]; then
  "$root/monitorcore" --version >/dev/null
  dll="$root/artifacts/cli/MonitorCore.Cli.dll"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$rows" <<'PY'
import json, random, sys
work, rows = sys.argv[1], int(sys.argv[2])
rng = random.Random(12)
assets = [("SOL", 187.4), ("ETH", 3410.0), ("BTC", 97400.0)]
positions = []
for i in range(rows):
    asset, base = assets[i % 3]
    long = rng.random() < 0.5
    entry = round(base * rng.uniform(0.9, 1.1), 4)
    leverage = rng.uniform(1.1, 20)
    liq = round(entry * (1 - 1 / leverage) if long else entry * (1 + 1 / leverage), 4)
    size = round(rng.uniform(100, 10000), 2)
    positions.append({"id": f"pos-{i:06d}", "asset_type": asset, "position_type": "LONG" if long else "SHORT",
                      "entry_price": entry, "liquidation_price": liq, "size": size, "collateral": round(size / leverage, 2),
                      "current_price": round(entry * rng.uniform(0.97, 1.03), 4)})
columns = list(positions[0].keys())
with open(f"{work}/positions.csv", "w") as f:
    f.write(",".join(columns) + "\n")
    for p in positions:
        f.write(",".join(str(p[c]) for c in columns) + "\n")
with open(f"{work}/positions.json", "w") as f:
    f.write("[\n" + ",\n".join("  " + json.dumps(p) for p in positions) + "\n]\n")
with open(f"{work}/price_ledger.json", "w") as f:
    for i in range(rows):
        f.write(json.dumps({"timestamp": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i // 60) % 60:02d}Z",
                            "status": rng.choice(["Success", "success", "failed", "Warning"]),
                            "metadata": {"fetched": i % 5, "assets": {"BTC": 97000 + i % 1000}},
                            "duration_ms": round(rng.uniform(10, 900), 3), "run": i}) + "\n")
PY
ls -la "$work"

cli="dotnet $dll --db $work/bench.db"
clean="rm -f $work/bench.db $work/bench.db-wal $work/bench.db-shm"
head -1 "$work/positions.csv" > "$work/empty.csv"
cd "$work"
# The first command is the fixed cost (start-up, a new database's migrations, no row); the CPU time (user + sys)
# says more than the wall time on a machine shared with other work.
hyperfine --runs "${RUNS:-3}" --prepare "$clean" --export-json "$work/result.json" \
  -n "positions import CSV (header only)" "$cli positions import empty.csv" \
  -n "positions import CSV ($rows rows)" "$cli positions import positions.csv" \
  -n "positions import JSON ($rows rows)" "$cli positions import positions.json" \
  -n "ledger import-json ($rows lines)" "$cli ledger import-json price_ledger.json"
python3 - "$work/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print("| command | wall [s] | CPU user + sys [s] |")
print("|:---|---:|---:|")
for r in results:
    print(f"| {r['command']} | {r['mean']:.2f} ± {r['stddev'] or 0:.2f} | {r['user'] + r['system']:.2f} |")
PY
