#!/usr/bin/env bash
# Analyzer throughput: khabar tokenize vs Lucene ArabicAnalyzer vs Snowball arabic (PyStemmer) vs
# a no-stemming baseline, each over the same 100 MB of SaudiNewsNet bodies, each pinned to one
# core (taskset -c 0), timing the whole process (startup included) by wall clock. Each output is
# written to bench/work/analyzer/out/<name>.txt and must have as many lines as the input.
#
# Honest by construction: RUNS rounds (default 5), each round runs every analyzer once, one after
# the other, so that load from other processes and the JIT's luck spread over all of them; each
# analyzer's best, median and spread (slowest/best) are printed with the load average before and
# after, and the ratio to Lucene is given both at best and at median.
#
# Usage: bench/analyzer/throughput.sh
# Env:   KHABAR=path/to/khabar (default target/release/khabar, built with cargo when missing)
#        KHABAR_ARGS="tokenize --form key" (default), RUNS=5, CORE=0,
#        ONLY="khabar lucene" (default: all four analyzers)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$ROOT/bench/work/analyzer"
RUNS="${RUNS:-5}"
CORE="${CORE:-0}"
KHABAR="${KHABAR:-$ROOT/target/release/khabar}"
KHABAR_ARGS="${KHABAR_ARGS:-tokenize --form key}"

bash "$HERE/setup.sh"
python3 "$HERE/prepare.py" >&2
INPUT="$WORK/snn-100mb.txt"
if [ ! -x "$KHABAR" ] && [ "$KHABAR" = "$ROOT/target/release/khabar" ]; then
  echo "[throughput] building khabar (cargo build --release -p khabar-cli)" >&2
  (cd "$ROOT" && cargo build --release -p khabar-cli >&2)
fi
[ -x "$KHABAR" ] || { echo "khabar binary not found: $KHABAR" >&2; exit 1; }

PY="$WORK/venv/bin/python"
CP="$WORK/classes:$(cat "$WORK/lucene.classpath")"
mkdir -p "$WORK/out"
BYTES=$(stat -c %s "$INPUT")
LINES=$(wc -l < "$INPUT")
UPTIME_LOAD=$(cut -d' ' -f1 /proc/loadavg)
cat "$INPUT" > /dev/null # warm the page cache

# name | command (reads stdin, writes stdout)
ANALYZERS=(
  "khabar|$KHABAR $KHABAR_ARGS"
  "lucene|java -cp $CP LuceneArabic"
  "snowball|$PY $HERE/pyanalyzer.py snowball"
  "none|$PY $HERE/pyanalyzer.py none"
)

if [ -n "${ONLY:-}" ]; then
  kept=()
  for entry in "${ANALYZERS[@]}"; do
    name="${entry%%|*}"
    [[ " $ONLY " == *" $name "* ]] && kept+=("$entry")
  done
  [[ " $ONLY " == *" khabar "* ]] || { echo "ONLY must include khabar (the ratios are to it)" >&2; exit 2; }
  ANALYZERS=("${kept[@]}")
fi

declare -A SECS TOKS ALL
fail=0
# Rounds interleave the analyzers, so that load from other processes spreads over all of them.
for ((r = 1; r <= RUNS; r++)); do
  for entry in "${ANALYZERS[@]}"; do
    name="${entry%%|*}"; cmd="${entry#*|}"
    out="$WORK/out/$name.txt"
    t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    taskset -c "$CORE" $cmd < "$INPUT" > "$out"
    t1=$(date +%s.%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    ALL[$name]="${ALL[$name]:-} $s"
    best="${SECS[$name]:-}"
    if [ -z "$best" ] || awk -v s="$s" -v b="$best" 'BEGIN { exit !(s < b) }'; then SECS[$name]=$s; fi
    echo "[throughput] round $r $name: ${s}s" >&2
  done
done
for entry in "${ANALYZERS[@]}"; do
  name="${entry%%|*}"
  out="$WORK/out/$name.txt"
  got=$(wc -l < "$out")
  if [ "$got" != "$LINES" ]; then
    echo "[throughput] FAIL: $name printed $got lines for $LINES input lines" >&2
    fail=1
  fi
  TOKS[$name]=$(wc -w < "$out")
  if [ "${TOKS[$name]}" -lt "$LINES" ]; then
    echo "[throughput] FAIL: $name printed only ${TOKS[$name]} tokens for $LINES articles" >&2
    fail=1
  fi
done

# The median and the slowest of an analyzer's runs.
median() { tr ' ' '\n' <<<"${ALL[$1]}" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
slowest() { tr ' ' '\n' <<<"${ALL[$1]}" | grep . | sort -g | tail -n1; }
declare -A MED
for entry in "${ANALYZERS[@]}"; do name="${entry%%|*}"; MED[$name]=$(median "$name"); done
mbs() { awk -v n="$BYTES" -v s="$1" 'BEGIN { printf "%.2f", n / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '\nAnalyzer throughput: %s bytes, %s lines (SaudiNewsNet bodies), one core (taskset -c %s), %s rounds\n' \
  "$BYTES" "$LINES" "$CORE" "$RUNS"
echo "load average before: $UPTIME_LOAD, after: $(cut -d' ' -f1 /proc/loadavg) (on $(nproc) cores; a busy machine slows all analyzers)"
printf '%-10s %8s %8s %8s %8s %10s %12s %8s\n' analyzer best median spread "MB/s" "khabar/this" tokens lines
for entry in "${ANALYZERS[@]}"; do
  name="${entry%%|*}"
  printf '%-10s %8.2f %8.2f %7.2fx %8s %10s %12s %8s\n' "$name" "${SECS[$name]}" "${MED[$name]}" \
    "$(ratio "$(slowest "$name")" "${SECS[$name]}")" "$(mbs "${SECS[$name]}")" \
    "$(ratio "${SECS[$name]}" "${SECS[khabar]}")x" "${TOKS[$name]}" "$(wc -l < "$WORK/out/$name.txt")"
done
echo "all runs (s):"
for entry in "${ANALYZERS[@]}"; do name="${entry%%|*}"; echo "  $name:${ALL[$name]}"; done
for peer in lucene snowball; do
  [ -n "${SECS[$peer]:-}" ] || continue
  printf 'ratio khabar/%-8s %sx at best, %sx at median (speed%s)\n' "$peer" \
    "$(ratio "${SECS[$peer]}" "${SECS[khabar]}")" "$(ratio "${MED[$peer]}" "${MED[khabar]}")" \
    "$([ "$peer" = lucene ] && echo '; target >= 1.5x')"
done
exit $fail
