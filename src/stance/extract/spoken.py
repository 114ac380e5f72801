"""Shapes of the cues of quotes read out loud or read back, as in briefing transcripts: a
name said after the quote ('“...” That’s Eric Holder.'), the subject of an 'as' clause after
it ('“...,” as Israeli officials put it'), a statement's line read out after a colon ('His
statement reads: “...”'), a time word between a subject and its verb ('Power today said');
the subject of a 'that' clause after a verb that reports nothing ('I know that then-candidate
Joe Biden had described cash bail as a “...”'), the noun a relative 'that' / 'who' stands
for ('some Iraqi officials that called it a “...”'), what someone means by, talks about or
refers to as the quoted words. Regexes and word tests only, like `stance.extract.cues`; the
Attributor decides who spoke.
"""

from __future__ import annotations

import re

from stance.extract.antecedents import past_question_label
from stance.extract.names import is_person_name, strip_titles
from stance.extract.shapes import QUESTION_RE
from stance.extract.speakers import (
    PERSONAL,
    VERB_RE,
    Mention,
    name_run,
    subject_before,
    tokens,
    without_full_stop,
)
from stance.extract.turns import find_turns, label_name

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
    name = without_full_stop(latest.group("name"))
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


def unlabelled(text: str, found: Mention, questions: re.Pattern[str] = QUESTION_RE) -> Mention:
    """v2 `label_mentions`: 'Q    And Mitch McConnell said today, “...”': a mention that a
    transcript question label (and a name it addresses) opens is read past them."""
    end = found.start + len(found.text)
    cut = past_question_label(text, found.start, end, questions)
    if cut == found.start or cut >= end or text[found.start : end] != found.text:
        return found
    return Mention(text[cut:end], cut, found.cue, found.method)


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


_SHORT_NAME = name_run(1, 4)
_SUBJECT = rf"(?P<name>(?i:I|you|he|she|we|they)|{_SHORT_NAME})"
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
    rf"[ \t\xa0]*(?:from\s+(?P<source>{_SHORT_NAME})|(?:that|which)\s+{_SUBJECT}\s+"
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
