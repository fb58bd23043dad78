#!/usr/bin/env python3
"""Retrieval quality of analyzer keys: one BM25 (k1 0.9, b 0.4, Lucene's idf) over each analyzer's
token output, so that only the analyzer differs.

(a) ARCD passage retrieval: the questions of arcd-test.json (arcd-train.json with --dev) against
    ALL ARCD paragraphs (arcd.json = train + test paragraphs; identical contexts merged). The
    relevant document is the question's own paragraph. MRR@10 and recall@10.
(b) SaudiNewsNet known-item search: each article title as a query against all article bodies.
    Dedup: bodies are compared after collapsing whitespace; identical bodies become one document.
    Articles with an empty title or body are dropped; identical (title, document) pairs are asked
    once, in corpus order; the relevant document is the title's own body only, even when another
    body carries the same title (a daily "أسعار الذهب"), as in a strict known-item search.
    MRR@10 and recall@10.

Every text goes through each analyzer process once, as one batch of stdin lines (line breaks
inside a text become spaces). Analyzers: khabar (`khabar tokenize --form key`), khabar-stop (the
same with --drop-stopwords, as Lucene's ArabicAnalyzer drops its stop words), lucene
(ArabicAnalyzer 8.7, Debian liblucene8-java, default stop set), snowball (PyStemmer arabic),
none (lowercased word split).

--explain also keys every distinct ARCD word alone and lists the question words whose key matches
a word of the relevant paragraph under Lucene (or Snowball) but not under khabar-stop (or khabar
when khabar-stop is not run), most frequent first, and the reverse, and the questions khabar
ranks worse than Lucene, to bench/work/analyzer/arcd-key-diff-<split>.txt (use it with --dev:
tuning happens on train).

With --dev both tasks use development data: ARCD train questions, and the known-item task over the
ANT corpus (its titles against its bodies) in place of the held-out SaudiNewsNet.

Usage: bench/analyzer/retrieval.py [--dev] [--no-snn] [--explain]
                                   [--analyzers khabar,khabar-stop,lucene,snowball,none]
Env:   KHABAR (default target/release/khabar), KHABAR_ARGS (default "tokenize --form key")
"""
import argparse
import collections
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "..", "shared", "data")
WORK = os.path.join(ROOT, "bench", "work", "analyzer")
VENV_PY = os.path.join(WORK, "venv", "bin", "python")
BREAKS = re.compile("[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
SPACES = re.compile(r"\s+")
WORD = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]+")
K1, B = 0.9, 0.4

# Reference figures (test half, SNN titles), from the issue: a check on this BM25 and setup.
REFERENCE = {
    "lucene": ("0.777", "0.587"),
    "snowball": ("0.750", "0.599"),
    "none": ("0.656", ""),
}


def reexec_in_venv():
    """Runs setup.sh, then re-executes this script with the bench venv's python (numpy, scipy)."""
    if os.path.realpath(sys.prefix) == os.path.realpath(os.path.join(WORK, "venv")):
        return
    subprocess.run(["bash", os.path.join(HERE, "setup.sh")], check=True)
    os.execv(VENV_PY, [VENV_PY, os.path.abspath(__file__)] + sys.argv[1:])


def analyzer_commands():
    khabar = os.environ.get("KHABAR", os.path.join(ROOT, "target", "release", "khabar"))
    khabar_args = os.environ.get("KHABAR_ARGS", "tokenize --form key")
    with open(os.path.join(WORK, "lucene.classpath")) as f:
        cp = os.path.join(WORK, "classes") + ":" + f.read().strip()
    return {
        "khabar": [khabar] + shlex.split(khabar_args),
        "khabar-stop": [khabar] + shlex.split(khabar_args) + ["--drop-stopwords"],
        "lucene": ["java", "-cp", cp, "LuceneArabic"],
        "snowball": [VENV_PY, os.path.join(HERE, "pyanalyzer.py"), "snowball"],
        "none": [VENV_PY, os.path.join(HERE, "pyanalyzer.py"), "none"],
    }


