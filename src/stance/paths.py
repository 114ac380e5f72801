"""The one module that knows where things live.

Every other module asks here for the project root, the config folders, the
shared data folder and the default MLflow store, so that moving a folder means
changing one line.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR_ENV = "STANCE_PROJECT_DIR"
SHARED_DIR_ENV = "STANCE_SHARED_DIR"


def _looks_like_project(path: Path) -> bool:
    return (path / "configs").is_dir() and (path / "pyproject.toml").is_file()


def project_root() -> Path:
    """The project folder: $STANCE_PROJECT_DIR, else the nearest parent of the
    working directory holding `configs/` and `pyproject.toml`, else the source
    checkout this package was installed from."""
    if env := os.environ.get(PROJECT_DIR_ENV):
        return Path(env).resolve()
    cwd = Path.cwd().resolve()
    for candidate in (cwd, *cwd.parents):
        if _looks_like_project(candidate):
            return candidate
    checkout = Path(__file__).resolve().parents[2]
    if _looks_like_project(checkout):
        return checkout
    return cwd


def configs_dir() -> Path:
    return project_root() / "configs"


def experiments_dir() -> Path:
    return project_root() / "experiments"


def data_dir() -> Path:
    return project_root() / "data"


def raw_data_dir() -> Path:
    """Immutable raw annotations and the assembled `quotes.csv`."""
    return data_dir() / "raw"


def interim_data_dir() -> Path:
    """Candidate pool and annotation batches (context excerpts: never committed)."""
    return data_dir() / "interim"


def processed_data_dir() -> Path:
    """Splits derived from the raw data by `stance dataset split`."""
    return data_dir() / "processed"


def shared_dir(configured: str | Path = "../shared") -> Path:
    """The folder of shared, read-only data: $STANCE_SHARED_DIR if set, else the
    configured path (relative paths are taken from the project root)."""
    raw = os.environ.get(SHARED_DIR_ENV) or str(configured)
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = project_root() / path
    return path.resolve()


def default_tracking_uri() -> str:
    """A SQLite store in the project root (MLflow 3 refuses the file store)."""
    return f"sqlite:///{project_root() / 'mlflow.db'}"


def resolve_data_path(path: str | Path, shared: str | Path = "../shared") -> Path:
    """Expand `{shared}` and `{project}` placeholders and make the path absolute."""
    text = str(path).replace("{shared}", str(shared_dir(shared)))
    text = text.replace("{project}", str(project_root()))
    resolved = Path(text).expanduser()
    if not resolved.is_absolute():
        resolved = project_root() / resolved
    return resolved


def speaker_groups_file() -> Path:
    """The table that maps a speaker's country to its speaker group."""
    return data_dir() / "speaker_groups.csv"
