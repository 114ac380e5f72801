"""The unlabelled pool for the annotation loop (`stance label pool`).

One row per eligible quote unit of the shared corpora (the candidate rules of
`curation.candidates`, no per-document cap: `mining.mining_pool`) and of any extra
folder or table of documents, with about CONTEXT characters of the document on each
side. Units already in the dataset or sent to annotators (same id, or a span
overlapping a known unit) and near-duplicates of labelled texts (the splits' rule:
character 5-gram Jaccard >= 0.8) are left out.

The pool is cached under `data/interim/label/cache/`, keyed by the inputs: the
corpora asked for, the size and modification time of every file under them, the
extra documents, the known units, and the source of the extraction code. A second
run with the same inputs reads the cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from stance.data.io import read_table, write_table
from stance.data.schema import check_columns
from stance.errors import DataError

log = logging.getLogger(__name__)

CONTEXT = 600
POOL_COLUMNS = [
    "id",
    "text",
    "speaker",
    "speaker_country",
    "source",
    "date",
    "target",
    "doc_id",
    "link",
    "char_start",
    "char_end",
    "context_before",
    "context_after",
]
DOCUMENTS_SOURCE = "documents"
# Shared folders read by each named corpus (for the cache key).
CORPUS_PATHS = {
    "kremlin": "corpora/zelenskyy_kremlin_2021_2022/putin.csv",
    "zelenskyy": "corpora/zelenskyy_kremlin_2021_2022/zelenskyy.csv",
    "ungdc": "corpora/ungdc_2022_2023",
    "whitehouse": "corpora/whitehouse_briefings_ukraine_2022_2025",
    "mfa": "corpora/russian_mfa_telegram_en",
    "congress_press": "corpora/congress_press_ukraine",
    "congress_record": "corpora/congressional_record_ukraine_2024",
    "article": "articles",
}
# The code whose output the cache holds.
_CODE = ("curation/pool.py", "curation/candidates.py", "curation/mining.py", "extract")


def corpus_names() -> tuple[str, ...]:
    from stance.curation.mining import MINING_SOURCES

    return tuple(MINING_SOURCES)


# ---------------------------------------------------------------- units


def _contexts(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str]:
    """About `width` characters before and after, cut at a space, as they stand."""
    from stance.curation.units import context_bounds

    left, right = context_bounds(text, start, end, width, width)
    return text[left:start], text[end:right]


def document_pool(documents: Iterable) -> pd.DataFrame:
    """Eligible units of documents outside the named corpora (files or a table): the
    candidate rules on speaker and cleanliness; every unit is kept (no war filter,
    as for the seed article)."""
    from stance.curation.gazetteer import (
        KNOWN_COUNTRIES,
        SpeakerNames,
        looks_like_person,
        normalise_speaker,
    )
    from stance.curation.units import document_units, is_clean
    from stance.data.dataset import TARGET

    raw = []
    for doc in documents:
        for unit in document_units(doc):
            raw.append((unit, normalise_speaker(unit.speaker, "article")))
    names = SpeakerNames((DOCUMENTS_SOURCE, n) for _, n in raw if looks_like_person(n))
    rows = []
    for unit, name in raw:
        speaker = names(name, DOCUMENTS_SOURCE) if looks_like_person(name) else ""
        if not speaker or not looks_like_person(speaker) or not is_clean(unit.text):
            continue
        doc = unit.doc
        rows.append(
            {
                "id": f"{doc.doc_id}#{unit.start}",
                "text": unit.text,
                "speaker": speaker,
                "speaker_country": KNOWN_COUNTRIES.get(speaker, doc.speaker_country or ""),
                "source": DOCUMENTS_SOURCE,
                "date": doc.date,
                "target": TARGET,
                "doc_id": doc.doc_id,
                "link": doc.link,
                "char_start": unit.start,
                "char_end": unit.end,
            }
        )
    frame = pd.DataFrame(rows)
    return frame.drop_duplicates("id") if len(frame) else frame


def with_contexts(units: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Add `context_before`/`context_after` from the documents' texts."""
    units = units.copy()
    pairs = [
        _contexts(texts[d], int(s), int(e))
        for d, s, e in zip(units["doc_id"], units["char_start"], units["char_end"], strict=True)
    ]
    units["context_before"] = [p[0] for p in pairs]
    units["context_after"] = [p[1] for p in pairs]
    return units


# ---------------------------------------------------------------- known units


