#!/usr/bin/env python3
"""Generate the Han tables in data/han/ from the Unicode Han Database (Unihan).

Python 3 standard library only. Input: the Unihan files of the Debian package
`unicode-data` (`apt-get install unicode-data`), i.e. /usr/share/unicode/Unihan_*.txt
(plain or .bz2), or a Unihan.zip. Usage:

    python3 tools/gen_han_tables.py [UNIHAN_DIR_OR_ZIP] [OUT_DIR]

Outputs (UTF-8 text, one record per line, sorted by the UTF-8 bytes of the key; embedded
by src/text/han.rs with `include_str!`, which indexes each table once, on first use):

  t2s.tsv        traditional<TAB>simplified       (kSimplifiedVariant, character level)
  chars.tsv      char<TAB>pinyin<TAB>jyutping<TAB>hangul<TAB>telegraph, for every
                 character with one of these (supplementary-plane ones only if they have
                 more than a Mandarin reading)
                 pinyin: toneless ASCII, space-separated, the customary reading
                   (kMandarin) first; u-umlaut written `v` (lv, nv, lve); other modern
                   readings from kXHC1983/kTGHZ2013/kHanyuPinlu; kHanyuPinyin (Hanyu Da
                   Zidian, full of archaic readings) only when none of those exist.
                 jyutping: toneless, space-separated, kCantonese order, then the
                   readings of the traditional variant(s).
                 hangul: kHangul readings, name-usage (N) readings first; a character
                   without kHangul inherits those of its traditional variant(s).
                 telegraph: Chinese Commercial Code, kMainlandTelegraph else
                   kTaiwanTelegraph, else inherited from a simplified/traditional
                   variant (so 习 and 習 both give 5045).
  yue_cmn.tsv    jyutping<TAB>pinyin pinyin ...   the Cantonese-Mandarin syllable
                 relation over common characters (see MAX_FREQUENCY below).
  pinyin.txt     every toneless pinyin syllable of chars.tsv, one per line (the
                 syllable inventory same_syllable() spells in pinyin and Wade-Giles).

Every table starts with '#' header lines naming the source and the licence
(LICENSE-UNICODE.txt); the loader skips them.
"""

import bz2
import io
import os
import sys
import unicodedata
import zipfile

FIELDS = {
    "kSimplifiedVariant", "kTraditionalVariant", "kMandarin", "kHanyuPinyin", "kXHC1983",
    "kTGHZ2013", "kHanyuPinlu", "kCantonese", "kHangul", "kMainlandTelegraph",
    "kTaiwanTelegraph", "kFrequency", "kGB0",
}
FILES = ["Variants", "Readings", "OtherMappings", "DictionaryLikeData"]

# A character is "common" for the Cantonese-Mandarin relation if it is in the Unihan
# frequency ranks 1-4 (kFrequency, ~4,000 characters) or GB 2312 level 1 (kGB0 rows
# 16-55, the 3,755 most used simplified characters). Rarer characters carry odd
# readings that would make every Cantonese syllable match too many Mandarin ones.
MAX_FREQUENCY = 4
GB_LEVEL1_LAST_ROW = 55


def open_sources(src):
    """Yields the text lines of the Unihan files we need."""
    if src.endswith(".zip"):
        with zipfile.ZipFile(src) as z:
            for name in FILES:
                with z.open(f"Unihan_{name}.txt") as f:
                    yield from io.TextIOWrapper(f, encoding="utf-8")
        return
    for name in FILES:
        base = os.path.join(src, f"Unihan_{name}.txt")
        if os.path.exists(base):
            with open(base, encoding="utf-8") as f:
                yield from f
        elif os.path.exists(base + ".bz2"):
            with bz2.open(base + ".bz2", "rt", encoding="utf-8") as f:
                yield from f
        else:
            sys.exit(f"missing {base}[.bz2]")


def load(src):
    """Returns {field: {char: value}} for FIELDS and the Unicode version."""
    data = {k: {} for k in FIELDS}
    version = "?"
    for line in open_sources(src):
        if line.startswith("# Unicode version:"):
            version = line.split(":", 1)[1].strip()
        if line.startswith("#") or not line.strip():
            continue
        cp, field, value = line.rstrip("\n").split("\t", 2)
        if field in data:
            data[field][chr(int(cp[2:], 16))] = value
    return data, version


def chars_of(value):
    """'U+4E60 U+7FD2<kLau' -> ['习', '習']."""
    return [chr(int(v.split("<")[0][2:], 16)) for v in value.split()]


def toneless(syllable):
    """'lǜ' -> 'lv', 'zhāng' -> 'zhang': strip tone marks, write u-umlaut as v."""
    out = []
    for c in unicodedata.normalize("NFD", syllable.lower()):
        if c == "\u0308":  # combining diaeresis: the previous u is a u-umlaut
            out[-1] = "v"
        elif unicodedata.combining(c):
            continue
        elif c.isascii() and c.isalpha():
            out.append(c)
    return "".join(out)


def dict_readings(value):
    """'0117.100:chán 0207.100:dān' or '10019.020:tiàn,tián' -> ['chán', 'dān']."""
    out = []
    for item in value.split():
        out.extend(item.split(":", 1)[-1].split(","))
    return out


