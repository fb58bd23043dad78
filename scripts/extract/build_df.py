#!/usr/bin/env python3
"""Builds crates/extract/data/df.tsv: the document frequency of each search key
over the development corpus (ANT), for keyword TF-IDF.

The keys come from khabar itself (`khabar tokenize --form key`), so the table
matches what the Rust code looks up. Keys seen in fewer than MIN_DF documents
are left out (they count as df = 1 at lookup time), which keeps the table small.

Usage (from the repository root, after `cargo build -p khabar-cli --release`):
    python3 scripts/extract/build_df.py [../shared/data/news/ant-multisource.jsonl.gz] \
        [--khabar target/release/khabar] [--min-df 5] > crates/extract/data/df.tsv
"""
import argparse
import collections
import gzip
import json
import re
import subprocess
import sys
import threading

ARABIC = re.compile(r"^[\u0621-\u064A]{2,}$")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="../shared/data/news/ant-multisource.jsonl.gz")
    ap.add_argument("--khabar", default="target/release/khabar")
    ap.add_argument("--min-df", type=int, default=5)
    args = ap.parse_args()

    docs = []
    seen_urls = set()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            # ANT lists 1,180 URLs twice (one article, two categories): count each once.
            if d.get("url") in seen_urls:
                continue
            seen_urls.add(d.get("url"))
            text = " ".join([d.get("title") or "", d.get("text") or ""])
            docs.append(" ".join(text.split()))

    proc = subprocess.Popen(
        [args.khabar, "tokenize", "--form", "key", "--drop-stopwords", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
    )

    def feed():
        for d in docs:
            proc.stdin.write(d + "\n")
        proc.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    df = collections.Counter()
    n = 0
    for line in proc.stdout:
        n += 1
        df.update({k for k in line.split() if ARABIC.match(k)})
    proc.wait()
    if n != len(docs):
        sys.exit(f"khabar tokenize returned {n} lines for {len(docs)} documents")

    out = sys.stdout
    out.write(
        "# Document frequencies of search keys in the development corpus, made by\n"
        f"# scripts/extract/build_df.py (keys seen in fewer than {args.min_df} documents left out).\n"
        "# forms: normalized (search keys: normalized and stemmed)\n"
    )
    out.write(f"#docs\t{n}\n")
    for k, v in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])):
        if v >= args.min_df:
            out.write(f"{k}\t{v}\n")


if __name__ == "__main__":
    main()
