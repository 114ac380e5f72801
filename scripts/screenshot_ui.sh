#!/usr/bin/env bash
# Regenerate docs/mlflow-compare.png: the MLflow UI's chart view comparing the
# TweetEval runs in the project's tracking store, rendered by headless Chromium.
# Needs Debian's chromium (apt-get install chromium) and runs in ./mlflow.db.
# Usage: scripts/screenshot_ui.sh [EXPERIMENT] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
EXPERIMENT=${1:-tweeteval}
PORT=${2:-5077}
BIN=${BIN:-.venv/bin}
LOG=$(mktemp -t stance-ui.XXXXXX.log)
PROFILE=$(mktemp -d -t stance-chromium.XXXXXX)
echo "stance ui on port $PORT, log in $LOG"
"$BIN/stance" ui --port "$PORT" > "$LOG" 2>&1 &
UI_PID=$!
# Ends only what this script started: `stance ui` passes the signal on to the MLflow
# server it started and waits for it.
trap 'kill "$UI_PID" 2>/dev/null && wait "$UI_PID"; rm -rf "$PROFILE"' EXIT
for _ in $(seq 90); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 1; done
URL=$("$BIN/python" - "$EXPERIMENT" "$PORT" <<'PY'
import sys
from mlflow.tracking import MlflowClient
from stance import tracking
tracking.configure()
experiment = MlflowClient().get_experiment_by_name(sys.argv[1])
if experiment is None:
    sys.exit(f"error: no experiment {sys.argv[1]!r} in the tracking store")
print(f"http://127.0.0.1:{sys.argv[2]}/#/experiments/{experiment.experiment_id}/runs?compareRunsMode=CHART")
PY
)
echo "screenshot of $URL"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$PROFILE" --hide-scrollbars --window-size=1600,1300 \
  --virtual-time-budget=20000 --screenshot=docs/mlflow-compare.png "$URL"
echo "wrote docs/mlflow-compare.png"
