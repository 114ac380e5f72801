"""`stance ui` serves the project's tracking store: start it, find a fresh run, stop it."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from stance.config import load_config
from stance.training import train


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str, payload: dict | None = None) -> dict:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


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
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None, server.stdout.read().decode()
            assert time.monotonic() < deadline, "the UI did not become ready in 90 s"
            time.sleep(0.5)
        experiment = get_json(f"{base}/api/2.0/mlflow/experiments/get-by-name?experiment_name=tiny")
        experiment_id = experiment["experiment"]["experiment_id"]
        found = get_json(f"{base}/api/2.0/mlflow/runs/search", {"experiment_ids": [experiment_id]})
        runs = {run["info"]["run_id"]: run for run in found["runs"]}
        assert metrics["run_id"] in runs
        logged = {m["key"]: m["value"] for m in runs[metrics["run_id"]]["data"]["metrics"]}
        assert logged["test_f_avg"] == pytest.approx(metrics["test_f_avg"])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode()
    assert f"{base}/#/experiments/{experiment_id}/runs" in output
