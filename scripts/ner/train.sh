#!/usr/bin/env bash
# Reproduces khabar's bundled NER model (crates/extract/data/ner/model.bin).
#
# The word clusters, word statistics and gazetteer are inputs made by their
# own scripts (see crates/extract/data/ner/README.md). This script runs the
# two-pass training: a first-pass model tags the unlabelled ANT corpus to make
# the self-trained gazetteer (autogaz.tsv), then the final model is trained
# with it. About 6 minutes on 2 cores. Needs python3 (standard library only) and
# the tokenized corpus from `corpus.py` or `clusters.py --keep` at $TOKENIZED
# (made here if missing: slower).
set -euo pipefail
cd "$(dirname "$0")/../.."
TRAIN=${TRAIN:-../shared/data/anercorp/train.txt}
TOKENIZED=${TOKENIZED:-/tmp/ant-norm.txt}
O_PENALTY=${O_PENALTY:-0.5}
DATA=crates/extract/data/ner
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ ! -s "$TOKENIZED" ]; then
  cargo build --release -p khabar-cli
  python3 scripts/ner/corpus.py --khabar target/release/khabar \
    --corpus ../shared/data/news/ant-multisource.jsonl.gz --out "$TOKENIZED"
fi

# Pass 1: no self-trained gazetteer.
printf '# khabar self-trained gazetteer v1: empty (first pass of scripts/ner/train.sh)\n' > "$DATA/autogaz.tsv"
cargo build --release -p khabar-cli
target/release/khabar ner train --train "$TRAIN" --model "$TMP/first-pass.bin"
cp target/release/khabar "$TMP/khabar"
python3 scripts/ner/autogaz.py --khabar "$TMP/khabar" --model "$TMP/first-pass.bin" \
  --tokenized "$TOKENIZED" --out "$DATA/autogaz.tsv"

# Pass 2: the bundled model.
cargo build --release -p khabar-cli
target/release/khabar ner train --train "$TRAIN" --model "$DATA/model.bin" --o-penalty "$O_PENALTY"
cargo build --release -p khabar-cli
target/release/khabar ner eval --data ../shared/data/anercorp/test.txt
