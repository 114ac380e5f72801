"""The candidate pool of quote units for annotation, and the annotation batches.

Runs the quote extractor over every shared corpus and the seed article, keeps units of
1-3 sentences said by one named speaker that concern the war, and samples about 3,600
of them with a fixed seed: at most 10 per document, spread over documents, speakers,
countries and dates, over-sampling sources likely to hold `pro_concession` quotes.

The keyword filter only decides what is *sampled*; labels are made later by reading.
Offsets are exact: `text == document.text[char_start:char_end]` for the text the
loaders in `stance.extract.documents` produce.

UN General Debate statements carry only the year; their `date` is the opening day of
that year's debate (2022-09-20, 2023-09-19).
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stance.data.dataset import TARGET
from stance.data.io import read_table, write_table
from stance.errors import DataError
from stance.extract.documents import Document, document_quotes, load_article, load_corpus
from stance.extract.names import is_person_name, strip_titles
from stance.extract.quotes import sentence_bounds, word_count

CORPORA = ("kremlin", "zelenskyy", "ungdc", "whitehouse", "mfa")
SOURCES = (*CORPORA, "article")
SEED = 13
MAX_PER_DOC = 10
MAX_SENTENCES = 3
MIN_WORDS = 6
MAX_CHARS = 900
CONTEXT_BEFORE = 600
CONTEXT_AFTER = 300
NEAR_BEFORE = 250  # how close a war term must be for a generic term to count
NEAR_AFTER = 100
BATCH_SIZE = 200
SECOND_PASS_SHARE = 0.2
SECOND_PASS_BATCHES = 4

# Units wanted per source (and stratum); a source that falls short passes its
# shortfall to the others in FILL_ORDER.
QUOTAS: dict[tuple[str, str], int] = {
    ("kremlin", ""): 700,
    ("zelenskyy", ""): 560,
    ("ungdc", ""): 820,
    ("whitehouse", "2022-2024"): 480,
    ("whitehouse", "2025-"): 420,
    ("mfa", ""): 600,
    ("article", ""): 20,
}
FILL_ORDER = [
    ("whitehouse", "2025-"),
    ("kremlin", ""),
    ("ungdc", ""),
    ("whitehouse", "2022-2024"),
    ("zelenskyy", ""),
]
TARGET_SIZE = sum(QUOTAS.values())

CANDIDATE_COLUMNS = [
    "id", "text", "speaker", "source", "date", "target", "doc_id", "link",
    "char_start", "char_end", "speaker_country", "context", "method", "concession_cue",
]  # fmt: skip
BATCH_COLUMNS = ["id", "source", "doc_id", "date", "speaker", "speaker_country", "context", "text"]

UNGDC_DATES = {"2022": "2022-09-20", "2023": "2023-09-19"}
ARTICLE_DATE = "2024-11-26"  # The Independent, 26 Nov 2024 (shared/README.md)
CORPUS_COUNTRY = {"kremlin": "RUS", "zelenskyy": "UKR", "whitehouse": "USA", "mfa": "RUS"}

# Speakers who are not of the corpus's country (guests at the Kremlin or White House,
# leaders quoted by Kyiv), and seed-article speakers. UNGDC's speakers.csv adds more.
KNOWN_COUNTRIES = {
    "Alexander Lukashenko": "BLR", "Kassym-Jomart Tokayev": "KAZ", "Emmanuel Macron": "FRA",
    "Nikol Pashinyan": "ARM", "Ilham Aliyev": "AZE", "Viktor Orban": "HUN",
    "Viktor Orbán": "HUN", "Olaf Scholz": "DEU", "Boris Johnson": "GBR",
    "Andrzej Duda": "POL", "Recep Tayyip Erdogan": "TUR", "Xi Jinping": "CHN",
    "Shavkat Mirziyoyev": "UZB", "Emomali Rahmon": "TJK", "Sadyr Japarov": "KGZ",
    "Narendra Modi": "IND", "Mario Draghi": "ITA", "Justin Trudeau": "CAN",
    "Karl Nehammer": "AUT", "Antonio Guterres": "UN", "António Guterres": "UN",
    "Ursula von der Leyen": "EU", "Charles Michel": "EU", "Jens Stoltenberg": "NATO",
    "Mark Rutte": "NATO", "Keir Starmer": "GBR", "Rishi Sunak": "GBR", "Liz Truss": "GBR",
    "Fumio Kishida": "JPN", "Yoon Suk Yeol": "KOR", "Naftali Bennett": "ISR",
    "Aleksandar Vucic": "SRB", "Aleksandar Vučić": "SRB", "Gitanas Nausėda": "LTU",
    "Egils Levits": "LVA", "Kaja Kallas": "EST", "Alar Karis": "EST",
    "Andrej Plenković": "HRV", "Volodymyr Zelenskyy": "UKR", "Olena Zelenska": "UKR",
    "Andriy Yermak": "UKR", "Vladimir Putin": "RUS", "Sergey Lavrov": "RUS",
    "Dmitry Peskov": "RUS", "Maria Zakharova": "RUS", "Vassily Nebenzia": "RUS",
    "Joe Biden": "USA", "Donald Trump": "USA", "Antony Blinken": "USA",
    "Gianni Infantino": "CHE", "Thomas Bach": "DEU", "Rafael Grossi": "IAEA",
    "Mohammed bin Zayed Al Nahyan": "ARE", "Sheikh Tamim bin Hamad Al Thani": "QAT",
    "Mohammed bin Salman": "SAU",
    "Lee Hsien Loong": "SGP", "Ukhnaagiin Khurelsukh": "MNG",
    "Gurbanguly Berdymuhamedov": "TKM", "Serdar Berdimuhamedov": "TKM",
    "Diana Magnay": "GBR", "Shen Haixiong": "CHN", "Francesco Rocca": "ITA", "Ao Li": "CHN",
    "Jair Bolsonaro": "BRA", "Luiz Inacio Lula da Silva": "BRA",
    "Giorgia Meloni": "ITA", "Friedrich Merz": "DEU", "Petr Fiala": "CZE",
    "Sanna Marin": "FIN", "Sauli Niinistö": "FIN", "Mette Frederiksen": "DNK",
    "Jonas Gahr Støre": "NOR", "Magdalena Andersson": "SWE", "Ulf Kristersson": "SWE",
    "Kyriakos Mitsotakis": "GRC", "Pedro Sánchez": "ESP", "Alexander De Croo": "BEL",
    "Anthony Albanese": "AUS", "Scott Morrison": "AUS", "Chris Hipkins": "NZL",
    "Jacinda Ardern": "NZL", "Cyril Ramaphosa": "ZAF", "Macky Sall": "SEN",
    "William Ruto": "KEN", "Joko Widodo": "IDN", "Anwar Ibrahim": "MYS",
}  # fmt: skip

# Role descriptions the extractor leaves unresolved, by source.
ROLE_NAMES = {
    "zelenskyy": {
        "the president of ukraine": "Volodymyr Zelenskyy",
        "the ukrainian president": "Volodymyr Zelenskyy",
        "the ukrainian head of state": "Volodymyr Zelenskyy",
        "the head of state": "Volodymyr Zelenskyy",
        "the president": "Volodymyr Zelenskyy",
        "the head of the president's office": "Andriy Yermak",
        "the head of the office of the president": "Andriy Yermak",
        "the head of the office": "Andriy Yermak",
        "the first lady": "Olena Zelenska",
        "the president's wife": "Olena Zelenska",
    },
    "article": {"ukrainian president": "Volodymyr Zelenskyy"},  # Nov 2024
}

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
_CONCESSION = re.compile(
    r"\b(?:cease-?fire|truce|armistice|negotiat\w*|talks|dialogue|diplomatic solution|"
    r"peaceful (?:solution|settlement|resolution)|political settlement|compromise\w*|"
    r"de-?escalat\w*|root causes|neutral\w*|security guarantees?|territor\w*|concession\w*|"
    r"end (?:the|this) (?:war|conflict)|stop (?:the )?(?:war|fighting|killing)|"
    r"(?:arms|weapons?) (?:supplies|deliveries|shipments)|pumping|escalation|"
    r"deal|sit down|both sides|mediat\w*|realit\w* on the ground|new realities)\b",
    re.I,
)
_JUNK = re.compile(r"https?://|\]\(|<!--|\bQ[ \t\xa0]{2,}|#\w|@\w|<…>|<\.\.\.>")
_PARTICLES = {"de", "da", "dos", "del", "van", "von", "der", "bin", "al", "el", "la", "le"}
_NOT_SPEAKER = re.compile(
    r"\b(?:forces?|army|news|treaty|world|more|committee|unit|staff|trials?|ballet|"
    r"war|operation|agreement|trade|sputnik|under|lanka|africa|union|scam|security|q|"
    r"friendships?|states|four|affairs|president|championship|head|congress\w*|kingdom|"
    r"official|officials|administration|ministry|embassy|agency|service|channel|tass|"
    r"media|wwii|ussr|press|spokesperson|moderator|operator|participant|anchor|"
    r"narrator|audience|voice|interpreter|translator|correspondent|reporter)\b",
    re.I,
)


# Typos in the sources, fixed after sampling (the sample does not change).
SPEAKER_FIXES = {"Macky Sail": "Macky Sall"}

# Leading words of role labels that are not names ('Minister for Arctic Development
# Yury Trutnev', 'Admiral John Kirby', 'Taoiseach Varadkar').
_LEADING = {
    "admiral", "director", "taoiseach", "administrator", "commissioner", "commander",
    "colonel", "general", "ambassador", "mayor", "speaker", "chancellor", "minister",
    "secretary", "head", "chief", "deputy", "press", "spokesperson", "first", "lady",
    "prince", "princess", "king", "queen", "under", "rights", "entrepreneurs",
}  # fmt: skip
# One person, several spellings: map to the spelling used most in the pool.
ALIASES = {
    "Sergei Lavrov": "Sergey Lavrov", "Yuri Ushakov": "Yury Ushakov",
    "Mykhailo Podoliak": "Mykhailo Podolyak", "Oleh Ustenko": "Oleg Ustenko",
    "Valentina Matvienko": "Valentina Matviyenko", "Joseph R. Biden, Jr": "Joe Biden",
    "Joseph R. Biden": "Joe Biden", "Kishida Fumio": "Fumio Kishida",
    "Gitanas Nauseda": "Gitanas Nausėda", "Sauli Niinisto": "Sauli Niinistö",
    "Viktor Orbán": "Viktor Orban", "Aleksandar Vučić": "Aleksandar Vucic",
    "Volodymyr Zelensky": "Volodymyr Zelenskyy", "Alexander de Croo": "Alexander De Croo",
    "Donald J. Trump": "Donald Trump", "Joseph Biden": "Joe Biden",
    "António Guterres": "Antonio Guterres",
    "Recep Tayyip Erdoğan": "Recep Tayyip Erdogan", "Vasily Nebenzya": "Vassily Nebenzia",
}  # fmt: skip


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


# ---------------------------------------------------------------- documents


def iter_documents(shared: Path, sources: Iterable[str] = SOURCES) -> Iterator[Document]:
    """Every document of the named sources; DataError naming what is missing."""
    shared = Path(shared)
    for source in sources:
        try:
            if source == "article":
                for path in sorted((shared / "articles").glob("*.txt")):
                    yield load_article(path)
            else:
                yield from load_corpus(source, shared)
        except FileNotFoundError as exc:
            raise DataError(f"{exc} (shared data folder: {shared})") from None


def ungdc_country_names(shared: Path) -> dict[str, str]:
    """Country name -> ISO3 code from UNGDC's speakers.csv (empty when it is missing)."""
    path = Path(shared) / "corpora" / "ungdc_2022_2023" / "speakers.csv"
    if not path.is_file():
        return {}
    frame = read_table(path)
    names = {row["Country"].strip(): row["ISO Code"].strip() for _, row in frame.iterrows()}
    names.update({"Mongolia": "MNG", "Turkmenistan": "TKM", "Belarus": "BLR"})
    return {name: code for name, code in names.items() if name and code}


