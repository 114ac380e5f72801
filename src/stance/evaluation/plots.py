"""Figures: confusion matrix and per-class F1 (logged with every run), interval bars,
active-learning curves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless: runs write files, never open windows
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator


def confusion_matrix_figure(matrix: np.ndarray, labels: Sequence[str], title: str) -> Figure:
    """Row-normalised colours, with counts and row shares written in each cell."""
    totals = matrix.sum(axis=1, keepdims=True)
    shares = np.divide(matrix, totals, out=np.zeros_like(matrix, dtype=float), where=totals > 0)
    size = 1.2 * len(labels) + 2
    fig, ax = plt.subplots(figsize=(size + 1, size))
    image = ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title)
    for (row, col), count in np.ndenumerate(matrix):
        color = "white" if shares[row, col] > 0.6 else "black"
        text = f"{count}\n{shares[row, col]:.0%}"
        ax.text(col, row, text, ha="center", va="center", color=color, fontsize=9)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="share of gold row")
    fig.tight_layout()
    return fig


def per_class_f1_figure(metrics: dict[str, float], labels: Sequence[str], title: str) -> Figure:
    """Bars of precision, recall and F1 per class, with F_avg and macro-F1 as lines."""
    x = np.arange(len(labels))
    width = 0.27
    fig, ax = plt.subplots(figsize=(1.6 * len(labels) + 3, 4))
    for offset, name in zip((-width, 0, width), ("precision", "recall", "f1"), strict=True):
        values = [metrics[f"{name}_{label}"] for label in labels]
        bars = ax.bar(x + offset, values, width, label=name)
        ax.bar_label(bars, fmt="%.2f", fontsize=7)
    f_avg, macro_f1 = metrics["f_avg"], metrics["macro_f1"]
    ax.axhline(f_avg, color="black", linestyle="--", label=f"F_avg {f_avg:.3f}")
    ax.axhline(macro_f1, color="grey", linestyle=":", label=f"macro-F1 {macro_f1:.3f}")
    ax.set_xticks(x, labels)
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def interval_bars_figure(intervals: Mapping[str, Any], ylabel: str) -> Figure:
    """One bar per name: the estimate with its confidence interval, in percent."""
    names = list(intervals)
    cis = [intervals[n] for n in names]
    fig, ax = plt.subplots(figsize=(1.2 * len(names) + 3, 4))
    estimates = [100 * c.estimate for c in cis]
    errors = [[100 * (c.estimate - c.low) for c in cis], [100 * (c.high - c.estimate) for c in cis]]
    ax.bar(range(len(names)), estimates, yerr=errors, capsize=4, color="steelblue")
    ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
    ax.set_ylabel(ylabel)
    fig.tight_layout()
    return fig


def close(fig: Figure) -> None:
    plt.close(fig)


def curves_figure(summary: pd.DataFrame, label: str, full: dict[str, float] | None = None):
    """Two panels, macro-F1 and F1 of `label` against labels used, mean ± sd per strategy."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for ax, metric, title in (
        (axes[0], "macro_f1", "test macro-F1"),
        (axes[1], f"f1_{label}", f"test F1 of {label}"),
    ):
        for strategy, part in summary.groupby("strategy", sort=False):
            x = part["labels_mean"].to_numpy()
            mean, sd = part[f"{metric}_mean"].to_numpy(), part[f"{metric}_sd"].to_numpy()
            (line,) = ax.plot(x, mean, marker=".", label=strategy)
            ax.fill_between(x, mean - sd, mean + sd, alpha=0.15, color=line.get_color())
        if full and metric in full:
            ax.axhline(full[metric], color="grey", linestyle="--", label="all train labels")
        ax.set_xlabel("labelled units")
        ax.set_title(f"{title} (mean ± sd over seeds)")
        ax.grid(alpha=0.3)
    axes[1].legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def epoch_curves_figure(history: pd.DataFrame, title: str) -> Figure:
    """A run's per-epoch metrics (long table: epoch, metric, value): losses on the left,
    validation scores on the right, so over-fitting shows as the two panels diverging."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for metric, part in history.sort_values("epoch").groupby("metric", sort=True):
        ax = axes[0] if metric.endswith("loss") else axes[1]
        ax.plot(part["epoch"], part["value"], marker="o", label=metric.removeprefix("epoch_"))
    for ax, ylabel in zip(axes, ("loss", "score"), strict=True):
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
