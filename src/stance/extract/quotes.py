"""Find quoted spans, paragraphs and sentences in raw text (character offsets only)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stance.extract.speakers import wordset

DOUBLE_OPENERS = "“„«"
DOUBLE_CLOSERS = "”»"
STRAIGHT = '"'
DOUBLE_MARKS = DOUBLE_OPENERS + DOUBLE_CLOSERS + STRAIGHT
QUOTE_MARKS = DOUBLE_MARKS + "‘’'"
_OPEN_CONTEXT = " \t\n([{—–-/:"
_TRIM = " \t\n\r\xa0,"


@dataclass(frozen=True)
class Span:
    """A quoted span: the text between the marks, possibly over several paragraphs."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    close_mark: int
    single: bool = False

    @property
    def open_mark(self) -> int:
        """Offset of the opening quote mark."""
        return self.start - 1


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end): blank-line separated if the text has blank lines, else lines."""
    sep = r"\n[ \t\r]*\n\s*" if re.search(r"\n[ \t\r]*\n", text) else r"\n+"
    bounds, pos = [], 0
    for match in re.finditer(sep, text):
        bounds.append((pos, match.start()))
        pos = match.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink (start, end) past whitespace and commas on both sides."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def opens_double(text: str, i: int) -> bool:
    char = text[i]
    if char in DOUBLE_OPENERS:
        return True
    if char != STRAIGHT:
        return False
    before_ok = i == 0 or text[i - 1] in _OPEN_CONTEXT
    after_ok = i + 1 < len(text) and not text[i + 1].isspace()
    return before_ok and after_ok


def _opens_single(text: str, i: int) -> bool:
    before_ok = i == 0 or text[i - 1] in _OPEN_CONTEXT
    return text[i] == "‘" and before_ok and i + 1 < len(text) and text[i + 1].isalnum()


_ELIDED_YEAR = re.compile(r"‘\d\d(?!\d)")


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return text[i] == "’" and not after.isalnum()


def _paragraph_opener(text: str, start: int, end: int) -> int | None:
    """Offset of a quote mark that opens the paragraph (after whitespace), if any."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    if i < end and (opens_double(text, i) or _opens_single(text, i)):
        return i
    return None


def find_spans(
    text: str,
    singles: bool = True,
    curly: bool = False,
    stops: tuple[int, ...] = (),
    years: bool = False,
) -> list[Span]:
    """Quoted spans with paragraph continuation; inner quotes never close the outer span.

    `curly` (extractor v2): a curly “ left open at a paragraph's end runs on through the
    paragraphs after it when the next double mark in the text is a curly ” (a statement
    quoted over paragraphs that do not reopen with a mark), and a curly “ that meets another
    opening “ closes there and the second opens a quote of its own ('“... every one… “If
    I had ...”').

    `stops` (extractor v2 `turn_stops`): offsets of speaker labels at line starts; a quote
    left open ends before the next one, and never runs on into a paragraph that opens with
    one (a mark left unpaired in one turn would otherwise swallow the turns after it).

    `years` (extractor v2 `elided_years`): a ‘ before two digits is an elided year ("fiscal
    year ‘24"), not an opening single mark."""
    paragraphs = paragraph_bounds(text)
    elided = {m.start() for m in _ELIDED_YEAR.finditer(text)} if years else set()
    stop_at = set(stops)
    spans: list[Span] = []
    pieces: list[tuple[int, int]] = []
    opened: int | None = None
    single = False
    for index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        if opened is not None and _opens_turn(text, p_start, p_end, stop_at):
            if pieces:
                spans.append(_make_span(text, pieces, single))
            pieces, opened = [], None
        if opened is not None:  # continuation: skip the paragraph's opening mark
            mark = _paragraph_opener(text, p_start, p_end)
            i = (mark or p_start) + 1  # v1 also skips a first letter (harmless: no mark)
            if curly:  # a paragraph reached with no mark of its own starts at its first letter
                i = p_start if mark is None else mark + 1
            opened = i
        while i < p_end:
            if opened is not None and i in stop_at:  # an unpaired mark ends at the label
                pieces.append((opened, i))
                spans.append(_make_span(text, pieces, single))
                pieces, opened = [], None
            if opened is None:
                if opens_double(text, i):
                    opened, single = i + 1, False
                elif singles and _opens_single(text, i) and i not in elided:
                    opened, single = i + 1, True
            elif (not single and text[i] in DOUBLE_MARKS) or (single and _closes_single(text, i)):
                pieces.append((opened, i))
                spans.append(_make_span(text, pieces, single))
                reopens = curly and _reopens(text, pieces[0][0] - 1, i)
                pieces, opened = [], i + 1 if reopens else None
            i += 1
        if opened is None:
            continue
        nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        continues = nxt is not None and _paragraph_opener(text, *nxt) is not None
        reaches = curly and not single and _closer_ahead(text, pieces, opened, paragraphs, index)
        continues = continues or reaches
        starts = pieces or _paragraph_opener(text, p_start, p_end) == opened - 1
        if starts or continues or _after_sentence_end(text, opened - 1):
            pieces.append((opened, p_end))
        if continues:
            continue
        if pieces:
            spans.append(_make_span(text, pieces, single))
        pieces, opened = [], None
    return [s for s in spans if s.end > s.start]