def stated_country(speaker: str, texts: Iterable[str], names: dict[str, str]) -> str:
    """ISO3 of 'President of Mongolia Ukhnaagiin Khurelsukh' in a turn label or headline."""
    if not names or not speaker:
        return ""
    surname = re.escape(speaker.split()[-1])
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"\bof (?:the )?({alternatives})\b[^.:;]{{0,60}}?\b{surname}\b")
    for text in texts:
        match = pattern.search(text or "")
        if match:
            return names[match.group(1)]
    return ""


def ungdc_countries(shared: Path) -> dict[str, str]:
    """Speaker name -> ISO3 code from UNGDC's speakers.csv (empty when it is missing)."""
    path = Path(shared) / "corpora" / "ungdc_2022_2023" / "speakers.csv"
    if not path.is_file():
        return {}
    frame = read_table(path)
    return {
        row["Name of Person Speaking"].strip(): row["ISO Code"].strip()
        for _, row in frame.iterrows()
        if row["Name of Person Speaking"].strip()
    }


def iso_date(doc: Document) -> str:
    if doc.source == "ungdc":
        return UNGDC_DATES.get(doc.date, doc.date)
    if doc.source == "article":
        return doc.date or ARTICLE_DATE
    return doc.date[:10]


# ---------------------------------------------------------------- units


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


