"""Training on several processes: one run, one model, metrics of a one-process evaluation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import mlflow
import numpy as np
import pandas as pd
import pytest
from mlflow.tracking import MlflowClient

from stance import distributed
from stance.config import load_config
from stance.errors import ConfigError
from stance.evaluate import evaluate_model
from stance.predict.local import predict_frame
from stance.training import start_training_run, train
from tests.conftest import LABELS, PROJECT, tiny_transformer_overrides, write_experiment

PROBABILITIES = [f"p_{label}" for label in LABELS]


def launch(processes: int, *command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`torchrun --standalone --nproc_per_node N -m stance.cli ...` with this interpreter."""
    launcher = [sys.executable, "-m", "torch.distributed.run", "--standalone"]
    return subprocess.run(
        [*launcher, f"--nproc_per_node={processes}", "-m", "stance.cli", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def child_env(store: str) -> dict[str, str]:
    path = os.pathsep.join(
        filter(None, [str(PROJECT / "src"), str(PROJECT), os.environ.get("PYTHONPATH")])
    )
    return {
        **os.environ,
        "MLFLOW_TRACKING_URI": store,
        "HF_HUB_OFFLINE": "1",
        "OMP_NUM_THREADS": "1",
        "PYTHONPATH": path,
    }


@pytest.mark.slow
def test_two_processes_log_one_run_whose_metrics_match_one_process(
    tiny_backbone, tiny_dataset, tmp_path, mlflow_store
):
    experiment = write_experiment(tmp_path / "exp.yaml", tiny_dataset, model="transformer")
    overrides = [*tiny_transformer_overrides(tiny_backbone, epochs=5), "model.learning_rate=0.005"]
    done = launch(2, "train", str(experiment), *overrides, env=child_env(mlflow_store))
    assert done.returncode == 0, done.stderr[-3000:]

    client = MlflowClient()
    experiment_id = client.get_experiment_by_name("tiny").experiment_id
    [run] = client.search_runs([experiment_id])
    assert run.info.status == "FINISHED"
    assert run.data.params["training.processes"] == "2"
    assert len(client.search_logged_models(experiment_ids=[experiment_id])) == 1
    [version] = client.search_model_versions("name='tiny-model'")
    assert version.run_id == run.info.run_id
    logged = [a.path for a in client.list_artifacts(run.info.run_id, "predictions")]
    assert sorted(logged) == ["predictions/test.csv", "predictions/validation.csv"]

    # One process evaluates the logged model on the same test split.
    metrics = evaluate_model("models:/tiny-model/1", str(tiny_dataset / "test.csv"))
    shared = {name for name in metrics if f"test_{name}" in run.data.metrics}
    assert {"accuracy", "macro_f1", "f_avg", "f_avg_ci_low"} <= shared
    for name in shared:
        assert run.data.metrics[f"test_{name}"] == pytest.approx(metrics[name], abs=1e-9)
    # Gathered rows keep their order: each row's probabilities are its own.
    gathered = pd.read_csv(
        mlflow.artifacts.download_artifacts(f"{run.info.artifact_uri}/predictions/test.csv")
    )
    test = pd.read_csv(tiny_dataset / "test.csv")
    assert gathered["id"].tolist() == test["id"].tolist()
    alone = predict_frame("models:/tiny-model/1", test.drop(columns=["label"]))
    np.testing.assert_allclose(gathered[PROBABILITIES], alone[PROBABILITIES], atol=1e-5)


def test_scikit_learn_models_refuse_several_processes(tiny_experiment, monkeypatch):
    monkeypatch.setenv("WORLD_SIZE", "2")
    with pytest.raises(ConfigError, match="model tfidf_lr trains in one process"):
        train(load_config(str(tiny_experiment)))


def test_helpers_are_no_ops_in_one_process(tmp_path, monkeypatch):
    monkeypatch.delenv("WORLD_SIZE", raising=False)
    monkeypatch.delenv("RANK", raising=False)
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0]})
    assert distributed.is_main_process() and distributed.world_size() == 1
    assert distributed.broadcast("a") == "a" and distributed.all_gather("a") == ["a"]
    np.testing.assert_array_equal(distributed.gathered_rows(lambda f: f.to_numpy(), frame), frame)
    with distributed.shared_temp_dir("stance-test-") as folder:
        assert Path(folder).is_dir()
    assert not Path(folder).exists()


def test_other_processes_open_no_run_and_log_nothing(tiny_experiment, mlflow_store, monkeypatch):
    from stance import tracking

    monkeypatch.setenv("RANK", "1")
    cfg = load_config(str(tiny_experiment))
    with start_training_run(cfg) as run:
        assert run.info.run_id is None and mlflow.active_run() is None
        tracking.log_config(cfg)
        tracking.log_metrics({"x": 1.0})
    assert MlflowClient().get_experiment_by_name("tiny") is None