def _opens_turn(text: str, start: int, end: int, stops: set[int]) -> bool:
    """True when the paragraph text[start:end] opens with a speaker label in `stops`."""
    first = start + len(text[start:end]) - len(text[start:end].lstrip())
    return first in stops


MAX_REACH = 20  # paragraphs a curly quote may run on without reopening marks


def _reopens(text: str, open_mark: int, mark: int) -> bool:
    """True when the curly quote opened at `open_mark` meets, at `mark`, a second curly “ in
    an opening position: that mark opens a new quote rather than nesting in this one."""
    return (
        text[open_mark] in DOUBLE_OPENERS
        and text[mark] in DOUBLE_OPENERS
        and opens_double(text, mark)
    )


def _closer_ahead(
    text: str,
    pieces: list[tuple[int, int]],
    opened: int,
    paragraphs: list[tuple[int, int]],
    index: int,
) -> bool:
    """True when an open curly quote's next double mark is a curly ” within MAX_REACH
    paragraphs, so the paragraphs between are inside the quote."""
    start = pieces[0][0] if pieces else opened
    if text[start - 1] not in DOUBLE_OPENERS or index + 1 >= len(paragraphs):
        return False
    limit = paragraphs[min(index + MAX_REACH, len(paragraphs) - 1)][1]
    after = paragraphs[index][1]
    nxt = next((i for i in range(after, limit) if text[i] in DOUBLE_MARKS), None)
    return nxt is not None and text[nxt] in DOUBLE_CLOSERS


def _after_sentence_end(text: str, mark: int) -> bool:
    """True when the quote mark at `mark` opens a sentence ('... said. “...', '...: “...')."""
    return bool(re.search(r"[.!?:][\"”’']?\s+$", text[max(0, mark - 4) : mark]))


def _make_span(text: str, pieces: list[tuple[int, int]], single: bool) -> Span:
    trimmed = tuple(trim(text, s, e) for s, e in pieces)
    return Span(trimmed[0][0], trimmed[-1][1], trimmed, pieces[-1][1], single)


_ABBREVIATIONS = wordset(
    "mr mrs ms dr st sen rep gov gen lt col sgt capt prof jr sr inc corp co ltd no vs "
    "jan feb mar apr aug sept sep oct nov dec u.s u.n u.k d.c"
)
_SENT_END = re.compile(
    r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])|\n+"
)


_BLANK = " \t\r\xa0"
_LIST_ITEM = re.compile(r"[ \t\xa0]*(?:[-*•–]|\d+[.)])[ \t\xa0]")


@lru_cache(maxsize=16)
def hard_wrapped(text: str) -> bool:
    """True for text wrapped at a fixed width (markdown exports): blank lines separate
    paragraphs and no line is much longer than ~90 characters."""
    lines = text.split("\n")
    if len(lines) < 5 or not any(not line.strip(_BLANK) for line in lines):
        return False
    return sum(len(line) > 90 for line in lines) < 0.02 * len(lines)


