#!/usr/bin/env bash
# Regenerate docs/explain-report.png: `stance explain` on real validation quotes with a
# freshly trained quotes_tfidf model, rendered by headless Chromium.
# Trains in a throwaway tracking store (the project's mlflow.db is not touched; ~1 min).
# Needs Debian's chromium (apt-get install chromium).
# Usage: scripts/screenshot_explain.sh [N] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-12}
SEED=${2:-0}
BIN=${BIN:-.venv/bin}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MLFLOW_TRACKING_URI="sqlite:///$WORK/mlflow.db" HF_HUB_OFFLINE=1
"$BIN/stance" train quotes_tfidf > "$WORK/train.log"
# A fresh store holds one registered version: quotes-tfidf/1.
"$BIN/stance" explain --model models:/quotes-tfidf/1 --input data/processed/validation.csv \
  --pick random --seed "$SEED" --n "$N" --output "$WORK/report.html"
chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$WORK/chromium" --hide-scrollbars --window-size=1200,2000 \
  --screenshot=docs/explain-report.png "file://$WORK/report.html" 2> "$WORK/chromium.log"
echo "wrote docs/explain-report.png"
