"""`train(cfg) -> metrics`: load data, select and fit a model, evaluate, log to MLflow.

Under `torchrun`/`accelerate launch` every process fits and evaluates (test rows are
shared out and the predictions gathered); only the main process logs.
"""

from __future__ import annotations

import itertools
import logging
import random
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from stance import distributed, registry, tracking
from stance.config import Config, DataConfig, ModelConfig
from stance.data.loaders import dataset_label, dataset_root, load_splits
from stance.errors import ConfigError
from stance.evaluation.groups import BASELINE_PREFIX, WhoSpeaks, group_metrics
from stance.evaluation.metrics import (
    classification_metrics,
    confusion,
    prediction_table,
    target_metrics,
)
from stance.evaluation.plots import confusion_matrix_figure, per_class_f1_figure
from stance.evaluation.significance import confidence_bounds, encode
from stance.models import StanceModel, build_model
from stance.models.base import prediction_frame
from stance.models.decision import ShiftedDecision, choose_decision

log = logging.getLogger(__name__)
TOP_NGRAMS = 30  # per class, in each TF-IDF run's top_ngrams.csv


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)


def search_candidates(cfg: Config) -> list[ModelConfig]:
    """Every combination of `training.search` values, each validated as a model config."""
    keys = list(cfg.training.search)
    base = cfg.model.model_dump()
    unknown = [key for key in keys if key not in base]
    if unknown:
        raise ConfigError(f"training.search: {unknown[0]!r} is not a key of model {cfg.model.kind}")
    candidates = []
    for values in itertools.product(*(cfg.training.search[key] for key in keys)):
        changed = dict(zip(keys, values, strict=True))
        try:
            candidates.append(type(cfg.model).model_validate({**base, **changed}))
        except ValueError as exc:
            reason = str(exc).splitlines()[-1].strip()
            raise ConfigError(f"training.search: bad candidate {changed}: {reason}") from None
    return candidates


def new_model(model_cfg: ModelConfig, cfg: Config) -> StanceModel:
    """An unfitted model of `model_cfg` for the run's dataset and seed."""
    data = cfg.data
    return build_model(
        model_cfg,
        data.labels,
        cfg.training.seed,
        neutral_label=data.neutral_label,
        target_text=data.target_text,
        label_descriptions=data.label_descriptions,
    )


def evaluate(
    model: StanceModel, frame: pd.DataFrame, cfg: Config
) -> tuple[dict[str, float], pd.DataFrame]:
    """Metrics and per-row predictions (id, target, gold, pred, p_<class>) on one split."""
    proba = distributed.gathered_rows(model.predict_proba, frame)
    predictions = prediction_frame(proba, model.labels)
    metrics = classification_metrics(
        frame["label"], predictions["label"], cfg.data.labels, cfg.data.neutral_label
    )
    metrics.update(
        target_metrics(
            frame["label"],
            predictions["label"],
            frame["target"],
            cfg.data.labels,
            cfg.data.neutral_label,
        )
    )
    group = cfg.data.group_by
    if group and group in frame.columns:
        metrics.update(
            group_metrics(frame["label"], predictions["label"], frame[group], model.labels)
        )
    keep = ["id", "target", *([group] if group and group in frame.columns else [])]
    return metrics, prediction_table(frame, predictions, keep, model.labels)


def who_speaks_metrics(
    baseline: WhoSpeaks | None, frame: pd.DataFrame, data: DataConfig
) -> dict[str, float]:
    """The 'who speaks' baseline's scores on a split (nothing without `data.group_by`)."""
    group = data.group_by
    if baseline is None or not group or group not in frame.columns:
        return {}
    predicted = baseline.predict(frame[group])
    scores = classification_metrics(frame["label"], predicted, data.labels, data.neutral_label)
    scores.update(group_metrics(frame["label"], predicted, frame[group], data.labels))
    return {f"{BASELINE_PREFIX}_{k}": v for k, v in scores.items()}


