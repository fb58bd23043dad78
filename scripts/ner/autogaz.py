#!/usr/bin/env python3
"""Self-trained gazetteer for khabar's named-entity recognizer.

A first-pass model (trained on ANERcorp with an empty autogaz table) tags the
unlabelled ANT news corpus; for every frequent word this records the class it
was most often tagged inside and how often. A name that is recognizable from
its context somewhere in 7.8 M words of news then carries that evidence to
sentences where the context says nothing. Output, one line per word:

    norm-form <TAB> class <TAB> rate bucket (1: ≥10%, 2: ≥30%, 3: ≥60%, 4: ≥90%)

Reproduce (the whole pipeline is in crates/extract/data/ner/README.md):

    python3 scripts/ner/autogaz.py --khabar target/release/khabar --model /tmp/first-pass.bin \
        --tokenized /tmp/ant-norm.txt --out crates/extract/data/ner/autogaz.tsv
"""
import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import tokenize  # noqa: E402

CLASSES = ("PERS", "LOC", "ORG", "MISC")


def bucket(r):
    for i, lim in ((4, 0.9), (3, 0.6), (2, 0.3), (1, 0.1)):
        if r >= lim:
            return i
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--khabar", required=True)
    ap.add_argument("--model", required=True, help="the first-pass model")
    ap.add_argument("--corpus")
    ap.add_argument("--tokenized", help="an already tokenized corpus (clusters.py --keep)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-count", type=int, default=5)
    args = ap.parse_args()
    total = Counter()
    tagged = defaultdict(Counter)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.tokenized or tokenize(args.khabar, args.corpus, tmp)
        conll = os.path.join(tmp, "ant.conll")
        with open(path, encoding="utf-8") as f, open(conll, "w", encoding="utf-8") as out:
            for line in f:
                toks = line.split()
                if toks:
                    out.write("\n".join(toks) + "\n\n")
        proc = subprocess.Popen([args.khabar, "ner", "tag", "--model", args.model, conll],
                                stdout=subprocess.PIPE, text=True, encoding="utf-8")
        for line in proc.stdout:
            parts = line.split()
            if len(parts) != 2:
                continue
            w, tag = parts
            total[w] += 1
            if tag != "O":
                tagged[w][tag[2:]] += 1
        if proc.wait() != 0:
            sys.exit("khabar ner tag failed")
    rows = []
    for w, n in total.items():
        if n < args.min_count or w not in tagged:
            continue
        cls, k = tagged[w].most_common(1)[0]
        b = bucket(k / n)
        if b > 0:
            rows.append((w, cls, b))
    rows.sort(key=lambda r: (-total[r[0]], r[0]))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"# khabar self-trained gazetteer v1: ANT v2.1 tagged by a first-pass model (min count "
                  f"{args.min_count}); word, class, rate bucket; made by scripts/ner/autogaz.py\n")
        for r in rows:
            out.write(f"{r[0]}\t{r[1]}\t{r[2]}\n")
    print(f"wrote {len(rows)} words to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
