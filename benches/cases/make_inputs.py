#!/usr/bin/env python3
"""Writes the inputs of the rescreen measurement (Python 3 standard library only).

    python3 benches/cases/make_inputs.py lists --out DIR
        DIR/old/ofac_sdn.xml.gz  the shipped SDN list less a synthetic 200-entity change:
                                 100 entries left out (the new list "adds" them) and 100
                                 with another primary name (the new list "renames" them)
    python3 benches/cases/make_inputs.py population --diff DIFF.json --rows 100000 --out FILE
        FILE  id,name,country: synthetic vendors and people (on no list), plus about 1%
              names of listed entities: of the shipped SDN list and of the entities the
              change adds or changes (from `redflag lists diff --json`), so that both the
              full run and the rescreen have hits to find.

Same arguments + seed = same bytes. Every input comes from the repository (data/ and the
UN 2024-05-15 fixture), so the measurement runs from a clone.
"""

import argparse
import csv
import gzip
import json
import os
import random
import re

SDN = os.path.join(os.path.dirname(__file__), "..", "..", "data", "ofac_sdn.xml.gz")
ENTRY = re.compile(r"  <sdnEntry>.*?</sdnEntry>\n", re.S)
LAST = re.compile(r"(<lastName>)([^<]*)(</lastName>)")

FIRST = ("James Maria Wei Li Ahmed Fatima Olga Ivan Carlos Ana Yuki Hiroshi Min-jun Seo-yeon "
         "Pierre Claire Hans Greta Ravi Priya Kwame Amina Mateo Sofia Lars Ingrid Jose Lucia "
         "Tomasz Agnieszka Mehmet Ayse Nguyen Thi Chen Jing Omar Layla Diego Valentina").split()
LASTN = ("Smith Garcia Wang Zhang Mueller Rossi Dubois Kowalski Yilmaz Tanaka Sato Park Choi "
         "Silva Santos Novak Horvath Andersen Nielsen Johansson Kumar Sharma Mensah Okafor "
         "Hernandez Lopez Petrov Ivanova Murphy Kelly Schmidt Fischer Moreau Laurent Costa").split()
WORDS = ("Blue Harbour Northern Star Green Valley Summit Pacific Atlas Crown Eagle River Stone "
         "Silver Oak Bright Future Golden Bridge Coastal Alpine Prime Unity Orchid Maple Cedar "
         "Delta Vector Nova Apex Zenith Horizon Meridian Sterling Falcon Lotus Harbor Iron").split()
TRADE = ("Logistics Trading Foods Textiles Electronics Consulting Shipping Engineering Farms "
         "Pharma Software Builders Energy Motors Supplies Packaging Media Finance Holdings").split()
FORMS = ["Ltd", "GmbH", "LLC", "S.A.", "Co., Ltd.", "Inc.", "B.V.", "Pty Ltd", "AG", "SARL", ""]
COUNTRIES = ["US", "DE", "FR", "GB", "CN", "KR", "JP", "BR", "IN", "TR", "PL", "NG", "MX", ""]


def lists(args):
    rng = random.Random(args.seed)
    text = gzip.open(SDN, "rt", encoding="utf-8").read()
    entries = ENTRY.findall(text)
    picked = rng.sample(range(len(entries)), 200)
    dropped, renamed = set(picked[:100]), set(picked[100:])
    out = []
    for i, entry in enumerate(entries):
        if i in dropped:
            continue
        if i in renamed:
            entry = LAST.sub(lambda m: m.group(1) + m.group(2) + " FORMERLY" + m.group(3), entry, 1)
        out.append(entry)
    head = text[: text.index("  <sdnEntry>")]
    tail = text[text.rindex("</sdnEntry>\n") + len("</sdnEntry>\n"):]
    os.makedirs(os.path.join(args.out, "old"), exist_ok=True)
    path = os.path.join(args.out, "old", "ofac_sdn.xml.gz")
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as f:
        f.write(head + "".join(out) + tail)
    print(f"{path}: {len(out)} entries ({len(dropped)} left out, {len(renamed)} renamed)")


def synthetic(rng):
    if rng.random() < 0.5:
        return f"{rng.choice(FIRST)} {rng.choice(LASTN)}"
    return " ".join(w for w in [rng.choice(WORDS), rng.choice(WORDS), rng.choice(TRADE),
                                rng.choice(FORMS)] if w)


def population(args):
    rng = random.Random(args.seed)
    diff = json.load(open(args.diff, encoding="utf-8"))
    delta = [e["name"] for e in diff["added"] + diff["changed"]]
    text = gzip.open(SDN, "rt", encoding="utf-8").read()
    listed = [m.group(2) for m in LAST.finditer(text)]
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "country"])
        for i in range(args.rows):
            r = rng.random()
            if r < 0.003:
                name = rng.choice(delta)
            elif r < 0.01:
                name = rng.choice(listed)
            else:
                name = synthetic(rng)
            w.writerow([f"C{i:06d}", name, rng.choice(COUNTRIES)])
    print(f"{args.out}: {args.rows} rows")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="what", required=True)
    a = sub.add_parser("lists")
    a.add_argument("--out", required=True)
    a.add_argument("--seed", type=int, default=14)
    b = sub.add_parser("population")
    b.add_argument("--diff", required=True)
    b.add_argument("--rows", type=int, default=100_000)
    b.add_argument("--out", required=True)
    b.add_argument("--seed", type=int, default=14)
    args = p.parse_args()
    {"lists": lists, "population": population}[args.what](args)


if __name__ == "__main__":
    main()
