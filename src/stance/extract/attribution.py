"""Who said each quoted span: cues around it, the sentence before it, the previous quote."""

from __future__ import annotations

import re

from stance.extract.clauses import ends_in_object, outer_subject, own_subject
from stance.extract.cues import (
    AGENT_NOUN,
    APPOSED_NAME,
    COLON_NAME,
    COLON_SOURCE,
    DESCRIBED_AFTER,
    DESCRIBED_BEFORE,
    DESCRIPTION_WORDS,
    HEARD_FROM,
    HYPOTHETICAL,
    ITEM,
    ITEM_LEAD,
    LABEL,
    LINKED_LABEL,
    MODIFIED,
    NOT_LEAD,
    NOT_SOURCES,
    OPENS,
    PARTY_TAG,
    QUOTE_TAIL,
    QUOTE_VERB,
    TOPIC,
    TOPIC_ITEM,
    closing_clause,
    closing_verb,
    headings,
    modifier_phrase,
    names_person,
    opening_verb,
    owned_head,
    person_like,
    preposition_object,
)
from stance.extract.descriptions import place_role
from stance.extract.gender import name_gender
from stance.extract.names import after_titles, is_person_name, strip_titles
from stance.extract.quotes import Span, paragraph_bounds, sentence_bounds
from stance.extract.resolver import Resolver
from stance.extract.rules import VERSIONS, Rules
from stance.extract.shapes import clean_name
from stance.extract.speakers import (
    PERSONAL,
    PRONOUNS,
    STOP,
    TITLES,
    VERB_RE,
    Mention,
    according_to,
    apposed_name,
    attribute_left,
    attribute_right,
    subject_after,
    subject_before,
    tokens,
)
from stance.extract.spoken import as_said, named_after, statement_owner, untimed
from stance.extract.turns import QUESTION_RE


