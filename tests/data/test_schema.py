import pandas as pd
import pytest

from stance.data.schema import COLUMNS, content_hash, validate_frame
from stance.errors import DataError
from tests.conftest import LABELS, tiny_frame


def test_valid_frame_passes_and_keeps_schema_order():
    frame = tiny_frame(1)[list(reversed(COLUMNS))]
    out = validate_frame(frame, LABELS, "quotes.csv")
    assert list(out.columns) == COLUMNS
    assert len(out) == 15


def test_missing_column_is_named():
    frame = tiny_frame(1).drop(columns=["speaker"])
    with pytest.raises(DataError, match=r"^quotes.csv: missing column 'speaker'"):
        validate_frame(frame, LABELS, "quotes.csv")


def test_empty_text_names_row_and_field():
    frame = tiny_frame(1)
    frame.loc[3, "text"] = "   "
    frame.loc[7, "text"] = ""
    with pytest.raises(DataError) as error:
        validate_frame(frame, LABELS, "quotes.csv")
    assert str(error.value) == "quotes.csv, row 4, field 'text': empty text (and 1 more rows)"


def test_unknown_label_names_row_field_and_label_set():
    frame = tiny_frame(1)
    frame.loc[5, "label"] = "pro_war"
    with pytest.raises(DataError, match=r"row 6, field 'label': unknown label 'pro_war'"):
        validate_frame(frame, LABELS, "quotes.csv")


def test_label_map_translates_raw_values():
    frame = tiny_frame(1)
    frame["label"] = frame["label"].map({"pro_aid": "0", "pro_concession": "1", "neutral": "2"})
    mapping = {"0": "pro_aid", "1": "pro_concession", "2": "neutral"}
    out = validate_frame(frame, LABELS, "x", mapping)
    assert set(out["label"]) == set(LABELS)


def test_duplicate_id_names_both_rows():
    frame = tiny_frame(1)
    frame.loc[9, "id"] = frame.loc[2, "id"]
    with pytest.raises(
        DataError, match=r"row 10, field 'id': duplicate id .*\(first seen at row 3\)"
    ):
        validate_frame(frame, LABELS, "quotes.csv")


def test_content_hash_ignores_row_order_but_not_content():
    frame = tiny_frame(1)
    shuffled = frame.sample(frac=1, random_state=0)
    assert content_hash(frame) == content_hash(shuffled)
    changed = frame.copy()
    changed.loc[0, "label"] = "neutral"
    assert content_hash(changed) != content_hash(frame)


def test_missing_optional_values_become_empty_strings():
    frame = tiny_frame(1)
    frame["speaker"] = None
    out = validate_frame(frame, LABELS, "x")
    assert (out["speaker"] == "").all()
    assert isinstance(out, pd.DataFrame)
