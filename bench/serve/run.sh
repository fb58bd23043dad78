#!/usr/bin/env bash
# Load test of `khabar serve`: 2,000 searches from 16 concurrent clients over loopback, against an
# index of ANT news articles (../shared/data/news/ant-multisource.jsonl.gz, the development
# corpus, 31,525 articles). Builds khabar (release), ingests it (or its first $ARTICLES articles)
# into bench/work/serve/ once, serves on a free loopback port, runs load.py, stops the server.
#   bench/serve/run.sh                       REQUESTS=2000 CLIENTS=16 ARTICLES=all by default
set -euo pipefail
cd "$(dirname "$0")/../.."
REQUESTS=${REQUESTS:-2000}
CLIENTS=${CLIENTS:-16}
ARTICLES=${ARTICLES:-all}
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

"$bin" serve --index "$index" --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 200); do
  grep -q 'http://' "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out") || { cat "$work/serve.log"; exit 1; }
cat "$work/serve.out"
echo "load: $REQUESTS searches (facets on), $CLIENTS clients, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/serve/load.py "$url" --requests "$REQUESTS" --clients "$CLIENTS"
