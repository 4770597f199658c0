#!/usr/bin/env python3
"""Writes the three screening inputs of the false-alert review from yente's 50,000 global
negatives (candgen_negatives_global.csv): with birth date, nationality and kind=person
(neg_kind.csv), with birth date and nationality (neg_ev.csv), and the name alone
(neg_name.csv, no other column, so nothing is detected as evidence).

    python3 benches/quality/negatives.py ../shared/eval/peer/yente/candgen_negatives_global.csv OUT_DIR
"""
import csv
import os
import sys

source, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rows = list(csv.DictReader(open(source, encoding="utf-8")))
shapes = {
    "kind": ["full_name", "date_of_birth", "nationality", "kind"],
    "ev": ["full_name", "date_of_birth", "nationality"],
    "name": ["full_name"],
}
for mode, columns in shapes.items():
    with open(os.path.join(out, f"neg_{mode}.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id"] + columns)
        for i, r in enumerate(rows):
            w.writerow([i] + [("person" if c == "kind" else r[c]) for c in columns])
print(f"{len(rows)} rows in each of {', '.join(shapes)}")
