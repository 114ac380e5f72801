#!/usr/bin/env bash
# The runs that need a GPU: 3 seeds of every transformer experiment in the README's
# tables (MiniLM and MPNet on quotes, the plain-text and label-description inputs,
# MPNet on TweetEval), the ensembles of the TF-IDF models with the best seeds, and one
# comparison per dataset. One SQLite store per dataset, so phases for different
# datasets can run at the same time. With no phase, all run in order.
#
#   scripts/gpu_runs.sh [all|tfidf|quotes_minilm|quotes_plain|quotes_desc|quotes_mpnet|tweeteval_mpnet|ensembles|compare]
#
# Environment: STANCE_GPU_RUNS (folder of the stores, default reports/gpu_runs),
# MINILM / MPNET (backbones: a short name or a folder; default minilm-l6 / mpnet-base),
# SEEDS (default [1,2,3]), STANCE (the command, default `stance`), PYTHON (default python3),
# OVERRIDES (more `key=value` overrides for every transformer run, e.g. model.epochs=1).
set -euo pipefail
read -ra STANCE <<<"${STANCE:-stance}"
RUNS=${STANCE_GPU_RUNS:-reports/gpu_runs}
MINILM=${MINILM:-minilm-l6}
MPNET=${MPNET:-mpnet-base}
SEEDS=${SEEDS:-[1,2,3]}
read -ra OVERRIDES <<<"${OVERRIDES:-}"
mkdir -p "$RUNS/quotes" "$RUNS/tweeteval"
RUNS=$(cd "$RUNS" && pwd)

quotes() { MLFLOW_TRACKING_URI="sqlite:///$RUNS/quotes/mlflow.db" "${STANCE[@]}" "$@"; }
tweeteval() { MLFLOW_TRACKING_URI="sqlite:///$RUNS/tweeteval/mlflow.db" "${STANCE[@]}" "$@"; }

# The child runs of the newest multi-seed parent of an experiment, as model URIs.
seed_models() {
  MLFLOW_TRACKING_URI="sqlite:///$RUNS/$1/mlflow.db" "${PYTHON:-python3}" - "$2" <<'EOF'
import sys
import mlflow
name = sys.argv[1]
runs = mlflow.search_runs(search_all_experiments=True, output_format="list",
                          filter_string=f"attributes.run_name = '{name}' and attributes.status = 'FINISHED'",
                          order_by=["attributes.start_time DESC"], max_results=1)
if not runs:
    sys.exit(f"no finished run named {name}")
children = mlflow.search_runs(search_all_experiments=True, output_format="list",
                              filter_string=f"tags.mlflow.parentRunId = '{runs[0].info.run_id}'")
print(",".join(sorted(f"runs:/{run.info.run_id}/model" for run in children)))
EOF
}

phase() {
  case "$1" in
  tfidf)
    quotes train quotes_tfidf
    tweeteval train tweeteval_tfidf ;;
  quotes_minilm)
    quotes train quotes_minilm "model.backbone=$MINILM" "seeds=$SEEDS" "${OVERRIDES[@]}" ;;
  quotes_plain) # the quote alone, to set against quotes_minilm's (target, quote) pair
    quotes train quotes_minilm_plain "model.backbone=$MINILM" "seeds=$SEEDS" "${OVERRIDES[@]}" ;;
  quotes_desc) # (quote, label description), one pair per label
    quotes train quotes_minilm_desc "model.backbone=$MINILM" "seeds=$SEEDS" "${OVERRIDES[@]}" ;;
  quotes_mpnet)
    quotes train quotes_mpnet "model.backbone=$MPNET" "seeds=$SEEDS" "${OVERRIDES[@]}" ;;
  tweeteval_mpnet)
    tweeteval train tweeteval_mpnet "model.backbone=$MPNET" "seeds=$SEEDS" "${OVERRIDES[@]}" ;;
  ensembles)
    # Weights on validation; a member may get weight 0.
    quotes train quotes_ensemble \
      "model.members=[models:/quotes-tfidf/latest,models:/quotes-minilm/latest,models:/quotes-mpnet/latest]"
    tweeteval train tweeteval_ensemble \
      "model.members=[models:/tweeteval-tfidf/latest,$(seed_models tweeteval tweeteval_mpnet)]" ;;
  compare)
    quotes compare quotes --output "$RUNS/quotes/compare"
    quotes compare quotes --split test_speaker --output "$RUNS/quotes/compare_test_speaker"
    tweeteval compare tweeteval --output "$RUNS/tweeteval/compare" ;;
  all)
    for name in tfidf quotes_minilm quotes_plain quotes_desc quotes_mpnet tweeteval_mpnet ensembles compare; do
      phase "$name"
    done ;;
  *)
    echo "unknown phase: $1 (see the header of $0)" >&2
    exit 2 ;;
  esac
}

phase "${1:-all}"
