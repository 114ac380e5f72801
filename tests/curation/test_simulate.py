"""`stance label simulate`: the loop replayed on a labelled dataset, logged to MLflow."""

from __future__ import annotations

import mlflow
import numpy as np
import pandas as pd
import pytest

from stance.compare import compare, write_comparison
from stance.config import load_config
from stance.curation.simulate import Settings, labels_to_reach, seed_set, simulate
from stance.errors import ConfigError
from tests.conftest import tiny_frame, write_experiment

pytest.importorskip("small_text")


@pytest.fixture
def experiment(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    tiny_frame(6, "tr").to_csv(folder / "train.csv", index=False)
    tiny_frame(1, "va").to_csv(folder / "val.csv", index=False)
    tiny_frame(2, "te").to_csv(folder / "test.csv", index=False)
    return write_experiment(tmp_path / "exp.yaml", folder, delta="model: {C: 10.0}")


def test_seed_set_holds_every_class():
    labels = np.array(["a"] * 95 + ["b"] * 4 + ["c"])
    chosen = seed_set(labels, 5, np.random.default_rng(0))
    assert set(labels[chosen]) == {"a", "b", "c"}
    assert len(set(chosen)) == len(chosen) >= 5


@pytest.mark.slow
def test_simulation_logs_a_parent_per_strategy_and_compare_draws_the_curves(
    experiment, mlflow_store, tmp_path
):
    cfg = load_config(str(experiment))
    settings = Settings(["random", "rare"], rounds=3, batch=6, initial=6, seeds=(1, 2))
    result = simulate(cfg, settings, tmp_path / "out")
    curves = result["curves"]
    assert len(curves) == 2 * 2 * 4
    sizes = curves[curves["seed"] == 1].groupby("strategy")["labels"].apply(list)
    assert all(s[1:] == [s[0] + 6 * k for k in (1, 2, 3)] for s in sizes)
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"learning_curves.png", "curves.csv"}
    # `rare` finds the rare class at least as fast as random on this easy data.
    found = curves.groupby(["strategy", "round"])["found_pro_concession"].mean()
    assert found["rare"][3] >= found["random"][3]

    parent = mlflow.get_run(result["runs"]["rare"])
    assert parent.data.tags["stance.learning_curve"] == "true"
    assert "test_macro_f1_mean" in parent.data.metrics
    children = parent.data.tags["stance.child_runs"].split(",")
    child = mlflow.get_run(children[0])
    assert child.info.experiment_id == parent.info.experiment_id
    assert child.data.tags["mlflow.parentRunId"] == parent.info.run_id
    history = mlflow.tracking.MlflowClient().get_metric_history(children[0], "test_macro_f1")
    assert len(history) == 4 and history[-1].step > history[0].step
    table = pd.read_csv(
        mlflow.artifacts.download_artifacts(f"runs:/{parent.info.run_id}/learning_curve.csv")
    )
    assert {"macro_f1_mean", "macro_f1_sd", "f1_pro_concession_mean"} <= set(table.columns)

    comparison = compare([result["runs"]["random"], result["runs"]["rare"]], resamples=50)
    files = write_comparison(comparison, tmp_path / "compare")
    assert tmp_path / "compare" / "learning_curves.png" in files
    assert "random" in comparison.table["run"].str.cat()


def test_labels_to_reach_and_bad_settings(experiment):
    summary = pd.DataFrame(
        {
            "strategy": ["a", "a", "b", "b"],
            "labels_mean": [10, 20, 10, 20],
            "macro_f1_mean": [0.5, 0.7, 0.6, 0.65],
        }
    )
    reach = labels_to_reach(summary, "macro_f1", [0.6, 0.7])
    assert reach.to_dict(orient="list") == {
        "strategy": ["a", "b"],
        "macro_f1 ≥ 0.60": ["20", "10"],
        "macro_f1 ≥ 0.70": ["20", "not reached"],
    }
    cfg = load_config(str(experiment))
    with pytest.raises(ConfigError, match="--strategy 'clever'"):
        simulate(cfg, Settings(["clever"]))
    with pytest.raises(ConfigError, match="--label 'maybe'"):
        simulate(cfg, Settings(["random"], label="maybe"))
