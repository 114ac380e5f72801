import numpy as np
import pytest

from stance.evaluation.calibration import (
    calibration_bins,
    expected_calibration_error,
    reliability_figure,
)


def test_perfectly_calibrated_predictions_have_zero_ece():
    # Confidence 1.0 and always right.
    proba = np.eye(3)[[0, 1, 2, 0]]
    assert expected_calibration_error(proba, np.array([0, 1, 2, 0])) == pytest.approx(0.0)


def test_ece_by_hand():
    # Two rows at confidence 0.9 (one right), two at 0.6 (both right).
    proba = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.4, 0.6]])
    gold = np.array([0, 1, 0, 1])
    # bin 0.9: |0.5 - 0.9| * 2/4 = 0.2; bin 0.6: |1.0 - 0.6| * 2/4 = 0.2
    assert expected_calibration_error(proba, gold) == pytest.approx(0.4)
    assert [n for _, _, n in calibration_bins(proba.max(1), proba.argmax(1) == gold)] == [2, 2]


def test_reliability_figure_renders(tmp_path):
    rng = np.random.default_rng(0)
    proba = rng.dirichlet([1, 1, 1], 200)
    fig = reliability_figure(proba, rng.integers(0, 3, 200), "test")
    fig.savefig(tmp_path / "r.png")
    assert (tmp_path / "r.png").stat().st_size > 1000
