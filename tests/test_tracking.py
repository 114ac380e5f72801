import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import mlflow
import pytest
from mlflow.tracking import MlflowClient
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from stance import tracking
from stance.config import load_config
from stance.errors import StanceError
from stance.training import start_training_run, train


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


DIES_IN_A_RUN = """
import os, signal, sys
from mlflow import MlflowClient
from stance import tracking
tracking._reaped.add(os.environ["MLFLOW_TRACKING_URI"])  # leave the other child's run alone
with tracking.start_run("doomed", experiment="reap") as run:
    model = MlflowClient().create_logged_model(
        run.info.experiment_id, name="model", source_run_id=run.info.run_id
    )
    print(run.info.run_id, model.model_id, flush=True)
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
"""


def _run_and_die(signal_name: str, uri: str):
    import os
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-c", DIES_IN_A_RUN, signal_name],
        env={**os.environ, "MLFLOW_TRACKING_URI": uri},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_runs_and_models_of_killed_processes_are_closed(mlflow_store, monkeypatch):
    from typer.testing import CliRunner

    from stance.cli import app

    tracking.configure()
    tracking.ensure_experiment("reap")  # the store exists before two processes open it
    children = {name: _run_and_die(name, mlflow_store) for name in ("SIGKILL", "SIGTERM")}
    ids = {}
    for name, child in children.items():
        out, err = child.communicate(timeout=120)
        ids[name] = out.split()
        assert child.returncode != 0 and len(ids[name]) == 2, err[-2000:]
    client = MlflowClient()
    killed_run, killed_model = ids["SIGKILL"]
    termed_run, termed_model = ids["SIGTERM"]
    assert client.get_run(killed_run).info.status == "RUNNING"  # what SIGKILL leaves
    assert client.get_logged_model(killed_model).status == "PENDING"
    assert client.get_run(termed_run).info.status == "KILLED"
    assert client.get_logged_model(termed_model).status == "PENDING"  # SIGTERM in log_model

    with tracking.start_run("alive", experiment="reap") as alive:
        reused = client.create_run(alive.info.experiment_id, tags=tracking.process_tags())
        client.set_tag(reused.info.run_id, tracking.START_TAG, "an earlier process")
        monkeypatch.setattr(tracking, "_reaped", set())
        tracking.configure()  # any command that opens the store cleans up
        assert client.get_run(alive.info.run_id).info.status == "RUNNING"
    assert client.get_run(killed_run).info.status == "KILLED"
    assert "died" in client.get_run(killed_run).data.tags[tracking.REAPED_TAG]
    assert client.get_run(reused.info.run_id).info.status == "KILLED"  # same pid, other process
    assert client.get_logged_model(killed_model).status == "FAILED"
    assert client.get_logged_model(termed_model).status == "FAILED"
    assert client.get_run(alive.info.run_id).info.status == "FINISHED"

    result = CliRunner().invoke(app, ["runs", "clean"])
    assert result.exit_code == 0, result.output
    assert "marked 0 runs KILLED and 0 models FAILED" in result.stderr


def test_runs_clean_marks_a_dead_process_run(mlflow_store):
    from typer.testing import CliRunner

    from stance.cli import app

    tracking.configure()
    client = MlflowClient()
    experiment = tracking.ensure_experiment("clean")
    tags = {**tracking.process_tags(), tracking.PID_TAG: "99999999"}
    stale = client.create_run(experiment, tags=tags)
    result = CliRunner().invoke(app, ["runs", "clean"])
    assert result.exit_code == 0, result.output
    assert f"killed run {stale.info.run_id}" in result.stdout
    assert client.get_run(stale.info.run_id).info.status == "KILLED"
    other_host = client.create_run(experiment, tags={**tags, tracking.HOST_TAG: "elsewhere"})
    assert tracking.reap_stale_runs() == ([], [])
    assert client.get_run(other_host.info.run_id).info.status == "RUNNING"


def test_every_run_records_its_process(mlflow_store):
    import os

    with tracking.start_run("mine", experiment="process") as run:
        pass
    tags = MlflowClient().get_run(run.info.run_id).data.tags
    assert tags[tracking.PID_TAG] == str(os.getpid())
    assert tags[tracking.HOST_TAG] == os.uname().nodename
    assert tags[tracking.START_TAG]


