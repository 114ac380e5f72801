"""Frames that make quoted words nobody's said words (extractor v2): words a modal puts in
a mouth, words a negation says were not said, thoughts, wording given as approximate,
words quoted as a term, questions restated and words a question asks whether someone said.

Press briefings are full of them ('President Putin might have said, “…”', 'the President
didn’t say “…”', 'who may read that and wonder, “…”', '“…” or something like that'); each
frame is read from the sentence's words before the quote mark (or, for approximate wording,
after the quote), so a quote is never dropped for what its own words say. The extractor
reads them in transcripts only: written news quotes a thought someone told of ('she said she
was thinking, “…”') and the terms someone used ('refrain from using the phrase “…”') as
their words, and PolNeAR's annotators count them as quotes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stance.extract.quotes import Span
    from stance.extract.rules import Rules

_WORD = r"[\w’'\-]+"
# Up to four words the verb takes before the quote ('say to Prime Minister Netanyahu', 'say
# the words'); never a conjunction, which would open a clause of its own.
_OBJECT = rf"(?:\s+(?!(?:and|but|or|that|who|if)\b)(?:{_WORD}\s+){{0,3}}?{_WORD})?"
_END = r"[,:]?\s*(?:you\s+know,\s*)?(?:—\s*)?$"
_THAT_END = r"(?:\s+that)?" + _END  # "we’ve never said that “"
# A word between a modal or a negation and its verb, within the clause.
_FILLER = rf"(?!(?:said|says|that|who|which|if|whether|when|because|and|but|only)\b){_WORD}\s+"

# v2 `modal_voices`: 'President Putin might have said, “', 'she would probably say, “', 'Why
# would he say, “', 'Iran would pick up the phone and say, “' (the verb in the modal's own
# clause, or a bare verb joined to it by 'and').
MODAL = re.compile(
    rf"\b(?:would|could|might|may|should|must)\s+(?:{_FILLER}){{0,8}}?"
    rf"(?:have\s+(?:said|told|thought|asked)|(?:and\s+)?(?:say|tell|think|wonder|ask))"
    rf"{_OBJECT}{_THAT_END}",
    re.I,
)
# 'as my mother would say, “…”': a saying, read as a person's words.
_AS_SAYING = re.compile(rf"\bas\s+(?:{_WORD}\s+){{1,3}}$", re.I)

# v2 `negated_voices`: 'But the President didn’t say “', 'but he never said, “', 'we’ve
# never said that “', 'why couldn’t Chancellor Scholz say the words “'.
NEGATED = re.compile(
    r"\b(?:didn’t|did\s+not|never|not|nobody|doesn’t|does\s+not|don’t|won’t|wouldn’t"
    r"|couldn’t|can’t|cannot)\s+"
    rf"(?:{_FILLER}){{0,3}}?(?:say|said|saying|tell|told|telling)\b{_OBJECT}{_THAT_END}",
    re.I,
)

# v2 `thought_voices`: 'Does President Biden look at these protests and think, “', 'the
# people who feel like, “': a thought is no one's said words.
THOUGHT = re.compile(
    r"\b(?:think|thinks|thinking|wonder|wonders|wondering|feels?\s+like)" + _END, re.I
)

# v2 `approximate_wording`: '“…” or something like that', '“…” and “…” and things of that
# nature' (the quotes listed before the tail too), 'he answered in words to this effect: “'.
APPROXIMATE_AFTER = re.compile(
    r"(?:[\s,]*(?:or|and)?\s*[“\"][^“”\"\n]{1,120}[”\"])*[\s,.?!]*(?:or|and)\s+"
    r"(?:something|anything|things|stuff|words)\s+"
    r"(?:like\s+(?:that|this)|of\s+(?:that|this)\s+nature|to\s+(?:that|this)\s+effect)\b",
    re.I,
)
APPROXIMATE_BEFORE = re.compile(r"\bwords\s+to\s+(?:this|that|the)\s+effect" + _END, re.I)

# v2 `term_nouns`: 'I believe the term is “', 'the definition of a “', 'those specific
# terms: “', 'the characterization “', 'our basic principle of “', 'America’s policy of “':
# words quoted as a term or a principle's wording, not as anyone's speech.
TERM = re.compile(
    r"\b(?:the\s+(?:term|terms|phrase|phrases|word|words|characterization|label|slogan|motto)"
    r"|(?:those|these|specific|such)\s+(?:terms|phrases|words)|(?:words|phrases|terms)\s+like"
    r"|definition\s+of|(?:principle|position|theme|mantra|doctrine|policy)\s+(?:of|is))"
    r"(?:\s+(?:is|was|of|a|an|the|that))*" + _END,
    re.I,
)

# v2 `restated_questions`: 'And I was asked, “', 'the question that I was asked, “', 'the
# second question you asked, you know, “', 'step back and ask the question, “': a question
# put again in the speaker's words; not 'He was asked, “' (an interview's question, read).
RESTATED = re.compile(
    r"\b(?:(?:I|you|we)\s+(?:was|were)\s+asked(?:\s+(?:a|the|this)\s+question)?"
    r"|(?:ask|answer|asked)\s+(?:the|this)\s+question(?:\s+of)?"
    r"|(?:the|your|this|second|first)\s+question"
    r"(?:\s+(?:that\s+)?(?:I|you|we)\s+(?:was\s+|were\s+)?asked)?)" + _END,
    re.I,
)

# v2 `question_sayings`: 'Q    Has the President said, “', 'And will the president be
# saying to Prime Minister Netanyahu, “': a question whether someone said or will say words.
ASKED_SAYING = re.compile(
    r"^\s*(?:Q[ \t\xa0:.]+)?(?:(?:And|So|But|Now),?\s+)?(?:has|have|will|did|does)\s+"
    r"(?:[\w’'\-.]+\s+){1,4}?(?:be\s+)?(?:ever\s+|also\s+|just\s+)?"
    rf"(?:said|say|saying|told|tell|telling){_OBJECT}{_END}",
    re.I,
)

# v2 `ground_rules`: 'this call is on background, attributable to a “', 'on background to a
# “', 'hereinafter referred to as a “': the label a background call's speakers go by.
GROUND_RULES = re.compile(
    r"(?:\bbackground\b[^.!?“”\"]{0,80}?\b(?:attributable|attributed)\s+to"
    r"|\bbackground\s+to|\bhereinafter\s+referred\s+to\s+as)(?:\s+an?)?" + _END,
    re.I,
)


def unsaid(text: str, sentence_start: int, span: Span, rules: Rules) -> str | None:
    """The name of the v2 rule whose frame makes the quote `span` nobody's said words, read
    from its sentence (which opens at `sentence_start`) before the quote mark, or from the
    words after the quote; None when no rule on in `rules` sees one."""
    before = text[sentence_start : span.open_mark]
    found = MODAL.search(before) if rules.modal_voices else None
    if found and not _AS_SAYING.search(before, 0, found.start()):
        return "modal_voices"
    checks = (
        ("negated_voices", NEGATED),
        ("thought_voices", THOUGHT),
        ("approximate_wording", APPROXIMATE_BEFORE),
        ("term_nouns", TERM),
        ("restated_questions", RESTATED),
        ("question_sayings", ASKED_SAYING),
        ("ground_rules", GROUND_RULES),
    )
    for rule, pattern in checks:
        if getattr(rules, rule) and pattern.search(before):
            return rule
    if rules.approximate_wording and APPROXIMATE_AFTER.match(text, span.close_mark + 1):
        return "approximate_wording"
    return None
