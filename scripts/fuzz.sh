#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/*.rs) for a bounded time on seeds
# made here, at run time, from real Arabic news: a few hundred ANT bodies from
# ../shared (never committed), query strings of their words, the repo's
# bundled samples, and small JSON/JSONL/gzip/zip files of ANT records.
#   FUZZ_SECONDS=60 scripts/fuzz.sh            # each target 60 s (default 30)
#   FUZZ_SECONDS=5 scripts/fuzz.sh text query  # some targets only
# Needs cargo-fuzz (cargo install cargo-fuzz --locked); on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets it pass its nightly flags. A crash leaves its input in
# fuzz/artifacts/<target>/ and makes this script fail: make it a regression
# test named after it in the owning crate.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SECONDS:-30}"
ant="${ANT:-../shared/data/news/ant-multisource.jsonl.gz}"
seeds=fuzz/seeds
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text reading ingest query)
export RUSTC_BOOTSTRAP=1

if [ ! -f "$ant" ]; then
  echo "error: $ant is missing (the ANT corpus seeds the fuzzers)" >&2
  exit 1
fi
rm -rf "$seeds"
mkdir -p "$seeds"/{text,reading,ingest,query}
python3 - "$ant" "$seeds" <<'PY'
import gzip, io, json, random, sys, zipfile, glob
ant, out = sys.argv[1], sys.argv[2]
rng = random.Random(16)
recs = []
with gzip.open(ant, "rt", encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i % 100 == 0:
            recs.append(json.loads(line))
        if len(recs) >= 300:
            break
def put(target, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    open(f"{out}/{target}/{name}", "wb").write(data)
words = []
for i, r in enumerate(recs):
    body = (r.get("text") or "")[:4000]
    put("text", f"ant{i}", body)
    put("reading", f"ant{i}", (r.get("title") or "") + "\n" + body)
    words += body.split()[:200]
for p in glob.glob("samples/*"):
    t = open(p, "rb").read()
    put("text", "sample", t); put("reading", "sample", t)
ops = ["", "", " AND ", " OR ", " NOT ", " -", " +"]
for i in range(300):
    n = rng.randint(1, 5)
    q = ""
    for _ in range(n):
        w = rng.choice(words).strip('.,،؛:"«»()')
        form = rng.choice(["{w}", '"{w} {v}"', "title:{w}", "{w}*", "{w}~1", "published:[2018 TO 2019]", "source:alarabia", "({w} OR {v})"])
        q += rng.choice(ops) + form.format(w=w, v=rng.choice(words))
    put("query", f"q{i}", q.strip())
# ingest: the first byte picks the file name (see fuzz_targets/ingest.rs)
names = ["a.txt", "a.html", "a.json", "a.jsonl", "a.jsonl.gz", "a.txt.gz", "a.zip", "a"]
def ing(kind, name, data):
    put("ingest", name, bytes([names.index(kind)]) + data)
for i, r in enumerate(recs[:40]):
    line = json.dumps(r, ensure_ascii=False).encode()
    body = (r.get("text") or "").encode()
    ing("a.txt", f"txt{i}", (r.get("title") or "").encode() + b"\n\n" + body)
    ing("a.txt", f"cp1256-{i}", ((r.get("title") or "") + "\n\n" + r.get("text", "")).encode("cp1256", "replace"))
    ing("a.html", f"html{i}", f'<html dir="rtl"><head><meta charset="utf-8"><title>{r.get("title","")}</title></head><body><article><h1>{r.get("title","")}</h1><p>{r.get("text","")}</p></article></body></html>'.encode())
    ing("a.json", f"json{i}", b"[" + line + b"]")
    ing("a.jsonl", f"jsonl{i}", line + b"\n" + line + b"\n")
    ing("a.jsonl.gz", f"gz{i}", gzip.compress(line + b"\n"))
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.json", line)
        zf.writestr("b/c.txt", body)
    ing("a.zip", f"zip{i}", z.getvalue())
PY

status=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  echo "== fuzz $t (${secs}s)"
  log="fuzz/artifacts/$t.log"
  mkdir -p fuzz/artifacts
  if ! (cd fuzz && cargo fuzz run --sanitizer none "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1) \
      >"$log" 2>&1; then
    status=1
    echo "error: fuzz target $t failed (input in fuzz/artifacts/$t/):" >&2
    tail -30 "$log" >&2
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" | sed "s/^/$t /" || true
done
exit $status
