"""The candidate pool of quote units for annotation, and the annotation batches.

Runs the quote extractor over every shared corpus and the seed article, keeps units of
1-3 sentences said by one named speaker that concern the war, and samples about 3,600
of them with a fixed seed: at most 10 per document, spread over documents, speakers,
countries and dates, over-sampling sources likely to hold `pro_concession` quotes.

The keyword filter only decides what is *sampled*; labels are made later by reading.
Offsets are exact: `text == document.text[char_start:char_end]` for the text the
loaders in `stance.extract.documents` produce.

UN General Debate statements carry only the year; their `date` is the opening day of
that year's debate (2022-09-20, 2023-09-19).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from stance.curation.gazetteer import (
    SPEAKER_FIXES,
    country_table,
    looks_like_person,
    speaker_country,
    ungdc_country_names,
)
from stance.curation.units import (
    CONCESSION,
    NEAR_AFTER,
    NEAR_BEFORE,
    collect_units,
    concerns_war,
    document_units,
    is_clean,
    names_the_war,
    unit_row,
)
from stance.data.dataset import MAX_PER_DOC
from stance.data.io import write_table
from stance.errors import DataError
from stance.extract.documents import Document, load_article, load_corpus

CORPORA = ("kremlin", "zelenskyy", "ungdc", "whitehouse", "mfa")
SOURCES = (*CORPORA, "article")
SEED = 13
BATCH_SIZE = 200
SECOND_PASS_SHARE = 0.2
SECOND_PASS_BATCHES = 4

# Units wanted per source (and stratum); a source that falls short passes its
# shortfall to the others in FILL_ORDER.
QUOTAS: dict[tuple[str, str], int] = {
    ("kremlin", ""): 700,
    ("zelenskyy", ""): 560,
    ("ungdc", ""): 820,
    ("whitehouse", "2022-2024"): 480,
    ("whitehouse", "2025-"): 420,
    ("mfa", ""): 600,
    ("article", ""): 20,
}
FILL_ORDER = [
    ("whitehouse", "2025-"),
    ("kremlin", ""),
    ("ungdc", ""),
    ("whitehouse", "2022-2024"),
    ("zelenskyy", ""),
]
TARGET_SIZE = sum(QUOTAS.values())

CANDIDATE_COLUMNS = [
    "id", "text", "speaker", "source", "date", "target", "doc_id", "link",
    "char_start", "char_end", "speaker_country", "context", "method", "concession_cue",
]  # fmt: skip
BATCH_COLUMNS = ["id", "source", "doc_id", "date", "speaker", "speaker_country", "context", "text"]

# ---------------------------------------------------------------- documents


def iter_documents(shared: Path, sources: Iterable[str] = SOURCES) -> Iterator[Document]:
    """Every document of the named sources; DataError naming what is missing."""
    shared = Path(shared)
    for source in sources:
        try:
            if source == "article":
                for path in sorted((shared / "articles").glob("*.txt")):
                    yield load_article(path)
            else:
                yield from load_corpus(source, shared)
        except FileNotFoundError as exc:
            raise DataError(f"{exc} (shared data folder: {shared})") from None


# ---------------------------------------------------------------- pool


def stratum(source: str, date: str) -> str:
    if source == "whitehouse":
        return "2025-" if date >= "2025" else "2022-2024"
    return ""


def eligible_units(shared: Path, sources: Iterable[str] = SOURCES) -> pd.DataFrame:
    """Every unit that passes the filters (before sampling), one row per unit."""
    raw, names = collect_units(iter_documents(shared, sources), document_units)
    countries = country_table(shared)
    country_names = ungdc_country_names(shared)
    rows = []
    for unit, name in raw:
        doc = unit.doc
        if not looks_like_person(name):
            continue
        speaker = names(name, doc.source)
        if not speaker or not looks_like_person(speaker):
            continue
        text = unit.text
        if not is_clean(text):
            continue
        around = doc.text[max(0, unit.start - NEAR_BEFORE) : unit.end + NEAR_AFTER]
        if doc.source != "article" and not concerns_war(text, around, doc.source):
            continue
        country = speaker_country(doc, unit.label, speaker, countries, country_names)
        row = unit_row(unit, speaker, country, bool(CONCESSION.search(text)))
        rows.append({**row, "stratum": stratum(doc.source, row["date"])})
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.drop_duplicates("id").reset_index(drop=True)


def _weights(frame: pd.DataFrame) -> pd.Series:
    """Sampling weight: concession cues x3, rare speakers up, one speaker's flood down."""
    per_speaker = frame.groupby(["source", "speaker"])["id"].transform("count")
    weight = 1.0 / per_speaker.pow(0.5)
    weight = weight * frame["concession_cue"].map({True: 3.0, False: 1.0})
    strong = pd.Series(
        [names_the_war(t, src) for src, t in zip(frame["source"], frame["text"], strict=True)],
        index=frame.index,
    )
    return weight * strong.map({True: 1.5, False: 1.0})


