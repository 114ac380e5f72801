"""Evaluation: metrics and plots."""

from stance.evaluation.metrics import classification_metrics, confusion

__all__ = ["classification_metrics", "confusion"]