def _wrap_newline(text: str, match: re.Match[str]) -> bool:
    """True when a single newline only wraps a line inside a paragraph of hard-wrapped text."""
    if match.group(0) != "\n" or not hard_wrapped(text):
        return False
    pos = match.start()
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    after_end = text.find("\n", pos + 1)
    after = text[pos + 1 : after_end if after_end >= 0 else len(text)]
    if not before.strip(_BLANK) or not after.strip(_BLANK) or _LIST_ITEM.match(after):
        return False
    return not before.rstrip(_BLANK).endswith(":")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at `dot` ends an abbreviation or an initial such as 'J.'."""
    word = re.search(r"[\w.]*$", text[max(0, dot - 12) : dot]).group(0).lower()
    return len(word) == 1 or word in _ABBREVIATIONS


def sentence_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into trimmed sentence spans (rule-based)."""
    end = len(text) if end is None else end
    bounds, pos = [], start
    for match in _SENT_END.finditer(text, start, end):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        if _wrap_newline(text, match):
            continue
        bounds.append(trim(text, pos, match.end()))
        pos = match.end()
    bounds.append(trim(text, pos, end))
    return [(s, e) for s, e in bounds if e > s]


def chunk(bounds: list[tuple[int, int]], size: int = 3) -> list[tuple[int, int]]:
    """Group consecutive sentence spans into units of at most `size` sentences."""
    return [(group[0][0], group[-1][1]) for group in _groups(bounds, size)]


def _groups(items: list[tuple[int, int]], size: int) -> list[list[tuple[int, int]]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def word_count(text: str) -> int:
    """Number of word-like tokens."""
    return len(re.findall(r"\w+(?:[’'\-]\w+)*", text))


_INNER_OPEN = re.compile(r"(?<![\w’'])[‘'](?=[\w\[])")
_INNER_CLOSE = re.compile(r"(?<=[\w.,!?…\]—\-])[’'](?![\w’'])")


def inner_spans(text: str, span: Span) -> list[Span]:
    """Single-quoted spans nested in a double-quoted span ('“He said ‘no’ today”'), within
    each of its pieces; an apostrophe inside a word never opens or closes one."""
    if span.single:
        return []
    found = []
    for start, end in span.pieces:
        pos = start
        while (opener := _INNER_OPEN.search(text, pos, end)) is not None:
            closer = _INNER_CLOSE.search(text, opener.end(), end)
            if closer is None:
                break
            inner = trim(text, opener.end(), closer.start())
            if inner[1] > inner[0]:
                found.append(Span(inner[0], inner[1], (inner,), closer.start(), single=True))
            pos = closer.end()
    return found


_TITLE_SMALL = wordset("a an the of for and or in on to at by with without from as vs")
_TITLE_WORD = re.compile(r"[\w’'\-/]+")


def title_like(quoted: str) -> bool:
    """True for quoted words shaped as a name (of a plan, programme, list or show: 'Fit for
    55', 'The Vienna Document.'): two to ten words, each capitalised, a number or a small
    word, the first capitalised, no sentence inside and no question or exclamation; not a
    shout in capitals ('WE COME FIRST') nor one word ('Watch.')."""
    body = quoted.strip(" \t\n\xa0.,")
    words = _TITLE_WORD.findall(body)
    if not 2 <= len(words) <= 10 or body.isupper() or body.endswith(("?", "!")):
        return False
    if re.search(r"[.!?;:]\s", body) or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL for w in words)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(inter, 0) / max(a[1] - a[0], b[1] - b[0])


def match(
    pred: list[tuple[int, int]], gold: list[tuple[int, int]], threshold: float
) -> list[tuple[int, int]]:
    """One-to-one greedy matching by overlap (|A∩B| / max(|A|, |B|) >= threshold)."""
    pairs = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p, used_g, found = set(), set(), []
    for score, i, j in pairs:
        if score < threshold or score == 0:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            found.append((i, j))
    return found
