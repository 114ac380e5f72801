"""A targeted second round of candidates for the rare class (`pro_concession`).

The first pool left few concession arguments; this round looks again in the
four sources most likely to hold them (Kremlin transcripts, UN statements, 2025
White House remarks, Foreign Ministry posts) for units the first round missed,
ranked by cues typical of concession arguments. The cues only choose what
annotators see; they never set labels. The 10-units-per-document cap counts the
units already in the pool.
"""

from __future__ import annotations

import math
import random
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from stance.curation.candidates import (
    BATCH_COLUMNS,
    BATCH_SIZE,
    CANDIDATE_COLUMNS,
    SEED,
    iter_documents,
)
from stance.curation.gazetteer import (
    ALIASES,
    KNOWN_COUNTRIES,
    OFFICE_BEFORE_NAME,
    PLACE,
    SPEAKER_FIXES,
    SPOUSE,
    WH_SURNAMES,
    SpeakerNames,
    country_table,
    looks_like_person,
    normalise_speaker,
    speaker_country,
    ungdc_country_names,
)
from stance.curation.units import (
    CONCESSION,
    EXTRACTOR_VERSION,
    JUNK,
    MAX_CHARS,
    NEAR_AFTER,
    NEAR_BEFORE,
    Unit,
    collect_units,
    concerns_war,
    is_clean,
    iso_date,
    split_units,
    unit_row,
)
from stance.data.dataset import MAX_PER_DOC
from stance.data.io import read_table, write_table
from stance.errors import DataError
from stance.extract.documents import Document, document_quotes

SUPPLEMENT_SOURCES = ("ungdc", "whitehouse", "mfa", "kremlin")
SUPPLEMENT_SIZE = 600
SUPPLEMENT_FIRST_BATCH = 19
SUPPLEMENT_FROM = {"whitehouse": "2025-01-20"}  # Trump's second term only
# Under the 10-per-document cap the four sources hold far fewer than SUPPLEMENT_SIZE
# units on the war that round 1 left (193 with the current shared data): the rest of
# their war units sit in documents that round 1 already filled.
# A unit with a cue counts as about the war when this war is named near it, within
# (minimum cue score, paragraphs before, paragraphs after, characters before, after),
# the first row that fits: a strong cue may sit a paragraph or two from the name of the
# war, a weaker one only in the same paragraph or just after the one that names it.
# Weak cues ('talks', 'deal') alone count only for the White House's 2025 remarks,
# where the question before the answer names the war.
SUPPLEMENT_NEAR = ((3, 2, 1, 1500, 800), (2, 1, 0, 800, 300), (1, 1, 0, 600, 200))
SUPPLEMENT_MIN_CUE = {"whitehouse": 1}
SUPPLEMENT_MIN_CUE_DEFAULT = 2
# Lists and markup that make a poor quote ('▪️ March 3 – a drone strike...').
_SUPPLEMENT_JUNK = re.compile(r"[▪•🔹🔸]|\\[\[\]]|\*\*")
# Other conflicts and topics: a unit that names one of these and not this war is about
# that, whatever its cues.
_OTHER_TOPIC = re.compile(
    r"\b(?:palestin\w*|israel\w*|gaza|hamas|lebanon|libya\w*|syria\w*|yemen\w*|sudan\w*|"
    r"karabakh|armenia\w*|azerbaijan\w*|kosov\w*|serbia\w*|venezuela\w*|cuba\w*|haiti\w*|"
    r"afghan\w*|myanmar|korea\w*|taiwan\w*|ethiopia\w*|tigray|sahel|mali|somalia|congo\w*|"
    r"cyprus|western sahara|iran\w*|iraq\w*|chagos|malvinas|falklands?|climate|tariffs?|"
    r"bosnia\w*|balkans|libyan|colombia\w*|security council reform|"
    r"reform of the security council)\b",
    re.I,
)
_NEAR_WAR = re.compile(
    r"\b(?:kyiv|kiev|zelensk\w*|putin|crimea\w*|donbas+|donetsk|luhansk|lugansk|zaporiz\w*|"
    r"zaporozh\w*|kherson|kharkiv|mariupol|bakhmut|nato|special military operation|"
    r"minsk agreements?|ukrain\w*)\b",
    re.I,
)
_PARAGRAPH = {"whitehouse": re.compile(r"\n[ \t\xa0]*\n"), "mfa": re.compile(r"\n[ \t\xa0]*\n")}
# Share of the supplement per source at most (the cue ranking decides within a source);
# what a source cannot fill goes to the others.
SUPPLEMENT_SHARES = {"kremlin": 0.4, "ungdc": 0.35, "mfa": 0.15, "whitehouse": 0.15}

