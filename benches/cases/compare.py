#!/usr/bin/env python3
"""Checks that a rescreen found what a full run finds on the changed entities.

    python3 benches/cases/compare.py DIFF.json FULL.csv DELTA.csv

FULL.csv: `redflag screen` of the population against the new lists; DELTA.csv: `redflag
rescreen` after screening it against the old ones. The full run's hits and reviews on an
added or changed entity, as (case_key, entity_id, score), must be exactly the rescreen's
`new hit` and `entity changed` findings. Prints both counts and any difference.
"""

import csv
import json
import sys


def main():
    diff_path, full_path, delta_path = sys.argv[1:4]
    diff = json.load(open(diff_path, encoding="utf-8"))
    touched = {e["id"] for e in diff["added"] + diff["changed"]}
    full = set()
    for row in csv.DictReader(open(full_path, newline="", encoding="utf-8")):
        if row["decision"] in ("hit", "review") and row["entity_id"] in touched:
            full.add((row["id"], row["entity_id"], row["score"]))
    delta = set()
    for row in csv.DictReader(open(delta_path, newline="", encoding="utf-8")):
        if row["change"] in ("new hit", "entity changed"):
            delta.add((row["case_key"], row["entity_id"], row["score"]))
    print(f"full run, on changed entities: {len(full)}; rescreen: {len(delta)}")
    for only, name in ((full - delta, "only in the full run"), (delta - full, "only in the rescreen")):
        for item in sorted(only)[:20]:
            print(f"  {name}: {item}")
    sys.exit(0 if full == delta else 1)


if __name__ == "__main__":
    main()
