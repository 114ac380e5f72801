"""Cues read after a quote past what the plain right context holds (v2 rules of issue 16's
seventh round): a later quoted phrase in the same sentence, before the speech verb."""

from __future__ import annotations

import re

from stance.extract.speakers import VERB_RE

_QUOTED = re.compile(r"[“\"«](?P<body>[^”\"»\n]*)[”\"»]")


def aside_end(text: str, start: int, end: int) -> int:
    """Where the cue after a quote may be read to, in the sentence text[start:end]: its end
    when every later quoted phrase in it is an aside that holds no speech verb ('Bill
    Eastland, wearing “Ted Cruz” pins, said'), else the first such phrase's mark (its
    verb would be a quoted speaker's, as in 'Powell “thus confirmed ...”')."""
    first = re.search(r"[“\"«]", text[start:end])
    if first is None:
        return end
    quoted = list(_QUOTED.finditer(text, start + first.start(), end))
    if any(VERB_RE.search(phrase.group("body")) for phrase in quoted):
        return start + first.start()
    opened = len(re.findall(r"[“\"«]", text[start:end]))
    return end if len(quoted) == opened else start + first.start()
