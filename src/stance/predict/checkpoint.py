"""Output written chunk by chunk into a hidden folder, so an interrupted job can resume.

`.<name>.partial/` beside the output holds `manifest.json` and one part file per
finished chunk. A part is written under a temporary name and renamed when
complete, and only then recorded in the manifest, so a crash at any moment
leaves a consistent checkpoint. `finish()` joins the parts into the output
(atomically, through a temporary file) and removes the folder: the output path
exists only once every row is in it. Parts are matched by column name when they
join: a JSONL input whose later records bring new keys gives parts with more columns.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from stance.data.io import AtomicTableWriter, column_text, table_format, write_table
from stance.errors import DataError

MANIFEST = "manifest.json"
SKIPPED = "skipped"  # the side file of rows that could not be classified


def partial_folder(output: str | Path) -> Path:
    output = Path(output)
    return output.with_name(f".{output.name}.partial")


def side_file(output: str | Path, name: str) -> Path:
    """`out.csv` -> `out.<name>.csv`: a companion table written next to the output."""
    output = Path(output)
    return output.with_name(f"{output.stem}.{name}.csv")


def check_folder(folder: Path) -> None:
    """A checkpoint folder is a real folder: never a link that would send parts elsewhere."""
    if folder.is_symlink():
        raise DataError(
            f"{folder}: the checkpoint folder is a symbolic link; remove it and run again"
        )
    if folder.exists() and not folder.is_dir():
        raise DataError(f"{folder}: the checkpoint folder is not a folder; remove it and run again")


def read_manifest(output: str | Path) -> dict[str, Any] | None:
    folder = partial_folder(output)
    check_folder(folder)
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise DataError(f"{path}: unreadable checkpoint; run without --resume") from None


class ChunkedOutput:
    """Parts of an output table, numbered by input chunk, plus skipped-row reports.

    `fingerprint` describes the job (input file, model, options); `resume=True`
    continues a checkpoint only when its fingerprint matches, so rows are never
    mixed from two different jobs.
    """

    def __init__(self, path: str | Path, fingerprint: dict[str, Any], resume: bool = False):
        self.path = Path(path)
        self.kind = table_format(self.path)
        self.folder = partial_folder(self.path)
        self.fingerprint = fingerprint
        check_folder(self.folder)
        manifest = read_manifest(self.path) if resume else None
        if manifest is not None:
            self._check_fingerprint(manifest["fingerprint"])
            self.state = manifest
        else:
            if self.folder.is_dir():
                shutil.rmtree(self.folder)
            self.folder.mkdir(parents=True)
            self.state = {
                "fingerprint": fingerprint, "chunks": 0, "rows": 0, "skipped": 0, "columns": []
            }  # fmt: skip
            self._save_manifest()

    @property
    def chunks_done(self) -> int:
        return self.state["chunks"]

    @property
    def rows_done(self) -> int:
        return self.state["rows"]

    @property
    def skipped(self) -> int:
        return self.state["skipped"]

    def _check_fingerprint(self, saved: dict[str, Any]) -> None:
        changed = sorted(
            k for k in {*saved, *self.fingerprint} if saved.get(k) != self.fingerprint.get(k)
        )
        if changed:
            raise DataError(
                f"{self.folder}: the checkpoint was made by a different job ({', '.join(changed)} "
                "changed); run without --resume to start again"
            )

    def _save_manifest(self) -> None:
        tmp = self.folder / f"{MANIFEST}.tmp"
        tmp.write_text(json.dumps(self.state, indent=2), encoding="utf-8")
        os.replace(tmp, self.folder / MANIFEST)

    def _part(self, index: int, prefix: str = "part", suffix: str | None = None) -> Path:
        return self.folder / f"{prefix}-{index:06d}{suffix or self.path.suffix}"

    def write_chunk(self, index: int, frame: pd.DataFrame, skipped: pd.DataFrame) -> None:
        """Record chunk `index` (0-based, in input order) and its skipped-row report."""
        if index != self.chunks_done:
            raise ValueError(f"chunk {index} written out of order (expected {self.chunks_done})")
        tmp = self._part(index, "tmp")
        if self.kind == "csv":  # Arrow's writer: 10x pandas' on float columns
            options = pacsv.WriteOptions(include_header=index == 0, quoting_style="needed")
            pacsv.write_csv(csv_ready(pa.Table.from_pandas(frame, preserve_index=False)), tmp,
                            options)  # fmt: skip
        else:
            write_table(frame, tmp)
        os.replace(tmp, self._part(index))
        if len(skipped):
            skipped.to_csv(self._part(index, SKIPPED, ".csv"), index=False)
        self.state.setdefault("columns", []).append([str(c) for c in frame.columns])
        self.state["chunks"] += 1
        self.state["rows"] += len(frame)
        self.state["skipped"] += len(skipped)
        self._save_manifest()

    def discard(self) -> None:
        """Remove the checkpoint folder."""
        if self.folder.is_dir() and not self.folder.is_symlink():
            shutil.rmtree(self.folder, ignore_errors=True)

    def finish(self) -> int:
        """Join the parts into the output and the skipped-row report; return the row count."""
        parts = [self._part(i) for i in range(self.chunks_done)]
        columns = self.state.get("columns") or []
        aligned = len(columns) == len(parts) and any(c != columns[0] for c in columns)
        with AtomicTableWriter(self.path) as writer:
            if self.kind == "parquet":
                _join_parquet(parts, writer, columns if aligned else None)
            elif self.kind == "csv" and aligned:
                _join_csv_by_name(parts, columns, writer)
            else:  # CSV parts of one header, or JSONL (whose records carry their keys)
                _join_bytes(parts, writer)
            writer.rows = self.rows_done
        reports = sorted(self.folder.glob(f"{SKIPPED}-*.csv"))
        report_path = side_file(self.path, SKIPPED)
        if reports:
            _join_csv(reports, report_path)
        else:
            report_path.unlink(missing_ok=True)
        shutil.rmtree(self.folder)
        return self.rows_done


def csv_ready(table: pa.Table) -> pa.Table:
    """Nested columns (lists, structs, maps: Arrow's CSV writer has no spelling for them)
    as JSON text, as the readers spell them; every other type as Arrow writes it."""
    for index, field in enumerate(table.schema):
        if pa.types.is_nested(field.type) or pa.types.is_map(field.type):
            text = column_text(table.column(index))
            table = table.set_column(index, field.name, pa.array(text, pa.string()))
    return table


def _join_bytes(parts: list[Path], writer: AtomicTableWriter) -> None:
    """CSV parts (header in the first only) and JSONL parts join by plain concatenation."""
    for part in parts:
        with open(part, "rb") as source:
            shutil.copyfileobj(source, writer.binary, 1 << 20)


def joined_columns(columns: list[list[str]]) -> list[str]:
    """Every column of every part, each new one placed after its neighbour in its part."""
    joined = list(columns[0]) if columns else []
    for names in columns[1:]:
        for position, name in enumerate(names):
            if name not in joined:
                before = names[position - 1] if position else None
                joined.insert(joined.index(before) + 1 if before in joined else 0, name)
    return joined


def _aligned(table: pa.Table, names: list[str], types: dict[str, pa.DataType]) -> pa.Table:
    """`table` with the columns `names`, in that order; absent input columns are ''."""
    arrays = []
    for name in names:
        if name in table.column_names:
            column = table.column(name)
            arrays.append(column if column.type == types[name] else column.cast(types[name]))
        elif pa.types.is_string(types[name]):
            arrays.append(pa.array([""] * table.num_rows, pa.string()))
        else:
            arrays.append(pa.nulls(table.num_rows, types[name]))
    return pa.table(arrays, names=names)


def _join_csv_by_name(
    parts: list[Path], columns: list[list[str]], writer: AtomicTableWriter
) -> None:
    names = joined_columns(columns)
    types = dict.fromkeys(names, pa.string())
    for index, (part, part_columns) in enumerate(zip(parts, columns, strict=True)):
        table = pacsv.read_csv(
            part,
            read_options=pacsv.ReadOptions(column_names=part_columns, skip_rows=int(index == 0)),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(part_columns, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        options = pacsv.WriteOptions(include_header=index == 0, quoting_style="needed")
        pacsv.write_csv(_aligned(table, names, types), writer.binary, options)


def _join_parquet(
    parts: list[Path], writer: AtomicTableWriter, columns: list[list[str]] | None
) -> None:
    """Parts join under one schema: by name, and a column that is all null in one part
    (every text of the chunk skipped) takes the type of the other parts."""
    schemas = [pq.read_schema(part) for part in parts]
    names = joined_columns(columns) if columns else (schemas[0].names if schemas else [])
    types: dict[str, pa.DataType] = {}
    for schema in schemas:
        for field in schema:
            if types.get(field.name, pa.null()) == pa.null():
                types[field.name] = field.type
    types = {name: types.get(name, pa.string()) for name in names}
    schema = pa.schema([(name, types[name]) for name in names])
    parquet = pq.ParquetWriter(writer.binary, schema)
    try:
        for part in parts:
            parquet.write_table(_aligned(pq.read_table(part), names, types))
    finally:
        parquet.close()


def _join_csv(parts: list[Path], path: Path) -> None:
    with AtomicTableWriter(path) as writer:
        for part in parts:
            writer.write(pd.read_csv(part, dtype=str, keep_default_na=False))
