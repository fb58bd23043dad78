"""The Spark job against `khabar export` on the same articles (run by crates/cli/tests/spark.rs).

    python3 contrib/spark/test_spark.py --khabar target/debug/khabar --ant ../shared/data/news/ant-multisource.jsonl.gz

1,000 ANT articles and one broken line go (a) through `khabar ingest` + `khabar export
--format parquet` and (b) through the Spark job, in `local[2]` and on a standalone master and
worker bound to 127.0.0.1. Every table must have the same row count and the same columns and
types both ways; the broken line must be one row of `errors`, not a failed job. Exit 0 when
all holds; the figures are printed as one JSON line.
"""

import argparse
import gzip
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import khabar_spark  # noqa: E402

TABLES = ["articles", "entities", "events", "quotes", "numbers", "dates"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ant_lines(path, n):
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not (r.get("text") or "").strip():
                continue
            out.append(
                json.dumps(
                    {
                        "docno": r["docno"],
                        "title": r.get("title"),
                        "text": r["text"],
                        "time": r.get("time"),
                        "url": r.get("url"),
                        "src": r.get("src"),
                    },
                    ensure_ascii=False,
                )
            )
            if len(out) == n:
                return out
    sys.exit(f"{path}: fewer than {n} articles")


def shape(df):
    return [(f.name, f.dataType.simpleString()) for f in df.schema.fields]


def start_standalone(spark_home, tmp):
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", SPARK_WORKER_DIR=os.path.join(tmp, "work"))
    cls = os.path.join(spark_home, "bin", "spark-class")
    port = free_port()
    log = open(os.path.join(tmp, "standalone.log"), "wb")
    master = subprocess.Popen(
        [cls, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port), "--webui-port", str(free_port())],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"spark://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    worker = subprocess.Popen(
        [cls, "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--webui-port", str(free_port())],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    return url, [worker, master]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--khabar", required=True)
    ap.add_argument("--ant", required=True)
    ap.add_argument("--articles", type=int, default=1000)
    a = ap.parse_args()
    khabar = os.path.abspath(a.khabar)
    from pyspark.sql import SparkSession
    import pyspark

    started = time.time()
    with tempfile.TemporaryDirectory(prefix="khabar-spark-test-") as tmp:
        lines = ant_lines(a.ant, a.articles)
        inp = os.path.join(tmp, "in.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for l in lines[: len(lines) // 2]:
                f.write(l + "\n")
            f.write('{"docno": "broken", "text": \n')
            for l in lines[len(lines) // 2 :]:
                f.write(l + "\n")
        idx = os.path.join(tmp, "index")
        # Exit 1: the broken line is rejected (reported), the rest indexed.
        p = subprocess.run([khabar, "ingest", "--quiet", "--index", idx, inp], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode not in (0, 1) or not os.path.isdir(idx):
            sys.exit(f"khabar ingest failed ({p.returncode}): {p.stderr.decode(errors='replace')[-2000:]}")
        exp = os.path.join(tmp, "export")
        os.makedirs(exp)
        for t in TABLES:
            subprocess.run(
                [khabar, "export", "--index", idx, "--table", t, "--format", "parquet", "--out", os.path.join(exp, t + ".parquet")],
                check=True,
            )
        fields = ["--id", "docno", "--date", "time", "--source", "src"]
        t0 = time.time()
        local = khabar_spark.main(
            ["--khabar", khabar, "--input", inp, "--output", os.path.join(tmp, "local"), "--master", "local[2]", "--partitions", "4"] + fields
        )
        local_s = time.time() - t0

        spark = SparkSession.builder.master("local[1]").appName("khabar-check").getOrCreate()
        failures = []
        for t in TABLES:
            want = spark.read.parquet(os.path.join(exp, t + ".parquet"))
            got = spark.read.parquet(os.path.join(tmp, "local", t))
            if want.count() != local[t]:
                failures.append(f"{t}: khabar export has {want.count()} rows, the Spark job {local[t]}")
            if shape(want) != shape(got):
                failures.append(f"{t}: columns differ:\n  export {shape(want)}\n  spark  {shape(got)}")
        if local["errors"] != 1:
            failures.append(f"errors: {local['errors']} rows, want 1 (the broken line)")
        if local["events"] == 0 or local["quotes"] == 0:
            failures.append("no events or no quotations: the reading did not run")
        spark.stop()

        spark_home = os.path.dirname(pyspark.__file__)
        url, procs = start_standalone(spark_home, tmp)
        try:
            t0 = time.time()
            cluster = khabar_spark.main(
                ["--khabar", khabar, "--input", inp, "--output", os.path.join(tmp, "cluster"), "--master", url, "--partitions", "4"] + fields
            )
            cluster_s = time.time() - t0
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()
        if cluster != local:
            failures.append(f"standalone {cluster} != local {local}")
        print(json.dumps({"v": 1, "articles": len(lines), "rows": local, "local_s": round(local_s, 1),
                          "standalone_s": round(cluster_s, 1), "total_s": round(time.time() - started, 1)}))
        if failures:
            print("\n".join(failures), file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
