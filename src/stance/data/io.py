"""Reading and writing tables (CSV, JSONL, Parquet), chosen by file extension.

Readers keep every value as text and fail with one line naming the file and
the row. Nothing is guessed: a CSV row with more fields than the header, a quote
that is never closed, a duplicate column or key, a file that is not what its
extension says are errors, never a silent shift of columns. JSON values keep
their JSON spelling (`007`, `true`, `9007199254740993`, objects as JSON text),
and JSONL records are matched to columns by key, whatever their order.

Writers write to a temporary file, created exclusively in the target's folder,
and rename it only when the caller commits, so a failure never leaves a file that
looks complete. `remove_stale_temporaries` removes those that killed processes left.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from stance import processes
from stance.errors import DataError, first_line

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
# Appended after a CSV file: a quote left open swallows it, which is how an unclosed
# quote is found (Arrow and Python's csv both read to the end of the file instead).
_CSV_END = "\ue000stance-end-of-file\ue000"
_FIELD_LIMIT = 2**31 - 1  # Python's csv stops at 128 KiB fields by default


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
    if path.is_dir():
        raise DataError(f"{path}: is a folder, not a table file")
    if not path.is_file():
        raise DataError(f"file not found: {path}")


def check_names(names: Iterable[str], where: str) -> None:
    """Column names must be unique: a duplicate would shadow the other column."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DataError(f"{where}: duplicate column {name!r}")
        seen.add(name)


# ---------------------------------------------------------------- JSON values


class _JsonFloat(float):
    """A JSON number with a fraction or exponent, remembering how the file spelled it."""

    literal: str

    def __new__(cls, literal: str) -> _JsonFloat:
        number = super().__new__(cls, literal)
        number.literal = literal
        return number


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return record