def known_units(raw_dir: Path, candidates_path: Path | None) -> tuple[pd.DataFrame, list[str]]:
    """Units the dataset already holds or has sent to annotators (id, doc_id, offsets),
    and the labelled texts (for the near-duplicate rule)."""
    from stance.data.dataset import QUOTES_FILE

    frames, texts = [], []
    quotes_path = Path(raw_dir) / QUOTES_FILE
    if quotes_path.is_file():
        quotes = read_table(quotes_path)
        frames.append(quotes[["id", "doc_id", "char_start", "char_end"]])
        texts = quotes["text"].tolist()
    if candidates_path is not None and Path(candidates_path).is_file():
        candidates = read_table(candidates_path)
        frames.append(candidates[["id", "doc_id", "char_start", "char_end"]])
    for path in sorted((Path(raw_dir) / "annotations").rglob("*.csv")):
        ids = read_table(path).get("id", pd.Series(dtype=str))
        parts = ids.str.rpartition("#")
        ok = parts[2].str.fullmatch(r"[0-9]+", na=False)  # not isdigit: "²" passes it, int() fails
        frames.append(
            pd.DataFrame(
                {
                    "id": ids[ok],
                    "doc_id": parts[0][ok],
                    "char_start": parts[2][ok],
                    "char_end": parts[2][ok],
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["id", "doc_id", "char_start", "char_end"]), texts
    known = pd.concat(frames, ignore_index=True).drop_duplicates("id")
    return known.astype({"char_start": int, "char_end": int}), texts


def near_duplicates_of(texts: Sequence[str], others: Sequence[str], block: int = 2048):
    """Positions in `others` whose text is a near-duplicate of one of `texts`: the splits'
    rule (normalised text, character 5-gram sets, Jaccard >= 0.8), only across the sets."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    from stance.curation.splits import JACCARD, NGRAM, normalise_text

    if not len(texts) or not len(others):
        return set()

    def prepare(values):
        return [normalise_text(t).ljust(NGRAM) for t in values]

    vectoriser = CountVectorizer(analyzer="char", ngram_range=(NGRAM, NGRAM), binary=True)
    vectoriser.fit([*prepare(texts), *prepare(others)])
    known = vectoriser.transform(prepare(texts)).astype(np.float32).tocsr()
    known_sizes = np.asarray(known.sum(axis=1)).ravel()
    found = set()
    for first in range(0, len(others), block):
        part = vectoriser.transform(prepare(others[first : first + block])).astype(np.float32)
        sizes = np.asarray(part.sum(axis=1)).ravel()
        shared = (part @ known.T).tocoo()
        union = sizes[shared.row] + known_sizes[shared.col] - shared.data
        jaccard = np.divide(shared.data, union, out=np.zeros_like(shared.data), where=union > 0)
        found.update((shared.row[jaccard >= JACCARD] + first).tolist())
    return found


def exclude_known_units(
    units: pd.DataFrame, known: pd.DataFrame, texts: Sequence[str]
) -> pd.DataFrame:
    """Units not known (same id or a span overlapping a known unit's) and not
    near-duplicates of a labelled text."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id, s, e in zip(known["doc_id"], known["char_start"], known["char_end"], strict=True):
        spans.setdefault(doc_id, []).append((int(s), int(e)))

    def overlaps(doc_id: str, start: int, end: int) -> bool:
        return any((start < e and s < end) or s == start for s, e in spans.get(doc_id, ()))

    fresh = units[~units["id"].isin(set(known["id"]))]
    keep = [
        not overlaps(d, int(s), int(e))
        for d, s, e in zip(fresh["doc_id"], fresh["char_start"], fresh["char_end"], strict=True)
    ]
    fresh = fresh[keep].reset_index(drop=True)
    near = near_duplicates_of(list(texts), fresh["text"].tolist())
    return fresh.drop(index=sorted(near)).reset_index(drop=True)


# ---------------------------------------------------------------- cache key


def _fingerprint_path(path: Path, digest) -> None:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if file.exists():
            stat = file.stat()
            digest.update(f"{file}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
        else:
            digest.update(f"{file}|missing\n".encode())


def pool_key(
    shared: Path,
    corpora: Sequence[str],
    documents: Sequence[Path],
    known: pd.DataFrame,
    texts: Sequence[str],
) -> str:
    """A hash of everything the pool depends on."""
    import stance

    digest = hashlib.sha256()
    digest.update(json.dumps(sorted(corpora)).encode())
    for name in sorted(corpora):
        _fingerprint_path(Path(shared) / CORPUS_PATHS[name], digest)
    for path in documents:
        _fingerprint_path(Path(path).resolve(), digest)
    digest.update(pd.util.hash_pandas_object(known.sort_values("id"), index=False).values)
    digest.update("\x1e".join(sorted(texts)).encode())
    package = Path(stance.__file__).parent
    for part in _CODE:
        for file in (
            sorted((package / part).rglob("*.py"))
            if (package / part).is_dir()
            else [package / part]
        ):
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- the pool


def check_corpora(corpora: Sequence[str]) -> None:
    unknown = [c for c in corpora if c not in CORPUS_PATHS]
    if unknown:
        raise DataError(
            f"--corpora: unknown corpus {unknown[0]!r} (choose from {', '.join(CORPUS_PATHS)})"
        )


def compute_pool(
    shared: Path,
    corpora: Sequence[str],
    documents: Sequence[Path],
    known: pd.DataFrame,
    texts: Sequence[str],
    text_column: str = "text",
) -> pd.DataFrame:
    """Extract, filter, exclude what the dataset knows, add contexts."""
    from stance.curation.candidates import iter_documents
    from stance.curation.mining import mining_pool
    from stance.extract.articles import read_documents

    parts, doc_texts = [], {}
    if corpora:
        units = mining_pool(Path(shared), corpora)
        if len(units):
            parts.append(units)
            wanted = set(units["doc_id"])
            for doc in iter_documents(Path(shared), set(units["source"])):
                if doc.doc_id in wanted:
                    doc_texts[doc.doc_id] = doc.text
    for path in documents:
        docs = read_documents(path, text_column)
        units = document_pool(docs)
        if len(units):
            parts.append(units)
            doc_texts.update({d.doc_id: d.text for d in docs})
    if not parts:
        raise DataError(f"no quote units found in {', '.join(corpora) or 'the documents given'}")
    units = pd.concat([p.reindex(columns=POOL_COLUMNS[:11]) for p in parts], ignore_index=True)
    units = units.drop_duplicates("id").astype({"char_start": int, "char_end": int})
    fresh = exclude_known_units(units, known, texts)
    pool = with_contexts(fresh, doc_texts)[POOL_COLUMNS]
    return pool.sort_values("id", kind="stable").reset_index(drop=True)


def build_pool(
    shared: Path,
    output: Path,
    corpora: Sequence[str] | None = None,
    documents: Sequence[Path] = (),
    raw_dir: Path | None = None,
    candidates_path: Path | None = None,
    cache_dir: Path | None = None,
    text_column: str = "text",
) -> tuple[pd.DataFrame, bool]:
    """Write the pool to `output`; return it and whether it came from the cache."""
    from stance import paths

    corpora = tuple(corpus_names() if corpora is None else corpora)
    check_corpora(corpora)
    raw_dir = Path(raw_dir) if raw_dir else paths.raw_data_dir()
    known, texts = known_units(raw_dir, candidates_path)
    key = pool_key(Path(shared), corpora, [Path(d) for d in documents], known, texts)
    cache_dir = Path(cache_dir) if cache_dir else paths.interim_data_dir() / "label" / "cache"
    cached = cache_dir / f"pool-{key}.parquet"
    if cached.is_file():
        pool, from_cache = read_pool(cached), True
    else:
        pool, from_cache = (
            compute_pool(shared, corpora, documents, known, texts, text_column),
            False,
        )
        write_table(pool, cached)
    write_table(pool, output)
    return pool, from_cache


# ---------------------------------------------------------------- reading


def read_pool(path: str | Path) -> pd.DataFrame:
    """A pool file, checked: columns, unique ids, `id == doc_id#char_start`, offsets that
    span the text."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: pool file not found (run `stance label pool`)")
    frame = read_table(path)
    check_columns(frame, POOL_COLUMNS, str(path))
    for position, row in enumerate(frame.itertuples(index=False)):
        where = f"{path}, row {position + 1}"
        if not re.fullmatch(r"\d+", row.char_start) or not re.fullmatch(r"\d+", row.char_end):
            raise DataError(f"{where}, field 'char_start': offsets must be integers")
        if row.id != f"{row.doc_id}#{row.char_start}":
            raise DataError(f"{where}, field 'id': {row.id!r} is not doc_id#char_start")
        if int(row.char_end) - int(row.char_start) != len(row.text):
            raise DataError(f"{where}, field 'char_end': the offsets do not span the text")
    duplicated = frame["id"].duplicated()
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        raise DataError(f"{path}, row {position + 1}, field 'id': duplicate id")
    return frame


def pool_hash(pool: pd.DataFrame) -> str:
    from stance.data.schema import content_hash

    return content_hash(pool, ("id", "text", "char_start", "char_end"))


def pool_summary(pool: pd.DataFrame) -> dict[str, object]:
    return {
        "units": len(pool),
        "per_source": pool["source"].value_counts().sort_index().to_dict(),
        "documents": int(pool["doc_id"].nunique()),
        "speakers": int(pool["speaker"].nunique()),
    }
