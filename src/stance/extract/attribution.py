"""Who said each quoted span: cues around it, the sentence before it, the previous quote."""

from __future__ import annotations

import re

from stance.extract.clauses import ends_in_object, outer_subject, own_subject
from stance.extract.cues import (
    APPOSED_NAME,
    DESCRIBED_AFTER,
    DESCRIBED_BEFORE,
    LABEL,
    LINKED_LABEL,
    PARTY_TAG,
    QUOTE_TAIL,
    QUOTE_VERB,
    closing_clause,
    closing_verb,
    headings,
    modifier_phrase,
    opening_verb,
    owned_head,
    person_like,
    preposition_object,
)
from stance.extract.descriptions import place_role
from stance.extract.gender import name_gender
from stance.extract.layout_cues import LayoutCues
from stance.extract.names import after_titles, is_person_name, strip_titles
from stance.extract.quotes import Span, paragraph_bounds, sentence_bounds
from stance.extract.readback import read_back, short_lead, untimed_role
from stance.extract.resolver import Resolver
from stance.extract.right_cues import aside_end
from stance.extract.rules import VERSIONS, Rules
from stance.extract.sentence_speakers import SentenceSpeakers
from stance.extract.shapes import clean_name
from stance.extract.speakers import (
    PERSONAL,
    PRONOUNS,
    VERB_RE,
    Mention,
    according_to,
    attribute_left,
    attribute_right,
    subject_after,
    subject_before,
    tokens,
    without_full_stop,
)
from stance.extract.spoken import (
    as_said,
    echoed_after,
    label_surnames,
    meant_words,
    named_after,
    referred_as,
    statement_owner,
    talked_about,
    that_subject,
    unlabelled,
    untimed,
)
from stance.extract.subject_names import single_subject, verb_subject_within


