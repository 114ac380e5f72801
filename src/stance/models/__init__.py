"""Models: scikit-learn baselines, fine-tuned transformers, and the pyfunc they are logged as.

Every model has the same small API: `fit(X, y, eval_set=None, epoch_logger=None)`,
`predict`, `predict_proba` (columns in `labels` order), `id2label`, `save`, `load`.
"""

from __future__ import annotations

from stance.config import DataConfig, ModelConfig, TransformerConfig
from stance.models.baselines import SklearnStanceClassifier


def build_model(cfg: ModelConfig, data: DataConfig | list[str], seed: int):
    """An unfitted classifier for the configured model kind.

    `data` is the dataset config (labels, neutral label, target wording) or, for
    the baselines, just the list of labels.
    """
    labels = data.labels if isinstance(data, DataConfig) else list(data)
    if isinstance(cfg, TransformerConfig):
        from stance.models.transformer import TransformerStanceClassifier

        if not isinstance(data, DataConfig):
            return TransformerStanceClassifier(cfg, labels, seed)
        return TransformerStanceClassifier(cfg, labels, seed, data.neutral_label, data.target_text)
    return SklearnStanceClassifier(cfg, labels, seed=seed)


__all__ = ["SklearnStanceClassifier", "build_model"]
