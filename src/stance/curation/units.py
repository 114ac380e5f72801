"""Candidate units and the rows built from them, for the first pool and the supplement.

A unit is 1-3 sentences of one quote with exact offsets; the war filter and the clean
check decide which units may be sampled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from stance.curation.gazetteer import SpeakerNames, looks_like_person, normalise_speaker
from stance.data.dataset import TARGET
from stance.extract.documents import Document, document_quotes
from stance.extract.quotes import sentence_bounds, word_count

MAX_SENTENCES = 3
# The extractor rules (stance.extract.rules.VERSIONS) that built the v1 candidate pool:
# pinned so that rebuilding the pool from ../shared keeps the labelled units' ids and offsets.
EXTRACTOR_VERSION = "v1"
MIN_WORDS = 6
MAX_CHARS = 900
CONTEXT_BEFORE = 600
CONTEXT_AFTER = 300
NEAR_BEFORE = 250  # how close a war term must be for a generic term to count
NEAR_AFTER = 100

UNGDC_DATES = {"2022": "2022-09-20", "2023": "2023-09-19"}
ARTICLE_DATE = "2024-11-26"  # The Independent, 26 Nov 2024 (shared/README.md)

# Sampling filter: a unit concerns the war if it names it, or uses a war word next to
# text that names it. Never used for labels.
_CORE = (
    r"kyiv|kiev|kremlin|zelensk\w*|putin|crimea\w*|donbas+|donetsk|luhansk|lugansk|"
    r"zaporiz\w*|zaporozh\w*|kherson|kharkiv|mariupol|bakhmut|nato|"
    r"special military operation|minsk agreements?"
)
# Each side names its own country all the time: for Russian sources 'Russia' is not a
# sign of the war, nor 'Ukraine' for Ukrainian ones... except that Kyiv's 2021-22
# releases speak of Russia mostly as the aggressor.
_RUSSIAN_SIDE = (
    r"ukrain\w*|sanction\w*|the west|western (?:countries|partners|states)|neo-?nazi\w*|"
    r"denazif\w*|demilitari[sz]\w*|security guarantees?|kiev regime|anti-russian"
)
_STRONG_BY_SOURCE = {
    "kremlin": re.compile(rf"\b(?:{_CORE}|{_RUSSIAN_SIDE})\b", re.I),
    "mfa": re.compile(rf"\b(?:{_CORE}|{_RUSSIAN_SIDE})\b", re.I),
}
_STRONG = re.compile(rf"\b(?:{_CORE}|ukrain\w*|russia\w*|moscow)\b", re.I)
_WEAK = re.compile(
    r"\b(?:war|wars|peace\w*|cease-?fire|truce|armistice|negotiat\w*|talks|sanction\w*|"
    r"weapon\w*|arms|military aid|aid|assistance|invasion|invade\w*|aggression|territor\w*|"
    r"security guarantees?|escalat\w*|conflict|hostilities|front ?line|troops|offensive|"
    r"settlement|diplomac\w*|dialogue)\b",
    re.I,
)
# Cues of calls for talks, ceasefire, concessions or against arming Ukraine: used only
# to over-sample units likely to be `pro_concession`.
CONCESSION = re.compile(
    r"\b(?:cease-?fire|truce|armistice|negotiat\w*|talks|dialogue|diplomatic solution|"
    r"peaceful (?:solution|settlement|resolution)|political settlement|compromise\w*|"
    r"de-?escalat\w*|root causes|neutral\w*|security guarantees?|territor\w*|concession\w*|"
    r"end (?:the|this) (?:war|conflict)|stop (?:the )?(?:war|fighting|killing)|"
    r"(?:arms|weapons?) (?:supplies|deliveries|shipments)|pumping|escalation|"
    r"deal|sit down|both sides|mediat\w*|realit\w* on the ground|new realities)\b",
    re.I,
)
JUNK = re.compile(r"https?://|\]\(|<!--|\bQ[ \t\xa0]{2,}|#\w|@\w|<…>|<\.\.\.>")


@dataclass(frozen=True)
class Unit:
    """One candidate before sampling."""

    doc: Document
    start: int
    end: int
    speaker: str
    method: str
    label: str = ""

    @property
    def text(self) -> str:
        return self.doc.text[self.start : self.end]


def iso_date(doc: Document) -> str:
    if doc.source == "ungdc":
        return UNGDC_DATES.get(doc.date, doc.date)
    if doc.source == "article":
        return doc.date or ARTICLE_DATE
    return doc.date[:10]


def names_the_war(text: str, source: str = "") -> bool:
    """A term that names this war (source-aware: each side names its own country)."""
    return bool(_STRONG_BY_SOURCE.get(source, _STRONG).search(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink past whitespace, stray quote marks and bullets on both sides, keeping
    balanced quotation marks."""
    strip_left = " \t\r\n\xa0•*-–—<>…."
    strip_right = " \t\r\n\xa0•*<>,;:"
    while start < end and text[start] in strip_left:
        start += 1
    while end > start and text[end - 1] in strip_right:
        end -= 1
    for mark_open, mark_close in (("“", "”"), ('"', '"')):
        inner = text[start:end]
        if inner.startswith(mark_open) and inner.count(mark_open) + inner.count(mark_close) == 1:
            start += 1
        inner = text[start:end]
        if inner.endswith(mark_close) and inner.count(mark_open) + inner.count(mark_close) == 1:
            end -= 1
    return start, end