_CUE_WEIGHTS: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (weight, re.compile(pattern, re.I))
    for weight, pattern in (
        # Terms and arguments typical of the case for concessions.
        (3, r"\bnew (?:territorial |geopolitical )?realit\w*|realit\w* on the ground"),
        (3, r"\broot causes?\b"),
        (3, r"\blegitimate (?:security )?(?:interests?|concerns?)\b|"
            r"\bsecurity (?:interests|concerns) of all\b|indivisib\w* (?:of )?security"),
        (3, r"\bnato(?:'s|’s)? (?:\w+ )?(?:expansion|enlargement|eastward|membership)|"
            r"(?:expansion|enlargement) of nato|eastward expansion|join(?:ing)? nato"),
        (3, r"\bneutral(?:ity| status)\b|non-?bloc|non-?aligned status"),
        (3, r"\bstop (?:supplying|sending|providing|pumping|arming)\b|"
            r"\b(?:arms|weapons?|military) (?:supplies|supply|deliveries|shipments|transfers)\b|"
            r"\bpump\w* (?:\w+ )?(?:with )?(?:weapons|arms)|arming (?:of )?(?:ukraine|kiev|kyiv)|"
            r"(?:fanning|fan|fuel\w*|add\w*) (?:the )?(?:flames|fire)|"
            r"(?:supply|supplying|sending|send) (?:of )?(?:weapons|arms)"),
        (3, r"\b(?:prolong\w*|protract\w*|fuel\w*|drag\w* out|perpetuat\w*|"
            r"escalat\w*) (?:\w+ ){0,2}(?:conflict|war|hostilities|bloodshed|crisis|fighting)"),
        (3, r"\bto the last ukrainian\b|\blast ukrainian\b|\bproxy war\b"),
        (3, r"\bistanbul (?:agreements?|talks|communiqu\w*|process|draft|round|accords?)"),
        (3, r"\breferend\w+"),
        (3, r"\brecogni[sz]\w* (?:\w+ ){0,3}(?:realit\w*|territor\w*|crimea|donbas+|"
            r"regions?|borders?|status)"),
        (3, r"\bconcessions?\b|\bcompromise[sd]?\b(?! (?:trust|security|the))"),
        (3, r"(?<!arab )\bpeace (?:plan|initiative|proposal|deal|framework)s?\b|"
            r"\b(?:\d+|twenty|28|twelve)-point\b"),
        (2, r"\bend (?:the|this) (?:war|conflict|fighting|killing)|stop (?:the )?(?:war|"
            r"fighting|killing|bloodshed)|"
            r"\bend to (?:the|this) (?:war|conflict|fighting|killing|bloodshed)"),
        (3, r"\b(?:have|has|hold\w*|got|holding) (?:no|the|any|all the|good|bad) cards\b"),
        (3, r"\b(?:cut\w*|stop\w*|halt\w*|paus\w*|suspend\w*|condition\w*|end\w*) "
            r"(?:\w+ ){0,3}(?:aid|assistance|funding|money|intelligence)\b|"
            r"blank (?:check|cheque)"),
        (3, r"\bcease-?fires?\b|\btruce\b|\barmistice\b|\bfreez\w* (?:the )?(?:conflict|"
            r"front|line)|line of contact|current (?:front ?)?lines?|cessation of hostilities"),
        (2, r"\bnegotiat\w*|\bpeace talks\b|diplomatic (?:solution|settlement|means|"
            r"track|path)|political (?:solution|settlement)|peaceful (?:solution|settlement|"
            r"resolution|means)|negotiating table|\bmediat\w*"),
        (1, r"\btalks\b|\bdialogue\b"),
        (2, r"\bno military solution\b|cannot be (?:won|solved|resolved) (?:on the "
            r"battlefield|militarily|by military)|\bde-?escalat\w*|\bsettlement\b"),
        (1, r"\bboth sides\b|\ball (?:the )?parties\b|\bdeal\b|\bsecurity guarantees?\b"),
        (2, r"\bterritor(?:y|ies)\b|\bgive up\b|\bcede\b|\bceding\b|land swap"),
        (2, r"\bdemilitari[sz]\w*|\bdenazif\w*|minsk agreements?"),
        (1, r"\banti-russian\b|\bthe collective west\b|kiev regime"),
    )
)  # fmt: skip


