"""Annotation passes, Cohen's kappa, adjudication and the assembled quotes.csv."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from stance.curation.annotation import (
    agreement,
    agreement_report,
    assemble_quotes,
    build_quotes,
    read_adjudication,
    read_pass,
)
from stance.data.dataset import DATASET_COLUMNS, read_dataset
from stance.data.io import write_table
from stance.errors import DataError
from tests.curation.fakes import fake_quotes


def _candidates(n: int = 12) -> pd.DataFrame:
    quotes = fake_quotes(docs=n // 2, per_doc=2)
    annotation = ("label", "annotator", "second_label", "adjudicated", "annotation_note")
    extra = [c for c in DATASET_COLUMNS if c not in annotation]
    return quotes[extra].assign(context=lambda f: "… [[" + f["text"] + "]] …")


def _labels(ids, labels, annotator="ann1", note=""):
    return pd.DataFrame({"id": list(ids), "label": labels, "annotator": annotator, "note": note})


@pytest.fixture()
def raw(tmp_path):
    cands = _candidates()
    ids = cands["id"].tolist()
    folder = tmp_path / "raw" / "annotations"
    p1 = ["pro_aid", "pro_concession", "neutral", "reject"] * 3
    write_table(_labels(ids[:6], p1[:6]), folder / "pass1" / "batch_01.csv")
    write_table(_labels(ids[6:], p1[6:]), folder / "pass1" / "batch_02.csv")
    p2 = ["pro_aid", "neutral", "neutral", "reject"]  # disagrees on ids[1]
    write_table(_labels(ids[:4], p2, "ann2", "hm"), folder / "pass2" / "second_01.csv")
    write_table(cands, tmp_path / "candidates.parquet")
    return tmp_path / "raw", tmp_path / "candidates.parquet", ids


def test_read_pass_concatenates_batches(raw):
    folder, _, ids = raw
    table = read_pass(folder / "annotations" / "pass1")
    assert table["id"].tolist() == ids
    assert set(table["file"]) == {"batch_01.csv", "batch_02.csv"}
    assert read_pass(folder / "annotations" / "nothing").empty


def test_unknown_label_names_file_row_field(tmp_path):
    write_table(_labels(["a", "b"], ["pro_aid", "pro-aid"]), tmp_path / "p" / "batch_01.csv")
    with pytest.raises(DataError, match=r"batch_01.csv, row 2, field 'label': unknown label"):
        read_pass(tmp_path / "p")


def test_missing_label(tmp_path):
    write_table(_labels(["a"], [""]), tmp_path / "p" / "batch_01.csv")
    with pytest.raises(DataError, match="row 1, field 'label': missing label"):
        read_pass(tmp_path / "p")


def test_id_in_two_batches(tmp_path):
    write_table(_labels(["a"], ["neutral"]), tmp_path / "p" / "batch_01.csv")
    write_table(_labels(["a"], ["neutral"]), tmp_path / "p" / "batch_02.csv")
    with pytest.raises(DataError, match=r"already labelled in batch_01\.csv"):
        read_pass(tmp_path / "p")


def test_missing_columns(tmp_path):
    write_table(pd.DataFrame({"id": ["a"], "label": ["neutral"]}), tmp_path / "p" / "b.csv")
    with pytest.raises(DataError, match="missing column 'annotator'"):
        read_pass(tmp_path / "p")


def test_agreement_kappa_and_disagreements(raw):
    folder, cands, ids = raw
    result = agreement_report(folder, cands, folder.parent / "interim" / "disagreements.csv")
    expected = cohen_kappa_score(
        ["pro_aid", "pro_concession", "neutral", "reject"],
        ["pro_aid", "neutral", "neutral", "reject"],
    )
    assert result.overlap == 4 and result.kappa == pytest.approx(expected)
    assert result.observed == pytest.approx(0.75)
    assert result.disagreements["id"].tolist() == [ids[1]]
    assert {"text", "context", "label", "note"} <= set(result.disagreements.columns)
    assert (folder.parent / "interim" / "disagreements.csv").is_file()
    assert result.summary()["confusion"]["pro_concession"]["neutral"] == 1


def test_agreement_without_overlap():
    result = agreement(_labels(["a"], ["neutral"]), _labels(["b"], ["neutral"]))
    assert result.overlap == 0 and result.kappa is None


def test_assembly_requires_adjudication(raw):
    folder, cands, _ = raw
    with pytest.raises(DataError, match=r"add it to annotations/adjudication\.csv"):
        build_quotes(cands, folder)


def test_assembled_quotes(raw):
    folder, cands, ids = raw
    adjudication = pd.DataFrame(
        {"id": [ids[1], ids[2]], "label": ["pro_concession", "pro_aid"], "note": ["ok", "reread"]}
    )
    write_table(adjudication, folder / "annotations" / "adjudication.csv")
    counts = build_quotes(cands, folder)
    quotes = read_dataset(folder / "quotes.csv")
    assert counts == {"candidates": 12, "pass1": 12, "rejected": 3, "adjudicated": 2,
                      "double_annotated": 4, "neutral_over_cap": 0, "units": 9}  # fmt: skip
    assert list(quotes.columns) == DATASET_COLUMNS
    row = quotes.set_index("id")
    assert row.loc[ids[1], "label"] == "pro_concession"
    assert row.loc[ids[1], "second_label"] == "neutral"
    assert row.loc[ids[1], "adjudicated"] == "true"
    assert "adjudication: ok" in row.loc[ids[1], "annotation_note"]
    assert row.loc[ids[2], "label"] == "pro_aid"  # an adjudication may overrule pass 1 alone
    assert row.loc[ids[0], "adjudicated"] == "false" and row.loc[ids[0], "annotator"] == "ann1"
    assert ids[3] not in row.index  # rejected by both passes
    assert row.loc[ids[4], "second_label"] == ""


def test_unknown_id_in_annotations(raw):
    folder, cands, _ = raw
    write_table(_labels(["nope#1"], ["neutral"]), folder / "annotations" / "pass1" / "batch_03.csv")
    with pytest.raises(DataError, match="'nope#1' is not a candidate"):
        build_quotes(cands, folder)


def test_no_pass1(tmp_path):
    write_table(_candidates(), tmp_path / "c.parquet")
    with pytest.raises(DataError, match="no pass-1 annotations"):
        build_quotes(tmp_path / "c.parquet", tmp_path / "raw")


def test_assemble_quotes_directly():
    cands = _candidates(4)
    ids = cands["id"].tolist()
    frame, counts = assemble_quotes(
        cands, _labels(ids, ["neutral"] * 4), _labels([], []), read_adjudication("/nonexistent")
    )
    assert counts["units"] == 4 and set(frame["label"]) == {"neutral"}


def test_per_class_agreement_counts_either_and_both():
    first = _labels(list("abcdef"), ["pro_concession", "pro_concession", "neutral", "neutral",
                                     "pro_aid", "neutral"])  # fmt: skip
    second = _labels(list("abcdef"), ["pro_concession", "neutral", "pro_concession", "neutral",
                                      "pro_aid", "neutral"])  # fmt: skip
    result = agreement(first, second)
    rare = result.per_class["pro_concession"]
    assert (rare["either_pass"], rare["both_passes"], rare["pass1"], rare["pass2"]) == (3, 1, 2, 2)
    a = [1, 1, 0, 0, 0, 0]
    b = [1, 0, 1, 0, 0, 0]
    assert rare["binary_kappa"] == pytest.approx(cohen_kappa_score(a, b), abs=1e-4)
    assert rare["specific_agreement"] == pytest.approx(0.5)
    assert result.per_class["pro_aid"]["binary_kappa"] == 1.0
    assert result.per_class["reject"]["binary_kappa"] is None  # nobody used it
    assert result.summary()["per_class"]["pro_concession"]["both_passes"] == 1


def test_later_adjudication_file_overrules_earlier(tmp_path):
    folder = tmp_path / "annotations"
    write_table(pd.DataFrame({"id": ["a", "b"], "label": ["neutral", "pro_aid"], "note": ""}),
                folder / "adjudication.csv")  # fmt: skip
    write_table(pd.DataFrame({"id": ["a"], "label": ["pro_concession"], "note": "re-read"}),
                folder / "adjudication_v2.csv")  # fmt: skip
    table = read_adjudication(folder / "adjudication.csv").set_index("id")
    assert table.loc["a", "label"] == "pro_concession" and table.loc["b", "label"] == "pro_aid"
    write_table(pd.DataFrame({"id": ["c", "c"], "label": ["neutral"] * 2, "note": ""}),
                folder / "adjudication_v3.csv")  # fmt: skip
    with pytest.raises(
        DataError, match=r"adjudication_v3.csv, row 2, field 'id': duplicate id 'c'"
    ):
        read_adjudication(folder / "adjudication.csv")


def test_reread_that_differs_must_be_adjudicated():
    cands = _candidates(4)
    ids = cands["id"].tolist()
    reread = _labels(ids[:1], ["pro_aid"], "reader")
    args = (cands, _labels(ids, ["neutral"] * 4), _labels([], []))
    with pytest.raises(DataError, match="the re-read says 'pro_aid'"):
        assemble_quotes(*args, read_adjudication("/nonexistent"), reread)
    adjudication = pd.DataFrame({"id": ids[:1], "label": ["pro_aid"], "note": ["re-read"]})
    frame, _ = assemble_quotes(*args, adjudication, reread)
    assert frame.set_index("id").loc[ids[0], "label"] == "pro_aid"


def test_neutral_units_beyond_the_cap_are_left_out_stance_units_kept():
    cands = _candidates(2).iloc[:1]
    rows = [cands.assign(id=f"{cands['doc_id'].iloc[0]}#{i}", char_start=i, char_end=i + 5,
                         text="x" * 5, found_by="mined") for i in range(14)]  # fmt: skip
    cands = pd.concat(rows, ignore_index=True)
    ids = cands["id"].tolist()
    labels = ["neutral"] * 12 + ["pro_concession"] * 2
    frame, counts = assemble_quotes(
        cands, _labels(ids, labels), _labels([], []), read_adjudication("/nonexistent")
    )
    assert counts["neutral_over_cap"] == 2
    assert (frame["label"] == "neutral").sum() == 10
    assert (frame["label"] == "pro_concession").sum() == 2
