"""Corpus loaders on tiny hand-made files."""

import json

import pytest

from stance.extract.documents import (
    document_quotes,
    load_article,
    load_corpus,
    load_kremlin,
    load_mfa,
    load_ungdc,
    load_whitehouse,
    load_zelenskyy,
)


def write_csv(path, header, rows):
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_kremlin_and_zelenskyy(tmp_path):
    putin = write_csv(
        tmp_path / "putin.csv",
        ["link", "headline", "date", "location", "summary", "body"],
        [["http://en.kremlin.ru/events/president/news/68700", "Meeting", "2022-06-24", "M", "",
          "Intro. Vladimir Putin: We are ready for talks. Thank you."]],
    )  # fmt: skip
    (doc,) = load_kremlin(putin)
    assert (doc.doc_id, doc.kind, doc.speaker_country) == ("kremlin:68700", "transcript", "RUS")
    assert [q.speaker for q in document_quotes(doc)] == ["Vladimir Putin"]
    zel = write_csv(
        tmp_path / "zelenskyy.csv",
        ["link", "headline", "date", "body"],
        [["https://www.president.gov.ua/en/news/abc-76045", "Address", "2022-06-24",
          "Good evening. We will win."]],
    )  # fmt: skip
    (doc,) = load_zelenskyy(zel)
    assert (doc.doc_id, doc.kind, doc.default_speaker) == (
        "zelenskyy:76045", "address", "Volodymyr Zelenskyy",
    )  # fmt: skip


def test_ungdc(tmp_path):
    (tmp_path / "session77_2022").mkdir()
    (tmp_path / "session77_2022" / "UKR_77_2022.txt").write_text("Peace now. Justice now.")
    write_csv(
        tmp_path / "speakers.csv",
        ["Year", "Session", "ISO Code", "Country", "Name of Person Speaking", "Post"],
        [["2022", "77", "UKR", "Ukraine", "Volodymyr Zelenskyy", "President"]],
    )
    (doc,) = load_ungdc(tmp_path)
    assert (doc.doc_id, doc.default_speaker, doc.speaker_country) == (
        "ungdc:UKR_77_2022", "Volodymyr Zelenskyy", "UKR",
    )  # fmt: skip
    assert [q.text for q in document_quotes(doc)] == ["Peace now. Justice now."]


def test_whitehouse_and_mfa(tmp_path):
    row = {
        "path": "press-briefings/x.md",
        "category": "press-briefings",
        "date": "2025-03-01",
        "title": "Briefing",
        "source_url": "https://wh.gov/x",
        "text": "THE PRESIDENT:  Hi.",
    }
    (tmp_path / "wh.jsonl").write_text(json.dumps(row) + "\n")
    (doc,) = load_whitehouse(tmp_path / "wh.jsonl")
    assert doc.doc_id == "wh:press-briefings/x.md" and doc.kind == "transcript"
    assert [q.speaker for q in document_quotes(doc)] == ["Donald Trump"]
    mfa = write_csv(
        tmp_path / "mfa.csv",
        ["message_id", "date", "text", "urls", "has_photo", "views"],
        [["28614", "2026-03-09", "💬 Sergey Lavrov: We are ready. Talks go on.", "", "0", "1"]],
    )
    (doc,) = load_mfa(mfa)
    assert doc.doc_id == "mfa:28614"
    assert [q.speaker for q in document_quotes(doc)] == ["Sergey Lavrov"]


def test_article_and_missing_files(tmp_path):
    path = tmp_path / "000_abc.txt"
    path.write_text("“Enough of this war now,” said Jane Roe.")
    doc = load_article(path)
    assert doc.doc_id == "article:000_abc"
    assert [q.speaker for q in document_quotes(doc)] == ["Jane Roe"]
    with pytest.raises(FileNotFoundError, match=r"putin\.csv"):
        load_corpus("kremlin", tmp_path)
    with pytest.raises(FileNotFoundError, match=r"speakers\.csv"):
        load_ungdc(tmp_path / "nowhere")
    with pytest.raises(ValueError, match="unknown corpus"):
        load_corpus("nope", tmp_path)
