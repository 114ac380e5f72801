import numpy as np
import pytest

from stance.evaluation import classification_metrics
from stance.evaluation.significance import (
    approximate_randomisation,
    bootstrap_ci,
    encode,
    holm,
    mcnemar,
    metric_values,
    paired_bootstrap,
)

LABELS = ["against", "favor", "none"]
STANCE = [0, 1]


@pytest.fixture(scope="module")
def sample():
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 3, 600)
    good = np.where(rng.random(600) < 0.8, gold, rng.integers(0, 3, 600))
    poor = np.where(rng.random(600) < 0.4, gold, rng.integers(0, 3, 600))
    return gold, good, poor


@pytest.mark.parametrize("metric", ["accuracy", "macro_f1", "f_avg"])
def test_vectorised_metrics_match_sklearn(sample, metric):
    gold, good, _ = sample
    names = np.asarray(LABELS)
    expected = classification_metrics(names[gold], names[good], LABELS, "none")[metric]
    assert float(metric_values(metric, gold, good, 3, STANCE)) == pytest.approx(expected)
    batched = metric_values(metric, np.stack([gold, gold]), np.stack([good, good]), 3, STANCE)
    np.testing.assert_allclose(batched, [expected, expected])


def test_encode_maps_names_to_indices():
    gold, pred = encode(LABELS, ["none", "favor"], ["against", "none"])
    assert gold.tolist() == [2, 1] and pred.tolist() == [0, 2]


@pytest.mark.parametrize("metric", ["macro_f1", "f_avg"])
def test_bootstrap_interval_contains_the_estimate_and_is_reproducible(sample, metric):
    gold, good, _ = sample
    ci = bootstrap_ci(metric, gold, good, 3, STANCE, resamples=500, seed=1)
    assert ci.low < ci.estimate < ci.high
    assert ci.high - ci.low < 0.15
    assert ci == bootstrap_ci(metric, gold, good, 3, STANCE, resamples=500, seed=1)


@pytest.mark.parametrize("test", [paired_bootstrap, approximate_randomisation])
def test_significance_flags_a_real_difference_but_not_identical_predictions(sample, test):
    gold, good, poor = sample
    assert test("f_avg", gold, good, poor, 3, STANCE, 500, seed=0) < 0.01
    assert test("f_avg", gold, good, good.copy(), 3, STANCE, 500, seed=0) == 1.0


def test_mcnemar():
    gold = np.array([0, 1, 2, 0, 1, 2] * 20)
    assert mcnemar(gold, gold, gold) == 1.0
    wrong = (gold + 1) % 3
    assert mcnemar(gold, gold, wrong) < 1e-10


def test_holm_adjusts_in_input_order():
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert holm([0.5]) == [0.5]
