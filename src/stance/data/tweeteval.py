"""Loader for the TweetEval stance layout.

`<root>/<target>/<split>_text.txt` holds one tweet per line and
`<root>/<target>/<split>_labels.txt` the matching label id; `mapping.txt` maps
ids to names (0 none, 1 against, 2 favor).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from stance.data.io import read_text
from stance.errors import DataError


def _read_lines(path: Path, encoding: str) -> list[str]:
    text = read_text(path, encoding)
    return text.rstrip("\n").split("\n") if text.strip() else []


def read_mapping(root: Path) -> dict[str, str]:
    """Label ids to names from `mapping.txt` (tab-separated `id name`)."""
    path = root / "mapping.txt"
    mapping = {}
    for row, line in enumerate(_read_lines(path, "utf-8"), start=1):
        parts = line.split()
        if len(parts) != 2:
            raise DataError(f"{path}, row {row}: expected 'id<TAB>name', got {line!r}")
        mapping[parts[0]] = parts[1]
    return mapping


def list_targets(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir())


def iter_tweeteval_split(
    root: Path, split: str, targets: list[str] | None = None, encoding: str = "utf-8"
) -> Iterator[tuple[Path, pd.DataFrame]]:
    """One split (`train`, `val` or `test`), as (labels file, frame) per target.

    Frames are in the canonical schema; labels are the raw ids from the files
    (map them with `read_mapping`). Row i of a frame is line i of its files.
    """
    for target in targets or list_targets(root):
        folder = root / target
        if not folder.is_dir():
            raise DataError(f"{root}: no folder for target {target!r}")
        text_path = folder / f"{split}_text.txt"
        label_path = folder / f"{split}_labels.txt"
        texts = _read_lines(text_path, encoding)
        labels = [label.strip() for label in _read_lines(label_path, encoding)]
        if len(texts) != len(labels):
            raise DataError(
                f"{label_path}: {len(labels)} labels for {len(texts)} texts in {text_path.name}"
            )
        yield (
            label_path,
            pd.DataFrame(
                {
                    "id": [f"{target}-{split}-{i:05d}" for i in range(1, len(texts) + 1)],
                    "text": [text.strip() for text in texts],
                    "speaker": "",
                    "source": "tweeteval",
                    "date": "",
                    "target": target,
                    "label": labels,
                }
            ),
        )
