"""Decision offsets for macro-F1: prior correction picked on the validation split.

A model's probabilities p(c|x) become softmax(log p(c|x) + b_c): one additive
log-probability offset per class (prior correction, Saerens et al. 2002), the
neutral class fixed at 0. The offsets maximise macro-F1 on `validation` (coordinate
ascent over a grid) and are kept only when cross-validation on the validation rows
says they beat argmax: tuned on all of `validation`, they always look better there.
Our own search because scikit-learn's TunedThresholdClassifierCV is binary-only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from stance.evaluation.significance import metric_values
from stance.models.base import ArgmaxLabels, TextInput

OFFSET_GRID = np.round(np.linspace(-3.0, 3.0, 61), 2)  # e^±3: a class prior ×/÷ 20
MAX_ROUNDS = 10
CV_FOLDS = 5
EPS = 1e-12


def shifted(proba: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """softmax(log proba + offsets), row by row: still probabilities, argmax moved."""
    logits = np.log(np.clip(np.asarray(proba, dtype=np.float64), EPS, None)) + offsets
    logits -= logits.max(axis=1, keepdims=True)
    weights = np.exp(logits)
    return weights / weights.sum(axis=1, keepdims=True)


def _macro_f1(gold: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    return metric_values("macro_f1", gold, pred, n_classes, ())


def tune_offsets(proba: np.ndarray, gold: np.ndarray, fixed: int) -> np.ndarray:
    """Offsets (class `fixed` at 0) with the best macro-F1 of `gold` (label indices);
    among equal scores the smaller offset wins."""
    n_classes = proba.shape[1]
    log_p = np.log(np.clip(proba, EPS, None))
    offsets = np.zeros(n_classes)
    best = float(_macro_f1(gold, log_p.argmax(axis=1), n_classes))
    tie_order = np.argsort(np.abs(OFFSET_GRID), kind="stable")
    for _ in range(MAX_ROUNDS):
        improved = False
        for c in (c for c in range(n_classes) if c != fixed):
            candidates = np.repeat(offsets[None, :], len(OFFSET_GRID), axis=0)
            candidates[:, c] = OFFSET_GRID
            preds = (log_p[None, :, :] + candidates[:, None, :]).argmax(axis=2)
            scores = _macro_f1(gold[None, :], preds, n_classes)[tie_order]
            pick = int(np.argmax(scores))  # first maximum: the smallest |offset|
            if scores[pick] > best + 1e-12:
                offsets[c], best, improved = OFFSET_GRID[tie_order[pick]], float(scores[pick]), True
        if not improved:
            break
    return offsets


@dataclass(frozen=True)
class DecisionChoice:
    """The rule kept and the validation figures it was chosen on."""

    rule: str  # "argmax" or "tuned"
    offsets: np.ndarray  # applied offsets (zeros for argmax)
    candidate: np.ndarray  # offsets tuned on all of validation
    argmax_macro_f1: float
    tuned_macro_f1: float  # in-sample: offsets tuned and scored on the same rows
    cv_tuned_macro_f1: float  # out-of-fold: each fold scored with offsets tuned on the others


def choose_decision(
    proba: np.ndarray, gold: np.ndarray, fixed: int, seed: int = 0, folds: int = CV_FOLDS
) -> DecisionChoice:
    """Tuned offsets if their cross-validated macro-F1 beats argmax's, else argmax."""
    n_classes = proba.shape[1]
    argmax = float(_macro_f1(gold, proba.argmax(axis=1), n_classes))
    candidate = tune_offsets(proba, gold, fixed)
    tuned = float(_macro_f1(gold, shifted(proba, candidate).argmax(axis=1), n_classes))
    counts = np.bincount(gold, minlength=n_classes)
    folds = min(folds, int(counts[counts > 0].min()))
    cv_tuned = float("nan")
    if folds >= 2:
        out_of_fold = np.empty_like(gold)
        splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
        for fit_rows, held_rows in splitter.split(proba, gold):
            offsets = tune_offsets(proba[fit_rows], gold[fit_rows], fixed)
            out_of_fold[held_rows] = shifted(proba[held_rows], offsets).argmax(axis=1)
        cv_tuned = float(_macro_f1(gold, out_of_fold, n_classes))
    keep = cv_tuned > argmax  # NaN (too few rows to cross-validate) keeps argmax
    offsets = candidate if keep else np.zeros(n_classes)
    return DecisionChoice(
        "tuned" if keep else "argmax", offsets, candidate, argmax, tuned, cv_tuned
    )


class ShiftedDecision(ArgmaxLabels):
    """A fitted stance model whose probabilities pass through fixed decision offsets."""

    def __init__(self, base, offsets: Sequence[float]):
        self.base = base
        self.labels = list(base.labels)
        self.offsets = np.asarray(offsets, dtype=np.float64)
        if self.offsets.shape != (len(self.labels),):
            raise ValueError(f"{len(self.offsets)} offsets for {len(self.labels)} labels")

    @property
    def pyfunc_modules(self) -> tuple[str, ...]:
        return self.base.pyfunc_modules

    def fit(self, inputs: TextInput, y, eval_set=None, epoch_logger=None) -> ShiftedDecision:
        self.base.fit(inputs, y, eval_set=eval_set, epoch_logger=epoch_logger)
        return self

    def predict_proba(self, inputs: TextInput) -> np.ndarray:
        return shifted(self.base.predict_proba(inputs), self.offsets)

    def save(self, path: str | Path) -> Path:
        """The base model's files; the offsets go beside them (`save_offsets`)."""
        return self.base.save(path)

    def save_offsets(self, path: str | Path) -> Path:
        path = Path(path)
        offsets = dict(zip(self.labels, map(float, self.offsets), strict=True))
        path.write_text(json.dumps({"offsets": offsets}, indent=2), encoding="utf-8")
        return path


def load_offsets(path: str | Path, labels: Sequence[str]) -> np.ndarray:
    """Offsets saved by `save_offsets`, in `labels` order."""
    offsets = json.loads(Path(path).read_text(encoding="utf-8"))["offsets"]
    if set(offsets) != set(labels):
        raise ValueError(f"{path}: offsets for {sorted(offsets)}, model labels {sorted(labels)}")
    return np.array([offsets[label] for label in labels], dtype=np.float64)
