"""`stance server`: the one-line errors, and a real server on PostgreSQL that the
stance commands train into, read from and predict through."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import mlflow
import pandas as pd
import pytest
from typer.testing import CliRunner

from stance import server, tracking
from stance.cli import app
from stance.compare import compare
from stance.config import load_config
from stance.errors import StanceError
from stance.evaluate import evaluate_model
from stance.training import train
from tests.conftest import tiny_frame
from tests.servers import free_port, get_json, stop_by_pid_alone, wait_for_health

POSTGRES_ENV = "STANCE_TEST_POSTGRES_URI"
runner = CliRunner()


def test_a_bare_postgresql_uri_gets_the_psycopg_driver(monkeypatch):
    monkeypatch.delenv(server.BACKEND_ENV, raising=False)
    assert server.backend_store_uri("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv(server.BACKEND_ENV, "postgres://u@h:5433/db")
    assert server.backend_store_uri(None) == "postgresql+psycopg://u@h:5433/db"


def test_a_missing_backend_store_is_one_line(monkeypatch):
    monkeypatch.delenv(server.BACKEND_ENV, raising=False)
    result = runner.invoke(app, ["server"])
    assert result.exit_code == 2
    assert f"set ${server.BACKEND_ENV}" in result.stderr


def test_artifacts_default_to_the_project_and_paths_become_uris(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCE_PROJECT_DIR", str(tmp_path))
    assert server.artifacts_destination(None) == (tmp_path / "mlartifacts").as_uri()
    assert server.artifacts_destination(str(tmp_path / "a")) == (tmp_path / "a").as_uri()
    assert server.artifacts_destination("s3://bucket/stance") == "s3://bucket/stance"


def test_an_unreachable_database_names_host_port_and_database():
    pytest.importorskip("psycopg")
    port = free_port()  # nothing listens there
    with pytest.raises(StanceError, match=f"at 127.0.0.1:{port}/runs: .*refused"):
        server.check_database(f"postgresql+psycopg://me@127.0.0.1:{port}/runs")


def test_a_missing_psycopg_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # makes `import psycopg` fail
    with pytest.raises(StanceError, match=r"psycopg is not installed.*stance\[server\]"):
        server.check_database("postgresql+psycopg://me@127.0.0.1:5432/runs")


def test_a_busy_port_is_one_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(StanceError, match=f"cannot listen on 127.0.0.1:{port}"):
            server.check_port_free("127.0.0.1", port)


def test_the_server_proxies_artifacts_without_the_job_runner_or_a_visible_password():
    command = server.server_command("file:///a", "127.0.0.1", 5001, extra=["--dev"])
    assert command[1:4] == ["-m", "mlflow", "server"]
    assert "--serve-artifacts" in command and command[-1] == "--dev"
    assert command[command.index("--host") + 1] == "127.0.0.1"
    env = server.server_env("postgresql+psycopg://me:secret@h/db")
    assert env["MLFLOW_SERVER_ENABLE_JOB_EXECUTION"] == "false"
    assert env["MLFLOW_BACKEND_STORE_URI"] == "postgresql+psycopg://me:secret@h/db"
    assert not any("secret" in part for part in command)


def test_ui_points_at_a_tracking_server_instead_of_starting_one(monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://127.0.0.1:1")
    result = runner.invoke(app, ["ui"])
    assert result.exit_code == 0
    assert "its UI is at http://127.0.0.1:1" in result.stderr


def test_a_silent_tracking_server_fails_every_command_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"http://127.0.0.1:{free_port()}")
    source = tmp_path / "in.csv"
    source.write_text("text\nMore aid for Ukraine now\n", encoding="utf-8")
    started = time.monotonic()
    result = runner.invoke(
        app,
        ["predict", "--model", "runs:/0123/model", "--input", str(source), "--output",
         str(tmp_path / "o.csv")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "does not answer" in result.stderr and "stance server" in result.stderr
    assert time.monotonic() - started < 10  # not MLflow's minutes of retries
    with pytest.raises(StanceError, match="does not answer"):
        tracking.configure()


@pytest.fixture
def postgres_uri() -> str:
    """The test database; CI (STANCE_REQUIRE_SERVICES=1) fails rather than skips without it."""
    uri = os.environ.get(POSTGRES_ENV)
    if not uri:
        how = f'set {POSTGRES_ENV} (eval "$(scripts/postgres_test_db.sh start)")'
        if os.environ.get("STANCE_REQUIRE_SERVICES") == "1":
            pytest.fail(f"STANCE_REQUIRE_SERVICES=1 but no PostgreSQL: {how}")
        pytest.skip(f"no PostgreSQL: {how}")
    return uri


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> int:
        """SIGTERM to the whole group (the server and its workers); SIGKILL after 30 s."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        return self.process.returncode