def fit_who_speaks(data: DataConfig, train: pd.DataFrame) -> WhoSpeaks | None:
    group = data.group_by
    if not group or group not in train.columns:
        return None
    return WhoSpeaks(data.labels).fit(train[group], train["label"])


def select_model(cfg: Config, splits: dict[str, pd.DataFrame]) -> ModelConfig:
    """Pick the search candidate with the best validation metric (or the config as it is)."""
    candidates = search_candidates(cfg)
    if len(candidates) <= 1:
        return candidates[0] if candidates else cfg.model
    if "validation" not in splits:
        raise ConfigError("training.search needs a 'validation' split in data.splits")
    train, validation = splits["train"], splits["validation"]
    rows = []
    quiet = not distributed.is_main_process()
    for candidate in tqdm(candidates, desc="model search", unit="fit", disable=quiet):
        model = new_model(candidate, cfg)
        model.fit(train, train["label"], eval_set=(validation, validation["label"]))
        metrics, _ = evaluate(model, validation, cfg)
        changed = {key: getattr(candidate, key) for key in cfg.training.search}
        rows.append({**changed, **{f"validation_{k}": v for k, v in metrics.items()}})
    table = pd.DataFrame(rows)
    metric = f"validation_{cfg.training.selection_metric}"
    best = int(table[metric].to_numpy().argmax())
    tracking.log_frame(table, "search/results.csv")
    tracking.log_metrics({f"search_best_{metric}": float(table[metric].iloc[best])})
    chosen = candidates[best]
    log.info("search picked %s", {key: getattr(chosen, key) for key in cfg.training.search})
    tracking.log_params({f"selected.{key}": getattr(chosen, key) for key in cfg.training.search})
    return chosen


def log_fitted(model: StanceModel) -> None:
    """What fitting chose or learnt that is worth reading later: an ensemble's weights
    (params and the scored grid), a TF-IDF model's top n-grams per class."""
    if hasattr(model, "fitted_params"):
        tracking.log_params(model.fitted_params())
    if getattr(model, "validation_scores", None) is not None:
        tracking.log_frame(model.validation_scores, "ensemble/weights.csv")
    top = model.top_ngrams(TOP_NGRAMS) if hasattr(model, "top_ngrams") else None
    if top is not None and not top.empty:
        tracking.log_frame(top, "top_ngrams.csv")


def pick_decision(model: StanceModel, splits: dict[str, pd.DataFrame], cfg: Config) -> StanceModel:
    """With `training.decision: tuned`, the model behind validation-picked offsets when
    cross-validation on validation says they beat argmax; logs the choice either way."""
    if cfg.training.decision == "argmax":
        return model
    validation, labels = splits["validation"], list(model.labels)
    proba = distributed.gathered_rows(model.predict_proba, validation)
    (gold,) = encode(labels, validation["label"])
    fixed = labels.index(cfg.data.neutral_label)
    choice = choose_decision(proba, gold, fixed, seed=cfg.training.seed)
    log.info(
        "decision: %s (validation macro-F1 argmax %.3f, tuned cross-validated %.3f)",
        choice.rule, choice.argmax_macro_f1, choice.cv_tuned_macro_f1,
    )  # fmt: skip
    tracking.log_params(
        {
            "decision.rule": choice.rule,
            **{
                f"decision.offset.{label}": round(float(b), 4)
                for label, b in zip(labels, choice.offsets, strict=True)
            },
            **{
                f"decision.candidate_offset.{label}": round(float(b), 4)
                for label, b in zip(labels, choice.candidate, strict=True)
            },
        }
    )
    tracking.log_metrics(
        {
            "decision_validation_macro_f1_argmax": choice.argmax_macro_f1,
            "decision_validation_macro_f1_tuned": choice.tuned_macro_f1,
            "decision_validation_cv_macro_f1_tuned": choice.cv_tuned_macro_f1,
        }
    )
    return ShiftedDecision(model, choice.offsets) if choice.rule == "tuned" else model


