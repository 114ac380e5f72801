"""Speaker groups from the table in data/."""

from __future__ import annotations

import pandas as pd
import pytest

from stance import paths
from stance.data.io import write_table
from stance.data.speaker_groups import SPEAKER_GROUPS, group_table, speaker_groups
from stance.errors import DataError


def test_the_shipped_table_maps_the_main_sides():
    table = group_table(paths.speaker_groups_file())
    assert table["RUS"] == table["BLR"] == "russia_belarus"
    assert (table["UKR"], table["USA"]) == ("ukraine", "us")
    assert table["DEU"] == table["GBR"] == table["NATO"] == table["EU"] == "europe"
    assert set(table.values()) <= set(SPEAKER_GROUPS)


def test_unlisted_and_empty_countries_are_other(tmp_path):
    path = write_table(
        pd.DataFrame({"speaker_country": ["RUS"], "speaker_group": ["russia_belarus"]}),
        tmp_path / "groups.csv",
    )
    groups = speaker_groups(pd.Series(["RUS", "BRA", "", None]), path)
    assert groups.tolist() == ["russia_belarus", "other", "other", "other"]


def test_unknown_group_names_file_row_field(tmp_path):
    path = write_table(
        pd.DataFrame({"speaker_country": ["RUS", "FRA"], "speaker_group": ["russia", "europe"]}),
        tmp_path / "bad.csv",
    )
    with pytest.raises(DataError, match=r"bad.csv: row 1: field 'speaker_group': 'russia'"):
        group_table(path)
