"""Definite descriptions of people ('the mayor', 'the billionaire businessman') and the named
person they stand for: the nearest earlier name that the head noun is a title of ('Mayor Bill
de Blasio') or an apposition to ('Donald Trump, the billionaire businessman,').

Written here because the maintained coreference models (fastcoref, maverick, coreferee) need
weights or spaCy models that cannot be installed in this project's environment.
"""

from __future__ import annotations

import re

from stance.extract.gender import Gender
from stance.extract.names import NATIONALITIES, SHORT_NAME_RUN
from stance.extract.speakers import ROLE_HEADS, TITLES, without_full_stop, wordset

# A head noun that names an agent by its suffix ('the businessman', 'the consultant')
AGENT_SUFFIX = re.compile(r"(?:er|or|ist|ian|man|woman|ant|eer|ee)$")
PERSON_HEADS = wordset("host judge mogul tycoon billionaire aide")  # agents of no such suffix

# Head nouns that say the person's gender ('the woman said') where no apposition names her.
GENDER_NOUNS: dict[str, Gender] = {
    **dict.fromkeys(wordset("man father son husband boy brother grandfather widower"), "m"),
    **dict.fromkeys(wordset("woman mother daughter wife girl sister grandmother widow"), "f"),
}
# Heads of a description that stands for one organisation ('the company said').
_BODIES = wordset(
    "group company campaign board newspaper paper organization organisation agency committee "
    "government administration department ministry party firm network station office union "
    "council foundation magazine website outlet publication"
)
# Heads that name an organisation or a thing, never one person ('the group said').
_NOT_PEOPLE = _BODIES | wordset(
    "team report statement letter ad article poll survey study book suit lawsuit court panel "
    "fund bank club website site show program programme editorial polls people authors "
    "officials sources members"
)
_NAME = r"[A-Z][\w’'\-]*\.?(?:\s+(?:[A-Z][\w’'\-]*\.?|de|van|von|da|bin|al))*"


def description_head(mention: str) -> str | None:
    """The head noun of a definite description ('the former top aide' -> 'aide', 'the mother
    of three' -> 'mother'); None when the mention is not one or names no single person."""
    words = re.sub(r"\s+of\s.*$", "", mention.strip()).split()
    if len(words) < 2 or words[0].lower() != "the":
        return None
    head = words[-1]
    if not head.isalpha() or not head.islower() or head in _NOT_PEOPLE or head in TITLES:
        return None  # titles shared by many ('the senator') are left to the role rule
    return head


# US states and the cities a description names a politician by ('the Florida senator').
_PLACES = wordset(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
    "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts "
    "michigan minnesota mississippi missouri montana nebraska nevada new hampshire jersey mexico "
    "york north carolina dakota ohio oklahoma oregon pennsylvania rhode island south tennessee "
    "texas utah vermont virginia washington west wisconsin wyoming chicago boston"
)
_PERSON_ROLES = wordset(
    "senator governor congressman congresswoman lawmaker mayor businessman billionaire "
    "candidate nominee representative legislator democrat republican"
)


def place_role(mention: str) -> str | None:
    """The role head of 'the Florida senator', 'the former New York businessman' (a
    person's role after a state or city and lower-case words), else None; 'the Trump adviser'
    names someone else and 'the Vermont delegation' no one person."""
    words = mention.strip().split()
    if len(words) < 3 or words[0].lower() != "the" or words[-1] not in _PERSON_ROLES:
        return None
    modifiers = words[1:-1]
    places = [w for w in modifiers if w[:1].isupper()]
    if not places or any(w.lower() not in _PLACES for w in places):
        return None
    if not all(w[:1].isupper() or w.isalpha() for w in modifiers):
        return None
    return words[-1]


def is_place(word: str) -> bool:
    """A US state or city word a description may name a person by ('Utah', 'Boston')."""
    return word.lower() in _PLACES


def appositions(text: str, head: str, end: int) -> list[tuple[int, str]]:
    """Names in text[:end] that `head` is a title of ('businessman Donald Trump') or an
    apposition to ('Donald Trump, the billionaire businessman'), as (offset, name) in order."""
    title = re.compile(rf"\b(?i:{re.escape(head)})\s+({_NAME})")
    apposed = re.compile(rf"({_NAME}),\s+(?:the|a|an)\s+[^,.;:!?\n]{{0,60}}?\b{re.escape(head)}\b")
    found = [(m.start(1), m.group(1)) for p in (title, apposed) for m in p.finditer(text, 0, end)]
    return sorted(found)


# v2 `institution_roles`: a chamber that modifies a role names no one ('the Senate minority leader')
INSTITUTIONS = wordset("senate house congressional")