def one_line(text):
    return BREAKS.sub(" ", text)


def load_arcd(dev):
    """Returns (paragraphs, questions): questions as (text, paragraph index)."""
    with open(os.path.join(DATA, "retrieval", "arcd.json"), encoding="utf-8") as f:
        everything = json.load(f)
    paragraphs, index = [], {}
    for art in everything["data"]:
        for p in art["paragraphs"]:
            key = SPACES.sub(" ", p["context"]).strip()
            if key not in index:
                index[key] = len(paragraphs)
                paragraphs.append(p["context"])
    name = "arcd-train.json" if dev else "arcd-test.json"
    with open(os.path.join(DATA, "retrieval", name), encoding="utf-8") as f:
        split = json.load(f)
    questions = []
    for art in split["data"]:
        for p in art["paragraphs"]:
            key = SPACES.sub(" ", p["context"]).strip()
            if key not in index:
                sys.exit(f"retrieval.py: a paragraph of {name} is missing from arcd.json")
            for qa in p["qas"]:
                questions.append((qa["question"], index[key]))
    return paragraphs, questions


def load_ant_articles():
    """The ANT development corpus as {title, content} records (for --dev: SaudiNewsNet is held out)."""
    import gzip

    path = os.path.join(DATA, "news", "ant-multisource.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [{"title": d.get("title"), "content": d.get("text")} for d in map(json.loads, f)]


def load_snn(dev=False):
    """Returns (bodies, queries): queries as (title, [relevant body indexes]) and dedup stats.
    With dev, the same known-item task over the ANT development corpus instead."""
    if dev:
        articles = load_ant_articles()
    else:
        zips = sorted(glob.glob(os.path.join(DATA, "news", "saudinewsnet", "*.zip")))
        if not zips:
            sys.exit("retrieval.py: no SaudiNewsNet zips under ../shared/data/news/saudinewsnet")
        articles = []
        for path in zips:
            with zipfile.ZipFile(path) as zf:
                for name in sorted(zf.namelist()):
                    if name.endswith(".json"):
                        articles.extend(json.loads(zf.read(name)))
    bodies, index = [], {}
    queries, seen = [], set()
    titles = collections.defaultdict(set)
    dropped = 0
    for a in articles:
        body = SPACES.sub(" ", a.get("content") or "").strip()
        title = SPACES.sub(" ", a.get("title") or "").strip()
        if not body or not title:
            dropped += 1
            continue
        if body not in index:
            index[body] = len(bodies)
            bodies.append(body)
        doc = index[body]
        titles[title].add(doc)
        if (title, doc) not in seen:
            seen.add((title, doc))
            queries.append((title, [doc]))
    stats = {
        "articles": len(articles),
        "dropped_empty": dropped,
        "docs": len(bodies),
        "queries": len(queries),
        "ambiguous_titles": sum(1 for d in titles.values() if len(d) > 1),
    }
    return bodies, queries, stats


def run_analyzer(name, cmd, texts):
    """Feeds texts (one per line) to the analyzer; returns one token list per text."""
    data = ("\n".join(one_line(t) for t in texts) + "\n").encode("utf-8")
    t0 = time.time()
    try:
        proc = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True)
    except FileNotFoundError:
        sys.exit(f"retrieval.py: analyzer {name}: command not found: {cmd[0]}")
    lines = proc.stdout.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(texts):
        sys.exit(f"retrieval.py: analyzer {name} printed {len(lines)} lines for {len(texts)} input lines")
    print(f"[retrieval] {name}: {len(texts):,} texts analyzed in {time.time() - t0:.1f}s", file=sys.stderr)
    return [l.split() for l in lines]


