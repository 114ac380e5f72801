"""Classification metrics, including the stance metric F_avg.

F_avg is the mean F1 over the non-neutral classes: for TweetEval
(F1(against) + F1(favor)) / 2, the SemEval-2016 Task 6 official metric.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support


def classification_metrics(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str], neutral_label: str
) -> dict[str, float]:
    """accuracy, macro_f1, f_avg, and precision/recall/f1/support per class."""
    labels = list(labels)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )
    stance = [i for i, label in enumerate(labels) if label != neutral_label]
    metrics = {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": float(np.mean(f1)),
        "f_avg": float(np.mean(f1[stance])),
    }
    for i, label in enumerate(labels):
        metrics[f"precision_{label}"] = float(precision[i])
        metrics[f"recall_{label}"] = float(recall[i])
        metrics[f"f1_{label}"] = float(f1[i])
        metrics[f"support_{label}"] = float(support[i])
    return metrics


def target_metrics(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    targets: Sequence[str],
    labels: Sequence[str],
    neutral_label: str,
) -> dict[str, float]:
    """`target_<t>_f_avg`, `_macro_f1` and `_f1_<label>` for each target, as TweetEval
    results are reported per target; nothing when there is one target."""
    table = pd.DataFrame({"gold": list(y_true), "pred": list(y_pred), "target": list(targets)})
    if table["target"].nunique() < 2:
        return {}
    metrics: dict[str, float] = {}
    for target, part in table.groupby("target", sort=True):
        scores = classification_metrics(part["gold"], part["pred"], labels, neutral_label)
        keep = ["f_avg", "macro_f1", *(f"f1_{label}" for label in labels)]
        metrics.update({f"target_{target}_{key}": scores[key] for key in keep})
    return metrics


def confusion(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> np.ndarray:
    """Counts; rows are gold labels, columns predictions, in `labels` order."""
    return confusion_matrix(y_true, y_pred, labels=list(labels))


def prediction_table(
    frame: pd.DataFrame, predictions: pd.DataFrame, columns: Sequence[str], labels: Sequence[str]
) -> pd.DataFrame:
    """Per-row predictions: `columns` of `frame`, `gold` (its label), `pred` and `p_<class>`."""
    return pd.concat(
        [
            frame[list(columns)].reset_index(drop=True),
            frame["label"].rename("gold").reset_index(drop=True),
            predictions[["label", *(f"p_{label}" for label in labels)]]
            .rename(columns={"label": "pred"})
            .reset_index(drop=True),
        ],
        axis=1,
    )


def scores_by(
    table: pd.DataFrame, column: str, labels: Sequence[str], neutral_label: str
) -> pd.DataFrame:
    """`classification_metrics` of a prediction table (`gold`, `pred`) for each value of
    `column` (TweetEval's targets, say), one row each with its size, then an `all` row."""
    parts = [(str(key), part) for key, part in table.groupby(column, sort=True)]
    rows = {}
    for key, part in [*parts, ("all", table)]:
        scores = classification_metrics(part["gold"], part["pred"], labels, neutral_label)
        rows[key] = {"n": len(part), **{k: v for k, v in scores.items() if "support" not in k}}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = column
    return frame


def confident_errors(table: pd.DataFrame, labels: Sequence[str]) -> pd.DataFrame:
    """The misclassified rows of a prediction table (`gold`, `pred`, `p_<class>`), with the
    probability the model gave its prediction (`p_pred`) and the gold label (`p_gold`),
    most confident first: the errors a user would trust."""
    errors = table[table["gold"] != table["pred"]].copy()
    proba = errors[[f"p_{label}" for label in labels]].to_numpy(dtype=float)
    index = {label: i for i, label in enumerate(labels)}
    rows = np.arange(len(errors))
    errors["p_pred"] = proba[rows, [index[p] for p in errors["pred"]]]
    errors["p_gold"] = proba[rows, [index[g] for g in errors["gold"]]]
    return errors.sort_values("p_pred", ascending=False, kind="stable")
