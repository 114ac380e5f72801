"""Quote-and-speaker extraction from news articles, transcripts, addresses and posts."""

from stance.extract.documents import Document, document_quotes, load_corpus
from stance.extract.extractor import Quote, extract_quotes
from stance.extract.polnear import evaluate_polnear

__all__ = [
    "Document",
    "Quote",
    "document_quotes",
    "evaluate_polnear",
    "extract_quotes",
    "load_corpus",
]
