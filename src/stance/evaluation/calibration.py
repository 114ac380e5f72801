"""Calibration: expected calibration error and a reliability diagram."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure


def calibration_bins(
    confidence: np.ndarray, correct: np.ndarray, bins: int = 10
) -> list[tuple[float, float, int]]:
    """(mean confidence, accuracy, count) per equal-width confidence bin (empty bins skipped)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    result = []
    for b in range(bins):
        mask = which == b
        if mask.any():
            result.append(
                (float(confidence[mask].mean()), float(correct[mask].mean()), int(mask.sum()))
            )
    return result


def expected_calibration_error(proba: np.ndarray, gold: np.ndarray, bins: int = 10) -> float:
    """ECE of the top-class probability: sum over bins of |accuracy - confidence| * share."""
    confidence = proba.max(axis=1)
    correct = proba.argmax(axis=1) == gold
    total = len(gold)
    return float(
        sum(
            abs(acc - conf) * n / total
            for conf, acc, n in calibration_bins(confidence, correct, bins)
        )
    )


def reliability_figure(proba: np.ndarray, gold: np.ndarray, title: str, bins: int = 10) -> Figure:
    import matplotlib.pyplot as plt

    confidence = proba.max(axis=1)
    points = calibration_bins(confidence, proba.argmax(axis=1) == gold, bins)
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    if points:
        conf, acc, _ = zip(*points, strict=True)
        ax.plot(conf, acc, marker="o", label="model")
        for x, y, n in points:
            ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ece = expected_calibration_error(proba, gold, bins)
    ax.set_xlabel("confidence (top-class probability)")
    ax.set_ylabel("accuracy")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(f"{title} (ECE {ece:.3f})")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig
