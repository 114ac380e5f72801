"""Regenerate docs/labelstudio-task.png: one task of `stance label suggest` in the Label
Studio UI, with the shipped config (data/labelstudio.xml), rendered by headless Chromium.

Starts Label Studio from .venv-label (make label-studio) on 127.0.0.1 with a throwaway
data folder, creates a project and imports the tasks through the API
(scripts/labelstudio_client.py), logs in and opens the first task in Chromium through
the DevTools protocol (aiohttp, from the project's .venv), and saves a screenshot.
Needs Debian's chromium (apt-get install chromium).

Usage: .venv/bin/python scripts/screenshot_labelstudio.py [TASKS.json] [OUTPUT.png]
(default: data/interim/label/suggest/tasks.json, docs/labelstudio-task.png)
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get("STANCE_LABEL_STUDIO_VENV") or ROOT / ".venv-label")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--window-size=1400,1500",
]  # fmt: skip
USER, PASSWORD = "annotator@example.org", secrets.token_hex(8)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def start_label_studio(data: Path, port: int, token: str) -> subprocess.Popen:
    command = [
        str(VENV / "bin" / "label-studio"), "start", "--no-browser", "--internal-host",
        "127.0.0.1", "--port", str(port), "--data-dir", str(data), "--username", USER,
        "--password", PASSWORD, "--user-token", token, "--enable-legacy-api-token",
    ]  # fmt: skip
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data)}
    log = (data / "server.log").open("w")
    return subprocess.Popen(
        command, cwd=data, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


async def cdp(ws, method: str, counter=[0], **params) -> dict:  # noqa: B006
    counter[0] += 1
    await ws.send_json({"id": counter[0], "method": method, "params": params})
    while True:
        message = await ws.receive_json()
        if message.get("id") == counter[0]:
            return message.get("result", {})


async def shoot(debug_port: int, base: str, task_url: str, output: Path) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{debug_port}/json/list") as response:
            pages = [p for p in await response.json() if p["type"] == "page"]
        async with session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            await cdp(ws, "Page.enable")
            await cdp(ws, "Page.navigate", url=f"{base}/user/login/")
            await asyncio.sleep(6)
            login = (
                f"document.querySelector('input[name=email]').value = {json.dumps(USER)};"
                f"document.querySelector('input[name=password]').value = {json.dumps(PASSWORD)};"
                "document.querySelector('form').submit();"
            )
            await cdp(ws, "Runtime.evaluate", expression=login)
            await asyncio.sleep(8)
            await cdp(ws, "Page.navigate", url=task_url)
            await asyncio.sleep(25)
            shot = await cdp(ws, "Page.captureScreenshot", format="png")
            output.write_bytes(base64.b64decode(shot["data"]))


def main() -> None:
    tasks = Path(
        sys.argv[1] if len(sys.argv) > 1 else ROOT / "data/interim/label/suggest/tasks.json"
    )
    output = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "docs/labelstudio-task.png")
    first = json.loads(tasks.read_text(encoding="utf-8"))[:5]
    data = Path(tempfile.mkdtemp(prefix="label-studio-"))
    (data / "tasks.json").write_text(json.dumps(first), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(20)
    base = f"http://127.0.0.1:{port}"
    server = start_label_studio(data, port, token)
    browser = None
    try:
        wait_for(f"{base}/health", 300)
        client = [str(VENV / "bin" / "python"), str(ROOT / "scripts" / "labelstudio_client.py")]
        config = ROOT / "data" / "labelstudio.xml"
        done = subprocess.run(
            [*client, "project", base, token, str(config), str(data / "tasks.json")],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        created = json.loads(done.stdout.strip().splitlines()[-1])
        project, task = created["project"], created["tasks"][0]
        debug_port = free_port()
        browser = subprocess.Popen(
            ["chromium", *CHROMIUM_FLAGS, f"--remote-debugging-port={debug_port}",
             f"--user-data-dir={data / 'chromium'}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        wait_for(f"http://127.0.0.1:{debug_port}/json/version", 60)
        task_url = f"{base}/projects/{project}/data?task={task}"
        asyncio.run(shoot(debug_port, base, task_url, output))
        print(f"wrote {output} ({task_url})")
    finally:
        for process in (browser, server):
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)


if __name__ == "__main__":
    main()
