#!/usr/bin/env bash
# The whole analyzer benchmark: install what is missing, build the 100 MB corpus, measure
# throughput, then retrieval quality (ARCD test + SaudiNewsNet titles).
# Usage: bench/analyzer/run.sh [--dev]   (--dev: ARCD train questions, for tuning)
# Env:   RUNS (throughput rounds, default 3), KHABAR, KHABAR_ARGS (see throughput.sh)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
if [ -z "${KHABAR:-}" ]; then
  echo "[run] cargo build --release -p khabar-cli" >&2
  (cd "$ROOT" && cargo build --release -p khabar-cli >&2)
fi
bash "$HERE/setup.sh"
python3 "$HERE/prepare.py"
RUNS="${RUNS:-3}" bash "$HERE/throughput.sh"
python3 "$HERE/retrieval.py" "$@"
