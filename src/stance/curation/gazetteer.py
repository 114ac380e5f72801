"""People's names, offices and countries: the one gazetteer of the curation code.

The lookups turn an extracted speaker into a person's name and a country, for the
first pool and the supplement alike.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from stance.data.io import read_table
from stance.extract.documents import Document
from stance.extract.names import is_person_name, strip_titles

# ---------------------------------------------------------------- countries

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
    "Egils Levits": "LVA", "Kaja Kallas": "EU", "Alar Karis": "EST",
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
    # Foreign leaders the White House's 2025 articles quote (the corpus's country would be
    # wrong). Kaja Kallas is the EU's High Representative in the sources that quote her
    # (2025-26); she was Estonia's prime minister before.
    "Alexander Stubb": "FIN", "Mark Carney": "CAN", "Kristen Michal": "EST",
    "Isaac Herzog": "ISR", "Benjamin Netanyahu": "ISR", "Shehbaz Sharif": "PAK",
    "Antonio Costa": "EU", "Pedro Sanchez": "ESP",
}  # fmt: skip


# ---------------------------------------------------------------- names

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


# White House articles of 2025 ('SUNDAY SHOWS', 'WINS') quote officials in markdown the
# extractor does not read: '### **Secretary Rubio on Meet the Press**' over bullets
# '-   [On peace in Ukraine](link): “...”', or '[Ambassador Matthew Whitaker](link): “...”'.
WH_SURNAMES = {
    "Trump": "Donald Trump", "Vance": "JD Vance", "Rubio": "Marco Rubio",
    "Witkoff": "Steve Witkoff", "Waltz": "Mike Waltz", "Leavitt": "Karoline Leavitt",
    "Hegseth": "Pete Hegseth", "Bessent": "Scott Bessent", "Lutnick": "Howard Lutnick",
    "Kellogg": "Keith Kellogg", "Whitaker": "Matthew Whitaker", "Miller": "Stephen Miller",
    "Hassett": "Kevin Hassett", "Wright": "Chris Wright", "Burgum": "Doug Burgum",
}  # fmt: skip

# Typos in the sources, fixed after sampling (the sample does not change).
SPEAKER_FIXES = {"Macky Sail": "Macky Sall"}

# Leading words of role labels that are not names ('Minister for Arctic Development
# Yury Trutnev', 'Admiral John Kirby', 'Taoiseach Varadkar').
OFFICES = {
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
    # Names the speaker normaliser shortens to their last two words.
    "Taylor Greene": "Marjorie Taylor Greene", "Fattah El-Sisi": "Abdel Fattah el-Sisi",
}  # fmt: skip

PARTICLES = {"de", "da", "dos", "del", "van", "von", "der", "bin", "al", "el", "la", "le"}
SPOUSE = re.compile(r"\b(?:mrs|ms|madam|first lady|melania|jill|lady)\b", re.I)
NOT_SPEAKER = re.compile(
    r"\b(?:forces?|army|news|treaty|world|more|committee|unit|staff|trials?|ballet|"
    r"war|operation|agreement|trade|sputnik|under|lanka|africa|union|scam|security|q|"
    r"friendships?|states|four|affairs|president|championship|head|congress\w*|kingdom|"
    r"official|officials|administration|ministry|embassy|agency|service|channel|tass|"
    r"media|wwii|ussr|press|spokesperson|moderator|operator|participant|anchor|"
    r"narrator|audience|voice|interpreter|translator|correspondent|reporter)\b",
    re.I,
)


# Places and bodies that the extractor can take for a speaker ('Los Angeles said ...').
PLACE = re.compile(
    r"\b(?:los|las|san|santa|new|north|south|east|west|saint|st\.?|hong|sri|saudi|"
    r"white|middle|united|european|russian|ukrainian|american|city|island\w*|republic|"
    r"federation|house|street|square|sea|river|oblast|region|beach|county|valley)\b",
    re.I,
)
# A role just before a name ('Ambassador to NATO Matthew Whitaker:').
OFFICE_BEFORE_NAME = re.compile(
    r"\b(?:President|Secretary|Senator|Sen\.|Rep\.|Representative|Ambassador|Minister|"
    r"Chancellor|Governor|Leader|Speaker|Chairman|Chair|CEO|Administrator|King|Director|"
    r"Envoy|Adviser|Advisor|Press Secretary)\s*$"
)


# ---------------------------------------------------------------- lookups


def ungdc_speakers(shared: Path) -> pd.DataFrame | None:
    """UNGDC's speakers.csv, or None when it is missing."""
    path = Path(shared) / "corpora" / "ungdc_2022_2023" / "speakers.csv"
    return read_table(path) if path.is_file() else None


def ungdc_country_names(shared: Path) -> dict[str, str]:
    """Country name -> ISO3 code from UNGDC's speakers.csv (empty when it is missing)."""
    frame = ungdc_speakers(shared)
    if frame is None:
        return {}
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
    frame = ungdc_speakers(shared)
    if frame is None:
        return {}
    return {
        row["Name of Person Speaking"].strip(): row["ISO Code"].strip()
        for _, row in frame.iterrows()
        if row["Name of Person Speaking"].strip()
    }


def country_table(shared: Path) -> dict[str, str]:
    """Speaker name -> ISO3 code: UNGDC's speakers.csv, overridden by KNOWN_COUNTRIES."""
    return {**ungdc_countries(shared), **KNOWN_COUNTRIES}


def speaker_country(
    doc: Document, label: str, speaker: str, countries: dict[str, str], names: dict[str, str]
) -> str:
    """The country of a unit's speaker: UNGDC's own record; else the table (`countries`),
    a country stated beside the name (`label` or the title), or the corpus's country."""
    if doc.source == "ungdc":
        return doc.speaker_country or ""
    return (
        countries.get(speaker)
        or stated_country(speaker, (label, doc.title), names)
        or CORPUS_COUNTRY.get(doc.source, "")
    )


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
        or words[0].lower() in OFFICES
    ):
        words.pop(0)
    if words and words[-1].endswith("ing") and len(words[-1]) > 5:
        words.pop()  # 'John Kirby Previewing'
    if len(words) >= 3 and " ".join(words) not in KNOWN_COUNTRIES:
        particles = [w for w in words[:-1] if w.lower() in PARTICLES]
        if not particles:
            words = words[-2:]  # 'Association of Ukrainian Guides Maria Chopyak'
    name = " ".join(words)
    return ALIASES.get(name, name)


def looks_like_person(name: str) -> bool:
    words = name.split()
    if not words or NOT_SPEAKER.search(name) or " and " in f" {name} ":
        return False
    if any(w.isupper() and len(w) > 2 for w in words):
        return False
    if words[0].lower() in OFFICES or words[0].lower() in ("private", "sergeant", "united"):
        return False
    named = [w for w in words if w.lower() not in PARTICLES]
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
