"""`stance ui` serves the project's tracking store: start it, find a fresh run, stop it."""

import os
import subprocess
import sys

import pytest

from stance.config import load_config
from stance.training import train
from tests.servers import free_port, get_json, stop_by_pid_alone, wait_for_health


@pytest.mark.slow
def test_ui_lists_a_freshly_trained_run(mlflow_store, tiny_experiment):
    metrics = train(load_config(str(tiny_experiment)))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "stance.cli", "ui", "--port", str(port), "--experiment", "tiny"],
        env={**os.environ, "MLFLOW_TRACKING_URI": mlflow_store},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, server, lambda: server.stdout.read().decode())
        experiment = get_json(f"{base}/api/2.0/mlflow/experiments/get-by-name?experiment_name=tiny")
        experiment_id = experiment["experiment"]["experiment_id"]
        found = get_json(f"{base}/api/2.0/mlflow/runs/search", {"experiment_ids": [experiment_id]})
        runs = {run["info"]["run_id"]: run for run in found["runs"]}
        assert metrics["run_id"] in runs
        logged = {m["key"]: m["value"] for m in runs[metrics["run_id"]]["data"]["metrics"]}
        assert logged["test_f_avg"] == pytest.approx(metrics["test_f_avg"])
    finally:
        # `kill <pid of stance ui>` stops the MLflow server it started, too.
        output = stop_by_pid_alone(server, port)
    assert f"{base}/#/experiments/{experiment_id}/runs" in output