class Attributor(LayoutCues, SentenceSpeakers):
    """Finds and resolves the speaker of each quoted span in one document; which v2 cues apply
    is read from `rules` (e.g. `speaker_fixes`: non-person mentions rejected, and a quote with
    no cue of its own takes the speaker of the sentence just before it before the previous
    quote's)."""

    def __init__(self, text: str, resolver: Resolver, rules: Rules = VERSIONS["v1"]) -> None:
        self.rules = rules
        self.text, self.resolver = text, resolver
        self.labels = (LABEL, LINKED_LABEL) if rules.linked_labels else (LABEL,)
        self.headings = headings(text, rules.bold_headings) if rules.heading_speakers else []
        self.paragraphs = paragraph_bounds(text)
        self.previous: tuple[Span, Mention, str | None] | None = None
        self.seen: tuple[Span, Mention | None] | None = None  # the last quote read, kept or not
        self.label_names = label_surnames(text) if rules.label_surnames else frozenset()

    def _sentence(self, position: int) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= position < end:
                for s_start, s_end in sentence_bounds(self.text, start, end):
                    if s_start <= position < s_end + 1:
                        return s_start, s_end
                return start, end
        return position, position

    def _accept(self, found: Mention | None) -> Mention | None:
        if found is None or not self.rules.speaker_fixes or not found.text:
            return found
        if self.rules.timed_subjects:
            found = Mention(untimed(found.text), found.start, found.cue, found.method)
        if self.rules.label_mentions:
            found = unlabelled(self.text, found, self.rules.questions)
        if self.rules.timed_roles:
            found = Mention(untimed_role(found.text), found.start, found.cue, found.method)
        kept = person_like(found.text)
        if kept is None:
            return None
        start = found.start + len(found.text) - len(kept)
        return Mention(kept, start, found.cue, found.method)

    def mention(self, span: Span, floor: int) -> Mention | None:
        """The cue and speaker mention for a span; `floor` = end of the previous quote."""
        text, opener = self.text, span.open_mark
        s_start, _ = self._sentence(opener)
        left_start = max(s_start, floor)
        right_start, right_end = self._right_context(span)
        found = self._label(opener) if self.rules.speaker_fixes else None
        if found is None and self.rules.quote_verb:
            found = self._accept(self._quoted_person(left_start, opener))
        for find, start, end in (
            (attribute_right, right_start, right_end),
            *(((closing_verb, right_start, right_end),) if self.rules.closing_verbs else ()),
            *(((opening_verb, left_start, opener),) if self.rules.opening_verbs else ()),
            (self._left, left_start, opener),
            (according_to, left_start, right_end),
        ):
            if found is not None:
                break
            found = self._accept(find(text, start, end))
        if found is None and self.headings:
            found = self._heading(opener)
        if found is None and self.rules.colon_sources:
            found = self._colon_source(opener)
        if found is None and self.rules.colon_names:
            found = self._colon_name(opener)
        if found is None and self.rules.lead_speakers:
            found = self._lead(opener)
        if found is None and self.rules.heard_from:
            found = self._heard_from(left_start, opener)
        if found is None and self._opens_paragraph(opener):
            found = self._accept(self._colon_intro(opener))
        if found is None and self.rules.described_after:
            found = self._described_after(right_start, right_end)
        if found is None and self.rules.right_subject:
            found = self._right_subject(right_start, right_end)
        if found is None and self.rules.described_before:
            found = self._described_before(right_start, right_end)
        if found is None and self.rules.as_said:
            found = self._accept(as_said(text, span.close_mark))
        if found is None and self.rules.named_after:
            found = self._accept(named_after(text, span.close_mark))
        if found is None and self.rules.statement_lines:
            start = max(floor, opener - 400)  # the intro may close the paragraph before
            found = self._accept(statement_owner(text, start, opener))
        if found is None and self.rules.meant_words:
            found = self._accept(meant_words(text, left_start, opener))
        if found is None and self.rules.referred_as:
            found = self._accept(referred_as(text, left_start, opener))
        if found is None and self.rules.talked_about:
            found = self._accept(talked_about(text, left_start, opener))
        if found is None and self.rules.echoed_after:
            found = self._accept(echoed_after(text, span.close_mark))
        if found is None and self.rules.closing_clauses:
            _, end = self._sentence(span.close_mark)
            found = self._accept(closing_clause(text, span.close_mark + 1, end))
        if found is None:
            found = self._accept(read_back(text, span.close_mark, left_start, opener, self.rules))
        if found is not None and self.rules.coordinated_roles:
            found = self._first_role(found)
        return found

    @staticmethod
    def _first_role(found: Mention) -> Mention:
        """'the Florida senator and Republican presidential candidate': the first of two
        coordinated roles, which a place role resolves (`place_roles`) and the whole does not."""
        first, _, rest = found.text.partition(" and ")
        if not rest or place_role(first) is None:
            return found
        return Mention(first, found.start, found.cue, found.method)

    def _left(self, text: str, start: int, end: int) -> Mention | None:
        found = attribute_left(text, start, end, apposed=self.rules.apposed_subjects)
        if found and self.rules.that_clauses:
            found = that_subject(text, found, start, end) or found
        if found and self._object(found):  # the subject is earlier: a coordinated verb
            verb = text.find(found.cue, found.start + len(found.text))
            return Mention("", verb, found.cue, "coordinated")
        if found is None or found.text or not self.rules.party_tags:
            return found
        return self._tagged_subject(start, found) or found

    def _object(self, found: Mention) -> bool:
        """v2 `preposition_objects`: the mention is a preposition's object ('into the
        polls'), not the speech verb's subject."""
        return self.rules.preposition_objects and preposition_object(
            self.text, found.start, found.text
        )

    def _tagged_subject(self, start: int, found: Mention) -> Mention | None:
        """'Rep. Steve Israel (D-N.Y.) said “...”': the subject before a party and state tag
        (which stops the walk back from the verb) is the speaker."""
        tag = PARTY_TAG.search(self.text, max(start, found.start - 40), found.start)
        if tag is None:
            return None
        np = subject_before(tokens(self.text, start, tag.start()))
        if np is None:
            return None
        return Mention(self.text[np[0] : np[1]], np[0], found.cue, "verb-subject")

    def _quoted_person(self, start: int, opener: int) -> Mention | None:
        """'And I'll quote the President: “...”': the object of 'quote' / 'quoting' right
        before the quote mark is its speaker."""
        verb = next(reversed(list(QUOTE_VERB.finditer(self.text, start, opener))), None)
        if verb is None:
            return None
        np = subject_after(self.text, verb.end(), opener)
        if np is None or not QUOTE_TAIL.fullmatch(self.text, np[1], opener):
            return None
        return Mention(self.text[np[0] : np[1]], np[0], verb.group(0).strip(), "after-verb")

    def _right_subject(self, start: int, end: int) -> Mention | None:
        """'“...” of the plan, Mr. Holtz-Eakin said.' / '“...”, Leonard E. Burman, director of
        ..., said.': a speech verb after the quote whose subject, past a leading phrase or
        an apposition, is a person."""
        verb = self._first_verb(start, end)
        if verb is None:
            return None
        found = self.resolver.sentence_subject(start, verb.start())
        if found is None or found[1].lower() in PERSONAL:
            return None
        return Mention(found[1], found[0], verb.group(0), "subject-verb")

    def _first_verb(self, start: int, end: int) -> re.Match[str] | None:
        """The first speech verb in text[start:end] outside quotes."""
        verbs = (v for v in VERB_RE.finditer(self.text, start, end) if not self._quoted(v.start()))
        return next(verbs, None)

    def _described_before(self, start: int, end: int) -> Mention | None:
        """'“...,” former presidential candidate Herman Cain said.': a person's name after a
        few words of description, right before the first speech verb after the quote (which
        `attribute_right` and `_right_subject` do not read past a lower-case word)."""
        verb = self._first_verb(start, end)
        found = DESCRIBED_BEFORE.fullmatch(self.text, start, verb.start()) if verb else None
        if found is None or not is_person_name(strip_titles(found.group("name"))):
            return None
        return Mention(found.group("name"), found.start("name"), verb.group(0), "subject-verb")

    def _described_after(self, start: int, end: int) -> Mention | None:
        """'..., said 9/11 widow Terry Strada.': a verb-first cue whose name follows a few
        lower-case words of description (which `attribute_right` does not read past)."""
        found = DESCRIBED_AFTER.match(self.text, start, end)
        if found is None:
            return None
        name = without_full_stop(found.group("name"))
        if not is_person_name(strip_titles(name)):
            return None
        return Mention(name, found.start("name"), found.group("verb"), "after-verb")

    def _right_context(self, span: Span) -> tuple[int, int]:
        """From the closing mark to the end of the sentence that follows it."""
        text, start = self.text, min(span.close_mark + 1, len(self.text))
        first = re.match(r"\s*", text[start:]).end() + start
        if first >= len(text):
            return start, start
        new_sentence = text[span.end - 1] == "." and text[first].isupper()
        if self.rules.comma_closes and text[span.close_mark - 1] == ",":  # 'the U.S.,” Zucker'
            new_sentence = False
        if new_sentence or text[first] in "\n" or text[start:first].count("\n"):
            return start, start
        _, end = self._sentence(first)
        if self.rules.quoted_asides:
            return start, aside_end(text, start, end)
        nxt = re.search(r"[“\"«]", text[start:end])
        return start, start + nxt.start() if nxt else end

    def speaker(self, span: Span, floor: int) -> tuple[Mention | None, str | None]:
        """Mention and resolved speaker, inheriting from the previous quote where needed."""
        found = self.mention(span, floor)
        seen, self.seen = self.seen, (span, found)
        if found is not None:
            parsed = self._parsed_subject(span, found)
            if parsed is not None:
                return parsed
        if (found is None or not found.text) and self.rules.sentence_subject:
            subject = self._own_subject(span.open_mark)
            if subject is not None:
                return subject
        if found is not None and not found.text and self.rules.verb_subjects:
            name = self.resolver.person_before(found.start)
            if name:
                return Mention("", found.start, found.cue, found.method), name
        if found is None and self.rules.speaker_fixes:
            before = self._sentence_before(span.open_mark)
            if before is None and self.rules.narrative_before and self._continues(span):
                before = self._narrative_before(span.open_mark)
            if before is not None:
                return before
        if (found is None or not found.text) and self._continues(span):
            _, mention, name = self.previous
            kept = Mention(mention.text, mention.start, mention.cue, "continuation")
            return kept, name
        if found is None and self.rules.short_leads:
            found = short_lead(self.text, span, seen, self.previous and self.previous[0])
        if found is None:
            return None, None
        if not found.text:  # coordinated verb: the subject is earlier in the sentence
            name = self.resolver.subject(found.start)
            return Mention("", found.start, found.cue, found.method), name
        if self.rules.named_appositions:
            found = self._named_apposition(found)
        floor = found.start if found.start > span.end else 0
        if self.rules.modifier_phrases and self._names_modifier(found.text):
            name = found.text.strip()
        else:
            name = self.resolver.resolve(found.text, found.start, floor)
        if name and found.text.lower() not in ("he", "she"):
            self.resolver.add_event(found.start, name)
        return found, name

    def _parsed_subject(self, span: Span, found: Mention) -> tuple[Mention, str] | None:
        """The speaker by the sentence's dependency parse (`clause_subjects`: a subject-less
        speech verb before the quote takes the subject of the clause it hangs from;
        `outer_speakers`: a quote under an outer speech verb takes that verb's subject),
        when that subject resolves to a person's name; None leaves the word-pattern cues."""
        own = not found.text and found.start < span.open_mark
        left = found.method == "verb-subject"
        if not (own and self.rules.clause_subjects) and not (
            (self.rules.outer_speakers or self.rules.parsed_verb_subjects) and (own or left)
        ):
            return None
        verb = found.start if own else self._cue_before(found, span.open_mark)
        if verb is None:
            return None
        sentence = self._sentence(span.open_mark)
        np = None
        if self.rules.outer_speakers:
            np = outer_subject(self.text, sentence, verb, self._quoted)
        wanted = self.rules.clause_subjects if own else self.rules.parsed_verb_subjects
        if np is None and wanted:
            np = own_subject(self.text, sentence, verb, self._quoted, direct=not own)
        if np is None and left and self.rules.object_mentions:
            np = self._object_subject(found, sentence, verb)
        within = None
        if np is None and left and self.rules.verb_mentions:
            np = within = verb_subject_within(self.text, sentence, found)
        overlaps = np is not None and np[0] < found.start + len(found.text) and found.start < np[1]
        if np is None or (found.text and overlaps and not within):
            return None  # the word walk's subject, or a part of it
        kept = self._accept(Mention(self.text[np[0] : np[1]], np[0], found.cue, found.method))
        if kept is None or kept.text.lower() in PRONOUNS - PERSONAL:
            return None
        name = self.resolver.resolve(kept.text, kept.start)
        single = self.rules.clause_surnames and own and name == kept.text.strip()
        inside = self.resolver.inside_sentence
        single = single and single_subject(self.text, sentence, kept.text, kept.start, inside)
        if not (is_person_name(name or "") or single) or clean_name(name) is None:
            return None  # 'Q    Karine, ...'
        name = self._known_tail(name)
        if kept.text.lower() not in PERSONAL:
            self.resolver.add_event(kept.start, name)
        return kept, name

    def _object_subject(
        self, found: Mention, sentence: tuple[int, int], verb: int
    ) -> tuple[int, int] | None:
        """v2 `object_mentions`: the subject of the clause the speech verb hangs from (it has
        none of its own), where the word walk's mention ends in an object or a preposition by
        the sentence's parse."""
        mention = found.start, found.start + len(found.text)
        if not ends_in_object(self.text, sentence, mention, verb):
            return None
        return own_subject(self.text, sentence, verb, self._quoted, hung=True)

    def _known_tail(self, name: str) -> str:
        """The longest known person's name that ends `name`, else the name after its last title
        word ('DHS Secretary Michael Chertoff' -> 'Michael Chertoff'), else `name`: a parsed
        subject keeps words that the word walk strips."""
        words = name.split()
        tails = (" ".join(words[k:]) for k in range(1, len(words) - 1))
        known = next((t for t in tails if t in self.resolver.index.names), None)
        untitled = after_titles(name)
        return known or (untitled if is_person_name(untitled) else name)

    def _cue_before(self, found: Mention, opener: int) -> int | None:
        """Offset of the speech verb `found` is the subject of: the last one before the quote."""
        verbs = VERB_RE.finditer(self.text, found.start, opener)
        starts = [v.start() for v in verbs if v.group(0) == found.cue]
        return starts[-1] if starts else None

    def _names_modifier(self, mention: str) -> bool:
        """True when the mention is a phrase that a person's name only modifies: a name of
        known gender ('Clinton' -> 'Hillary Rodham Clinton'), not a body ('Border Patrol')."""
        name = modifier_phrase(mention)
        full = self.resolver.index.full_name(name) if name else None
        return is_person_name(full or "") and name_gender(full, self.resolver.surnames) is not None

    def _named_apposition(self, found: Mention) -> Mention:
        """'the assailant, John McGraw, told ...' / 'said his best friend at Lehigh, Bruce
        Turry, who ...': a lower-case mention (with a short prepositional tail) followed by
        a person's name between commas (or before the sentence end) stands for that name."""
        if found.text.lower() in PRONOUNS:
            return found
        if not found.text[:1].islower() and not (self.rules.owned_heads and owned_head(found.text)):
            return found
        after = APPOSED_NAME.match(self.text, found.start + len(found.text))
        if after is None or not is_person_name(strip_titles(after.group("name"))):
            return found
        return Mention(after.group("name"), after.start("name"), found.cue, found.method)

    def _quoted(self, position: int) -> bool:
        return self.resolver.in_quote(position)

    def _paragraph_index(self, position: int) -> int:
        return next(
            (i for i, (s, e) in enumerate(self.paragraphs) if s <= position <= e),
            len(self.paragraphs),
        )


def inner_mention(text: str, inner: Span, outer: Span) -> Mention | None:
    """The cue of a quote nested in `outer`, looked for only inside the outer quote: after
    it ('..., he said') up to the next sentence end, else before it from the last one."""
    piece_start, piece_end = next(
        (p for p in outer.pieces if p[0] <= inner.start <= p[1]), (outer.start, outer.end)
    )
    after = inner.close_mark + 1
    stop = re.search(r"[.!?]\s", text[after:piece_end])
    found = attribute_right(text, after, after + stop.start() if stop else piece_end)
    if found is None:
        lead = text[piece_start : inner.open_mark]
        cut = max(lead.rfind(". "), lead.rfind("? "), lead.rfind("! "))
        found = attribute_left(text, piece_start + cut + 1, inner.open_mark)
    if found is None or not found.text:
        return None
    kept = person_like(found.text)
    if kept is None:
        return None
    return Mention(kept, found.start + len(found.text) - len(kept), found.cue, found.method)
