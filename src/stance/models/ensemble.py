"""`model.kind: ensemble`: a weighted mean of logged stance models' probabilities.

Members are logged pyfuncs (any kind: TF-IDF, transformer, SetFit, ...), used only
through the pyfunc contract: a DataFrame with `text` (and `target`) in, `label` and
`p_<class>` out. `fit` loads them once, scores `validation` with each, and picks the
weights on a grid of the simplex with the best validation `metric` (default macro-F1;
ties: the weights closest to equal). Logged, the ensemble carries a copy of every member, so
it loads without the runs it was built from.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from stance.config import EnsembleConfig
from stance.errors import ModelError, first_line
from stance.evaluation.significance import encode, metric_values
from stance.models.base import ArgmaxLabels, TextInput, as_frame, probability_columns

log = logging.getLogger(__name__)
SPEC_FILE = "ensemble.json"
MEMBER_ARTIFACT = "member_{}"


def simplex_grid(n_members: int, step: float) -> np.ndarray:
    """Every weight vector of `n_members` non-negative multiples of `step` summing to 1."""
    units = round(1 / step)
    points = [
        combo
        for combo in itertools.product(range(units + 1), repeat=n_members - 1)
        if sum(combo) <= units
    ]
    return np.array([[*combo, units - sum(combo)] for combo in points], dtype=np.float64) / units


def member_labels(member) -> list[str]:
    """The label set a logged stance model predicts: its metadata, else its p_ columns."""
    metadata = getattr(member.metadata, "metadata", None) or {}
    if metadata.get("labels"):
        return list(metadata["labels"])
    outputs = member.metadata.get_output_schema()
    names = outputs.input_names() if outputs is not None else []
    return [name.removeprefix("p_") for name in names if name.startswith("p_")]


def load_member(uri: str):
    """A logged model as a pyfunc, or one line naming the member that failed."""
    import mlflow.pyfunc
    from mlflow.exceptions import MlflowException

    try:
        return mlflow.pyfunc.load_model(uri)
    except (MlflowException, OSError) as exc:
        raise ModelError(f"ensemble member {uri!r} cannot be loaded: {first_line(exc)}") from None


class EnsembleStanceClassifier(ArgmaxLabels):
    """Weighted mean of member probabilities; `fit` only picks the weights."""

    def __init__(
        self,
        cfg: EnsembleConfig,
        labels: Sequence[str],
        seed: int = 0,
        neutral_label: str | None = None,
    ):
        self.cfg = cfg
        self.labels = list(labels)
        self.neutral_label = neutral_label or self.labels[-1]
        self.seed = seed
        self.members: list = []
        self.weights: np.ndarray | None = None
        self.validation_scores: pd.DataFrame | None = None

    @property
    def pyfunc_modules(self) -> tuple[str, ...]:
        """What the members' pyfuncs import: the ensemble loads them all."""
        modules = [
            module
            for member in self.members
            for module in member.unwrap_python_model().classifier.pyfunc_modules
        ]
        return tuple(dict.fromkeys(modules))

    def _load_members(self, sources: Sequence[str], names: Sequence[str]) -> None:
        members = []
        for source, name in zip(sources, names, strict=True):
            member = load_member(source)
            labels = member_labels(member)
            if sorted(labels) != sorted(self.labels):
                raise ModelError(
                    f"ensemble member {name!r} predicts labels {labels}, not {self.labels}: "
                    "members must share the dataset's label set"
                )
            members.append(member)
        self.members = members

    def _member_proba(self, member, frame: pd.DataFrame) -> np.ndarray:
        predicted = member.predict(frame[["text", "target"]])
        return predicted[probability_columns(self.labels)].to_numpy(dtype=np.float64)

    def fit(
        self, inputs: TextInput, y, eval_set=None, epoch_logger=None
    ) -> EnsembleStanceClassifier:
        """Pick the weights on `eval_set` (validation); the members are already trained,
        so `inputs` and `y` are not used."""
        if eval_set is None:
            raise ModelError("an ensemble picks its weights on validation: give it an eval_set")
        self._load_members(self.cfg.members, self.cfg.members)
        frame = as_frame(eval_set[0])
        probas = np.stack([self._member_proba(m, frame) for m in self.members])
        (gold,) = encode(self.labels, list(eval_set[1]))
        grid = simplex_grid(len(self.members), self.cfg.weight_step)
        mixed = np.einsum("gm,mrc->grc", grid, probas).argmax(axis=2)
        stance = [i for i, label in enumerate(self.labels) if label != self.neutral_label]
        metric = self.cfg.metric
        scores = metric_values(metric, gold[None, :], mixed, len(self.labels), stance)
        spread = np.abs(grid - 1 / len(self.members)).sum(axis=1)
        best = int(np.lexsort((spread, -scores))[0])
        self.weights = grid[best]
        table = pd.DataFrame(grid, columns=[f"weight_{i}" for i in range(len(self.members))])
        table[f"validation_{metric}"] = scores
        self.validation_scores = table
        log.info("ensemble weights %s (validation %s %.3f)", self.weights, metric, scores[best])
        return self

    def fitted_params(self) -> dict[str, object]:
        """What `fit` picked and which runs the members came from, as run params."""
        params: dict[str, object] = {}
        for i, (uri, member, weight) in enumerate(
            zip(self.cfg.members, self.members, self.weights, strict=True)
        ):
            params[f"ensemble.member_{i}.uri"] = uri
            params[f"ensemble.member_{i}.run_id"] = member.metadata.run_id
            params[f"ensemble.member_{i}.weight"] = round(float(weight), 6)
        return params

    def predict_proba(self, inputs: TextInput) -> np.ndarray:
        if self.weights is None:
            raise RuntimeError("the ensemble is not fitted; call fit() or load() first")
        frame = as_frame(inputs)
        if frame.empty:
            return np.zeros((0, len(self.labels)))
        proba = np.zeros((len(frame), len(self.labels)))
        for member, weight in zip(self.members, self.weights, strict=True):
            if weight > 0:
                proba += weight * self._member_proba(member, frame)
        return proba

    # ------------------------------------------------------------- persistence

    def save(self, folder: str | Path) -> Path:
        """The spec (members, weights, labels); `artifacts` adds the members themselves."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        spec = {
            "config": self.cfg.model_dump(mode="json"),
            "labels": self.labels,
            "weights": [float(w) for w in self.weights],
            "member_run_ids": [m.metadata.run_id for m in self.members],
        }
        path = folder / SPEC_FILE
        path.write_text(json.dumps(spec, indent=2), encoding="utf-8")
        return path

    def artifacts(self, folder: str | Path, spec_key: str) -> dict[str, str]:
        """Pyfunc artifacts: the spec under `spec_key` and each member by its URI, which
        MLflow copies into the logged model."""
        members = {MEMBER_ARTIFACT.format(i): uri for i, uri in enumerate(self.cfg.members)}
        return {spec_key: str(self.save(folder)), **members}

    @classmethod
    def load(cls, spec_path: str | Path, artifacts: dict[str, str]) -> EnsembleStanceClassifier:
        spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
        model = cls(EnsembleConfig.model_validate(spec["config"]), spec["labels"])
        sources = [artifacts[MEMBER_ARTIFACT.format(i)] for i in range(len(spec["weights"]))]
        model._load_members(sources, model.cfg.members)
        model.weights = np.asarray(spec["weights"], dtype=np.float64)
        return model
