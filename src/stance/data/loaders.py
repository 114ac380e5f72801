"""Load a configured dataset into validated splits."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stance import paths
from stance.config import DataConfig
from stance.data.io import read_table
from stance.data.schema import check_unique_ids, validate_frame
from stance.data.tweeteval import iter_tweeteval_split, read_mapping
from stance.errors import DataError


def dataset_root(cfg: DataConfig) -> Path:
    """The dataset folder, with a hint on how to point at a copy when it is missing."""
    root = paths.resolve_data_path(cfg.path, cfg.shared_dir)
    if not root.exists():
        hint = ""
        if "{shared}" in cfg.path:
            hint = (
                f"; the shared data folder is {paths.shared_dir(cfg.shared_dir)}: set "
                f"${paths.SHARED_DIR_ENV}=/path/to/shared (or data.shared_dir=...) to use a copy"
            )
        raise DataError(f"dataset {cfg.name!r} not found at {root}{hint}")
    return root


def load_split(cfg: DataConfig, role: str) -> pd.DataFrame:
    """One split (by role: train, validation, test, ...) in the canonical schema."""
    if role not in cfg.splits:
        raise DataError(
            f"dataset {cfg.name!r} has no split {role!r} (has: {', '.join(cfg.splits)})"
        )
    root = dataset_root(cfg)
    name = cfg.splits[role]
    if cfg.format == "tweeteval":
        label_map = {**read_mapping(root), **cfg.label_map}
        parts = [
            validate_frame(frame, cfg.labels, str(path), label_map)
            for path, frame in iter_tweeteval_split(root, name, cfg.targets, cfg.encoding)
        ]
        return validate_frame(pd.concat(parts, ignore_index=True), cfg.labels, str(root))
    path = root / name
    table = read_table(path, cfg.encoding)
    frame = validate_frame(table, cfg.labels, str(path), cfg.label_map)
    if cfg.group_by:
        if cfg.group_by not in table.columns:
            raise DataError(f"{path}: missing column {cfg.group_by!r} (data.group_by)")
        frame[cfg.group_by] = table[cfg.group_by].fillna("").astype(str).to_numpy()
    return frame


def dataset_label(cfg: DataConfig) -> str:
    """The dataset's name as logged: `quotes-v2` when it has a version."""
    return f"{cfg.name}-{cfg.version}" if cfg.version else cfg.name


def load_splits(cfg: DataConfig, roles: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every configured split (or those in `roles`), checked for ids shared across splits."""
    wanted = [role for role in (roles or cfg.splits) if role in cfg.splits]
    splits = {role: load_split(cfg, role) for role in wanted}
    check_unique_ids(splits, f"dataset {cfg.name!r}")
    return splits