class Attributor:
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
        if found is None and self.rules.closing_clauses:
            _, end = self._sentence(span.close_mark)
            found = self._accept(closing_clause(text, span.close_mark + 1, end))
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
        name = re.sub(r"(?<=\w{3})\.$", "", found.group("name"))  # the sentence's full stop
        if not is_person_name(strip_titles(name)):
            return None
        return Mention(name, found.start("name"), found.group("verb"), "after-verb")

    def _label(self, opener: int) -> Mention | None:
        """A bold label line ending just before the quote mark names the speaker, when it
        resolves to a person's name ('Secretary of Defense Pete Hegseth', not 'On prices')."""
        window = max(0, opener - 400)
        found = next(filter(None, (p.search(self.text, window, opener) for p in self.labels)), None)
        if found is None:
            return None
        group = "linked" if found.group("linked") else "plain"
        label, start = found.group(group), found.start(group)
        if not names_person(label):
            return None
        return Mention(label, start, ":", "label")

    def hypothetical(self, span: Span) -> bool:
        """True when the sentence frames the quote as hypothetical or generic words ('why
        not just say, “...”', 'critics who say “...”', 'when a diplomat says, “...”',
        'the world should say to Hamas, “...”', 'Imagine if he said, “...”')."""
        start, _ = self._sentence(span.open_mark)
        return HYPOTHETICAL.search(self.text, start, span.open_mark) is not None

    def _colon_source(self, opener: int) -> Mention | None:
        """'So, Citigroup: “...”': a capitalised name (a person or an organisation) with a
        colon right before the quote, opening a sentence or a clause; not a transcript label
        in capitals ('MS. PSAKI:', 'Q:') nor a word such as 'Quote:'."""
        found = COLON_SOURCE.search(self.text, max(0, opener - 120), opener)
        if found is None:
            return None
        name = found.group("name")
        if name.isupper() or name.lower().strip(".") in NOT_SOURCES or name.lower() in PRONOUNS:
            return None
        return Mention(name, found.start("name"), ":", "label")

    def _colon_name(self, opener: int) -> Mention | None:
        """'... doesn’t surprise Republican pollster Daron Shaw: “...”', 'Pollsters agree - Carl
        Bialik: “...”': a person's name (not in capitals) with a colon right before the quote,
        after a lower-case role ('pollster', 'secretary of state') or a dash."""
        found = COLON_NAME.search(self.text, max(0, opener - 80), opener)
        if found is None or found.group("name").isupper():
            return None
        role = found.group("role")
        if role and not (role in TITLES or AGENT_NOUN.search(role)):
            return None
        if not is_person_name(strip_titles(found.group("name"))):
            return None
        return Mention(found.group("name"), found.start("name"), ":", "label")

    def _heading(self, opener: int) -> Mention | None:
        """A quote that opens a list item (or follows the item's topic link, '[On tariffs]
        (link): “...') belongs to the person the nearest heading above names ('### **Secretary
        Rubio on Meet the Press**' -> Rubio)."""
        item = next(reversed(list(ITEM.finditer(self.text, max(0, opener - 400), opener))), None)
        if item is None or not ITEM_LEAD.fullmatch(self.text, item.end(), opener):
            return None
        heading = next((h for h in reversed(self.headings) if h[0] <= item.start()), None)
        if heading is None:
            return None
        title = heading[2].replace("\xa0", " ")
        start = heading[1] + len(title) - len(title.lstrip("*_ "))
        label = TOPIC.split(title.strip("*_ "), maxsplit=1)[0]
        if not names_person(label, surname=True):
            return None
        name = self.resolver.resolve(label, start)
        return Mention(label, start, "heading", "label") if is_person_name(name or "") else None

    def _lead(self, opener: int) -> Mention | None:
        """A quote after a list item's topic label ('-   [**On prices**](link)**:** “...')
        belongs to the person the list's lead paragraph is about: the person subject of its
        last sentence that has one ('President Jane Roe, in an interview, outlined ...'). The
        walk back to the lead passes list items and paragraphs that open with a bold or
        linked label; a heading stops it."""
        item = next(reversed(list(ITEM.finditer(self.text, max(0, opener - 400), opener))), None)
        if item is None or not TOPIC_ITEM.fullmatch(self.text, item.end(), opener):
            return None
        index = self._paragraph_index(item.start())
        while index > 0:
            index -= 1
            start, end = self.paragraphs[index]
            if self.text[start:end].lstrip().startswith("#"):
                return None
            if not NOT_LEAD.match(self.text, start, end):
                break
        else:
            return None
        for s_start, s_end in reversed(sentence_bounds(self.text, start, end)):
            found = self.resolver.sentence_subject(s_start, s_end)
            if found is None:
                continue
            offset, mention, name = found
            if mention.lower() in PERSONAL:
                name = self.resolver.resolve(mention, offset)
            if name and is_person_name(name):
                return Mention(mention, offset, "lead", "lead")
        return None

    def _heard_from(self, start: int, opener: int) -> Mention | None:
        """'you heard from the President directly last night that, “...”': the person the
        sentence says was heard from, when the name resolves to a person's."""
        found = next(reversed(list(HEARD_FROM.finditer(self.text, start, opener))), None)
        if found is None:
            return None
        mention = re.sub(r"(?<=\w{3})\.$", "", found.group("name"))
        name = self.resolver.resolve(mention, found.start("name"))
        if not is_person_name(name or ""):
            return None
        return Mention(mention, found.start("name"), "heard from", "heard-from")

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
        overlaps = np is not None and np[0] < found.start + len(found.text) and found.start < np[1]
        if np is None or (found.text and overlaps):
            return None  # the word walk's subject, or a part of it
        kept = self._accept(Mention(self.text[np[0] : np[1]], np[0], found.cue, found.method))
        if kept is None or kept.text.lower() in PRONOUNS - PERSONAL:
            return None
        name = self.resolver.resolve(kept.text, kept.start)
        if not is_person_name(name or "") or clean_name(name) is None:  # 'Q    Karine, ...'
            return None
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
        found = QUESTION_RE.match(self.text, start, end)
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

    def _quoted(self, position: int) -> bool:
        return self.resolver.in_quote(position)

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
