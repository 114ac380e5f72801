"""Split derivation: grouped by document, near-duplicates kept together, speakers held out."""

from __future__ import annotations

import json

import pandas as pd

from stance.curation.splits import derive_splits, near_duplicate_pairs, normalise_text, write_splits
from stance.data.dataset import LABELS, SPLITS, check_dataset, speaker_key
from stance.data.io import write_table
from tests.curation.fakes import fake_quotes


def _docs(splits: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    return {name: set(frame["doc_id"]) for name, frame in splits.items()}


def test_near_duplicate_pairs():
    texts = [
        "We must support Ukraine for as long as it takes, said the minister today.",
        "We must support Ukraine for as long as it takes, said the minister today!",
        "A completely different sentence about the weather in Geneva this week.",
    ]
    assert [(i, j) for i, j, _ in near_duplicate_pairs(texts)] == [(0, 1)]
    assert near_duplicate_pairs(texts[:1]) == []


def test_normalise_text():
    assert normalise_text("  Peace, NOW!\n") == "peace now"


def test_splits_are_grouped_by_document_and_deterministic():
    quotes = fake_quotes(docs=80, per_doc=5, speakers=40)
    result = derive_splits(quotes, seed=1)
    again = derive_splits(quotes, seed=1)
    for name in SPLITS:
        pd.testing.assert_frame_equal(result.splits[name], again.splits[name])
        check_dataset(result.splits[name], name)
    docs = _docs(result.splits)
    for a in SPLITS:
        for b in SPLITS:
            if a < b:
                assert not docs[a] & docs[b], (a, b)
    counts = {name: len(frame) for name, frame in result.splits.items()}
    pool = counts["train"] + counts["validation"] + counts["test"]
    assert 0.6 < counts["train"] / pool < 0.8
    assert counts["validation"] > 0 and counts["test"] > 0
    for name in ("train", "validation", "test"):
        assert set(result.splits[name]["label"]) == set(LABELS)


def test_test_speaker_holds_whole_speakers_out():
    quotes = fake_quotes(docs=80, per_doc=5, speakers=40)
    result = derive_splits(quotes, seed=2)
    held = set(result.splits["test_speaker"]["speaker"].map(speaker_key))
    assert held and len(result.splits["test_speaker"]) >= 0.05 * len(quotes)
    for name in ("train", "validation", "test"):
        assert not held & set(result.splits[name]["speaker"].map(speaker_key))
    # every unit of a held-out speaker is in test_speaker
    all_held = quotes[quotes["speaker"].map(speaker_key).isin(held)]
    assert set(all_held["id"]) == set(result.splits["test_speaker"]["id"])
    dropped = set(result.report["dropped_sharing_doc_with_held_out_speaker"])
    kept = set().union(*(set(f["id"]) for f in result.splits.values()))
    assert kept | dropped == set(quotes["id"]) and not kept & dropped


def test_exact_and_near_duplicates_never_cross_splits():
    quotes = fake_quotes(docs=60, per_doc=3, speakers=30)
    # an exact copy (other case and punctuation) and a near copy in other documents
    quotes.loc[10, "text"] = quotes.loc[0, "text"].upper().replace(".", "!")
    quotes.loc[20, "text"] = quotes.loc[3, "text"][:-1] + " yes."
    quotes["char_end"] = (quotes["char_start"].astype(int) + quotes["text"].str.len()).astype(str)
    result = derive_splits(quotes, seed=0)
    assert result.report["dropped_exact_duplicates"] == [quotes.loc[10, "id"]]
    where = {i: name for name, frame in result.splits.items() for i in frame["id"]}
    a, b = quotes.loc[3, "id"], quotes.loc[20, "id"]
    if a in where and b in where:
        assert where[a] == where[b]


def test_write_splits(tmp_path):
    raw = tmp_path / "raw"
    write_table(fake_quotes(docs=40, per_doc=4), raw / "quotes.csv")
    report = write_splits(raw, tmp_path / "processed")
    for name in SPLITS:
        assert (tmp_path / "processed" / f"{name}.csv").is_file()
    summary = json.loads((tmp_path / "processed" / "splits.json").read_text())
    assert summary["counts"] == report["counts"]
    markdown = (tmp_path / "processed" / "SPLITS.md").read_text()
    assert "| test_speaker |" in markdown


def test_test_speaker_holds_out_some_of_a_rare_label():
    quotes = fake_quotes(docs=120, per_doc=5, speakers=60)
    # Make pro_concession rare: only the units of a few speakers keep it.
    keys = quotes["speaker"].map(speaker_key)
    counts = keys.value_counts()
    small = sorted(k for k, n in counts.items() if n <= 0.03 * len(quotes) and "speaker" in k)
    rare = keys.isin(small[:1])
    quotes.loc[(quotes["label"] == "pro_concession") & ~rare, "label"] = "neutral"
    for seed in (1, 2, 3):
        held = derive_splits(quotes, seed=seed).splits["test_speaker"]
        assert (held["label"] == "pro_concession").sum() >= 1
