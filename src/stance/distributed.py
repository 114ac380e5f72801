"""Rank helpers for training on several processes: who logs, shared paths, gathered rows.

Launched by `torchrun` or `accelerate launch`.

The launcher sets RANK and WORLD_SIZE; one process (rank 0) is the main process and
the only one that writes. With one process every helper here is a no-op, and torch is
imported only when there is more than one, so the scikit-learn models do not need it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import numpy as np
import pandas as pd

T = TypeVar("T")


def world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1"))


def rank() -> int:
    return int(os.environ.get("RANK", "0"))


def is_main_process() -> bool:
    return rank() == 0


def on_main_process(function: Callable[..., T]) -> Callable[..., T | None]:
    """`function` runs on the main process only; elsewhere the call does nothing."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return function(*args, **kwargs) if is_main_process() else None

    return wrapper


def on_cpu_processes() -> bool:
    """Several processes and no GPU: accelerate must be told to use gloo on the CPU."""
    import torch

    return world_size() > 1 and not torch.cuda.is_available()


def ensure_process_group() -> None:
    """Join the launcher's process group as the Trainer does (gloo on CPU, NCCL on GPUs)."""
    import torch.distributed as dist

    if not dist.is_initialized():
        from accelerate import PartialState

        PartialState(cpu=on_cpu_processes())


def barrier() -> None:
    if world_size() > 1:
        import torch.distributed as dist

        ensure_process_group()
        dist.barrier()


def broadcast(value: Any) -> Any:
    """The main process's `value`, on every process."""
    if world_size() == 1:
        return value
    import torch.distributed as dist

    ensure_process_group()
    box = [value if is_main_process() else None]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def all_gather(value: Any) -> list[Any]:
    """Every process's `value`, in rank order, on every process."""
    if world_size() == 1:
        return [value]
    import torch.distributed as dist

    ensure_process_group()
    values: list[Any] = [None] * world_size()
    dist.all_gather_object(values, value)
    return values


@contextlib.contextmanager
def shared_temp_dir(prefix: str) -> Iterator[str]:
    """One temporary folder for all processes: the main process makes and removes it.

    The Trainer saves checkpoints from the main process and loads the best one on
    every process, so every process must name the same folder.
    """
    path = broadcast(tempfile.mkdtemp(prefix=prefix) if is_main_process() else None)
    try:
        yield path
        barrier()  # nobody may still be reading a checkpoint when it goes
    finally:
        if is_main_process():
            shutil.rmtree(path, ignore_errors=True)


def gathered_rows(predict: Callable[[pd.DataFrame], np.ndarray], frame: pd.DataFrame):
    """`predict(frame)`, computed by each process on its share of rows, in row order everywhere.

    All processes must call this together with the same frame.
    """
    if world_size() == 1 or frame.empty:
        return predict(frame)
    share = np.array_split(np.arange(len(frame)), world_size())[rank()]
    part = predict(frame.iloc[share]) if len(share) else None
    return np.concatenate([rows for rows in all_gather(part) if rows is not None])