def json_text(value: object) -> str:
    """A JSON value as text, never through a float: numbers as spelled, true/false,
    null as '', objects and arrays as JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _JsonFloat):
        return value.literal
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _json_record(line: str, where: str) -> dict[str, str]:
    try:
        record = json.loads(line, object_pairs_hook=_unique_keys, parse_float=_JsonFloat)
    except _DuplicateKey as exc:
        raise DataError(f"{where}: duplicate key {exc.args[0]!r}") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{where}: invalid JSON ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise DataError(f"{where}: unreadable JSON ({first_line(exc)})") from None
    if not isinstance(record, dict):
        raise DataError(f"{where}: expected a JSON object")
    return {key: json_text(value) for key, value in record.items()}


def _jsonl_chunk(
    lines: list[bytes], path: Path, first_row: int, encoding: str, columns: dict[str, None]
) -> pd.DataFrame:
    """Records of `lines` (row `first_row` first) as a frame whose columns are every key
    seen so far in the file, in order of first appearance; absent keys are ''."""
    records = []
    for offset, raw in enumerate(lines):
        where = f"{path}, row {first_row + offset}"
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError:
            raise DataError(
                f"{where}: bytes are not valid {encoding}; re-encode the file as UTF-8"
            ) from None
        if first_row + offset == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        record = _json_record(line, where)
        for key in record:
            if key not in columns:
                columns[key] = None
        records.append(record)
    return pd.DataFrame(
        {key: [record.get(key, "") for record in records] for key in columns}, dtype=object
    )


def _iter_jsonl(path: Path, chunk_rows: int, encoding: str) -> Iterator[pd.DataFrame]:
    """Lines split on '\\n' only: U+2028, U+2029 and U+0085 are text inside JSON strings."""
    columns: dict[str, None] = {}
    first_row, found = 1, False
    with open(path, "rb") as handle:
        while lines := list(itertools.islice(handle, chunk_rows)):
            chunk = _jsonl_chunk(lines, path, first_row, encoding, columns)
            first_row += len(lines)
            if len(chunk):  # a stretch of blank lines is no chunk
                found = True
                yield chunk
    if not found:  # no columns either: a reader that needs one says so
        yield pd.DataFrame()


# ---------------------------------------------------------------- CSV


def _text_encoding(encoding: str) -> str:
    """UTF-8 files may start with a byte-order mark; it is not part of the first column name."""
    return "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding


def _decoded_lines(handle, path: Path, encoding: str, position: list[int]) -> Iterator[str]:
    """Lines of a binary file, decoded one by one so that bad bytes name their line."""
    decoder = _text_encoding(encoding)
    for number, raw in enumerate(handle, 1):
        try:
            line = raw.decode(decoder if number == 1 else encoding)
        except UnicodeDecodeError as exc:
            bad = raw[exc.start : exc.start + 1].hex()
            raise DataError(
                f"{path}, row {position[0]} (line {number}): bytes are not valid {encoding} "
                f"(0x{bad}); re-encode the file as UTF-8"
            ) from None
        yield line


def _csv_records(path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(row, fields) of every data row after the header, by Python's csv module.

    Blank lines are no rows (as in Arrow and pandas). Rows with more fields than the
    header and a quote that is never closed raise, naming the row and its line."""
    csv.field_size_limit(_FIELD_LIMIT)
    if path.stat().st_size == 0:
        raise DataError(f"{path}: empty file (no header row)")
    position = [0]  # the data row being read, for decoding errors
    with open(path, "rb") as handle:
        lines = itertools.chain(
            _decoded_lines(handle, path, encoding, position), ["\n", _CSV_END + "\n"]
        )
        reader = csv.reader(lines)
        line = 1
        try:
            header = next(reader, None)
            if not header or header == [_CSV_END]:
                raise DataError(f"{path}, line 1: the header row is empty")
            check_names(header, f"{path}, header")
            width = len(header)
            yield 0, header
            line = reader.line_num + 1
            row = 0
            for record in reader:
                if record == [_CSV_END]:
                    return
                if record and _CSV_END in record[-1]:
                    raise DataError(
                        f"{path}, row {row + 1} (line {line}): a quoted field opens here and "
                        'is never closed (a " without its closing ")'
                    )
                if record:
                    row += 1
                    position[0] = row + 1
                    if len(record) > width:
                        raise DataError(
                            f"{path}, row {row} (line {line}): {len(record)} fields, but the "
                            f"header has {width} ({', '.join(map(repr, header))})"
                        )
                    if len(record) < width:  # missing trailing fields are empty, as in pandas
                        record += [""] * (width - len(record))
                    yield row, record
                line = reader.line_num + 1
        except csv.Error as exc:
            raise DataError(f"{path}, line {line}: malformed CSV ({exc})") from None
    raise DataError(f"{path}: unexpected end of the CSV file")  # pragma: no cover


def _csv_header(path: Path, encoding: str) -> list[str]:
    records = _csv_records(path, encoding)
    try:
        return next(records)[1]
    finally:
        records.close()


def _quotes_are_odd(path: Path) -> bool:
    """An odd number of '"' in the file: perhaps a quote is never closed."""
    count = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 22):
            count += block.count(b'"')
    return count % 2 == 1


def _frames(
    rows: Iterator[list[str]], header: list[str], chunk_rows: int
) -> Iterator[pd.DataFrame]:
    while batch := list(itertools.islice(rows, chunk_rows)):
        yield pd.DataFrame(batch, columns=header, dtype=object)


def _iter_csv(path: Path, chunk_rows: int, encoding: str) -> Iterator[pd.DataFrame]:
    header = _csv_header(path, encoding)
    if _quotes_are_odd(path):  # cheap test first; the slow reader then finds the quote, if any
        for _ in _csv_records(path, encoding):
            pass
    done = 0
    try:
        for chunk in _iter_csv_arrow(path, chunk_rows, encoding, header):
            yield chunk
            done += len(chunk)
    except (pa.ArrowInvalid, UnicodeDecodeError):
        pass  # Python's csv reads it again, to name the bad row or to pad short rows
    else:
        if done == 0:
            yield pd.DataFrame(columns=header, dtype=object)
        return
    records = (fields for row, fields in _csv_records(path, encoding) if row > done)
    for chunk in _frames(records, header, chunk_rows):
        yield chunk
        done += len(chunk)
    if done == 0:
        yield pd.DataFrame(columns=header, dtype=object)


