"""Evaluation that only measures: metrics, significance, calibration, plots (no MLflow, no I/O)."""

from stance.evaluation.metrics import classification_metrics, confusion

__all__ = ["classification_metrics", "confusion"]
