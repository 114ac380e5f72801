"""Output written chunk by chunk into a hidden folder, so an interrupted job can resume.

`.<name>.partial/` beside the output holds `manifest.json` and one part file per
finished chunk. A part is written under a temporary name and renamed when
complete, and only then recorded in the manifest, so a crash at any moment
leaves a consistent checkpoint. `finish()` joins the parts into the output
(atomically, through a temporary file) and removes the folder: the output path
exists only once every row is in it.
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

from stance.data.io import AtomicTableWriter, table_format, write_table
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


def read_manifest(output: str | Path) -> dict[str, Any] | None:
    path = partial_folder(output) / MANIFEST
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


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
        manifest = read_manifest(self.path) if resume else None
        if manifest is not None:
            self._check_fingerprint(manifest["fingerprint"])
            self.state = manifest
        else:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
            self.state = {"fingerprint": fingerprint, "chunks": 0, "rows": 0, "skipped": 0}
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
            pacsv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), tmp, options)
        else:
            write_table(frame, tmp)
        os.replace(tmp, self._part(index))
        if len(skipped):
            skipped.to_csv(self._part(index, SKIPPED, ".csv"), index=False)
        self.state["chunks"] += 1
        self.state["rows"] += len(frame)
        self.state["skipped"] += len(skipped)
        self._save_manifest()

    def finish(self) -> int:
        """Join the parts into the output and the skipped-row report; return the row count."""
        parts = [self._part(i) for i in range(self.chunks_done)]
        with AtomicTableWriter(self.path) as writer:
            if self.kind == "parquet":
                _join_parquet(parts, writer)
            else:
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


def _join_bytes(parts: list[Path], writer: AtomicTableWriter) -> None:
    """CSV parts (header in the first only) and JSONL parts join by plain concatenation."""
    with open(writer.tmp_path, "wb") as target:
        for part in parts:
            with open(part, "rb") as source:
                shutil.copyfileobj(source, target, 1 << 20)


def _join_parquet(parts: list[Path], writer: AtomicTableWriter) -> None:
    parquet: pq.ParquetWriter | None = None
    try:
        for part in parts:
            table = pq.read_table(part)
            if parquet is None:
                parquet = pq.ParquetWriter(writer.tmp_path, table.schema)
            parquet.write_table(table.cast(parquet.schema))
    finally:
        if parquet is not None:
            parquet.close()
    if parquet is None:
        pq.write_table(pa.table({}), writer.tmp_path)


def _join_csv(parts: list[Path], path: Path) -> None:
    with AtomicTableWriter(path) as writer:
        for part in parts:
            writer.write(pd.read_csv(part, dtype=str, keep_default_na=False))
