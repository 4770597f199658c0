#!/usr/bin/env python3
"""Prints the Markdown table of benches/batch/README.md from measure.py's JSONL of runs.

    python3 benches/batch/summarize.py /tmp/batch_runs.jsonl

Per label: the runs, median wall time, rows/s at the median, median CPU seconds, peak RSS
(the largest of the runs), and the most other load any run saw. When both a 1,000-row and a
10,000-row run of one command exist, also the fixed start-up cost and the per-row cost they
imply (wall = start + rows x per_row), and the 100,000-row wall time they predict.
Python 3 standard library only.
"""

import json
import statistics
import sys


def main(path):
    runs = {}
    for line in open(path):
        r = json.loads(line)
        runs.setdefault(r["label"], []).append(r)
    print("| run | rows | n | median wall s | rows/s | median CPU s | peak RSS MB | max other load (cores) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    med = {}
    for label, rs in runs.items():
        w = statistics.median(r["wall_s"] for r in rs)
        cpu = statistics.median(r["user_s"] + r["sys_s"] for r in rs)
        rows = rs[0]["rows"]
        med[label] = (rows, w)
        print(
            f"| {label} | {rows:,} | {len(rs)} | {w:.2f} | {rows / w:,.0f} | {cpu:.2f} | "
            f"{max(r['peak_rss_mb'] for r in rs):.0f} | {max(r['other_load_cores'] for r in rs):.2f} |"
        )
    print()
    for label, (rows, w) in med.items():
        if rows != 1000:
            continue
        stem = label.rsplit("-1k", 1)[0]
        other = med.get(stem + "-10k")
        if other:
            per_row = (other[1] - w) / (other[0] - rows)
            start = w - rows * per_row
            print(
                f"- {stem}: start-up {start:.2f} s, {per_row * 1e3:.3f} ms/row "
                f"({1 / per_row:,.0f} rows/s once started); 100,000 rows predicted "
                f"{start + 100_000 * per_row:.1f} s"
            )


if __name__ == "__main__":
    main(sys.argv[1])