def mandarin(data, ch):
    """Toneless pinyin readings, the customary one first, deduplicated."""
    primary = data["kMandarin"].get(ch, "").split()
    modern = []
    for field in ("kXHC1983", "kTGHZ2013"):
        modern += dict_readings(data[field].get(ch, ""))
    modern += [r.split("(")[0] for r in data["kHanyuPinlu"].get(ch, "").split()]
    if not primary and not modern:
        modern = dict_readings(data["kHanyuPinyin"].get(ch, ""))
    return dedup(toneless(r) for r in primary + modern)


def cantonese(data, ch):
    """Toneless Jyutping of ch, then of its traditional variants (a simplified character
    may stand for several traditional ones, each with its own Cantonese reading)."""
    readings = data["kCantonese"].get(ch, "").split()
    for t in chars_of(data["kTraditionalVariant"].get(ch, "")):
        if t != ch:
            readings += data["kCantonese"].get(t, "").split()
    return dedup(r.rstrip("0123456789") for r in readings)


def hangul(data, ch):
    """kHangul readings of ch, name-usage (N) ones first; else its traditional forms'."""
    items = data["kHangul"].get(ch, "").split()
    if not items:
        for t in chars_of(data["kTraditionalVariant"].get(ch, "")):
            items += data["kHangul"].get(t, "").split()
    named = [i.split(":")[0] for i in items if "N" in i.split(":")[-1]]
    return dedup(named + [i.split(":")[0] for i in items])


def telegraph(data, ch):
    for field in ("kMainlandTelegraph", "kTaiwanTelegraph"):
        if ch in data[field]:
            return data[field][ch]
    return ""


def telegraph_via_variants(data, ch):
    """The code of ch, else of its simplified, else of its traditional variant."""
    code = telegraph(data, ch)
    for field in ("kSimplifiedVariant", "kTraditionalVariant"):
        for v in chars_of(data[field].get(ch, "")):
            code = code or telegraph(data, v)
    return code


def dedup(items):
    seen, out = set(), []
    for i in items:
        if i and i not in seen:
            seen.add(i)
            out.append(i)
    return out


def is_common(data, ch):
    freq = data["kFrequency"].get(ch)
    if freq and int(freq) <= MAX_FREQUENCY:
        return True
    gb = data["kGB0"].get(ch)
    return bool(gb) and int(gb[:2]) <= GB_LEVEL1_LAST_ROW


def header(version, what):
    return (
        f"# redflag data/han: {what}. Generated by tools/gen_han_tables.py from Unihan "
        f"{version} (c) Unicode, Inc., modified (extracted and reformatted); licence: "
        "data/han/LICENSE-UNICODE.txt\n"
    )


def write(path, version, what, lines):
    lines = sorted(set(lines), key=lambda s: s.encode("utf-8"))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header(version, what))
        for line in lines:
            f.write(line + "\n")
    return len(lines), os.path.getsize(path)


def t2s_lines(data):
    for trad, value in data["kSimplifiedVariant"].items():
        simp = chars_of(value)
        if trad not in simp:  # a character that is also its own simplified form stays
            yield f"{trad}\t{simp[0]}"


def char_lines(data):
    chars = set()
    for field in ("kMandarin", "kCantonese", "kHangul", "kMainlandTelegraph",
                  "kTaiwanTelegraph"):
        chars |= set(data[field])
    for ch in chars:
        pin, yue, kor = mandarin(data, ch), cantonese(data, ch), hangul(data, ch)
        code = telegraph_via_variants(data, ch)
        # Supplementary-plane characters that only have a Mandarin reading are rare
        # dictionary forms never seen in names: leave them out to keep the table small.
        if ord(ch) > 0xFFFF and not (yue or kor or code):
            continue
        yield "\t".join([ch, " ".join(pin), " ".join(yue), " ".join(kor), code])


def relation(data):
    """{jyutping: [pinyin...]} over common characters: each Cantonese reading of a
    character is related to the customary Mandarin reading(s) (kMandarin) of it."""
    rel = {}
    for ch in data["kCantonese"]:
        if not is_common(data, ch):
            continue
        pin = dedup(toneless(r) for r in data["kMandarin"].get(ch, "").split())
        for j in cantonese(data, ch):
            rel.setdefault(j, set()).update(pin)
    return rel


def pinyin_lines(char_records):
    for record in char_records:
        yield from record.split("\t")[1].split()


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data", "han")
    os.makedirs(out, exist_ok=True)
    data, version = load(src)
    rel = relation(data)
    records = list(char_lines(data))
    stats = [
        ("t2s.tsv", write(os.path.join(out, "t2s.tsv"), version,
                          "traditional<TAB>simplified (kSimplifiedVariant)", t2s_lines(data))),
        ("chars.tsv", write(os.path.join(out, "chars.tsv"), version,
                            "char<TAB>pinyin<TAB>jyutping<TAB>hangul<TAB>telegraph code",
                            records)),
        ("yue_cmn.tsv", write(os.path.join(out, "yue_cmn.tsv"), version,
                              "jyutping<TAB>pinyin of common characters (kFrequency<=4 or "
                              "GB2312 level 1)",
                              (f"{j}\t{' '.join(sorted(p))}" for j, p in rel.items() if p))),
        ("pinyin.txt", write(os.path.join(out, "pinyin.txt"), version,
                             "toneless pinyin syllables of chars.tsv", pinyin_lines(records))),
    ]
    for name, (n, size) in stats:
        print(f"{name}: {n} records, {size} bytes")
    pairs = sum(len(p) for p in rel.values())
    print(f"yue_cmn: {len(rel)} jyutping syllables, {pairs / max(len(rel), 1):.2f} pinyin each")


if __name__ == "__main__":
    main()
