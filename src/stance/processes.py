"""Processes: which one wrote something and whether it still runs (for stale runs and
temporaries), and running a child server that stops when this process is told to stop.

A process is named by host, pid and start time; the start time tells a live process
from a later one that reuses the pid.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

# What `kill PID`, Ctrl-C and a closed terminal send; each is passed on to the child.
FORWARDED_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


@functools.cache
def host() -> str:
    return socket.gethostname()


def start_time(pid: int) -> str | None:
    """When `pid` started (an opaque token, stable while it runs); None when unknown."""
    try:
        import psutil

        return f"{psutil.Process(pid).create_time():.2f}"
    except ImportError:
        pass
    except Exception:  # no such process, or access denied
        return None
    stat = Path(f"/proc/{pid}/stat")
    try:  # field 22, counted after the parenthesised command name
        return "ticks:" + stat.read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def pid_exists(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OverflowError, OSError):
        return False
    return True


def is_alive(pid: int, started: str | None = None) -> bool:
    """Whether process `pid` on this host runs and, when `started` is given, is the same
    process (not a later one with the same pid)."""
    if not pid_exists(pid):
        return False
    if started:
        now = start_time(pid)
        if now is not None and now != started:
            return False
    return True


def this_process() -> dict[str, str]:
    """host, pid and start time of the running process."""
    return {"host": host(), "pid": str(os.getpid()), "start": start_time(os.getpid()) or ""}


def run_forwarding_signals(command: list[str], env: dict[str, str]) -> int:
    """Run `command` until it ends, passing SIGTERM, SIGINT and SIGHUP on to it, so that
    stopping this process (even by its pid alone) stops the child, and this process exits
    only once the child has. Returns 0 when a forwarded signal stopped the child, else its
    exit code."""
    sys.stdout.flush()
    sys.stderr.flush()
    child = subprocess.Popen(command, env=env)
    stopped = False

    def forward(signum: int, _frame) -> None:
        nonlocal stopped
        stopped = True
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signum)

    previous = {signum: signal.signal(signum, forward) for signum in FORWARDED_SIGNALS}
    try:
        code = child.wait()  # retried after each handler (PEP 475): waits for the child's exit
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0 if stopped else code
