#!/usr/bin/env python3
"""khabar's own search vs Sphinx 2.2 (two RT shards behind a distributed index, loaded and queried
with khabar's keys by contrib/sphinx/khabar_sphinx.py) on the same ANT articles.

Corpus: ARTICLES (default 20,000) ANT records with a body, drawn with a fixed seed; documents are
the bodies only (as bench/search: the title is the known-item query). Both engines get the same
JSON Lines file.

* AND agreement: one-word and two-word queries of title words (Arabic letters only, 3+ letters,
  drawn with a fixed seed). khabar: `+a +b` with every hit (`--duplicates`, paged 10,000 at a
  time); Sphinx: the same words through `khabar tokenize` into `MATCH('a b')`, every hit. Jaccard
  of the two hit sets per query, and overlap of the two top 10s (|A ∩ B| / max(|A|, |B|)).
* Known-item: bench/search's queries and MRR@10 (`known_items`, `mrr`: titles drawn with its
  seed, the relevant articles those with exactly that title). khabar: `--syntax plain`; Sphinx:
  the title's keys, stop words left out, ORed (`a | b | ...`), ranked by its default
  proximity_bm25 and by bm25. Top-10 overlap too.
* Queries per second, one client, queries one after another: khabar's batch process (`search
  --queries`, process start and index open included) and Sphinx's SphinxQL round trips (through
  the distributed index and its two agents); the time to key the queries (`khabar tokenize`, one
  process) is printed apart.
"""
import gzip, importlib.util, json, os, random, re, shutil, socket, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.environ.get("SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
WORK = os.path.join(ROOT, "bench", "work", "sphinx")
KHABAR = os.environ.get("KHABAR", os.path.join(ROOT, "target", "release", "khabar"))
N_ARTICLES = int(os.environ.get("ARTICLES", "20000"))
NQ = int(os.environ.get("QUERIES", "1000"))
N_AND = int(os.environ.get("AND_QUERIES", "500"))
SPACES = re.compile(r"\s+")
ARABIC_WORD = re.compile(r"^[\u0621-\u064A]{3,}$")


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


search_bench = load_module("search_bench", os.path.join(ROOT, "bench", "search", "bench.py"))
ks = load_module("khabar_sphinx", os.path.join(ROOT, "contrib", "sphinx", "khabar_sphinx.py"))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def prepare():
    recs = []
    with gzip.open(os.path.join(DATA, "news", "ant-multisource.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            body = (d.get("text") or "").strip()
            if body and d.get("docno"):
                recs.append({"id": d["docno"], "title": SPACES.sub(" ", d.get("title") or "").strip(), "text": body})
    random.Random(20240601).shuffle(recs)
    docs = recs[:N_ARTICLES]
    assert len({d["id"] for d in docs}) == len(docs), "ANT docno values are not unique"
    path = os.path.join(WORK, "ant.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"docno": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    rng = random.Random(13)
    titles = [[w for w in d["title"].split() if ARABIC_WORD.match(w)] for d in docs]
    titles = [t for t in titles if t]
    one, two = set(), set()
    while len(one) < N_AND:
        one.add(rng.choice(rng.choice(titles)))
    pairs = [t for t in titles if len(t) >= 2]
    while len(two) < N_AND:
        t = rng.choice(pairs)
        i = rng.randrange(len(t) - 1)
        two.add(f"{t[i]} {t[i + 1]}")
    return docs, path, sorted(one) + sorted(two)


def khabar(*args, stdin=None):
    t = time.time()
    p = subprocess.run([KHABAR, *args], capture_output=True, text=True, input=stdin)
    if p.returncode != 0:
        sys.exit(f"khabar {' '.join(args[:2])} failed: {p.stderr[-2000:]}")
    return p.stdout, time.time() - t


def khabar_search(idx, queries, name, *extra, limit=10, offset=0):
    qf = os.path.join(WORK, f"{name}.txt")
    with open(qf, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(q + "\n")
    out, secs = khabar("search", "--index", idx, "--queries", qf, "--duplicates", "--no-snippets",
                       "--limit", str(limit), "--offset", str(offset), *extra)
    res = [json.loads(l) for l in out.splitlines()]
    assert len(res) == len(queries)
    return [([h["id"] for h in r["hits"]], r["total"]) for r in res], secs


def khabar_all_hits(idx, queries, name):
    """Every hit of each query (`--limit` is at most 10,000: further pages for larger totals)."""
    first, _ = khabar_search(idx, queries, name, limit=10000)
    out = [set(ids) for ids, _ in first]
    offset = 10000
    while True:
        todo = [i for i, (_, total) in enumerate(first) if total > offset]
        if not todo:
            return out
        page, _ = khabar_search(idx, [queries[i] for i in todo], name, limit=10000, offset=offset)
        for i, (ids, _) in zip(todo, page):
            out[i].update(ids)
        offset += 10000


class Searchd:
    def __init__(self):
        d = os.path.join(WORK, "engine")
        shutil.rmtree(d, ignore_errors=True)
        self.conf = ks.write_config(d)
        self.p = subprocess.Popen(["timeout", "--kill-after=10", "7200", "searchd", "--config", self.conf["config"], "--nodetach"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.conf["sql_port"]), timeout=1).close()
                break
            except OSError:
                if self.p.poll() is not None or time.time() > deadline:
                    sys.exit(f"searchd did not start: see {d}/searchd.log")
                time.sleep(0.1)

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(20)
        except subprocess.TimeoutExpired:
            self.p.kill()


def sphinx_keys(queries, drop_stopwords=False):
    t = time.time()
    extra = ["--drop-stopwords"] if drop_stopwords else []
    keys = [k for _, k in ks.keys_of_lines(KHABAR, ((q, q) for q in queries), extra)]
    return keys, time.time() - t


def sphinx_search(cur, keys, mode, limit, ranker=None, index="khabar"):
    out, secs = [], 0.0
    for k in keys:
        if not k:
            out.append([])
            continue
        expr = ks.match_expr(k, mode)
        t = time.perf_counter()
        ids, _ = ks.search(cur, index, expr, limit, ranker, meta=not limit)
        secs += time.perf_counter() - t
        out.append(ids)
    return out, secs


def jaccard(a, b):
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def overlap(a, b):
    a, b = set(a[:10]), set(b[:10])
    return None if not a and not b else len(a & b) / max(len(a), len(b))


def mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / max(1, len(xs))


def main():
    os.makedirs(WORK, exist_ok=True)
    docs, jsonl, and_q = prepare()
    known = search_bench.known_items(docs, NQ)
    known_q = [q for q, _ in known]
    log(f"ANT: {len(docs)} bodies, {len(and_q)} AND queries, {len(known)} known-item titles")
    res = {}
    idx = os.path.join(WORK, "khabar-index")
    shutil.rmtree(idx, ignore_errors=True)
    out, res["khabar load s"] = khabar("ingest", "--no-extract", "--json", "--quiet", "--index", idx, jsonl)
    assert json.loads(out.splitlines()[-1])["articles"] == len(docs), out
    lucene = [" ".join(f"+{w}" for w in q.split()) for q in and_q]
    k_all = khabar_all_hits(idx, lucene, "and-all")
    k_top, t_and = khabar_search(idx, lucene, "and-top")
    k_known, t_known = khabar_search(idx, known_q, "known", "--syntax", "plain")
    res["khabar and q/s"] = len(and_q) / t_and
    res["khabar known q/s"] = len(known_q) / t_known

    eng = Searchd()
    try:
        t = time.time()
        p = subprocess.run([sys.executable, os.path.join(ROOT, "contrib", "sphinx", "khabar_sphinx.py"), "load",
                            "--port", str(eng.conf["sql_port"]), "--khabar", KHABAR, jsonl], capture_output=True, text=True)
        res["sphinx load s"] = time.time() - t
        if p.returncode != 0:
            sys.exit(f"load failed: {p.stderr[-2000:]}")
        loaded = json.loads(p.stdout)
        assert loaded["articles"] == len(docs), loaded
        res["shards"] = loaded["shards"]
        cur = ks.connect(eng.conf["sql_port"]).cursor()
        and_keys, res["sphinx and keying s"] = sphinx_keys(and_q)
        known_keys, res["sphinx known keying s"] = sphinx_keys(known_q, drop_stopwords=True)
        s_all, _ = sphinx_search(cur, and_keys, "and", 0)
        s_top, t_s_and = sphinx_search(cur, and_keys, "and", 10)
        s_known, t_s_known = sphinx_search(cur, known_keys, "or", 10)
        s_known_bm25, _ = sphinx_search(cur, known_keys, "or", 10, "bm25")
        res["sphinx and q/s"] = len(and_q) / t_s_and
        _, t_shard = sphinx_search(cur, and_keys, "and", 10, index="khabar0")
        res["sphinx one shard and q/s"] = len(and_q) / t_shard
        res["sphinx known q/s"] = len(known_q) / t_s_known
    finally:
        eng.stop()

    js = [jaccard(k, set(s)) for k, s in zip(k_all, s_all)]
    half = len(and_q) // 2
    res["jaccard one-word"] = mean(js[:half])
    res["jaccard two-word"] = mean(js[half:])
    res["identical sets"] = sum(j == 1.0 for j in js)
    res["and queries with hits"] = sum(bool(k) for k in k_all)
    res["and hits khabar"] = sum(len(k) for k in k_all)
    res["and hits sphinx"] = sum(len(s) for s in s_all)
    res["top10 overlap and"] = mean(overlap(k, s) for (k, _), s in zip(k_top, s_top))
    res["top10 overlap known"] = mean(overlap(k, s) for (k, _), s in zip(k_known, s_known))
    res["khabar MRR@10"] = search_bench.mrr([ids for ids, _ in k_known], known)
    res["sphinx MRR@10"] = search_bench.mrr(s_known, known)
    res["sphinx bm25 MRR@10"] = search_bench.mrr(s_known_bm25, known)
    diffs = [(q, len(k), len(s)) for q, k, s, j in zip(and_q, k_all, s_all, js) if j < 1.0]
    json.dump({**res, "differing": diffs[:50]}, open(os.path.join(WORK, "results.json"), "w"), indent=1, ensure_ascii=False)

    print(f"corpus: {len(docs)} ANT bodies (seed 20240601); Sphinx 2.2.11, 2 RT shards {res['shards']} behind a distributed index (loopback agents)")
    print(f"AND queries: {half} one-word + {len(and_q) - half} two-word title words, {res['and queries with hits']} with hits; "
          f"hits khabar {res['and hits khabar']}, Sphinx {res['and hits sphinx']}; identical hit sets {res['identical sets']}/{len(and_q)}")
    print(f"{'':34}{'khabar':>10}{'Sphinx':>10}")
    print(f"{'load + index (s)':34}{res['khabar load s']:>10.1f}{res['sphinx load s']:>10.1f}")
    print(f"{'Jaccard of AND hit sets, 1 word':34}{'':>10}{res['jaccard one-word']:>10.4f}")
    print(f"{'Jaccard of AND hit sets, 2 words':34}{'':>10}{res['jaccard two-word']:>10.4f}")
    print(f"{'top-10 overlap, AND queries':34}{'':>10}{res['top10 overlap and']:>10.3f}")
    print(f"{'top-10 overlap, known-item':34}{'':>10}{res['top10 overlap known']:>10.3f}")
    print(f"{'known-item MRR@10':34}{res['khabar MRR@10']:>10.3f}{res['sphinx MRR@10']:>10.3f}   (Sphinx bm25 ranker: {res['sphinx bm25 MRR@10']:.3f})")
    print(f"{'AND top-10, queries/s':34}{res['khabar and q/s']:>10.0f}{res['sphinx and q/s']:>10.0f}")
    print(f"{'known-item top-10, queries/s':34}{res['khabar known q/s']:>10.0f}{res['sphinx known q/s']:>10.0f}")
    print(f"Sphinx, one RT shard queried directly (no agents), AND top-10: {res['sphinx one shard and q/s']:.0f} queries/s")
    print(f"Sphinx query keying (khabar tokenize, one process): {res['sphinx and keying s']:.2f} s for {len(and_q)} AND queries, "
          f"{res['sphinx known keying s']:.2f} s for {len(known_q)} titles")


if __name__ == "__main__":
    main()
