"""Shapes of the cues around a quote that the Attributor reads: regexes and word tests over
the text, with no document state (who said what is decided in `stance.extract.attribution`).
"""

from __future__ import annotations

import re

from stance.extract.names import MONTHS, NOT_PERSON, is_person_name, strip_titles
from stance.extract.speakers import (
    DETERMINERS,
    LINE_SPACES,
    PERSONAL,
    PRONOUNS,
    SPACES,
    SPEECH_VERBS,
    STOP,
    TITLES,
    Mention,
    is_adverb,
    name_run,
    without_full_stop,
    wordset,
)

# Mentions that are not people: a date after the verb ("said Tuesday"), the medium
# ("a statement said"), and a subordinator taken for a name ("While ...").
_TIME = wordset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week weekend month year earlier later"
)
_MEDIA = wordset(
    "statement statements tweet tweets interview release report post letter email video speech "
    "memo filing transcript op-ed editorial column article book ad advertisement poll survey "
    "study document website message remarks comments testimony"
)
_SUBORDINATORS = wordset("while although though when as if because after before since but and")
_RELATIVES = wordset("that which who whom whose")
_NOT_SUBJECTS = (
    _SUBORDINATORS | STOP | DETERMINERS | wordset("despite during without")
)  # 'said that Trump called it “...”'
# A markdown label line right before a quote: '[**Name**](link)**:**' or '**Name:**'.
LABEL = re.compile(
    r"(?:\[\*\*(?P<linked>[^*\]]{2,120})\*\*\]\([^)\s]*\)\*\*:\*\*"
    r"|\*\*(?P<plain>[^*\n]{2,120}?):\*\*)[ \t]*\n?[ \t]*$"
)
# v2 `linked_labels`: the linked bold name with a plain colon ('[**Name**](link): “...').
LINKED_LABEL = re.compile(
    r"\[\*\*(?P<linked>[^*\]]{2,120})\*\*\]\([^)\s]*\):[ \t\xa0]*\n?[ \t\xa0]*$"
)
# v2 `heading_speakers`: a quote that opens a list item, or follows the item's topic link
# ('-   [On tariffs](link): “...'), under a heading that names a person ('### **Secretary
# Rubio on Meet the Press**').
_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+(?P<title>\S.*)$")
# v2 `bold_headings`: a bold run that fills its lines ('**Secretary of State Jane Roe on Face
# the Nation**') is a heading too; its last line is the title.
_BOLD_RUN = re.compile(r"(?m)^[ \t]*\*\*(?P<body>[^*]{2,300}?)\*\*[ \t]*$")
ITEM = re.compile(r"(?m)^[ \t\xa0]*(?:[-*•]|\d+[.)])[ \t\xa0]+")
ITEM_LEAD = re.compile(r"(?:\[[^\]]*\]\([^)\s]*\)[ \t\xa0]*:?\s*)?(?:\\\[[^\]]*\\\][ \t\xa0]*)?")
TOPIC = re.compile(r"\s+on\s+", re.I)
# v2 `colon_sources`: a named source and a colon right before the quote, at a sentence or
# clause start ('So, Citigroup: “...”', '..., Moody’s, for example: “...”').
COLON_SOURCE = re.compile(
    r"(?:^|[.!?:;,—]\s+|\n\s*)(?:(?:So|And|But|Now|Also),\s+)?"
    r"(?P<name>[A-Z][\w’'&.\-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w’'&.\-]*){0,3})"
    r"(?:,\s+for\s+example)?:[ \t\xa0]*$"
)
# v2 `hypothetical_voices`: words put in a hypothetical or generic mouth, not quoted.
HYPOTHETICAL = re.compile(
    r"\b(?:why\s+not(?:\s+just)?\s+say|(?:should|could|might|must)\s+(?:just\s+)?say"
    r"|imagine\s+if\b.*|(?:critics|people|those|others|anyone)\s+who\s+(?:say|argue)"
    r"|when\s+(?:they|people|someone|somebody|an?\s+\w+)\s+says?"
    r"|basically\s+saying|(?:does|do|did)\s+(?:he|she|they|you)\s+think,)[^.!?“”\"]{0,60}$",
    re.I | re.S,
)
# v2 `heard_from`: 'you heard from the President directly that, “...' / 'We heard from the
# — from Kirby a few minutes ago — he had the line, “...': the person heard from is the
# speaker (a spoken restart, '... — from', is passed); not one who passed words on ('you
# heard this from Karine — “...”').
HEARD_FROM = re.compile(
    r"\bheard\s+(?:\w+ly\s+)?from\s+(?:[\w ]{0,12}[—–-]+\s*from\s+)?(?:the\s+)?"
    rf"(?P<name>{name_run(1, 4)})"
)
# v2 `named_appositions`: ', John McGraw,' right after a description of the speaker.
APPOSED_NAME = re.compile(
    r"(?:[ \t\xa0]+(?:at|of|for|from|with|in)[ \t\xa0]+[^,.;“”\"\n]{1,40})?"
    rf",[ \t\xa0]+(?P<name>{name_run(2, 4, SPACES, lazy=True)})"
    rf"(?=[ \t\xa0]*(?:[,.;]|\s+(?:{SPEECH_VERBS})\b))"
)
NOT_SOURCES = wordset("quote unquote note here example question answer update transcript")
# v2 `lead_speakers`: a list item that opens with a topic label and then the quote
# ('-   [**On prices**](link)**:** “...'), and the paragraphs a list's lead never is: list
# items, and paragraphs that open with a bold or linked label ('**Here are the moments:**',
# '**Senator Roe:** “...”').
TOPIC_ITEM = re.compile(
    r"(?:\[\*\*[^*\]]{2,120}\*\*\]\([^)\s]*\)|\[[^\]]{2,120}\]\([^)\s]*\)|\*\*[^*\n]{2,120}?)"
    r"[ \t\xa0]*(?:\*\*:\*\*|:\*\*|:)\s*"
)
NOT_LEAD = re.compile(r"\s*(?:(?:[-*•]|\d+[.)])[ \t\xa0]|\*\*|\[)")


