"""`stance label import`: an annotated export, checked against the pool, appended to
`data/raw/annotations/` as a new file.

The annotation files are append-only: an import writes one new file,
`pass1/batch_NN.csv` or `pass2/second_NN.csv` (the next free number, created
exclusively, never over an existing file), in the layout `id,label,annotator,note`
that `stance dataset agreement` and `stance dataset build` read. Everything is
checked before anything is written; the first problem stops the import with one
line naming the file, row and field:

- an id that is not in the pool;
- a label outside the annotation labels (the dataset labels and `reject`);
- offsets or text that do not reproduce the pool unit;
- an id twice in the export, or already labelled in that pass;
- an annotator who already has a file in that pass.

The imported units (without their context) are merged into the candidate pool
(`data/interim/candidates.parquet`), so that `stance dataset build` knows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stance.curation.annotation import ANNOTATION_LABELS, PASS_COLUMNS, annotations_dir, read_pass
from stance.curation.labelstudio import read_export
from stance.curation.pool import read_pool
from stance.data.io import read_table, write_table
from stance.errors import DataError

PASS_PREFIX = {1: "batch", 2: "second"}
_ANNOTATOR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


@dataclass
class ImportResult:
    path: Path
    rows: int
    labels: dict[str, int]
    candidates_added: int


def check_against_pool(export: pd.DataFrame, pool: pd.DataFrame, where: str) -> None:
    """Ids known, labels in the set, offsets and text equal to the pool unit's."""
    units = pool.set_index("id")
    seen: dict[str, int] = {}
    for row in export.itertuples(index=False):
        at = f"{where}, row {row.row}"
        if row.id in seen:
            raise DataError(f"{at}, field 'id': {row.id!r} is also in row {seen[row.id]}")
        seen[row.id] = row.row
        if row.id not in units.index:
            raise DataError(f"{at}, field 'id': unknown id {row.id!r} (not in the pool)")
        if row.label not in ANNOTATION_LABELS:
            problem = "missing label" if not row.label else f"unknown label {row.label!r}"
            raise DataError(
                f"{at}, field 'label': {problem} (expected one of: {', '.join(ANNOTATION_LABELS)})"
            )
        unit = units.loc[row.id]
        for field in ("char_start", "char_end"):
            value = getattr(row, field)
            if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
                continue
            if str(value).strip() != str(unit[field]):
                raise DataError(
                    f"{at}, field {field!r}: {value} does not match the pool unit "
                    f"({unit['char_start']}-{unit['char_end']}): the offsets do not "
                    "reproduce the text"
                )
        if isinstance(row.text, str) and row.text and row.text != unit["text"]:
            raise DataError(f"{at}, field 'text': differs from the pool unit's text")


def next_file(folder: Path, prefix: str) -> Path:
    numbers = [
        int(m.group(1))
        for p in folder.glob(f"{prefix}_*.csv")
        if (m := re.fullmatch(rf"{prefix}_(\d+)\.csv", p.name))
    ]
    return folder / f"{prefix}_{max(numbers, default=0) + 1:02d}.csv"


def check_pass(labels: pd.DataFrame, folder: Path, annotator: str, where: str) -> None:
    """Refuse an annotator who already has labels in this pass, and ids labelled twice."""
    existing = read_pass(folder)
    if existing.empty:
        return
    mine = existing[existing["annotator"] == annotator]
    if len(mine):
        raise DataError(
            f"{where}, row 1, field 'annotator': annotator {annotator!r} already has pass "
            f"{folder.name.removeprefix('pass')} labels in {folder / mine['file'].iloc[0]}"
        )
    done = dict(zip(existing["id"], existing["file"], strict=True))
    for row in labels.itertuples(index=False):
        if row.id in done:
            raise DataError(
                f"{where}, row {row.row}, field 'id': {row.id!r} is already labelled in "
                f"{folder / done[row.id]}"
            )


def _write_new(frame: pd.DataFrame, path: Path) -> Path:
    """Create `path`; never replace a file that exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="") as handle:
        frame.to_csv(handle, index=False)
    return path


def merge_candidates(units: pd.DataFrame, candidates_path: Path) -> int:
    """Add pool units that the candidate pool lacks (`method = pool`); returns how many."""
    from stance.curation.candidates import CANDIDATE_COLUMNS
    from stance.curation.units import CONCESSION

    rows = units.copy()
    rows["context"] = [
        " ".join(f"{b}[[{t}]]{a}".split())
        for b, t, a in zip(rows["context_before"], rows["text"], rows["context_after"], strict=True)
    ]
    rows["method"] = "pool"
    rows["concession_cue"] = [bool(CONCESSION.search(t)) for t in rows["text"]]
    rows = rows[CANDIDATE_COLUMNS]
    if candidates_path.is_file():
        current = read_table(candidates_path)
        rows = rows[~rows["id"].isin(set(current["id"]))]
        if rows.empty:
            return 0
        merged = pd.concat([current, rows.astype(str)], ignore_index=True)
    else:
        merged = rows.astype(str)
    write_table(merged, candidates_path)
    return len(rows)


def import_annotations(
    export_path: str | Path,
    pool_path: str | Path,
    pass_number: int,
    annotator: str,
    raw_dir: str | Path,
    candidates_path: str | Path | None = None,
) -> ImportResult:
    """Check an export against the pool and append it as a new annotation file."""
    export_path = Path(export_path)
    where = str(export_path)
    if pass_number not in PASS_PREFIX:
        raise DataError(f"--pass must be 1 or 2, not {pass_number}")
    if not _ANNOTATOR.match(annotator):
        raise DataError(f"--annotator {annotator!r}: use letters, digits, '.', '_' or '-'")
    pool = read_pool(pool_path)
    export = read_export(export_path)
    if export.empty:
        raise DataError(f"{where}: no annotated units in the export")
    check_against_pool(export, pool, where)
    folder = annotations_dir(raw_dir) / f"pass{pass_number}"
    check_pass(export, folder, annotator, where)
    frame = pd.DataFrame(
        {
            "id": export["id"],
            "label": export["label"],
            "annotator": annotator,
            "note": export["note"],
        }
    )[PASS_COLUMNS]
    path = _write_new(frame, next_file(folder, PASS_PREFIX[pass_number]))
    added = 0
    if candidates_path is not None:
        units = pool[pool["id"].isin(set(export["id"]))]
        added = merge_candidates(units, Path(candidates_path))
    counts = frame["label"].value_counts().to_dict()
    return ImportResult(path, len(frame), {k: int(v) for k, v in counts.items()}, added)
