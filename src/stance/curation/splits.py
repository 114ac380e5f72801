"""Deterministic splits of the labelled quote dataset.

From `data/raw/quotes.csv` to `data/processed/{train,validation,test,test_speaker}.csv`:

1. exact duplicates (same normalised text) are dropped, keeping the smallest id;
2. `test_speaker`: whole speakers, drawn with a fixed seed until they hold about 10% of
   the units, held out of every other split. Units of other speakers in the documents
   of held-out speakers are dropped, so that no document is in two splits;
3. documents that share a near-duplicate (character 5-gram Jaccard >= 0.8) are joined
   into one group, so near-duplicates never straddle train/validation/test; near
   duplicates of held-out-speaker units elsewhere are dropped from `test_speaker`;
4. the groups are assigned to train/validation/test (70/15/15 of units), greedily,
   largest first, to the split whose label counts fall furthest short of its share.

Every step is reported in `data/processed/splits.json` and `SPLITS.md`.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

from stance.data.dataset import (
    DATASET_COLUMNS,
    LABELS,
    QUOTES_FILE,
    SPLITS,
    read_dataset,
    speaker_key,
)
from stance.data.io import write_table
from stance.data.schema import content_hash
from stance.errors import DataError

SEED = 13
FRACTIONS = {"train": 0.70, "validation": 0.15, "test": 0.15}
SPEAKER_SHARE = 0.10
MAX_SPEAKER_SHARE = 0.03  # speakers larger than this are never held out whole
# The rare class needs enough units to be scored at all (v2): at least this many in
# test_speaker (from both Russian/Belarusian and other speakers) and in test.
RARE_LABEL = "pro_concession"
MIN_RARE_HELD_OUT = 40
MIN_RARE_TEST = 60
RUSSIA_BELARUS = "russia_belarus"
VERSION_FILE = "VERSION"  # beside raw/: the dataset version, recorded in splits.json
NGRAM = 5
JACCARD = 0.8


def normalise_text(text: str) -> str:
    """Lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"\w+", str(text).lower()))


