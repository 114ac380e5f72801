"""Decision offsets: the tuning, the choice by cross-validation, the wrapped model."""

import numpy as np
import pytest

from stance.config import TfidfConfig
from stance.models import build_model
from stance.models.decision import (
    OFFSET_GRID,
    ShiftedDecision,
    choose_decision,
    load_offsets,
    shifted,
    tune_offsets,
)
from tests.conftest import LABELS, tiny_frame


def rare_class_scores(rows: int = 400, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Probabilities of a model that under-predicts class 1 (rare): its probability is
    informative but too small to win the argmax."""
    rng = np.random.default_rng(seed)
    gold = rng.choice(3, size=rows, p=[0.3, 0.1, 0.6])
    logits = rng.normal(0, 1, size=(rows, 3))
    logits[np.arange(rows), gold] += 2.0
    logits[:, 1] -= 2.5  # the model's bias against the rare class
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return proba, gold


def test_shifted_keeps_probabilities_and_zero_offsets_change_nothing():
    proba, _ = rare_class_scores(20)
    np.testing.assert_allclose(shifted(proba, np.zeros(3)), proba, rtol=1e-9)
    moved = shifted(proba, np.array([0.0, 5.0, 0.0]))
    np.testing.assert_allclose(moved.sum(axis=1), 1.0)
    assert (moved.argmax(axis=1) == 1).mean() > (proba.argmax(axis=1) == 1).mean()


def test_tuning_undoes_a_bias_against_the_rare_class():
    proba, gold = rare_class_scores()
    offsets = tune_offsets(proba, gold, fixed=2)
    assert offsets[2] == 0
    assert 1.0 <= offsets[1] <= 3.0  # about the 2.5 the scores were pushed down by
    assert set(offsets) <= set(OFFSET_GRID)


def test_the_choice_keeps_offsets_that_cross_validate():
    proba, gold = rare_class_scores()
    choice = choose_decision(proba, gold, fixed=2, seed=0)
    assert choice.rule == "tuned"
    assert choice.cv_tuned_macro_f1 > choice.argmax_macro_f1 + 0.05
    np.testing.assert_array_equal(choice.offsets, choice.candidate)


def test_the_choice_stays_argmax_for_a_model_without_bias():
    rng = np.random.default_rng(1)
    gold = rng.choice(3, size=300)
    logits = rng.normal(0, 1, size=(300, 3))
    logits[np.arange(300), gold] += 3.0
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    choice = choose_decision(proba, gold, fixed=2)
    assert choice.rule == "argmax"
    assert not choice.offsets.any()
    assert choice.tuned_macro_f1 >= choice.argmax_macro_f1  # in-sample always looks better


def test_too_few_rows_to_cross_validate_keep_argmax():
    proba, gold = rare_class_scores(30)
    gold[:] = 0
    gold[0] = 1  # one row of class 1: no two folds can hold it
    choice = choose_decision(proba, gold, fixed=2)
    assert choice.rule == "argmax" and np.isnan(choice.cv_tuned_macro_f1)


def test_the_wrapped_model_applies_its_offsets_and_saves_them(tmp_path):
    train = tiny_frame(3)
    base = build_model(TfidfConfig(kind="tfidf_lr", C=10.0), LABELS).fit(train, train["label"])
    model = ShiftedDecision(base, [0.0, 4.0, 0.0])
    test = tiny_frame(1, "t")
    np.testing.assert_allclose(
        model.predict_proba(test), shifted(base.predict_proba(test), model.offsets)
    )
    assert model.predict(test).count("pro_concession") > base.predict(test).count("pro_concession")
    path = model.save_offsets(tmp_path / "decision.json")
    np.testing.assert_array_equal(load_offsets(path, LABELS), model.offsets)
    with pytest.raises(ValueError, match="offsets for"):
        load_offsets(path, ["a", "b", "c"])
    with pytest.raises(ValueError, match="2 offsets for 3 labels"):
        ShiftedDecision(base, [0.0, 1.0])
