"""A child run through `run_forwarding_signals` stops when its parent is told to stop."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stance.processes import run_forwarding_signals

# The child notes the signal it got, then takes a moment to shut down, as a server does.
CHILD = """
import signal, sys, time
def stop(signum, frame):
    open(sys.argv[1], "w").write(signal.Signals(signum).name)
    time.sleep(0.5)
    open(sys.argv[1], "a").write(" done")
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
open(sys.argv[1] + ".ready", "w").close()
time.sleep(60)
"""

PARENT = """
import sys
from stance.processes import run_forwarding_signals
code = run_forwarding_signals([sys.executable, "-c", sys.argv[1], sys.argv[2]], {})
print("parent exits", code, flush=True)
sys.exit(code)
"""


def start_parent(note: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [sys.executable, "-c", PARENT, CHILD, str(note)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so that the test can clean up the group if it fails
    )


def wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_parent_alone_stops_the_child_first(tmp_path, signum):
    note = tmp_path / "note"
    parent = start_parent(note)
    try:
        wait_for(Path(f"{note}.ready"))
        os.kill(parent.pid, signum)  # the parent only, not its process group
        output = parent.communicate(timeout=30)[0]
    finally:
        if parent.poll() is None:
            os.killpg(parent.pid, signal.SIGKILL)
    # The parent returned only after the child had finished its shutdown.
    assert note.read_text() == f"{signal.Signals(signum).name} done"
    assert output == "parent exits 0\n"
    assert parent.returncode == 0


def test_the_child_exit_code_comes_back_when_no_signal_stopped_it():
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    assert run_forwarding_signals([sys.executable, "-c", "raise SystemExit(3)"], {}) == 3
    assert {signum: signal.getsignal(signum) for signum in before} == before
