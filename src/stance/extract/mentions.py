"""Who a 'he' / 'she' left without an antecedent can refer to (extractor v2 rule
`mentioned_antecedents`).

The resolver offers a pronoun the people who spoke or opened a sentence. A person the
article names only inside a clause ('The moment that Ms. Nwanguma, 21, held up her signs,
..., she said') or as an owner ('The most telling promise Mrs. Clinton has made') is never
offered, so a later 'she said' stays unresolved. This reads the latest such mention instead,
only where its gender is known and agrees, since an unknown name may be a place or a body,
and only in the pronoun's paragraph and the one before: a person named in passing further
back ('the four Americans: ..., Tyrone Woods and Glen Doherty') is no longer in mind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from stance.extract.antecedents import titled_person
from stance.extract.clauses import main_subjects
from stance.extract.names import MONTHS, NOT_PERSON, drop_lead_words

if TYPE_CHECKING:
    from stance.extract.gender import Gender

_CAPITALISED = re.compile(r"(?<![\w’'\-.])[A-Z][\w’'\-]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def previous_paragraph(text: str, position: int) -> int:
    """Where the paragraph before the one holding `position` starts (blank lines part
    paragraphs where the text has any, else line breaks)."""
    breaks = list((_BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")).finditer(text))
    ends = [m.end() for m in breaks if m.end() <= position]
    return ends[-2] if len(ends) > 1 else 0


def _runs_backwards(
    text: str, start: int, end: int, run: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """The capitalised runs of text[start:end], latest first."""
    words = [m.start() for m in _CAPITALISED.finditer(text, start, end)]
    for word in reversed(words):
        found = run.match(text, word, end)
        if found:
            yield found


def latest_mention(
    text: str,
    position: int,
    run: re.Pattern[str],
    name_of: Callable[[str, int], str | None],
    fits: Callable[[str, str, int], bool],
) -> str | None:
    """The person named latest before `position`, in its paragraph or the one before, that
    `fits`: `run` matches a capitalised run, `name_of(run, offset)` gives the name it stands
    for and `fits(run, name, offset)` says whether it will do (outside quotes, a person of
    the pronoun's known gender)."""
    for found in _runs_backwards(text, previous_paragraph(text, position), position, run):
        name = name_of(found.group(0), found.start())
        if name and fits(found.group(0), name, found.start()):
            return name
    return None


def body_subject(
    subjects: Callable[[int, int], list[tuple[str, int]]],
    bounds: list[tuple[int, int]],
    body_at: Callable[[int, int, int], str | None],
) -> str | None:
    """v2 `body_subjects`: what an 'it' that speaks stands for: the first main-clause subject
    of its own sentence before it ('The Security Council condemned what it called “...”'),
    else, where that holds no subject, of the sentence before ('The Post reported that ... .
    It added, “...”'), when that subject is a proper name that names no person. `bounds`
    holds (start, end) of those two spans, nearest first; `subjects(start, end)` gives their
    (kind, offset) subjects and `body_at(start, end, offset)` the body a subject names."""
    for start, end in bounds:
        found = subjects(start, end) if start < end else []
        if found:
            kind, offset = found[0]
            return body_at(start, end, offset) if kind == "name" else None
    return None


class MentionAntecedents:
    """A mixin of the `Resolver` (which holds the text, the name index and the name tests
    these use): the v2 rules `mentioned_antecedents` and `body_subjects`."""

    text: str
    cap_run: re.Pattern[str]
    in_quote: Callable[[int], bool]
    sentence_start: Callable[[int], int]
    _run_name: Callable[[str, int], str | None]
    _name: Callable[[str], str | None]
    _is_person: Callable[[str], bool]
    _gender: Callable[[str], Gender | None]

    def mentioned(self, position: int, want: Gender) -> str | None:
        """`mentioned_antecedents`: the person a he / she at `position` that nothing else
        resolves refers to (`latest_mention`)."""
        fits = partial(self._fits, want)
        return latest_mention(self.text, position, self.cap_run, self._run_name, fits)

    def _fits(self, want: Gender, run: str, name: str, offset: int) -> bool:
        """A mention outside quotes of a person whose known gender is the pronoun's."""
        if self.in_quote(offset) or not self._is_person(name):
            return False
        return want in (self._gender(run), self._gender(name))

    def it_body(self, position: int) -> str | None:
        """`body_subjects`: the body an 'it' at `position` stands for (`body_subject`)."""
        start = self.sentence_start(position)
        before = self.sentence_start(start - 1) if start else start
        spans = [(start, position), (before, start)]
        return body_subject(self._main_subjects, spans, self._body_at)

    def _main_subjects(self, start: int, end: int) -> list[tuple[str, int]]:
        return [(k, o) for k, o in main_subjects(self.text, start, end) if not self.in_quote(o)]

    def _body_at(self, start: int, end: int, offset: int) -> str | None:
        """The name of the capitalised run at `offset` when it names a body: one ending in an
        organisation word ('Harbor Times') or no person's, and no day."""
        runs = self.cap_run.finditer(self.text, start, end)
        run = next((r for r in runs if r.end() > offset and r.start() <= offset), None)
        name = self._name(drop_lead_words(run.group(0))) if run else None
        if not name or any(w.lower() in MONTHS for w in name.split()):
            return None  # "Thursday's memo"
        body = name.split()[-1].lower() in NOT_PERSON or not self._is_person(name)
        return name if body and not titled_person(name) and self._gender(name) is None else None
