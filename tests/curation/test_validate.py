"""validate_dataset: schema, offsets, labels and leakage, with file/row/field messages."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from stance.curation.splits import write_splits
from stance.curation.validate import validate_dataset
from stance.data.dataset import SPLITS
from stance.data.io import read_table, write_table
from stance.errors import DataError
from tests.curation.fakes import fake_quotes, fake_shared


@pytest.fixture(scope="module")
def written_dataset(tmp_path_factory):
    """The fake quotes and their splits, written once: deriving the splits is the slow part."""
    root = tmp_path_factory.mktemp("dataset")
    write_table(fake_quotes(docs=50, per_doc=4), root / "raw" / "quotes.csv")
    write_splits(root / "raw", root / "processed")
    return root


@pytest.fixture()
def dataset(written_dataset, tmp_path):
    """A copy of the written dataset that the test may edit: (raw, processed)."""
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    shutil.copytree(written_dataset / "raw", raw)
    shutil.copytree(written_dataset / "processed", processed)
    return raw, processed


def _edit(path, change):
    frame = read_table(path)
    change(frame)
    write_table(frame, path)


def test_valid_dataset_passes_with_a_notice_without_corpora(dataset, tmp_path):
    raw, processed = dataset
    report = validate_dataset(raw, processed, shared_dir=tmp_path / "nowhere")
    assert report.units == 200 and report.offsets_checked == 0
    assert any("offsets not checked" in notice for notice in report.notices)
    assert set(report.split_counts) == set(SPLITS)
    assert "per label" in "\n".join(report.lines())


def test_min_units(dataset):
    with pytest.raises(DataError, match="fewer than the 3000"):
        validate_dataset(*dataset, min_units=3000)


def test_bad_label_names_file_row_and_field(dataset):
    raw, processed = dataset
    _edit(
        raw / "quotes.csv",
        lambda f: f.__setitem__("label", f["label"].where(f.index != 4, "maybe")),
    )
    with pytest.raises(DataError, match=r"quotes.csv, row 5, field 'label': unknown label 'maybe'"):
        validate_dataset(raw, processed)


def test_offsets_length_mismatch(dataset):
    raw, processed = dataset
    _edit(
        raw / "quotes.csv",
        lambda f: f.__setitem__("char_end", f["char_end"].where(f.index != 2, "1")),
    )
    with pytest.raises(DataError, match=r"row 3, field 'char_end'"):
        validate_dataset(raw, processed)


def test_doc_overlap_between_splits(dataset):
    raw, processed = dataset
    test = read_table(processed / "test.csv")
    train = read_table(processed / "train.csv")
    write_table(pd.concat([train, test.iloc[:1]]), processed / "train.csv")
    with pytest.raises(DataError, match="is in both"):
        validate_dataset(raw, processed)


def test_split_row_must_match_quotes(dataset):
    raw, processed = dataset
    _edit(
        processed / "validation.csv",
        lambda f: f.__setitem__(
            "label",
            f["label"].where(f.index != 0, "neutral" if f["label"][0] != "neutral" else "pro_aid"),
        ),
    )
    with pytest.raises(DataError, match=r"validation.csv, row 1, field 'label': differs"):
        validate_dataset(raw, processed)


def test_held_out_speaker_in_train(dataset):
    raw, processed = dataset
    held = read_table(processed / "test_speaker.csv")["speaker"][0]
    _edit(raw / "quotes.csv", lambda f: None)
    quotes = read_table(raw / "quotes.csv")
    train = read_table(processed / "train.csv")
    quotes.loc[quotes["id"] == train["id"][0], "speaker"] = held
    train.loc[0, "speaker"] = held
    write_table(quotes, raw / "quotes.csv")
    write_table(train, processed / "train.csv")
    with pytest.raises(DataError, match="held-out speaker"):
        validate_dataset(raw, processed)


def test_near_duplicate_across_splits(dataset):
    raw, processed = dataset
    quotes = read_table(raw / "quotes.csv")
    train, test = read_table(processed / "train.csv"), read_table(processed / "test.csv")
    copy = train["text"][0][:-1] + "!"
    test.loc[0, "text"] = copy
    test.loc[0, "char_end"] = str(int(test["char_start"][0]) + len(copy))
    quotes.loc[quotes["id"] == test["id"][0], ["text", "char_end"]] = [copy, test["char_end"][0]]
    write_table(quotes, raw / "quotes.csv")
    write_table(test, processed / "test.csv")
    with pytest.raises(DataError, match="duplicate text in 'train'"):
        validate_dataset(raw, processed)


def test_near_duplicates_with_different_labels(dataset):
    raw, processed = dataset
    quotes = read_table(raw / "quotes.csv")
    copy = quotes["text"][0][:-1] + "!"
    other = "pro_aid" if quotes["label"][1] != "pro_aid" else "neutral"
    quotes.loc[1, ["text", "label"]] = [copy, quotes["label"][0]]
    quotes.loc[1, "char_end"] = str(int(quotes["char_start"][1]) + len(copy))
    write_table(quotes, raw / "quotes.csv")
    for name in SPLITS:  # splits that agree with quotes.csv, so only the labels are wrong
        write_table(quotes.iloc[:0], processed / f"{name}.csv")
    write_table(quotes, processed / "train.csv")
    assert validate_dataset(raw, processed).near_duplicates_checked >= 1
    quotes.loc[1, "label"] = other if other != quotes["label"][0] else "pro_concession"
    write_table(quotes, raw / "quotes.csv")
    write_table(quotes, processed / "train.csv")
    with pytest.raises(DataError, match=r"quotes.csv: row 1: field 'label': .* its near-duplicate"):
        validate_dataset(raw, processed)


def test_missing_split_file(dataset):
    raw, processed = dataset
    (processed / "test_speaker.csv").unlink()
    with pytest.raises(DataError, match=r"test_speaker\.csv"):
        validate_dataset(raw, processed)


def test_offsets_against_the_source_documents(tmp_path):
    from stance.curation.candidates import build_candidates

    shared = fake_shared(tmp_path / "shared")
    pool = build_candidates(shared, tmp_path / "c.parquet", sources=("ungdc", "mfa", "article"))
    quotes = pool.assign(
        label="neutral",
        annotator="a",
        second_label="",
        adjudicated="false",
        annotation_note="",
        speaker_group="other",
        found_by="v1_pool",
    ).astype(str)
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    write_table(quotes, raw / "quotes.csv")
    for name in SPLITS:
        write_table(quotes.iloc[:0], processed / f"{name}.csv")
    write_table(quotes, processed / "train.csv")
    report = validate_dataset(raw, processed, shared_dir=shared)
    assert report.offsets_checked == len(quotes) and not report.notices
    # a text that no longer matches its document
    start = int(quotes["char_start"][0])
    quotes.loc[0, "text"] = "X" + quotes["text"][0][1:]
    write_table(quotes, raw / "quotes.csv")
    write_table(quotes, processed / "train.csv")
    with pytest.raises(DataError, match=rf"row 1, field 'text': differs from .*\[{start}:"):
        validate_dataset(raw, processed, shared_dir=shared)
