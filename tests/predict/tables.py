"""Input tables shared by the local and Spark prediction tests."""

import datetime

import pyarrow as pa

from tests.conftest import tiny_frame


def typed_quotes(rows: int = 30, empty_texts: bool = True) -> pa.Table:
    """Quotes with typed pass-through columns, nulls in each, and (rows 3 and 4) two
    null texts when `empty_texts`."""
    frame = tiny_frame(2).drop(columns=["label"]).head(rows)
    day = datetime.datetime(2024, 11, 26, tzinfo=datetime.UTC)
    count = pa.array([i if i % 4 else None for i in range(rows)], pa.int64())
    texts = [None if empty_texts and i in (3, 4) else t for i, t in enumerate(frame["text"])]
    return pa.table(
        {
            "id": pa.array(frame["id"].tolist(), pa.string()),
            "text": pa.array(texts, pa.string()),
            "count": count,
            "share": pa.array([i / 7 if i % 5 else None for i in range(rows)], pa.float64()),
            "quoted": pa.array([i % 2 == 0 for i in range(rows)], pa.bool_()),
            "when": pa.array(
                [day + datetime.timedelta(hours=i) for i in range(rows)],
                pa.timestamp("us", tz="UTC"),
            ),
            "tags": pa.array([["a", "b"][: i % 3] for i in range(rows)], pa.list_(pa.string())),
            "source": pa.array(["x", "y", "x"] * (rows // 3)).dictionary_encode(),
        }
    )
