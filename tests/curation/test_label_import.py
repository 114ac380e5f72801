"""`stance label import`: checked against the pool, appended as new files only."""

from __future__ import annotations

import json

import pytest

from stance.curation.annotation import read_pass
from stance.curation.label_import import import_annotations
from stance.curation.labelstudio import spreadsheet, tasks
from stance.data.io import read_table
from stance.errors import DataError
from tests.curation.label_fakes import fake_pool, write_pool


def _export(tmp_path, pool, labels, name="export.json", edit=None):
    exported = []
    for task, label in zip(tasks(pool), labels, strict=False):
        result = [{"from_name": "label", "type": "choices", "value": {"choices": [label]}}]
        exported.append({**task, "annotations": [{"result": result}]})
    if edit:
        edit(exported)
    path = tmp_path / name
    path.write_text(json.dumps(exported), encoding="utf-8")
    return path


@pytest.fixture
def setup(tmp_path):
    pool_path = write_pool(tmp_path / "interim")
    raw = tmp_path / "raw"
    return pool_path, raw, fake_pool()


def _files(raw):
    return sorted(p.relative_to(raw) for p in raw.rglob("*.csv")) if raw.exists() else []


def test_import_appends_a_new_file_and_adds_candidates(tmp_path, setup):
    pool_path, raw, pool = setup
    candidates = tmp_path / "interim" / "candidates.parquet"
    export = _export(tmp_path, pool, ["pro_aid", "pro_concession", "neutral", "reject"])
    result = import_annotations(export, pool_path, 1, "A7", raw, candidates)
    assert result.path == raw / "annotations" / "pass1" / "batch_01.csv"
    assert result.rows == 4 and result.candidates_added == 4
    labels = read_pass(raw / "annotations" / "pass1")
    assert labels["label"].tolist() == ["pro_aid", "pro_concession", "neutral", "reject"]
    assert set(labels["annotator"]) == {"A7"}
    assert set(read_table(candidates)["id"]) == set(pool["id"][:4])
    # Pass 2 by another annotator, from the spreadsheet: a second file, the first untouched.
    before = result.path.read_bytes()
    sheet = spreadsheet(pool.iloc[:2])
    sheet["label"] = ["pro_aid", "neutral"]
    sheet.to_csv(tmp_path / "sheet.csv", index=False)
    second = import_annotations(tmp_path / "sheet.csv", pool_path, 2, "B2", raw, candidates)
    assert second.path == raw / "annotations" / "pass2" / "second_01.csv"
    assert result.path.read_bytes() == before
    # Another pass-1 annotator on other units gets the next number.
    third = import_annotations(
        _export(tmp_path, pool.iloc[4:], ["neutral"]), pool_path, 1, "A8", raw, candidates
    )
    assert third.path.name == "batch_02.csv"


def _bad_id(tasks_):
    tasks_[1]["data"]["unit_id"] = "ungdc:NOPE#1"


def _bad_offset(tasks_):
    tasks_[2]["data"]["char_end"] += 3


def _bad_text(tasks_):
    tasks_[0]["data"]["text"] = "Something else."


def _duplicate(tasks_):
    tasks_.append(json.loads(json.dumps(tasks_[0])))


@pytest.mark.parametrize(
    ("labels", "edit", "message"),
    [
        (["pro_aid", "neutral"], _bad_id, r"row 2, field 'id': unknown id 'ungdc:NOPE#1'"),
        (["pro_aid", "maybe"], None, r"row 2, field 'label': unknown label 'maybe'"),
        (["pro_aid", ""], None, r"row 2, field 'label': missing label"),
        (["neutral"] * 3, _bad_offset, r"row 3, field 'char_end': .* do not reproduce the text"),
        (["neutral"], _bad_text, r"row 1, field 'text': differs from the pool unit"),
        (["neutral"], _duplicate, r"row 2, field 'id': .* is also in row 1"),
    ],
)
def test_bad_exports_name_file_row_and_field_and_append_nothing(setup, tmp_path, labels, edit,
                                                                message):  # fmt: skip
    pool_path, raw, pool = setup
    export = _export(tmp_path, pool, labels, edit=edit)
    with pytest.raises(DataError, match=rf"^{tmp_path}/export.json, {message}"):
        import_annotations(export, pool_path, 1, "A1", raw)
    assert _files(raw) == []


def test_existing_annotator_and_pass_or_relabelled_ids_are_refused(setup, tmp_path):
    pool_path, raw, pool = setup
    import_annotations(_export(tmp_path, pool.iloc[:2], ["neutral"] * 2), pool_path, 1, "A1", raw)
    files = _files(raw)
    again = _export(tmp_path, pool.iloc[2:4], ["neutral"] * 2, name="again.json")
    with pytest.raises(DataError, match=r"again.json, row 1, field 'annotator': annotator 'A1'"):
        import_annotations(again, pool_path, 1, "A1", raw)
    same_ids = _export(tmp_path, pool.iloc[:2], ["neutral"] * 2, name="same.json")
    with pytest.raises(DataError, match=r"same.json, row 1, field 'id': .* already labelled"):
        import_annotations(same_ids, pool_path, 1, "A2", raw)
    assert _files(raw) == files


def test_bad_pass_and_annotator(setup, tmp_path):
    pool_path, raw, pool = setup
    export = _export(tmp_path, pool.iloc[:1], ["neutral"])
    with pytest.raises(DataError, match="--pass must be 1 or 2"):
        import_annotations(export, pool_path, 3, "A1", raw)
    with pytest.raises(DataError, match="--annotator"):
        import_annotations(export, pool_path, 1, "A 1/..", raw)