def confidence_intervals(predictions: pd.DataFrame, cfg: Config) -> dict[str, float]:
    """Bootstrap intervals of macro-F1 and F_avg from per-row predictions."""
    training = cfg.training
    return confidence_bounds(
        cfg.data.labels,
        cfg.data.neutral_label,
        predictions["gold"],
        predictions["pred"],
        training.bootstrap_resamples,
        training.confidence_level,
        training.bootstrap_seed,
    )


def log_split_evaluation(
    model, frame: pd.DataFrame, role: str, cfg: Config, baseline: WhoSpeaks | None = None
) -> dict[str, float]:
    metrics, predictions = evaluate(model, frame, cfg)
    metrics.update(confidence_intervals(predictions, cfg))
    metrics.update(who_speaks_metrics(baseline, frame, cfg.data))
    log_split(metrics, predictions, role, cfg)
    return prefixed(metrics, role)


def prefixed(metrics: dict[str, float], role: str) -> dict[str, float]:
    return {f"{role}_{name}": value for name, value in metrics.items()}


@distributed.on_main_process
def log_split(metrics: dict[str, float], predictions: pd.DataFrame, role: str, cfg: Config) -> None:
    """Metrics, per-row predictions and plots of one split (plots only where they are logged)."""
    labels = cfg.data.labels
    title = f"{cfg.name} · {role} (F_avg {metrics['f_avg']:.3f})"
    log_scores(prefixed(metrics, role), predictions, labels, title, role)
    tracking.log_figure(per_class_f1_figure(metrics, labels, title), f"plots/per_class_{role}.png")


def log_scores(
    metrics: dict[str, float],
    predictions: pd.DataFrame,
    labels: list[str],
    title: str,
    role: str | None = None,
) -> None:
    """What `stance train` and `stance evaluate` both log for a scored split: the metrics,
    the per-row predictions (gold, pred, p_<class>) and the confusion matrix, as
    `predictions/<role>.csv` and `plots/confusion_<role>.png` (without a role,
    `predictions.csv` and `plots/confusion.png`)."""
    tracking.log_metrics(metrics)
    tracking.log_frame(predictions, f"predictions/{role}.csv" if role else "predictions.csv")
    matrix = confusion(predictions["gold"], predictions["pred"], labels)
    figure = confusion_matrix_figure(matrix, labels, title)
    tracking.log_figure(figure, f"plots/confusion_{role}.png" if role else "plots/confusion.png")


def start_training_run(cfg: Config, nested: bool = False, run_name: str | None = None):
    """`tracking.start_run` with the experiment, run name and tags a config gives."""
    return tracking.start_run(
        run_name or cfg.tracking.run_name or cfg.name,
        {"stance.experiment": cfg.name, **cfg.tracking.tags},
        experiment=cfg.tracking.experiment_name,
        nested=nested,
    )


def train(cfg: Config) -> dict[str, Any]:
    """Train as the config says; return the logged metrics and `run_id`.

    With `seeds`, one parent run holds a child run per seed and the returned
    metrics are `<metric>_mean` and `<metric>_std` over the seeds.
    """
    if distributed.world_size() > 1 and cfg.model.kind != "transformer":
        raise ConfigError(
            f"model {cfg.model.kind} trains in one process: run it without torchrun or "
            "accelerate launch (only transformers train on several)"
        )
    splits = load_splits(cfg.data)
    if cfg.seeds:
        return train_seeds(cfg, splits)
    return train_once(cfg, splits)