def cue_score(text: str) -> int:
    """Sum of the weights of the cue groups found in `text` (0 when none)."""
    return sum(weight for weight, pattern in _CUE_WEIGHTS if pattern.search(text))


def paragraph_window(
    text: str, start: int, end: int, before: int, after: int, source: str = ""
) -> str:
    """text[start:end] with its paragraph(s), `before` paragraphs before, `after` after."""
    breaks = [m.start() for m in _PARAGRAPH.get(source, re.compile(r"\n")).finditer(text)]
    heads = [b for b in breaks if b < start]
    tails = [b for b in breaks if b >= end]
    left = heads[-1 - before] if len(heads) > before else 0
    right = tails[after] if len(tails) > after else len(text)
    return text[left:right]


def _war_nearby(doc: Document, unit: Unit, score: int) -> bool:
    """This war named near a unit with a cue of `score` (SUPPLEMENT_NEAR), the unit not
    about another conflict or topic instead."""
    if score < SUPPLEMENT_MIN_CUE.get(doc.source, SUPPLEMENT_MIN_CUE_DEFAULT):
        return False
    if _OTHER_TOPIC.search(unit.text) and not _NEAR_WAR.search(unit.text):
        return False
    for min_score, par_before, par_after, chars_before, chars_after in SUPPLEMENT_NEAR:
        if score >= min_score:
            left = max(0, unit.start - chars_before)
            clipped = doc.text[left : unit.end + chars_after]
            window = paragraph_window(
                doc.text, unit.start, unit.end, par_before, par_after, doc.source
            )
            # The shorter of the two windows, both around the unit.
            window = window if len(window) < len(clipped) else clipped
            if doc.source == "kremlin":  # 'Vladimir Putin:' opens his turns
                window = re.sub(r"(?:Vladimir )?Putin:", "", window)
            return bool(_NEAR_WAR.search(window))
    return False


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] without its lines of markup (hashtags, links): the runs of clean
    lines between them, so a Telegram post's prose is not lost with its hashtags."""
    if not JUNK.search(text, start, end):
        return [(start, end)]
    runs: list[tuple[int, int]] = []
    run_start = None
    pos = start
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        if JUNK.search(text[pos:line_end]):
            if run_start is not None:
                runs.append((run_start, pos))
            run_start = None
        elif run_start is None:
            run_start = pos
        pos = line_end + 1
    if run_start is not None:
        runs.append((run_start, end))
    return runs


def _lead_trim(text: str, start: int, end: int) -> int:
    """Start past leading emoji and other symbols ('❗️ We call...' -> 'We call...')."""
    while start < end and not (text[start].isalnum() or text[start] in "“\"‘'("):
        start += 1
    return start


_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_QUOTED = re.compile(r"“([^“”]{20,2000})”")
_HEADING = re.compile(r"^[ \t]*(?:#{1,4}[ \t]+.+|\*\*[^*\n]+\*\*[ \t]*)$", re.M)
_LEAD_NAME = re.compile(r"((?:[A-Z][\w.’'-]+ ){1,3}[A-Z][\w’'-]+):$")


def _plain(markdown: str) -> str:
    """Markdown without links, bold marks, bullets and extra whitespace."""
    text = _MD_LINK.sub(r"\1", markdown).replace("**", "").replace("###", "")
    return " ".join(text.replace("-   ", " ").split())