def normalise_speaker(name: str | None, source: str) -> str:
    """A person's name as 'First Last', or '' when the speaker is unnamed or no person."""
    if not name:
        return ""
    name = re.sub(r"\s+", " ", name).strip()
    role = ROLE_NAMES.get(source, {}).get(name.lower())
    if role:
        return role
    if name[:1].islower():
        return ""
    name = strip_titles(name.replace("Â", " ").replace("\xa0", " "))
    if name in ALIASES or name in KNOWN_COUNTRIES or source == "ungdc":
        return ALIASES.get(name, name)
    words = name.split()
    while words and (
        (words[0].isupper() and len(words[0]) > 1)  # 'APNSA Jake Sullivan'
        or words[0] in ("Large",)  # '(Ambassador-at-)Large Rodion Miroshnik'
        or words[0].lower() in _LEADING
    ):
        words.pop(0)
    if words and words[-1].endswith("ing") and len(words[-1]) > 5:
        words.pop()  # 'John Kirby Previewing'
    if len(words) >= 3 and " ".join(words) not in KNOWN_COUNTRIES:
        particles = [w for w in words[:-1] if w.lower() in _PARTICLES]
        if not particles:
            words = words[-2:]  # 'Association of Ukrainian Guides Maria Chopyak'
    name = " ".join(words)
    return ALIASES.get(name, name)


