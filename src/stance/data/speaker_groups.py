"""Speaker groups: which side of the debate a speaker's country sits on, from a table.

`data/speaker_groups.csv` maps `speaker_country` (ISO3, or EU / NATO) to one of
SPEAKER_GROUPS; every country it does not list is `other`. The groups let a reader
see how much a model learns who speaks rather than what is said.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from stance.data.io import read_table
from stance.errors import DataError

SPEAKER_GROUPS = ("russia_belarus", "ukraine", "us", "europe", "other")
OTHER = "other"


@lru_cache(maxsize=4)
def _table(path: str) -> dict[str, str]:
    frame = read_table(path)
    for number, (country, group) in enumerate(
        zip(frame["speaker_country"], frame["speaker_group"], strict=True), start=1
    ):
        if group not in SPEAKER_GROUPS:
            raise DataError(
                f"{path}: row {number}: field 'speaker_group': {group!r} is not one of "
                f"{', '.join(SPEAKER_GROUPS)}"
            )
        if not country:
            raise DataError(f"{path}: row {number}: field 'speaker_country': empty")
    return dict(zip(frame["speaker_country"], frame["speaker_group"], strict=True))


def group_table(path: str | Path | None = None) -> dict[str, str]:
    """speaker_country -> speaker_group, as written in the table."""
    if path is None:
        from stance import paths

        path = paths.speaker_groups_file()
    return _table(str(path))


def speaker_groups(countries: pd.Series, path: str | Path | None = None) -> pd.Series:
    """The speaker group of each country (`other` where the table has none)."""
    table = group_table(path)
    return countries.fillna("").astype(str).map(lambda c: table.get(c, OTHER))
