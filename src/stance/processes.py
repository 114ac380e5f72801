"""Which process wrote something, and whether it still runs: for stale runs and temporaries.

A process is named by host, pid and start time; the start time tells a live process
from a later one that reuses the pid.
"""

from __future__ import annotations

import functools
import os
import socket
from pathlib import Path


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
