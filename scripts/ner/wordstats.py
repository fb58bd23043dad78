#!/usr/bin/env python3
"""Corpus statistics of words for khabar's named-entity recognizer.

Arabic has no capital letters; what marks a name instead is how a word
behaves in running text. From the unlabelled ANT news corpus, tokenized and
normalized by khabar (`khabar tokenize --form norm`), this writes per word:

    norm-form <TAB> log2 frequency <TAB> definiteness bucket

where definiteness is how often the word's base (without the article) is
written with the article ال (names almost never are: بوتين, never البوتين).
Buckets: 0 <2%, 1 <10%, 2 <30%, 3 <70%, 4 the rest.

Reproduce (about a minute):

    python3 scripts/ner/wordstats.py --khabar target/debug/khabar \
        --corpus ../shared/data/news/ant-multisource.jsonl.gz \
        --out crates/extract/data/ner/wordstats.tsv
"""
import argparse
import math
import os
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import tokenize  # noqa: E402

ARTICLE = ("وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
BARE = ("", "و", "ب", "ل", "ف", "وب", "ول")
DEF = ("ال", "وال", "بال", "لل", "فال", "وبال", "ولل")


def bucket(r):
    for i, lim in enumerate((0.02, 0.1, 0.3, 0.7)):
        if r < lim:
            return i
    return 4


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--khabar", help="path to the khabar binary (to tokenize --corpus)")
    ap.add_argument("--corpus")
    ap.add_argument("--tokenized", help="an already tokenized corpus (clusters.py --keep)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-count", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.tokenized or tokenize(args.khabar, args.corpus, tmp)
        cnt = Counter()
        with open(path, encoding="utf-8") as f:
            for line in f:
                cnt.update(line.split())
    rows = []
    for w, c in cnt.items():
        if c < args.min_count or w.isdigit():
            continue
        base = w
        for p in ARTICLE:
            if w.startswith(p) and len(w) - len(p) >= 2:
                base = w[len(p):]
                break
        bare = sum(cnt.get(p + base, 0) for p in BARE)
        deff = sum(cnt.get(p + base, 0) for p in DEF)
        rows.append((w, int(math.log2(c)), bucket(deff / max(1, bare + deff))))
    rows.sort(key=lambda r: (-cnt[r[0]], r[0]))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"# khabar word statistics v1 on ANT v2.1 (min count {args.min_count}): word, log2 freq, "
                  "definiteness bucket; made by scripts/ner/wordstats.py\n")
        for w, f, d in rows:
            out.write(f"{w}\t{f}\t{d}\n")
    print(f"wrote {len(rows)} words to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