def _wh_name(label: str) -> str:
    """A person's full name from an attribution ('Secretary of State Marco Rubio on Meet
    the Press', 'Secretary Rubio', 'President Trump'), or ''."""
    label = re.sub(r"\s+on\s+(?:[A-Z“\"].*|the\s.*)$", "", label.strip(" :"))
    name = normalise_speaker(label, "whitehouse")
    if len(name.split()) == 1:
        return WH_SURNAMES.get(name, "")
    if SPOUSE.search(label):
        return ""
    surname = name.split()[-1] if name else ""
    return WH_SURNAMES.get(surname, name) if surname in WH_SURNAMES else name


def _named_with_role(lead: str, tail: re.Match[str]) -> bool:
    """'Ambassador to NATO Matthew Whitaker:' names a person; 'National Federation of
    Independent Business:' does not: a known name, or a role just before the name."""
    name = _wh_name(tail.group(1))
    if name in KNOWN_COUNTRIES or name in WH_SURNAMES.values():
        return True
    before = lead[: tail.start()]
    words = tail.group(1).split()
    # The role may sit inside the match ('President Volodymyr Zelenskyy').
    return any(
        OFFICE_BEFORE_NAME.search(f"{before}{' '.join(words[:i])}".rstrip())
        for i in range(len(words) - 1)
    )


