"""A real Label Studio, started on 127.0.0.1: project with the shipped config, tasks
imported, annotations submitted through the API, exported, and `stance label import`ed.

Label Studio pins its own numpy and Django, so it runs from its own virtual
environment, `.venv-label` (`make label-studio`; $STANCE_LABEL_STUDIO_VENV to use
another). The test drives it with label-studio-sdk from that environment
(`scripts/labelstudio_client.py`). Without it the test skips, or fails when
STANCE_REQUIRE_SERVICES=1 (as in CI).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from stance.curation.annotation import read_pass
from stance.curation.label_import import import_annotations
from stance.curation.labelstudio import config_path, write_exports
from tests.conftest import PROJECT
from tests.curation.label_fakes import fake_pool, write_pool

pytestmark = [pytest.mark.labelstudio, pytest.mark.slow]
STARTUP_S = 240


def label_studio_venv() -> Path:
    return Path(os.environ.get("STANCE_LABEL_STUDIO_VENV") or PROJECT / ".venv-label")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def label_studio(tmp_path_factory):
    venv = label_studio_venv()
    if not (venv / "bin" / "label-studio").is_file():
        message = f"Label Studio is not installed in {venv} (make label-studio)"
        if os.environ.get("STANCE_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    data = tmp_path_factory.mktemp("label-studio")
    port, token = _free_port(), secrets.token_hex(20)
    command = [
        str(venv / "bin" / "label-studio"), "start", "--no-browser",
        "--internal-host", "127.0.0.1", "--port", str(port), "--data-dir", str(data),
        "--username", "annotator@example.org", "--password", secrets.token_hex(8),
        "--user-token", token, "--enable-legacy-api-token", "--log-level", "WARNING",
    ]  # fmt: skip
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data)}
    log = (data / "server.log").open("w")
    process = subprocess.Popen(
        command, cwd=data, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_S
    while not _up(url):
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGTERM)
            tail = (data / "server.log").read_text(errors="replace")[-2000:]
            pytest.fail(f"Label Studio did not start on {url}:\n{tail}")
        time.sleep(1)
    yield {"url": url, "token": token, "python": str(venv / "bin" / "python")}
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    log.close()


def _client(ls, *args) -> dict:
    script = PROJECT / "scripts" / "labelstudio_client.py"
    done = subprocess.run(
        [ls["python"], str(script), args[0], ls["url"], ls["token"], *map(str, args[1:])],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_tasks_annotated_in_label_studio_arrive_intact(label_studio, tmp_path):
    pool = fake_pool(5)
    pool_path = write_pool(tmp_path / "interim", 5)
    files = write_exports(pool, tmp_path / "tasks")
    created = _client(label_studio, "project", config_path(), files["labelstudio"])
    assert len(created["tasks"]) == 5

    labels = ["pro_aid", "pro_concession", "neutral", "reject"]  # the fifth stays undone
    notes = ["", "concedes Crimea, « quoted » & <b>", "", "broken: wrong speaker"]
    answers = {i: [lab, note] for i, lab, note in zip(pool["id"], labels, notes, strict=False)}
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    assert _client(label_studio, "annotate", created["project"], tmp_path / "answers.json") == {
        "annotated": 4
    }
    export = tmp_path / "export.json"
    _client(label_studio, "export", created["project"], export)

    raw = tmp_path / "raw"
    result = import_annotations(export, pool_path, 1, "LS1", raw, tmp_path / "candidates.parquet")
    assert result.rows == 4
    back = read_pass(raw / "annotations" / "pass1").set_index("id")
    for unit, (label, note) in answers.items():
        assert back.loc[unit, "note"] == note
        # A `broken:` note counts as reject (the dataset's rule); every other label as given.
        assert back.loc[unit, "label"] == label
    assert pool["id"][4] not in back.index
