#!/usr/bin/env python3
"""Load test of `khabar serve`: N requests from C concurrent clients, loopback only.

    python3 load.py http://127.0.0.1:PORT [--requests 2000] [--clients 16] [--mix mixed|search]

Each client keeps one HTTP/1.1 connection. `--mix search` sends only `GET /api/search?q=...`
(facets included, as the web interface asks), queries drawn in turn from QUERIES. `--mix mixed`
(the newsroom of issue #16) sends, of every 20 requests: 13 searches, 4 article pages
(`/api/articles/{id}`, ids found by a first search), 1 reading of a 50 KB text
(`POST /api/analyze`, real articles of the index put end to end), 1 entity count
(`/api/entities`, every article or a query) and 1 event list (`/api/events`). A request fails
unless it answers 200 with the JSON its route promises (a 503, busy or timed out, is a failure
too); the run fails if any did, or if no search found anything. Prints latency percentiles (ms)
per route and throughput. Standard library only.
"""
import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse

# News words of 2018 (the ANT corpus), single words, phrases and filters.
QUERIES = [
    "ترامب", "السعودية", "اليمن", "الحوثيين", "إيران", "النفط", "سوريا", "روسيا", "كأس العالم",
    "محمد صلاح", "القدس", "الاتفاق النووي", "أسعار النفط", "الأمم المتحدة", "\"كوريا الشمالية\"",
    "قطر", "تركيا أردوغان", "الانتخابات العراقية", "الهجوم الكيماوي", "ماكرون", "البنك المركزي",
    "غزة", "مصر السيسي", "ليبيا", "بوتين", "الصين", "إدلب", "الدولار", "الاحتجاجات", "+ترامب -كوريا",
]
EVENT_TYPES = ["", "PROTEST", "ASSAULT", "DEPLOY"]
ANALYZE_BYTES = 50_000
ROUTES = ["search", "article", "analyze", "entities", "events"]


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def get_json(host, port, path, timeout):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    if resp.status != 200:
        sys.exit(f"load.py: {path}: HTTP {resp.status} {body[:200]!r}")
    return json.loads(body)


def prepare(host, port, timeout):
    """Article ids (from searches) and a 50 KB text (their bodies end to end)."""
    ids = []
    for q in QUERIES[:10]:
        v = get_json(host, port, "/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10}), timeout)
        ids.extend(h["id"] for h in v["hits"])
    if not ids:
        sys.exit("load.py: no search found anything")
    text = ""
    for i in ids:
        if len(text.encode()) >= ANALYZE_BYTES:
            break
        a = get_json(host, port, "/api/articles/" + urllib.parse.quote(i, safe=""), timeout)
        text += a["body"] + "\n\n"
    text = text.encode()[:ANALYZE_BYTES].decode(errors="ignore")
    text = text[: text.rfind(" ")]
    return ids, json.dumps({"text": text}).encode()


def request_of(i, mix, ids, analyze_body):
    """(route, method, path, body) of request number i."""
    q = QUERIES[i % len(QUERIES)]
    search = ("search", "GET", "/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10}), None)
    if mix == "search":
        return search
    k = i % 20
    if k in (3, 8, 13, 18):
        return ("article", "GET", "/api/articles/" + urllib.parse.quote(ids[i % len(ids)], safe=""), None)
    if k == 5:
        return ("analyze", "POST", "/api/analyze", analyze_body)
    if k == 10:
        params = {"q": q} if (i // 20) % 2 else {}
        return ("entities", "GET", "/api/entities?" + urllib.parse.urlencode(params), None)
    if k == 15:
        params = {"type": EVENT_TYPES[(i // 20) % len(EVENT_TYPES)]}
        if (i // 20) % 2:
            params["q"] = q
        return ("events", "GET", "/api/events?" + urllib.parse.urlencode(params), None)
    return search


EXPECT = {
    "search": ("total", "hits"),
    "article": ("id", "body"),
    "analyze": ("entities",),
    "entities": ("total", "entities"),
    "events": ("total", "events"),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--mix", choices=["mixed", "search"], default="mixed")
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args()
    url = urllib.parse.urlsplit(args.base)
    if url.scheme != "http" or url.hostname not in ("127.0.0.1", "localhost", "::1") and not url.hostname.startswith("127."):
        sys.exit("load.py: loopback http only")
    host, port = url.hostname, url.port or 80
    ids, analyze_body = prepare(host, port, args.timeout) if args.mix == "mixed" else ([], b"")

    lock = threading.Lock()
    next_i = [0]
    latencies = {r: [] for r in ROUTES}
    failures = {r: [] for r in ROUTES}
    found = [0]

    def take():
        with lock:
            i = next_i[0]
            if i >= args.requests:
                return None
            next_i[0] += 1
            return i

    def client():
        conn = http.client.HTTPConnection(host, port, timeout=args.timeout)
        while True:
            i = take()
            if i is None:
                break
            route, method, path, body = request_of(i, args.mix, ids, analyze_body)
            headers = {"Content-Type": "application/json"} if body else {}
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                dt = time.perf_counter() - t0
                if resp.status != 200:
                    raise RuntimeError(f"HTTP {resp.status} after {dt:.1f} s: {data[:120]!r}")
                v = json.loads(data)
                if any(k not in v for k in EXPECT[route]):
                    raise RuntimeError(f"no {EXPECT[route]} in the answer")
                with lock:
                    latencies[route].append(dt)
                    if route == "search" and v["total"] > 0:
                        found[0] += 1
            except Exception as e:  # noqa: BLE001 - every failure is counted and reported
                with lock:
                    failures[route].append(f"{route} {path[:60]}: {e}")
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=args.timeout)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start

    ok = sum(len(v) for v in latencies.values())
    failed = sum(len(v) for v in failures.values())
    print(f"requests {args.requests} ({args.mix}), clients {args.clients}, ok {ok}, failed {failed}, searches with hits {found[0]}")
    for r in ROUTES:
        lat = sorted(x * 1000 for x in latencies[r])
        if not lat and not failures[r]:
            continue
        print(f"  {r:<8} ok {len(lat):>5} failed {len(failures[r]):>4}  ms: p50 {percentile(lat, 50):>7.1f}  p90 {percentile(lat, 90):>7.1f}  p99 {percentile(lat, 99):>7.1f}  max {lat[-1] if lat else float('nan'):>7.1f}")
    print(f"throughput: {ok / wall:.0f} requests/s over {wall:.1f} s")
    shown = [f for r in ROUTES for f in failures[r][:3]]
    for f in shown:
        print(f"  failure: {f}")
    if failed or ok != args.requests or found[0] == 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
