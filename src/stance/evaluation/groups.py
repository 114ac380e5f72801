"""Scores per speaker group, and the "who speaks" baseline that knows only the group.

A text model that scores well only where the speaker's side gives the label away has
learnt who speaks, not what is said. `group_metrics` reports each group and its
complement (`not_<group>`: e.g. `pro_concession` outside Russia and Belarus);
`WhoSpeaks` predicts from the group alone, fitted on the training split.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

GROUP_PREFIX = "group"
BASELINE_PREFIX = "who_speaks"


def _scores(gold: np.ndarray, pred: np.ndarray, labels: list[str]) -> dict[str, float]:
    f1 = f1_score(gold, pred, labels=labels, average=None, zero_division=0)
    present = [i for i, label in enumerate(labels) if (gold == label).any()]
    scores = {"macro_f1": float(np.mean(f1[present])) if present else 0.0}
    for i, label in enumerate(labels):
        scores[f"f1_{label}"] = float(f1[i])
        scores[f"support_{label}"] = float((gold == label).sum())
    return scores


def group_metrics(
    gold: Sequence[str], pred: Sequence[str], groups: Sequence[str], labels: Sequence[str]
) -> dict[str, float]:
    """`group_<g>_macro_f1`, `group_<g>_f1_<label>`, `group_<g>_support_<label>` for each
    group and for `not_<g>`. Macro-F1 averages the labels present in that group's gold
    labels (a group without `pro_aid` is not charged a zero for it)."""
    gold, pred, groups = (np.asarray(x, dtype=object) for x in (gold, pred, groups))
    labels = list(labels)
    metrics: dict[str, float] = {}
    for group in sorted(set(groups.tolist())):
        for name, mask in ((group, groups == group), (f"not_{group}", groups != group)):
            if mask.any():
                for key, value in _scores(gold[mask], pred[mask], labels).items():
                    metrics[f"{GROUP_PREFIX}_{name}_{key}"] = value
    return metrics


class WhoSpeaks:
    """Predicts the label most over-represented in the speaker's group on the training
    split (count(group, label) / count(label): the balanced-prior argmax, so the rare
    class is not drowned by `neutral` everywhere). Unknown groups get the overall
    majority label."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        self.table: dict[str, str] = {}
        self.fallback = self.labels[-1]

    def fit(self, groups: Sequence[str], gold: Sequence[str]) -> WhoSpeaks:
        counts = pd.crosstab(pd.Series(list(groups)), pd.Series(list(gold)))
        counts = counts.reindex(columns=self.labels, fill_value=0)
        ratio = counts / counts.sum(axis=0).replace(0, 1)
        self.table = {g: self.labels[int(np.argmax(row))] for g, row in ratio.iterrows()}
        totals = counts.sum(axis=0)
        self.fallback = str(totals.idxmax()) if totals.sum() else self.labels[-1]
        return self

    def predict(self, groups: Sequence[str]) -> list[str]:
        return [self.table.get(g, self.fallback) for g in groups]
