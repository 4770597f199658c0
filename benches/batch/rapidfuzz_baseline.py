#!/usr/bin/env python3
"""The baseline for `redflag screen`: what a Python user would write with rapidfuzz.

    pip install rapidfuzz numpy
    python3 benches/batch/rapidfuzz_baseline.py /tmp/vendors_100k.csv \
        --lists data/*.xml.gz --output /tmp/baseline.csv [--limit N] [--method cdist]

1. Loads every name of the shipped lists (gzip XML, parsed with xml.etree.iterparse):
   - OFAC SDN and consolidated (`sdnEntry`): `firstName lastName` of the entry and of each
     `aka`;
   - UN consolidated: FIRST_NAME..FOURTH_NAME of each INDIVIDUAL / ENTITY joined, and each
     ALIAS_NAME;
   - EU financial sanctions: every `nameAlias` `wholeName`.
   Names are deduplicated after `utils.default_process` (lowercase, non-alphanumerics to
   spaces, trimmed), done once for all list names.
2. For each input row (the `name` column), the best list name under
   `fuzz.token_sort_ratio` with `score_cutoff=85`, and writes one line per row:
   `id,name,best_list_name,score` (empty name/score when nothing reaches 85).

Methods (`--method`):
- `cdist` (default): `process.cdist(queries, names, scorer=fuzz.token_sort_ratio,
  score_cutoff=85, dtype=uint8, workers=N)` over chunks of 500 rows, then argmax per row.
  This is the fast way rapidfuzz offers for many-against-many: it is C++ end to end and
  runs on `--workers` threads (default 2, the cores of the measuring machine; the engine
  also uses every core), where `extractOne` is one Python call per row on one core. The
  chunks keep the score matrix small (500 x ~40k bytes).
- `extractone`: `process.extractOne(name, names, scorer=fuzz.token_sort_ratio,
  processor=None, score_cutoff=85)` per row, with the query processed by
  `utils.default_process` and the list names processed once beforehand (passing
  `processor=utils.default_process` would re-process all ~40k list names on every call).

`--limit N` screens only the first N rows (the baseline is slow; extrapolate from a subset).
Timing: prints list-load time, matching time and rows/s to stderr.
"""

import argparse
import csv
import gzip
import sys
import time
import xml.etree.ElementTree as ET

import numpy as np
from rapidfuzz import fuzz, process, utils


def local(tag):
    return tag.rsplit("}", 1)[-1]


def child_text(elem, name):
    for c in elem:
        if local(c.tag) == name:
            return (c.text or "").strip()
    return ""


def names_of_file(path):
    """Every name in one list file, whichever of the three formats it is."""
    out = []
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        for _event, elem in ET.iterparse(f, events=("end",)):
            tag = local(elem.tag)
            if tag in ("sdnEntry", "aka"):
                # OFAC: an entry's own name and each a.k.a.; clear an entry when done
                # (its akas were already read at their own end events).
                name = " ".join(
                    p for p in (child_text(elem, "firstName"), child_text(elem, "lastName")) if p
                )
                if name:
                    out.append(name)
                if tag == "sdnEntry":
                    elem.clear()
            elif tag in ("INDIVIDUAL", "ENTITY"):
                parts = [
                    child_text(elem, n)
                    for n in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
                ]
                name = " ".join(p for p in parts if p)
                if name:
                    out.append(name)
                for c in elem:
                    if local(c.tag) in ("INDIVIDUAL_ALIAS", "ENTITY_ALIAS"):
                        alias = child_text(c, "ALIAS_NAME")
                        if alias:
                            out.append(alias)
                elem.clear()
            elif tag == "nameAlias":
                whole = (elem.get("wholeName") or "").strip()
                if whole:
                    out.append(whole)
            elif tag == "sanctionEntity":
                elem.clear()
    return out


def load_names(paths):
    raw = []
    for p in paths:
        raw.extend(names_of_file(p))
    seen = {}
    for n in raw:
        key = utils.default_process(n)
        if key and key not in seen:
            seen[key] = n
    return raw, list(seen.keys()), list(seen.values())


def read_rows(path, limit):
    with open(path, newline="", encoding="utf-8") as f:
        rows = []
        for row in csv.DictReader(f):
            rows.append((row.get("id", ""), row.get("name", "")))
            if limit and len(rows) >= limit:
                break
    return rows


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input")
    p.add_argument("--lists", nargs="+", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--method", choices=("cdist", "extractone"), default="cdist")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--chunk", type=int, default=500)
    p.add_argument("--cutoff", type=int, default=85)
    args = p.parse_args(argv)

    t0 = time.perf_counter()
    raw, processed, originals = load_names(args.lists)
    t1 = time.perf_counter()
    rows = read_rows(args.input, args.limit)
    queries = [utils.default_process(name) for _id, name in rows]
    t2 = time.perf_counter()

    hits = 0
    with open(args.output, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "best_list_name", "score"])
        if args.method == "cdist":
            for start in range(0, len(rows), args.chunk):
                qs = queries[start : start + args.chunk]
                scores = process.cdist(
                    qs,
                    processed,
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=args.cutoff,
                    dtype=np.uint8,
                    workers=args.workers,
                )
                best = scores.argmax(axis=1)
                for i, j in enumerate(best):
                    rid, name = rows[start + i]
                    s = int(scores[i, j])
                    if s >= args.cutoff and s > 0:
                        hits += 1
                        w.writerow([rid, name, originals[j], s])
                    else:
                        w.writerow([rid, name, "", ""])
        else:
            for (rid, name), q in zip(rows, queries):
                m = process.extractOne(
                    q,
                    processed,
                    scorer=fuzz.token_sort_ratio,
                    processor=None,
                    score_cutoff=args.cutoff,
                )
                if m is not None:
                    hits += 1
                    w.writerow([rid, name, originals[m[2]], round(m[1])])
                else:
                    w.writerow([rid, name, "", ""])
    t3 = time.perf_counter()
    n = len(rows)
    print(
        f"baseline ({args.method}, workers={args.workers}): {len(raw)} list names, "
        f"{len(processed)} distinct, loaded in {t1 - t0:.2f} s; {n} rows matched in "
        f"{t3 - t2:.2f} s ({n / max(t3 - t2, 1e-9):.0f} rows/s), {hits} at >= {args.cutoff}; "
        f"total {t3 - t0:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
