"""A fuzzer over `predict_file` (issue #11): random tables as CSV, JSONL and Parquet.

Property: the job either stops with one clean line naming the file, or writes exactly
the input's rows, ids and pass-through values, in order, with the labels that
`predict_frame` gives the same rows. A small profile (40 examples) and a thorough one
(1,000); both train a model and are marked slow, so `-m 'not slow'` runs neither.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance.data.io import read_table
from stance.data.schema import empty_text
from stance.errors import DataError
from stance.predict.local import PredictOptions, load_model, predict_file, predict_frame
from tests.predict import test_local

trained = test_local.trained
tiny_experiment_module = test_local.tiny_experiment_module

PREDICTED = {"label", "p_pro_aid", "p_pro_concession", "p_neutral"}
ODD = [
    *["\u2028", "\u2029", "\x85", "\n", "\r\n", "\r", '"', ",", "'", "\t", " ", "\x00"],
    *["\x1b", "\ufeff", "🙂", "👩\u200d👩\u200d👧", "مرحبا", "שלום", "\u202e", "e\u0301"],
    *["\u0308", "Ukraine", "weapons", "cede territory", "{", "}", "\\", "null", "007", "1e5"],
]
cells = st.one_of(
    st.just(""),
    st.lists(st.sampled_from(ODD), max_size=8).map("".join),
    st.text(max_size=12),
    st.lists(st.sampled_from(ODD), max_size=6).map(" ".join),
    st.sampled_from(["We must send more weapons to Ukraine now", "Ukraine should cede territory"]),
    st.integers(0, 300).map(lambda n: "long text " * n),
)
EXTRA = ["note", "label", "target", "ünï code", "a,b", 'q"uote', "p_neutral", "id2"]


@st.composite
def tables(draw) -> pd.DataFrame:
    extras = draw(st.lists(st.sampled_from(EXTRA), unique=True, max_size=3))
    columns = draw(st.permutations(["id", "text", *extras]))
    rows = draw(st.integers(0, 9))
    return pd.DataFrame(
        {c: [draw(cells) for _ in range(rows)] for c in columns}, columns=columns, dtype=object
    )


def write_csv(frame: pd.DataFrame, path: Path, draw) -> None:
    buffer = io.StringIO(newline="")
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    if ending == "\n" and frame.map(lambda cell: "\r" in cell).to_numpy().any():
        quoting = csv.QUOTE_ALL  # Python's writer quotes a bare \r only when it ends lines
    writer = csv.writer(buffer, quoting=quoting, lineterminator=ending)
    writer.writerow(frame.columns)
    writer.writerows(frame.itertuples(index=False))
    text = buffer.getvalue()
    if draw(st.booleans()):
        text = "\ufeff" + text
    path.write_bytes(text.encode("utf-8"))


def json_value(text: str, draw):
    """The cell as JSON: a string, or a number, bool or null that reads back as `text`."""
    # ASCII digits only: "²".isdigit() is True but int("²") fails, and int("٣") reads back as "3"
    if text.isascii() and text.isdigit() and not text.startswith("0") and draw(st.booleans()):
        return int(text)
    return text


def write_jsonl(frame: pd.DataFrame, path: Path, draw) -> pd.DataFrame:
    """Records with their keys shuffled, some keys left out, blank lines between; returns
    what a reader must make of them (absent keys are '')."""
    lines, expected = [], frame.copy()
    for index, row in enumerate(frame.to_dict("records")):
        keys = draw(st.permutations(list(row)))
        dropped = draw(st.sets(st.sampled_from(list(row)), max_size=1)) if row else set()
        record = {k: json_value(row[k], draw) for k in keys if k not in dropped}
        for k in dropped:
            expected.loc[index, k] = ""
        lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
        if draw(st.integers(0, 9)) == 0:
            lines.append("")
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    seen = [c for c in frame.columns if any(c in json.loads(line) for line in lines if line)]
    return expected[seen]


def write_parquet(frame: pd.DataFrame, path: Path, draw) -> None:
    pq.write_table(
        pa.table({c: pa.array(frame[c].tolist(), pa.string()) for c in frame.columns}),
        path,
        row_group_size=draw(st.integers(1, 4)),
    )


def check_one(model_uri: str, data) -> None:
    draw = data.draw
    frame = draw(tables())
    suffix = draw(st.sampled_from([".csv", ".jsonl", ".parquet"]))
    out_suffix = draw(st.sampled_from([".csv", ".jsonl", ".parquet"]))
    options = PredictOptions(
        chunk_rows=draw(st.integers(1, 5)), max_chars=draw(st.sampled_from([10_000, 30]))
    )
    mutation = (
        draw(st.sampled_from([None] * 6 + ["wide", "open quote"])) if suffix == ".csv" else None
    )
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / f"in{suffix}", Path(folder) / f"out{out_suffix}"
        expected = frame
        if suffix == ".csv":
            write_csv(frame, source, draw)
            if mutation == "wide" and len(frame):
                with open(source, "ab") as handle:
                    handle.write(("x," * len(frame.columns) + "x\n").encode())
            elif mutation == "open quote":
                with open(source, "ab") as handle:
                    handle.write(('"never closed' + ",x" * len(frame.columns) + "\n").encode())
            else:
                mutation = None
        elif suffix == ".jsonl":
            expected = write_jsonl(frame, source, draw)
        else:
            write_parquet(frame, source, draw)
        try:
            predict_file(model_uri, source, target, options, progress=False)
        except DataError as exc:
            message = str(exc)
            assert "\n" not in message and len(message) < 1000, message
            assert source.name in message or target.name in message, message
            assert not target.exists()
            clean = mutation or "text" not in expected.columns or not len(expected.columns)
            clean = clean or bool(PREDICTED & set(expected.columns))  # a clash named in one line
            assert clean, f"valid input refused: {message}"
            return
        assert mutation is None, "a malformed CSV was read"
        out = read_table(target)
        if out_suffix == ".jsonl" and not len(expected):
            assert out.shape == (0, 0)  # JSONL has no header to hold the columns
            return
        assert len(out) == len(expected)
        for column in expected.columns:
            name = f"{column}_input" if column in PREDICTED else column
            assert out[name].tolist() == expected[column].tolist(), column
        texts = expected["text"]
        ok = ~(empty_text(texts) | (texts.str.len() > options.max_chars))
        labels = out["label"].tolist()
        assert [labels[i] for i in range(len(out)) if not ok.iloc[i]] == [""] * int((~ok).sum())
        if ok.any():
            reference = predict_frame(load_model(model_uri), expected[ok.to_numpy()])
            assert [labels[i] for i in range(len(out)) if ok.iloc[i]] == reference["label"].tolist()


FUZZ = {"deadline": None, "database": None, "suppress_health_check": list(HealthCheck)}


@pytest.mark.slow
@settings(max_examples=40, **FUZZ)
@given(data=st.data())
def test_fuzzed_inputs_give_one_line_or_exactly_their_rows(trained, data):
    check_one(f"runs:/{trained['run_id']}/model", data)


@pytest.mark.slow
@settings(max_examples=1000, **FUZZ)
@given(data=st.data())
def test_fuzzed_inputs_thoroughly(trained, data):
    check_one(f"runs:/{trained['run_id']}/model", data)
