#!/usr/bin/env python3
"""Counts the alerts of the three negative screens (OUT/neg_{kind,ev,name}.jsonl, see
README.md) by decision, query script and listed kind, and by what the reasons say matched.

    python3 benches/quality/review.py OUT
"""
import collections
import json
import re
import sys
import unicodedata

SCRIPT_NAMES = {"CJK": "Han", "HANGUL": "Hangul"}


def script(text):
    """The Unicode script of the first letter, as a word (`Arabic`, `Han`)."""
    for ch in text:
        if ch.isalpha():
            first = unicodedata.name(ch, "?").split()[0]
            return SCRIPT_NAMES.get(first, first.title())
    return "none"


def kind_of_match(reason):
    """What the reasons say matched: every word, a variant pair, or part of the words."""
    name = re.match(r"name ([0-9.]+)", reason)
    tokens = re.search(r"tokens: ([^;]*)", reason)
    if name and float(name.group(1)) >= 0.995:
        return "same name (every word equal)"
    if tokens and "~" in tokens.group(1):
        return "spelling variant or typo pair"
    return "words missing on one side"


def main():
    out = sys.argv[1]
    for mode in ["kind", "ev", "name"]:
        by_script, by_match = collections.Counter(), collections.Counter()
        for line in open(f"{out}/neg_{mode}.jsonl", encoding="utf-8"):
            row = json.loads(line)
            decision = row["decision"]
            if decision not in ("hit", "review"):
                continue
            hit = (row.get("hits") or row.get("review_hits"))[0]
            by_script[(decision, script(row["query"]), hit["kind"])] += 1
            by_match[(decision, kind_of_match(row["reason"]))] += 1
        print(f"## {mode}\n")
        for counts in (by_script, by_match):
            for key, n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
                print("| " + " | ".join(key) + f" | {n} |")
            print()


if __name__ == "__main__":
    main()
