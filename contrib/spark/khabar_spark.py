"""khabar's reading on Apache Spark: the tables of `khabar export`, written as Parquet.

    spark-submit contrib/spark/khabar_spark.py --khabar target/release/khabar \
        --input 's3a://bucket/news/*.jsonl.gz' --output 's3a://bucket/khabar/' \
        [--tables events,quotes] [--id docno --text text --title title --date time --url url --source src]

The input is any JSON Lines or Parquet data set Spark reads (`--input-format`). Each
partition is written to a local file, read by the khabar binary (shipped to the executors with
`SparkContext.addFile`) through its pipeline contract (`khabar analyze --jsonl - --keep-going
--flat TABLES --threads 1`, docs/analyze.md), and the rows come back as JSON lines tagged with
their table. Each table is parsed with the schema khabar itself prints (`khabar export
--schema`), so the columns and their types are those of `khabar export --format parquet`,
and written to OUTPUT/<table>/. Lines khabar could not read (no id, no text, broken input)
are rows of OUTPUT/errors/ (id, line in the partition, error): one bad line never fails the job.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

# khabar's column kinds (khabar_export::Kind, `khabar export --schema`) as Spark types.
KINDS = {
    "Utf8": T.StringType(),
    "Int64": T.LongType(),
    "Float64": T.DoubleType(),
    "Boolean": T.BooleanType(),
    "Timestamp(ms, UTC)": T.TimestampType(),
    "Date32": T.DateType(),
    "List<Utf8>": T.ArrayType(T.StringType(), containsNull=False),
}

ERRORS = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField("line", T.LongType()),
        T.StructField("error", T.StringType()),
    ]
)

# The input fields khabar reads (the keys of an `analyze --jsonl` line).
FIELDS = ("id", "text", "title", "date", "url", "source", "author", "category")


def khabar_schemas(khabar):
    """{table: StructType} from `khabar export --schema`."""
    out = subprocess.run([khabar, "export", "--schema"], check=True, capture_output=True).stdout
    doc = json.loads(out)
    if doc.get("v") != 1:
        sys.exit(f"khabar export --schema: format version {doc.get('v')}, this job reads 1")
    return {
        name: T.StructType(
            [T.StructField(c["name"], KINDS[c["type"]], c["nullable"]) for c in columns]
        )
        for name, columns in doc["tables"].items()
    }


TAG = '{"table":"'
ERROR = '{"v":'


def table_of(line, tables):
    """The table a line of `khabar analyze --flat` belongs to, read off its first key without
    parsing the row: `{"table":"events",...` when there are several tables; an error line
    `{"v":1,"id"?,"line","error"}` is "errors"; otherwise the one table asked for. The reader
    ignores the keys its schema does not have ("table", "v")."""
    if line.startswith(TAG):
        return line[len(TAG) : line.index('"', len(TAG))]
    if line.startswith(ERROR):
        return "errors"
    return tables[0]


def read_partition(binary, tables):
    def run(rows):
        exe = SparkFiles.get(binary)
        if not os.access(exe, os.X_OK):
            os.chmod(exe, 0o755)
        with tempfile.TemporaryDirectory(prefix="khabar-spark-") as tmp:
            inp = os.path.join(tmp, "in.jsonl")
            with open(inp, "w", encoding="utf-8") as f:
                for r in rows:
                    f.write(r.line + "\n")
            out = os.path.join(tmp, "out.jsonl")
            with open(inp, "rb") as i, open(out, "wb") as o:
                p = subprocess.run(
                    [exe, "analyze", "--jsonl", "-", "--keep-going", "--flat", ",".join(tables), "--threads", "1"],
                    stdin=i,
                    stdout=o,
                    stderr=subprocess.PIPE,
                )
            if p.returncode != 0:
                # With --keep-going only an unreadable input or a broken binary gets here.
                raise RuntimeError(f"khabar exited {p.returncode}: {p.stderr.decode(errors='replace')[-2000:]}")
            with open(out, encoding="utf-8") as f:
                for line in f:
                    yield (table_of(line, tables), line.rstrip("\n"))

    return run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--khabar", required=True, help="the khabar binary (Linux x86-64, as the executors run)")
    ap.add_argument("--input", required=True)
    ap.add_argument("--input-format", choices=["json", "parquet"], default=None)
    ap.add_argument("--output", required=True)
    ap.add_argument("--tables", default="articles,entities,events,quotes,numbers,dates")
    ap.add_argument("--partitions", type=int, default=None, help="repartition the input to this many tasks")
    ap.add_argument("--master", default=None, help="e.g. local[2] or spark://127.0.0.1:7077 (default: spark-submit's)")
    for f in FIELDS:
        ap.add_argument(f"--{f}", dest=f"field_{f}", default=f, metavar="FIELD", help=f"the input field read as `{f}`")
    a = ap.parse_args(argv)

    builder = SparkSession.builder.appName("khabar")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    schemas = khabar_schemas(a.khabar)
    tables = [t for t in a.tables.split(",") if t]
    unknown = [t for t in tables if t not in schemas]
    if unknown:
        sys.exit(f"unknown tables {unknown}: khabar has {sorted(schemas)}")
    sc.addFile(os.path.abspath(a.khabar))
    # The partition function lives in this module: the executors import it from here.
    sc.addPyFile(os.path.abspath(__file__))
    binary = os.path.basename(a.khabar)

    fmt = a.input_format or ("parquet" if a.input.rstrip("/").endswith(".parquet") else "json")
    names = {f: getattr(a, f"field_{f}") for f in FIELDS}
    if fmt == "parquet":
        df = spark.read.parquet(a.input)
    else:
        # The fields read, as text (a number too): no pass over the input to infer a schema,
        # and a broken line is a row of nulls that khabar answers with an error line.
        wanted = T.StructType([T.StructField(n, T.StringType()) for n in dict.fromkeys(names.values())])
        df = spark.read.schema(wanted).json(a.input)
    # Each article as the JSON line khabar reads, made in the JVM (nulls left out).
    df = df.select(
        F.to_json(F.struct(*[df[src].alias(f) for f, src in names.items() if src in df.columns])).alias("line")
    )
    if a.partitions:
        df = df.repartition(a.partitions)

    # The rows cross from Python to the JVM once, as (table, line) strings kept there; each
    # table is then picked and parsed inside the JVM, with khabar's schema.
    flat = spark.createDataFrame(
        df.rdd.mapPartitions(read_partition(binary, tables)), "table string, line string"
    ).persist(StorageLevel.MEMORY_AND_DISK)
    counts = {}
    seconds = {}
    for name in tables + ["errors"]:
        t0 = time.time()
        schema = ERRORS if name == "errors" else schemas[name]
        table = flat.filter(F.col("table") == name).select(
            F.from_json("line", schema, {"mode": "FAILFAST"}).alias("row")
        ).select("row.*")
        table.write.mode("overwrite").parquet(os.path.join(a.output, name))
        counts[name] = spark.read.parquet(os.path.join(a.output, name)).count()
        seconds[name] = round(time.time() - t0, 2)
    flat.unpersist()
    # "seconds": each table's write; the first holds the reading itself (the rows are made
    # when the first table asks for them).
    print(json.dumps({"v": 1, "rows": counts, "seconds": seconds}))
    spark.stop()
    return counts


if __name__ == "__main__":
    main()
