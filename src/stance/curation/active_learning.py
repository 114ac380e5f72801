"""Which unlabelled units to read next: query strategies and `stance label suggest`.

The strategies come from small-text (`pip install 'stance[active]'`) where one fits:

| strategy | small-text | picks |
|---|---|---|
| `random` | `RandomSampling` | a seeded random sample |
| `uncertainty` | `LeastConfidence` | the lowest top-class probability |
| `margin` | `BreakingTies` | the smallest gap between the two top classes |
| `entropy` | `PredictionEntropy` | the highest entropy of the class probabilities |
| `diverse` | `EmbeddingKMeans` | the unit nearest each of N k-means centres (TF-IDF + SVD) |
| `rare` | (written here) | the highest probability of one class (`--label`) |

`rare` is written here because small-text has no strategy that ranks by the
probability of a named class: its strategies measure uncertainty or diversity,
while finding the rare `pro_concession` side is a targeted search.

The strategies only choose what annotators read: no label is ever taken from a
model. small-text draws from NumPy's global generator; `query` seeds it for the
call and restores it afterwards.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from stance.errors import ConfigError, SetupError

STRATEGIES = ("random", "uncertainty", "margin", "entropy", "rare", "diverse")
NEEDS_MODEL = ("uncertainty", "margin", "entropy", "rare")
EMBEDDING_DIM = 100


@contextlib.contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Seed NumPy's global generator (small-text and KMeans use it); restore it after."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


def _small_text():
    try:
        import small_text
    except ImportError:
        raise SetupError("active learning needs small-text: pip install 'stance[active]'") from None
    return small_text


class _Scored:
    """small-text asks a classifier for class probabilities; here they are computed."""

    def __init__(self, proba: np.ndarray) -> None:
        self.proba = proba

    def predict_proba(self, dataset) -> np.ndarray:
        return self.proba[np.asarray(dataset)]


def tfidf_embeddings(texts: list[str], seed: int = 0, dim: int = EMBEDDING_DIM) -> np.ndarray:
    """Dense text vectors for clustering: word TF-IDF reduced by truncated SVD."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    matrix = TfidfVectorizer(sublinear_tf=True, min_df=1, ngram_range=(1, 2)).fit_transform(texts)
    dim = max(1, min(dim, matrix.shape[0] - 1, matrix.shape[1] - 1))
    return normalize(TruncatedSVD(dim, random_state=seed).fit_transform(matrix))


def check_strategy(strategy: str, proba: np.ndarray | None, label_index: int | None) -> None:
    if strategy not in STRATEGIES:
        raise ConfigError(f"--strategy {strategy!r}: choose from {', '.join(STRATEGIES)}")
    if strategy in NEEDS_MODEL and proba is None:
        raise ConfigError(f"--strategy {strategy} needs --model (it ranks by class probabilities)")
    if strategy == "rare" and label_index is None:
        raise ConfigError("--strategy rare needs --label (the class to look for)")


