"""Cues of words reported inside a clause, as reporters read them back in a briefing: the
subject of a 'that' clause after a verb that reports nothing ('I know that then-candidate Joe
Biden had described cash bail as a “...”'), the noun a relative 'that' / 'who' stands for
('some Iraqi officials that called it a “...”'). Word tests only, like `stance.extract.spoken`;
the Attributor decides who spoke.
"""

from __future__ import annotations

import re

from stance.extract.names import is_person_name, strip_titles
from stance.extract.speakers import (
    PERSONAL,
    VERB_RE,
    Mention,
    name_run,
    subject_before,
    tokens,
)
from stance.extract.turns import find_turns, label_name

# Words before a relative pronoun read back for its noun: a clause's worth at most.
_RELATIVE_WINDOW = 80
# Heads of a phrase naming people ('some Iraqi officials'), not things ('letters that called').
_PEOPLE = re.compile(
    r"(?:ist|ian|man|woman|men|women|official|aide|people|leader|lawmaker|protester|supporter|"
    r"voter|officer|worker|member|critic|expert|diplomat|resident|senator|governor|minister|"
    r"adviser|advisor|spokesperson)s?$"
)


def that_subject(text: str, found: Mention, start: int, opener: int) -> Mention | None:
    """v2 `that_clauses`: the speaker a mention that opens with 'that' stands for, where the
    speech verb after it leads to the quote at `opener` with no other 'that' clause between.

    'that then-candidate Joe Biden' (a complement clause's subject: a name, he or she) ->
    'then-candidate Joe Biden', when no speech verb comes before 'that' in
    text[start:found.start] (after 'said that', the quote is the outer speaker's); 'that' /
    'who' alone, the relative subject of the speech verb ('officials that called it'), -> the
    noun phrase right before it when its head is a name or names people ('some Iraqi
    officials'). A complement's subject must end in a name or be he / she ('that Syed Farook’s
    name' is none). None for any other mention."""
    words = found.text.split(maxsplit=1)
    if not words or words[0].lower() not in ("that", "who"):
        return None
    verb = text.find(found.cue, found.start + len(found.text))
    if re.search(r"\bthat\b", text[verb + len(found.cue) : opener]):
        return None
    if len(words) == 2:
        rest = words[1]
        person = rest.lower() in PERSONAL or rest.split()[-1][:1].isupper()
        if words[0].lower() != "that" or not person or VERB_RE.search(text, start, found.start):
            return None
        return Mention(rest, found.start + found.text.index(rest), found.cue, found.method)
    before = tokens(text, max(start, found.start - _RELATIVE_WINDOW), found.start)
    np = subject_before(before)
    if np is None or not re.fullmatch(r"\s*", text[np[1] : found.start]):
        return None
    head = text[np[0] : np[1]].split()[-1]
    if not (head[:1].isupper() or _PEOPLE.search(head.lower())):
        return None
    return Mention(text[np[0] : np[1]], np[0], found.cue, found.method)


_NAME = name_run(1, 4)
_SUBJECT = rf"(?P<name>(?i:I|you|he|she|we|they)|{_NAME})"
# v2 `meant_words`: 'this is what I mean by, “...”', 'what exactly he means by “...”': the
# words someone means by a phrase are that person's.
MEANT_BY = re.compile(
    rf"\b{_SUBJECT}\s+(?:\w+ly\s+)?(?:mean|means|meant)\s+by\s*,?\s*\*?[ \t\xa0]*\n?[ \t\xa0]*$"
)
# v2 `referred_as`: 'the President referred to the incident as “...”': the subject of
# 'referred to X as' right before the quote ('referred' alone refers, it does not speak).
REFERRED_AS = re.compile(
    r"\b(?P<verb>referred)\s+to\s+[^.!?;:“”\"]{1,60}?\s+as\s+(?:an?\s+|the\s+)?\s*$"
)


# v2 `talked_about`: 'You’ve talked about “...”', 'And you talk about “...”': a person who
# talks about the words they said (not 'talking about', a topic).
TALKED_ABOUT = re.compile(
    rf"\b{_SUBJECT}(?:[’']ve|\s+have|\s+had)?\s+(?:\w+ly\s+)?(?:talk|talks|talked)\s+about"
    r"\s*,?\s*\*?[ \t\xa0]*\n?[ \t\xa0]*$"
)


def talked_about(text: str, start: int, opener: int) -> Mention | None:
    """'You’ve talked about “...”': the subject of 'talk(ed) about' right before the quote."""
    found = TALKED_ABOUT.search(text, start, opener)
    if found is None:
        return None
    return Mention(found.group("name"), found.start("name"), "talked about", "verb-subject")


def meant_words(text: str, start: int, opener: int) -> Mention | None:
    """'what I mean by, “...”': the subject of 'mean(s) by' right before the quote."""
    found = MEANT_BY.search(text, start, opener)
    if found is None:
        return None
    return Mention(found.group("name"), found.start("name"), "mean by", "verb-subject")


def referred_as(text: str, start: int, opener: int) -> Mention | None:
    """'the President referred to the incident as “...”': the subject before 'referred to X
    as' right before the quote."""
    found = REFERRED_AS.search(text, start, opener)
    np = subject_before(tokens(text, start, found.start())) if found else None
    if np is None:
        return None
    return Mention(text[np[0] : np[1]], np[0], "referred to", "verb-subject")


def label_surnames(text: str) -> frozenset[str]:
    """v2 `label_surnames`: the one-word names that the transcript's speaker labels carry
    ('MR. KIRBY:' -> 'Kirby'): a person's surname, though `is_person_name` wants two words."""
    names = (strip_titles(label_name(turn.label)) for turn in find_turns(text) if turn.named)
    return frozenset(name for name in names if len(name.split()) == 1 and name[:1].isupper())


def titled_surname(mention: str) -> bool:
    """v2 `titled_surnames`: 'President Zelenskyy', 'Secretary Blinken': title words and one
    capitalised name after them, a person's surname though `is_person_name` wants two words."""
    name = strip_titles(mention)
    words = mention.split()
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and len(name.split()) == 1
        and name[:1].isupper()
        and words[-1] == name
    )


# v2 `echoed_after`: a phrase read back with its owner right after it: 'the “months, not
# years” from President Zelenskyy', 'was it “main character energy” that he said is lacking?'.
ECHOED_AFTER = re.compile(
    rf"[ \t\xa0]*(?:from\s+(?P<source>{_NAME})|(?:that|which)\s+{_SUBJECT}\s+"
    r"(?:\w+ly\s+)?(?:said|says|used|uses|called|calls))\b"
)


def echoed_after(text: str, close: int) -> Mention | None:
    """'the “months, not years” from President Zelenskyy': a person named after 'from' right
    after the quote's closing mark, or the subject of a relative clause with a speech verb
    ('“...” that he said'), is its speaker."""
    found = ECHOED_AFTER.match(text, close + 1)
    if found is None:
        return None
    if found.group("source"):
        source = found.group("source")
        if not (is_person_name(strip_titles(source)) or titled_surname(source)):
            return None
        return Mention(source, found.start("source"), "from", "after-verb")
    return Mention(found.group("name"), found.start("name"), "that said", "subject-verb")
