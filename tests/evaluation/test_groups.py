"""Per-group scores and the 'who speaks' baseline."""

from __future__ import annotations

import pytest

from stance.evaluation.groups import WhoSpeaks, group_metrics

LABELS = ["pro_aid", "pro_concession", "neutral"]


def test_group_and_complement_scores():
    gold = ["pro_concession", "neutral", "pro_concession", "pro_aid", "neutral"]
    pred = ["pro_concession", "neutral", "neutral", "pro_aid", "neutral"]
    groups = ["russia_belarus", "russia_belarus", "us", "us", "us"]
    metrics = group_metrics(gold, pred, groups, LABELS)
    assert metrics["group_russia_belarus_f1_pro_concession"] == 1.0
    # outside Russia and Belarus the one pro_concession unit is missed
    assert metrics["group_not_russia_belarus_f1_pro_concession"] == 0.0
    assert metrics["group_not_russia_belarus_support_pro_concession"] == 1.0
    # macro-F1 averages the labels present in the group: us has all three
    assert metrics["group_us_macro_f1"] == pytest.approx((1.0 + 0.0 + 2 / 3) / 3)
    # russia_belarus has no pro_aid: it is not charged a zero for it
    assert metrics["group_russia_belarus_macro_f1"] == 1.0


def test_who_speaks_predicts_the_label_over_represented_in_the_group():
    groups = ["russia_belarus"] * 4 + ["ukraine"] * 4 + ["us"] * 12
    gold = (["pro_concession", "neutral", "neutral", "neutral"]
            + ["pro_aid", "neutral", "neutral", "neutral"]
            + ["pro_aid"] + ["neutral"] * 11)  # fmt: skip
    baseline = WhoSpeaks(LABELS).fit(groups, gold)
    assert baseline.predict(["russia_belarus", "ukraine", "us", "other"]) == [
        "pro_concession",
        "pro_aid",
        "neutral",
        "neutral",  # unseen group: the overall majority
    ]
