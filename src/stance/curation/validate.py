"""Checks of the labelled quote dataset: schema, offsets, labels and split leakage.

`validate_dataset` raises DataError (file, row, field) on the first problem and returns
a report otherwise. The offsets are checked against the shared corpora when they are
present; without them that one check is skipped with a notice (CI has no corpora).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from stance.curation.splits import VERSION_FILE, near_duplicate_pairs, normalise_text
from stance.data.dataset import LABELS, QUOTES_FILE, SPLITS, read_dataset, speaker_key
from stance.data.schema import check_unique_ids
from stance.errors import DataError


@dataclass
class ValidationReport:
    units: int = 0
    documents: int = 0
    speakers: int = 0
    per_source: dict[str, int] = field(default_factory=dict)
    per_label: dict[str, int] = field(default_factory=dict)
    split_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    offsets_checked: int = 0
    near_duplicates_checked: int = 0
    version: str = ""
    notices: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"version: {self.version or '(none)'}",
            f"quotes: {self.units} units, {self.documents} documents, {self.speakers} speakers",
            "per source: " + ", ".join(f"{k} {v}" for k, v in self.per_source.items()),
            "per label: " + ", ".join(f"{k} {v}" for k, v in self.per_label.items()),
        ]
        for name, counts in self.split_counts.items():
            out.append(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        out.append(f"offsets checked against the source documents: {self.offsets_checked}")
        out.append(f"near-duplicate pairs with the same label: {self.near_duplicates_checked}")
        return out + [f"notice: {notice}" for notice in self.notices]


def check_offsets(quotes: pd.DataFrame, shared_dir: Path, where: str) -> int:
    """text == document[char_start:char_end] for every row; returns how many were checked."""
    from stance.curation.candidates import iter_documents

    sources = sorted(quotes["source"].unique())
    wanted = set(quotes["doc_id"])
    texts = {doc.doc_id: doc.text for doc in iter_documents(shared_dir, sources)
             if doc.doc_id in wanted}  # fmt: skip
    for position, row in enumerate(quotes.itertuples(index=False), start=1):
        if row.doc_id not in texts:
            raise DataError(
                f"{where}, row {position}, field 'doc_id': document {row.doc_id!r} "
                f"not found in the {row.source} corpus under {shared_dir}"
            )
        start, end = int(row.char_start), int(row.char_end)
        found = texts[row.doc_id][start:end]
        if found != row.text:
            raise DataError(
                f"{where}, row {position}, field 'text': differs from {row.doc_id}"
                f"[{start}:{end}] ({found[:60]!r} in the document)"
            )
    return len(quotes)


def _check_split_rows(name: str, split: pd.DataFrame, raw: pd.DataFrame, where: str) -> None:
    """Every split row is a raw row, unchanged."""
    indexed = raw.set_index("id")
    for position, row in enumerate(split.itertuples(index=False), start=1):
        if row.id not in indexed.index:
            raise DataError(f"{where}, row {position}, field 'id': {row.id!r} is not in quotes.csv")
        original = indexed.loc[row.id]
        for column in ("text", "label", "speaker", "doc_id"):
            if getattr(row, column) != original[column]:
                raise DataError(
                    f"{where}, row {position}, field {column!r}: differs from quotes.csv "
                    f"for id {row.id!r}"
                )


def check_leakage(splits: dict[str, pd.DataFrame], where: str) -> None:
    """No id or document in two splits, no near-duplicate text across splits, and no
    speaker of test_speaker in any other split."""
    check_unique_ids(splits, where)
    seen: dict[str, str] = {}
    for name, frame in splits.items():
        for doc_id in frame["doc_id"].unique():
            if doc_id in seen and seen[doc_id] != name:
                raise DataError(
                    f"{where}: document {doc_id!r} is in both {seen[doc_id]!r} and {name!r}"
                )
            seen[doc_id] = name
    if "test_speaker" in splits:
        held = set(splits["test_speaker"]["speaker"].map(speaker_key))
        for name, frame in splits.items():
            if name == "test_speaker":
                continue
            overlap = frame[frame["speaker"].map(speaker_key).isin(held)]
            if len(overlap):
                row = overlap.iloc[0]
                raise DataError(
                    f"{where}/{name}.csv, id {row['id']!r}, field 'speaker': held-out speaker "
                    f"{row['speaker']!r} of test_speaker is also in {name!r}"
                )
    names = [name for name, frame in splits.items() for _ in range(len(frame))]
    both = pd.concat(list(splits.values()), ignore_index=True)
    norm = both["text"].map(normalise_text)
    first: dict[str, int] = {}
    for index, text in enumerate(norm):
        if text in first and names[first[text]] != names[index]:
            other = first[text]
            raise DataError(
                f"{where}: duplicate text in {names[other]!r} (id {both['id'][other]!r}) and "
                f"{names[index]!r} (id {both['id'][index]!r})"
            )
        first.setdefault(text, index)
    for i, j, score in near_duplicate_pairs(both["text"].tolist()):
        if names[i] != names[j]:
            raise DataError(
                f"{where}: near-duplicate texts (Jaccard {score}) in {names[i]!r} "
                f"(id {both['id'][i]!r}) and {names[j]!r} (id {both['id'][j]!r})"
            )


def check_label_consistency(quotes: pd.DataFrame, where: str) -> int:
    """Near-duplicate texts (the splits' rule) must carry the same label (guidelines,
    rule 5). Returns the number of near-duplicate pairs checked."""
    pairs = near_duplicate_pairs(quotes["text"].tolist())
    labels, ids = quotes["label"].tolist(), quotes["id"].tolist()
    for i, j, score in pairs:
        if labels[i] != labels[j]:
            raise DataError(
                f"{where}: row {i + 1}: field 'label': {labels[i]!r}, but its near-duplicate "
                f"(Jaccard {score}) {ids[j]!r} (row {j + 1}) is {labels[j]!r}"
            )
    return len(pairs)


def check_version(data_dir: Path, processed: Path) -> str:
    """The version in `data/VERSION` must be the one the splits were derived from."""
    version_file = data_dir / VERSION_FILE
    if not version_file.is_file():
        return ""
    version = version_file.read_text("utf-8").strip()
    summary = processed / "splits.json"
    recorded = json.loads(summary.read_text("utf-8")).get("version") if summary.is_file() else None
    if recorded is not None and recorded != version:
        raise DataError(
            f"{summary}: field 'version': splits of {recorded!r}, but {version_file} says "
            f"{version!r} (derive the splits again)"
        )
    return version


def validate_dataset(
    raw_dir: str | Path,
    processed_dir: str | Path,
    shared_dir: str | Path | None = None,
    min_units: int = 0,
) -> ValidationReport:
    """Check `raw_dir/quotes.csv` and the splits in `processed_dir`.

    `shared_dir`: the shared data root; when given and present, every text is compared
    with its source document. `min_units`: fail if quotes.csv holds fewer units.
    """
    report = ValidationReport()
    raw_path = Path(raw_dir) / QUOTES_FILE
    if not raw_path.is_file():
        raise DataError(f"file not found: {raw_path}")
    raw = read_dataset(raw_path)
    if len(raw) < min_units:
        raise DataError(f"{raw_path}: {len(raw)} units, fewer than the {min_units} required")
    report.units = len(raw)
    report.documents = int(raw["doc_id"].nunique())
    report.speakers = int(raw["speaker"].map(speaker_key).nunique())
    report.per_source = raw["source"].value_counts().sort_index().to_dict()
    report.per_label = {label: int((raw["label"] == label).sum()) for label in LABELS}

    corpora = Path(shared_dir) / "corpora" if shared_dir is not None else None
    if corpora is not None and corpora.is_dir():
        report.offsets_checked = check_offsets(raw, Path(shared_dir), str(raw_path))
    else:
        where = shared_dir if shared_dir is not None else "(no shared folder given)"
        report.notices.append(
            f"shared corpora not found at {where}: offsets not checked against the source "
            "documents (only char_end - char_start == len(text))"
        )

    processed = Path(processed_dir)
    splits = {}
    for name in SPLITS:
        path = processed / f"{name}.csv"
        if not path.is_file():
            raise DataError(f"file not found: {path} (derive the splits first)")
        splits[name] = read_dataset(path)
        _check_split_rows(name, splits[name], raw, str(path))
        report.split_counts[name] = {
            "units": len(splits[name]),
            **{label: int((splits[name]["label"] == label).sum()) for label in LABELS},
        }
    check_leakage(splits, str(processed))
    report.version = check_version(Path(raw_dir).parent, processed)
    report.near_duplicates_checked = check_label_consistency(raw, str(raw_path))
    return report
