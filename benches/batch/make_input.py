#!/usr/bin/env python3
"""Writes the vendor file for the batch-throughput measurement (Python 3 standard library only).

    python3 benches/batch/make_input.py \
        --negatives ../shared/eval/peer/yente/candgen_negatives_global.csv \
        --positives ../shared/eval/dev/*.csv \
        --rows 100000 --seed 20240513 --output /tmp/vendors_100k.csv

The output is a CSV with the header `id,name,country,dob`, which `redflag screen` detects
on its own (src/screen/columns.rs: `id`, `name`, `country`, `dob`).

Where the names come from:
- negatives: `full_name`, `nationality`, `date_of_birth` of every row of the yente
  candidate-generation negatives (synthetic people who are on no list, many scripts);
- positives: `name`, `country`, `dob` of every row with a non-empty `expected` column of the
  dev eval CSVs (query spellings of listed names: Latin variants, Hangul, Han). Files without
  an `expected` column (the watchlists, the meta file) are skipped.

The pool (negatives + positives) is shuffled with a seeded `random.Random`, written, and
reshuffled for each further pass until `--rows` rows are written; so every name appears
about rows / pool times, in a different order each pass. Same inputs + seed = same bytes.

The inputs live outside the repository and are not committed (part of them is CC BY-NC).
"""

import argparse
import csv
import random
import sys


def read_negatives(path):
    out = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = (row.get("full_name") or "").strip()
            if name:
                out.append(
                    (
                        name,
                        (row.get("nationality") or "").strip(),
                        (row.get("date_of_birth") or "").strip(),
                    )
                )
    return out


def read_positives(paths):
    out = []
    for path in paths:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            fields = reader.fieldnames or []
            if "expected" not in fields or "name" not in fields:
                continue
            for row in reader:
                name = (row.get("name") or "").strip()
                if name and (row.get("expected") or "").strip():
                    out.append(
                        (
                            name,
                            (row.get("country") or "").strip(),
                            (row.get("dob") or "").strip(),
                        )
                    )
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--negatives", required=True, help="yente candgen_negatives_global.csv")
    p.add_argument(
        "--positives", nargs="+", required=True, help="dev eval CSVs (rows with `expected`)"
    )
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=20240513)
    p.add_argument("--output", required=True)
    args = p.parse_args(argv)

    negatives = read_negatives(args.negatives)
    positives = read_positives(sorted(args.positives))
    pool = negatives + positives
    if not pool:
        sys.exit("no names read")
    rng = random.Random(args.seed)
    written = 0
    with open(args.output, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "country", "dob"])
        while written < args.rows:
            batch = pool[:]
            rng.shuffle(batch)
            for name, country, dob in batch[: args.rows - written]:
                written += 1
                w.writerow([f"v{written:06d}", name, country, dob])
    print(
        f"{args.output}: {written} rows from {len(negatives)} negatives + "
        f"{len(positives)} positives (seed {args.seed})",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
