"""Shapes of the cues of quotes read out loud, as in briefing transcripts: a name said after
the quote ('“...” That’s Eric Holder.'), the subject of an 'as' clause after it ('“...,” as
Israeli officials put it'), a statement's line read out after a colon ('His
statement reads: “...”'), a time word between a subject and its verb ('Power today said').
Regexes and word tests only, like `stance.extract.cues`; the Attributor decides who spoke.
"""

from __future__ import annotations

import re

from stance.extract.antecedents import past_question_label
from stance.extract.names import is_person_name, strip_titles
from stance.extract.speakers import Mention, name_run

_NAME = name_run(2, 4)

# v2 `named_after`: the sentence right after the quote names who said it: 'That’s Eric
# Holder.', 'That was state attorney for Palm Beach County, Florida, Dave Aronberg.'
NAMED_AFTER = re.compile(
    r"[ \t\xa0]*\n?[ \t\xa0]*(?:That|This)(?:[’']s|\s+is|\s+was)\s+"
    rf"(?:[^.!?“”\"\n]{{0,60}}?,\s+)?(?P<name>{_NAME})\s*\."
)

# v2 `statement_lines`: a statement, or a line of one, read out after a colon or comma at the
# end of the sentence ('His statement reads:', 'And the last line is,'), with its owner.
STATEMENT_LINE = re.compile(
    r"(?:^|(?<=[\s(]))(?:(?P<owner>[Hh]is|[Hh]er|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*[’']s)"
    r"|(?:[Aa]nd\s+)?(?:[Tt]he|[Tt]his|[Tt]hat))\s+(?:\w+\s+){0,2}?"
    r"(?:statement|line|lines|words|readout|letter|tweet|post)\s+"
    r"(?:reads|read|says|said|is|was|goes)\s*[:,]\s*\*?[ \t\xa0]*\n?[ \t\xa0]*\*?$"
)
# The owner of an owner-less statement, said in the same or the sentence before ('It’s a
# statement from Richard Sauber.', 'he put out the statement').
STATEMENT_FROM = re.compile(rf"\bstatement\s+(?:\w+\s+){{0,2}}?from\s+(?P<name>{_NAME})")
STATEMENT_BY = re.compile(
    r"\b(?P<name>he|she|[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})\s+"
    r"(?:put\s+out|issued|released|wrote|posted|gave)\s+(?:the|a|this|his|her)\s+statement\b"
)

# v2 `as_said`: '“...,” as Karine said in her opening statement', '“...,” as Israeli officials
# put it': 'as', a subject of one to four words, a speech verb, right after the quote.
AS_SAID = re.compile(
    r"[ \t\xa0]*[,—–]?[ \t\xa0]*\n?[ \t\xa0]*as\s+(?P<name>(?:[\w’'.\-]+\s+){0,3}?[\w’'.\-]+)\s+"
    r"(?:(?:has|had|have)\s+)?(?P<verb>said|says|put\s+it|noted|wrote|stated|told\s+\w+|"
    r"described\s+it|called\s+it|mentioned|explained|argued|reported|tweeted)\b"
)

# v2 `timed_subjects`: time words that close a subject before its verb ('Power today said').
TIME_TAIL = re.compile(
    r"(?:\s+(?:on|this|last|earlier))?\s+(?:today|yesterday|tonight|morning|night|week|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)


def named_after(text: str, close: int) -> Mention | None:
    """'“...” That’s Eric Holder.': a person's name that fills the sentence right after the
    quote's closing mark (after a description and a comma at most) is its speaker."""
    found = NAMED_AFTER.match(text, close + 1)
    if found is None or not is_person_name(strip_titles(found.group("name"))):
        return None
    return Mention(found.group("name"), found.start("name"), "that's", "named-after")


def statement_owner(text: str, start: int, opener: int) -> Mention | None:
    """The owner of a statement whose line is read out right after: 'His statement reads:'
    (his), 'Richard Sauber’s statement says:'; else, for 'The statement reads:' / 'And the last
    line is,', the person it came from in text[start:opener] ('a statement from Richard
    Sauber', 'he put out the statement'), the latest such mention. A statement said to be
    from someone in those words is theirs before an owner's 'his' / 'her'."""
    intro = STATEMENT_LINE.search(text, start, opener)
    if intro is None:
        return None
    owner = intro.group("owner")
    found = [*STATEMENT_FROM.finditer(text, start, intro.start())]
    if owner and not found:
        word = {"his": "he", "her": "she"}.get(owner.lower(), re.sub(r"[’']s$", "", owner))
        return Mention(word, intro.start("owner"), "statement", "statement")
    found = found or [*STATEMENT_BY.finditer(text, start, intro.start())]
    if not found:
        return None
    latest = max(found, key=lambda m: m.start("name"))
    name = re.sub(r"(?<=\w{3})\.$", "", latest.group("name"))  # the sentence's full stop
    return Mention(name, latest.start("name"), "statement", "statement")


_SAYINGS = frozenset(("they", "it", "one", "people", "some", "many", "everyone", "everybody"))


def as_said(text: str, close: int) -> Mention | None:
    """'“...,” as Karine said in her opening statement': the subject of a speech verb in an
    'as' clause right after the quote's closing mark is its speaker."""
    found = AS_SAID.match(text, close + 1)
    if found is None or not re.search(r"[,.!?]", text[close - 1 : close + 2]):
        return None
    if found.group("name").lower() in _SAYINGS:  # 'as they say': a saying, no one's words
        return None
    return Mention(found.group("name"), found.start("name"), found.group("verb"), "subject-verb")


def untimed(mention: str) -> str:
    """'USAID Administrator Power today' -> 'USAID Administrator Power': time words that close
    a capitalised subject are no part of it (`cues.person_like` rejects a mention with them)."""
    if not mention[:1].isupper():
        return mention
    return TIME_TAIL.sub("", mention) or mention


def unlabelled(text: str, found: Mention) -> Mention:
    """v2 `label_mentions`: 'Q    And Mitch McConnell said today, “...”': a mention that a
    transcript question label (and a name it addresses) opens is read past them."""
    end = found.start + len(found.text)
    cut = past_question_label(text, found.start, end)
    if cut == found.start or cut >= end or text[found.start : end] != found.text:
        return found
    return Mention(text[cut:end], cut, found.cue, found.method)