@pytest.fixture
def tracking_server(postgres_uri, tmp_path, monkeypatch):
    """`stance server` on a free port, and MLFLOW_TRACKING_URI pointing at it; always stopped."""
    port = free_port()
    log = tmp_path / "server.log"
    command = [sys.executable, "-m", "stance.cli", "server", "--backend-store-uri", postgres_uri]
    command += ["--artifacts-destination", str(tmp_path / "artifacts")]
    command += ["--port", str(port), "--workers", "1"]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    running = Server(f"http://127.0.0.1:{port}", process, log)
    previous_uri = mlflow.get_tracking_uri()
    try:
        wait_for_health(running.url, process, running.output, seconds=120)
        monkeypatch.setenv("MLFLOW_TRACKING_URI", running.url)
        yield running
    finally:
        running.stop()
        while mlflow.active_run():
            mlflow.end_run()
        mlflow.set_tracking_uri(previous_uri)


@pytest.mark.postgres
@pytest.mark.slow
def test_train_read_back_and_predict_through_the_server(
    tracking_server, tiny_experiment, tiny_dataset, tmp_path
):
    name = f"server-{uuid.uuid4().hex[:8]}"  # the database outlives the test
    cfg = load_config(
        str(tiny_experiment),
        [f"tracking.experiment_name={name}", f"tracking.registered_model_name={name}"],
    )
    metrics = train(cfg)
    run_id, api = metrics["run_id"], f"{tracking_server.url}/api/2.0/mlflow"

    run = get_json(f"{api}/runs/get?run_id={run_id}")["run"]
    assert run["info"]["status"] == "FINISHED"
    logged = {m["key"]: m["value"] for m in run["data"]["metrics"]}
    assert logged["test_f_avg"] == pytest.approx(metrics["test_f_avg"])
    experiment_id = run["info"]["experiment_id"]
    found = get_json(f"{api}/runs/search", {"experiment_ids": [experiment_id]})
    assert [r["info"]["run_id"] for r in found["runs"]] == [run_id]
    # The server chose where artifacts go, and wrote them itself.
    experiment = get_json(f"{api}/experiments/get?experiment_id={experiment_id}")
    assert experiment["experiment"]["artifact_location"].startswith("mlflow-artifacts:")
    assert list((tmp_path / "artifacts").rglob("MLmodel"))

    tiny_frame(1).to_csv(tmp_path / "in.csv", index=False)
    for model in (f"runs:/{run_id}/model", f"models:/{name}/1"):
        result = runner.invoke(
            app,
            ["predict", "--model", model, "--input", str(tmp_path / "in.csv"),
             "--output", str(tmp_path / "out.csv")],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert len(pd.read_csv(tmp_path / "out.csv")) == 15
    scores = evaluate_model(f"models:/{name}/1", str(tiny_dataset / "test.csv"), resamples=20)
    assert scores["f_avg"] == pytest.approx(metrics["test_f_avg"])
    assert list(compare([run_id], resamples=20).table["run_id"]) == [run_id[:8]]

    assert tracking_server.stop() is not None
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{tracking_server.url}/health", timeout=2)


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("postgresql+psycopg://user:PASSWORD@h:abc/db", "its port is not a number"),
        ("foo://user:PASSWORD@h/db", "unknown database scheme 'foo'"),
        ("not a uri PASSWORD", "is not a database URI"),
    ],
)
def test_a_malformed_database_uri_is_one_line_without_its_password(uri, message):
    result = runner.invoke(app, ["server", "--backend-store-uri", uri])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "PASSWORD" not in result.output + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("port", ["1", "abc"])
def test_ui_on_a_database_with_a_password_never_shows_it(monkeypatch, port):
    monkeypatch.setenv(
        "MLFLOW_TRACKING_URI", f"postgresql+psycopg://user:PASSWORD@127.0.0.1:{port}/db"
    )
    result = runner.invoke(app, ["ui"])
    assert result.exit_code == 2
    assert "PASSWORD" not in result.output + result.stderr
    assert "user:***@" in result.stderr or "127.0.0.1:1/db" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unanswering_tracking_server_hides_its_password(monkeypatch):
    tracking.check_server.cache_clear()
    with pytest.raises(StanceError) as caught:
        tracking.check_server(f"http://user:PASSWORD@127.0.0.1:{free_port()}")
    assert "PASSWORD" not in str(caught.value) and "user:***@" in str(caught.value)


@pytest.mark.slow
def test_kill_of_the_stance_process_alone_stops_the_server(tmp_path):
    port = free_port()
    command = [sys.executable, "-m", "stance.cli", "server", "--port", str(port)]
    command += ["--backend-store-uri", f"sqlite:///{tmp_path / 'mlflow.db'}", "--workers", "1"]
    command += ["--artifacts-destination", str(tmp_path / "artifacts")]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, process, lambda: process.stdout.read().decode(), seconds=120)
    finally:
        stop_by_pid_alone(process, port)  # fails if `mlflow server` outlives `stance server`
    assert process.returncode == 0
