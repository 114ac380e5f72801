"""The speaker of a quote with no cue of its own, from the sentences around it: the person
subject of its own sentence, the speaker of the sentence just before (its last speech verb's
subject), or that sentence's narrative subject; and whether a quote continues the previous
one. A mixin of the `Attributor`, kept apart so each module stays readable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stance.extract.cues import AGENT_NOUN, DESCRIPTION_WORDS, MODIFIED, OPENS
from stance.extract.names import is_person_name, strip_titles
from stance.extract.quotes import Span, sentence_bounds
from stance.extract.shapes import clean_name
from stance.extract.speakers import (
    PERSONAL,
    PRONOUNS,
    STOP,
    VERB_RE,
    Mention,
    apposed_name,
    subject_after,
    subject_before,
    tokens,
)

if TYPE_CHECKING:
    from stance.extract.resolver import Resolver
    from stance.extract.rules import Rules


class SentenceSpeakers:
    """Sentence-context speakers over `text`; the `Attributor` gives the rest: its `rules`,
    `resolver`, `paragraphs`, the `previous` quote, and `_sentence`, `_accept`, `_quoted`,
    `_object` and `_paragraph_index`."""

    text: str
    rules: Rules
    resolver: Resolver
    paragraphs: list[tuple[int, int]]
    previous: tuple[Span, Mention, str | None] | None

    def _own_subject(self, opener: int) -> tuple[Mention, str | None] | None:
        """A quote inside a sentence with no cue of its own ('Kall compared Trump to a coach
        who is "working the referees"', 'Ayrault, the minister, said North Korea's "..."')
        belongs to the subject of that sentence when it is a person: a name, or he / she."""
        s_start, _ = self._sentence(opener)
        past = self._past_label(s_start, opener) if self.rules.label_starts else s_start
        found = self.resolver.sentence_subject(past, opener)
        if found is None:
            return None
        offset, text, name = found
        if text.lower() in PERSONAL:
            name = self.resolver.resolve(text, offset)
        elif self.rules.modified_subjects:
            offset, text, name = self._described_name(offset, text, name)
        if not name or (past > s_start and clean_name(name) is None):  # 'Q    Can I ask ...'
            return None
        return Mention(text, offset, "", "sentence-subject"), name

    def _described_name(self, offset: int, text: str, name: str) -> tuple[int, str, str]:
        """'Former Obama spokesman Robert Gibbs derided ...', 'Mr. Trump's campaign chairman,
        Paul Manafort, dismissed ...': a name that modifies a description of a person (a head
        such as 'spokesman', 'chairman', 'son') is not the subject; the name after it is."""
        after = MODIFIED.match(self.text, offset + len(text))
        if after is None or not is_person_name(strip_titles(after.group("name"))):
            return offset, text, name
        words = after.group("words").split()
        if not all(w in DESCRIPTION_WORDS or AGENT_NOUN.search(w) for w in words):
            return offset, text, name
        if not AGENT_NOUN.search(words[-1]) or words[-1] in STOP:
            return offset, text, name
        mention, start = after.group("name"), after.start("name")
        return start, mention, self.resolver.resolve(mention, start) or name

    def _past_label(self, start: int, end: int) -> int:
        """The sentence start past a transcript question label that opens it ('Q    President
        Roe made a pledge ...'): the label is no subject. A named label ('MS. BERG:') is
        left, as it names the speaker of the turn's own words."""
        found = self.rules.questions.match(self.text, start, end)
        return found.end() if found else start

    def _earlier_sentence(self, opener: int) -> tuple[int, int] | None:
        """The sentence just before the one holding `opener`, in the same or the preceding
        paragraph; None when there is none or the previous quote is in it (a continuation)."""
        index = self._paragraph_index(opener)
        if index >= len(self.paragraphs):
            return None
        s_start, _ = self._sentence(opener)
        p_start, p_end = self.paragraphs[index]
        earlier = [b for b in sentence_bounds(self.text, p_start, p_end) if b[1] <= s_start]
        if not earlier and index > 0:
            earlier = sentence_bounds(self.text, *self.paragraphs[index - 1])
        if not earlier:
            return None
        start, end = earlier[-1]
        if self.previous is not None and start <= self.previous[0].close_mark < end:
            return None
        return start, end

    def _narrative_before(self, opener: int) -> tuple[Mention, str | None] | None:
        """'Clinton touted her credentials as a co-sponsor. “We need ...”': a quote that opens
        its sentence with no cue takes the person subject of the sentence just before, when
        that sentence holds no speech verb (`_sentence_before` reads those)."""
        s_start, _ = self._sentence(opener)
        bounds = self._earlier_sentence(opener)
        if bounds is None or not OPENS.fullmatch(self.text, s_start, opener):
            return None
        found = self.resolver.sentence_subject(*bounds)
        if found is None:
            return None
        offset, text, name = found
        if text.lower() in PERSONAL:
            name = self.resolver.resolve(text, offset)
        return (Mention(text, offset, "", "previous-sentence"), name) if name else None

    def _sentence_before(self, opener: int) -> tuple[Mention, str | None] | None:
        """The speaker of the sentence just before the one holding `opener` (in the same or
        the preceding paragraph): the subject of its last speech verb outside quotes, before
        the verb ('Smith said ...') or after it ('..., said Smith.')."""
        bounds = self._earlier_sentence(opener)
        if bounds is None:
            return None
        start, end = bounds
        verbs = [v for v in VERB_RE.finditer(self.text, start, end) if not self._quoted(v.start())]
        if not verbs:
            return None
        verb = verbs[-1]
        before = tokens(self.text, start, verb.start())
        np = apposed_name(self.text, before) if self.rules.apposed_subjects else None
        if before and before[-1][0] == ",":  # 'Her rival, Tom Hall, said ...'
            before = before[:-1]
        np = np or subject_before(before)
        if np is None or self._quoted(np[0]):
            np = subject_after(self.text, verb.end(), end)
            if np and not self.text[np[0]].isupper():  # '..., said Smith.', not 'said the plan'
                np = None
        found = self._accept(
            Mention(self.text[np[0] : np[1]], np[0], verb.group(0), "previous-sentence")
            if np
            else None
        )
        if found and self._object(found):  # 'Zucker commented on the news ecosystem, saying'
            subject = self.resolver.sentence_subject(start, end)
            found = subject and Mention(subject[2], subject[0], verb.group(0), found.method)
        if found is None or found.text.lower() in PRONOUNS - {"he", "she"}:
            return None
        name = self.resolver.resolve(found.text, found.start)
        return (found, name) if name else None

    def _continues(self, span: Span) -> bool:
        """True when the previous quote is in the same or the preceding paragraph."""
        if self.previous is None:
            return False
        between = self._paragraph_index(span.open_mark) - self._paragraph_index(
            self.previous[0].close_mark
        )
        return between <= 1
