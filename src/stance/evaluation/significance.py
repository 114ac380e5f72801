"""Uncertainty and significance for stance metrics computed on one test set.

- `bootstrap_ci`: percentile confidence interval of a metric by resampling rows;
- `paired_bootstrap`: is model A better than model B on the same rows?
- `approximate_randomisation`: the same question, by swapping predictions;
- `mcnemar`: exact McNemar test on accuracy;
- `holm`: Holm-Bonferroni correction for several comparisons.

Metrics are `accuracy`, `macro_f1` and `f_avg` (mean F1 of the stance classes),
computed from label-index arrays with a vectorised confusion count, so 1,000
resamples of a few thousand rows take well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import binomtest

METRICS = ("accuracy", "macro_f1", "f_avg")
CI_METRICS = ("macro_f1", "f_avg")


def encode(labels: Sequence[str], *columns: Sequence[str]) -> list[np.ndarray]:
    """Label names to indices into `labels` (unknown names raise KeyError)."""
    index = {label: i for i, label in enumerate(labels)}
    return [np.fromiter((index[str(v)] for v in col), dtype=np.int64) for col in columns]


def _f1_per_class(gold: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    """F1 per class along the last axis; `gold`/`pred` shaped (..., n_rows)."""
    f1 = []
    for c in range(n_classes):
        is_gold, is_pred = gold == c, pred == c
        tp = np.sum(is_gold & is_pred, axis=-1)
        denominator = np.sum(is_gold, axis=-1) + np.sum(is_pred, axis=-1)
        f1.append(np.divide(2 * tp, denominator, out=np.zeros(tp.shape), where=denominator > 0))
    return np.stack(f1, axis=-1)


def metric_values(
    metric: str, gold: np.ndarray, pred: np.ndarray, n_classes: int, stance: Sequence[int]
) -> np.ndarray:
    """One metric for each row of 2-D (resamples x rows) arrays, or a scalar for 1-D."""
    if metric == "accuracy":
        return np.mean(gold == pred, axis=-1)
    f1 = _f1_per_class(gold, pred, n_classes)
    if metric == "macro_f1":
        return f1.mean(axis=-1)
    if metric == "f_avg":
        return f1[..., list(stance)].mean(axis=-1)
    raise ValueError(f"unknown metric {metric!r} (known: {', '.join(METRICS)})")


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float
    level: float
    resamples: int


def _resample_indices(n_rows: int, resamples: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, n_rows, size=(resamples, n_rows))


def bootstrap_ci(
    metric: str,
    gold: np.ndarray,
    pred: np.ndarray,
    n_classes: int,
    stance: Sequence[int],
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> Interval:
    """Percentile bootstrap interval of `metric` over the rows."""
    estimate = float(metric_values(metric, gold, pred, n_classes, stance))
    rows = _resample_indices(len(gold), resamples, seed)
    values = metric_values(metric, gold[rows], pred[rows], n_classes, stance)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return Interval(estimate, float(low), float(high), level, resamples)


def metric_delta(metric, gold, pred_a, pred_b, n_classes, stance) -> np.ndarray:
    """metric(A) - metric(B), per row of 2-D inputs (or a scalar for 1-D)."""
    return metric_values(metric, gold, pred_a, n_classes, stance) - metric_values(
        metric, gold, pred_b, n_classes, stance
    )


def stance_intervals(
    labels: Sequence[str],
    neutral_label: str,
    gold: Sequence[str],
    pred: Sequence[str],
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, Interval]:
    """Bootstrap intervals of macro-F1 and F_avg from gold and predicted label names."""
    gold_ids, pred_ids = encode(labels, gold, pred)
    stance = [i for i, label in enumerate(labels) if label != neutral_label]
    return {
        metric: bootstrap_ci(
            metric, gold_ids, pred_ids, len(labels), stance, resamples, level, seed
        )
        for metric in CI_METRICS
    }


def interval_bounds(intervals: dict[str, Interval]) -> dict[str, float]:
    """`<metric>_ci_low` and `<metric>_ci_high`, as runs log them."""
    bounds = {}
    for metric, ci in intervals.items():
        bounds[f"{metric}_ci_low"], bounds[f"{metric}_ci_high"] = ci.low, ci.high
    return bounds


def confidence_bounds(
    labels: Sequence[str],
    neutral_label: str,
    gold: Sequence[str],
    pred: Sequence[str],
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, float]:
    """`interval_bounds` of `stance_intervals`; empty without resamples or rows."""
    if not resamples or not len(gold):
        return {}
    return interval_bounds(
        stance_intervals(labels, neutral_label, gold, pred, resamples, level, seed)
    )


def paired_bootstrap(
    metric: str,
    gold: np.ndarray,
    pred_a: np.ndarray,
    pred_b: np.ndarray,
    n_classes: int,
    stance: Sequence[int],
    resamples: int = 1000,
    seed: int = 0,
) -> float:
    """Two-sided p-value that A and B differ on `metric` (paired bootstrap, shifted
    to the null as in Berg-Kirkpatrick et al. 2012)."""
    observed = float(metric_delta(metric, gold, pred_a, pred_b, n_classes, stance))
    rows = _resample_indices(len(gold), resamples, seed)
    deltas = metric_delta(metric, gold[rows], pred_a[rows], pred_b[rows], n_classes, stance)
    extreme = np.sum(np.abs(deltas - observed) >= abs(observed) - 1e-12)
    return float((extreme + 1) / (resamples + 1))


def approximate_randomisation(
    metric: str,
    gold: np.ndarray,
    pred_a: np.ndarray,
    pred_b: np.ndarray,
    n_classes: int,
    stance: Sequence[int],
    trials: int = 1000,
    seed: int = 0,
) -> float:
    """Two-sided p-value by randomly swapping the two systems' predictions per row."""
    observed = abs(float(metric_delta(metric, gold, pred_a, pred_b, n_classes, stance)))
    swap = np.random.default_rng(seed).random((trials, len(gold))) < 0.5
    shuffled_a = np.where(swap, pred_b, pred_a)
    shuffled_b = np.where(swap, pred_a, pred_b)
    deltas = np.abs(metric_delta(metric, gold[None, :], shuffled_a, shuffled_b, n_classes, stance))
    return float((np.sum(deltas >= observed - 1e-12) + 1) / (trials + 1))


def mcnemar(gold: np.ndarray, pred_a: np.ndarray, pred_b: np.ndarray) -> float:
    """Exact McNemar p-value on the rows where exactly one system is right."""
    right_a, right_b = pred_a == gold, pred_b == gold
    only_a = int(np.sum(right_a & ~right_b))
    only_b = int(np.sum(~right_a & right_b))
    if only_a + only_b == 0:
        return 1.0
    return float(binomtest(only_a, only_a + only_b, 0.5).pvalue)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the input order."""
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p)
    adjusted = np.empty_like(p)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p) - rank) * p[i]))
        adjusted[i] = running
    return adjusted.tolist()