QUOTE_VERB = re.compile(r"\b(?:quote|quoting|quoted)\s+", re.I)
QUOTE_TAIL = re.compile(r"[\s,:—–\-]*")
DESCRIBED_AFTER = re.compile(
    rf"[\s,—–\-]*(?P<verb>{SPEECH_VERBS})\s+(?:[a-z0-9][\w/’'\-]*\s+){{1,4}}"
    rf"(?P<name>{name_run(2, 4)})"
)

# v2 `closing_verbs`: '“...,” Trump answered.' / '“...!” beamed Donald Hartley.': a name
# (or he / she) and a past-tense verb that close the clause right after a quote that ends in
# a comma, '?' or '!' make a speech cue whatever the verb ('barked', 'gloated', 'fumed').
_CLOSING_NAME = rf"(?P<name>{name_run(1, 4, lazy=True)}|he|she)"
_CLOSING_VERB = r"(?P<verb>[a-z]{3,}ed)"
CLOSING_VERB = re.compile(
    rf"[\s,—–\-]*(?:{_CLOSING_NAME}\s+{_CLOSING_VERB}|{_CLOSING_VERB.replace('verb', 'first')}"
    rf"\s+{_CLOSING_NAME.replace('name', 'after')})(?=\s*(?:[.,;!?]|$)|\s+and\s)"
)

# v2 `opening_verbs`: 'And Mr. Christie gloated: “...' / 'Hannity interjected: “...': the same
# with the verb and a colon right before the quote.
OPENING_VERB = re.compile(
    rf"(?:^|(?<=\s)){_CLOSING_NAME}\s+{_CLOSING_VERB}(?:\s+(?:back|in|up|out))?"
    r":[ \t\xa0]*\n?[ \t\xa0]*$"
)


def surname_or_name(name: str) -> bool:
    """1-4 capitalised words, no month or organisation word: a person's name or surname
    ('Trump', 'Donald Hartley'), where `is_person_name` wants two words at least."""
    words = strip_titles(name).split()
    return 1 <= len(words) <= 4 and not any(
        w.lower() in MONTHS or w.lower() in NOT_PERSON or not w[:1].isupper() for w in words
    )


