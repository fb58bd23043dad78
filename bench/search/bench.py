#!/usr/bin/env python3
"""khabar vs PostgreSQL 15 FTS (arabic config, GIN, OR of the query's terms ranked by ts_rank).

Corpus: SaudiNewsNet articles with at least 200 characters of body, bodies only (identical
bodies kept once). Known-item queries: QUERIES (default 1,000) titles drawn with a fixed seed;
the relevant documents are those with exactly that title. ARCD: all paragraphs of arcd.json
(identical contexts merged) as documents, the arcd-test.json questions as queries, the
question's own paragraph relevant. Both engines get the same documents and the same query text;
khabar reads queries as plain words (`--syntax plain`) and does not collapse duplicates
(`--duplicates`), as PostgreSQL does not. Per-query times include process start and index open
for khabar (one batch process) and one psql session for PostgreSQL.
"""
import glob, json, os, random, re, shutil, subprocess, sys, time, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "..", "shared", "data")
WORK = os.path.join(ROOT, "bench", "work", "search")
KHABAR = os.environ.get("KHABAR", os.path.join(ROOT, "target", "release", "khabar"))
NQ = int(os.environ.get("QUERIES", "1000"))
PGBIN = "/usr/lib/postgresql/15/bin"
PORT = "54329"
SPACES = re.compile(r"\s+")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def prepare():
    docs, seen = [], set()
    for z in sorted(glob.glob(os.path.join(DATA, "news", "saudinewsnet", "*.zip"))):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for a in json.loads(zf.read(name)):
                    body = (a.get("content") or "").strip()
                    if len(body) < 200:
                        continue
                    key = SPACES.sub(" ", body)
                    if key in seen:
                        continue
                    seen.add(key)
                    docs.append({"id": f"snn{len(docs)}", "text": body, "title": SPACES.sub(" ", a.get("title") or "").strip()})
    queries = known_items(docs, NQ)
    arcd_docs, ctx_id = [], {}
    for a in json.load(open(os.path.join(DATA, "retrieval", "arcd.json")))["data"]:
        for p in a["paragraphs"]:
            c = p["context"].strip()
            if c not in ctx_id:
                ctx_id[c] = f"arcd{len(arcd_docs)}"
                arcd_docs.append({"id": ctx_id[c], "text": c})
    arcd_q = []
    for a in json.load(open(os.path.join(DATA, "retrieval", "arcd-test.json")))["data"]:
        for p in a["paragraphs"]:
            for q in p["qas"]:
                arcd_q.append((SPACES.sub(" ", q["question"]).strip(), {ctx_id[p["context"].strip()]}))
    return docs, queries, arcd_docs, arcd_q


def known_items(docs, n, seed=20240601):
    """Known-item queries: `n` distinct titles drawn with a fixed seed, each with the ids of the
    documents that have exactly that title (docs: dicts with "id" and "title")."""
    by_title = {}
    for d in docs:
        if d["title"]:
            by_title.setdefault(d["title"], set()).add(d["id"])
    titles = sorted(by_title)
    random.Random(seed).shuffle(titles)
    return [(t, by_title[t]) for t in titles[:n]]


def write_jsonl(path, docs):
    with open(path, "w") as f:
        for d in docs:
            f.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")


def mrr(ranked, queries):
    total = 0.0
    for ids, (_, rel) in zip(ranked, queries):
        for i, d in enumerate(ids[:10]):
            if d in rel:
                total += 1.0 / (i + 1)
                break
    return total / max(1, len(queries))