def looks_like_person(name: str) -> bool:
    words = name.split()
    if not words or _NOT_SPEAKER.search(name) or " and " in f" {name} ":
        return False
    if any(w.isupper() and len(w) > 2 for w in words):
        return False
    if words[0].lower() in _LEADING or words[0].lower() in ("private", "sergeant", "united"):
        return False
    named = [w for w in words if w.lower() not in _PARTICLES]
    return is_person_name(" ".join(named)) or (len(named) >= 2 and len(words) <= 6)


class SpeakerNames:
    """Full names for surname-only speakers ('Kirby' -> 'John Kirby') within a source."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for source, name in names:
            words = name.split()
            if len(words) >= 2:
                counts[source, words[-1]][name] += 1
        self.full = {key: counter.most_common(1)[0][0] for key, counter in counts.items()}
        # 'John Kirby' and 'Admiral John Kirby' are one person: prefer the shortest form
        # seen with the same last two words.
        self.short: dict[tuple[str, str], str] = {}
        for (source, _), counter in counts.items():
            for name in counter:
                key = (source, " ".join(name.split()[-2:]))
                if key not in self.short or len(name) < len(self.short[key]):
                    self.short[key] = name

    def __call__(self, name: str, source: str) -> str:
        words = name.split()
        if len(words) == 1:
            return self.full.get((source, words[0]), "")
        return self.short.get((source, " ".join(words[-2:])), name)


def concerns_war(text: str, context: str, source: str = "") -> bool:
    """A war term naming this war in the unit, or a generic one ('talks', 'aid') with
    such a term close by (`context`)."""
    strong = _STRONG_BY_SOURCE.get(source, _STRONG)
    if strong.search(text):
        return True
    return bool(_WEAK.search(text)) and bool(strong.search(context))


def is_clean(text: str) -> bool:
    """A readable unit: enough words, not too long, no markup or reporter questions."""
    if word_count(text) < MIN_WORDS or len(text) > MAX_CHARS or _JUNK.search(text):
        return False
    first = text.lstrip("“\"‘'")[:1]
    return first.isupper() or first.isdigit()


def document_units(doc: Document) -> list[Unit]:
    """Candidate units of one document: 1-3 sentences, each from one quote or turn."""
    units = []
    for quote in document_quotes(doc):
        pieces = quote.pieces or ((quote.char_start, quote.char_end),)
        for p_start, p_end in pieces:
            for start, end in split_units(doc.text, p_start, p_end):
                units.append(
                    Unit(doc, start, end, quote.speaker or "", quote.method, quote.mention)
                )
    return units


def context_window(text: str, start: int, end: int) -> str:
    """About CONTEXT_BEFORE characters before and CONTEXT_AFTER after, whitespace
    collapsed, the unit marked with [[ ]]."""
    left = max(0, start - CONTEXT_BEFORE)
    right = min(len(text), end + CONTEXT_AFTER)
    if left > 0:
        left = text.find(" ", left, start) + 1 or left
    if right < len(text):
        cut = text.rfind(" ", end, right)
        right = cut if cut > end else right

    def squash(part: str) -> str:
        return re.sub(r"\s+", " ", part)

    before = ("…" if left > 0 else "") + squash(text[left:start])
    after = squash(text[end:right]) + ("…" if right < len(text) else "")
    return f"{before}[[{squash(text[start:end])}]]{after}".strip()


# ---------------------------------------------------------------- pool


def stratum(source: str, date: str) -> str:
    if source == "whitehouse":
        return "2025-" if date >= "2025" else "2022-2024"
    return ""


def eligible_units(shared: Path, sources: Iterable[str] = SOURCES) -> pd.DataFrame:
    """Every unit that passes the filters (before sampling), one row per unit."""
    raw: list[tuple[Unit, str]] = []
    for doc in iter_documents(shared, sources):
        for unit in document_units(doc):
            raw.append((unit, normalise_speaker(unit.speaker, doc.source)))
    names = SpeakerNames((u.doc.source, n) for u, n in raw if looks_like_person(n))
    countries = {**ungdc_countries(shared), **KNOWN_COUNTRIES}
    country_names = ungdc_country_names(shared)
    rows = []
    for unit, name in raw:
        doc = unit.doc
        if not looks_like_person(name):
            continue
        speaker = names(name, doc.source)
        if not speaker or not looks_like_person(speaker):
            continue
        text = unit.text
        if not is_clean(text):
            continue
        around = doc.text[max(0, unit.start - NEAR_BEFORE) : unit.end + NEAR_AFTER]
        if doc.source != "article" and not concerns_war(text, around, doc.source):
            continue
        if doc.source == "ungdc":
            country = doc.speaker_country or ""
        else:
            country = (
                countries.get(speaker)
                or stated_country(speaker, (unit.label, doc.title), country_names)
                or CORPUS_COUNTRY.get(doc.source, "")
            )
        date = iso_date(doc)
        rows.append(
            {
                "id": f"{doc.doc_id}#{unit.start}",
                "text": text,
                "speaker": speaker,
                "source": doc.source,
                "date": date,
                "target": TARGET,
                "doc_id": doc.doc_id,
                "link": doc.link,
                "char_start": unit.start,
                "char_end": unit.end,
                "speaker_country": country,
                "context": context_window(doc.text, unit.start, unit.end),
                "method": unit.method,
                "concession_cue": bool(_CONCESSION.search(text)),
                "stratum": stratum(doc.source, date),
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.drop_duplicates("id").reset_index(drop=True)


def _weights(frame: pd.DataFrame) -> pd.Series:
    """Sampling weight: concession cues x3, rare speakers up, one speaker's flood down."""
    per_speaker = frame.groupby(["source", "speaker"])["id"].transform("count")
    weight = 1.0 / per_speaker.pow(0.5)
    weight = weight * frame["concession_cue"].map({True: 3.0, False: 1.0})
    strong = pd.Series(
        [bool(_STRONG_BY_SOURCE.get(src, _STRONG).search(t)) for src, t in
         zip(frame["source"], frame["text"], strict=True)],
        index=frame.index,
    )  # fmt: skip
    return weight * strong.map({True: 1.5, False: 1.0})


