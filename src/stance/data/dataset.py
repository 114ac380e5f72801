"""The labelled quote dataset (`data/`): its columns, labels and row checks.

`data/raw/quotes.csv` holds one row per labelled unit: the canonical schema, where the
unit comes from (`doc_id`, `link`, `char_start`, `char_end`, `speaker_country`) and how
it was annotated (`annotator`, `second_label`, `adjudicated`, `annotation_note`).
`text == document.text[char_start:char_end]` for the document text as the loaders in
`stance.extract.documents` produce it. The splits in `data/processed/` have the same
columns.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from stance.data.io import read_table
from stance.data.schema import COLUMNS, _first_bad, _more, check_columns, validate_frame
from stance.errors import DataError

LABELS = ("pro_aid", "pro_concession", "neutral")
NEUTRAL = "neutral"
TARGET = "ukraine_war_end"
SOURCES = (
    "kremlin", "zelenskyy", "ungdc", "whitehouse", "mfa", "congress_press", "congress_record",
    "article",
)  # fmt: skip
EXTRA_COLUMNS = [
    "doc_id", "link", "char_start", "char_end", "speaker_country", "speaker_group", "found_by",
]  # fmt: skip
ANNOTATION_COLUMNS = ["annotator", "second_label", "adjudicated", "annotation_note"]
DATASET_COLUMNS = [*COLUMNS, *EXTRA_COLUMNS, *ANNOTATION_COLUMNS]
SPLITS = ("train", "validation", "test", "test_speaker")
QUOTES_FILE = "quotes.csv"
MAX_PER_DOC = 10
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def speaker_key(name: str) -> str:
    """One key per person across spellings of case and accents ('Nausėda' = 'Nauseda')."""
    folded = unicodedata.normalize("NFKD", str(name))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z]+", " ", folded.lower()).strip()


def _fail(frame: pd.DataFrame, mask: pd.Series, where: str, field: str, problem) -> None:
    if mask.any():
        position, count = _first_bad(mask)
        value = frame[field].iloc[position]
        raise DataError(
            f"{where}, row {position + 1}, field {field!r}: {problem(value)}{_more(count)}"
        )


def check_dataset(frame: pd.DataFrame, where: str) -> pd.DataFrame:
    """Check a quotes table (raw or a split); return it with every column as text.

    Raises DataError naming the file, row (1-based, header excluded) and field.
    """
    validate_frame(frame, LABELS, where)
    check_columns(frame, DATASET_COLUMNS, where)
    frame = frame[DATASET_COLUMNS].fillna("").astype(str).reset_index(drop=True)
    for field in ("speaker", "source", "date", "target", "doc_id"):
        _fail(frame, frame[field].str.strip() == "", where, field, lambda v: "empty value")
    sources = ", ".join(SOURCES)
    labels = ", ".join(LABELS)
    checks = [
        ("target", frame["target"] != TARGET, lambda v: f"{v!r}, expected {TARGET!r}"),
        ("source", ~frame["source"].isin(SOURCES),
         lambda v: f"unknown source {v!r} (expected one of: {sources})"),
        ("date", ~frame["date"].str.match(_DATE), lambda v: f"date {v!r} is not YYYY-MM-DD"),
        ("char_start", ~frame["char_start"].str.fullmatch(r"\d+"),
         lambda v: f"{v!r} is not a non-negative integer"),
        ("char_end", ~frame["char_end"].str.fullmatch(r"\d+"),
         lambda v: f"{v!r} is not a non-negative integer"),
    ]  # fmt: skip
    for field, mask, problem in checks:
        _fail(frame, mask, where, field, problem)
    start = frame["char_start"].astype(int)
    end = frame["char_end"].astype(int)
    # The per-document cap holds for `neutral`; stance units were sought on purpose (v2).
    neutral = frame["label"] == NEUTRAL
    per_doc = neutral.groupby(frame["doc_id"]).transform("sum").where(neutral, 0)
    checks = [
        ("char_end", end - start != frame["text"].str.len(),
         lambda v: "char_end - char_start differs from the length of text"),
        ("id", frame["id"] != frame["doc_id"] + "#" + frame["char_start"],
         lambda v: f"id {v!r} is not '<doc_id>#<char_start>'"),
        ("adjudicated", ~frame["adjudicated"].str.lower().isin(["true", "false"]),
         lambda v: f"{v!r} is not true/false"),
        ("second_label", ~frame["second_label"].isin(["", *LABELS]),
         lambda v: f"unknown label {v!r} (expected empty or one of: {labels})"),
        ("doc_id", per_doc > MAX_PER_DOC,
         lambda v: f"document {v!r} has more than {MAX_PER_DOC} neutral units"),
    ]  # fmt: skip
    for field, mask, problem in checks:
        _fail(frame, mask, where, field, problem)
    return frame


def read_dataset(path: str | Path) -> pd.DataFrame:
    """Read and check a quotes table."""
    path = Path(path)
    return check_dataset(read_table(path), str(path))
