"""Raw documents from user files, and their quotes as a table.

A path may be a text file (one document), a folder (every `*.txt` in it) or a
CSV/JSONL/Parquet table with a text column (one document per row).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from stance.data.io import FORMATS, read_table, read_text
from stance.data.schema import check_columns
from stance.errors import DataError
from stance.extract.documents import Document, document_quotes

QUOTE_COLUMNS = [
    "doc_id", "link", "speaker", "quote", "char_start", "char_end", "method", "kind", "parent",
    "speech_probability",
]  # fmt: skip


def _text_file(path: Path) -> Document:
    return Document(doc_id=path.stem, text=read_text(path), source=str(path))


def read_documents(
    path: str | Path, text_column: str = "text", kind: str = "auto", speaker: str | None = None
) -> list[Document]:
    """Documents from a text file, a folder of `*.txt` files, or a table with `text_column`."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.txt"))
        if not files:
            raise DataError(f"{path}: no .txt files in the folder")
        docs = [_text_file(file) for file in files]
    elif path.suffix.lower() in FORMATS:
        table = read_table(path)
        check_columns(table, [text_column], str(path))
        ids = (
            table["id"] if "id" in table.columns else [f"{path.stem}:{i + 1}" for i in table.index]
        )
        links = table["link"] if "link" in table.columns else [""] * len(table)
        docs = [
            Document(doc_id=str(i), text=t, link=str(link), source=str(path))
            for i, t, link in zip(ids, table[text_column], links, strict=True)
        ]
    elif path.is_file():
        docs = [_text_file(path)]
    else:
        raise DataError(f"file not found: {path}")
    return [
        Document(
            doc.doc_id, doc.text, doc.link, source=doc.source, kind=kind, default_speaker=speaker
        )
        for doc in docs
    ]


def quotes_table(
    documents: Iterable[Document], speech_threshold: float | None = None
) -> pd.DataFrame:
    """One row per quote unit: document, speaker, quote text, offsets, the unit's kind (quote,
    turn, address), for a quote nested in another the outer quote's char_start, and where
    the span filter decided the quote (transcripts, texts with question turns) its
    probability that these are someone's said words (`speech_threshold`: keep those at or
    above it instead of the fitted threshold)."""
    rows = [
        {
            "doc_id": quote.doc_id,
            "link": quote.link,
            "speaker": quote.speaker or "",
            "quote": quote.text,
            "char_start": quote.char_start,
            "char_end": quote.char_end,
            "method": quote.method,
            "kind": quote.kind,
            "parent": quote.parent,
            "speech_probability": quote.speech_probability,
        }
        for doc in documents
        for quote in document_quotes(doc, speech_threshold=speech_threshold)
    ]
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return table.astype({"parent": "Int64", "speech_probability": "Float64"})
