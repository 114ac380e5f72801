"""`stance evaluate`: score any logged model on any dataset, in a linked MLflow run."""

from __future__ import annotations

from pathlib import Path

import mlflow
import pandas as pd

from stance import tracking
from stance.config import DataConfig, load_config
from stance.data.io import read_table
from stance.data.loaders import load_split
from stance.data.schema import content_hash, validate_frame
from stance.errors import ConfigError, DataError
from stance.evaluation.calibration import expected_calibration_error, reliability_figure
from stance.evaluation.groups import group_metrics
from stance.evaluation.metrics import classification_metrics, prediction_table, target_metrics
from stance.evaluation.significance import confidence_bounds, encode
from stance.predict.local import load_model, predict_frame
from stance.training import fit_who_speaks, log_scores, who_speaks_metrics


def load_eval_data(
    data: str, split: str, labels: list[str]
) -> tuple[pd.DataFrame, str, DataConfig | None]:
    """A file in the canonical schema, or a configured dataset (`configs/data/NAME.yaml`,
    returned with its config)."""
    if Path(data).suffix:
        return validate_frame(read_table(data), labels, str(data)), Path(data).stem, None
    try:
        cfg = load_config(None, [f"data={data}"]).data
    except ConfigError as exc:
        raise DataError(
            f"--data {data!r} is neither a file nor a configured dataset: {exc}"
        ) from None
    return load_split(cfg, split), f"{cfg.name}:{split}", cfg


def evaluate_model(
    model_uri: str, data: str, split: str = "test", resamples: int = 1000, seed: int = 0
) -> dict[str, float]:
    """Metrics, 95% CIs, calibration, confusion and misclassified rows, logged to a new
    run (tagged with the evaluated model and its training run) in the model's experiment.
    The returned metrics hold that run's `run_id`, as `train` returns its own."""
    model = load_model(model_uri)
    meta = model.metadata.metadata or {}
    labels = list(meta.get("labels", []))
    if not labels:
        raise DataError(f"model {model_uri!r} does not record its labels; log it with stance")
    neutral = meta.get("neutral_label", labels[-1])
    frame, name, data_cfg = load_eval_data(data, split, labels)
    scored = predict_frame(model, frame.drop(columns=["label"]), where=name)
    group_scores = by_group(data_cfg, frame, scored["label"], labels)
    proba = scored[[f"p_{label}" for label in labels]].to_numpy()
    metrics = classification_metrics(frame["label"], scored["label"], labels, neutral)
    if "target" in frame.columns:
        metrics.update(
            target_metrics(frame["label"], scored["label"], frame["target"], labels, neutral)
        )
    metrics.update(
        confidence_bounds(labels, neutral, frame["label"], scored["label"], resamples, 0.95, seed)
    )
    [gold] = encode(labels, frame["label"])
    metrics["ece"] = expected_calibration_error(proba, gold)
    metrics.update(group_scores)
    table = prediction_table(frame, scored, ["id", "text"], labels)
    run_id = _log(model, model_uri, name, frame, table, metrics, labels, gold, proba)
    return {**metrics, "run_id": run_id}


def by_group(
    data: DataConfig | None, frame: pd.DataFrame, predicted: pd.Series, labels: list[str]
) -> dict:
    """Per-group scores and the 'who speaks' baseline (fitted on the dataset's train split),
    for a configured dataset with `group_by`; nothing for a plain file."""
    group = data.group_by if data is not None else None
    if not group or group not in frame.columns:
        return {}
    scores = group_metrics(frame["label"], predicted, frame[group], labels)
    baseline = fit_who_speaks(data, load_split(data, "train"))
    return {**scores, **who_speaks_metrics(baseline, frame, data)}


def _log(model, model_uri, name, frame, table, metrics, labels, gold, proba) -> str | None:
    tracking.configure()
    source_run = model.metadata.run_id
    experiment_id = None
    if source_run:
        experiment_id = mlflow.get_run(source_run).info.experiment_id
    tags = {"stance.evaluated_model": model_uri, "stance.data.sha256": content_hash(frame)}
    if source_run:
        tags["stance.model_run_id"] = source_run
    with tracking.start_run(f"eval {name}", tags, experiment_id=experiment_id) as run:
        tracking.log_params({"eval.data": name, "eval.rows": len(frame), "eval.model": model_uri})
        log_scores(metrics, table, labels, f"{name} (F_avg {metrics['f_avg']:.3f})")
        tracking.log_figure(reliability_figure(proba, gold, name), "plots/reliability.png")
        tracking.log_frame(table[table["gold"] != table["pred"]], "misclassified.csv")
    return run.info.run_id
