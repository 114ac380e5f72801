"""The dataset report's tables."""

from __future__ import annotations

from stance.curation.report import dataset_report, signal_table
from tests.curation.fakes import fake_quotes


def test_each_signal_of_found_by_counts_for_its_units():
    quotes = fake_quotes(docs=2, per_doc=3)
    quotes["found_by"] = ["cue", "cue;similarity", "random", "similarity", "cue", "random"]
    quotes["label"] = ["pro_concession", "pro_concession", "neutral", "pro_aid", "neutral",
                       "neutral"]  # fmt: skip
    table = signal_table(quotes)
    assert table.loc["cue", ["pro_concession", "neutral", "total"]].tolist() == [2, 1, 3]
    assert table.loc["similarity", ["pro_aid", "pro_concession", "total"]].tolist() == [1, 1, 2]
    assert table.loc["cue", "% pro_concession"] == 67
    assert table.loc["random", "% pro_concession"] == 0


def test_the_report_shows_groups_and_signals():
    quotes = fake_quotes(docs=2, per_doc=3)
    report = dataset_report(quotes)
    assert "### By speaker group" in report and "### How the units were found" in report
    assert "| v1_pool |" in report
