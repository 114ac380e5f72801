"""One-word names as clause subjects (v2 `clause_surnames`): 'Sanders compared himself to
Clinton, saying, “...”' names its speaker though the text never gives Sanders a given name,
so `names.is_person_name` (two words or more) cannot tell."""

from __future__ import annotations

from collections.abc import Callable

from stance.extract import syntax
from stance.extract.descriptions import is_place
from stance.extract.names import MONTHS, NOT_PERSON
from stance.extract.speakers import PERSONAL, Mention


def single_subject(
    text: str,
    sentence: tuple[int, int],
    mention: str,
    offset: int,
    inside: Callable[[str], bool],
) -> bool:
    """True when `mention`, at `offset` in `sentence` of `text`, is one capitalised word that
    the sentence's parse reads as a proper noun and a subject (or apposed to one), that
    `inside` finds inside a sentence too (not an opener such as 'Attorneys'), and that is no
    place, month or organisation word nor in capitals ('MANCHESTER'): a person's or a
    body's name."""
    word = mention.strip()
    if " " in word or not word[:1].isupper() or word.isupper() or word.lower() in PERSONAL:
        return False
    if word.lower() in MONTHS | NOT_PERSON or is_place(word) or not inside(word):
        return False
    s_start, s_end = sentence
    token = next((t for t in syntax.parse(text[s_start:s_end]) if s_start + t.idx == offset), None)
    if token is None or token.pos_ != "PROPN":
        return False
    subject = token.head if token.dep_ == "appos" else token  # "Schilling's son, Grant,"
    return subject.dep_.startswith("nsubj")


_FINITE = frozenset(("VBD", "VBZ", "VBP"))


def verb_subject_within(
    text: str, sentence: tuple[int, int], mention: Mention
) -> tuple[int, int] | None:
    """v2 `verb_mentions`: offsets of the subject of a finite verb that the walk back from a
    speech verb took into its mention ('The Vermont senator emailed supporters saying: “...”'
    -> 'The Vermont senator'), when the parse puts that subject inside the mention before the
    verb; None when the mention holds no such verb."""
    s_start, s_end = sentence
    start, end = mention.start - s_start, mention.start + len(mention.text) - s_start
    for token in syntax.parse(text[s_start:s_end]):
        if not start < token.idx < end or token.tag_ not in _FINITE:
            continue
        for child in token.children:
            if child.dep_ == "nsubj" and start <= child.left_edge.idx < child.idx < token.idx:
                return s_start + child.left_edge.idx, s_start + child.idx + len(child.text)
    return None