def query(
    strategy: str,
    candidates: np.ndarray,
    n: int,
    seed: int,
    proba: np.ndarray | None = None,
    label_index: int | None = None,
    embeddings: np.ndarray | None = None,
    labelled: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Pick `n` of `candidates` (row indices into `proba`/`embeddings`); return the picks,
    best first, and each pick's score (higher = picked sooner; NaN for random/diverse)."""
    check_strategy(strategy, proba, label_index)
    candidates = np.asarray(candidates, dtype=int)
    n = min(n, len(candidates))
    if n <= 0:
        return np.array([], dtype=int), np.array([], dtype=float)
    labelled = np.array([], dtype=int) if labelled is None else np.asarray(labelled, dtype=int)
    if strategy == "rare":
        # Highest p(label) first; ties by position (the pool's id order).
        order = np.lexsort((candidates, -proba[candidates, label_index]))[:n]
        picks = candidates[order]
        return picks, proba[picks, label_index]
    st = _small_text().query_strategies
    size = len(proba) if proba is not None else len(embeddings) if embeddings is not None else 0
    with seeded(seed):
        if strategy == "random":
            picks = st.RandomSampling().query(None, None, candidates, labelled, None, n=n)
            return np.asarray(picks), np.full(len(picks), np.nan)
        if strategy == "diverse":
            if embeddings is None:
                raise ConfigError("--strategy diverse needs embeddings")
            if len(candidates) == n:
                return candidates, np.full(n, np.nan)
            picks = st.EmbeddingKMeans(normalize=True).query(
                None, np.arange(size), candidates, labelled, None, n=n, embeddings=embeddings
            )
            return np.asarray(picks), np.full(len(picks), np.nan)
        measure = {
            "uncertainty": st.LeastConfidence,
            "margin": st.BreakingTies,
            "entropy": st.PredictionEntropy,
        }[strategy]()
        picks = np.asarray(
            measure.query(_Scored(proba), np.arange(size), candidates, labelled, None, n=n)
        )
    # small-text returns the n best unordered; its scores_ are "lower = picked first"
    # for least confidence and margin, "higher" for entropy.
    scores = measure.scores_[picks]
    scores = scores if strategy == "entropy" else -scores
    order = np.lexsort((picks, -scores))
    return picks[order], scores[order]


# ---------------------------------------------------------------- `stance label suggest`


def score_pool(pool: pd.DataFrame, model_uri: str) -> pd.DataFrame:
    """p_<class> of a logged model for every pool unit (in pool order)."""
    from stance.predict.local import load_model, predict_frame

    scored = predict_frame(load_model(model_uri), pool[["id", "text", "target"]])
    return scored[[c for c in scored.columns if c.startswith("p_")]].reset_index(drop=True)


def annotated_ids(raw_dir: Path) -> set[str]:
    """Ids in any annotation file: read already, not to be suggested again."""
    from stance.data.io import read_table

    ids: set[str] = set()
    for path in sorted((Path(raw_dir) / "annotations").rglob("*.csv")):
        table = read_table(path)
        if "id" in table.columns:
            ids.update(table["id"])
    return ids


def suggest(
    pool: pd.DataFrame,
    strategy: str,
    n: int,
    seed: int = 13,
    model_uri: str | None = None,
    label: str | None = None,
    exclude: set[str] | None = None,
) -> pd.DataFrame:
    """The picked pool rows, best first, with `rank`, `score`, `strategy` and the model's
    class probabilities (for the record; never used as labels)."""
    pool = pool.reset_index(drop=True)
    proba_frame = score_pool(pool, model_uri) if model_uri else None
    classes = [c.removeprefix("p_") for c in proba_frame.columns] if proba_frame is not None else []
    label_index = None
    if label is not None and strategy == "rare":
        if proba_frame is not None and label not in classes:
            raise ConfigError(f"--label {label!r}: the model's classes are {', '.join(classes)}")
        label_index = classes.index(label) if label in classes else None
    proba = proba_frame.to_numpy() if proba_frame is not None else None
    check_strategy(strategy, proba, label_index)
    keep = ~pool["id"].isin(exclude or set())
    candidates = np.flatnonzero(keep.to_numpy())
    embeddings = tfidf_embeddings(pool["text"].tolist(), seed) if strategy == "diverse" else None
    picks, scores = query(strategy, candidates, n, seed, proba, label_index, embeddings)
    picked = pool.iloc[picks].copy()
    if proba_frame is not None:
        picked = pd.concat([picked, proba_frame.iloc[picks].set_index(picked.index)], axis=1)
    picked.insert(0, "rank", np.arange(1, len(picks) + 1))
    picked["score"] = scores
    picked["strategy"] = strategy
    return picked.reset_index(drop=True)


def log_suggestion(
    picked: pd.DataFrame,
    pool_path: Path,
    pool_digest: str,
    strategy: str,
    model_uri: str | None,
    n: int,
    seed: int,
    label: str | None,
    experiment: str,
) -> str:
    """One MLflow run: strategy, model URI, pool hash and the picked ids."""
    import mlflow

    from stance import tracking

    tracking.configure()
    experiment_id = tracking.ensure_experiment(experiment)
    tags = {"stance.command": "label suggest", **tracking.git_state()}
    with mlflow.start_run(
        experiment_id=experiment_id, run_name=f"suggest-{strategy}", tags=tags
    ) as run:
        mlflow.log_params(
            tracking.safe_params(
                {
                    "strategy": strategy,
                    "model_uri": model_uri or "",
                    "pool_hash": pool_digest,
                    "pool_path": str(pool_path),
                    "n": n,
                    "seed": seed,
                    "label": label or "",
                    "picked": len(picked),
                }
            )
        )
        columns = ["rank", "id", "score", *[c for c in picked.columns if c.startswith("p_")]]
        mlflow.log_text(picked[columns].to_csv(index=False), "picked_ids.csv")
        return run.info.run_id
