"""Who is a sentence's subject, by walking its words: past leading clauses, intro phrases
('To professor Ann Lee, ...'), ages and number commas, with descriptions that a name only
modifies ('Obama consultant Cornell Belcher'), joined clauses, and the name after a verb-first
speech verb ('..., said Tom Cole of Oklahoma'). A mixin of the `Resolver`, which holds the
document and the name tests these walks use; kept apart so each module stays readable."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stance.extract.antecedents import past_question_label, titled_person
from stance.extract.cues import AGENT_NOUN, DESCRIPTION_WORDS, MODIFIED
from stance.extract.descriptions import AGENT_SUFFIX, PERSON_HEADS
from stance.extract.names import LEAD_WORDS, SHORT_NAME_RUN
from stance.extract.speakers import PERSONAL, STOP, subject_after, tokens, wordset

if TYPE_CHECKING:
    from stance.extract.rules import Rules

# Speech verbs whose next name is their object, not an inverted subject (v2 `inverting_verbs`).
_OBJECT_VERBS = wordset(
    "told tells tell called calls call mocked mocks urged urges accused accuses thinks began "
    "announced"
)

# v2 `closed_inversions`: words that may follow an inverted speech verb's subject ('said Kirby
# in a statement', '..., said Tom Cole of Oklahoma', 'said Sanders as he closed out').
_AFTER_INVERTED = wordset(
    "in on at for with by from of about after before during as when while where who whose according"
)

# v2 `intro_phrases`: a leading 'To X,' / 'For X,' / 'According to X,' and the name closing X
_INTRO = re.compile(r"(?:To|For|According to)\s+(?P<phrase>[^,.;:“”\"\n]{1,120}?),")

_INTRO_RUN = re.compile(r"[A-Z][\w'\-]*\.?(?:[ \t]+[A-Z][\w'\-]*\.?)*$")

# Words that make an intro phrase more than one person's description (a work, a group).
_NOT_ONE_PERSON = wordset("a an by of from in on at with and or about")

# v2 `joined_subjects`: a joined clause's subject: a name after a few lower-case words, then
# an optional apposition or age and a lower-case word ('..., but their neighbor Ann Lee, 83,
# knows').
_JOINED = re.compile(
    r",[ \t]+(?:but|and|while|whereas)[ \t]+(?:[a-z][\w\-]*[ \t]+){0,3}"
    rf"(?P<name>{SHORT_NAME_RUN})"
    r"(?:,[^,.;“”\"]{1,40},)?[ \t]+[a-z]"
)

# Words that open a leading clause or phrase before a sentence's subject ('In recent weeks, ').
CLAUSE_OPENERS = wordset(
    "in on at for with by from to about after before during as than into over under and but "
    "or when while where because if although though since until unless following despite "
    "meanwhile however still instead also yet so then later earlier last this that there "
    "asked speaking like unlike according"
)

AGE = re.compile(r"(\d{1,3})-year-old")


def _titled(run: str) -> bool:
    """v2 `titled_subjects`: a person's title and a name in mixed case ('Secretary Blinken');
    an upper-case run is a transcript's speaker label ('MS. PSAKI'), no sentence subject."""
    return titled_person(run) and not any(len(w) > 1 and w.isupper() for w in run.split())


