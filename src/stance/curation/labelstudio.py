"""Picks to annotators and back: Label Studio tasks, a spreadsheet CSV, and reading the
annotated export (Label Studio JSON, JSON-MIN, or the CSV filled in).

Label Studio's JSON task import format is a list of `{"data": {...}}`; the fields are
the ones `data/labelstudio.xml` shows: the quote, its context as HTML with the quote
marked, speaker, country, date and source, plus the unit id and offsets, which come
back in the export and are checked against the pool on import.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from stance.data.io import read_table, write_table
from stance.errors import DataError

CONFIG_FILE = "labelstudio.xml"
TASK_FIELDS = [
    "unit_id", "text", "speaker", "speaker_country", "date", "corpus", "doc_id", "link",
    "char_start", "char_end", "context_html",
]  # fmt: skip
CSV_COLUMNS = [
    "id", "speaker", "speaker_country", "date", "source", "context", "text",
    "char_start", "char_end", "label", "note",
]  # fmt: skip
LABEL_FROM_NAME = "label"
NOTE_FROM_NAME = "note"


def config_path() -> Path:
    from stance import paths

    return paths.data_dir() / CONFIG_FILE


def context_html(before: str, text: str, after: str) -> str:
    """The context as HTML, the quote inside <mark>, line breaks kept."""

    def part(value: str) -> str:
        return html.escape(value).replace("\n", "<br/>")

    return f"{part(before)}<mark>{part(text)}</mark>{part(after)}"


def context_plain(before: str, text: str, after: str) -> str:
    """The context for a spreadsheet cell: the quote between [[ and ]]."""
    return " ".join(f"{before}[[{text}]]{after}".split())


def tasks(picks: pd.DataFrame) -> list[dict]:
    """Label Studio tasks (JSON import format), one per pool unit, in the picks' order."""
    out = []
    for row in picks.itertuples(index=False):
        data = {
            "unit_id": row.id,
            "text": row.text,
            "speaker": row.speaker,
            "speaker_country": row.speaker_country or "?",
            "date": row.date,
            "corpus": row.source,
            "doc_id": row.doc_id,
            "link": row.link,
            "char_start": int(row.char_start),
            "char_end": int(row.char_end),
            "context_html": context_html(row.context_before, row.text, row.context_after),
        }
        out.append({"data": data})
    return out


def spreadsheet(picks: pd.DataFrame) -> pd.DataFrame:
    """The picks as a CSV for spreadsheets: fill in `label` (and `note`)."""
    frame = picks.copy()
    frame["context"] = [
        context_plain(b, t, a)
        for b, t, a in zip(
            frame["context_before"], frame["text"], frame["context_after"], strict=True
        )
    ]
    frame["label"] = ""
    frame["note"] = ""
    return frame[CSV_COLUMNS]


def write_exports(picks: pd.DataFrame, out_dir: Path) -> dict[str, Path]:
    """`tasks.json` (Label Studio) and `tasks.csv` (spreadsheets) in `out_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / "tasks.json"
    json_path.write_text(json.dumps(tasks(picks), ensure_ascii=False, indent=1), encoding="utf-8")
    csv_path = write_table(spreadsheet(picks), out_dir / "tasks.csv")
    return {"labelstudio": json_path, "csv": csv_path}


# ---------------------------------------------------------------- reading an export


def _result_value(results: list, name: str, kind: str, where: str) -> str:
    values = []
    for result in results or []:
        if result.get("from_name") != name:
            continue
        value = result.get("value", {})
        values.extend(value.get(kind, []) if isinstance(value, dict) else [])
    if kind == "choices" and len(values) > 1:
        raise DataError(f"{where}, field 'label': {len(values)} labels chosen, expected one")
    return str(values[0]).strip() if values else ""


def _task_row(task: dict, where: str) -> dict | None:
    """id, label, note and the task's offsets/text from one exported task."""
    if not isinstance(task, dict):
        raise DataError(f"{where}: not a Label Studio task")
    data = task.get("data", task)
    row = {
        "id": str(data.get("unit_id", data.get("id", ""))).strip(),
        "text": data.get("text"),
        "char_start": data.get("char_start"),
        "char_end": data.get("char_end"),
    }
    if "annotations" in task:  # the full JSON export
        done = [a for a in task["annotations"] or [] if not a.get("was_cancelled")]
        if not done:
            return None
        if len(done) > 1:
            raise DataError(
                f"{where}, field 'annotations': {len(done)} annotations; export one "
                "annotator's pass at a time"
            )
        results = done[0].get("result", [])
        row["label"] = _result_value(results, LABEL_FROM_NAME, "choices", where)
        row["note"] = _result_value(results, NOTE_FROM_NAME, "text", where)
    else:  # JSON-MIN: the control tags' values flattened into the task
        label = task.get(LABEL_FROM_NAME, "")
        if isinstance(label, dict):
            label = (label.get("choices") or [""])[0]
        row["label"] = str(label or "").strip()
        note = task.get(NOTE_FROM_NAME, "")
        row["note"] = " ".join(note) if isinstance(note, list) else str(note or "")
    return row


def read_export(path: str | Path) -> pd.DataFrame:
    """The annotated units of an export: id, label, note, char_start, char_end, text, row
    (1-based position in the file). Tasks without a finished annotation, and CSV rows
    whose label and note are both empty, are left out."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: export file not found")
    if path.suffix.lower() == ".json":
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DataError(f"{path}: not a JSON export ({exc})") from None
        if not isinstance(content, list):
            raise DataError(f"{path}: a Label Studio export is a JSON list of tasks")
        rows = []
        for position, task in enumerate(content):
            row = _task_row(task, f"{path}, row {position + 1}")
            if row is not None:
                rows.append({**row, "row": position + 1})
        frame = pd.DataFrame(rows, columns=["id", "label", "note", "char_start", "char_end",
                                            "text", "row"])  # fmt: skip
    else:
        table = read_table(path)
        missing = [c for c in ("id", "label") if c not in table.columns]
        if missing:
            raise DataError(f"{path}, row 1, field {missing[0]!r}: column missing")
        table["row"] = range(1, len(table) + 1)
        for column in ("note", "char_start", "char_end", "text"):
            if column not in table.columns:
                table[column] = None
        table["label"] = table["label"].str.strip()
        keep = (table["label"] != "") | (table["note"].fillna("").str.strip() != "")
        frame = table.loc[keep, ["id", "label", "note", "char_start", "char_end", "text", "row"]]
    frame["note"] = frame["note"].fillna("").astype(str).str.strip()
    frame["id"] = frame["id"].astype(str).str.strip()
    return frame.reset_index(drop=True)
