"""Layout repair before extraction, in a same-length copy of the text so offsets stay exact.

Hard-wrapped text (a fixed line width, often without blank lines between paragraphs) has
the newlines inside each paragraph replaced by spaces; `''` quote marks (NYT archive style)
become a straight double mark beside a space. Every replacement keeps the length, so an
offset into the repaired text is the same offset into the original.
"""

from __future__ import annotations

import itertools
import re

from stance.extract.shapes import LINE_LABEL

_BLANK = " \t\r\xa0"
_LIST_ITEM = re.compile(r"[ \t\xa0]*(?:[-*•–]|\d+[.)]|#+)[ \t\xa0]")
_TWO_SINGLES = re.compile(r"''")
_OPEN_BEFORE = " \t\n([{—–-/:"
MIN_LINES = 5
MAX_WIDTH = 100  # wider "lines" are paragraphs, not wrapped lines
FULL_SHARE = 0.5  # share of lines within SLACK of the width in wrapped text
SLACK = 16  # a full line ends at most this short of the width (the next word did not fit)


def wrap_width(text: str) -> int | None:
    """The fixed line width of hard-wrapped text, or None when lines are not wrapped."""
    lines = [line.rstrip(_BLANK) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) < MIN_LINES:
        return None
    width = max(len(line) for line in lines)
    if width > MAX_WIDTH:
        return None
    full = sum(len(line) >= width - SLACK for line in lines[:-1])
    return width if full >= FULL_SHARE * (len(lines) - 1) else None


def unwrap(text: str, labels: bool = False) -> str:
    """Newlines that only wrap a line inside a paragraph become spaces (same length).

    A line ends its paragraph when the next word would have fitted on it (it is short),
    when it ends with ':' or the next line is blank, a list item or a heading; with `labels`
    (v2 `label_lines`) also when the next line opens with a speaker label ('Q    ...',
    'MS. BERG: ...')."""
    width = wrap_width(text)
    if width is None:
        return text
    chars = list(text)
    lines = text.split("\n")
    pos = 0
    for line, nxt in itertools.pairwise(lines):
        end = pos + len(line)
        body = line.rstrip(_BLANK)
        first_word = len(nxt.strip(_BLANK).split(" ", 1)[0])
        fits = len(body) + 1 + first_word <= width
        inside = body.strip(_BLANK) and nxt.strip(_BLANK) and not body.endswith(":")
        opens_turn = labels and LINE_LABEL.match(nxt.lstrip(_BLANK)) is not None
        if inside and not fits and not _LIST_ITEM.match(nxt) and not opens_turn:
            chars[end] = " "
        pos = end + 1
    return "".join(chars)


def double_singles(text: str) -> str:
    """`''` quote marks become `"` beside a space, on the side away from the quoted words."""
    chars = list(text)
    for match in _TWO_SINGLES.finditer(text):
        i = match.start()
        opens = i == 0 or text[i - 1] in _OPEN_BEFORE
        chars[i : i + 2] = [" ", '"'] if opens else ['"', " "]
    return "".join(chars)


def repair(text: str, labels: bool = False) -> str:
    """`unwrap` (`labels`: a labelled line opens a paragraph) and `double_singles`: the text
    extraction reads (same length as `text`)."""
    repaired = double_singles(unwrap(text, labels))
    assert len(repaired) == len(text)  # offsets are shared with the original
    return repaired