def near_duplicate_pairs(
    texts: list[str], threshold: float = JACCARD, ngram: int = NGRAM, block: int = 512
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose character n-gram sets have Jaccard >= threshold."""
    normalised = [normalise_text(t) for t in texts]
    if len(normalised) < 2:
        return []
    padded = [t if len(t) >= ngram else t.ljust(ngram) for t in normalised]
    vectoriser = CountVectorizer(analyzer="char", ngram_range=(ngram, ngram), binary=True)
    matrix = vectoriser.fit_transform(padded).tocsr().astype(np.float32)
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    pairs = []
    for first in range(0, matrix.shape[0], block):
        shared = (matrix[first : first + block] @ matrix.T).tocoo()
        rows = shared.row + first
        keep = rows < shared.col
        rows, cols, inter = rows[keep], shared.col[keep], shared.data[keep]
        union = sizes[rows] + sizes[cols] - inter
        jaccard = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        for i, j, score in zip(rows, cols, jaccard, strict=True):
            if score >= threshold:
                pairs.append((int(i), int(j), round(float(score), 4)))
    return sorted(pairs)


class _Groups:
    """Union-find over document ids."""

    def __init__(self, items) -> None:
        self.parent = {item: item for item in items}

    def find(self, item):
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a, b) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@dataclass
class SplitResult:
    splits: dict[str, pd.DataFrame]
    report: dict[str, object] = field(default_factory=dict)


def _held_out_speakers(frame: pd.DataFrame, share: float, seed: int) -> tuple[list[str], set]:
    """Speakers (by key) to hold out, and the ids of other speakers' units in their docs.

    A first pass makes sure every label is held out at least half its share (the rare
    label at least MIN_RARE_HELD_OUT units, about half of them from speakers outside
    Russia and Belarus where a `speaker_group` column says who is who), a second fills
    the split to `share` at random.
    """
    total = len(frame)
    keys = frame["speaker"].map(speaker_key)
    counts = keys.value_counts()
    by_label = pd.crosstab(keys, frame["label"]).reindex(columns=list(LABELS), fill_value=0)
    minimum = {lab: max(1, int(0.5 * share * by_label[lab].sum())) for lab in LABELS}
    rare_total = int(by_label[RARE_LABEL].sum()) if RARE_LABEL in by_label else 0
    minimum[RARE_LABEL] = max(minimum.get(RARE_LABEL, 1), min(MIN_RARE_HELD_OUT, rare_total // 4))
    candidates = sorted(k for k, n in counts.items() if n <= max(1, MAX_SPEAKER_SHARE * total))
    random.Random(seed).shuffle(candidates)
    chosen: list[str] = []
    held = Counter()

    def take(key: str) -> None:
        docs = set(frame.loc[keys == key, "doc_id"])
        others = frame[frame["doc_id"].isin(docs) & ~keys.isin([*chosen, key])]
        if len(others) > 0.5 * counts[key]:
            return  # holding this speaker out would cost more units than it gives
        chosen.append(key)
        held.update(by_label.loc[key].to_dict())

    if "speaker_group" in frame.columns and RARE_LABEL in by_label:
        russian = set(keys[frame["speaker_group"] == RUSSIA_BELARUS])
        half = minimum[RARE_LABEL] // 2
        for side in (True, False):  # Russian/Belarusian speakers, then everyone else
            got = 0
            for key in candidates:
                if got >= half:
                    break
                if (key in russian) == side and key not in chosen and by_label.loc[key, RARE_LABEL]:
                    before = len(chosen)
                    take(key)
                    if len(chosen) > before:
                        got += int(by_label.loc[key, RARE_LABEL])
    for label in sorted(LABELS, key=lambda lab: by_label[lab].sum()):  # rarest first
        for key in candidates:
            if held[label] >= minimum[label]:
                break
            if key not in chosen and by_label.loc[key, label]:
                take(key)
    for key in candidates:
        if sum(held.values()) >= share * total:
            break
        if key not in chosen:
            take(key)
    held_docs = set(frame.loc[keys.isin(chosen), "doc_id"])
    dropped = set(frame.loc[frame["doc_id"].isin(held_docs) & ~keys.isin(chosen), "id"])
    return chosen, dropped


def _assign(groups: dict[str, pd.DataFrame], seed: int) -> dict[str, str]:
    """Group -> split, largest groups first, filling each split's label quota."""
    total = Counter()
    for members in groups.values():
        total.update(members["label"])
    target = {s: {lab: f * total[lab] for lab in LABELS} for s, f in FRACTIONS.items()}
    if RARE_LABEL in target["test"] and total[RARE_LABEL]:
        wanted = min(MIN_RARE_TEST, 0.3 * total[RARE_LABEL])
        extra = max(0.0, wanted - target["test"][RARE_LABEL])
        target["test"][RARE_LABEL] += extra
        target["train"][RARE_LABEL] -= extra
    current = {s: Counter() for s in FRACTIONS}
    rng = random.Random(seed)
    order = sorted(groups, key=lambda g: (-len(groups[g]), rng.random()))
    assignment = {}
    for group in order:
        labels = Counter(groups[group]["label"])

        def need(split: str, labels=labels) -> tuple[float, float]:
            gain = sum(
                n * (target[split][lab] - current[split][lab]) / max(target[split][lab], 1.0)
                for lab, n in labels.items()
            )
            room = sum(target[split].values()) - sum(current[split].values())
            return gain, room

        best = max(FRACTIONS, key=need)
        assignment[group] = best
        current[best].update(labels)
    return assignment


def derive_splits(quotes: pd.DataFrame, seed: int = SEED) -> SplitResult:
    """Split a checked quotes table; deterministic for a given table and seed."""
    frame = quotes.sort_values("id", kind="stable").reset_index(drop=True)
    report: dict[str, object] = {"seed": seed, "input_units": len(frame)}
    # 1. exact duplicates
    norm = frame["text"].map(normalise_text)
    duplicated = norm.duplicated(keep="first")
    report["dropped_exact_duplicates"] = frame.loc[duplicated, "id"].tolist()
    frame = frame[~duplicated].reset_index(drop=True)
    # 2. speakers held out
    chosen, dropped = _held_out_speakers(frame, SPEAKER_SHARE, seed)
    keys = frame["speaker"].map(speaker_key)
    held = keys.isin(chosen)
    report["test_speaker_speakers"] = sorted(frame.loc[held, "speaker"].unique().tolist())
    report["dropped_sharing_doc_with_held_out_speaker"] = sorted(dropped)
    frame_held = frame[held].reset_index(drop=True)
    pool = frame[~held & ~frame["id"].isin(dropped)].reset_index(drop=True)
    # 3. near duplicates
    both = pd.concat([pool, frame_held], ignore_index=True)
    pairs = near_duplicate_pairs(both["text"].tolist())
    groups = _Groups(pool["doc_id"].unique())
    linked, drop_held = [], set()
    for i, j, score in pairs:
        a, b = both.iloc[i], both.iloc[j]
        a_held, b_held = i >= len(pool), j >= len(pool)
        if a_held and b_held:
            continue
        if a_held or b_held:
            drop_held.add((a if a_held else b)["id"])
            continue
        if a["doc_id"] != b["doc_id"]:
            groups.union(a["doc_id"], b["doc_id"])
            linked.append({"ids": [a["id"], b["id"]], "jaccard": score})
    report["near_duplicate_pairs"] = len(pairs)
    report["near_duplicates_grouped"] = linked
    report["dropped_from_test_speaker_as_near_duplicates"] = sorted(drop_held)
    frame_held = frame_held[~frame_held["id"].isin(drop_held)]
    # 4. grouped, stratified assignment
    pool["_group"] = pool["doc_id"].map(groups.find)
    assignment = _assign(dict(tuple(pool.groupby("_group", sort=True))), seed)
    pool["_split"] = pool["_group"].map(assignment)
    splits = {name: pool[pool["_split"] == name][DATASET_COLUMNS] for name in FRACTIONS}
    splits["test_speaker"] = frame_held[DATASET_COLUMNS]
    splits = {
        name: table.sort_values("id", kind="stable").reset_index(drop=True)
        for name, table in splits.items()
    }
    report["counts"] = {
        name: {"units": len(t), **{lab: int((t["label"] == lab).sum()) for lab in LABELS}}
        for name, t in splits.items()
    }
    report["documents"] = {name: int(t["doc_id"].nunique()) for name, t in splits.items()}
    report["speakers"] = {name: int(t["speaker"].nunique()) for name, t in splits.items()}
    report["content_hash"] = {name: content_hash(t) if len(t) else "" for name, t in splits.items()}
    return SplitResult(splits, report)


def splits_markdown(report: dict[str, object]) -> str:
    counts = report["counts"]
    lines = [
        "# Splits of the labelled quote dataset",
        "",
        "Derived from `data/raw/quotes.csv` by `stance.curation.splits.write_splits`; "
        "regenerate, don't edit.",
        "",
        f"| split | units | documents | speakers | {' | '.join(LABELS)} |",
        f"|---|---|---|---|{'---|' * len(LABELS)}",
    ]
    for name in SPLITS:
        row = counts[name]
        labels = " | ".join(str(row[lab]) for lab in LABELS)
        lines.append(
            f"| {name} | {row['units']} | {report['documents'][name]} | "
            f"{report['speakers'][name]} | {labels} |"
        )
    lines += [
        "",
        f"- seed {report['seed']}; {report['input_units']} units in `quotes.csv`",
        f"- exact duplicates dropped: {len(report['dropped_exact_duplicates'])}",
        f"- near-duplicate pairs (char {NGRAM}-gram Jaccard >= {JACCARD}): "
        f"{report['near_duplicate_pairs']}; documents joined into one group: "
        f"{len(report['near_duplicates_grouped'])} pairs; dropped from test_speaker: "
        f"{len(report['dropped_from_test_speaker_as_near_duplicates'])}",
        f"- held-out speakers ({len(report['test_speaker_speakers'])}): "
        + ", ".join(report["test_speaker_speakers"]),
        "- units dropped because they share a document with a held-out speaker: "
        f"{len(report['dropped_sharing_doc_with_held_out_speaker'])}",
        "",
        "Details (ids) are in `splits.json`.",
        "",
    ]
    return "\n".join(lines)


def write_splits(raw_dir: str | Path, processed_dir: str | Path, seed: int = SEED) -> dict:
    """Read `raw_dir/quotes.csv`, derive the splits and write them with their report."""
    raw_path = Path(raw_dir) / QUOTES_FILE
    if not raw_path.is_file():
        raise DataError(f"file not found: {raw_path} (assemble it from the annotations first)")
    result = derive_splits(read_dataset(raw_path), seed=seed)
    version_file = Path(raw_dir).parent / VERSION_FILE
    if version_file.is_file():
        result.report = {"version": version_file.read_text("utf-8").strip(), **result.report}
    processed = Path(processed_dir)
    for name in SPLITS:
        write_table(result.splits[name], processed / f"{name}.csv")
    summary = processed / "splits.json"
    summary.write_text(json.dumps(result.report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (processed / "SPLITS.md").write_text(splits_markdown(result.report), encoding="utf-8")
    return result.report
