"""Loaders that turn each shared corpus into `Document`s ready for quote extraction."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stance.extract.extractor import Kind, Quote, extract_quotes

csv.field_size_limit(sys.maxsize)
TRUMP_SECOND_TERM = "2025-01-20"
# Third-person news about the presidency (reports on the President, the First Lady, the
# Head of the Office), as opposed to first-person addresses and speeches.
THIRD_PERSON = re.compile(
    r"Zelensky|President of Ukraine|Head of State|First Lady|Zelenska|Yermak|"
    r"Head of the (?:President's )?Office|Deputy Head|Office of the President|"
    r"\b(?:said|stated|noted|emphasized|stressed|announced|held|met|presented|visited|"
    r"discussed|took part|spoke|has been|was opened)\b"
)
FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|us)\b")


@dataclass(frozen=True)
class Document:
    """One source document; `roles` maps role labels ('president') to the person holding them."""

    doc_id: str
    text: str
    link: str = ""
    date: str = ""
    source: str = ""
    kind: Kind = "article"
    default_speaker: str | None = None
    speaker_country: str | None = None
    title: str = ""
    roles: Mapping[str, str] = field(default_factory=dict)


def document_quotes(doc: Document, **options: object) -> list[Quote]:
    """Quote units of a document (options go to extract_quotes)."""
    return extract_quotes(
        doc.text,
        doc_id=doc.doc_id,
        link=doc.link,
        default_speaker=doc.default_speaker,
        kind=doc.kind,
        roles=doc.roles,
        names_text=doc.title,
        **options,
    )


def _require(path: Path) -> Path:
    if not Path(path).exists():
        raise FileNotFoundError(f"corpus file missing: {path}")
    return Path(path)


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_article(path: Path) -> Document:
    """A plain-text news article (one paragraph per line)."""
    path = _require(path)
    text = path.read_text(encoding="utf-8")
    return Document(f"article:{path.stem}", text, source="article", kind="article")


def load_kremlin(path: Path) -> Iterator[Document]:
    """Kremlin transcripts (putin.csv): turns such as 'Vladimir Putin: ...'."""
    return _kremlin(_require(path))


def _kremlin(path: Path) -> Iterator[Document]:
    for row in _rows(path):
        number = row["link"].rstrip("/").rsplit("/", 1)[-1]
        title = f"{row['headline']}. {row.get('summary', '')}"
        yield Document(
            f"kremlin:{number}", row["body"], row["link"], row["date"], "kremlin",
            "transcript", None, "RUS", title, {"president": "Vladimir Putin"},
        )  # fmt: skip


def load_zelenskyy(path: Path) -> Iterator[Document]:
    """Ukrainian presidency releases: first-person addresses, or third-person news."""
    return _zelenskyy(_require(path))


def _zelenskyy(path: Path) -> Iterator[Document]:
    for row in _rows(path):
        number = re.search(r"(\d+)/?$", row["link"])
        doc_id = f"zelenskyy:{number.group(1) if number else row['link']}"
        opening = row["body"][:400]
        third_person = THIRD_PERSON.search(opening)
        first_person = FIRST_PERSON.search(opening)
        address = "address" in row["headline"].lower() or (first_person and not third_person)
        yield Document(
            doc_id, row["body"], row["link"], row["date"], "zelenskyy",
            "address" if address else "article",
            _address_speaker(row["headline"]) if address else "Volodymyr Zelenskyy", "UKR",
            row["headline"],
            {"president": "Volodymyr Zelenskyy", "head of state": "Volodymyr Zelenskyy"},
        )  # fmt: skip


def _address_speaker(headline: str) -> str:
    """Who gives a speech released by the presidency: the President unless the headline
    names the First Lady or the Head of the Office."""
    if re.search(r"Zelenska\b|First Lady", headline):
        return "Olena Zelenska"
    if "Yermak" in headline and not re.search(r"Zelenskyy?\b|President of Ukraine", headline):
        return "Andriy Yermak"
    if re.search(r"Head of the Office of the President|Head of the President's Office", headline):
        return "Andriy Yermak"
    return "Volodymyr Zelenskyy"


def load_ungdc(root: Path) -> Iterator[Document]:
    """UN General Debate statements: the whole body is the listed speaker's."""
    _require(root / "speakers.csv")
    return _ungdc(Path(root))


