#!/usr/bin/env bash
# The browser test against the real binary: `khabar ingest` the bundled sample and the test
# articles into a fresh index, `khabar serve` it on a free loopback port, run e2e.mjs, stop.
#   bash tests/e2e/run.sh [--release]      screenshots in target/e2e/
# (`cargo test -p khabar-server --test e2e` runs the same browser test over an in-process server.)
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=debug
[ "${1:-}" = "--release" ] && profile=release
bash .ci/packages.sh >/dev/null
cargo build -q -p khabar-cli $([ $profile = release ] && echo --release)
bin=target/$profile/khabar
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" ingest --index "$work/index" samples/ crates/server/tests/fixtures/news.jsonl
"$bin" serve --index "$work/index" --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do
  grep -q 'http://' "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out") || { cat "$work/serve.log"; exit 1; }
echo "serving at $url"
node tests/e2e/e2e.mjs "$url" target/e2e
