#!/usr/bin/env python3
"""khabar's search keys in Sphinx 2.2 (Debian's `sphinxsearch`) or Manticore: RT shards behind a
distributed index, loaded and queried over SphinxQL (the mysql41 protocol, through PyMySQL).

The engine never analyzes Arabic itself. `khabar tokenize --json` gives every token's key
(the one definition, `khabar_text::key_of`); each key becomes one engine token through
`encode_key`, and the RT indexes' `charset_table` holds exactly the characters `encode_key`
writes, so the engine's tokenizer splits on the spaces between keys and nowhere else. Queries
go through the same two steps, so a query word matches where khabar's own index matches it.

  khabar_sphinx.py config --dir DIR [--shards 2]     write DIR/sphinx.conf (free loopback ports)
  searchd --config DIR/sphinx.conf                   start the engine (--nodetach: in the foreground)
  khabar_sphinx.py load --port P FILE.jsonl[.gz]...  articles -> keys -> the shard of their id
  khabar_sphinx.py query --port P < queries.txt      one JSON line of hits per query line
  khabar_sphinx.py encode < keys.txt                 one key a line -> its engine token

See docs/scale-out.md. Needs python3 and PyMySQL (contrib/sphinx/requirements.txt).
"""
import argparse
import gzip
import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Sphinx 2.2 cuts every token at 42 characters (SPH_MAX_WORD_LEN): longer keys get a hashed form.
MAX_TOKEN_CHARS = 42
# Characters a key keeps as they are; every other character is written `_<hex code point>_`.
# These ranges are also the whole charset_table of the RT indexes (one definition).
SAFE_RANGES = [
    (0x30, 0x39),  # 0-9
    (0x61, 0x7A),  # a-z (khabar lower-cases Latin)
    (0x620, 0x63F),  # Arabic letters (hamza ء U+0621 included)
    (0x641, 0x64A),  # ... after tatweel U+0640, which no key holds
    (0x66E, 0x66F),
    (0x671, 0x6D3),  # Persian, Urdu, Kurdish letters (پ چ ژ گ ...)
    (0x6D5, 0x6D5),
]
ESCAPE = "_"  # U+005F: in the charset too; a literal `_` in a key is escaped (`_5f_`)
HASHED_PREFIX = 22  # characters of the escaped form kept before `_z<16 hex>_`


def _safe(c):
    cp = ord(c)
    return any(lo <= cp <= hi for lo, hi in SAFE_RANGES)


def charset_table():
    """The RT indexes' charset_table: the safe characters and the escape, each mapped to itself."""
    parts = [f"U+{lo:X}" if lo == hi else f"U+{lo:X}..U+{hi:X}" for lo, hi in SAFE_RANGES]
    return ", ".join(parts + [f"U+{ord(ESCAPE):X}"])


def encode_key(key):
    """One khabar key as one engine token: injective, only charset characters, at most 42 of them.

    >>> encode_key("بوتين"), encode_key("#عاصي_الحلاني"), encode_key("1,500.5"), encode_key("covid-19")
    ('بوتين', '_23_عاصي_5f_الحلاني', '1_2c_500_2e_5', 'covid_2d_19')
    >>> encode_key("صلي الله عليه وسلم")
    'صلي_20_الله_20_عليه_20_وسلم'
    >>> encode_key("https://www.alarabiya.net/ar/arab-and-world/2018/02/18/a.html")
    'https_3a__2f__2f_www_zfebb419cae796c64_'

    Escapes `_<hex>_` hold hex digits only, so a key longer than 42 characters, written as its
    first escaped characters and `_z<blake2b-64 of the key>_`, can never equal another key's
    escaped form; two long keys collide only if their 64-bit hashes do.
    """
    out = []
    for c in key:
        out.append(c if _safe(c) else f"{ESCAPE}{ord(c):x}{ESCAPE}")
    token = "".join(out)
    if len(token) <= MAX_TOKEN_CHARS:
        return token
    # Cut the escaped form at a boundary outside an escape (an even number of `_` before it).
    cut, n = 0, 0
    for i, c in enumerate(token[:HASHED_PREFIX]):
        if c == ESCAPE:
            n += 1
        if n % 2 == 0:
            cut = i + 1
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return f"{token[:cut]}{ESCAPE}z{digest}{ESCAPE}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CONFIG = """# Written by contrib/sphinx/khabar_sphinx.py: {shards} RT shards of khabar keys and a
# distributed index `{dist}` over them (agents on this machine's loopback).
# Keys come encoded (khabar_sphinx.encode_key): the charset is exactly the encoder's alphabet,
# no morphology, no stop words, no minimum length, so one key is one token, never re-analyzed.
{indexes}
index {dist}
{{
    type = distributed
{agents}
    agent_connect_timeout = 1000
    agent_query_timeout = 30000
}}