def sample_pool(
    eligible: pd.DataFrame,
    quotas: dict[tuple[str, str], int] | None = None,
    max_per_doc: int = MAX_PER_DOC,
    seed: int = SEED,
) -> pd.DataFrame:
    """A seeded, weighted sample: at most `max_per_doc` per document, documents taken
    round-robin (each document's best unit first) so the sample spreads widely."""
    quotas = dict(QUOTAS if quotas is None else quotas)
    rng = random.Random(seed)
    frame = eligible.sort_values("id", kind="stable").reset_index(drop=True)
    weights = _weights(frame)
    # Efraimidis-Spirakis keys: weighted sampling without replacement.
    frame["_key"] = [rng.random() ** (1.0 / w) for w in weights]
    frame = frame.sort_values("_key", ascending=False, kind="stable")
    frame["_rank"] = frame.groupby("doc_id").cumcount()
    frame = frame[frame["_rank"] < max_per_doc]
    frame = frame.sort_values(["_rank", "_key"], ascending=[True, False], kind="stable")
    strata = {key: group for key, group in frame.groupby(["source", "stratum"], sort=True)}
    chosen: dict[tuple[str, str], pd.DataFrame] = {}
    shortfall = 0
    for key, quota in quotas.items():
        group = strata.get(key, frame.iloc[:0])
        chosen[key] = group.head(quota)
        shortfall += quota - len(chosen[key])
    for key in FILL_ORDER:
        if shortfall <= 0:
            break
        if key not in strata or key not in chosen:
            continue
        extra = strata[key].iloc[len(chosen[key]) : len(chosen[key]) + shortfall]
        chosen[key] = pd.concat([chosen[key], extra])
        shortfall -= len(extra)
    pool = pd.concat(chosen.values()) if chosen else frame.iloc[:0]
    pool = pool.sort_values(["source", "doc_id", "char_start"], kind="stable")
    pool["speaker"] = pool["speaker"].replace(SPEAKER_FIXES)
    return pool[CANDIDATE_COLUMNS].reset_index(drop=True)


