#!/usr/bin/env bash
# khabar vs Sphinx 2.2 (Debian's sphinxsearch: 2 RT shards behind a distributed index, loaded
# with khabar's keys by contrib/sphinx/khabar_sphinx.py) on 20,000 ANT articles: AND hit-set
# agreement, top-10 overlap, known-item MRR@10, queries/s. Run by hand, not in CI.
# Installs sphinxsearch and PyMySQL (contrib/sphinx/requirements.txt) when missing, builds khabar
# in release mode, then runs compare.py. Work files go to bench/work/sphinx (git-ignored).
# Usage: bench/sphinx/run.sh     (env: ARTICLES=20000 QUERIES=1000 AND_QUERIES=500 KHABAR=... SHARED_DATA=../shared/data)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
if ! command -v searchd >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends sphinxsearch >&2
fi
python3 -c 'import pymysql' 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check -r "$ROOT/contrib/sphinx/requirements.txt"
if [ -z "${KHABAR:-}" ]; then
  (cd "$ROOT" && cargo build --release -p khabar-cli >&2)
  export KHABAR="$ROOT/target/release/khabar"
fi
exec python3 "$HERE/compare.py" "$@"
