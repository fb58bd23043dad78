#!/usr/bin/env python3
"""Person-name lexicon for khabar's named-entity recognizer.

Most persons the recognizer misses are names it has never seen, many of them
foreign names written in Arabic letters. Two registry packages list person
names in Arabic script, and this script turns them into one table of words:

- `arabic-name-romanizer` (PyPI, MIT; its name index is derived from Wikidata,
  CC0, and the Algerian name transcription corpus, CC0): 82,000 name words
  with their role (given name, surname) and how many people bear them;
- `arabnamer` (PyPI; its dictionary is CC BY 4.0): 22,800 Latin → Arabic name
  transliterations, many of them foreign (فلاديمير، بلير، شيراك، أولمرت).

Every Arabic name is split into words and normalized by khabar itself
(`khabar tokenize --form norm`), so the table is keyed like the other NER
tables; stop words are left out. One line per word:

    norm-form <TAB> flags <TAB> popularity

flags: g given name, s surname, t in the transliteration dictionary;
popularity: 0 one bearer … 3 more than 30 (Wikidata/corpus counts summed).

Reproduce:

    pip download --no-deps arabic-name-romanizer==0.2.0 arabnamer==0.1.3 -d /tmp/names
    (cd /tmp/names && for w in *.whl; do unzip -oq "$w"; done)
    python3 scripts/ner/names.py --khabar target/release/khabar \
        --romanizer /tmp/names/arabic_name_romanizer/resources/names.sqlite3 \
        --arabnamer /tmp/names/arabnamer/data/dict_FINAL.json \
        --out crates/extract/data/ner/names.tsv
"""
import argparse
import json
import sqlite3
import subprocess
import sys
from collections import defaultdict


def popularity(n):
    return 0 if n <= 1 else 1 if n <= 5 else 2 if n <= 30 else 3


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--khabar", required=True)
    ap.add_argument("--romanizer", required=True, help="arabic_name_romanizer's names.sqlite3")
    ap.add_argument("--arabnamer", required=True, help="arabnamer's data/dict_FINAL.json")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    # (arabic name, flag, count): every source row, words split later.
    rows = []
    db = sqlite3.connect(args.romanizer)
    for key, role, count in db.execute("select arabic_key, role, count from units"):
        flag = {"given": "g", "surname": "s"}.get(role)
        if flag:
            rows.append((key, flag, count))
    with open(args.arabnamer, encoding="utf-8") as f:
        for arabic in json.load(f).values():
            rows.append((arabic, "t", 1))

    # Normalize every name through khabar, one line per name.
    text = "".join(r[0].replace("\n", " ") + "\n" for r in rows)
    # Stop words go (في، من، الى are "names" in the sources' noisier rows).
    out = subprocess.run([args.khabar, "tokenize", "--form", "norm", "--drop-stopwords", "-"],
                         input=text.encode(),
                         stdout=subprocess.PIPE, check=True).stdout.decode().split("\n")
    flags = defaultdict(set)
    counts = defaultdict(int)
    for (_, flag, count), line in zip(rows, out):
        words = line.split()
        for w in words:
            # Particles inside compound names (عبد، بن، ابو، ال…) are not names by themselves.
            if len(w) < 2 or not all("\u0621" <= c <= "\u064a" for c in w):
                continue
            if len(words) > 1 and w in ("عبد", "بن", "ابن", "ابو", "بنت", "ام", "ال", "دين", "الدين"):
                continue
            flags[w].add(flag)
            counts[w] += count
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# khabar person-name lexicon v1: word, flags (g given, s surname, t transliterated), "
                "popularity 0-3; from PyPI arabic-name-romanizer 0.2.0 (Wikidata CC0) and arabnamer 0.1.3 "
                "(CC BY 4.0); made by scripts/ner/names.py\n")
        for w in sorted(flags):
            f.write(f"{w}\t{''.join(sorted(flags[w]))}\t{popularity(counts[w])}\n")
    print(f"wrote {len(flags)} words to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