def _ungdc(root: Path) -> Iterator[Document]:
    speakers = {
        (row["ISO Code"].strip(), row["Year"].strip()): row["Name of Person Speaking"].strip()
        for row in _rows(root / "speakers.csv")
    }
    for path in sorted(root.glob("session*/*.txt")):
        iso, session, year = path.stem.split("_")
        yield Document(
            f"ungdc:{path.stem}", path.read_text(encoding="utf-8"), "", year, "ungdc", "address",
            speakers.get((iso, year)), iso, f"UN General Debate, session {session}",
        )  # fmt: skip


def load_whitehouse(path: Path) -> Iterator[Document]:
    """White House briefing-room documents; briefings and remarks are speaker-labelled."""
    return _whitehouse(_require(path))


def _whitehouse(path: Path) -> Iterator[Document]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            labelled = row["category"] in ("press-briefings", "speeches-remarks", "remarks")
            yield Document(
                f"wh:{row['path']}", row["text"], row.get("source_url", ""), row["date"],
                "whitehouse", "transcript" if labelled else "article", None, "USA",
                row.get("title", ""), _wh_roles(row["date"]),
            )  # fmt: skip


def _wh_roles(date: str) -> dict[str, str]:
    if date >= TRUMP_SECOND_TERM:
        return {"president": "Donald Trump", "vice president": "JD Vance"}
    return {"president": "Joe Biden", "vice president": "Kamala Harris"}


def load_mfa(path: Path) -> Iterator[Document]:
    """Russian MFA Telegram posts: labelled statements ('Sergey Lavrov: ...') and in-line quotes."""
    return _mfa(_require(path))


def _mfa(path: Path) -> Iterator[Document]:
    for row in _rows(path):
        yield Document(
            f"mfa:{row['message_id']}", row["text"], "", row["date"], "mfa", "post", None, "RUS",
        )  # fmt: skip


def load_congress_press(path: Path) -> Iterator[Document]:
    """Press releases of US members of Congress: quotes of the issuing member (and others)."""
    return _congress_press(_require(path))


def _congress_press(path: Path) -> Iterator[Document]:
    for row in _jsonl(path):
        member = row.get("speaker") or ""
        yield Document(
            f"congress_press:{row['id'].rsplit(':', 1)[-1]}", row["text"], row.get("url", ""),
            row["date"][:10], "congress_press", "article", None, "USA", row.get("title", ""),
            _member_roles(member),
        )  # fmt: skip


def load_congress_record(path: Path) -> Iterator[Document]:
    """Congressional Record floor speeches (2024): the whole speech is the member's."""
    return _congress_record(_require(path))


def _congress_record(path: Path) -> Iterator[Document]:
    for row in _jsonl(path):
        yield Document(
            f"congress_record:{row['id'].split(':', 1)[-1]}", row["text"], row.get("url", ""),
            row["date"][:10], "congress_record", "address", row.get("speaker") or None, "USA",
            row.get("title", ""), _member_roles(row.get("speaker") or ""),
        )  # fmt: skip


def _member_roles(member: str) -> dict[str, str]:
    """'the Senator', 'Congressman' and the like name the issuing member."""
    if not member:
        return {}
    roles = ("senator", "the senator", "congressman", "congresswoman", "representative", "leader")
    return dict.fromkeys(roles, member)


def _jsonl(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_corpus(name: str, shared: Path) -> Iterator[Document]:
    """Documents of a named corpus under the shared data root."""
    corpora = Path(shared) / "corpora"
    loaders = {
        "kremlin": lambda: load_kremlin(corpora / "zelenskyy_kremlin_2021_2022" / "putin.csv"),
        "zelenskyy": lambda: load_zelenskyy(
            corpora / "zelenskyy_kremlin_2021_2022" / "zelenskyy.csv"
        ),
        "ungdc": lambda: load_ungdc(corpora / "ungdc_2022_2023"),
        "whitehouse": lambda: load_whitehouse(
            corpora / "whitehouse_briefings_ukraine_2022_2025" / "wh_ukraine_docs.jsonl"
        ),
        "mfa": lambda: load_mfa(corpora / "russian_mfa_telegram_en" / "mfa_telegram.csv"),
        "congress_press": lambda: load_congress_press(
            corpora / "congress_press_ukraine" / "docs.jsonl"
        ),
        "congress_record": lambda: load_congress_record(
            corpora / "congressional_record_ukraine_2024" / "docs.jsonl"
        ),
    }
    if name not in loaders:
        raise ValueError(f"unknown corpus {name!r}; choose from {', '.join(sorted(loaders))}")
    return loaders[name]()
