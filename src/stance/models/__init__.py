"""Models: scikit-learn baselines, fine-tuned transformers, SetFit, and their logged pyfunc.

Every model follows `base.StanceModel`: `fit(X, y, eval_set=None, epoch_logger=None)`,
`predict`, `predict_proba` (columns in `labels` order), `labels`, `id2label`, `save`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from stance.config import EnsembleConfig, ModelConfig, SetFitConfig, TransformerConfig
from stance.models.base import StanceModel
from stance.models.baselines import SklearnStanceClassifier


def build_model(
    cfg: ModelConfig,
    labels: Sequence[str],
    seed: int = 0,
    *,
    neutral_label: str | None = None,
    target_text: Mapping[str, str] | None = None,
    label_descriptions: Mapping[str, str] | None = None,
) -> StanceModel:
    """An unfitted classifier for the configured model kind.

    `neutral_label` (default: the last label) and `label_descriptions` (read with
    target_mode label_description) are used by the transformer, `target_text` (the words
    read for each target) by the transformer and SetFit; the baselines need only the labels.
    """
    if isinstance(cfg, TransformerConfig):
        from stance.models.transformer import TransformerStanceClassifier

        return TransformerStanceClassifier(
            cfg,
            labels,
            seed,
            neutral_label,
            dict(target_text or {}),
            dict(label_descriptions or {}),
        )
    if isinstance(cfg, EnsembleConfig):
        from stance.models.ensemble import EnsembleStanceClassifier

        return EnsembleStanceClassifier(cfg, labels, seed, neutral_label)
    if isinstance(cfg, SetFitConfig):
        from stance.models.setfit_classifier import SetFitStanceClassifier

        return SetFitStanceClassifier(cfg, labels, seed, dict(target_text or {}))
    return SklearnStanceClassifier(cfg, labels, seed=seed)


__all__ = ["SklearnStanceClassifier", "StanceModel", "build_model"]
