"""The MLflow pyfunc every stance model is logged as.

Whatever the model kind, `predict` takes a DataFrame with a `text` column (and
an optional `target` column) and returns a DataFrame with `label` plus one
`p_<class>` probability column per class, so `stance predict` serves them all.
The model is logged "from code" (`pyfunc_entry.py`), so nothing is pickled but
the fitted estimator itself. Decision offsets (`training.decision: tuned`) travel
as a small JSON artifact and are applied to whatever the classifier predicts.
"""

from __future__ import annotations

from pathlib import Path

import mlflow.pyfunc
import pandas as pd
from mlflow.models import ModelSignature
from mlflow.types import ColSpec, Schema

from stance.models.base import prediction_frame, probability_columns
from stance.models.decision import ShiftedDecision, load_offsets, shifted

ENTRY_FILE = Path(__file__).with_name("pyfunc_entry.py")
# What loading any stance pyfunc imports, whatever the model kind: MLflow, this module's
# imports, and those of the `stance` package it pulls in (config: pydantic and yaml;
# models/__init__: the scikit-learn baselines). Each model class adds its own
# `pyfunc_modules`.
PYFUNC_MODULES = ("mlflow", "pandas", "numpy", "pydantic", "yaml", "sklearn", "joblib")
SKLEARN_ARTIFACT = "sklearn_model"
TRANSFORMER_ARTIFACT = "transformer_model"
ENSEMBLE_ARTIFACT = "ensemble"
DECISION_ARTIFACT = "decision"
SETFIT_ARTIFACT = "setfit_model"
# The artifact name and folder each model kind saves its files under (else SKLEARN_ARTIFACT).
KIND_ARTIFACTS = {"transformer": TRANSFORMER_ARTIFACT, "setfit": SETFIT_ARTIFACT}


def signature(labels: list[str]) -> ModelSignature:
    inputs = Schema([ColSpec("string", "text"), ColSpec("string", "target", required=False)])
    outputs = Schema(
        [ColSpec("string", "label")] + [ColSpec("double", c) for c in probability_columns(labels)]
    )
    return ModelSignature(inputs=inputs, outputs=outputs)


def model_artifacts(model, kind: str, folder: Path) -> dict[str, str]:
    """The files a fitted model is logged with (written under `folder`), whatever its kind."""
    decision = model if isinstance(model, ShiftedDecision) else None
    model = decision.base if decision is not None else model
    if kind == "ensemble":
        artifacts = model.artifacts(folder / "ensemble", ENSEMBLE_ARTIFACT)
    elif kind in KIND_ARTIFACTS:
        artifacts = {KIND_ARTIFACTS[kind]: str(model.save(folder / kind))}
    else:
        artifacts = {SKLEARN_ARTIFACT: str(model.save(folder / "model.joblib"))}
    if decision is not None:
        artifacts[DECISION_ARTIFACT] = str(decision.save_offsets(folder / "decision.json"))
    return artifacts


def load_classifier(artifacts: dict[str, str]):
    """The fitted classifier from a logged model's artifacts, whatever its kind."""
    if ENSEMBLE_ARTIFACT in artifacts:
        from stance.models.ensemble import EnsembleStanceClassifier

        return EnsembleStanceClassifier.load(artifacts[ENSEMBLE_ARTIFACT], artifacts)
    if SKLEARN_ARTIFACT in artifacts:
        from stance.models.baselines import SklearnStanceClassifier

        return SklearnStanceClassifier.load(artifacts[SKLEARN_ARTIFACT])
    if TRANSFORMER_ARTIFACT in artifacts:
        from stance.models.transformer import TransformerStanceClassifier

        return TransformerStanceClassifier.load(artifacts[TRANSFORMER_ARTIFACT])
    if SETFIT_ARTIFACT in artifacts:
        from stance.models.setfit_classifier import SetFitStanceClassifier

        return SetFitStanceClassifier.load(artifacts[SETFIT_ARTIFACT])
    raise ValueError(f"no stance model among the artifacts {sorted(artifacts)}")


class StancePyfunc(mlflow.pyfunc.PythonModel):
    """Loads the classifier once per process, then predicts label + probabilities."""

    def load_context(self, context) -> None:
        self.classifier = load_classifier(context.artifacts)
        self.offsets = None  # decision offsets, kept apart so the classifier stays as fitted
        if DECISION_ARTIFACT in context.artifacts:
            labels = self.classifier.labels
            self.offsets = load_offsets(context.artifacts[DECISION_ARTIFACT], labels)

    def predict(self, context, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        proba = self.classifier.predict_proba(model_input)
        if getattr(self, "offsets", None) is not None:
            proba = shifted(proba, self.offsets)
        return prediction_frame(proba, self.classifier.labels)

    def set_precision(self, precision: str) -> bool:
        """Run a transformer in `precision` (fp32, bf16, int8, auto); False, changing
        nothing, for a model that has no such setting."""
        if not hasattr(self.classifier, "inference_precision"):
            return False
        self.classifier.inference_precision = precision
        return True
