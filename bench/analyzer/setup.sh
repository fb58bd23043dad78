#!/usr/bin/env bash
# Installs what the analyzer benchmarks need, idempotently (each step is skipped when already done):
#   Debian: liblucene8-java (Lucene 8.7 ArabicAnalyzer), a JDK with javac, python3-venv, util-linux (taskset)
#   PyPI (into a venv under bench/work/analyzer/venv): PyStemmer, numpy, scipy
#   and compiles the Java driver LuceneArabic.java into bench/work/analyzer/classes.
# Prints nothing but progress on stderr; safe to run repeatedly.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$ROOT/bench/work/analyzer"
mkdir -p "$WORK"

log() { echo "[setup] $*" >&2; }

need_apt=()
[ -f /usr/share/java/lucene-analyzers-common.jar ] || [ -n "$(ls /usr/share/java/lucene-analyzers-common-*.jar 2>/dev/null)" ] || need_apt+=(liblucene8-java)
command -v javac >/dev/null || need_apt+=(default-jdk-headless)
command -v taskset >/dev/null || need_apt+=(util-linux)
command -v python3 >/dev/null || need_apt+=(python3)
if [ ! -x "$WORK/venv/bin/python" ] && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  need_apt+=(python3-venv)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >&2
fi

VENV="$WORK/venv"
if ! "$VENV/bin/python" -c 'import Stemmer, numpy, scipy.sparse' 2>/dev/null; then
  log "creating venv $VENV with PyStemmer numpy scipy"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check PyStemmer numpy scipy >&2
fi

# Lucene jars: resolved from the Debian package's file list.
jar_of() { dpkg -L liblucene8-java | grep -E "^/usr/share/java/$1-[0-9.]+\.jar$" | head -n1; }
CORE="$(jar_of lucene-core)"
COMMON="$(jar_of lucene-analyzers-common)"
if [ -z "$CORE" ] || [ -z "$COMMON" ]; then echo "lucene jars not found via dpkg -L liblucene8-java" >&2; exit 1; fi
echo "$CORE:$COMMON" > "$WORK/lucene.classpath"

CLASSES="$WORK/classes"
if [ ! -f "$CLASSES/LuceneArabic.class" ] || [ "$HERE/LuceneArabic.java" -nt "$CLASSES/LuceneArabic.class" ]; then
  log "javac LuceneArabic.java"
  mkdir -p "$CLASSES"
  javac -d "$CLASSES" -cp "$CORE:$COMMON" "$HERE/LuceneArabic.java"
fi
log "ready (venv: $VENV, lucene: $CORE)"
