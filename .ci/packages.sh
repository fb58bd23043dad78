#!/usr/bin/env bash
# System packages the tests need, installed idempotently and quietly (called by .ci/run):
# Debian's Chromium and a font with Arabic glyphs for the browser test, and the test's node
# modules (playwright-core, from tests/e2e/package-lock.json); Debian's sphinxsearch (searchd)
# and PyMySQL (pinned in contrib/sphinx/requirements.txt) for the sharded-search smoke test
# (crates/cli/tests/sphinx.rs); Java 17 and pyspark (contrib/spark/requirements.txt) for the
# Spark job's test (crates/cli/tests/spark.rs). Skips whatever is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v searchd >/dev/null 2>&1 || need+=(sphinxsearch)
if [ ${#need[@]} -gt 0 ]; then
  echo "apt: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null || true

# PyMySQL at the pinned version, for the python3 on PATH (the one the smoke test runs).
pymysql_pin="$(sed -n 's/^pymysql==//p' contrib/sphinx/requirements.txt)"
if [ "$(python3 -c 'import pymysql; print(pymysql.VERSION_STRING)' 2>/dev/null)" != "$pymysql_pin" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r contrib/sphinx/requirements.txt
fi
echo "sphinx: $(searchd --help 2>/dev/null | head -1), PyMySQL $(python3 -c 'import pymysql; print(pymysql.VERSION_STRING)')"

# npm ci only when node_modules is missing or older than the lock file.
e2e=tests/e2e
if [ ! -f "$e2e/node_modules/.package-lock.json" ] || [ "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]; then
  (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "e2e: node $(node --version), playwright-core $(node -p "require('./$e2e/node_modules/playwright-core/package.json').version")"

# The Spark job's test (crates/cli/tests/spark.rs): pyspark pinned in contrib/spark/requirements.txt.
if ! python3 -c "import pyspark" >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r contrib/spark/requirements.txt
fi
echo "spark: pyspark $(python3 -c 'import pyspark; print(pyspark.__version__)'), $(java -version 2>&1 | head -1)"