searchd
{{
    listen = 127.0.0.1:{sql_port}:mysql41
    listen = 127.0.0.1:{api_port}
    log = {dir}/searchd.log
    query_log = {dir}/query.log
    pid_file = {dir}/searchd.pid
    binlog_path = {dir}/data
    workers = threads
    read_timeout = 5
    client_timeout = 60
    max_packet_size = 32M
    seamless_rotate = 0
}}
"""

RT_INDEX = """
index {name}
{{
    type = rt
    path = {dir}/data/{name}
    rt_field = keys
    rt_attr_string = aid
    rt_mem_limit = {mem_limit}
    dict = keywords
    charset_table = {charset}
    min_word_len = 1
    morphology = none
    html_strip = 0
}}
"""


def shard_names(prefix, shards):
    return [f"{prefix}{i}" for i in range(shards)]


def write_config(dir, shards=2, sql_port=None, api_port=None, prefix="khabar", mem_limit="256M"):
    """DIR/sphinx.conf (DIR/data made): returns the settings a caller needs, as a dict."""
    dir = os.path.abspath(dir)
    os.makedirs(os.path.join(dir, "data"), exist_ok=True)
    sql_port = sql_port or free_port()
    api_port = api_port or free_port()
    while api_port == sql_port:
        api_port = free_port()
    names = shard_names(prefix, shards)
    text = CONFIG.format(
        shards=shards,
        dist=prefix,
        indexes="".join(
            RT_INDEX.format(name=n, dir=dir, mem_limit=mem_limit, charset=charset_table()) for n in names
        ),
        agents="\n".join(f"    agent = 127.0.0.1:{api_port}:{n}" for n in names),
        sql_port=sql_port,
        api_port=api_port,
        dir=dir,
    )
    path = os.path.join(dir, "sphinx.conf")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return {"config": path, "dir": dir, "sql_port": sql_port, "api_port": api_port, "shards": names, "index": prefix}


def connect(port, host="127.0.0.1"):
    try:
        import pymysql
    except ImportError:
        sys.exit("khabar_sphinx: PyMySQL is missing: python3 -m pip install -r contrib/sphinx/requirements.txt")
    return pymysql.connect(host=host, port=port, user="", password="", charset="utf8mb4", autocommit=True)


def khabar_bin(arg):
    return arg or os.environ.get("KHABAR") or os.path.join(ROOT, "target", "release", "khabar")


def one_line(text):
    """A text as one input line of `khabar tokenize` (line breaks are spaces to the tokenizer too)."""
    return text.replace("\r", " ").replace("\n", " ")


def keys_of_lines(khabar, lines, extra=()):
    """Yields, for each text of `lines` (an iterable of (item, text)), (item, [key, ...]): one
    `khabar tokenize --json` process, fed by a thread so neither pipe can fill up and stall.
    --json, not --form key: a key may hold a space (ﷺ → صلي الله عليه وسلم), which the
    space-separated --form key output cannot tell from two keys (docs/scale-out.md)."""
    p = subprocess.Popen(
        [khabar, "tokenize", "--json", *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=sys.stderr,
    )
    pending = []
    lock = threading.Condition()
    done = [False]
    error = []

    def feed():
        try:
            for item, text in lines:
                with lock:
                    pending.append(item)
                    lock.notify()
                p.stdin.write(one_line(text).encode("utf-8", "replace") + b"\n")
            p.stdin.close()
        except BaseException as e:  # a broken pipe: reported after the reader stops
            error.append(e)
        finally:
            with lock:
                done[0] = True
                lock.notify()

    t = threading.Thread(target=feed, daemon=True)
    t.start()
    for raw in p.stdout:
        with lock:
            while not pending and not done[0]:
                lock.wait()
            if not pending:
                break
            item = pending.pop(0)
        yield item, [tok["key"] for tok in json.loads(raw)["tokens"] if tok["key"]]
    t.join()
    if p.wait() != 0 or error:
        sys.exit(f"khabar_sphinx: `{khabar} tokenize` failed (exit {p.returncode}) {error[:1]}")
    if pending:
        sys.exit(f"khabar_sphinx: `{khabar} tokenize` answered {len(pending)} lines too few")


def doc_id(aid):
    """The engine's document id of an article id: blake2b-64, top bit clear, never 0."""
    h = int.from_bytes(hashlib.blake2b(aid.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
    return (h & ((1 << 63) - 1)) or 1


def shard_of(aid, shards):
    return doc_id(aid) % shards


def read_articles(paths, id_fields, title_field, text_field, skipped):
    """(id, title, body) of every record of ANT-style JSON Lines files (.gz too). A record with an
    empty body is skipped, as khabar's ingest rejects it; one without an id too."""
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                except ValueError as e:
                    skipped.append(f"{path}:{n}: not JSON ({e})")
                    continue
                if not isinstance(d, dict):
                    skipped.append(f"{path}:{n}: not an object")
                    continue
                body = str(d.get(text_field) or "").strip()
                aid = next((str(d[k]).strip() for k in id_fields if str(d.get(k) or "").strip()), "")
                if not body:
                    skipped.append(f"{path}:{n}: empty body")
                elif not aid:
                    skipped.append(f"{path}:{n}: no id ({', '.join(id_fields)})")
                else:
                    yield aid, str(d.get(title_field) or "").strip(), body


def cmd_config(a):
    print(json.dumps(write_config(a.dir, a.shards, a.sql_port, a.api_port, a.prefix, a.mem_limit)))


def cmd_load(a):
    start = time.time()
    conn = connect(a.port)
    cur = conn.cursor()
    names = shard_names(a.prefix, a.shards)
    skipped = []
    batches = {n: [] for n in names}
    sizes = {n: 0 for n in names}
    counts = {n: 0 for n in names}
    seen = {}

    def flush(name):
        rows = batches[name]
        if rows:
            cur.execute(
                f"REPLACE INTO {name} (id, keys, aid) VALUES " + ", ".join(["(%s, %s, %s)"] * len(rows)),
                [v for r in rows for v in r],
            )
            counts[name] += len(rows)
        batches[name], sizes[name] = [], 0

    arts = read_articles(a.files, a.id_field, a.title_field, a.text_field, skipped)
    lines = ((aid, f"{title} {body}") for aid, title, body in arts)
    for aid, keys in keys_of_lines(khabar_bin(a.khabar), lines):
        did = doc_id(aid)
        other = seen.setdefault(did, aid)
        if other != aid:
            sys.exit(f"khabar_sphinx: ids {other!r} and {aid!r} hash to one document id")
        name = names[did % a.shards]
        text = " ".join(encode_key(k) for k in keys)
        batches[name].append((did, text, aid))
        sizes[name] += len(text) + len(aid)
        if len(batches[name]) >= a.batch or sizes[name] >= 4 << 20:
            flush(name)
    for n in names:
        flush(n)
    for s in skipped[:20]:
        print(f"khabar_sphinx: skipped {s}", file=sys.stderr)
    print(json.dumps({
        "articles": sum(counts.values()),
        "distinct_ids": len(seen),
        "shards": counts,
        "skipped": len(skipped),
        "seconds": round(time.time() - start, 3),
    }))


def match_expr(keys, mode):
    tokens = [encode_key(k) for k in keys]
    return (" | " if mode == "or" else " ").join(tokens)


def search(cur, index, expr, limit, ranker=None, meta=True):
    """(ids, total_found) of one MATCH over `index`; limit 0 = every hit. Without `meta` (one
    round trip less: for timing top-k queries), total_found is None."""
    want = limit or 1000
    while True:
        opts = f"max_matches={max(want, 1)}" + (f", ranker={ranker}" if ranker else "")
        cur.execute(f"SELECT aid FROM {index} WHERE MATCH(%s) LIMIT {want} OPTION {opts}", (expr,))
        ids = [r[0] for r in cur.fetchall()]
        if limit and not meta:
            return ids, None
        cur.execute("SHOW META")
        meta = dict(cur.fetchall())
        if "error" in meta:
            raise RuntimeError(meta["error"])
        total = int(meta.get("total_found", len(ids)))
        if limit or total <= want:
            return ids, total
        want = total


def cmd_query(a):
    conn = connect(a.port)
    cur = conn.cursor()
    extra = ["--drop-stopwords"] if a.drop_stopwords else []
    queries = ((q, q) for q in (l.rstrip("\n") for l in sys.stdin))
    out = sys.stdout
    for q, keys in keys_of_lines(khabar_bin(a.khabar), queries, extra):
        if not keys:
            rec = {"query": q, "match": "", "total": 0, "ids": []}
        else:
            expr = match_expr(keys, a.mode)
            t = time.perf_counter()
            ids, total = search(cur, a.index, expr, a.limit, a.ranker)
            rec = {"query": q, "match": expr, "total": total, "ids": ids, "ms": round((time.perf_counter() - t) * 1000, 3)}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        out.flush()


def cmd_encode(a):
    for line in sys.stdin:
        print(encode_key(line.rstrip("\n")))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("config", help="write DIR/sphinx.conf; prints its settings as JSON")
    c.add_argument("--dir", required=True)
    c.add_argument("--shards", type=int, default=2)
    c.add_argument("--sql-port", type=int, help="the SphinxQL port (default: a free loopback port)")
    c.add_argument("--api-port", type=int, help="the agents' port (default: a free loopback port)")
    c.add_argument("--prefix", default="khabar", help="the distributed index; shards are PREFIX0, PREFIX1, ...")
    c.add_argument("--mem-limit", default="256M", help="rt_mem_limit of each shard")
    c.set_defaults(run=cmd_config)
    for name, run, help in [("load", cmd_load, "load JSON Lines articles"), ("query", cmd_query, "queries from stdin")]:
        s = sub.add_parser(name, help=help)
        s.add_argument("--port", type=int, required=True, help="the SphinxQL port")
        s.add_argument("--khabar", help="the khabar binary (default: $KHABAR or target/release/khabar)")
        s.add_argument("--prefix", default="khabar")
        s.set_defaults(run=run)
    load = sub.choices["load"]
    load.add_argument("files", nargs="+")
    load.add_argument("--shards", type=int, default=2)
    load.add_argument("--batch", type=int, default=200, help="rows per REPLACE")
    load.add_argument("--id-field", action="append", help="id field (default: docno, then id)")
    load.add_argument("--title-field", default="title")
    load.add_argument("--text-field", default="text")
    q = sub.choices["query"]
    q.add_argument("--index", help="the index to query (default: the distributed one, PREFIX)")
    q.add_argument("--mode", choices=["and", "or"], default="and", help="every key must match, or any")
    q.add_argument("--limit", type=int, default=10, help="hits per query; 0 = all")
    q.add_argument("--ranker", help="Sphinx ranker (proximity_bm25 by default; bm25, sph04, ...)")
    q.add_argument("--drop-stopwords", action="store_true", help="leave khabar's stop words out of the query")
    e = sub.add_parser("encode", help="one key a line -> its engine token")
    e.set_defaults(run=cmd_encode)
    a = p.parse_args(argv)
    if a.cmd == "load":
        a.id_field = a.id_field or ["docno", "id"]
    if a.cmd == "query":
        a.index = a.index or a.prefix
    a.run(a)


if __name__ == "__main__":
    main()