# v2 `titled_bearers`: 'President Barack Obama', not after 'former', 'Vice' or a body's name
_OWNER = re.compile(r"(?<![\w.])([A-Z][\w\-]*)[ \t]+$")  # 'Bank ' ('Monday. ' ends a sentence)
_PRESIDENT = re.compile(
    rf"(?<![\w\-])(?<![Ff]ormer )(?<![Vv]ice )(?:President|Pres\.)\s+({SHORT_NAME_RUN})"
)


def presidents(text: str, end: int) -> list[tuple[int, str]]:
    """Names in text[:end] that 'President' titles, as (offset, name) in order: not a former
    holder's, a deputy's or a body's ('former President Bill Clinton', 'Vice President Joe
    Biden', 'World Bank President Jim Yong Kim'); a nation's is kept ('French President')."""
    found = []
    for match in _PRESIDENT.finditer(text, 0, end):
        owner = _OWNER.search(text, max(0, match.start() - 40), match.start())
        if owner and owner.group(1).lower() not in TITLES | NATIONALITIES:
            continue
        found.append((match.start(1), without_full_stop(match.group(1))))
    return found


def organisation_head(mention: str) -> str | None:
    """The head of a description of one organisation in lower-case words ('the company',
    'The social media company', 'the editorial board' -> 'board'); None for anything else
    ('the Clinton campaign' names its owner, 'the companies' are several)."""
    words = mention.strip().split()
    if len(words) < 2 or words[0].lower() != "the":
        return None
    if not all(w.islower() and w.replace("-", "").isalpha() for w in words[1:]):
        return None
    return words[-1] if words[-1] in _BODIES else None


_RUNNERS = wordset("front-runner frontrunner")  # a candidate who leads, as a role head

_LINKS = wordset("from of on at in for with about")  # 'The senator from Vermont'

# v2 `person_descriptions`: heads of one person's description with no agent suffix, and ages
MORE_PERSON_HEADS = wordset(
    "surgeon neurosurgeon physician doctor nurse pastor priest rabbi bishop imam veteran "
    "diplomat analyst celebrity entrepreneur student republican democrat"
)


def agent_description(mention: str) -> bool:
    """'the businessman', 'the assailant': lower-case words and a head noun that names an
    agent (or a gender); not 'the New York businessman' (a description that names a place is
    often an antecedent of its own), 'the ad’s narrator' (someone else's) or 'the ruling'."""
    words = mention.split()[1:]
    if not all(w.islower() and not re.search(r"[’']s$", w) for w in words):
        return False
    head = words[-1]
    return head in GENDER_NOUNS or head in PERSON_HEADS or AGENT_SUFFIX.search(head) is not None


def role_description(mention: str, extra: frozenset[str] = frozenset()) -> bool:
    """'the presumptive Republican presidential nominee', 'the Russian leader', 'The minority
    leader': a role head after lower-case, party or nationality words, naming no one (not
    someone else's: 'the former vice president’s spokeswoman'); a capitalised head is a formal
    title that identifies its bearer by itself ('the Swedish Justice Minister'); `extra`: more
    capitalised modifiers that name no one."""
    words = mention.split()
    if len(words) < 2 or words[0].lower() != "the":
        return False
    head = words[-1].lower()
    modifiers = words[1:-1]
    if not words[-1].islower() or any(re.search(r"[’']s$", w) for w in modifiers):
        return False
    return (head in ROLE_HEADS or head in _RUNNERS) and all(
        w.islower() or w.lower() in NATIONALITIES | TITLES | extra for w in modifiers
    )


def chamber_role(mention: str) -> bool:
    """v2 `institution_roles`: a role that a chamber of Congress modifies ('the Senate minority
    leader', 'the Senate Democratic leader'), which names no one."""
    modifiers = mention.split()[1:-1]
    return any(w.lower() in INSTITUTIONS for w in modifiers) and role_description(
        mention, INSTITUTIONS
    )


def name_as_modifier(mention: str) -> bool:
    """'the Clinton campaign', 'Clinton supporters', 'a Twitter spokesman': a name that
    modifies a lower-case head noun, so the speaker is not that name's bearer."""
    words = mention.split()
    if len(words) < 2 or not words[-1].isalpha() or not words[-1].islower():
        return False
    return words[-2][:1].isupper() and words[-2].lower().rstrip(".") not in TITLES


def described_by_name(mention: str) -> bool:
    """'The Ohio governor', 'many Carrier workers', 'The senator from Vermont': a noun
    phrase whose head is a lower-case noun or whose name follows a preposition, so the
    name is not its bearer ('Ohio Gov. John Kasich' is)."""
    words = mention.split()
    if len(words) < 2:
        return False
    if words[-1].isalpha() and words[-1].islower():
        return any(w[:1].isupper() for w in words)
    return any(w in _LINKS for w in words[1:-1])
