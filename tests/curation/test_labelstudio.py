"""Label Studio tasks, the spreadsheet CSV, and reading exports back."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from stance.curation.labelstudio import (
    config_path,
    context_html,
    read_export,
    spreadsheet,
    tasks,
    write_exports,
)
from stance.data.dataset import LABELS
from stance.errors import DataError
from tests.curation.label_fakes import fake_pool


def test_tasks_carry_what_the_config_shows(tmp_path):
    pool = fake_pool(3)
    out = tasks(pool)
    assert len(out) == 3
    data = out[0]["data"]
    assert data["unit_id"] == pool["id"][0] and data["text"] == pool["text"][0]
    assert data["char_start"] == int(pool["char_start"][0])
    assert "<mark>" + pool["text"][0] + "</mark>" in data["context_html"]
    assert "&lt;angle&gt; &amp; ampersand" in data["context_html"]
    files = write_exports(pool, tmp_path)
    assert json.loads(files["labelstudio"].read_text(encoding="utf-8")) == out
    config = config_path().read_text(encoding="utf-8")
    variables = {"$" + key for key in data}
    used = {word.strip('"') for word in config.split() if '"$' in word}
    assert {u.split("=", 1)[1].strip('"/>') for u in used} <= variables


def test_shipped_config_has_the_labels_with_definitions():
    root = ET.parse(config_path()).getroot()
    choices = {c.get("value"): c.get("html") for c in root.iter("Choice")}
    assert set(LABELS) <= set(choices)
    assert all(choices[label] and ":" in choices[label] for label in LABELS)
    assert {"Text", "HyperText", "Choices", "TextArea"} <= {e.tag for e in root.iter()}


def test_context_html_marks_the_quote_and_escapes():
    assert context_html("a<b\n", "q&", " c") == "a&lt;b<br/><mark>q&amp;</mark> c"


def _annotated(pool, labels, note="hard call"):
    exported = []
    for task, label in zip(tasks(pool), labels, strict=False):
        result = [
            {
                "from_name": "label",
                "to_name": "quote",
                "type": "choices",
                "value": {"choices": [label]},
            },
            {
                "from_name": "note",
                "to_name": "quote",
                "type": "textarea",
                "value": {"text": [note]},
            },
        ]
        exported.append({**task, "id": 1, "annotations": [{"result": result}]})
    return exported


def test_read_full_json_min_json_and_csv(tmp_path):
    pool = fake_pool(3)
    full = tmp_path / "full.json"
    export = _annotated(pool, ["pro_aid", "neutral"])
    export.append({**tasks(pool)[2], "annotations": []})  # not done: left out
    full.write_text(json.dumps(export), encoding="utf-8")
    frame = read_export(full)
    assert frame["id"].tolist() == pool["id"][:2].tolist()
    assert frame["label"].tolist() == ["pro_aid", "neutral"]
    assert frame["note"].tolist() == ["hard call", "hard call"]
    assert frame["row"].tolist() == [1, 2]

    minimal = tmp_path / "min.json"
    rows = [{**t["data"], "label": "pro_concession", "note": ""} for t in tasks(pool)]
    minimal.write_text(json.dumps(rows), encoding="utf-8")
    assert read_export(minimal)["label"].tolist() == ["pro_concession"] * 3

    sheet = spreadsheet(pool)
    sheet.loc[0, "label"] = "neutral"
    sheet.to_csv(tmp_path / "sheet.csv", index=False)
    back = read_export(tmp_path / "sheet.csv")
    assert back["id"].tolist() == [pool["id"][0]] and back["row"].tolist() == [1]


def test_two_annotations_on_a_task_are_refused(tmp_path):
    pool = fake_pool(1)
    export = _annotated(pool, ["pro_aid"])
    export[0]["annotations"] *= 2
    path = tmp_path / "e.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    with pytest.raises(DataError, match=r"e.json, row 1, field 'annotations': 2 annotations"):
        read_export(path)
