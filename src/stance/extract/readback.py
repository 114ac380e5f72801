"""Cues of quotes a briefing reads back, that `stance.extract.spoken` does not read: a sentence
after the quote that says whose words they were ('“...” That is what he said.', '“...” Is
that what he said?', '“...” — that’s something that the president said last night —'), a
statement or report someone put out, saying the quoted words ('the NAACP put out a statement
saying: “...”'), a role subject before a time word ('the President today called it a
“...”'), and the cue of a short quote the next one in its sentence goes on from ('They called
it “anything but” a win and “...”'). Regexes only, like `stance.extract.spoken`; the
Attributor decides who spoke.
"""

from __future__ import annotations

import re

from stance.extract.names import is_person_name, strip_titles
from stance.extract.quotes import Span
from stance.extract.rules import Rules
from stance.extract.speakers import Mention, name_run, without_full_stop
from stance.extract.spoken import TIME_TAIL

_NAME = name_run(1, 5)
_SUBJECT = rf"(?P<name>(?i:I|you|he|she|we|they)|(?:the\s+)?[a-z]+|{_NAME})"

# v2 `said_after`: the sentence right after the quote (or a dash aside in it) says whose words
# they were: 'That is what he said.', 'Is that what he said?', '— that’s something that the
# president said last night —'.
SAID_AFTER = re.compile(
    r"[ \t\xa0]*(?:[—–][ \t\xa0]*|\n[ \t\xa0\n]*)?"
    r"(?:(?:[Tt]hat|[Tt]his)(?:[’']s|\s+is|\s+was)|(?:Is|Was)\s+(?:that|this))\s+"
    r"(?:exactly\s+|just\s+)?(?:what|something\s+(?:that\s+)?)"
    rf"\s*{_SUBJECT}\s+(?:\w+ly\s+|also\s+)?(?P<verb>said|says|wrote|told\s+\w+|put\s+it)\b"
)

# v2 `issued_statements`: 'the NAACP put out a statement saying: “', 'The group Bring Our
# Families Home issued a statement saying that the order is simply the White House “', 'the
# Carter Center, an independent observer, just earlier this morning released a report stating
# that, quote, “': the subject that put out a text saying what the quote says, in the same
# sentence right before it.
_ISSUER = rf"(?P<name>(?:[Tt]he\s+)?(?:[a-z]+\s+)?{_NAME}(?:\s+of(?:\s+the)?\s+{_NAME})?)"
_APPOSITION = r"(?:,[^,.!?“”\"\n]{1,60},)?"
_ISSUER_GAP = (
    r"(?:\s+(?:also|just|earlier|today|yesterday|this|last|morning|afternoon|week|night|has|"
    r"have|had|\w+ly))*"
)
ISSUED_STATEMENT = re.compile(
    rf"{_ISSUER}{_APPOSITION}{_ISSUER_GAP}\s+(?:put\s+out|issued|released|published)\s+"
    r"(?:a|an|the|its|their|his|her)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:statement|report|letter|readout|memo|post|tweet)\b[^.!?“”\"]*?"
    r"\b(?:saying|stating|that\s+(?:says|said|reads|read|stated))\b(?P<tail>[^.!?“”\"]*)$"
)
# Words that make the quote a gist of the statement, not its words ('saying, essentially, “').
GIST = re.compile(r"\b(?:essentially|basically|in\s+effect|roughly|something\s+like)\b")


def said_after(text: str, close: int) -> Mention | None:
    """'“...” That is what he said.': the subject of the sentence right after the quote's
    closing mark (or of a dash aside) that says the quote was what someone said."""
    found = SAID_AFTER.match(text, close + 1)
    if found is None:
        return None
    return Mention(found.group("name"), found.start("name"), found.group("verb"), "subject-verb")


def issued_statement(text: str, start: int, opener: int) -> Mention | None:
    """'the NAACP put out a statement saying: “': the subject that put out a statement (a
    report, a letter) saying what follows, in text[start:opener] right before the quote; not
    a gist of it ('saying, essentially, “')."""
    found = ISSUED_STATEMENT.search(text, start, opener)
    if found is None or GIST.search(found.group("tail")):
        return None
    name = without_full_stop(found.group("name"))
    return Mention(name, found.start("name"), "statement", "verb-subject")


def untimed_role(mention: str) -> str:
    """v2 `timed_roles`: 'the President today' -> 'the President': time words that close a
    subject of 'the' and capitalised words are no part of it (`spoken.untimed` reads only
    subjects that open with a capital)."""
    if not re.match(r"(?:the|The)\s+[A-Z]", mention):
        return mention
    return TIME_TAIL.sub("", mention) or mention


def read_back(text: str, close: int, start: int, opener: int, rules: Rules) -> Mention | None:
    """The first of the cues above that its v2 rule turns on and that finds a speaker."""
    found = None
    if rules.said_after:
        found = said_after(text, close)
    if found is None and rules.issued_statements:
        found = issued_statement(text, start, opener)
    return found


# Between a short quote and the next one of its sentence: no sentence or paragraph end, and
# no capitalised word (the subject of a clause of its own: '“distasteful,” Santilli said “').
_SAME_SENTENCE = re.compile(r"[^.!?;\n]*(?:\n[ \t\xa0]*)?[^.!?;\n]*")
_CAPITAL = re.compile(r"\b[A-Z]")
_PERSONS = frozenset(("i", "you", "we", "he", "she"))


def short_lead(
    text: str,
    span: Span,
    seen: tuple[Span, Mention | None] | None,
    kept: Span | None,
) -> Mention | None:
    """v2 `short_leads`: 'They called it “anything but” a win and “knowingly ...”', 'you have
    said it’s “common,” “there’s nothing new here,”': a quote with no cue of its own takes
    the cue of the quote read just before it (`seen`) in the same sentence, when that one was
    not kept (`kept` is the last quote kept), as a quote too short to stand alone is not. The
    cue must name a person (a name, or I / you / we / he / she), and no capitalised word may
    stand between the quotes."""
    if seen is None or seen[1] is None or seen[0] == kept:
        return None
    lead = seen[1]
    if not (lead.text.lower() in _PERSONS or is_person_name(strip_titles(lead.text))):
        return None
    between = seen[0].close_mark + 1, span.open_mark
    if not _SAME_SENTENCE.fullmatch(text, *between) or _CAPITAL.search(text, *between):
        return None
    return Mention(lead.text, lead.start, lead.cue, lead.method)
