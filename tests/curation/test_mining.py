"""Mining for dataset v2: speakers of the Congress corpora, exclusion, picks, batches."""

from __future__ import annotations

import numpy as np
import pandas as pd

from stance.curation.mining import (
    BATCH_COLUMNS,
    MINED_PER_DOC,
    exclude_known,
    fix_congress_speakers,
    second_pass_ids,
    select_units,
    similarity_to,
    stratum_of,
    write_batches,
)
from stance.data.io import read_table


def _units(rows):
    columns = ["id", "text", "speaker", "source", "doc_id", "char_start", "char_end"]
    return pd.DataFrame(rows, columns=columns).assign(speaker_country="")


def test_congress_speakers_take_the_members_full_name():
    eligible = _units([
        ("congress_record:1#0", "We must not send another dollar.", "L. Cardin",
         "congress_record", "congress_record:1", 0, 30),
        ("congress_record:1#40", "The PRESIDING OFFICER. The Senator is recognised.", "L. Cardin",
         "congress_record", "congress_record:1", 40, 90),
        ("congress_press:2#0", "Aid must continue.", "Senator Wicker", "congress_press",
         "congress_press:2", 0, 18),
        ("congress_press:2#30", "We stand with Kyiv.", "Volodymyr Zelenskyy", "congress_press",
         "congress_press:2", 30, 50),
    ])  # fmt: skip
    members = {"congress_record:1": "Benjamin L. Cardin", "congress_press:2": "Roger F. Wicker"}
    fixed = fix_congress_speakers(eligible, members).set_index("id")
    assert fixed.loc["congress_record:1#0", "speaker"] == "Benjamin L. Cardin"
    assert "congress_record:1#40" not in fixed.index  # the chair's words
    assert fixed.loc["congress_press:2#0", "speaker"] == "Roger F. Wicker"
    assert fixed.loc["congress_press:2#30", "speaker"] == "Volodymyr Zelenskyy"
    assert fixed.loc["congress_record:1#0", "speaker_country"] == "USA"
    assert fixed.loc["congress_press:2#0", "speaker_country"] == "USA"
    assert fixed.loc["congress_press:2#30", "speaker_country"] != "USA"


def test_exclude_known_drops_same_overlapping_and_near_duplicate_units():
    text = "Western weapons only prolong this conflict and the suffering of ordinary people."
    new = "Something new about the talks in Istanbul last spring"
    pool = _units([
        ("d:1#0", "A unit that is already a candidate.", "A B", "mfa", "d:1", 0, 50),
        ("d:1#20", "Overlapping the earlier candidate.", "A B", "mfa", "d:1", 20, 70),
        ("d:2#0", text + " Really.", "A B", "mfa", "d:2", 0, 90),
        ("d:3#0", new + ".", "A B", "mfa", "d:3", 0, 55),
        ("d:4#0", new + "!", "A B", "mfa", "d:4", 0, 55),
    ])  # fmt: skip
    known = pool.iloc[:1]
    fresh = exclude_known(pool, known, [text])
    assert fresh["id"].tolist() == ["d:3#0"]  # d:4#0 repeats d:3#0


def test_select_units_records_every_signal_and_caps_documents():
    n = MINED_PER_DOC + 10
    scored = pd.DataFrame({
        "id": [f"doc:1#{i:03d}" for i in range(n)] + ["doc:2#000"],
        "doc_id": ["doc:1"] * n + ["doc:2"],
        "stratum": "congress_record",
        "cue": [*range(n), 100],
        "sim_pc": [0.0] * n + [0.9],
    })  # fmt: skip
    picked = select_units(scored, {"congress_record": {"cue": n + 1, "sim_pc": 1}})
    assert (picked["doc_id"] == "doc:1").sum() == MINED_PER_DOC
    row = picked.set_index("id").loc["doc:2#000"]
    assert row["found_by"] == "cue;similarity"
    again = select_units(scored, {"congress_record": {"random": 5}}, seed=3)
    assert (
        again["id"].tolist()
        == select_units(scored, {"congress_record": {"random": 5}}, seed=3)["id"].tolist()
    )
    assert set(again["found_by"]) == {"random"}


def test_strata():
    assert stratum_of("whitehouse", "2025-02-19", "USA") == "whitehouse_2025"
    assert stratum_of("whitehouse", "2024-02-19", "USA") == "whitehouse_biden"
    assert stratum_of("ungdc", "2023-09-19", "FRA") == "ungdc_eu"
    assert stratum_of("ungdc", "2023-09-19", "BRA") == "ungdc_other"
    assert stratum_of("mfa", "2026-01-01", "RUS") == "russia"


def test_similarity_is_mean_of_the_closest_seeds():
    pool = np.array([[1.0, 0.0], [0.0, 1.0]])
    seeds = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
    assert similarity_to(pool, seeds, k=2).tolist() == [0.8, 0.9]


def test_batches_hide_how_units_were_found_and_cover_every_unit(tmp_path):
    units = pd.DataFrame({c: [f"{c}{i}" for i in range(7)] for c in BATCH_COLUMNS})
    units["found_by"] = "cue"
    paths = write_batches(units, tmp_path, "v2_batch", batch_size=3)
    assert [p.name for p in paths] == ["v2_batch_01.csv", "v2_batch_02.csv", "v2_batch_03.csv"]
    frames = [read_table(p) for p in paths]
    assert all(list(f.columns) == BATCH_COLUMNS for f in frames)
    assert sorted(pd.concat(frames)["id"]) == sorted(units["id"])


def test_second_pass_takes_every_rare_label_and_a_share_of_the_rest():
    pass1 = pd.DataFrame({"id": [f"u{i:02d}" for i in range(20)],
                          "label": ["pro_concession"] * 4 + ["neutral"] * 16})  # fmt: skip
    ids = second_pass_ids(pass1, share=0.25, seed=1)
    assert {"u00", "u01", "u02", "u03"} <= set(ids) and len(ids) == 8
    assert ids == second_pass_ids(pass1, share=0.25, seed=1)


def test_mining_never_rewrites_the_raw_picks(tmp_path):
    import pytest

    from stance.curation.mining import mine_to_files
    from stance.errors import DataError

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "mined_v2.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"mined_v2\.csv exists: the v2 picks are raw data"):
        mine_to_files(tmp_path / "shared", tmp_path / "interim", raw, "runs:/x/model")
