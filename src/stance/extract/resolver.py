"""Speaker resolution: a speaker mention ('he', 'the mayor', 'Mr. Rutte') to a full name,
from the document's names (`NameIndex`), sentences, earlier speakers and subjects."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from stance.extract.antecedents import (
    antecedent_name,
    mid_abbreviation,
    role_pattern,
    titled_person,
)
from stance.extract.clauses import main_subjects
from stance.extract.descriptions import (
    AGENT_SUFFIX,
    GENDER_NOUNS,
    MORE_PERSON_HEADS,
    agent_description,
    appositions,
    chamber_role,
    described_by_name,
    description_head,
    is_place,
    name_as_modifier,
    organisation_head,
    place_role,
    presidents,
    role_description,
)
from stance.extract.gender import Gender, name_gender, pronoun_gender, surname_genders
from stance.extract.mentions import MentionAntecedents
from stance.extract.names import (
    CAP_RUN,
    MONTHS,
    NOT_PERSON,
    SENTENCE_WORDS,
    SHORT_NAME_RUN,
    WORD_RUN,
    NameIndex,
    drop_lead_words,
    strip_titles,
)
from stance.extract.rules import VERSIONS, Rules
from stance.extract.speakers import (
    PERSONAL,
    PRONOUNS,
    ROLE_HEADS,
    TITLES,
    VERB_RE,
    subject_before,
    tokens,
    wordset,
)
from stance.extract.subjects import AGE, CLAUSE_OPENERS, SubjectWalk

# Capitalised sentence openers that start a clause or a quantity, not a name (v2 subjects).
_NOT_SUBJECT = wordset(
    "although though until unless following despite because since once whether several many "
    "some top most few all both every each"
)

# v2 `phrase_names`: words that open a leading phrase whose names are objects, not subjects.
_PHRASE_OPENERS = wordset(
    "in on at for with by from to about during into over under like unlike according "
    "despite following amid speaking asked pressed questioned interviewed reached told"
)

_NUMERALS = frozenset(("II", "III", "IV"))  # a generation after a name ('Harry Hurt III')


class Resolver(SubjectWalk, MentionAntecedents):
    """Resolves a speaker mention to a name using document context; which v2 behaviours apply
    is read from `rules` (each field's help says what it does), e.g. `pronoun_gender`: 'he' /
    'she' take the nearest antecedent whose gender agrees (`stance.extract.gender`);
    `subject_antecedents`: the antecedent a sentence offers is the person in its subject
    position; `description_antecedents`: 'the mayor' resolves to the name it titles or is
    apposed to (`stance.extract.descriptions`); `role_antecedents`: 'the President' is the
    person `roles` gives."""

    def __init__(
        self,
        text: str,
        sentences: list[tuple[int, int]],
        index: NameIndex,
        roles: Mapping[str, str] | None = None,
        default_speaker: str | None = None,
        quoted: list[tuple[int, int]] | None = None,
        rules: Rules = VERSIONS["v1"],
    ) -> None:
        self.rules = rules
        self.text, self.index = text, index
        self.cap_run = WORD_RUN if rules.resolver_particles else CAP_RUN
        self._places: dict[str, bool] = {}
        self.surnames = surname_genders(text) if self.rules.pronoun_gender else {}
        self.quoted = sorted(quoted or [])
        self.roles = {k.lower(): v for k, v in (roles or {}).items()}
        self.role_re = role_pattern(self.roles) if rules.role_antecedents else None
        self.default_speaker = default_speaker
        self.sentences = sentences
        self._starts = [s for s, _ in sentences]
        self.events: list[tuple[int, str]] = []
        self.subjects: list[tuple[int, str]] = []
        # v2 `parsed_subjects`: sentence start -> (end, first person) where the walk found no
        # subject, and start -> the person spaCy parses as the subject, once read
        self._guessed: dict[int, tuple[int, str]] = {}
        self._parsed: dict[int, str | None] = {}
        for start, end in sentences:
            self._scan_sentence(start, end)
        self._inside_words: dict[str, bool] = {}
        openers = (
            [self._opener(s, e) for s, e in sentences]
            if self.rules.organisation_descriptions
            else []
        )
        self._openers = [item for item in openers if item]

    def _scan_sentence(self, start: int, end: int) -> None:
        first = self._first_person(start, end)
        if self.rules.subject_antecedents:  # 'In an interview with X, Ham said': Ham, not X
            found = self.sentence_subject(start, end)
            if found and self.rules.clean_antecedents and found[1].lower() not in PERSONAL:
                found = (found[0], found[1], antecedent_name(found[2]))  # 'What I' is none
                found = found if found[2] else None
            if found and self.rules.modifier_subjects and self._modifies(found[0], found[1], end):
                found = None  # 'The Murdoch outlets have ...': the parse decides
            if found and self.rules.modified_antecedents:
                found = self._modified(found)  # 'Obama consultant Cornell Belcher': Belcher
            if found is None and first and self.rules.parsed_subjects:
                self._guessed[start] = (end, first)
            first = first if found is None else None if found[1].lower() in PERSONAL else found[2]
        if self.rules.joined_subjects:
            # ranked just behind the sentence's first subject: a fallback where it disagrees
            self.subjects += [(start - 1, n) for _, n in self._joined_subjects(start, end)]
        if first:
            self.subjects.append((start, first))
        for verb in VERB_RE.finditer(self.text, start, end):
            if self.in_quote(verb.start()):
                continue
            np = subject_before(tokens(self.text, start, verb.start()))
            inverted = np is None and self.rules.inverted_events
            if inverted:
                np = self._inverted_subject(start, verb.start(), verb.end(), end)
            name = self._run_name(self.text[np[0] : np[1]], np[0]) if np else None
            if name and not inverted and self.rules.described_events:
                name = self._described_speaker(self.text[np[0] : np[1]], name, np[0])
            if name and (not inverted or self._is_person(name)):
                self.add_event(verb.start(), name)

    def _described_speaker(self, mention: str, name: str, position: int) -> str | None:
        """v2 `described_events`: for a subject that describes someone by a name ('The Ohio
        governor', 'the pitch on Kickstarter'), the person it stands for, else None; any
        other subject keeps its name."""
        if not described_by_name(mention):
            return name
        person = self.resolve(mention, position)
        return person if person and person != mention.strip() and self._is_person(person) else None

    def in_quote(self, position: int) -> bool:
        """True when `position` lies inside a quoted span."""
        index = bisect.bisect_right(self.quoted, (position, len(self.text))) - 1
        return index >= 0 and self.quoted[index][0] <= position < self.quoted[index][1]

    def _agrees(self, name: str, want: Gender | None) -> bool:
        return want is None or self._gender(name) in (None, want)

    def _gender(self, name: str) -> Gender | None:
        rules = self.rules
        return name_gender(name, self.surnames, rules.more_given_names, rules.titled_genders)

    def _is_person(self, name: str) -> bool:
        if not self.rules.pronoun_gender:
            return name in self.index.names
        words = name.split()
        numbered = self.rules.numbered_names and len(words) > 2 and words[-1] in _NUMERALS
        if numbered and self._gender(" ".join(words[:-1])):  # 'Harry Hurt III', not 'World War II'
            words = words[:-1]
        if words[0].lower() in _NOT_SUBJECT or any(len(w) > 2 and w.isupper() for w in words):
            return False  # 'Though Delaware', 'MIDWAY ATOLL', 'Trending Today USA'
        if self.rules.clean_antecedents and titled_person(
            name
        ):  # 'President Biden', 'Leader McCarthy'
            return True
        return name in self.index.names or self._gender(name) is not None

    def _first_person(self, start: int, end: int, want: Gender | None = None) -> str | None:
        role = self._first_role(start, end, want)
        for match in re.finditer(r"\b(?:[Hh]e|[Ss]he)\b|[A-Z][\w’'\-]*", self.text[start:end]):
            if self.in_quote(start + match.start()):
                continue
            if role and role[0] < start + match.start():
                return role[1]
            if match.group(0).lower() in PERSONAL:
                return None
            run = self.cap_run.match(self.text, start + match.start())
            name = self._run_name(run.group(0), run.start()) if run else None
            if name and self._is_person(name) and self._agrees(name, want):
                return name
        return role[1] if role else None

    def _first_role(self, start: int, end: int, want: Gender | None) -> tuple[int, str] | None:
        """v2 `role_antecedents`: the first office of `roles` named outside quotes ('the
        President'), as (offset, the person who holds it)."""
        for found in self.role_re.finditer(self.text, start, end) if self.role_re else ():
            name = self.roles[" ".join(found.group("role").lower().split())]
            if not self.in_quote(found.start()) and self._agrees(name, want):
                return found.start(), name
        return None

    def _role_at(self, start: int, end: int, offset: int) -> str | None:
        """The person of the office of `roles` named at `offset` ('the President')."""
        for found in self.role_re.finditer(self.text, start, end) if self.role_re else ():
            if found.start() <= offset < found.end():
                return self.roles[" ".join(found.group("role").lower().split())]
        return None

    def _run_name(self, run: str, position: int) -> str | None:
        """The name a capitalised run stands for; with `clean_antecedents`, none for a run
        inside an abbreviation ('U.S. Navy' from 'S.') or one that cannot be a person."""
        if not self.rules.clean_antecedents:
            return self._name(run)
        run = drop_lead_words(run) if self.rules.lead_words else run
        if mid_abbreviation(self.text, position):
            return None
        run = antecedent_name(run) or ""
        return antecedent_name(self._name(run)) if run else None

    def _name(self, mention: str) -> str | None:
        return self.index.full_name(mention) if strip_titles(mention) else None

    def add_event(self, position: int, name: str) -> None:
        """Record that `name` spoke at `position` (for later pronoun resolution)."""
        if self.rules.clean_antecedents and antecedent_name(name) is None:
            return
        bisect.insort(self.events, (position, name))

    def _last(self, items: list[tuple[int, str]], position: int) -> str | None:
        index = bisect.bisect_left(items, (position, "")) - 1
        return items[index][1] if index >= 0 else None

    def sentence_start(self, position: int) -> int:
        """Start offset of the sentence containing `position`."""
        index = bisect.bisect_right(self._starts, position) - 1
        return self._starts[index] if index >= 0 else 0

    def resolve(
        self, mention: str, position: int, floor: int = 0, skip: frozenset[str] = frozenset()
    ) -> str | None:
        """A full name for the mention at `position`; pronouns look back no further than `floor`
        within their sentence, and never to a name in `skip`. None when the mention cannot be
        resolved."""
        low = mention.lower().strip()
        if low in PRONOUNS:
            return self._pronoun(low, position, floor, skip)
        head = description_head(mention) if self.rules.description_antecedents else None
        described = self._described(head, position) if head else None
        if head and not described and self.rules.latest_described and agent_description(mention):
            described = self.subject(position, want=GENDER_NOUNS.get(head))
        if not described and self.rules.person_descriptions:
            described = self._person_description(mention, position)
        if described:
            return described
        if self.rules.organisation_descriptions and organisation_head(mention):
            body = self._organisation(position)
            if body:
                return body
        place = place_role(mention) if self.rules.place_roles else None
        if place:
            return self._place_role(place, position, mention) or mention
        national = self.rules.nationality_roles and role_description(mention)
        if self.rules.modifier_names and name_as_modifier(mention) and not national:
            return mention.strip()
        if self.rules.institution_roles and chamber_role(mention):
            return self.subject(position) or mention  # not 'Senate', the name index's word
        name = self._name(mention)
        if name:
            return name
        words = low.split()
        role = " ".join(w for w in words if w not in ("the", "a", "an"))
        if role in self.roles:
            return self.roles[role]
        if (
            words
            and words[0] == "the"
            and all(w in TITLES for w in words)
            and words[-1] in ROLE_HEADS
        ):
            titled = self._president(position) if words[1:] == ["president"] else None
            return titled or self._last(self.subjects, self.sentence_start(position)) or mention
        if self.rules.role_descriptions and role_description(mention):
            return self.subject(position) or mention
        return mention or None

    def _president(self, position: int) -> str | None:
        """v2 `titled_bearers`: the person 'the president' stands for: the nearest earlier name
        'President' or 'Pres.' titles ('President Barack Obama'; not 'World Bank President')."""
        if not self.rules.titled_bearers:
            return None
        for _, run in reversed(presidents(self.text, position)):
            name = self._name(run)  # not `_run_name`: 'Pres. Obama' is no 'U.S. Navy'
            if name:
                return name  # the title makes it a person's
        return None

    def _person_description(self, mention: str, position: int) -> str | None:
        """v2 `person_descriptions`: the person 'the retired neurosurgeon', 'the Republican',
        'the Gawker employee' or 'the 46-year-old' stands for: for an age, the name it was
        given to ('Anna Berg, 46,'), else the latest person who spoke or opened a sentence;
        None for a description that a person's name modifies ('the Clinton aide')."""
        words = mention.split()
        if len(words) < 2 or words[0].lower() != "the":
            return None
        head, modifiers = words[-1], words[1:-1]
        if any(re.search(r"[’']s$", w) for w in modifiers):
            return None  # someone else's ('the senator’s aide')
        capitals = [w for w in modifiers if w[:1].isupper()]
        if any(w.isupper() or is_place(w) or self._gender(self._name(w) or w) for w in capitals):
            return None  # a person, body or place modifies it ('the Clinton aide', 'the RNC
            # member', 'the Utah Republican'): often someone else than the latest person
        age = AGE.fullmatch(head)
        if age:
            found = self._aged(age.group(1), position) or self.subject(position)
        elif head.lower() in MORE_PERSON_HEADS or (
            description_head(mention)
            and AGENT_SUFFIX.search(head)
            and not agent_description(mention)
        ):  # not a title ('the senator': role rules), a body ('the committee') nor what
            # `latest_described` reads ('the businessman')
            found = self.subject(position)
        else:
            return None
        return found if found and self._is_person(found) else None

    def _aged(self, age: str, position: int) -> str | None:
        """The latest name before `position` given this age ('Anna Berg, 46,', '46-year-old
        Anna Berg')."""
        given = rf"({SHORT_NAME_RUN}),\s+{age}\b|\b{age}-year-old\s+({SHORT_NAME_RUN})"
        for found in reversed(list(re.finditer(given, self.text[:position]))):
            name = self._name(found.group(1) or found.group(2))
            if name and self._is_person(name):
                return name
        return None

    def _place_role(self, head: str, position: int, mention: str = "") -> str | None:
        """v2 `place_roles`: the person 'the Florida senator' stands for: one the head titles
        or is apposed to, else the latest person who spoke or opened a sentence; with
        `place_titles`, a titled or apposed name only where the place stands by it."""
        places = [w for w in mention.split()[1:-1] if w[:1].isupper()]
        if self.rules.place_titles and places:
            for offset, text in reversed(appositions(self.text, head, position)):
                window = self.text[max(0, offset - 40) : offset + 80]
                placed = all(re.search(rf"\b{re.escape(w)}\b", window) for w in places)
                if placed and (name := self._apposed(text)):
                    return name
            return self.subject(position)
        return self._described(head, position) or self.subject(position)

    def _described(self, head: str, position: int) -> str | None:
        """The person a definite description with this head noun stands for: the nearest
        earlier name it is a title of or an apposition to, else for 'the woman' / 'the man'
        the nearest person of that gender."""
        for _, text in reversed(appositions(self.text, head, position)):
            name = self._apposed(text)
            if name:
                return name
        want = GENDER_NOUNS.get(head)
        return self.subject(position, want=want) if want else None

    def _apposed(self, text: str) -> str | None:
        """The person's name of a run a description titles or is apposed to."""
        words = text.split()
        while words and words[0].lower() in CLAUSE_OPENERS | SENTENCE_WORDS:
            words.pop(0)  # 'Later Tom Baker, the businessman'
        name = self._name(" ".join(words)) if words else None
        return name if name and self._is_person(name) else None

    def _organisation(self, position: int) -> str | None:
        """The organisation a description such as 'the company' stands for: in the latest
        earlier sentence that offers one, the first name of unknown gender (no he / she) that
        opens the sentence or is the subject of a speech verb ('Twitter acknowledged ... the
        company said')."""
        index = bisect.bisect_left(self.events, (position, "")) - 1
        found = [item for item in self.events[: index + 1] if self._body(item[1])]
        found += [item for item in self._openers if item[0] < position]
        if not found:
            return None
        latest = self.sentence_start(max(found)[0])
        return min(item for item in found if item[0] >= latest)[1]

    def _body(self, name: str) -> bool:
        words = name.split()
        return (
            all(w[:1].isupper() or w[:1].isdigit() for w in words)
            and words[0].lower() not in _NOT_SUBJECT
            and self._gender(name) is None
        )

    def _opener(self, start: int, end: int) -> tuple[int, str] | None:
        """The capitalised name that opens a sentence ('The State Department also said')."""
        position = self._skip_quoted(start, end)
        run = self.cap_run.match(self.text, position, end)
        if run is None:
            return None
        first = run.group(0).split()[0].lower()
        if first != "the" and first in CLAUSE_OPENERS | SENTENCE_WORDS | PERSONAL:
            return None
        name = self._name(run.group(0))
        if not name or len(name.split()) > 4 or not self._body(name):
            return None  # a headline in title case is no name
        return (position, name) if " " in name or self.inside_sentence(name) else None

    def inside_sentence(self, word: str) -> bool:
        """One word is a proper name if it also stands inside a sentence ('Regarding' is not);
        remembered per word, since long transcripts open many sentences alike."""
        if word not in self._inside_words:
            found = re.search(rf"[a-z,]\s+(?:the\s+)?{re.escape(word)}\b", self.text)
            self._inside_words[word] = found is not None
        return self._inside_words[word]

    def _pronoun(
        self, pronoun: str, position: int, floor: int, skip: frozenset[str] = frozenset()
    ) -> str | None:
        if pronoun in ("i", "we"):
            return self.default_speaker
        if pronoun == "it" and self.rules.body_subjects:
            return self.it_body(position)
        if pronoun not in PERSONAL:
            return None
        want = pronoun_gender(pronoun) if self.rules.pronoun_gender else None
        found = self.subject(position, floor, want, skip)
        if found is None and want and self.rules.mentioned_antecedents:
            found = self.mentioned(position, want)
        return None if found in skip else found

    def person_before(self, position: int) -> str | None:
        """The first person named in the sentence of `position` before it, outside quotes
        (None when a he / she comes first or nobody is named)."""
        start = self.sentence_start(position)
        return self._first_person(start, position) if start < position else None

    def subject(
        self,
        position: int,
        floor: int = 0,
        want: Gender | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> str | None:
        """Who a subject pronoun at `position` refers to: the first person earlier in its
        sentence (after `floor`), else the latest named speaker or sentence-initial person;
        with `want`, only one whose gender agrees (or is unknown: most given names are not in
        our list); never one in `skip`."""
        start = max(self.sentence_start(position), floor)
        same = self._subject_before(start, position, want) if start < position else None
        same = None if same in skip else same
        merged = sorted(item for items in (self.events, self.subjects) for item in items)
        index = bisect.bisect_left(merged, (position, "")) - 1
        earlier = ((p, self._checked(p, n)) for p, n in reversed(merged[: index + 1]))
        return same or next(
            (n for _, n in earlier if n and n not in skip and self._antecedent(n, want)), None
        )

    def _checked(self, position: int, name: str) -> str | None:
        """v2 `parsed_subjects`: for a sentence's first person taken where the walk found no
        subject, the person its parse gives instead (None for no one); read once."""
        guessed = self._guessed.get(position)
        if guessed is None or guessed[1] != name:
            return name
        if position not in self._parsed:
            self._parsed[position] = self._parsed_subject(position, *guessed)
        return self._parsed[position]

    def _parsed_subject(self, start: int, end: int, guess: str) -> str | None:
        """The first main-clause subject outside quotes that names a person or an office of
        `roles`; None when a he / she comes first or the subjects are nouns that name no one
        ('The radio talker filled his speeches for Cruz'). The first person named (`guess`)
        stays in a question, in a sentence of a turn's I / you / we ('You said that the
        President ...') and where the parse finds no subject."""
        if self.text[start:end].rstrip().endswith("?"):
            return guess  # 'What is the reaction to the reelection of Nayib Bukele?'
        subjects = [(k, o) for k, o in main_subjects(self.text, start, end) if not self.in_quote(o)]
        for kind, offset in subjects:
            role = self._role_at(start, end, offset)
            if role:
                return role  # 'the President said'
            if kind == "other":
                continue  # 'The moderators were ready, but Christie wasn't having it'
            if kind != "name":
                return guess if kind == "participant" else None
            name = self._name_at(start, end, offset)
            return name if name and self._is_person(name) else None
        return None if subjects else guess

    def _name_at(self, start: int, end: int, offset: int) -> str | None:
        """The name of the capitalised run of text[start:end] that holds `offset`."""
        runs = self.cap_run.finditer(self.text, start, end)
        run = next((r for r in runs if r.end() > offset), None)
        in_run = run is not None and run.start() <= offset
        return self._run_name(run.group(0), run.start()) if in_run else None

    def _subject_before(self, start: int, position: int, want: Gender | None) -> str | None:
        """The person a pronoun at `position` finds in its own sentence: with
        `subject_pronouns` (v2) its named subject where it agrees, else the first person."""
        found = None
        if self.rules.subject_pronouns:
            found = self.sentence_subject(start, position)
            if found and self.rules.modified_antecedents:
                found = self._modified(found)
            if found and self.rules.modifier_subjects and self._modifies(*found[:2], position):
                parsed = self._parsed_subject(start, position, found[2])
                return parsed if parsed and self._agrees(parsed, want) else None
            if found and found[1].lower() not in PERSONAL and self._agrees(found[2], want):
                return found[2]
        if self.rules.phrase_names and found is None and self._after_phrase(start, position):
            return None  # 'At an interview with Bloomberg Politics, he said': no one before
        return self._first_person(start, position, want)

    def _after_phrase(self, start: int, position: int) -> bool:
        """v2 `phrase_names`: the pronoun at `position` is its sentence's subject after a
        leading prepositional or participle phrase ('Asked about the race in which Clinton
        faces Trump, she replied'), whose names are objects, not the pronoun's antecedent."""
        index = bisect.bisect_right(self._starts, position) - 1
        end = self.sentences[index][1] if index >= 0 else len(self.text)
        found = self.sentence_subject(start, end)
        if found is None or found[0] != position:
            return False
        first = re.match(r"[\w’'\-]+", self.text[self._skip_quoted(start, end) : end])
        return first is not None and first.group(0).lower() in _PHRASE_OPENERS

    def _antecedent(self, name: str, want: Gender | None) -> bool:
        """A name a pronoun can refer to: its gender agrees; with `person_antecedents` (v2)
        a he / she also passes over a day or month ('Friday') and a name of capitalised
        words that ends in an organisation word ('Tax Foundation', not 'Senate Majority Leader
        Mitch McConnell' or 'Burman of the Tax Policy Center')."""
        words = name.split()
        body = words[-1].lower() in NOT_PERSON and all(w[:1].isupper() for w in words)
        if (
            self.rules.person_antecedents
            and want
            and (body or any(w.lower() in MONTHS for w in words))
        ):
            return False
        if self.rules.place_antecedents and want and self._place(name):
            return False
        if self.rules.named_antecedents and want and not any(w[:1].isupper() for w in words):
            return False  # 'the authors', 'people'
        return self._agrees(name, want)

    def _place(self, name: str) -> bool:
        """v2 `place_antecedents`: a name of no known gender that the text puts after a
        preposition of place ('at Boca West', 'in the Iowa State Fair') or, of two words or
        more, after 'the' ('the Pacific Command'), not as an owner ('in Trump’s speech');
        'a quote from X' is no place. Remembered per name."""
        if name not in self._places:
            place = r"\b(?:[Ii]n|[Aa]t|across|throughout|near)\s+(?:the\s+)?"  # no 'from'
            place += r"|\b[Tt]he\s+" if " " in name else ""  # 'the Pacific Command'
            found = re.search(rf"(?:{place}){re.escape(name)}\b(?![’'])", self.text)
            self._places[name] = found is not None and self._gender(name) is None
        return self._places[name]