def wh_article_quotes(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of the quotations in a White House article whose bullet
    names the speaker before a colon, or opens with the speaker in bold, or sits under
    a heading naming one person; start/end are inside the quotation marks."""
    found = []
    text = doc.text
    for match in _QUOTED.finditer(text):
        start = match.start()
        bullet = max(text.rfind("\n-", 0, start), text.rfind("\n\n", 0, start), 0)
        lead = _plain(text[bullet:start])
        name = ""
        if lead.endswith(":"):
            bold = re.match(r"\s*(?:-\s*)?\*\*([^*]+)\*\*", text[bullet:start].strip("\n"))
            tail = _LEAD_NAME.search(lead[-120:])
            if bold and _wh_name(bold.group(1)):
                name = _wh_name(bold.group(1))
            elif tail and _wh_name(tail.group(1)) and _named_with_role(lead[-120:], tail):
                name = _wh_name(tail.group(1))
            elif lead.startswith("On ") or lead == ":":
                name = "?"
        elif not lead:
            name = "?"
        if name == "?":  # the heading above names the speaker
            headings = list(_HEADING.finditer(text, 0, bullet + 1))
            name = _wh_name(_plain(headings[-1].group(0))) if headings else ""
        if name and looks_like_person(name):
            found.append((match.start(1), match.end(1), name))
    return found


def supplement_document_units(doc: Document) -> list[Unit]:
    """Like `document_units`, with lines of markup cut out of each quote first, leading
    emoji dropped, and a unit over MAX_CHARS split into shorter runs of sentences."""
    units = []
    text = doc.text
    for quote in document_quotes(doc, version=EXTRACTOR_VERSION):
        pieces = quote.pieces or ((quote.char_start, quote.char_end),)
        for p_start, p_end in pieces:
            for s_start, s_end in _segments(text, p_start, p_end):
                spans = split_units(text, s_start, s_end)
                for size in (2, 1):
                    if all(e - s <= MAX_CHARS for s, e in spans):
                        break
                    spans = [
                        short
                        for s, e in spans
                        for short in (
                            split_units(text, s, e, size) if e - s > MAX_CHARS else [(s, e)]
                        )
                    ]
                for start, end in spans:
                    start = _lead_trim(text, start, end)
                    if end > start:
                        units.append(
                            Unit(doc, start, end, quote.speaker or "", quote.method, quote.mention)
                        )
    if doc.source == "whitehouse" and doc.doc_id.startswith("wh:articles/"):
        for q_start, q_end, name in wh_article_quotes(doc):
            for start, end in split_units(text, q_start, q_end):
                units.append(Unit(doc, start, end, name, "article_quote", name))
    return units


_TURN_LABEL = re.compile(r"^[ \t\xa0]*(?:\*\*)?([A-Z][A-Z.'’ -]{0,60}?)(?:\*\*)?:", re.M)


def _attributed_nearby(doc: Document, unit: Unit, speaker: str) -> bool:
    """In a White House article (no turn labels), the speaker's surname close to the
    unit, as in '“...,” Vance said'; always True elsewhere."""
    if doc.source != "whitehouse" or not doc.doc_id.startswith("wh:articles/"):
        return True
    if unit.method == "article_quote":  # attributed by wh_article_quotes
        return True
    window = doc.text[max(0, unit.start - 300) : unit.end + 150]
    return re.search(rf"\b{re.escape(speaker.split()[-1])}\b", window) is not None


def turn_label_agrees(doc: Document, start: int, speaker: str) -> bool:
    """For a White House transcript: the last turn label ('PRESIDENT TRUMP:', 'THE
    PRESIDENT:') before `start` names `speaker`; True where there is no label."""
    labels = [m.group(1) for m in _TURN_LABEL.finditer(doc.text, 0, start)]
    if not labels:
        return True
    label = " ".join(labels[-1].replace(".", " ").split())
    if label in ("Q", "THE PRESIDENT", "PRESIDENT", "THE VICE PRESIDENT", "VICE PRESIDENT"):
        role = "vice president" if "VICE" in label else "president"
        return label != "Q" and doc.roles.get(role, "") == speaker
    return speaker.split()[-1].upper() in label.split()


def supplement_units(
    shared: Path,
    pool: pd.DataFrame,
    sources: Iterable[str] = SUPPLEMENT_SOURCES,
    max_per_doc: int = MAX_PER_DOC,
) -> pd.DataFrame:
    """Units of `sources` not in `pool` that could join it: the pool's rules (named
    person, 1-3 clean sentences, about the war), no character shared with a pool unit,
    and documents with room under `max_per_doc` counting their pool units. A unit with a
    cue also counts as about the war when the war is named anywhere in its context
    window. Columns: CANDIDATE_COLUMNS plus `cue_score` and `room` (free places left in
    its document)."""
    shared = Path(shared)
    documents = (
        doc
        for doc in iter_documents(shared, sources)
        if not (doc.source in SUPPLEMENT_FROM and iso_date(doc) < SUPPLEMENT_FROM[doc.source])
    )
    raw, names = collect_units(documents, supplement_document_units)
    countries = country_table(shared)
    country_names = ungdc_country_names(shared)
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, start, end in zip(
        pool["doc_id"],
        pool["char_start"].astype(int),
        pool["char_end"].astype(int),
        strict=True,
    ):
        taken[doc_id].append((start, end))
    rows = []
    seen: set[str] = set()
    for unit, name in raw:
        doc = unit.doc
        room = max_per_doc - len(taken.get(doc.doc_id, ()))
        if room <= 0 or not name:
            continue
        speaker = _full_speaker(unit, name, names)
        if not _admissible(unit, speaker, country_names, taken.get(doc.doc_id, ()), seen):
            continue
        text = unit.text
        score = cue_score(text)
        around = doc.text[max(0, unit.start - NEAR_BEFORE) : unit.end + NEAR_AFTER]
        if not (concerns_war(text, around, doc.source) or _war_nearby(doc, unit, score)):
            continue
        seen.add(f"{doc.doc_id}#{unit.start}")
        country = speaker_country(doc, unit.label, speaker, countries, country_names)
        row = unit_row(unit, speaker, country, bool(CONCESSION.search(text)) or score >= 3)
        rows.append({**row, "cue_score": score, "room": room})
    columns = [*CANDIDATE_COLUMNS, "cue_score", "room"]
    return pd.DataFrame(rows, columns=columns)


def _full_speaker(unit: Unit, name: str, names: SpeakerNames) -> str:
    """The full name of a unit's normalised speaker `name`, spelled as in the pool."""
    source = unit.doc.source
    # A surname alone ('PRESIDENT TRUMP:') takes the full name seen in the source,
    # unless the label is a spouse's ('MRS. TRUMP:').
    if len(name.split()) == 1 and not SPOUSE.search(unit.speaker or ""):
        known = WH_SURNAMES.get(name, "") if source == "whitehouse" else ""
        name = names(name, source) or known
    speaker = SPEAKER_FIXES.get(names(name, source), names(name, source))
    return ALIASES.get(speaker, speaker)


def _admissible(
    unit: Unit,
    speaker: str,
    country_names: dict[str, str],
    taken: Iterable[tuple[int, int]],
    seen: set[str],
) -> bool:
    """A named person (not a place or a country) whose clean, new unit does not overlap
    the pool's units of its document (`taken`) and is attributed to them where it sits."""
    doc, text = unit.doc, unit.text
    if not speaker or not looks_like_person(speaker) or PLACE.search(speaker):
        return False
    if speaker in country_names:
        return False
    if doc.source == "whitehouse" and not turn_label_agrees(doc, unit.start, speaker):
        return False
    if f"{doc.doc_id}#{unit.start}" in seen or not is_clean(text):
        return False
    if _SUPPLEMENT_JUNK.search(text):
        return False
    if speaker in text or not _attributed_nearby(doc, unit, speaker):
        return False  # a report about the speaker, or a quote of someone else
    return not any(unit.start < e and s < unit.end for s, e in taken)


def _squash_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def drop_repeats(eligible: pd.DataFrame, pool: pd.DataFrame) -> pd.DataFrame:
    """Without units whose words repeat a pool unit or an earlier eligible unit (one
    remark printed in two transcripts)."""
    if eligible.empty:
        return eligible
    known = {_squash_text(t) for t in pool["text"]}
    keys = eligible.sort_values("id", kind="stable")["text"].map(_squash_text)
    first = ~keys.duplicated() & ~keys.isin(known)
    return eligible.loc[first[first].index].sort_index()


def sample_supplement(
    eligible: pd.DataFrame,
    size: int = SUPPLEMENT_SIZE,
    shares: dict[str, float] | None = None,
    seed: int = SEED,
) -> pd.DataFrame:
    """A seeded sample of `size` units ranked by cue score: weighted sampling without
    replacement (weight grows with the score, shrinks with a speaker's number of units),
    each document kept under its `room`, no two units sharing a character, each source
    up to its share of `size` before the rest is filled in rank order."""
    shares = dict(SUPPLEMENT_SHARES if shares is None else shares)
    if eligible.empty:
        return eligible[CANDIDATE_COLUMNS].copy()
    rng = random.Random(seed)
    frame = eligible.sort_values("id", kind="stable").reset_index(drop=True)
    per_speaker = frame.groupby(["source", "speaker"])["id"].transform("count")
    weight = (1.0 + frame["cue_score"].astype(float)) ** 2 / per_speaker.pow(0.25)
    frame["_key"] = [rng.random() ** (1.0 / w) for w in weight]
    # Units with a cue first, by key; units without one only when the cued run out.
    frame["_cued"] = frame["cue_score"] > 0
    frame = frame.sort_values(["_cued", "_key"], ascending=False, kind="stable")
    quota = {src: math.ceil(size * share) for src, share in shares.items()}
    used: dict[str, list[tuple[int, int]]] = defaultdict(list)
    per_source: Counter[str] = Counter()
    chosen: list[int] = []

    def fits(row: pd.Series) -> bool:
        spans = used[row["doc_id"]]
        if len(spans) >= row["room"]:
            return False
        return not any(row["char_start"] < e and s < row["char_end"] for s, e in spans)

    def take(index: int, row: pd.Series) -> None:
        used[row["doc_id"]].append((row["char_start"], row["char_end"]))
        per_source[row["source"]] += 1
        chosen.append(index)

    for index, row in frame.iterrows():  # each source up to its quota
        if len(chosen) >= size:
            break
        if per_source[row["source"]] < quota.get(row["source"], 0) and fits(row):
            take(index, row)
    for index, row in frame.iterrows():  # then the best of what is left
        if len(chosen) >= size:
            break
        if index not in set(chosen) and fits(row):
            take(index, row)
    sample = frame.loc[chosen].sort_values(["source", "doc_id", "char_start"], kind="stable")
    return sample[CANDIDATE_COLUMNS].reset_index(drop=True)


def write_supplement_batches(
    supplement: pd.DataFrame,
    batches_dir: Path,
    first_batch: int = SUPPLEMENT_FIRST_BATCH,
    batch_size: int = BATCH_SIZE,
    seed: int = SEED,
) -> list[Path]:
    """Pass-1 batches `batch_{first_batch}.csv`... for the supplement, shuffled so each
    batch mixes sources; existing batches are left alone (DataError if one would be
    overwritten)."""
    batches_dir = Path(batches_dir)
    batches_dir.mkdir(parents=True, exist_ok=True)
    table = supplement[BATCH_COLUMNS].sort_values("id", kind="stable")
    shuffled = table.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    count = max(1, math.ceil(len(shuffled) / batch_size))
    targets = [batches_dir / f"batch_{first_batch + i:02d}.csv" for i in range(count)]
    clash = [p.name for p in targets if p.exists()]
    if clash:
        raise DataError(f"{batches_dir}: batch files already exist: {', '.join(clash)}")
    return [write_table(shuffled.iloc[i::count], path) for i, path in enumerate(targets)]


def read_pool(path: Path) -> pd.DataFrame:
    """A pool file with its offsets as integers and `concession_cue` as booleans."""
    pool = read_table(path)
    for column in ("char_start", "char_end"):
        pool[column] = pool[column].astype(int)
    pool["concession_cue"] = pool["concession_cue"].str.lower().isin(["true", "1"])
    return pool


def merge_supplement(pool_path: Path, supplement: pd.DataFrame, backup_path: Path) -> pd.DataFrame:
    """Write `pool_path` as the round-1 pool plus the supplement, the round-1 pool kept at
    `backup_path`. When the backup exists already it is the round-1 pool (a rerun)."""
    pool_path, backup_path = Path(pool_path), Path(backup_path)
    if not backup_path.exists():
        backup_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pool_path, backup_path)
    pool = read_pool(backup_path)
    clash = set(pool["id"]) & set(supplement["id"])
    if clash:
        raise DataError(f"supplement repeats {len(clash)} pool units, e.g. {min(clash)}")
    merged = pd.concat([pool, supplement[list(pool.columns)]], ignore_index=True)
    merged = merged.sort_values(["source", "doc_id", "char_start"], kind="stable")
    merged = merged.reset_index(drop=True)
    write_table(merged, pool_path)
    return merged


def build_supplement(
    shared: Path,
    pool_path: Path,
    out_path: Path,
    batches_dir: Path | None = None,
    first_batch: int = SUPPLEMENT_FIRST_BATCH,
    size: int = SUPPLEMENT_SIZE,
    seed: int = SEED,
    sources: Iterable[str] = SUPPLEMENT_SOURCES,
    backup_path: Path | None = None,
) -> pd.DataFrame:
    """Round 2: about `size` more units from `sources` that are not in the pool at
    `pool_path`, sampled by concession cues (see `sample_supplement`); written to
    `out_path` (same columns as the pool) and, with `batches_dir`, as batches numbered
    from `first_batch`. With `backup_path`, the pool is kept there and `pool_path`
    becomes the union of pool and supplement (`merge_supplement`)."""
    backup = Path(backup_path) if backup_path is not None else None
    base_path = backup if backup is not None and backup.exists() else Path(pool_path)
    pool = read_pool(base_path)
    eligible = supplement_units(Path(shared), pool, sources)
    eligible = drop_repeats(eligible, pool)
    if eligible.empty:
        raise DataError(f"{shared}: no supplement units found (is the shared data there?)")
    supplement = sample_supplement(eligible, size=size, seed=seed)
    write_table(supplement, out_path)
    if batches_dir is not None:
        write_supplement_batches(supplement, Path(batches_dir), first_batch, seed=seed)
    if backup is not None:
        merge_supplement(Path(pool_path), supplement, backup)
    return supplement
