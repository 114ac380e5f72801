"""The model protocol every stance classifier follows: its inputs and its probability frame."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, Self, runtime_checkable

import numpy as np
import pandas as pd

TextInput = pd.DataFrame | Sequence[str]
META_FILE = "stance.json"  # what a saved encoder-based model records beside its weights
EpochLogger = Callable[[dict[str, float], int], None]  # (metrics, epoch), e.g. log_metrics


def as_frame(inputs: TextInput) -> pd.DataFrame:
    """A DataFrame with `text` and `target` columns (target empty when absent)."""
    if isinstance(inputs, pd.DataFrame):
        if "text" not in inputs.columns:
            raise KeyError("input has no 'text' column")
        frame = pd.DataFrame({"text": inputs["text"].astype(str).tolist()})
        targets = inputs["target"] if "target" in inputs.columns else ""
        frame["target"] = pd.Series(targets, index=inputs.index).fillna("").astype(str).tolist()
        return frame
    if isinstance(inputs, str):
        inputs = [inputs]
    return pd.DataFrame({"text": [str(text) for text in inputs], "target": ""})


def target_words(frame: pd.DataFrame, targets: Sequence[str], target_text: dict[str, str]):
    """The words read for each row's target; rows without one read the training target
    when there was only one (`targets`), else nothing."""
    default = targets[0] if len(targets) == 1 else ""
    return [target_text.get(t or default, t or default) for t in frame["target"]]


@runtime_checkable
class StanceModel(Protocol):
    """What training, tracking and the pyfunc rely on, whatever the model kind.

    Inputs are a DataFrame with a `text` column (and an optional `target` column)
    or a plain list of texts; probability columns follow `labels`.
    """

    labels: list[str]
    # Top-level modules the saved model imports when it loads and predicts, beyond what
    # every stance pyfunc imports (pyfunc.PYFUNC_MODULES): the logged model's pip
    # requirements are their distributions, pinned (tracking.pip_requirements).
    pyfunc_modules: tuple[str, ...]

    def fit(
        self,
        inputs: TextInput,
        y: Sequence[str],
        eval_set: tuple[TextInput, Sequence[str]] | None = None,
        epoch_logger: EpochLogger | None = None,
    ) -> Self: ...

    def predict_proba(self, inputs: TextInput) -> np.ndarray: ...

    def predict(self, inputs: TextInput) -> list[str]: ...

    @property
    def id2label(self) -> dict[int, str]: ...

    def save(self, path: str | Path) -> Path: ...


def probability_columns(labels: Sequence[str]) -> list[str]:
    return [f"p_{label}" for label in labels]


def prediction_frame(proba: np.ndarray, labels: Sequence[str], index=None) -> pd.DataFrame:
    """`label` (the argmax) and `p_<class>` columns from a probability matrix."""
    frame = pd.DataFrame(proba, columns=probability_columns(labels), index=index)
    frame.insert(0, "label", np.asarray(labels, dtype=object)[proba.argmax(axis=1)])
    return frame


class ArgmaxLabels:
    """`id2label` and `predict` (the most probable label) for a class with `labels` and
    `predict_proba`."""

    labels: list[str]

    @property
    def id2label(self) -> dict[int, str]:
        return dict(enumerate(self.labels))

    def predict(self, inputs: TextInput) -> list[str]:
        return [self.labels[i] for i in self.predict_proba(inputs).argmax(axis=1)]


def write_meta(folder: Path, classifier, **extra) -> None:
    """The config, labels, seed and targets of a classifier saved as a folder."""
    meta = {
        "config": classifier.cfg.model_dump(mode="json"),
        "labels": classifier.labels,
        "seed": classifier.seed,
        "target_text": classifier.target_text,
        "targets": classifier.targets,
        **extra,
    }
    (folder / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")


def read_meta(folder: Path) -> dict:
    return json.loads((folder / META_FILE).read_text(encoding="utf-8"))
