"""Reading and writing tables (CSV, JSONL, Parquet), chosen by file extension.

Readers keep every value as text and fail with one line naming the file and
the row. Writers write to a temporary file next to the target and rename it only
when the caller commits, so a failure never leaves a file that looks complete.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from stance.errors import DataError

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def table_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise DataError(f"{path}: unknown table format {suffix or '(none)'!r} (use one of {known})")
    return FORMATS[suffix]


def read_text(path: str | Path, encoding: str = "utf-8", header_lines: int = 0) -> str:
    """A whole text file; undecodable bytes raise one line naming the file and row
    (rows counted after `header_lines` header lines)."""
    path = Path(path)
    require_file(path)
    raw = path.read_bytes()
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        row = line - header_lines
        bad = raw[exc.start : exc.start + 1].hex()
        raise DataError(
            f"{path}, row {row} (line {line}): bytes are not valid {encoding} "
            f"(0x{bad} at byte {exc.start}); re-encode the file as UTF-8 or set data.encoding"
        ) from None


def require_file(path: Path) -> None:
    """One error for a missing input, whichever reader or command meets it first."""
    if not path.is_file():
        raise DataError(f"file not found: {path}")


def _jsonl_frame(text: str, path: Path, first_row: int = 1) -> pd.DataFrame:
    records = []
    for offset, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}, row {first_row + offset}: invalid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise DataError(f"{path}, row {first_row + offset}: expected a JSON object")
        records.append(record)
    return pd.DataFrame.from_records(records)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text; missing values become empty strings."""
    return frame.astype(object).where(frame.notna(), "").astype(str)


def read_table(path: str | Path, encoding: str = "utf-8") -> pd.DataFrame:
    """Read a whole CSV/JSONL/Parquet file with every value as text."""
    path = Path(path)
    kind = table_format(path)
    require_file(path)
    if kind == "parquet":
        try:
            return _as_text(pq.read_table(path).to_pandas())
        except pa.ArrowInvalid as exc:
            raise DataError(f"{path}: not a readable Parquet file ({exc})") from None
    text = read_text(path, encoding, header_lines=1 if kind == "csv" else 0)
    if kind == "jsonl":
        return _as_text(_jsonl_frame(text, path))
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise DataError(f"{path}: malformed CSV ({str(exc).strip()})") from None
    return _as_text(frame)


def iter_table(
    path: str | Path, chunk_rows: int, encoding: str = "utf-8"
) -> Iterator[pd.DataFrame]:
    """Stream a table in chunks of at most `chunk_rows` rows, values as text."""
    path = Path(path)
    kind = table_format(path)
    require_file(path)
    if kind == "parquet":
        for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_rows):
            yield _as_text(batch.to_pandas())
        return
    first_row = 1
    try:
        if kind == "csv":
            done = 0
            try:
                for chunk in _iter_csv_arrow(path, chunk_rows, encoding):
                    yield chunk
                    done += len(chunk)
            except (pa.ArrowInvalid, UnicodeDecodeError):
                pass  # pandas reads it again below, to name the bad row or read what Arrow can't
            else:
                return
            reader = pd.read_csv(
                path, dtype=str, keep_default_na=False, chunksize=chunk_rows, encoding=encoding
            )
            for chunk in reader:
                if first_row > done:
                    yield _as_text(chunk)
                first_row += len(chunk)
        else:
            with open(path, encoding=encoding) as handle:
                lines: list[str] = []
                for line in handle:
                    lines.append(line)
                    if len(lines) == chunk_rows:
                        yield _as_text(_jsonl_frame("".join(lines), path, first_row))
                        first_row += len(lines)
                        lines = []
                if lines:
                    yield _as_text(_jsonl_frame("".join(lines), path, first_row))
    except UnicodeDecodeError:
        raise DataError(
            f"{path}, near row {first_row}: bytes are not valid {encoding}; "
            "re-encode the file as UTF-8"
        ) from None
    except pd.errors.ParserError as exc:
        raise DataError(f"{path}, near row {first_row}: malformed CSV ({exc})") from None


def _iter_csv_arrow(path: Path, chunk_rows: int, encoding: str) -> Iterator[pd.DataFrame]:
    """Arrow's streaming CSV reader (3x pandas), re-cut into chunks of exactly `chunk_rows`
    rows so that chunk boundaries match pandas' and resume points stay stable. Blocks are
    small because Arrow reads many of them ahead: 16 MiB blocks held ~0.5 GiB."""
    with open(path, encoding=encoding, newline="") as handle:
        header = next(csv.reader(handle), [])
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(block_size=1 << 20, encoding=encoding),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False
        ),
    )
    pending: list[pa.RecordBatch] = []
    rows = 0
    for batch in reader:
        pending.append(batch)
        rows += batch.num_rows
        while rows >= chunk_rows:
            table = pa.Table.from_batches(pending)
            yield table.slice(0, chunk_rows).to_pandas()  # strings, never null
            rest = table.slice(chunk_rows)
            pending, rows = rest.to_batches(), rest.num_rows
    if rows:
        yield pa.Table.from_batches(pending).to_pandas()


def estimate_rows(path: str | Path) -> int | None:
    """Row count for a progress bar: exact for Parquet (metadata) and JSONL (lines),
    an upper bound for CSV (lines, since quoted fields may span lines)."""
    path = Path(path)
    if table_format(path) == "parquet":
        return pq.ParquetFile(path).metadata.num_rows
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(1 << 22):
            lines += block.count(b"\n")
            last = block[-1:]
    lines += last != b"\n"
    return max(lines - (table_format(path) == "csv"), 0)


class AtomicTableWriter:
    """Append chunks to a temporary file; `commit()` renames it into place.

    Used as a context manager, any exception (or Ctrl-C) removes the temporary
    file and leaves no output behind.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.kind = table_format(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp_path = self.path.with_name(f".{self.path.name}.partial-{os.getpid()}")
        self._parquet: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None
        self._handle = None
        self.rows = 0

    def write(self, frame: pd.DataFrame) -> None:
        if self.kind == "parquet":
            table = pa.Table.from_pandas(frame, preserve_index=False, schema=self._schema)
            if self._parquet is None:
                self._schema = table.schema
                self._parquet = pq.ParquetWriter(self.tmp_path, self._schema)
            self._parquet.write_table(table)
        else:
            if self._handle is None:
                self._handle = open(self.tmp_path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            if self.kind == "csv":
                frame.to_csv(self._handle, index=False, header=self.rows == 0)
            else:
                lines = frame.to_json(orient="records", lines=True, force_ascii=False)
                if lines and not lines.endswith("\n"):
                    lines += "\n"
                self._handle.write(lines)
        self.rows += len(frame)

    def _close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._handle is not None:
            self._handle.close()

    def commit(self) -> Path:
        self._close()
        if self.rows == 0 and not self.tmp_path.exists():
            self.tmp_path.write_text("", encoding="utf-8")
        os.replace(self.tmp_path, self.path)
        return self.path

    def abort(self) -> None:
        self._close()
        self.tmp_path.unlink(missing_ok=True)

    def __enter__(self) -> AtomicTableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()
        elif self.tmp_path.exists() or self.rows == 0:
            self.commit()


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a whole table atomically."""
    with AtomicTableWriter(path) as writer:
        writer.write(frame)
    return Path(path)
