#!/usr/bin/env python3
"""The unlabelled ANT news corpus as khabar tokenizes it (one normalized token
line per paragraph): the input of clusters.py, wordstats.py and autogaz.py.
Standard library only, so train.sh needs no numpy or gensim.

    python3 scripts/ner/corpus.py --khabar target/release/khabar \
        --corpus ../shared/data/news/ant-multisource.jsonl.gz --out /tmp/ant-norm.txt
"""
import argparse
import gzip
import json
import os
import subprocess
import tempfile


def tokenize(khabar, corpus, tmpdir):
    """Article paragraphs (title, abstract skipped as duplicates, text) → one
    normalized token line per paragraph, through khabar's own analyzer."""
    raw = os.path.join(tmpdir, "raw.txt")
    seen = set()
    with gzip.open(corpus, "rt", encoding="utf-8") as f, open(raw, "w", encoding="utf-8") as out:
        for line in f:
            art = json.loads(line)
            if art.get("url") in seen:  # 1,180 articles appear twice
                continue
            seen.add(art.get("url"))
            for part in [art.get("title") or ""] + (art.get("text") or "").split("\n"):
                part = part.strip()
                if part:
                    out.write(part.replace("\r", " ") + "\n")
    norm = os.path.join(tmpdir, "norm.txt")
    with open(raw, "rb") as src, open(norm, "wb") as dst:
        subprocess.run([khabar, "tokenize", "--form", "norm", "-"], stdin=src, stdout=dst, check=True)
    return norm


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--khabar", required=True, help="path to the khabar binary")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(args.out))) as t:
        os.replace(tokenize(args.khabar, args.corpus, t), args.out)


if __name__ == "__main__":
    main()
