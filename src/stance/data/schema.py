"""The canonical quote schema and its validation.

Every dataset becomes a DataFrame with the columns in `COLUMNS`, all strings.
`speaker`, `source`, `date` and `target` may be empty (benchmark tweets have no
speaker); `id`, `text` and `label` may not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd

from stance.errors import DataError

COLUMNS = ["id", "text", "speaker", "source", "date", "target", "label"]
NON_EMPTY = ["id", "text", "label"]


def _first_bad(mask: pd.Series) -> tuple[int, int]:
    """Position of the first True in `mask` and how many there are."""
    positions = mask.to_numpy().nonzero()[0]
    return int(positions[0]), len(positions)


def _more(count: int) -> str:
    return f" (and {count - 1} more rows)" if count > 1 else ""


def check_columns(frame: pd.DataFrame, required: Sequence[str], where: str) -> None:
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise DataError(
            f"{where}: missing column {missing[0]!r} "
            f"(found columns: {', '.join(map(str, frame.columns)) or 'none'})"
        )


def empty_text(texts: pd.Series) -> pd.Series:
    """Which texts are missing, empty or only whitespace."""
    return texts.isna() | (texts.astype(str).str.strip() == "")


def check_text(texts: pd.Series, where: str, field: str = "text", first_row: int = 1) -> None:
    """Raise on the first empty or missing text, naming its row (1-based, header excluded)."""
    empty = empty_text(texts)
    if empty.any():
        position, count = _first_bad(empty)
        row = first_row + position
        raise DataError(f"{where}, row {row}, field {field!r}: empty text{_more(count)}")


def validate_frame(
    frame: pd.DataFrame,
    labels: Sequence[str],
    where: str,
    label_map: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Check a dataset against the schema and return it normalised.

    Rows are numbered from 1, not counting a header line. Raises DataError naming
    the file, row and field of the first problem.
    """
    check_columns(frame, COLUMNS, where)
    frame = frame[COLUMNS].fillna("").astype(str).reset_index(drop=True)
    for field in NON_EMPTY:
        check_text(frame[field], where, field)
    if label_map:
        frame["label"] = frame["label"].map(lambda value: label_map.get(value, value))
    unknown = ~frame["label"].isin(list(labels))
    if unknown.any():
        position, count = _first_bad(unknown)
        value = frame["label"].iloc[position]
        raise DataError(
            f"{where}, row {position + 1}, field 'label': unknown label {value!r} "
            f"(expected one of: {', '.join(labels)}){_more(count)}"
        )
    duplicated = frame["id"].duplicated()
    if duplicated.any():
        position, count = _first_bad(duplicated)
        value = frame["id"].iloc[position]
        first = int((frame["id"] == value).to_numpy().nonzero()[0][0])
        raise DataError(
            f"{where}, row {position + 1}, field 'id': duplicate id {value!r} "
            f"(first seen at row {first + 1}){_more(count)}"
        )
    return frame


def check_unique_ids(splits: dict[str, pd.DataFrame], where: str) -> None:
    """No id may appear in two splits."""
    seen: dict[str, str] = {}
    for name, frame in splits.items():
        for value in frame["id"]:
            if value in seen and seen[value] != name:
                raise DataError(f"{where}: id {value!r} is in both {seen[value]!r} and {name!r}")
            seen[value] = name


def content_hash(frame: pd.DataFrame, columns: Sequence[str] = ("id", "text", "target", "label")):
    """SHA-256 of the rows, independent of row order, so equal sets hash equal."""
    present = [column for column in columns if column in frame.columns]
    rows = frame[present].astype(str).agg("\x1f".join, axis=1).sort_values()
    digest = hashlib.sha256()
    for row in rows:
        digest.update(row.encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()
