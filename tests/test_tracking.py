import mlflow
import pytest
from mlflow.tracking import MlflowClient

from stance import tracking
from stance.config import load_config
from stance.training import start_training_run


def test_safe_params_truncate_long_values():
    params = tracking.safe_params({"short": 1, "long": "x" * 10_000, "none": None})
    assert params["short"] == "1"
    assert len(params["long"]) == tracking.MAX_PARAM_LENGTH
    assert params["long"].endswith("[truncated]")
    assert params["none"] == ""


def test_many_and_long_params_do_not_crash_a_run(mlflow_store):
    cfg = load_config(None, ["tracking.experiment_name=params"])
    with tracking.start_run(cfg.name, experiment=cfg.tracking.experiment_name) as run:
        tracking.log_params({f"p{i}": "v" * 7000 for i in range(250)})
    logged = MlflowClient().get_run(run.info.run_id).data.params
    assert len(logged) == 250


def test_tracking_uri_defaults_to_sqlite_in_project(monkeypatch):
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    assert tracking.tracking_uri().startswith("sqlite:///")
    assert tracking.tracking_uri().endswith("mlflow.db")


@pytest.mark.parametrize(
    ("error", "status"), [(RuntimeError, "FAILED"), (KeyboardInterrupt, "KILLED")]
)
def test_crashed_run_is_never_left_running(mlflow_store, error, status):
    cfg = load_config(None, ["tracking.experiment_name=crash"])
    with (
        pytest.raises(error),
        tracking.start_run(cfg.name, experiment=cfg.tracking.experiment_name),
    ):
        run_id = mlflow.active_run().info.run_id
        raise error("boom")
    assert mlflow.active_run() is None
    assert MlflowClient().get_run(run_id).info.status == status


def test_run_records_commit_and_artifacts_beside_the_store(mlflow_store, tmp_path):
    cfg = load_config(None, ["tracking.experiment_name=where"])
    with start_training_run(cfg) as run:
        tracking.log_config(cfg)
    data = MlflowClient().get_run(run.info.run_id)
    assert data.data.tags["stance.experiment"] == "default"
    assert "mlflow.source.git.commit" in data.data.tags or not (tmp_path / ".git").exists()
    assert data.info.artifact_uri.startswith((tmp_path / "mlartifacts").as_uri())
    assert data.data.params["model.kind"] == "tfidf_lr"


def test_sigterm_marks_the_run_killed(mlflow_store):
    import os
    import signal

    cfg = load_config(None, ["tracking.experiment_name=term"])
    with (
        pytest.raises(SystemExit),
        tracking.start_run(cfg.name, experiment=cfg.tracking.experiment_name),
    ):
        run_id = mlflow.active_run().info.run_id
        os.kill(os.getpid(), signal.SIGTERM)
    assert MlflowClient().get_run(run_id).info.status == "KILLED"
