"""Data: the canonical schema, file I/O, benchmark loaders and splits."""

from stance.data.io import read_table, write_table
from stance.data.loaders import load_split, load_splits
from stance.data.schema import COLUMNS, content_hash, validate_frame

__all__ = [
    "COLUMNS",
    "content_hash",
    "load_split",
    "load_splits",
    "read_table",
    "validate_frame",
    "write_table",
]
