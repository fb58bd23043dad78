#!/usr/bin/env bash
# khabar vs PostgreSQL 15 full-text search, in one run:
#   ingest + index time and peak memory (~30k SaudiNewsNet bodies), 1,000 known-item queries
#   (title → its article: time per query, MRR@10), ARCD passage retrieval (MRR@10).
# Installs Debian's postgresql (and GNU time) when missing, builds khabar in release mode, then
# runs bench.py. Work files go to bench/work/search (git-ignored).
# Usage: bench/search/run.sh            (env: QUERIES=1000, KHABAR=target/release/khabar)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2
fi
if [ -z "${KHABAR:-}" ]; then
  (cd "$ROOT" && cargo build --release -p khabar-cli >&2)
  export KHABAR="$ROOT/target/release/khabar"
fi
exec python3 "$HERE/bench.py" "$@"
