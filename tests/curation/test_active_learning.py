"""Query strategies (small-text where it fits) and `stance label suggest`."""

from __future__ import annotations

import mlflow
import numpy as np
import pytest

from stance.config import load_config
from stance.curation import active_learning as al
from stance.errors import ConfigError
from stance.training import train
from tests.conftest import write_experiment
from tests.curation.label_fakes import fake_pool

pytest.importorskip("small_text")

PROBA = np.array(
    [
        [0.98, 0.01, 0.01],  # sure
        [0.40, 0.35, 0.25],  # unsure, small margin
        [0.34, 0.33, 0.33],  # most uncertain, highest entropy
        [0.10, 0.80, 0.10],  # most pro_concession
        [0.50, 0.06, 0.44],  # small margin, low entropy
        [0.05, 0.60, 0.35],
    ]
)
ALL = np.arange(len(PROBA))


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ("uncertainty", [2, 1]),
        ("margin", [2, 1]),
        ("entropy", [2, 1]),
        ("rare", [3, 5]),
    ],
)
def test_strategies_rank_as_defined(strategy, expected):
    picks, scores = al.query(strategy, ALL, 2, seed=0, proba=PROBA, label_index=1)
    assert picks.tolist() == expected
    assert scores[0] >= scores[1]


def test_candidates_limit_the_picks_and_random_is_seeded():
    picks, _ = al.query("uncertainty", np.array([0, 3, 5]), 2, seed=0, proba=PROBA)
    assert set(picks) <= {0, 3, 5}
    first, _ = al.query("random", np.arange(100), 10, seed=4)
    again, _ = al.query("random", np.arange(100), 10, seed=4)
    other, _ = al.query("random", np.arange(100), 10, seed=5)
    assert first.tolist() == again.tolist() != other.tolist()
    assert len(set(first)) == 10


def test_diverse_spreads_over_clusters():
    texts = [f"weapons aid ukraine {i}" for i in range(10)]
    texts += [f"ceasefire talks deal {i}" for i in range(10)]
    texts += [f"grain harvest weather {i}" for i in range(10)]
    embeddings = al.tfidf_embeddings(texts, seed=0)
    picks, _ = al.query("diverse", np.arange(30), 3, seed=0, embeddings=embeddings)
    assert sorted(p // 10 for p in picks) == [0, 1, 2]


def test_strategy_needs():
    with pytest.raises(ConfigError, match="--strategy margin needs --model"):
        al.query("margin", ALL, 2, seed=0)
    with pytest.raises(ConfigError, match="--strategy rare needs --label"):
        al.query("rare", ALL, 2, seed=0, proba=PROBA)
    with pytest.raises(ConfigError, match="choose from"):
        al.query("clever", ALL, 2, seed=0, proba=PROBA)


@pytest.fixture
def model_uri(tmp_path, tiny_dataset, mlflow_store):
    experiment = write_experiment(tmp_path / "exp.yaml", tiny_dataset, delta="model: {C: 10.0}")
    run_id = train(load_config(str(experiment)))["run_id"]
    return f"runs:/{run_id}/model"


@pytest.mark.slow
def test_suggest_picks_and_logs_a_run(model_uri, tmp_path):
    pool = fake_pool(6)
    picked = al.suggest(pool, "rare", 3, 1, model_uri, "pro_concession", exclude={pool["id"][3]})
    assert len(picked) == 3 and pool["id"][3] not in set(picked["id"])
    assert picked["rank"].tolist() == [1, 2, 3]
    assert picked["score"].is_monotonic_decreasing
    assert {"p_pro_aid", "p_pro_concession", "p_neutral"} <= set(picked.columns)
    assert "label" not in picked.columns  # nothing here assigns a label
    run_id = al.log_suggestion(
        picked, tmp_path / "pool.parquet", "abc", "rare", model_uri, 3, 1, "pro_concession", "label"
    )
    run = mlflow.get_run(run_id)
    assert run.data.params["strategy"] == "rare" and run.data.params["pool_hash"] == "abc"
    assert run.data.params["model_uri"] == model_uri
    ids = mlflow.artifacts.load_text(f"runs:/{run_id}/picked_ids.csv")
    assert all(i in ids for i in picked["id"])
    with pytest.raises(ConfigError, match="--label 'maybe'"):
        al.suggest(pool, "rare", 3, 1, model_uri, "maybe")
