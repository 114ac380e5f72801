"""The unlabelled pool: extraction over (fake) corpora, exclusion of known units, cache."""

from __future__ import annotations

import pandas as pd
import pytest

from stance.curation import pool as pool_module
from stance.curation.pool import build_pool, read_pool
from stance.data.io import read_table, write_table
from stance.errors import DataError
from tests.curation.fakes import fake_shared
from tests.curation.label_fakes import fake_pool

CORPORA = ["ungdc", "mfa", "article"]


def _build(tmp_path, raw, **kwargs):
    return build_pool(
        tmp_path / "shared",
        tmp_path / "out" / "pool.csv",
        CORPORA,
        raw_dir=raw,
        cache_dir=tmp_path / "cache",
        **kwargs,
    )


def test_pool_has_units_contexts_and_exact_offsets(tmp_path):
    shared = fake_shared(tmp_path / "shared")
    pool, cached = _build(tmp_path, tmp_path / "raw")
    assert not cached and len(pool) >= 3
    assert list(pool.columns) == pool_module.POOL_COLUMNS
    assert set(pool["source"]) <= set(CORPORA)
    article = (shared / "articles" / "000_test.txt").read_text(encoding="utf-8")
    rutte = pool[pool["doc_id"] == "article:000_test"].iloc[0]
    start, end = int(rutte["char_start"]), int(rutte["char_end"])
    assert article[start:end] == rutte["text"]
    assert article[:start].endswith(rutte["context_before"])
    assert article[end:].startswith(rutte["context_after"])
    assert read_pool(tmp_path / "out" / "pool.csv").equals(
        read_table(tmp_path / "out" / "pool.csv")
    )


def test_second_run_reads_the_cache_and_known_units_are_left_out(tmp_path, monkeypatch):
    fake_shared(tmp_path / "shared")
    first, _ = _build(tmp_path, tmp_path / "raw")
    monkeypatch.setattr(pool_module, "compute_pool", lambda *a, **k: pytest.fail("recomputed"))
    again, cached = _build(tmp_path, tmp_path / "raw")
    assert cached
    written = read_table(tmp_path / "out" / "pool.csv")
    pd.testing.assert_frame_equal(again.astype(object), written.astype(object))
    monkeypatch.undo()
    # A labelled unit (and a near-duplicate text of another) change the key and the pool.
    known = first.iloc[[0]].assign(label="neutral")
    near = first.iloc[1]["text"] + "!"
    quotes = pd.concat([known, known.assign(id="other#1", doc_id="other", text=near)])
    raw = tmp_path / "raw2"
    write_table(quotes, raw / "quotes.csv")
    fresh, cached = _build(tmp_path, raw)
    assert not cached
    assert set(fresh["id"]) == set(first["id"]) - {first.iloc[0]["id"], first.iloc[1]["id"]}


def test_extra_documents_are_read(tmp_path):
    fake_shared(tmp_path / "shared")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.txt").write_text(
        'Jane Smith said: "We must keep sending weapons to Ukraine until it wins."\n',
        encoding="utf-8",
    )
    pool, _ = build_pool(
        tmp_path / "shared",
        tmp_path / "pool.csv",
        [],
        [docs],
        raw_dir=tmp_path / "raw",
        cache_dir=tmp_path / "cache",
    )
    assert pool["doc_id"].tolist() == ["note"]
    assert pool["speaker"].tolist() == ["Jane Smith"]


def test_unknown_corpus_is_one_line(tmp_path):
    with pytest.raises(DataError, match="--corpora: unknown corpus 'nope'"):
        build_pool(tmp_path, tmp_path / "p.csv", ["nope"], raw_dir=tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "ungdc:D000#1"}, "row 1, field 'id': 'ungdc:D000#1' is not doc_id#char_start"),
        ({"char_end": "1000"}, "row 1, field 'char_end': the offsets do not span the text"),
        ({"char_start": "x"}, "row 1, field 'char_start': offsets must be integers"),
    ],
)
def test_bad_pool_rows_name_file_row_and_field(tmp_path, change, message):
    frame = fake_pool(3)
    for key, value in change.items():
        frame.loc[0, key] = value
    path = write_table(frame, tmp_path / "pool.csv")
    with pytest.raises(DataError, match=message):
        read_pool(path)


def test_annotation_ids_whose_offset_is_not_ascii_digits_are_skipped(tmp_path):
    annotations = tmp_path / "raw" / "annotations"
    annotations.mkdir(parents=True)
    write_table(pd.DataFrame({"id": ["doc#12", "doc#²", "doc#x"]}), annotations / "batch.csv")
    known, _ = pool_module.known_units(tmp_path / "raw", None)
    assert known["id"].tolist() == ["doc#12"]
    assert known["char_start"].tolist() == [12]
