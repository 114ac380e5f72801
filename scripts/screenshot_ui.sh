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
"$BIN/stance" ui --port "$PORT" > /tmp/stance-ui.log 2>&1 &
UI_PID=$!
trap 'kill $UI_PID 2>/dev/null; pkill -f "mlflow server --host 127.0.0.1 --port $PORT" || true' EXIT
for _ in $(seq 90); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 1; done
URL=$("$BIN/python" - "$EXPERIMENT" "$PORT" <<'PY'
import json, sys, urllib.parse
import mlflow
from mlflow.tracking import MlflowClient
from stance import tracking
tracking.configure()
experiment = MlflowClient().get_experiment_by_name(sys.argv[1])
runs = mlflow.search_runs([experiment.experiment_id], "attributes.status = 'FINISHED'",
                          output_format="list", order_by=["metrics.test_f_avg DESC"])
runs = [r for r in runs if "test_f_avg" in r.data.metrics][:6]
ids = json.dumps([r.info.run_id for r in runs])
query = urllib.parse.urlencode({"runs": ids, "experiments": json.dumps([experiment.experiment_id])})
print(f"http://127.0.0.1:{sys.argv[2]}/#/experiments/{experiment.experiment_id}/runs?compareRunsMode=CHART")
PY
)
echo "screenshot of $URL"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$(mktemp -d)" --hide-scrollbars --window-size=1600,1300 \
  --virtual-time-budget=20000 --screenshot=docs/mlflow-compare.png "$URL"
echo "wrote docs/mlflow-compare.png"