@pytest.fixture
def tfidf_model_folder(mlflow_store, tiny_experiment, tmp_path):
    """A tiny TF-IDF model, logged by `stance train`, downloaded as a plain folder."""
    run_id = train(load_config(str(tiny_experiment)))["run_id"]
    return Path(mlflow.artifacts.download_artifacts(f"runs:/{run_id}/model", dst_path=tmp_path))


IMPORTED_BY_THE_MODEL = """
import json, sys
import mlflow.pyfunc, pandas as pd
before = {name.split(".")[0] for name in sys.modules}
model = mlflow.pyfunc.load_model(sys.argv[1])
model.predict(pd.DataFrame({"text": ["Send more weapons to Ukraine"] * 3}))
after = {name.split(".")[0] for name in sys.modules}
print(json.dumps(sorted(after - before)))
"""


# Imported when installed, never needed: the model runs without them.
OPTIONAL_IMPORTS = {"rich"}  # scikit-learn's progress bar (sklearn/callback/_progressbar.py)


def _with_dependencies(names: set[str]) -> set[str]:
    """Distributions and everything they require, transitively (normalised names)."""
    found, todo = set(), [canonicalize_name(n) for n in names]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return found


@pytest.mark.slow
def test_logged_requirements_cover_what_the_model_imports(tfidf_model_folder):
    """Every package a TF-IDF model imports when it loads and predicts (numba included)
    is in its requirements.txt, or installed by one that is."""
    lines = (tfidf_model_folder / "requirements.txt").read_text().split()
    required = {canonicalize_name(Requirement(line).name) for line in lines}
    assert "numba" in required and all("==" in line for line in lines)
    imported = json.loads(
        subprocess.run(
            [sys.executable, "-c", IMPORTED_BY_THE_MODEL, str(tfidf_model_folder)],
            capture_output=True, text=True, check=True,
        ).stdout.splitlines()[-1]
    )  # fmt: skip
    owners = metadata.packages_distributions()
    needed = {canonicalize_name(d) for m in imported for d in owners.get(m, [])}
    needed -= {"stance", *OPTIONAL_IMPORTS}
    assert "numba" in needed  # the kernels really are imported at predict time
    assert needed <= _with_dependencies(required), needed - _with_dependencies(required)


FRESH_ENV_PREDICT = """
import sys
import mlflow.pyfunc, pandas as pd
model = mlflow.pyfunc.load_model(sys.argv[1])
print(model.predict(pd.DataFrame({"text": ["Send more weapons to Ukraine now"]}))["label"][0])
"""


@pytest.mark.slow
def test_a_logged_model_predicts_in_a_fresh_env_from_its_requirements(tfidf_model_folder):
    """What `mlflow models serve --env-manager virtualenv` does: a new virtualenv with only
    the model's requirements.txt (from PyPI, through pip's cache), no stance installed."""
    bare = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}  # no PYTHONPATH
    venv = tfidf_model_folder.parent / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(tfidf_model_folder / "requirements.txt")],
        capture_output=True, text=True, env=bare,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-2000:]
    found = subprocess.run(
        [python, "-c", "import importlib.util; print(importlib.util.find_spec('stance'))"],
        capture_output=True, text=True, cwd=tfidf_model_folder.parent, env=bare,
    )  # fmt: skip
    assert found.stdout.strip() == "None"  # the model brings its own code (code_paths)
    result = subprocess.run(
        [python, "-c", FRESH_ENV_PREDICT, str(tfidf_model_folder)],
        capture_output=True, text=True, cwd=tfidf_model_folder.parent, env=bare,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-1] in {"pro_aid", "pro_concession", "neutral"}


def test_requirements_come_from_the_models_modules():
    class Kernels:
        pyfunc_modules = ("numba",)

    pins = tracking.pip_requirements(Kernels())
    assert f"numba=={metadata.version('numba')}" in pins
    assert "scikit-learn==" in " ".join(pins) and "PyYAML==" in " ".join(pins)
    with pytest.raises(StanceError, match="object declares no pyfunc_modules"):
        tracking.pip_requirements(object())


def test_a_copy_without_git_names_its_commit_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCE_PROJECT_DIR", str(tmp_path))
    monkeypatch.delenv(tracking.GIT_COMMIT_ENV, raising=False)
    assert tracking.git_state() == {}
    monkeypatch.setenv(tracking.GIT_COMMIT_ENV, "abc123")
    assert tracking.git_state() == {
        "mlflow.source.git.commit": "abc123",
        "stance.git_dirty": "unknown",
    }
