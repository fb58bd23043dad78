#!/usr/bin/env bash
# Load test of `khabar serve`, side by side: the same load on this build and on a baseline binary
# (BASELINE, default /work/baseline/khabar-main7 when it exists), one after the other, against one
# index of ANT news articles (../shared/data/news/ant-multisource.jsonl.gz, the development
# corpus, 31,523 articles). Builds khabar (release), ingests the corpus (or its first $ARTICLES
# articles) into bench/work/serve/ once, and for each binary serves on a free loopback port, runs
# load.py, prints the server's peak memory (VmHWM) and stops it.
#   bench/serve/run.sh        REQUESTS=2000 CLIENTS=16 MIX=mixed ARTICLES=all by default
# MIX=mixed is issue #16's newsroom (searches, articles, a 50 KB text to read, entities, events);
# MIX=search is searches only. BASELINE= (empty) runs this build alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
REQUESTS=${REQUESTS:-2000}
CLIENTS=${CLIENTS:-16}
ARTICLES=${ARTICLES:-all}
MIX=${MIX:-mixed}
default_baseline=/work/baseline/khabar-main7
[ -x "$default_baseline" ] || default_baseline=
BASELINE=${BASELINE-$default_baseline}
corpus=../shared/data/news/ant-multisource.jsonl.gz
[ -f "$corpus" ] || { echo "bench/serve: $corpus is missing" >&2; exit 1; }
work=bench/work/serve
index=$work/index-ant-$ARTICLES
mkdir -p "$work"

cargo build -q --release -p khabar-cli
bin=target/release/khabar
if [ ! -f "$index/meta.json" ]; then
  limit=()
  [ "$ARTICLES" = all ] || limit=(--limit "$ARTICLES")
  # Exit code 1 means some inputs were rejected (the corpus has 2 empty bodies): fine here.
  "$bin" ingest --quiet --index "$index" "${limit[@]}" "$corpus" || [ -f "$index/meta.json" ]
fi

server=
stop() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
  fi
}
trap stop EXIT

# run NAME BINARY: serve the index with BINARY, load it, print the figures and the peak memory.
status=0
run() {
  local name=$1 b=$2 out=$work/serve-$1.out log=$work/serve-$1.log
  rm -f "$out"
  "$b" serve --index "$index" --addr 127.0.0.1:0 >"$out" 2>"$log" &
  server=$!
  for _ in $(seq 300); do
    grep -q 'http://' "$out" 2>/dev/null && break
    sleep 0.1
  done
  local url
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out") || { cat "$log"; exit 1; }
  echo "== $name: $b ($(head -1 "$out"))"
  echo "load: $REQUESTS requests ($MIX), $CLIENTS clients, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 bench/serve/load.py "$url" --requests "$REQUESTS" --clients "$CLIENTS" --mix "$MIX" || status=1
  echo "$name server: peak memory $(grep VmHWM /proc/$server/status | tr -s ' ' | cut -d' ' -f2-)"
  stop
}

if [ -n "$BASELINE" ]; then
  run baseline "$BASELINE"
fi
run this "$bin"
exit $status