def closing_verb(text: str, start: int, end: int) -> Mention | None:
    """'“...,” Trump answered.': a name (or he / she) and a past-tense verb that close the
    clause after a quote ending in ',', '?' or '!', a verb `VERB_RE` may not list."""
    found = CLOSING_VERB.match(text, start, end)
    closes = text[start - 2 : start - 1] in (",", "?", "!") or text.startswith(",", start)
    if found is None or not closes:
        return None
    group = "name" if found.group("name") else "after"
    name = without_full_stop(found.group(group))
    if name not in PERSONAL and not surname_or_name(name):
        return None
    verb = found.group("verb") or found.group("first")
    method = "subject-verb" if group == "name" else "after-verb"
    return Mention(name, found.start(group), verb, method)


def opening_verb(text: str, start: int, end: int) -> Mention | None:
    """'And Mr. Christie gloated: “...': a name (or he / she) and a past-tense verb with a
    colon right before the quote, a verb `VERB_RE` may not list."""
    found = OPENING_VERB.search(text, start, end)
    if found is None or not (
        found.group("name") in PERSONAL or surname_or_name(found.group("name"))
    ):
        return None
    return Mention(found.group("name"), found.start("name"), found.group("verb"), "verb-subject")


# v2 `closing_clauses`: ', he said.' / ', Gilbert added in an interview.' ending the sentence
CLOSING_CLAUSE = re.compile(
    rf",\s+{_CLOSING_NAME}\s+(?P<verb>{SPEECH_VERBS})(?:\s+[^,.;:!?“”\"\n]{{1,40}})?[.!]?\s*$"
)


def closing_clause(text: str, start: int, end: int) -> Mention | None:
    """'... a “turbulent election cycle” played out, he said.': a name (or he / she) and a
    speech verb after a comma that end the sentence text[start:end] is the speaker of a quote
    earlier in it that has no cue of its own."""
    found = CLOSING_CLAUSE.search(text, start, end)
    if found is None:
        return None
    name = found.group("name")
    if name not in PERSONAL and not surname_or_name(name):
        return None
    return Mention(name, found.start("name"), found.group("verb"), "subject-verb")


# v2 `described_before`: description words (one lower-case at least), then the name.
DESCRIBED_BEFORE = re.compile(
    r"[\s,—–\-]*(?=[^“”\"]*\b[a-z])(?:[\w’'\-]+\s+){1,5}?"
    rf"(?P<name>{name_run(2, 4, lazy=True)})(?:\s+(?:also|then|later))?\s*"
)

# v2 `modified_subjects`: a name, the description of a person it modifies, then that person's
# name ('Former Obama spokesman Robert Gibbs', 'Mr. Trump's campaign chairman, Paul Manafort').
MODIFIED = re.compile(
    r"(?:[’']s)?(?P<words>(?:[ \t]+[a-z][\w\-]*){1,4}),?[ \t]+"
    rf"(?P<name>{name_run(2, 4, LINE_SPACES)})"
)
AGENT_NOUN = re.compile(
    r"(?:er|or|ist|ian|man|woman|son|daughter|wife|husband|brother|sister|aide|official)$"
)
DESCRIPTION_WORDS = wordset(
    "former longtime top senior chief deputy campaign press communications policy political "
    "foreign national security economic legal media digital new then-campaign"
)

OPENS = re.compile(r"[\s(\[*_—–\-]*")  # nothing but space or markup before a quote mark

# v2 `party_tags`: '(R-Tex.)', '(D-N.Y)', '(I-Vt.)' between a name and its speech verb.
PARTY_TAG = re.compile(r"[ \t]*\([RDI]-[A-Z][\w. ]{0,14}\)[ \t]*,?[ \t]*$")

# v2 `colon_names`: a name and a colon right before the quote, after any words.
COLON_NAME = re.compile(
    r"(?:\s[-—–]|(?P<role>[a-z][\w\-]*))[ \t]+"
    rf"(?P<name>{name_run(2, 4, LINE_SPACES)}):[ \t\xa0]*\n?[ \t\xa0]*$"
)


