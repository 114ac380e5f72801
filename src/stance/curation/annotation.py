"""Annotation passes, agreement, adjudication and the assembled `data/raw/quotes.csv`.

Layout (all CSV, one file per batch, immutable once written):

    data/raw/annotations/pass1/batch_NN.csv     id,label,annotator,note
    data/raw/annotations/pass2/second_NN.csv    id,label,annotator,note
    data/raw/annotations/adjudication.csv       id,label,note

`label` is one of the dataset labels, or `reject` for a unit that is not a usable quote
(wrong or unnamed speaker, not said by the speaker, broken text): rejected units are
left out of the dataset. Every pass-1/pass-2 disagreement must be adjudicated before
assembly; an adjudication may also overrule a pass-1 label that pass 2 did not see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from stance.data.dataset import (
    DATASET_COLUMNS,
    LABELS,
    MAX_PER_DOC,
    NEUTRAL,
    QUOTES_FILE,
    check_dataset,
)
from stance.data.io import read_table, write_table
from stance.data.schema import check_columns
from stance.data.speaker_groups import speaker_groups
from stance.errors import DataError

MINED_FILE = "mined_v2.csv"
REJECT = "reject"
BROKEN_NOTE = "broken:"
ANNOTATION_LABELS = (*LABELS, REJECT)
PASS_COLUMNS = ["id", "label", "annotator", "note"]
ADJUDICATION_COLUMNS = ["id", "label", "note"]


def annotations_dir(raw_dir: str | Path) -> Path:
    return Path(raw_dir) / "annotations"


def _check_labels(frame: pd.DataFrame, where: str, allowed=ANNOTATION_LABELS) -> None:
    for position, (label, id_) in enumerate(zip(frame["label"], frame["id"], strict=True)):
        if not id_.strip():
            raise DataError(f"{where}, row {position + 1}, field 'id': empty id")
        if label not in allowed:
            problem = "missing label" if not label.strip() else f"unknown label {label!r}"
            raise DataError(
                f"{where}, row {position + 1}, field 'label': {problem} "
                f"(expected one of: {', '.join(allowed)})"
            )


def read_labels(path: str | Path, columns: list[str] = PASS_COLUMNS) -> pd.DataFrame:
    """One annotation file, checked: known labels, no id twice."""
    path = Path(path)
    frame = read_table(path)
    check_columns(frame, columns, str(path))
    frame = frame[columns].copy()
    for column in columns:
        frame[column] = frame[column].str.strip()
    if "note" in frame.columns:
        # Annotators flag unusable units (wrong speaker, a reporter's question, a
        # fragment) with a note starting "broken:"; those count as `reject`.
        frame.loc[frame["note"].str.lower().str.startswith(BROKEN_NOTE), "label"] = REJECT
    _check_labels(frame, str(path))
    duplicated = frame["id"].duplicated()
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        raise DataError(
            f"{path}, row {position + 1}, field 'id': duplicate id {frame['id'][position]!r}"
        )
    frame["file"] = path.name
    return frame


def read_pass(folder: str | Path) -> pd.DataFrame:
    """All files of one pass (sorted by name); an id labelled in two files is an error."""
    folder = Path(folder)
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not files:
        return pd.DataFrame(columns=[*PASS_COLUMNS, "file"])
    frames = [read_labels(path) for path in files]
    table = pd.concat(frames, ignore_index=True)
    duplicated = table["id"].duplicated(keep="first")
    if duplicated.any():
        row = table[duplicated].iloc[0]
        first = table[table["id"] == row["id"]].iloc[0]
        raise DataError(
            f"{folder / row['file']}: id {row['id']!r} was already labelled in {first['file']}"
        )
    return table


def read_adjudication(path: str | Path) -> pd.DataFrame:
    """`adjudication.csv` and any later `adjudication_*.csv` beside it (sorted by name):
    a later file may overrule an earlier one (a v2 re-read of a v1 decision), never
    itself (an id twice in one file is an error)."""
    path = Path(path)
    files = [path] if path.is_file() else []
    files += sorted(path.parent.glob(f"{path.stem}_*.csv"))
    if not files:
        return pd.DataFrame(columns=[*ADJUDICATION_COLUMNS, "file"])
    table = pd.concat([read_labels(f, ADJUDICATION_COLUMNS) for f in files], ignore_index=True)
    return table.drop_duplicates("id", keep="last").reset_index(drop=True)


@dataclass
class Agreement:
    overlap: int
    kappa: float | None
    observed: float | None
    confusion: pd.DataFrame
    disagreements: pd.DataFrame
    per_class: dict[str, dict[str, object]] = field(default_factory=dict)
    notes: dict[str, object] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        return {
            "overlap": self.overlap,
            "cohen_kappa": None if self.kappa is None else round(self.kappa, 4),
            "observed_agreement": None if self.observed is None else round(self.observed, 4),
            "disagreements": len(self.disagreements),
            "per_class": self.per_class,
            "notes": self.notes,
            "confusion": {
                row: {col: int(v) for col, v in values.items()}
                for row, values in self.confusion.to_dict(orient="index").items()
            },
        }


def agreement(
    pass1: pd.DataFrame, pass2: pd.DataFrame, candidates: pd.DataFrame | None = None
) -> Agreement:
    """Cohen's kappa (labels incl. `reject`) on units labelled in both passes, and the
    disagreements to adjudicate (with text, speaker and context when `candidates` is given)."""
    both = pass1.merge(pass2, on="id", suffixes=("_1", "_2"))
    both = both.sort_values("id", kind="stable").reset_index(drop=True)
    labels = list(ANNOTATION_LABELS)
    confusion = pd.crosstab(
        pd.Categorical(both["label_1"], categories=labels),
        pd.Categorical(both["label_2"], categories=labels),
        dropna=False,
    )
    confusion.index.name, confusion.columns.name = "pass1", "pass2"
    if len(both):
        observed = float((both["label_1"] == both["label_2"]).mean())
        same = both["label_1"].nunique() == 1 and set(both["label_1"]) == set(both["label_2"])
        kappa = 1.0 if same else float(cohen_kappa_score(both["label_1"], both["label_2"]))
    else:
        observed = kappa = None
    columns = ["id", "label_1", "label_2", "annotator_1", "annotator_2", "note_1", "note_2"]
    disagreements = both.loc[both["label_1"] != both["label_2"], columns]
    if candidates is not None:
        extra = [c for c in ("speaker", "source", "text", "context") if c in candidates.columns]
        disagreements = disagreements.merge(candidates[["id", *extra]], on="id", how="left")
    disagreements = disagreements.assign(label="", note="")
    per_class = {
        label: class_agreement(both["label_1"], both["label_2"], label) for label in labels
    }
    return Agreement(
        len(both),
        kappa,
        observed,
        confusion,
        disagreements.reset_index(drop=True),
        per_class,
        note_overlap(both.fillna("")),
    )


def note_overlap(both: pd.DataFrame, seed: int = 0) -> dict[str, object]:
    """How alike the two passes' notes are, as a check that pass 2 was blind: the share
    of units whose two notes are identical, and the mean word Jaccard of paired notes
    against that of randomly re-paired notes (units where both passes wrote a note)."""
    noted = both[(both["note_1"].str.strip() != "") & (both["note_2"].str.strip() != "")]
    if noted.empty:
        return {"both_noted": 0}

    def words(note: str) -> set[str]:
        return set(re.findall(r"[a-z']+", note.lower()))

    def jaccard(a: set[str], b: set[str]) -> float:
        return len(a & b) / len(a | b) if a | b else 0.0

    first = [words(n) for n in noted["note_1"]]
    second = [words(n) for n in noted["note_2"]]
    shuffled = np.random.default_rng(seed).permutation(len(second))
    identical = noted["note_1"].str.strip().str.lower() == noted["note_2"].str.strip().str.lower()
    return {
        "both_noted": len(noted),
        "identical_notes": int(identical.sum()),
        "paired_word_jaccard": round(
            float(np.mean([jaccard(a, b) for a, b in zip(first, second, strict=True)])), 4
        ),
        "random_pair_word_jaccard": round(
            float(np.mean([jaccard(first[i], second[j]) for i, j in enumerate(shuffled)])), 4
        ),
    }


def class_agreement(first: pd.Series, second: pd.Series, label: str) -> dict[str, object]:
    """Agreement on one label against all others: binary kappa, how many units either
    pass gave it and how many both did (specific agreement = 2 * both / (n1 + n2))."""
    a, b = (first == label).to_numpy(), (second == label).to_numpy()
    either, both = int((a | b).sum()), int((a & b).sum())
    if len(a) == 0 or either == 0:
        kappa = None
    elif a.all() and b.all():
        kappa = 1.0
    else:
        kappa = round(float(cohen_kappa_score(a, b)), 4)
    given = int(a.sum()) + int(b.sum())
    return {
        "binary_kappa": kappa,
        "either_pass": either,
        "both_passes": both,
        "pass1": int(a.sum()),
        "pass2": int(b.sum()),
        "specific_agreement": round(2 * both / given, 4) if given else None,
    }


def _bool(value: bool) -> str:
    return "true" if value else "false"


def assemble_quotes(
    candidates: pd.DataFrame,
    pass1: pd.DataFrame,
    pass2: pd.DataFrame,
    adjudication: pd.DataFrame,
    reread: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """The dataset rows: candidates with a pass-1 label, adjudicated where needed;
    rejected units left out. A blind re-read (`reread`) that differs from pass 1 must
    be adjudicated like pass 2. `neutral` units beyond MAX_PER_DOC in one document are
    left out (earlier rounds first). Returns the table and counts of what was done."""
    reread = reread if reread is not None else pd.DataFrame(columns=PASS_COLUMNS)
    known = set(candidates["id"])
    checked = (
        ("pass1", pass1),
        ("pass2", pass2),
        ("reread", reread),
        ("adjudication", adjudication),
    )
    for name, table in checked:
        unknown = table[~table["id"].isin(known)]
        if len(unknown):
            row = unknown.iloc[0]
            raise DataError(
                f"{name} file {row.get('file', '?')}: id {row['id']!r} is not a candidate"
            )
    second = pass2.set_index("id")
    third = reread.set_index("id")
    adjudicated = adjudication.set_index("id")
    labelled = candidates.merge(pass1[PASS_COLUMNS], on="id", how="inner")
    rows, counts = [], {"candidates": len(candidates), "pass1": len(labelled), "rejected": 0}
    counts.update({"adjudicated": 0, "double_annotated": 0})
    for row in labelled.sort_values("id", kind="stable").itertuples(index=False):
        label = row.label
        second_label = second.loc[row.id, "label"] if row.id in second.index else ""
        notes = [row.note] if row.note else []
        if second_label:
            counts["double_annotated"] += 1
            if second.loc[row.id, "note"]:
                notes.append(f"pass2: {second.loc[row.id, 'note']}")
        is_adjudicated = row.id in adjudicated.index
        if is_adjudicated:
            label = adjudicated.loc[row.id, "label"]
            counts["adjudicated"] += 1
            if adjudicated.loc[row.id, "note"]:
                notes.append(f"adjudication: {adjudicated.loc[row.id, 'note']}")
        elif second_label and second_label != label:
            raise DataError(
                f"id {row.id!r}: pass 1 says {label!r}, pass 2 says {second_label!r}; "
                "add it to annotations/adjudication.csv"
            )
        elif row.id in third.index and third.loc[row.id, "label"] != label:
            raise DataError(
                f"id {row.id!r}: pass 1 says {label!r}, the re-read says "
                f"{third.loc[row.id, 'label']!r}; add it to an annotations/adjudication file"
            )
        if label == REJECT:
            counts["rejected"] += 1
            continue
        rows.append(
            {
                **{c: getattr(row, c) for c in DATASET_COLUMNS if hasattr(row, c)},
                "label": label,
                "speaker_group": "",
                "found_by": getattr(row, "found_by", "") or "",
                "annotator": row.annotator,
                "second_label": second_label if second_label in LABELS else "",
                "adjudicated": _bool(is_adjudicated),
                "annotation_note": " | ".join(notes),
            }
        )
    frame = pd.DataFrame(rows, columns=DATASET_COLUMNS).astype(str)
    frame["speaker_group"] = speaker_groups(frame["speaker_country"]).to_numpy()
    frame, counts["neutral_over_cap"] = cap_neutral(frame)
    counts["units"] = len(frame)
    return frame, counts


def cap_neutral(frame: pd.DataFrame, cap: int = MAX_PER_DOC) -> tuple[pd.DataFrame, int]:
    """At most `cap` neutral units per document: v1 units first, then by position."""
    rank = frame["found_by"].str.startswith("v1_").map({True: 0, False: 1})
    order = frame.assign(_rank=rank, _start=frame["char_start"].astype(int))
    order = order.sort_values(["doc_id", "_rank", "_start"], kind="stable")
    neutral = order["label"] == NEUTRAL
    position = neutral.groupby(order["doc_id"]).cumsum()
    drop = order.index[neutral & (position > cap)]
    kept = frame.drop(index=drop).sort_values("id", kind="stable").reset_index(drop=True)
    return kept, len(drop)


def build_quotes(
    candidates_path: str | Path, raw_dir: str | Path, out_path: str | Path | None = None
) -> dict[str, int]:
    """Assemble `raw_dir/quotes.csv` from the candidate pools and the annotation files.

    Candidates: the v1 pool (`candidates_path`, rebuilt from the shared corpora by
    `stance dataset candidates` + `supplement`) and the v2 mined units
    (`raw_dir/mined_v2.csv`, committed with how each was found)."""
    raw_dir = Path(raw_dir)
    folder = annotations_dir(raw_dir)
    candidates = all_candidates(candidates_path, raw_dir)
    pass1 = read_pass(folder / "pass1")
    if pass1.empty:
        raise DataError(f"no pass-1 annotations in {folder / 'pass1'}")
    pass2 = read_pass(folder / "pass2")
    reread = read_pass(folder / "reread")
    adjudication = read_adjudication(folder / "adjudication.csv")
    frame, counts = assemble_quotes(candidates, pass1, pass2, adjudication, reread)
    out = Path(out_path) if out_path else raw_dir / QUOTES_FILE
    check_dataset(frame, str(out))
    write_table(frame, out)
    return counts


def all_candidates(candidates_path: str | Path, raw_dir: str | Path) -> pd.DataFrame:
    """The v1 pool (found_by `v1_pool` or `v1_supplement`) and the v2 mined units."""
    candidates_path = Path(candidates_path)
    candidates = read_table(candidates_path)
    supplement = candidates_path.with_name("candidates_supplement.parquet")
    supplement_ids = set(read_table(supplement)["id"]) if supplement.is_file() else set()
    candidates["found_by"] = [
        "v1_supplement" if i in supplement_ids else "v1_pool" for i in candidates["id"]
    ]
    mined_path = Path(raw_dir) / MINED_FILE
    if mined_path.is_file():
        mined = read_table(mined_path)
        candidates = pd.concat([candidates, mined], ignore_index=True)
    return candidates.drop_duplicates("id", keep="first").reset_index(drop=True)


def agreement_report(
    raw_dir: str | Path,
    candidates_path: str | Path | None = None,
    disagreements_path: str | Path | None = None,
) -> Agreement:
    """Kappa between the passes; writes the disagreements (for adjudication) if asked.
    The disagreements file holds text and context: keep it under data/interim/."""
    folder = annotations_dir(raw_dir)
    candidates = read_table(candidates_path) if candidates_path else None
    result = agreement(read_pass(folder / "pass1"), read_pass(folder / "pass2"), candidates)
    if disagreements_path is not None:
        write_table(result.disagreements, disagreements_path)
    return result
