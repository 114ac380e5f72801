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