# v2 `preposition_objects`: prepositions whose object the walk back from a verb can take
# for its subject ('into the polls saying'); not 'after' / 'before' / 'since', which also
# open clauses ('after she said').
_PREPOSITIONS = wordset(
    "in into at on upon of without from with by about through during over under against "
    "toward towards across among between within onto"
)


def preposition_object(text: str, start: int, mention: str) -> bool:
    """True when `mention` at `start` is a lower-case phrase or a number ('the polls', 'the
    past', '2006') right after a preposition, so the object of that preposition; not one
    that names people ('of the aides said' is likely 'One of the aides said')."""
    words = mention.split()
    if not words or words[-1][:1].isupper() or words[-1].lower() in PRONOUNS:
        return False
    if AGENT_NOUN.search(re.sub(r"s$", "", words[-1])):
        return False
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 20) : start])
    return before is not None and before.group(1) in _PREPOSITIONS


def modifier_phrase(mention: str) -> str | None:
    """The name in 'a Clinton campaign spokesman', 'one Trump campaign source': a name (not a
    possessive) that modifies two or more lower-case words, after nothing but a determiner;
    else None."""
    words = mention.split()
    caps = [i for i, w in enumerate(words) if w[:1].isupper() and w.lower() not in DETERMINERS]
    if not caps or len(words) - caps[-1] - 1 < 2:
        return None
    lead, tail = words[: caps[0]], words[caps[-1] + 1 :]
    if not all(w.lower() in DETERMINERS for w in lead) or re.search(r"[’']s?$", words[caps[-1]]):
        return None  # someone's role ('Donald Trump’s campaign manager') is left to the resolver
    nouns = all(w.isalpha() and w.islower() and w not in STOP | DETERMINERS for w in tail)
    if not nouns or any(is_adverb(w) for w in tail):  # 'Clay Higgins also sort of'
        return None
    return " ".join(words[caps[0] : caps[-1] + 1])


def owned_head(mention: str) -> bool:
    """'Ms. Merkel's spokesman', 'Google's chief executive': someone's lower-case role."""
    words = mention.split()
    return len(words) >= 2 and bool(re.search(r"[’']s$", words[0])) and words[-1].islower()


def names_person(label: str, surname: bool = False) -> bool:
    """A label of capitalised words and titles around a person's name ('Secretary of
    Defense Pete Hegseth'; with `surname` also 'Secretary Rubio'), not a phrase or a topic
    ('On prices', 'supporters to counter Radical Left violence')."""
    words = label.split()
    if not words or not all(w[:1].isupper() or w.lower() in TITLES for w in words):
        return False
    name = strip_titles(label)
    return is_person_name(name) or (surname and len(name.split()) == 1)


def person_like(mention: str) -> str | None:
    """The mention without a leading subordinator, or None when it names no person."""
    first = re.match(r"\s*(\S+)\s+", mention)
    if re.search(r"[“”\"«»]", mention) or mention.split()[0].lower() in _RELATIVES:
        return None
    if first and first.group(1).lower() in _SUBORDINATORS:
        mention = mention[first.end() :]
    lows = [re.sub(r"\W", "", w.lower()) for w in mention.split()]
    if not lows or lows[-1] in _MEDIA or any(low in _TIME for low in lows):
        return None
    if _not_a_subject(mention, lows):
        return None
    return mention


def _not_a_subject(mention: str, lows: list[str]) -> bool:
    """A clause word or participle taken for a subject ('After', 'despite', 'being'), or a
    pronoun that opens a clause ('It goes without')."""
    if len(lows) == 1:
        word = lows[0]
        return word in _NOT_SUBJECTS or (word.endswith("ing") and mention.islower())
    return lows[0] in PRONOUNS


def headings(text: str, bold: bool) -> list[tuple[int, int, str]]:
    """(end, title start, title) of each heading, in order: '#' lines, and with `bold` the
    last line of each bold run that fills its lines."""
    found = [(m.end(), m.start("title"), m.group("title")) for m in _HEADING.finditer(text)]
    for run in _BOLD_RUN.finditer(text) if bold else ():
        body = run.group("body").rstrip()
        last = body.rsplit("\n", 1)[-1]
        title_start = run.start("body") + len(body) - len(last.lstrip())
        found.append((run.end(), title_start, last.strip()))
    return sorted(found)
