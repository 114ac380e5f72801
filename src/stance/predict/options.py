"""The defaults of a prediction job, defined once for the CLI and the Python API."""

from __future__ import annotations

from dataclasses import dataclass

# Rows per model call: large, so TF-IDF amortises its per-call work and transformers sort
# more rows by length (they still run their own eval_batch_size through the network).
DEFAULT_BATCH_SIZE = 8192
DEFAULT_CHUNK_ROWS = 50_000
# Longer than any quote: such a cell usually holds a whole article by mistake.
DEFAULT_MAX_CHARS = 10_000
DEFAULT_TEXT_COLUMN = "text"
DEFAULT_TARGET_COLUMN = "target"
ENGINES = ("local", "spark")
DEFAULT_ENGINE = "local"
DEFAULT_MASTER = "local[*]"


@dataclass
class PredictOptions:
    """How `predict_file` reads, screens and batches its input."""

    text_column: str = DEFAULT_TEXT_COLUMN
    target_column: str = DEFAULT_TARGET_COLUMN
    batch_size: int = DEFAULT_BATCH_SIZE
    chunk_rows: int = DEFAULT_CHUNK_ROWS
    max_chars: int = DEFAULT_MAX_CHARS
    strict: bool = False
    precision: str | None = None  # transformer arithmetic; None keeps the logged model's
