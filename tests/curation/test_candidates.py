"""The candidate pool: units, speakers, sampling and annotation batches."""

from __future__ import annotations

import pandas as pd
import pytest

from stance.curation import candidates as c
from stance.data.io import read_table
from tests.conftest import requires_shared, shared_dir
from tests.curation.fakes import fake_shared


def _eligible(docs: int, per_doc: int, source: str = "ungdc") -> pd.DataFrame:
    rows = []
    for d in range(docs):
        for u in range(per_doc):
            rows.append(
                {"id": f"{source}:{d}#{u}", "text": f"Ukraine text {d} {u}",
                 "speaker": f"Speaker {d % 5}", "source": source, "date": "2022-09-20",
                 "target": "ukraine_war_end", "doc_id": f"{source}:{d}", "link": "",
                 "char_start": u, "char_end": u + 5, "speaker_country": "AAA",
                 "context": "", "method": "address", "concession_cue": u % 4 == 0,
                 "stratum": ""}
            )  # fmt: skip
    return pd.DataFrame(rows)


def test_sample_pool_caps_documents_and_is_deterministic():
    eligible = pd.concat([_eligible(20, 15), _eligible(5, 3, "mfa")])
    quotas = {("ungdc", ""): 150, ("mfa", ""): 40}
    first = c.sample_pool(eligible, quotas=quotas, seed=1)
    again = c.sample_pool(eligible, quotas=quotas, seed=1)
    pd.testing.assert_frame_equal(first, again)
    assert first.groupby("doc_id").size().max() <= c.MAX_PER_DOC
    assert (first["source"] == "mfa").sum() == 15  # all there is
    assert len(first) == 190  # mfa's shortfall of 25 goes to ungdc (FILL_ORDER)
    assert first["doc_id"].nunique() == 25
    assert list(first.columns) == c.CANDIDATE_COLUMNS


def test_sample_pool_spreads_over_documents_first():
    pool = c.sample_pool(_eligible(30, 10), quotas={("ungdc", ""): 30}, seed=3)
    assert pool["doc_id"].nunique() == 30


def test_write_batches(tmp_path):
    pool = c.sample_pool(_eligible(50, 10), quotas={("ungdc", ""): 450}, seed=0)
    paths_ = c.write_batches(pool, tmp_path, batch_size=100, seed=0)
    batches = [read_table(p) for p in paths_ if p.name.startswith("batch_")]
    seconds = [read_table(p) for p in paths_ if p.name.startswith("second_")]
    assert len(batches) == 5 and len(seconds) == 4
    assert all(list(b.columns) == c.BATCH_COLUMNS for b in batches + seconds)
    ids = pd.concat(batches)["id"]
    assert sorted(ids) == sorted(pool["id"]) and ids.is_unique
    second = pd.concat(seconds)["id"]
    assert len(second) == 90 and second.is_unique and set(second) <= set(pool["id"])
    assert max(len(b) for b in batches) - min(len(b) for b in batches) <= 1


def test_build_candidates_on_a_fake_shared_folder(tmp_path):
    shared = fake_shared(tmp_path / "shared")
    out = tmp_path / "interim" / "candidates.parquet"
    pool = c.build_candidates(
        shared, out, tmp_path / "interim" / "batches", sources=("ungdc", "mfa", "article")
    )
    assert out.is_file() and (tmp_path / "interim" / "batches" / "batch_01.csv").is_file()
    docs = {d.doc_id: d.text for d in c.iter_documents(shared, ("ungdc", "mfa", "article"))}
    for row in pool.itertuples():
        assert docs[row.doc_id][row.char_start : row.char_end] == row.text
        assert row.id == f"{row.doc_id}#{row.char_start}"
        assert "[[" in row.context
    by_speaker = dict(zip(pool["speaker"], pool["speaker_country"], strict=True))
    assert by_speaker == {
        "Alpha Person": "AAA", "Beta Leader": "BBB", "Sergey Lavrov": "RUS", "Mark Rutte": "NATO"
    }  # fmt: skip
    assert "Maria Zakharova" not in set(pool["speaker"])  # ballet news: not about the war
    assert set(pool["date"]) >= {"2022-09-20", "2023-09-19", "2026-01-05", "2024-11-26"}


def test_missing_corpus_is_a_data_error(tmp_path):
    from stance.errors import DataError

    with pytest.raises(DataError, match="corpus file missing"):
        list(c.iter_documents(tmp_path, ("mfa",)))


SHARED = shared_dir()


@pytest.mark.slow
@requires_shared("corpora")
def test_real_corpora_units_are_exact_slices():
    eligible = c.eligible_units(SHARED, ("mfa", "article"))
    assert len(eligible) > 100
    docs = {d.doc_id: d.text for d in c.iter_documents(SHARED, ("mfa", "article"))}
    for row in eligible.itertuples():
        assert docs[row.doc_id][row.char_start : row.char_end] == row.text
    assert eligible["speaker"].str.split().str.len().min() >= 2
