#!/usr/bin/env python3
"""Load test of `khabar serve`: N search requests from C concurrent clients, loopback only.

    python3 load.py http://127.0.0.1:PORT [--requests 2000] [--clients 16]

Each client keeps one HTTP/1.1 connection and sends `GET /api/search?q=...` (facets included,
as the web interface asks) with queries drawn in turn from QUERIES. A request fails unless it
answers 200 with JSON holding `total` and `hits`; the run fails if any did, or if no query found
anything. Prints latency percentiles (ms) and throughput. Standard library only.
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


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args()
    url = urllib.parse.urlsplit(args.base)
    if url.scheme != "http" or url.hostname not in ("127.0.0.1", "localhost", "::1") and not url.hostname.startswith("127."):
        sys.exit("load.py: loopback http only")
    host, port = url.hostname, url.port or 80

    lock = threading.Lock()
    next_i = [0]
    latencies = []
    failures = []
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
            q = QUERIES[i % len(QUERIES)]
            path = "/api/search?" + urllib.parse.urlencode({"q": q, "limit": args.limit})
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                dt = time.perf_counter() - t0
                if resp.status != 200:
                    raise RuntimeError(f"HTTP {resp.status}: {body[:200]!r}")
                v = json.loads(body)
                if "total" not in v or "hits" not in v:
                    raise RuntimeError("no total/hits in the answer")
                with lock:
                    latencies.append(dt)
                    if v["total"] > 0:
                        found[0] += 1
            except Exception as e:  # noqa: BLE001 - every failure is counted and reported
                with lock:
                    failures.append(f"{q}: {e}")
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

    lat = sorted(x * 1000 for x in latencies)
    print(f"requests {args.requests}, clients {args.clients}, ok {len(lat)}, failed {len(failures)}, with hits {found[0]}")
    print(f"latency ms: p50 {percentile(lat, 50):.1f}  p90 {percentile(lat, 90):.1f}  p99 {percentile(lat, 99):.1f}  max {lat[-1] if lat else float('nan'):.1f}")
    print(f"throughput: {len(lat) / wall:.0f} requests/s over {wall:.1f} s")
    for f in failures[:10]:
        print(f"  failure: {f}")
    if failures or len(lat) != args.requests or found[0] == 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
