"""The MLflow pyfunc every stance model is logged as.

Whatever the model kind, `predict` takes a DataFrame with a `text` column (and
an optional `target` column) and returns a DataFrame with `label` plus one
`p_<class>` probability column per class, so `stance predict` serves them all.
"""

from __future__ import annotations

import joblib
import mlflow.pyfunc
import numpy as np
import pandas as pd
from mlflow.models import ModelSignature
from mlflow.types import ColSpec, Schema

MODEL_ARTIFACT = "model"


def probability_columns(labels: list[str]) -> list[str]:
    return [f"p_{label}" for label in labels]


def prediction_frame(proba: np.ndarray, labels: list[str], index=None) -> pd.DataFrame:
    """`label` (the argmax) and `p_<class>` columns from a probability matrix."""
    frame = pd.DataFrame(proba, columns=probability_columns(labels), index=index)
    frame.insert(0, "label", np.asarray(labels, dtype=object)[proba.argmax(axis=1)])
    return frame


def signature(labels: list[str]) -> ModelSignature:
    inputs = Schema([ColSpec("string", "text"), ColSpec("string", "target", required=False)])
    outputs = Schema(
        [ColSpec("string", "label")] + [ColSpec("double", c) for c in probability_columns(labels)]
    )
    return ModelSignature(inputs=inputs, outputs=outputs)


class SklearnPyfunc(mlflow.pyfunc.PythonModel):
    """Loads a joblib-saved `SklearnStanceClassifier` once, then predicts in-process."""

    def load_context(self, context) -> None:
        self.model = joblib.load(context.artifacts[MODEL_ARTIFACT])

    def predict(self, context, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        proba = self.model.predict_proba(model_input)
        return prediction_frame(proba, self.model.labels)