def khabar_ingest(name, jsonl):
    idx = os.path.join(WORK, f"khabar-{name}")
    shutil.rmtree(idx, ignore_errors=True)
    t = time.time()
    p = subprocess.run(["/usr/bin/time", "-v", KHABAR, "ingest", "--json", "--index", idx, jsonl], capture_output=True, text=True)
    secs = time.time() - t
    if p.returncode != 0:
        sys.exit(f"khabar ingest failed: {p.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    return idx, secs, rss, json.loads(p.stdout.strip().splitlines()[-1])


def khabar_search(idx, queries, name):
    qf = os.path.join(WORK, f"{name}-queries.txt")
    with open(qf, "w") as f:
        for q, _ in queries:
            f.write(q.replace("\n", " ") + "\n")
    t = time.time()
    p = subprocess.run([KHABAR, "search", "--index", idx, "--queries", qf, "--syntax", "plain", "--duplicates", "--limit", "10"], capture_output=True, text=True)
    secs = time.time() - t
    if p.returncode != 0:
        sys.exit(f"khabar search failed: {p.stderr[-2000:]}")
    lines = p.stdout.splitlines()
    assert len(lines) == len(queries), (len(lines), len(queries))
    ranked = [[h["id"] for h in json.loads(l)["hits"]] for l in lines]
    return ranked, secs / len(queries) * 1000


class Pg:
    def __init__(self):
        self.dir = os.path.join(WORK, "pg")
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        shutil.chown(WORK, "postgres") if os.getuid() == 0 else None
        os.chmod(WORK, 0o755)
        self.as_pg(["chown", "-R", "postgres", self.dir], root=True)
        self.as_pg([f"{PGBIN}/initdb", "-D", self.dir + "/data", "-A", "trust", "-U", "postgres", "--locale=C.UTF-8", "-E", "UTF8"])
        self.as_pg([f"{PGBIN}/pg_ctl", "-D", self.dir + "/data", "-o", f"-p {PORT} -k {self.dir} -c shared_buffers=256MB -c maintenance_work_mem=512MB -c max_parallel_maintenance_workers=2", "-l", self.dir + "/log", "-w", "start"])

    def as_pg(self, cmd, root=False, **kw):
        if os.getuid() == 0 and not root:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)

    def psql(self, sql=None, file=None):
        cmd = [f"{PGBIN}/../bin/psql" if False else "psql", "-h", self.dir, "-p", PORT, "-U", "postgres", "-At", "-v", "ON_ERROR_STOP=1"]
        cmd += ["-f", file] if file else ["-c", sql]
        return self.as_pg(cmd).stdout

    def stop(self):
        self.as_pg([f"{PGBIN}/pg_ctl", "-D", self.dir + "/data", "-m", "fast", "stop"])

    def ingest(self, name, jsonl):
        tsv = os.path.join(self.dir, f"{name}.tsv")
        with open(jsonl) as f, open(tsv, "w") as out:
            for line in f:
                d = json.loads(line)
                text = d["text"].replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n").replace("\r", " ")
                out.write(f"{d['id']}\t{text}\n")
        shutil.chown(tsv, "postgres") if os.getuid() == 0 else None
        t = time.time()
        self.psql(
            f"DROP TABLE IF EXISTS {name}; CREATE TABLE {name} (id text primary key, body text);"
            f"COPY {name} FROM '{tsv}';"
            f"ALTER TABLE {name} ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('arabic', body)) STORED;"
            f"CREATE INDEX {name}_gin ON {name} USING gin(tsv); ANALYZE {name};"
        )
        return time.time() - t

    def search(self, name, queries):
        sql = os.path.join(self.dir, f"{name}-queries.sql")
        with open(sql, "w") as f:
            for i, (q, _) in enumerate(queries):
                lit = "'" + q.replace("'", "''") + "'"
                f.write(
                    f"SELECT {i}, id FROM {name}, to_tsquery('arabic', coalesce(nullif(replace(plainto_tsquery('arabic', {lit})::text, ' & ', ' | '), ''), 'xxxxxx')) q "
                    f"WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10;\n"
                )
        shutil.chown(sql, "postgres") if os.getuid() == 0 else None
        t = time.time()
        out = self.psql(file=sql)
        secs = time.time() - t
        ranked = [[] for _ in queries]
        for line in out.splitlines():
            i, d = line.split("|", 1)
            ranked[int(i)].append(d)
        return ranked, secs / len(queries) * 1000


def main():
    os.makedirs(WORK, exist_ok=True)
    docs, queries, arcd_docs, arcd_q = prepare()
    snn = os.path.join(WORK, "snn.jsonl")
    arcd = os.path.join(WORK, "arcd.jsonl")
    write_jsonl(snn, docs)
    write_jsonl(arcd, arcd_docs)
    log(f"SaudiNewsNet: {len(docs)} bodies >= 200 chars, {len(queries)} known-item queries; ARCD: {len(arcd_docs)} paragraphs, {len(arcd_q)} test questions")
    res = {}
    idx, secs, rss, summ = khabar_ingest("snn", snn)
    assert summ["articles"] == len(docs), summ
    res["khabar ingest s"], res["khabar peak MiB"] = secs, rss
    ranked, ms = khabar_search(idx, queries, "snn")
    res["khabar ms/query"], res["khabar MRR@10"] = ms, mrr(ranked, queries)
    aidx, _, _, _ = khabar_ingest("arcd", arcd)
    ranked, _ = khabar_search(aidx, arcd_q, "arcd")
    res["khabar ARCD MRR@10"] = mrr(ranked, arcd_q)
    pg = Pg()
    try:
        res["pg ingest s"] = pg.ingest("snn", snn)
        ranked, ms = pg.search("snn", queries)
        res["pg ms/query"], res["pg MRR@10"] = ms, mrr(ranked, queries)
        pg.ingest("arcd", arcd)
        ranked, _ = pg.search("arcd", arcd_q)
        res["pg ARCD MRR@10"] = mrr(ranked, arcd_q)
    finally:
        pg.stop()
    print(f"corpus: {len(docs)} SaudiNewsNet bodies; {len(queries)} known-item queries; ARCD {len(arcd_docs)} paragraphs / {len(arcd_q)} questions")
    print(f"{'':28}{'khabar':>12}{'PostgreSQL':>12}")
    print(f"{'ingest + index (s)':28}{res['khabar ingest s']:>12.1f}{res['pg ingest s']:>12.1f}")
    print(f"{'time per query (ms)':28}{res['khabar ms/query']:>12.2f}{res['pg ms/query']:>12.1f}   ({res['pg ms/query'] / res['khabar ms/query']:.0f}x)")
    print(f"{'known-item MRR@10':28}{res['khabar MRR@10']:>12.3f}{res['pg MRR@10']:>12.3f}")
    print(f"{'ARCD test MRR@10':28}{res['khabar ARCD MRR@10']:>12.3f}{res['pg ARCD MRR@10']:>12.3f}")
    print(f"{'khabar ingest peak RSS (MiB)':28}{res['khabar peak MiB']:>12.0f}")
    json.dump(res, open(os.path.join(WORK, "results.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
