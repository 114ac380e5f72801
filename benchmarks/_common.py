"""What every benchmark prints first (machine, versions) and the real texts they share."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from importlib import metadata

import pandas as pd

from stance import paths
from stance.config import load_config
from stance.data.loaders import load_splits

PACKAGES = ("torch", "transformers", "scikit-learn", "numba", "mlflow", "pandas", "pyarrow")


def cpu_model() -> str:
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def print_machine() -> None:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cores = len(os.sched_getaffinity(0))
    print(f"machine: {cpu_model()}, {cores} cores, {memory:.0f} GiB, {platform.platform()}")
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    print(f"python {platform.python_version()}; " + ", ".join(versions))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(f"stance commit {commit or 'unknown'}; project {paths.project_root()}")


def real_texts(limit: int | None = None) -> pd.DataFrame:
    """`target`, `text`, `label`, `split` rows: TweetEval test and validation (`split`
    tweeteval_test, tweeteval_validation), then the quote dataset (`split` quotes)."""
    tweeteval = load_splits(load_config("tweeteval_tfidf").data)
    quotes = load_splits(load_config("quotes_tfidf").data)
    parts = {
        "tweeteval_test": tweeteval["test"],
        "tweeteval_validation": tweeteval["validation"],
        "quotes": pd.concat(quotes.values()),
    }
    columns = ["target", "text", "label"]
    frame = pd.concat(
        [part[columns].assign(split=name) for name, part in parts.items()], ignore_index=True
    )
    return frame.head(limit).reset_index(drop=True) if limit else frame


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.start
