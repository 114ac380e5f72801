"""Helpers for tests that start an HTTP server: a free port, JSON calls, waiting for /health."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str, payload: dict | None = None) -> dict:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def wait_for_health(
    base: str, process: subprocess.Popen, output: Callable[[], str], seconds: float = 90
) -> None:
    """Until `base`/health answers 200; fails with the server's output if it dies or hangs."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        assert process.poll() is None, output()
        assert time.monotonic() < deadline, f"no answer on {base}/health in {seconds} s"
        time.sleep(0.5)


def stop_by_pid_alone(process: subprocess.Popen, port: int, seconds: float = 60) -> str:
    """SIGTERM to `process` only (not its group, as `kill PID` does), wait for it, and check
    that nothing it started still holds `port`; returns its output. The group is killed
    afterwards whatever happens, so a failing test leaves no server behind."""
    try:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=seconds)[0]
        output = output.decode(errors="replace") if isinstance(output, bytes) else output or ""
        with socket.socket() as sock:
            answered = sock.connect_ex(("127.0.0.1", port)) == 0
        assert not answered, f"port {port} still answers after the stance process ended"
        return output
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
