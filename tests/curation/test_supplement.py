"""The targeted second candidate round (`stance.curation.supplement`)."""

from __future__ import annotations

import pandas as pd
import pytest

from stance.curation import candidates as c
from stance.curation import supplement as s
from stance.data.io import read_table
from stance.errors import DataError
from tests.curation.fakes import fake_shared

WH_DOCS = [
    {  # a 2025 'SUNDAY SHOWS' article: bullets under a heading that names the speaker
        "path": "articles/2025-08/sunday-shows.md", "category": "articles",
        "date": "2025-08-17", "title": "SUNDAY SHOWS", "source_url": "",
        "text": "Officials discussed the meeting with Russian President Vladimir Putin "
        "and Ukrainian President Volodymyr Zelensky.\n\n**Here’s what you missed:**\n\n"
        "### **Secretary of State Marco Rubio on Meet the Press**\n\n"
        "-   “The only way to reach a peace deal is for each side to give\n    something. "
        "Both sides will have to make concessions.”\n    ([Watch](https://x.com/a))\n",
    },
    {  # a 2025 transcript: the President's answer, the reporter's question left out
        "path": "remarks/2025-03/remarks.md", "category": "remarks", "date": "2025-03-13",
        "title": "Remarks by President Trump", "source_url": "",
        "text": "Q    Mr. President, will Putin agree to a ceasefire in Ukraine?\n\n"
        "PRESIDENT TRUMP:  I think he should make a deal.  We want a ceasefire on "
        "the current lines, and we have discussed land.\n\n"
        "Q    Will you cut the aid to Kyiv to get a deal done quickly?\n",
    },
    {  # before 20 January 2025: not searched
        "path": "remarks/2024-05/remarks.md", "category": "remarks", "date": "2024-05-01",
        "title": "Remarks", "source_url": "",
        "text": "THE PRESIDENT:  We must negotiate a ceasefire with Putin over Ukraine now.\n",
    },
]  # fmt: skip
MFA_EXTRA = {
    "message_id": "103",
    "date": "2026-01-07T10:00:00+00:00",
    "text": "Maria Zakharova: \u2757\ufe0f Western arms supplies to Kiev only prolong the "
    "conflict, and they must stop. \n \n #Ukraine #NATO \n \n Peace requires "
    "recognising the new territorial realities and the neutral status of Ukraine.",
}


def _supplement_shared(root):
    import json

    from tests.curation import fakes

    shared = fake_shared(root)
    wh = shared / "corpora" / "whitehouse_briefings_ukraine_2022_2025"
    wh.mkdir(parents=True)
    lines = "".join(json.dumps(doc) + "\n" for doc in WH_DOCS)
    (wh / "wh_ukraine_docs.jsonl").write_text(lines, encoding="utf-8")
    pd.DataFrame([*fakes.MFA, MFA_EXTRA]).assign(urls="", has_photo="False", views="1").to_csv(
        shared / "corpora" / "russian_mfa_telegram_en" / "mfa_telegram.csv", index=False
    )
    return shared


def test_build_supplement_adds_new_units_and_merges(tmp_path):
    shared = _supplement_shared(tmp_path / "shared")
    interim = tmp_path / "interim"
    pool_path = interim / "candidates.parquet"
    pool = c.build_candidates(shared, pool_path, sources=("ungdc", "mfa", "article"))
    sources = ("ungdc", "mfa", "whitehouse")
    supplement = s.build_supplement(
        shared, pool_path, interim / "supplement.parquet", interim / "batches",
        first_batch=19, size=50, sources=sources, backup_path=interim / "round1.parquet",
    )  # fmt: skip
    assert list(supplement.columns) == c.CANDIDATE_COLUMNS
    assert not set(supplement["id"]) & set(pool["id"])
    docs = {d.doc_id: d.text for d in c.iter_documents(shared, sources)}
    for row in supplement.itertuples():
        assert docs[row.doc_id][row.char_start : row.char_end] == row.text
        assert "[[" in row.context
        for other in pool[pool["doc_id"] == row.doc_id].itertuples():
            assert row.char_end <= other.char_start or other.char_end <= row.char_start
    said = dict(zip(supplement["text"], supplement["speaker"], strict=True))
    by_start = {t.split()[0] + " " + t.split()[1]: s for t, s in said.items()}
    assert by_start["The only"] == "Marco Rubio"  # the heading names him
    assert by_start["I think"] == "Donald Trump"  # 'PRESIDENT TRUMP:'
    zakharova = [t for t, s in said.items() if s == "Maria Zakharova"]
    assert any(t.startswith("Peace requires recognising") for t in zakharova)  # past hashtags
    assert any(t.startswith("Western arms supplies") for t in zakharova)  # emoji dropped
    assert not any("2024-05" in d for d in supplement["doc_id"])  # before Trump's term
    assert not any("Will you cut the aid" in t for t in supplement["text"])  # a question
    # Merged pool: round 1 kept as the backup, the union written in its place.
    merged = s.read_pool(pool_path)
    assert len(merged) == len(pool) + len(supplement) and merged["id"].is_unique
    assert merged.groupby("doc_id").size().max() <= c.MAX_PER_DOC
    assert sorted(s.read_pool(interim / "round1.parquet")["id"]) == sorted(pool["id"])
    (batch,) = sorted((interim / "batches").glob("batch_*.csv"))
    assert batch.name == "batch_19.csv"
    assert list(read_table(batch).columns) == c.BATCH_COLUMNS
    assert sorted(read_table(batch)["id"]) == sorted(supplement["id"])
    # A rerun starts again from the backup and finds the same units; batches are kept.
    again = s.build_supplement(
        shared, pool_path, interim / "supplement.parquet", size=50, sources=sources,
        backup_path=interim / "round1.parquet",
    )  # fmt: skip
    pd.testing.assert_frame_equal(again, supplement)
    assert len(s.read_pool(pool_path)) == len(merged)
    with pytest.raises(DataError, match="already exist"):
        s.write_supplement_batches(supplement, interim / "batches", first_batch=19)


def test_supplement_units_respect_the_document_cap(tmp_path):
    shared = _supplement_shared(tmp_path / "shared")
    c.build_candidates(shared, tmp_path / "pool.parquet", sources=("mfa",))
    pool = s.read_pool(tmp_path / "pool.parquet")
    taken = int((pool["doc_id"] == "mfa:103").sum())
    full = s.supplement_units(shared, pool, ("mfa",), max_per_doc=taken)
    assert "mfa:103" not in set(full["doc_id"])
    room = s.supplement_units(shared, pool, ("mfa",), max_per_doc=taken + 1)
    sample = s.sample_supplement(room, size=10)
    assert (sample["doc_id"] == "mfa:103").sum() == 1


def test_cue_score_ranks_concession_arguments():
    assert s.cue_score("Western weapons only prolong the conflict.") >= 3
    assert s.cue_score("Kiev must recognise the new territorial realities.") >= 6
    assert s.cue_score("We held talks.") == 1
    assert s.cue_score("The weather was fine today.") == 0
