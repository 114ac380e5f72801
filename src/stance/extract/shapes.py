"""What a speaker name cannot look like (extractor v2 rule `name_shapes`).

White House transcripts put a question label before a reporter's words ('Q Earlier this
week, ...'), and spoken text is full of contractions ('What I’m saying', 'he’d say'); a run
of capitalised words there is not a name.
"""

from __future__ import annotations

import re

# A transcript question label at a line start ('Q    Earlier, ...').
QUESTION_RE = re.compile(r"(?m)^[ \t\xa0]*Q(?:[ \t\xa0]{2,}|:[ \t\xa0]+|\.[ \t\xa0]+)")
# A speaker label opening a line, question or named ('Q    ', 'MS. BERG:'), as the span
# filter reads them (group 1: the label).
LINE_LABEL = re.compile(r"^(Q(?=[^\S\n])|[A-Z][A-Z.\-’' ]{1,60}(?=:))", re.M)
# v2 `single_space_questions`: also one space before a word ('Q When the president ...')
QUESTION_ANY_RE = re.compile(
    r"(?m)^[ \t\xa0]*Q(?:[ \t\xa0]{2,}|[ \t\xa0](?=\S)|:[ \t\xa0]+|\.[ \t\xa0]+)"
)
_NEGATED = re.compile(r"(?i)n[’']t$")  # 'Isn’t', 'Didn't'
_PRONOUN_FORM = re.compile(r"(?i)^(?P<base>i|you|we|he|she|they|it)(?:[’'](?:m|ve|ll|d|re|s))?$")


def pronoun_form(mention: str) -> str | None:
    """The bare pronoun a contracted or framed mention stands for ('I’m' -> 'I', 'he’d' ->
    'he', 'What I’m' -> 'I', 'All I’m' -> 'I'), or None when it holds none."""
    words = mention.split()
    found = _PRONOUN_FORM.match(words[-1]) if words else None
    if found is None or (len(words) > 1 and found.group("base").lower() != "i"):
        return None
    return found.group("base")


def clean_name(name: str) -> str | None:
    """`name`, or None when it cannot be a person's: it opens with a transcript question
    label ('Q Earlier', 'Q Thanks') or holds a pronoun, a contraction ('What I', 'I’m
    President') or a negated verb ('Isn’t U.')."""
    words = name.split()
    if not words or words[0] == "Q" or any(_PRONOUN_FORM.match(w) for w in words):
        return None
    return None if any(_NEGATED.search(w) for w in words) else name
