#!/usr/bin/env python3
"""Word clusters for khabar's named-entity recognizer.

Learns word2vec embeddings on the unlabelled ANT news corpus, tokenized and
normalized by khabar itself (`khabar tokenize --form norm`, so the keys are
exactly what the tagger looks up), then clusters them with k-means at several
granularities. Writes a compact table, one line per word:

    norm-form <TAB> cluster@64 <TAB> cluster@256 <TAB> cluster@1024

Reproduce (about 6 minutes on 2 cores):

    pip install numpy gensim scikit-learn
    cargo build -p khabar-cli
    python3 scripts/ner/clusters.py --khabar target/debug/khabar \
        --corpus ../shared/data/news/ant-multisource.jsonl.gz \
        --out crates/extract/data/ner/clusters.tsv

One worker thread and fixed seeds make the output reproducible.
"""
import argparse
import os
import sys
import tempfile

import numpy as np
from gensim.models import Word2Vec
from sklearn.cluster import MiniBatchKMeans

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import tokenize  # noqa: E402

SEED = 20220107
KS = (64, 256, 1024)


class Lines:
    def __init__(self, path):
        self.path = path

    def __iter__(self):
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                toks = line.split()
                if toks:
                    yield toks


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--khabar", required=True, help="path to the khabar binary")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--min-count", type=int, default=8)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=1, help=">1 is faster but not reproducible")
    ap.add_argument("--keep", help="keep the tokenized corpus at this path")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        norm = tokenize(args.khabar, args.corpus, tmp)
        if args.keep:
            import shutil
            shutil.copy(norm, args.keep)
        print("training word2vec", file=sys.stderr)
        w2v = Word2Vec(Lines(norm), vector_size=args.dim, window=5, min_count=args.min_count, sg=1,
                       negative=5, sample=1e-4, epochs=args.epochs, workers=args.workers, seed=SEED)
    words = [w for w in w2v.wv.index_to_key if not w.isdigit()]
    vecs = np.stack([w2v.wv[w] for w in words])
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    cols = []
    for k in KS:
        print(f"k-means {k} over {len(words)} words", file=sys.stderr)
        km = MiniBatchKMeans(n_clusters=k, random_state=SEED, batch_size=4096, n_init=3, max_iter=200)
        cols.append(km.fit_predict(vecs))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"# khabar word clusters v1: word2vec dim={args.dim} min_count={args.min_count} "
                  f"on ANT v2.1, k-means {','.join(map(str, KS))}; made by scripts/ner/clusters.py\n")
        for i, w in enumerate(words):
            out.write(w + "\t" + "\t".join(str(c[i]) for c in cols) + "\n")
    print(f"wrote {len(words)} words to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