def split_units(
    text: str, start: int, end: int, size: int = MAX_SENTENCES
) -> list[tuple[int, int]]:
    """text[start:end] as units of at most `size` sentences, offsets exact and trimmed."""
    sentences = sentence_bounds(text, start, end)
    units = []
    for index in range(0, len(sentences), size):
        group = sentences[index : index + size]
        s, e = _trim(text, group[0][0], group[-1][1])
        if e > s:
            units.append((s, e))
    return units


def concerns_war(text: str, context: str, source: str = "") -> bool:
    """A war term naming this war in the unit, or a generic one ('talks', 'aid') with
    such a term close by (`context`)."""
    if names_the_war(text, source):
        return True
    return bool(_WEAK.search(text)) and names_the_war(context, source)


def is_clean(text: str) -> bool:
    """A readable unit: enough words, not too long, no markup or reporter questions."""
    if word_count(text) < MIN_WORDS or len(text) > MAX_CHARS or JUNK.search(text):
        return False
    first = text.lstrip("“\"‘'")[:1]
    return first.isupper() or first.isdigit()


def document_units(doc: Document) -> list[Unit]:
    """Candidate units of one document: 1-3 sentences, each from one quote or turn."""
    units = []
    for quote in document_quotes(doc, version=EXTRACTOR_VERSION):
        pieces = quote.pieces or ((quote.char_start, quote.char_end),)
        for p_start, p_end in pieces:
            for start, end in split_units(doc.text, p_start, p_end):
                units.append(
                    Unit(doc, start, end, quote.speaker or "", quote.method, quote.mention)
                )
    return units


def context_bounds(text: str, start: int, end: int, before: int, after: int) -> tuple[int, int]:
    """About `before` characters before text[start:end] and `after` after it, cut at a space."""
    left = max(0, start - before)
    right = min(len(text), end + after)
    if left > 0:
        left = text.find(" ", left, start) + 1 or left
    if right < len(text):
        cut = text.rfind(" ", end, right)
        right = cut if cut > end else right
    return left, right


def context_window(text: str, start: int, end: int) -> str:
    """About CONTEXT_BEFORE characters before and CONTEXT_AFTER after, whitespace
    collapsed, the unit marked with [[ ]]."""
    left, right = context_bounds(text, start, end, CONTEXT_BEFORE, CONTEXT_AFTER)

    def squash(part: str) -> str:
        return re.sub(r"\s+", " ", part)

    before = ("…" if left > 0 else "") + squash(text[left:start])
    after = squash(text[end:right]) + ("…" if right < len(text) else "")
    return f"{before}[[{squash(text[start:end])}]]{after}".strip()


def collect_units(
    documents: Iterable[Document], units_of: Callable[[Document], list[Unit]]
) -> tuple[list[tuple[Unit, str]], SpeakerNames]:
    """Every unit of `documents` (as `units_of` cuts them) with its normalised speaker,
    and the full names of the named persons among them, per source."""
    raw: list[tuple[Unit, str]] = []
    for doc in documents:
        for unit in units_of(doc):
            raw.append((unit, normalise_speaker(unit.speaker, doc.source)))
    names = SpeakerNames((u.doc.source, n) for u, n in raw if looks_like_person(n))
    return raw, names


def unit_row(unit: Unit, speaker: str, country: str, concession_cue: bool) -> dict[str, object]:
    """The pool columns of one unit (`candidates.CANDIDATE_COLUMNS`, in order)."""
    doc = unit.doc
    return {
        "id": f"{doc.doc_id}#{unit.start}",
        "text": unit.text,
        "speaker": speaker,
        "source": doc.source,
        "date": iso_date(doc),
        "target": TARGET,
        "doc_id": doc.doc_id,
        "link": doc.link,
        "char_start": unit.start,
        "char_end": unit.end,
        "speaker_country": country,
        "context": context_window(doc.text, unit.start, unit.end),
        "method": unit.method,
        "concession_cue": concession_cue,
    }