def _iter_csv_arrow(
    path: Path, chunk_rows: int, encoding: str, header: list[str]
) -> Iterator[pd.DataFrame]:
    """Arrow's streaming CSV reader (3x pandas), re-cut into chunks of exactly `chunk_rows`
    rows so that chunk boundaries do not depend on the reader and resume points stay
    stable. Every column is read as text, under the names of the header. Blocks are
    small because Arrow reads many of them ahead: 16 MiB blocks held ~0.5 GiB."""
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(
            block_size=1 << 20, encoding=encoding, column_names=header, skip_rows=1
        ),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
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


# ---------------------------------------------------------------- Parquet


def parquet_file(path: Path) -> pq.ParquetFile:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise DataError(f"{path}: not a readable Parquet file ({first_line(exc)})") from None
    check_names(parquet.schema_arrow.names, f"{path}, schema")
    return parquet


def column_text(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array | list:
    """A column as text: Arrow's own casts (exact integers, true/false), nested values as JSON."""
    kind = column.type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        nested = pa.types.is_nested(kind) or pa.types.is_map(kind)
        try:
            if nested:
                raise pa.ArrowNotImplementedError("nested")
            column = pc.cast(column, pa.string())
        except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
            return [
                "" if value is None else value if isinstance(value, str) else _python_text(value)
                for value in column.to_pylist()
            ]
    return pc.fill_null(column, "")


def _python_text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    return json.dumps(value, ensure_ascii=False, default=str)


def _arrow_text(table: pa.Table) -> pd.DataFrame:
    columns = {name: column_text(table.column(i)) for i, name in enumerate(table.column_names)}
    frame = pd.DataFrame(
        {name: (c if isinstance(c, list) else c.to_pylist()) for name, c in columns.items()},
        columns=table.column_names,
        dtype=object,
    )
    return frame


def _arrow_typed(table: pa.Table) -> pd.DataFrame:
    """Columns keep their Arrow types (nullable integers, timestamps, lists...), so that
    the frame writes back to Parquet under the same schema."""
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _iter_parquet(path: Path, chunk_rows: int, typed: bool = False) -> Iterator[pd.DataFrame]:
    parquet = parquet_file(path)
    convert = _arrow_typed if typed else _arrow_text
    done = 0
    try:
        for batch in parquet.iter_batches(batch_size=chunk_rows):
            yield convert(pa.Table.from_batches([batch]))
            done += batch.num_rows
    except (pa.ArrowException, OSError) as exc:
        raise DataError(
            f"{path}, after row {done}: not a readable Parquet file ({first_line(exc)})"
        ) from None
    if done == 0:
        yield convert(parquet.schema_arrow.empty_table())


# ---------------------------------------------------------------- readers


def iter_table(
    path: str | Path, chunk_rows: int, encoding: str = "utf-8", typed: bool = False
) -> Iterator[pd.DataFrame]:
    """Stream a table in chunks of at most `chunk_rows` rows, values as text.

    With `typed`, Parquet columns keep their types instead (nulls stay null), for
    callers that pass columns through; CSV and JSONL are text either way.
    Every table gives at least one chunk: an empty one holds the columns of a file
    without rows (none for JSONL). JSONL chunks carry every key seen so far."""
    path = Path(path)
    kind = table_format(path)
    require_file(path)
    if kind == "parquet":
        yield from _iter_parquet(path, chunk_rows, typed)
    elif kind == "jsonl":
        yield from _iter_jsonl(path, chunk_rows, encoding)
    else:
        yield from _iter_csv(path, chunk_rows, encoding)


def read_table(path: str | Path, encoding: str = "utf-8") -> pd.DataFrame:
    """Read a whole CSV/JSONL/Parquet file with every value as text."""
    chunks = list(iter_table(path, sys.maxsize, encoding))
    if len(chunks) == 1:
        return chunks[0]
    columns = list(chunks[-1].columns)  # JSONL: the last chunk knows every key
    return pd.concat([c.reindex(columns=columns, fill_value="") for c in chunks], ignore_index=True)


def estimate_rows(path: str | Path) -> int | None:
    """Row count for a progress bar: exact for Parquet (metadata) and JSONL (lines),
    an upper bound for CSV (lines, since quoted fields may span lines)."""
    path = Path(path)
    if table_format(path) == "parquet":
        return parquet_file(path).metadata.num_rows
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(1 << 22):
            lines += block.count(b"\n")
            last = block[-1:]
    lines += last != b"\n"
    return max(lines - (table_format(path) == "csv"), 0)


# ---------------------------------------------------------------- writers


def _temporary_prefix(path: Path) -> str:
    """`.out.csv.partial-<pid>@<host>.`: whose temporary it is, so a later run can tell
    whether its writer is dead."""
    return f".{path.name}.partial-{os.getpid()}@{processes.host()}."


def remove_stale_temporaries(path: str | Path, keep: Iterable[str | Path] = ()) -> list[Path]:
    """Remove the temporaries of `path` that processes on this host left when they died
    (SIGKILL, power loss); files of live processes, of other hosts, and `keep` stay."""
    path = Path(path)
    pattern = re.compile(re.escape(f".{path.name}.partial-") + r"(\d+)(?:@(.+)\.[A-Za-z0-9_]{8})?")
    kept = [Path(k) for k in keep]
    removed = []
    try:
        candidates = list(path.parent.iterdir())
    except OSError:
        return removed
    for candidate in candidates:
        match = pattern.fullmatch(candidate.name)
        if match is None or (candidate.is_dir() and not candidate.is_symlink()):
            continue
        pid, owner = int(match.group(1)), match.group(2)
        if owner not in (None, processes.host()) or processes.pid_exists(pid):
            continue
        if any(_same_file(candidate, k) for k in kept):
            continue
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class AtomicTableWriter:
    """Append chunks to a temporary file; `commit()` renames it into place.

    The temporary is created exclusively (never through a planted link) in the
    target's folder. Used as a context manager, any exception (or Ctrl-C) removes
    it and leaves no output behind.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.kind = table_format(self.path)
        if self.path.is_dir():
            raise DataError(f"{self.path}: is a folder; the output must be a file name")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=_temporary_prefix(self.path))
        os.fchmod(fd, 0o666 & ~_umask())  # the permissions any new file would get
        self.tmp_path = Path(name)
        self._file = open(fd, "wb")  # noqa: SIM115
        self._parquet: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None
        self._handle: io.TextIOWrapper | None = None
        self.rows = 0

    @property
    def binary(self):
        """The temporary file, for writing bytes directly."""
        return self._file

    def write(self, frame: pd.DataFrame) -> None:
        if self.kind == "parquet":
            table = pa.Table.from_pandas(frame, preserve_index=False, schema=self._schema)
            if self._parquet is None:
                self._schema = table.schema
                self._parquet = pq.ParquetWriter(self._file, self._schema)
            self._parquet.write_table(table)
        else:
            if self._handle is None:
                self._handle = io.TextIOWrapper(self._file, encoding="utf-8", newline="")
            if self.kind == "csv":
                frame.to_csv(self._handle, index=False, header=self.rows == 0)
            else:
                lines = frame.to_json(
                    orient="records", lines=True, force_ascii=False, date_format="iso"
                )
                if lines and not lines.endswith("\n"):
                    lines += "\n"
                self._handle.write(lines)
        self.rows += len(frame)

    def _close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._handle is not None:
            self._handle.flush()
            self._handle.detach()
            self._handle = None
        if not self._file.closed:
            self._file.close()

    def commit(self) -> Path:
        self._close()
        os.replace(self.tmp_path, self.path)
        return self.path

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._close()
        self.tmp_path.unlink(missing_ok=True)

    def __enter__(self) -> AtomicTableWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()
        else:
            self.commit()


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a whole table atomically."""
    with AtomicTableWriter(path) as writer:
        writer.write(frame)
    return Path(path)


def write_text_atomic(text: str, path: str | Path) -> Path:
    """Write a whole text file (a report, say) the way tables are written: into a
    temporary beside it, renamed into place only once complete."""
    path = Path(path)
    if path.is_dir():
        raise DataError(f"{path}: is a folder; the output must be a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=_temporary_prefix(path))
    tmp = Path(name)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
