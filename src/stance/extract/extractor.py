"""Turn raw documents into quote units with speakers and character offsets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from stance.extract.names import NameIndex, Resolver
from stance.extract.quotes import (
    Span,
    chunk,
    find_spans,
    paragraph_bounds,
    sentence_bounds,
    word_count,
)
from stance.extract.speakers import Mention, according_to, attribute_left, attribute_right
from stance.extract.turns import find_turns, label_name

Kind = Literal["article", "transcript", "address", "post"]
MIN_WORDS = 3
FURNITURE = (
    re.compile(r"Your support helps us.*?(?:Your support makes all the difference\.|\Z)", re.S),
    re.compile(r"Join our commenting forum.*\Z", re.S),
    re.compile(r"(?m)^[ \t]*(?:Sign up|Subscribe|Read more|Click here|Follow us|Donate)\b.*$"),
)


@dataclass(frozen=True)
class Quote:
    """One quote unit; source[char_start:char_end] == text."""

    text: str
    speaker: str | None
    char_start: int
    char_end: int
    doc_id: str = ""
    link: str = ""
    mention: str = ""
    cue: str = ""
    method: str = ""
    pieces: tuple[tuple[int, int], ...] = ()


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Page furniture (donation appeals, comment prompts) that never holds quotes."""
    return [(m.start(), m.end()) for pattern in FURNITURE for m in pattern.finditer(text)]


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


class _Attributor:
    """Finds and resolves the speaker of each quoted span in one document."""

    def __init__(self, text: str, resolver: Resolver) -> None:
        self.text, self.resolver = text, resolver
        self.paragraphs = paragraph_bounds(text)
        self.previous: tuple[Span, Mention, str | None] | None = None

    def _sentence(self, position: int) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= position < end:
                for s_start, s_end in sentence_bounds(self.text, start, end):
                    if s_start <= position < s_end + 1:
                        return s_start, s_end
                return start, end
        return position, position

    def mention(self, span: Span, floor: int) -> Mention | None:
        """The cue and speaker mention for a span; `floor` = end of the previous quote."""
        text, opener = self.text, span.open_mark
        s_start, _ = self._sentence(opener)
        left_start = max(s_start, floor)
        right_start, right_end = self._right_context(span)
        found = (
            attribute_right(text, right_start, right_end)
            or attribute_left(text, left_start, opener)
            or according_to(text, left_start, right_end)
        )
        if found is None and self._opens_paragraph(opener):
            found = self._colon_intro(opener)
        return found

    def _right_context(self, span: Span) -> tuple[int, int]:
        """From the closing mark to the end of the sentence that follows it."""
        text, start = self.text, min(span.close_mark + 1, len(self.text))
        first = re.match(r"\s*", text[start:]).end() + start
        if first >= len(text):
            return start, start
        new_sentence = text[span.end - 1] == "." and text[first].isupper()
        if new_sentence or text[first] in "\n" or text[start:first].count("\n"):
            return start, start
        _, end = self._sentence(first)
        nxt = re.search(r"[“\"«]", text[start:end])
        return start, start + nxt.start() if nxt else end

    def _opens_paragraph(self, opener: int) -> bool:
        return any(start == opener for start, _ in self.paragraphs)

    def _colon_intro(self, opener: int) -> Mention | None:
        index = next(i for i, (s, _) in enumerate(self.paragraphs) if s == opener)
        if index == 0:
            return None
        start, end = self.paragraphs[index - 1]
        if not self.text[start:end].rstrip().endswith(":"):
            return None
        s_start, s_end = sentence_bounds(self.text, start, end)[-1]
        return attribute_left(self.text, s_start, s_end)

    def speaker(self, span: Span, floor: int) -> tuple[Mention | None, str | None]:
        """Mention and resolved speaker, inheriting from the previous quote where needed."""
        found = self.mention(span, floor)
        if (found is None or not found.text) and self._continues(span):
            _, mention, name = self.previous
            kept = Mention(mention.text, mention.start, mention.cue, "continuation")
            return kept, name
        if found is None:
            return None, None
        if not found.text:  # coordinated verb: the subject is earlier in the sentence
            name = self.resolver.resolve("he", found.start)
            return Mention("", found.start, found.cue, found.method), name
        floor = found.start if found.start > span.end else 0
        name = self.resolver.resolve(found.text, found.start, floor)
        if name and found.text.lower() not in ("he", "she"):
            self.resolver.add_event(found.start, name)
        return found, name

    def _continues(self, span: Span) -> bool:
        """True when the previous quote is in the same or the preceding paragraph."""
        if self.previous is None:
            return False
        between = self._paragraph_index(span.open_mark) - self._paragraph_index(
            self.previous[0].close_mark
        )
        return between <= 1

    def _paragraph_index(self, position: int) -> int:
        return next(
            (i for i, (s, e) in enumerate(self.paragraphs) if s <= position <= e),
            len(self.paragraphs),
        )