class SubjectWalk:
    """Sentence-subject walks over `text`; the `Resolver` gives the rest: its `rules`, its
    capitalised-run pattern `cap_run`, and the name tests `_name`, `_run_name`, `_is_person`
    and `in_quote`."""

    text: str
    rules: Rules
    cap_run: re.Pattern[str]

    def _inverted_subject(
        self, start: int, verb_start: int, verb_end: int, end: int
    ) -> tuple[int, int] | None:
        """The named subject after a verb that follows a comma or a quote ('..., noted NBC's
        Dante Chinni.'), so that a later 'he' can refer to that speaker."""
        before = self.text[start:verb_start].rstrip()
        if not before or before[-1] not in ",”\"'’":
            return None
        verb = self.text[verb_start:verb_end].lower()
        if self.rules.inverting_verbs and (verb in _OBJECT_VERBS or verb.endswith("ing")):
            return None  # '..., mocked Marco Rubio for', '..., telling Reuters'
        np = subject_after(self.text, verb_end, end)
        if np is None or not self.text[np[0]].isupper():
            return None
        return np if not self.rules.closed_inversions or self._closes_clause(np[0], end) else None

    def _closes_clause(self, position: int, end: int) -> bool:
        """v2 `closed_inversions`: the capitalised run at `position` ends its clause, so it is
        the subject of the verb before it, not the subject of a reported clause ('said Mr.
        Trump had', 'said Obama “understood', 'said Trump’s visit'); a run followed by a few
        lower-case words and another name is described ('said Cruz constituent Dan Golvach')."""
        run = self.cap_run.match(self.text, position, end)
        if run is None or re.search(r"[’']s$", run.group(0)):
            return False
        after = tokens(self.text, run.end(), end)
        if not after or not after[0][0][0].isalnum():
            return not after or after[0][0] not in "\"“”'‘’"
        if after[0][0] in _AFTER_INVERTED:
            return True
        words = [w for w, _, _ in after[:4]]
        n = 0
        while n < min(3, len(words)) and words[n].isalpha() and words[n].islower():
            if words[n] in STOP:
                return False
            n += 1
        return 0 < n < len(words) and words[n][:1].isupper()

    def sentence_subject(self, start: int, end: int) -> tuple[int, str, str] | None:
        """The subject of the sentence text[start:end] when it is a person, as (offset, mention,
        name): the phrase that opens the sentence after quoted text and up to two leading
        clauses that end in a comma ('In recent weeks, Reid has ...'); 'he' / 'she' come
        back as they are (the caller resolves them); a possessive ("Berg's office") stands for its
        owner. None for a lower-case phrase ('a Times article') or a name that is not a
        person's."""
        position = (
            past_question_label(self.text, start, end, self.rules.questions)
            if self.rules.clean_antecedents
            else start
        )
        intro = self._intro_person(self._skip_quoted(position, end), end)
        if intro:
            return intro
        for _ in range(3):
            position = self._skip_quoted(position, end)
            if position >= end:
                return None
            word = re.match(r"[\w’'\-]+", self.text[position:end])
            if word is None:
                return None
            if word.group(0).lower() in PERSONAL:
                return position, word.group(0), word.group(0)
            if self.rules.aged_subjects and AGE.fullmatch(word.group(0)):
                position = self._skip_quoted(position + word.end(), end)  # '62-year-old Ann'
                word = re.match(r"[\w’'\-]+", self.text[position:end]) or word
            run = self.cap_run.match(self.text, position, end)
            low = word.group(0).lower()
            opener = low in CLAUSE_OPENERS or (self.rules.lead_words and low in LEAD_WORDS)
            if run and not opener:
                name = self._name(run.group(0))
                titled = self.rules.titled_subjects and _titled(run.group(0))
                if name and (titled or self._is_person(name)):
                    return position, run.group(0), name
            comma = self._clause_comma(position, end)
            if comma < 0 or not (opener or run):
                return None
            position = comma + 1
        return None

    def _modifies(self, position: int, mention: str, end: int) -> bool:
        """v2 `modifier_subjects`: a sentence subject 'The Murdoch' / 'A Trump' before a
        lower-case word, so the name may be a noun's modifier ('The Murdoch outlets')."""
        after = re.match(r"\s+([a-z][\w\-]*)\b", self.text[position + len(mention) : end])
        return mention.split()[0] in ("The", "A", "An") and after is not None

    def _modified(self, found: tuple[int, str, str]) -> tuple[int, str, str]:
        """v2 `modified_antecedents`: for a sentence subject that only modifies a description
        of a person ('Obama consultant Cornell Belcher', 'Snyder spokesman Dave Murray'), the
        name after the description, as `modified_subjects` reads a quote's own subject."""
        offset, mention, _ = found
        after = MODIFIED.match(self.text, offset + len(mention))
        if after is None or mention.lower() in PERSONAL:
            return found
        words = after.group("words").split()
        agent = [AGENT_NOUN.search(w) or AGENT_SUFFIX.search(w) or w in PERSON_HEADS for w in words]
        if not agent[-1] or words[-1] in STOP:
            return found
        if not all(a or w in DESCRIPTION_WORDS for a, w in zip(agent, words, strict=True)):
            return found
        name = self._run_name(after.group("name"), after.start("name"))
        if not name or not self._is_person(name):
            return found
        return after.start("name"), after.group("name"), name

    def _clause_comma(self, position: int, end: int) -> int:
        """The first comma of text[position:end] that can end a clause (-1 for none); with
        `number_commas` (v2) not one inside a number ('$70,000')."""
        comma = self.text.find(",", position, end)
        while self.rules.number_commas and 0 < comma < end - 1:
            if not (self.text[comma - 1].isdigit() and self.text[comma + 1].isdigit()):
                break
            comma = self.text.find(",", comma + 1, end)
        return comma

    def _intro_person(self, position: int, end: int) -> tuple[int, str, str] | None:
        """v2 `intro_phrases`: the person a sentence opens with in a 'To X,' / 'For X,' /
        'According to X,' phrase, as (offset, mention, name); X is the phrase's closing
        capitalised run ('To Montclair State University professor Brigid Harrison,')."""
        phrase = _INTRO.match(self.text, position, end) if self.rules.intro_phrases else None
        run = _INTRO_RUN.search(phrase.group("phrase")) if phrase else None
        if run is None or _NOT_ONE_PERSON & set(phrase.group("phrase")[: run.start()].split()):
            return None  # 'According to a study by Peter Schott and Justin Pierce,'
        offset = phrase.start("phrase") + run.start()
        name = self._run_name(run.group(0), offset)
        if not name or not self._is_person(name):
            return None
        return offset, run.group(0), name

    def _skip_quoted(self, position: int, end: int) -> int:
        """The first offset from `position` that is neither space, punctuation nor quoted."""
        while position < end and (self.in_quote(position) or not self.text[position].isalnum()):
            position += 1
        return position

    def _joined_subjects(self, start: int, end: int) -> list[tuple[int, str]]:
        """v2 `joined_subjects`: the person subjects of clauses joined by ', but' / ', and' /
        ', while' ('Ms. Hughes avoids it, but their neighbor Benjamin Green, 83, knows'), as
        (offset, name)."""
        found = []
        for joined in _JOINED.finditer(self.text, start, end):
            if self.in_quote(joined.start()):
                continue
            name = self._run_name(joined.group("name"), joined.start("name"))
            if name and self._is_person(name):
                found.append((joined.start("name"), name))
        return found