def build_candidates(
    shared: Path,
    out_path: Path,
    batches_dir: Path | None = None,
    seed: int = SEED,
    quotas: dict[tuple[str, str], int] | None = None,
    sources: Iterable[str] = SOURCES,
) -> pd.DataFrame:
    """Extract, filter and sample the pool; write it (Parquet) and the annotation batches."""
    eligible = eligible_units(Path(shared), sources)
    if eligible.empty:
        raise DataError(f"{shared}: no candidate units found (is the shared data there?)")
    pool = sample_pool(eligible, quotas=quotas, seed=seed)
    write_table(pool, out_path)
    if batches_dir is not None:
        write_batches(pool, Path(batches_dir), seed=seed)
    return pool


# ---------------------------------------------------------------- batches


def write_batches(
    pool: pd.DataFrame,
    batches_dir: Path,
    batch_size: int = BATCH_SIZE,
    second_share: float = SECOND_PASS_SHARE,
    second_batches: int = SECOND_PASS_BATCHES,
    seed: int = SEED,
) -> list[Path]:
    """Pass-1 batches (`batch_NN.csv`, every unit once, shuffled so each batch mixes
    sources) and second-pass batches (`second_NN.csv`, a seeded random share)."""
    batches_dir = Path(batches_dir)
    batches_dir.mkdir(parents=True, exist_ok=True)
    for old in [*batches_dir.glob("batch_*.csv"), *batches_dir.glob("second_*.csv")]:
        old.unlink()
    table = pool[BATCH_COLUMNS].sort_values("id", kind="stable")
    shuffled = table.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    count = max(1, math.ceil(len(shuffled) / batch_size))
    paths = []
    for index in range(count):
        part = shuffled.iloc[index::count]  # equal sizes, sources mixed
        paths.append(write_table(part, batches_dir / f"batch_{index + 1:02d}.csv"))
    second = table.sample(frac=second_share, random_state=seed + 1)
    second = second.sample(frac=1.0, random_state=seed + 2).reset_index(drop=True)
    for index in range(second_batches):
        part = second.iloc[index::second_batches]
        paths.append(write_table(part, batches_dir / f"second_{index + 1:02d}.csv"))
    return paths


def pool_summary(pool: pd.DataFrame) -> dict[str, object]:
    """Counts that describe the spread of the pool."""
    return {
        "units": len(pool),
        "per_source": pool["source"].value_counts().sort_index().to_dict(),
        "documents": int(pool["doc_id"].nunique()),
        "documents_per_source": pool.groupby("source")["doc_id"].nunique().to_dict(),
        "speakers": int(pool["speaker"].nunique()),
        "speakers_per_source": pool.groupby("source")["speaker"].nunique().to_dict(),
        "countries": int(pool["speaker_country"].replace("", pd.NA).dropna().nunique()),
        "date_range": [pool["date"].min(), pool["date"].max()],
        "date_range_per_source": {
            s: [g["date"].min(), g["date"].max()] for s, g in pool.groupby("source")
        },
        "max_units_per_document": int(pool.groupby("doc_id").size().max()),
        "concession_cue_share": round(float(pool["concession_cue"].astype(bool).mean()), 3),
        "whitehouse_2025_on": int(
            ((pool["source"] == "whitehouse") & (pool["date"] >= "2025")).sum()
        ),
    }


# ---------------------------------------------------------------- supplement (round 2)

# `pro_concession` is rare, so a second round looks for more units, not already in the
# pool, in the sources where such arguments are made. The cues below only rank what is
# shown to annotators; they never set a label.