def _article_quotes(
    text: str, resolver: Resolver, min_words: int, keep_unattributed: bool
) -> list[tuple[Span, Mention | None, str | None]]:
    skip = furniture_ranges(text)
    attributor = _Attributor(text, resolver)
    found, floor = [], 0
    for span in find_spans(text):
        if _inside(span.open_mark, skip) or word_count(text[span.start : span.end]) < min_words:
            continue
        mention, name = attributor.speaker(span, floor)
        floor = span.end + 1
        if mention is not None:
            attributor.previous = (span, mention, name)
        if mention is not None or keep_unattributed:
            found.append((span, mention, name))
    return found


def _units(text: str, start: int, end: int, size: int = 3) -> list[tuple[int, int]]:
    return chunk(sentence_bounds(text, start, end), size)


def extract_quotes(
    text: str,
    doc_id: str = "",
    link: str = "",
    default_speaker: str | None = None,
    kind: Kind = "article",
    roles: Mapping[str, str] | None = None,
    names_text: str = "",
    min_words: int = MIN_WORDS,
    keep_unattributed: bool = False,
) -> list[Quote]:
    """Quote units of a document.

    article: quoted spans with cue-based speakers; transcript/post: labelled speaker turns
    (text outside turns is read as an article); address: the whole body is the default
    speaker's, in units of 1-3 sentences.
    """
    index = NameIndex(text, names_text)
    quoted = [(s.start, s.end) for s in find_spans(text)]
    resolver = Resolver(text, sentence_bounds(text), index, roles, default_speaker, quoted)

    def unit(start: int, end: int, speaker: str | None, method: str, mention: str = "") -> Quote:
        return Quote(text[start:end], speaker, start, end, doc_id, link, mention, "", method)

    if kind == "address":
        return [unit(s, e, default_speaker, "address") for s, e in _units(text, 0, len(text))]
    turns = find_turns(text) if kind in ("transcript", "post") else []
    quotes: list[Quote] = []
    outside_end = turns[0].start if turns else len(text)
    for span, mention, name in _article_quotes(text, resolver, min_words, keep_unattributed):
        if span.start < outside_end:
            quotes.append(_quote(text, span, mention, name, doc_id, link))
    for turn in turns:
        if not turn.named:
            continue
        speaker = resolver.resolve(label_name(turn.label), turn.start)
        for start, end in _units(text, turn.start, turn.end):
            quotes.append(unit(start, end, speaker, "turn", turn.label))
    return quotes


def _quote(
    text: str, span: Span, mention: Mention | None, name: str | None, doc_id: str, link: str
) -> Quote:
    return Quote(
        text=text[span.start : span.end],
        speaker=name,
        char_start=span.start,
        char_end=span.end,
        doc_id=doc_id,
        link=link,
        mention=mention.text if mention else "",
        cue=mention.cue if mention else "",
        method=mention.method if mention else "none",
        pieces=span.pieces,
    )
