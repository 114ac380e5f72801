"""A small pool for the annotation-loop tests (no shared data needed)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stance.curation.pool import POOL_COLUMNS
from stance.data.io import write_table

TEXTS = [
    ("Ukraine must get more weapons for as long as it takes.", "Alpha Person"),
    ("The war must end with a deal on the current front line.", "Beta Leader"),
    ("Our delegation met in Geneva to discuss grain exports.", "Gamma Speaker"),
    ("Kyiv should accept the new realities on the ground.", "Sergey Lavrov"),
    ("We will keep up our support for Ukraine's fight.", "Delta Minister"),
    ("The weather delayed the convoy near the border today.", "Echo Official"),
]


def fake_pool(count: int = 6) -> pd.DataFrame:
    rows = []
    for i in range(count):
        text, speaker = TEXTS[i % len(TEXTS)]
        text = text if i < len(TEXTS) else f"{text[:-1]} ({i})."
        before = f"Context before unit {i}. {speaker} spoke at length.\n"
        after = f" Context after unit {i}, with <angle> & ampersand."
        start = 100 + 7 * i
        rows.append(
            {
                "id": f"ungdc:D{i:03d}#{start}",
                "text": text,
                "speaker": speaker,
                "speaker_country": "AAA",
                "source": "ungdc",
                "date": "2022-09-20",
                "target": "ukraine_war_end",
                "doc_id": f"ungdc:D{i:03d}",
                "link": "",
                "char_start": str(start),
                "char_end": str(start + len(text)),
                "context_before": before,
                "context_after": after,
            }
        )
    return pd.DataFrame(rows, columns=POOL_COLUMNS)


def write_pool(folder: Path, count: int = 6) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_table(fake_pool(count), folder / "pool.parquet")