def train_once(
    cfg: Config, splits: dict[str, pd.DataFrame], nested: bool = False
) -> dict[str, Any]:
    """One model, one MLflow run."""
    seed_everything(cfg.training.seed)
    source = str(dataset_root(cfg.data))
    run_name = f"{cfg.tracking.run_name or cfg.name}-seed{cfg.training.seed}" if nested else None
    with start_training_run(cfg, nested, run_name) as run:
        tracking.log_config(cfg)
        # The effective batch size is batch_size × processes × gradient_accumulation_steps.
        tracking.log_params({"training.processes": distributed.world_size()})
        for role, frame in splits.items():
            tracking.log_dataset(frame, dataset_label(cfg.data), source, role)
        model_cfg = select_model(cfg, splits)
        fit_frame = splits["train"]
        if cfg.training.refit_on_validation and "validation" in splits:
            fit_frame = pd.concat([fit_frame, splits["validation"]], ignore_index=True)
        model = new_model(model_cfg, cfg)
        log.info("fitting %s on %d rows", model_cfg.kind, len(fit_frame))
        validation = splits.get("validation")
        eval_set = (validation, validation["label"]) if validation is not None else None
        model.fit(
            fit_frame, fit_frame["label"], eval_set=eval_set, epoch_logger=tracking.log_metrics
        )
        log_fitted(model)
        model = pick_decision(model, splits, cfg)
        metrics: dict[str, Any] = {}
        baseline = fit_who_speaks(cfg.data, splits["train"])
        for role in cfg.training.eval_splits:
            if role in splits:
                metrics.update(log_split_evaluation(model, splits[role], role, cfg, baseline))
        if cfg.tracking.log_model:
            example = splits["train"][["text", "target"]].head(3).reset_index(drop=True)
            tracking.log_model(model, cfg, example)
        metrics["run_id"] = run.info.run_id
    return metrics


def summarise_seeds(results: list[dict[str, Any]]) -> dict[str, float]:
    """Mean and sample standard deviation of every numeric metric over seeds."""
    frame = pd.DataFrame([{k: v for k, v in r.items() if k != "run_id"} for r in results])
    summary = {}
    for name in frame.columns:
        summary[f"{name}_mean"] = float(frame[name].mean())
        summary[f"{name}_std"] = float(frame[name].std(ddof=1)) if len(frame) > 1 else 0.0
    return summary


@distributed.on_main_process
def log_seed_summary(summary: dict[str, float], child_run_ids: list[str]) -> None:
    tracking.log_metrics(summary)
    tracking.set_tag("stance.child_runs", ",".join(child_run_ids))


def best_seed(results: list[dict[str, Any]], metric: str) -> dict[str, Any] | None:
    """The seed run best by `metric` on validation (the first of a tie); None without one."""
    scored = [r for r in results if f"validation_{metric}" in r]
    return max(scored, key=lambda r: r[f"validation_{metric}"], default=None)


@distributed.on_main_process
def register_best_seed(cfg: Config, results: list[dict[str, Any]]) -> None:
    """Register one version for the parent, its best seed's by validation (never by test)."""
    name = cfg.tracking.registered_model_name
    if not (name and cfg.tracking.log_model):
        return
    metric = cfg.training.selection_metric
    best = best_seed(results, metric)
    if best is None:
        log.warning("no validation %s to pick a seed by: no model version registered", metric)
        return
    version = registry.register_run_model(best["run_id"], name)
    tracking.set_tag(registry.REGISTERED_RUN_TAG, best["run_id"])
    log.info("registered %s version %s: seed run %s", name, version.version, best["run_id"])


def train_seeds(cfg: Config, splits: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """A parent run with one child run per seed; the parent logs mean and sd and
    registers one model version, the best seed's by validation."""
    unregistered = cfg.tracking.model_copy(update={"registered_model_name": None})
    with start_training_run(cfg) as parent:
        tracking.log_config(cfg)
        results = []
        quiet = not distributed.is_main_process()
        for seed in tqdm(cfg.seeds, desc="seeds", unit="seed", disable=quiet):
            training = cfg.training.model_copy(update={"seed": seed})
            child = cfg.model_copy(
                update={"seeds": None, "training": training, "tracking": unregistered}
            )
            results.append(train_once(child, splits, nested=True))
        summary = summarise_seeds(results)
        log_seed_summary(summary, [r["run_id"] for r in results])
        register_best_seed(cfg, results)
        return {**summary, "run_id": parent.info.run_id}