def bm25_eval(doc_tokens, query_tokens, relevant, k=10):
    """MRR@k and recall@k of BM25 ranking; relevant[i] is a list of doc indexes for query i.
    Ties are broken by document order (as Lucene does by doc id). Returns (mrr, recall, ranks)."""
    import numpy as np
    import scipy.sparse as sp

    vocab = {}
    indptr, indices = [0], []
    for toks in doc_tokens:
        indices.extend(vocab.setdefault(t, len(vocab)) for t in toks)
        indptr.append(len(indices))
    n_docs, n_terms = len(doc_tokens), len(vocab)
    tf = sp.csr_matrix(
        (np.ones(len(indices), dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(n_docs, n_terms),
    )
    tf.sum_duplicates()
    dl = np.diff(np.array(indptr)).astype(np.float64)
    avgdl = dl.mean()
    df = np.bincount(tf.indices, minlength=n_terms).astype(np.float64)
    idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
    norm = K1 * (1.0 - B + B * dl / avgdl)
    w = tf.tocoo()
    weights = idf[w.col] * w.data * (K1 + 1.0) / (w.data + norm[w.row])
    wt = sp.csr_matrix((weights, (w.row, w.col)), shape=(n_docs, n_terms)).T.tocsr().astype(np.float32)

    qptr, qind = [0], []
    for toks in query_tokens:
        qind.extend(vocab[t] for t in toks if t in vocab)  # repeated terms count repeatedly
        qptr.append(len(qind))
    q = sp.csr_matrix(
        (np.ones(len(qind), dtype=np.float32), np.array(qind, dtype=np.int64), np.array(qptr)),
        shape=(len(query_tokens), n_terms),
    )
    ranks = np.full(len(query_tokens), np.inf)
    batch = 512
    for start in range(0, len(query_tokens), batch):
        scores = (q[start : start + batch] @ wt).toarray()
        for i, row in enumerate(scores):
            best = np.inf
            for r in relevant[start + i]:
                s = row[r]
                if s <= 0.0:
                    continue
                rank = 1 + np.count_nonzero(row > s) + np.count_nonzero(row[:r] == s)
                best = min(best, rank)
            ranks[start + i] = best
    hit = ranks <= k
    mrr = float(np.where(hit, 1.0 / ranks, 0.0).mean())
    return mrr, float(hit.mean()), ranks


def explain(subj, analyzers, outputs, paragraphs, questions, word_keys, split, ranks):
    """Writes question words that match the relevant paragraph under lucene/snowball but not
    under khabar (and the reverse), aggregated over all questions, most frequent first."""
    path = os.path.join(WORK, f"arcd-key-diff-{split}.txt")
    para_words = [set(WORD.findall(p.lower())) for p in paragraphs]
    lost = {ref: collections.Counter() for ref in ("lucene", "snowball") if ref in analyzers}
    lost_ex = collections.defaultdict(set)
    gained = collections.Counter()
    gained_ex = collections.defaultdict(set)
    stopped = collections.Counter()  # dropped by khabar as a stop word, kept and matched by lucene
    stopped_ex = collections.defaultdict(set)
    for qi, (question, rel) in enumerate(questions):
        pwords = para_words[rel]
        keyed = {a: {} for a in word_keys}
        for a, keys in word_keys.items():
            for pw in pwords:
                for key in keys.get(pw, ()):
                    keyed[a].setdefault(key, set()).add(pw)
        for w in set(WORD.findall(question.lower())):
            kk = word_keys[subj].get(w, ())
            k_hit = any(key in keyed[subj] for key in kk)
            for ref in lost:
                rk = word_keys[ref].get(w, ())
                matches = set()
                for key in rk:
                    matches |= keyed[ref].get(key, set())
                if matches and not kk and ref == "lucene":
                    stopped[w] += 1
                    stopped_ex[w] |= set(sorted(matches)[:3])
                if matches and not k_hit and kk:  # kk empty: a stop word, counted above
                    lost[ref][w] += 1
                    for pw in sorted(matches)[:3]:
                        lost_ex[(ref, w)].add(
                            f"{pw}→{subj}:{' '.join(word_keys[subj].get(pw, ())) or '∅'}"
                            f"/{ref}:{' '.join(word_keys[ref].get(pw, ())) or '∅'}"
                        )
            if "lucene" in lost and k_hit:
                rk = word_keys["lucene"].get(w, ())
                if not any(key in keyed["lucene"] for key in rk):
                    gained[w] += 1
                    for key in kk:
                        for pw in sorted(keyed[subj].get(key, ()))[:3]:
                            gained_ex[w].add(pw)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# ARCD {split}, {subj} vs lucene and snowball: question words whose key matches a word of the relevant paragraph\n")
        f.write(f"# under the reference analyzer but not under {subj}. Columns: count, question word,\n")
        f.write(f"# {subj} key / reference key of the question word, then paragraph words the\n")
        f.write(f"# reference conflates with it (paragraph word → {subj} key / reference key).\n")
        for ref, counter in lost.items():
            f.write(f"\n## matched by {ref}, missed by {subj}: {sum(counter.values())} word occurrences\n")
            for w, n in counter.most_common():
                kk = " ".join(word_keys[subj].get(w, ())) or "∅"
                rk = " ".join(word_keys[ref].get(w, ())) or "∅"
                f.write(f"{n}\t{w}\t{subj}:{kk}\t{ref}:{rk}\t{'; '.join(sorted(lost_ex[(ref, w)])[:4])}\n")
        if stopped:
            f.write(f"\n## dropped as stop words by {subj}, kept and matched by lucene: {sum(stopped.values())} word occurrences\n")
            for w, n in stopped.most_common():
                rk = " ".join(word_keys["lucene"].get(w, ())) or "∅"
                f.write(f"{n}\t{w}\t{subj}:∅\tlucene:{rk}\t{'; '.join(sorted(stopped_ex[w])[:4])}\n")
        if gained:
            f.write(f"\n## matched by {subj}, missed by lucene: {sum(gained.values())} word occurrences\n")
            for w, n in gained.most_common():
                kk = " ".join(word_keys[subj].get(w, ())) or "∅"
                rk = " ".join(word_keys["lucene"].get(w, ())) or "∅"
                f.write(f"{n}\t{w}\t{subj}:{kk}\tlucene:{rk}\t{'; '.join(sorted(gained_ex[w])[:4])}\n")
        if "lucene" in ranks and subj in ranks:
            import numpy as np

            worse = [i for i in range(len(questions)) if ranks[subj][i] > ranks["lucene"][i] and ranks["lucene"][i] <= 10]
            f.write(f"\n## questions ranked worse by {subj} than by lucene (lucene in top 10): {len(worse)}\n")
            for i in worse:
                question, rel = questions[i]
                kr, lr = ranks[subj][i], ranks["lucene"][i]
                f.write(f"\nrank {subj} {f'{kr:.0f}' if np.isfinite(kr) else '-'} lucene {lr:.0f}: {question}\n")
                for a in (subj, "lucene"):
                    f.write(f"  {a}: {' '.join(outputs[a]['arcd_q'][i])}\n")
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", action="store_true", help="ARCD questions from arcd-train.json (tuning) instead of arcd-test.json")
    ap.add_argument("--analyzers", default="khabar,khabar-stop,lucene,snowball,none")
    ap.add_argument("--no-snn", action="store_true", help="skip the known-item task (SaudiNewsNet; ANT with --dev)")
    ap.add_argument("--explain", action="store_true", help="write the khabar-vs-lucene key differences on ARCD")
    args = ap.parse_args()
    reexec_in_venv()

    cmds = analyzer_commands()
    names = [a.strip() for a in args.analyzers.split(",") if a.strip()]
    for a in names:
        if a not in cmds:
            sys.exit(f"retrieval.py: unknown analyzer {a} (known: {', '.join(cmds)})")
    if any(a.startswith("khabar") for a in names) and not os.path.exists(cmds["khabar"][0]):
        if "KHABAR" in os.environ:
            sys.exit(f"retrieval.py: khabar binary not found: {cmds['khabar'][0]}")
        print("[retrieval] building khabar (cargo build --release -p khabar-cli)", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release", "-p", "khabar-cli"], cwd=ROOT, check=True)
    if args.explain and not ({"khabar", "khabar-stop"} & set(names) and "lucene" in names):
        sys.exit("retrieval.py: --explain needs the khabar and lucene analyzers")

    split = "train" if args.dev else "test"
    paragraphs, questions = load_arcd(args.dev)
    parts = [("arcd_p", paragraphs), ("arcd_q", [q for q, _ in questions])]
    words = []
    if args.explain:
        words = sorted(set(w for t in paragraphs + [q for q, _ in questions] for w in WORD.findall(t.lower())))
        parts.append(("words", words))
    if not args.no_snn:
        bodies, snn_queries, stats = load_snn(args.dev)
        parts += [("snn_d", bodies), ("snn_q", [t for t, _ in snn_queries])]
    texts = [t for _, part in parts for t in part]

    outputs, results, ranks = {}, {}, {}
    for a in names:
        toks = run_analyzer(a, cmds[a], texts)
        out, pos = {}, 0
        for key, part in parts:
            out[key] = toks[pos : pos + len(part)]
            pos += len(part)
        outputs[a] = out
        mrr, rec, rk = bm25_eval(out["arcd_p"], out["arcd_q"], [[r] for _, r in questions])
        ranks[a] = rk
        res = {"arcd_mrr": mrr, "arcd_r10": rec}
        if not args.no_snn:
            res["snn_mrr"], res["snn_r10"], _ = bm25_eval(out["snn_d"], out["snn_q"], [d for _, d in snn_queries])
        results[a] = res

    print(f"\nRetrieval quality, BM25 (k1 {K1}, b {B}) over each analyzer's tokens")
    print(f"ARCD {split}: {len(questions)} questions vs all {len(paragraphs)} ARCD paragraphs (arcd.json, identical contexts merged)")
    if not args.no_snn:
        print(
            f"{'ANT (dev)' if args.dev else 'SNN'} known-item: {stats['queries']:,} distinct (title, body) queries vs {stats['docs']:,} distinct bodies "
            f"({stats['articles']:,} articles, {stats['dropped_empty']} without title or body; "
            f"{stats['ambiguous_titles']} titles head several bodies, only the own body is relevant)"
        )
    ref_note = split == "test" and not args.no_snn
    header = f"{'analyzer':<10} {'ARCD MRR@10':>12} {'ARCD R@10':>10}"
    if not args.no_snn:
        header += f" {'SNN MRR@10':>11} {'SNN R@10':>9}"
    if ref_note:
        header += "   reference (ARCD / SNN MRR@10)"
    print(header)
    print("-" * len(header))
    for a in names:
        r = results[a]
        line = f"{a:<10} {r['arcd_mrr']:>12.3f} {r['arcd_r10']:>10.3f}"
        if not args.no_snn:
            line += f" {r['snn_mrr']:>11.3f} {r['snn_r10']:>9.3f}"
        if ref_note and a in REFERENCE:
            line += f"   {REFERENCE[a][0]} / {REFERENCE[a][1] or '-'}"
        print(line)

    if args.explain:
        word_keys = {a: dict(zip(words, outputs[a]["words"])) for a in names}
        subj = "khabar-stop" if "khabar-stop" in names else "khabar"
        path = explain(subj, names, outputs, paragraphs, questions, word_keys, split, ranks)
        print(f"\nkey differences written to {os.path.relpath(path, ROOT)}")


if __name__ == "__main__":
    main()
