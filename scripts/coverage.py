#!/usr/bin/env python3
"""Merges the Cobertura reports of every test project and checks line coverage.

A line counts as covered when any test project covered it. Prints the total and the
least-covered files; exits 1 when the total is under the minimum.

usage: coverage.py RESULTS_DIR [--min PERCENT]
"""
import argparse
import glob
import os
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="folder holding */coverage.cobertura.xml")
    parser.add_argument("--min", type=float, default=85.0, help="minimum line coverage in percent")
    args = parser.parse_args()

    reports = glob.glob(os.path.join(args.results, "**", "coverage.cobertura.xml"), recursive=True)
    if not reports:
        print(f"coverage: no coverage.cobertura.xml under {args.results}", file=sys.stderr)
        return 1

    lines: dict[tuple[str, int], bool] = {}
    for report in reports:
        root = ET.parse(report).getroot()
        sources = [s.text or "" for s in root.iter("source")]
        for cls in root.iter("class"):
            name = cls.get("filename", "")
            path = name if os.path.isabs(name) or not sources else os.path.join(sources[0], name)
            path = os.path.normpath(path)
            if "/obj/" in path:
                continue
            for line in cls.iter("line"):
                key = (path, int(line.get("number", "0")))
                lines[key] = lines.get(key, False) or int(line.get("hits", "0")) > 0

    per_file: dict[str, list[int]] = {}
    for (path, _), hit in lines.items():
        counts = per_file.setdefault(path, [0, 0])
        counts[0] += 1
        counts[1] += 1 if hit else 0

    total = sum(c[0] for c in per_file.values())
    covered = sum(c[1] for c in per_file.values())
    percent = 100.0 * covered / total if total else 0.0
    worst = sorted(per_file.items(), key=lambda kv: kv[1][1] / kv[1][0])[:10]
    print(f"coverage: {covered}/{total} lines = {percent:.2f}% over {len(per_file)} files ({len(reports)} reports)")
    for path, (all_lines, hit) in worst:
        print(f"  {100.0 * hit / all_lines:6.1f}%  {os.path.relpath(path)}")
    if percent < args.min:
        print(f"coverage: {percent:.2f}% is under the minimum of {args.min:.0f}%", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
