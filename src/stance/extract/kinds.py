"""Guess a document's kind (article, transcript, address, post) from its text alone."""

from __future__ import annotations

import re

from stance.extract.shapes import QUESTION_RE
from stance.extract.turns import Turn, find_turns

KINDS = ("article", "transcript", "address", "post")
TURN_SHARE = 0.5  # share of the text inside named speaker turns that makes a transcript
MIN_TURNS = 3  # named turns (with two speakers at least) that make a transcript
POST_CHARS = 1500  # a labelled statement this short is a post
FIRST_PERSON_RATE = 0.02  # first-person pronouns per word in an address
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|us|me)\b")
_DOUBLE_MARK = re.compile(r"[“”\"«»]")
_WORD = re.compile(r"\w+")


def _line_prefix(text: str, turn: Turn) -> str:
    """What precedes a turn's label on its line (label = up to the colon before the body)."""
    label_start = text.rfind(turn.label, 0, turn.start)
    return text[text.rfind("\n", 0, label_start) + 1 : label_start]


def _opens_line(text: str, turn: Turn) -> bool:
    """The turn's label stands at the start of its line (only spaces before it)."""
    return not _line_prefix(text, turn).strip()


def line_labelled(text: str, turns: list[Turn]) -> list[Turn]:
    """The named turns whose label opens its line in capitals ('THE PRESIDENT:'), as
    transcripts write them; a 'Topic: subtitle' headline is not one."""
    return [
        turn for turn in turns if turn.named and turn.label.isupper() and _opens_line(text, turn)
    ]


def detect_kind(
    text: str,
    speaker_known: bool = False,
    asked: bool = False,
    questions: re.Pattern[str] = QUESTION_RE,
    asked_cover: bool = False,
) -> str:
    """'transcript' when named speaker turns at line starts (three or more, two speakers at
    least) cover most of the text; 'post' for a short text with one named turn after an emoji
    or bullet ('💬 Sergey Lavrov: ...'); 'address' for first-person text with no quote marks
    when its speaker is known (else its sentences would be units with no speaker); else
    'article'. A headline 'Topic: subtitle' is one turn and never makes a transcript. With
    `asked` (v2 `questioned_speeches`), a line-start question turn ('Q') counts as a second
    speaker, so one speaker's remarks that take questions are a transcript too; with
    `asked_cover` (v2 `asked_cover`) too, the question turns count towards the text covered,
    so a gaggle of long questions and short answers is one. `questions`: the question labels
    read."""
    every = find_turns(text, questions)
    turns = [turn for turn in every if turn.named]
    at_line_start = [turn for turn in turns if _opens_line(text, turn)]
    asked_turns = [t for t in every if t.label.strip() == "Q" and _opens_line(text, t)]
    covered = sum(turn.end - turn.start for turn in at_line_start)
    speakers = {turn.label for turn in at_line_start}
    if asked and asked_turns:
        speakers.add("Q")
        covered += sum(t.end - t.start for t in asked_turns) if asked_cover else 0
    enough = len(at_line_start) >= MIN_TURNS and len(speakers) >= 2
    if enough and covered >= TURN_SHARE * len(text.strip()):
        return "transcript"
    if len(text) <= POST_CHARS and len(turns) == 1:
        prefix = _line_prefix(text, turns[0]).strip()
        if prefix and not re.search(r"\w", prefix):
            return "post"
    words = len(_WORD.findall(text))
    first_person = words and len(_FIRST_PERSON.findall(text)) >= FIRST_PERSON_RATE * words
    if speaker_known and first_person and not _DOUBLE_MARK.search(text):
        return "address"
    return "article"