def sample_pool(
    eligible: pd.DataFrame,
    quotas: dict[tuple[str, str], int] | None = None,
    max_per_doc: int = MAX_PER_DOC,
    seed: int = SEED,
) -> pd.DataFrame:
    """A seeded, weighted sample: at most `max_per_doc` per document, documents taken
    round-robin (each document's best unit first) so the sample spreads widely."""
    quotas = dict(QUOTAS if quotas is None else quotas)
    rng = random.Random(seed)
    frame = eligible.sort_values("id", kind="stable").reset_index(drop=True)
    weights = _weights(frame)
    # Efraimidis-Spirakis keys: weighted sampling without replacement.
    frame["_key"] = [rng.random() ** (1.0 / w) for w in weights]
    frame = frame.sort_values("_key", ascending=False, kind="stable")
    frame["_rank"] = frame.groupby("doc_id").cumcount()
    frame = frame[frame["_rank"] < max_per_doc]
    frame = frame.sort_values(["_rank", "_key"], ascending=[True, False], kind="stable")
    strata = {key: group for key, group in frame.groupby(["source", "stratum"], sort=True)}
    chosen: dict[tuple[str, str], pd.DataFrame] = {}
    shortfall = 0
    for key, quota in quotas.items():
        group = strata.get(key, frame.iloc[:0])
        chosen[key] = group.head(quota)
        shortfall += quota - len(chosen[key])
    for key in FILL_ORDER:
        if shortfall <= 0:
            break
        if key not in strata or key not in chosen:
            continue
        extra = strata[key].iloc[len(chosen[key]) : len(chosen[key]) + shortfall]
        chosen[key] = pd.concat([chosen[key], extra])
        shortfall -= len(extra)
    pool = pd.concat(chosen.values()) if chosen else frame.iloc[:0]
    pool = pool.sort_values(["source", "doc_id", "char_start"], kind="stable")
    pool["speaker"] = pool["speaker"].replace(SPEAKER_FIXES)
    return pool[CANDIDATE_COLUMNS].reset_index(drop=True)


def build_candidates(
    shared: Path,
    out_path: Path,
    batches_dir: Path | None = None,
    seed: int = SEED,
    quotas: dict[tuple[str, str], int] | None = None,
    sources: Iterable[str] = SOURCES,
) -> pd.DataFrame:
    """Extract, filter and sample the pool; write it (Parquet) and the annotation batches."""
    eligible = eligible_units(Path(shared), sources)
    if eligible.empty:
        raise DataError(f"{shared}: no candidate units found (is the shared data there?)")
    pool = sample_pool(eligible, quotas=quotas, seed=seed)
    write_table(pool, out_path)
    if batches_dir is not None:
        write_batches(pool, Path(batches_dir), seed=seed)
    return pool


# ---------------------------------------------------------------- batches


def write_batches(
    pool: pd.DataFrame,
    batches_dir: Path,
    batch_size: int = BATCH_SIZE,
    second_share: float = SECOND_PASS_SHARE,
    second_batches: int = SECOND_PASS_BATCHES,
    seed: int = SEED,
) -> list[Path]:
    """Pass-1 batches (`batch_NN.csv`, every unit once, shuffled so each batch mixes
    sources) and second-pass batches (`second_NN.csv`, a seeded random share)."""
    batches_dir = Path(batches_dir)
    batches_dir.mkdir(parents=True, exist_ok=True)
    for old in [*batches_dir.glob("batch_*.csv"), *batches_dir.glob("second_*.csv")]:
        old.unlink()
    table = pool[BATCH_COLUMNS].sort_values("id", kind="stable")
    shuffled = table.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    count = max(1, math.ceil(len(shuffled) / batch_size))
    paths = []
    for index in range(count):
        part = shuffled.iloc[index::count]  # equal sizes, sources mixed
        paths.append(write_table(part, batches_dir / f"batch_{index + 1:02d}.csv"))
    second = table.sample(frac=second_share, random_state=seed + 1)
    second = second.sample(frac=1.0, random_state=seed + 2).reset_index(drop=True)
    for index in range(second_batches):
        part = second.iloc[index::second_batches]
        paths.append(write_table(part, batches_dir / f"second_{index + 1:02d}.csv"))
    return paths


def pool_summary(pool: pd.DataFrame) -> dict[str, object]:
    """Counts that describe the spread of the pool."""
    return {
        "units": len(pool),
        "per_source": pool["source"].value_counts().sort_index().to_dict(),
        "documents": int(pool["doc_id"].nunique()),
        "documents_per_source": pool.groupby("source")["doc_id"].nunique().to_dict(),
        "speakers": int(pool["speaker"].nunique()),
        "speakers_per_source": pool.groupby("source")["speaker"].nunique().to_dict(),
        "countries": int(pool["speaker_country"].replace("", pd.NA).dropna().nunique()),
        "date_range": [pool["date"].min(), pool["date"].max()],
        "date_range_per_source": {
            s: [g["date"].min(), g["date"].max()] for s, g in pool.groupby("source")
        },
        "max_units_per_document": int(pool.groupby("doc_id").size().max()),
        "concession_cue_share": round(float(pool["concession_cue"].astype(bool).mean()), 3),
        "whitehouse_2025_on": int(
            ((pool["source"] == "whitehouse") & (pool["date"] >= "2025")).sum()
        ),
    }
