"""Models: scikit-learn baselines and the pyfunc wrapper they are logged as."""

from __future__ import annotations

from collections.abc import Sequence

from stance.config import ModelConfig
from stance.models.baselines import SklearnStanceClassifier


def build_model(cfg: ModelConfig, labels: Sequence[str], seed: int) -> SklearnStanceClassifier:
    """An unfitted classifier for the configured model kind."""
    return SklearnStanceClassifier(cfg, labels, seed=seed)


__all__ = ["SklearnStanceClassifier", "build_model"]
