"""Who a later 'he' / 'she' can refer to, in spoken transcripts (extractor v2 rules
`clean_antecedents` and `role_antecedents`).

Briefing transcripts open questions with a label and a name addressed ('Q    Karine, ...'),
ask in inverted clauses ('Would President Biden ...', 'Under President Biden, ...') and
speak of 'the President' by office; a run of capitalised words there is not always a
person, and an office is one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from stance.extract.shapes import QUESTION_RE, clean_name
from stance.extract.speakers import ROLE_HEADS, wordset

# Capitalised words that open a question or a clause, never a name ('Would President Biden').
_OPENERS = wordset(
    "would will did does do has have had is was are were can could should may might must "
    "what why how who where when which under with without from for about after before during "
    "since like unlike as at by in on to over into against between so and but or if then"
)
# Last words of capitalised runs that name a law, a body, an event or a place, not a person.
_NOT_PERSON_TAIL = wordset(
    "act bill law navy army force forces hill summit academy steel plan program programme "
    "initiative agreement treaty accord deal doctrine declaration strategy angeles island "
    "islands sea ocean river valley heights strait gulf bay border service garden room"
)
_PERSON_TITLES = ROLE_HEADS | wordset("mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. speaker")
_VOCATIVE = re.compile(r"[A-Z][\w’'\-]+,")  # 'Karine, ' right after a question label
_ABBREVIATION = re.compile(r"[A-Za-z]\.$")  # 'U.' before 'S. Navy'


def antecedent_name(name: str | None) -> str | None:
    """`name` as a person who can be referred to, or None: leading question and clause words
    are dropped ('Under President Biden' -> 'President Biden'); a name that cannot be a
    person's (`shapes.clean_name`) or ends in a law, body or place word ('Inflation
    Reduction Act', 'Capitol Hill') is none."""
    words = (name or "").split()
    while words and words[0].lower() in _OPENERS:
        words.pop(0)
    if not words or words[-1].lower().strip(".") in _NOT_PERSON_TAIL:
        return None
    return clean_name(" ".join(words))


def titled_person(name: str) -> bool:
    """'President Biden', 'Leader McCarthy', 'Senator Tillis': a person's title before
    capitalised words (not 'Chief Justice', 'Senator Act')."""
    words = name.split()
    return (
        len(words) >= 2
        and words[0].lower() in _PERSON_TITLES
        and all(w[:1].isupper() and w.lower() not in _PERSON_TITLES for w in words[1:])
        and antecedent_name(name) is not None
    )


def mid_abbreviation(text: str, position: int) -> bool:
    """True when a capitalised run at `position` continues an abbreviation ('U.S. Navy' read
    from 'S.'), so it is no name of its own."""
    return bool(_ABBREVIATION.search(text[max(0, position - 2) : position]))


def past_question_label(
    text: str, start: int, end: int, questions: re.Pattern[str] = QUESTION_RE
) -> int:
    """The start of a sentence past a transcript question label and the name it addresses
    ('Q    Karine, on the ...' -> 'on the ...'): neither is the sentence's subject."""
    found = questions.match(text, start, end)
    if found is None:
        return start
    addressed = _VOCATIVE.match(text, found.end(), end)
    return addressed.end() if addressed else found.end()


def role_pattern(roles: Mapping[str, str]) -> re.Pattern[str] | None:
    """'the President', 'the Vice President’s' (an office of the document's `roles`, lower
    case keys), not followed by a name or 'of' ('President Putin', 'the President of
    France' are someone else)."""
    if not roles:
        return None
    offices = "|".join(
        r"\s+".join(re.escape(w) for w in role.split()) for role in sorted(roles, key=len)[::-1]
    )
    return re.compile(rf"\b[Tt]he\s+(?P<role>(?i:{offices}))(?:[’']s)?\b(?!\s+(?:[A-Z]|of\b))")
