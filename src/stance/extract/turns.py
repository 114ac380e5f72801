"""Speaker turns in transcripts: 'Vladimir Putin: ...', 'MR. KIRBY: ...', 'Q ...'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stance.extract.names import strip_titles
from stance.extract.shapes import QUESTION_RE
from stance.extract.speakers import wordset

_WORD = r"(?:[A-Z][A-Za-z]{0,2}\.|[A-Z][\w’'\-]*|of|the|and|de|von|bin|al|el)"
LABEL_RE = re.compile(
    rf"(?<![\w’'\-.,;])(?=[A-Z])(?P<label>{_WORD}(?:[ \t]+{_WORD}){{0,9}})"
    r"(?:[ \t]*\([^)\n]{1,30}\))?[ \t]*:(?=\s)"
)
NOT_NAMED = wordset(
    "q question remark audience audience member participant participants reply voice "
    "journalist reporter moderator operator aide child subject note live watch video photo "
    "read more source sources"
)
_BOUNDARY = re.compile(r"(?:^|[\n.!?…*:»”\"]|[a-z,])[^\w\n]*$")


@dataclass(frozen=True)
class Turn:
    """A speaker turn: the label as written and the offsets of what follows it."""

    label: str
    start: int
    end: int

    @property
    def named(self) -> bool:
        """False for questions, audience remarks and other unnamed voices."""
        return self.label.lower().strip(". ") not in NOT_NAMED


def _is_label(text: str, match: re.Match[str]) -> bool:
    label = match.group("label")
    words = label.split()
    if label.lower() in NOT_NAMED:
        return True
    if words[-1] in ("of", "the", "and") or (len(words) < 2 and not label.isupper()):
        return False
    if label.isupper() and len(label) < 3:
        return False
    before = text[max(0, match.start() - 6) : match.start()]
    return bool(_BOUNDARY.search(before)) and len(words) <= 10


def _marks(text: str, questions: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """(label start, body start, label) of each speaker label, in order."""
    marks = [(m.start(), m.end(), m.group("label")) for m in LABEL_RE.finditer(text)]
    marks = [
        m for m, raw in zip(marks, LABEL_RE.finditer(text), strict=True) if _is_label(text, raw)
    ]
    marks += [(m.start(), m.end(), "Q") for m in questions.finditer(text)]
    return sorted(marks)


def label_starts(text: str, questions: re.Pattern[str] = QUESTION_RE) -> list[int]:
    """Offsets of the speaker labels ('MS. PSAKI:', 'Q') that open a line (`questions`: the
    question labels read)."""
    return [
        start
        for start, _, _ in _marks(text, questions)
        if not text[text.rfind("\n", 0, start) + 1 : start].strip()
    ]


def find_turns(text: str, questions: re.Pattern[str] = QUESTION_RE) -> list[Turn]:
    """Speaker turns in order; each runs until the next label (questions included as unnamed;
    `questions`: the question labels read)."""
    marks = _marks(text, questions)
    turns = []
    for index, (_, body_start, label) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        turns.append(Turn(label, body_start, end))
    return turns


def label_name(label: str) -> str:
    """'President of Russia Vladimir Putin' -> 'Vladimir Putin'; 'MR. KIRBY' -> 'Mr. Kirby'."""
    doubled = re.search(r"([A-Z][\w\-]+) ([A-Z][\w\-]+) \2 \1", label)  # scraped tooltips
    if doubled:
        return f"{doubled.group(1)} {doubled.group(2)}"
    if label.isupper():
        label = " ".join(
            w.capitalize() if w not in ("OF", "THE") else w.lower() for w in label.split()
        )
        label = re.sub(r"-([a-z])", lambda m: "-" + m.group(1).upper(), label)
    if " of " in label:
        tail = strip_titles(label.rsplit(" of ", 1)[1])
        words = tail.split()
        return " ".join(words[1:] if len(words) >= 3 else words)
    return strip_titles(label) or label
