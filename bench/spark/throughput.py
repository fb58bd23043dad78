"""Throughput of the reading: khabar alone against the Spark job, per core.

    python3 bench/spark/throughput.py --khabar target/release/khabar \
        --ant ../shared/data/news/ant-multisource.jsonl.gz [--articles 5000]

The same N ANT articles (JSON Lines) go through `khabar analyze --jsonl --flat all` with
--threads 1 and 2, and through contrib/spark/khabar_spark.py in local[1] and local[2] (four
partitions per core, all six tables written as Parquet). Prints one line per run (seconds,
articles per second, articles per second per core) and, last, the whole as one JSON line.
Spark's own start (the JVM, the session) is timed apart and left out of its throughput.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "contrib", "spark"))
import khabar_spark  # noqa: E402
from test_spark import ant_lines  # noqa: E402

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--khabar", required=True)
    ap.add_argument("--ant", required=True)
    ap.add_argument("--articles", type=int, default=5000)
    a = ap.parse_args()
    khabar = os.path.abspath(a.khabar)
    runs = []

    def report(name, cores, seconds):
        per_s = a.articles / seconds
        runs.append({"run": name, "cores": cores, "seconds": round(seconds, 2),
                     "articles_per_s": round(per_s, 1), "per_core": round(per_s / cores, 1)})
        print(f"{name:<34} {seconds:7.2f} s {per_s:8.1f} articles/s {per_s / cores:8.1f} per core", flush=True)

    with tempfile.TemporaryDirectory(prefix="khabar-spark-bench-") as tmp:
        inp = os.path.join(tmp, "in.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for line in ant_lines(a.ant, a.articles):
                r = json.loads(line)
                r = {"id": r["docno"], "title": r["title"], "text": r["text"], "date": r["time"],
                     "url": r["url"], "source": r["src"]}
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        for threads in (1, 2):
            t0 = time.time()
            with open(inp, "rb") as i, open(os.devnull, "wb") as o:
                subprocess.run([khabar, "analyze", "--jsonl", "-", "--flat", "all", "--keep-going",
                                "--threads", str(threads)], stdin=i, stdout=o, check=True)
            report(f"khabar analyze --flat all -t{threads}", threads, time.time() - t0)

        from pyspark.sql import SparkSession
        for cores in (1, 2):
            t0 = time.time()
            SparkSession.builder.master(f"local[{cores}]").appName("khabar-warm").getOrCreate()
            start = time.time() - t0
            out = os.path.join(tmp, f"out{cores}")
            t0 = time.time()
            # The session made above is the one the job gets (getOrCreate).
            khabar_spark.main(["--khabar", khabar, "--input", inp, "--output", out,
                               "--partitions", str(4 * cores)])
            report(f"spark local[{cores}] (start {start:.1f} s apart)", cores, time.time() - t0)
    print(json.dumps({"v": 1, "articles": a.articles, "runs": runs}))


if __name__ == "__main__":
    main()
