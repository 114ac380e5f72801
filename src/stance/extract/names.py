"""Person-name inventory: which capitalised runs are people, their titles stripped, and the
longest full name a partial mention stands for (`NameIndex`); resolving a speaker mention to
one of these names is `stance.extract.resolver`."""

from __future__ import annotations

import re
from collections import Counter

from stance.extract.gender import GIVEN_NAMES
from stance.extract.speakers import LINE_SPACES, TITLES, name_run, wordset

NATIONALITIES = wordset(
    "american russian ukrainian french british german chinese iranian korean north south "
    "israeli palestinian polish italian spanish turkish indian japanese belarusian european "
    "western dutch swedish finnish canadian mexican hungarian kremlin white house"
)
ORG_WORDS = wordset("ministry affairs federation republic office council committee")
# A name of 1-4 capitalised words on one line, as a pattern to build others from
SHORT_NAME_RUN = name_run(1, 4, LINE_SPACES)
CAP_RUN = re.compile(r"[A-Z][\w’'\-]*\.?(?:[ \t]+(?:[A-Z][\w’'\-]*\.?|bin|al|de|van|von|da))*")
# v2 `word_particles`: a particle is a whole word ('Trump also' is no run 'Trump al')
WORD_RUN = re.compile(
    r"[A-Z][\w’'\-]*\.?(?:[ \t]+(?:[A-Z][\w’'\-]*\.?|(?:bin|al|de|van|von|da)\b))*"
)
SENTENCE_WORDS = wordset(
    "the in on at but and last this that then when while after before as if yet so for it he "
    "she they we i a an his her their its one"
)
MONTHS = wordset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december"
)


def _strippable(word: str) -> bool:
    low = word.lower().rstrip(".")
    return (
        word.lower() in TITLES
        or low in TITLES
        or low in NATIONALITIES
        or low in ORG_WORDS
        or low in SENTENCE_WORDS
        or not word[:1].isupper()
        or bool(re.search(r"[’']s$", word))
    )


def strip_titles(mention: str) -> str:
    """'the Russian President Vladimir Putin' -> 'Vladimir Putin'; "Trump's" -> 'Trump'."""
    words = re.sub(r"[’']s$", "", mention.strip()).split()
    while words and _strippable(words[0]):
        words.pop(0)
    while words and not words[-1][:1].isupper():
        words.pop()
    return " ".join(words)


# Sentence-opening adverbs and prepositions that are no part of a name (v2 `lead_words`).
LEAD_WORDS = wordset(
    "outside inside regarding perhaps maybe including among amid within without through "
    "throughout across toward towards against behind beyond near besides beside concerning "
    "despite like unlike via until"
)


def drop_lead_words(run: str) -> str:
    """'Outside Carrier’s plant' -> 'Carrier’s plant', 'Until Mr. Comey' -> 'Mr. Comey'."""
    words = run.split()
    while words and words[0].lower() in LEAD_WORDS:
        words.pop(0)
    return " ".join(words)


def _clean_run(run: str, lead_words: bool = False) -> str:
    words = (drop_lead_words(run) if lead_words else run).split()
    for index, word in enumerate(words):  # a full stop after a long word ends the name
        if word.endswith(".") and len(word) > 3 and word.lower() not in TITLES:
            words = words[: index + 1]
            words[-1] = words[-1].rstrip(".")
            break
    return strip_titles(" ".join(words))


NOT_PERSON = wordset(
    "house party committee university college court department foundation campaign post times "
    "news journal street avenue center centre council congress senate republicans democrats "
    "inc corp network institute association administration office agency review press "
    "magazine television radio union nations states kingdom republic federation ministry "
    "county city school church bank group fund company club"
)


def is_person_name(name: str) -> bool:
    """2-4 capitalised words, no month or organisation words."""
    words = name.split()
    return 2 <= len(words) <= 4 and not any(
        w.lower() in MONTHS or w.lower() in NOT_PERSON or not w[:1].isupper() for w in words
    )


def person_names(
    text: str, titled: bool = False, whole_particles: bool = False, lead_words: bool = False
) -> Counter[str]:
    """Multi-word capitalised person names (with counts), titles and sentence words stripped;
    with `titled` (v2) also the name after the last title word of a run that is not one
    ('Senate Minority Leader Harry Reid' -> 'Harry Reid'); with `whole_particles` (v2) a
    name particle ('de') is a whole word; with `lead_words` (v2) an opening adverb or
    preposition ('Outside') is dropped."""
    pattern = WORD_RUN if whole_particles else CAP_RUN
    runs = [_clean_run(match.group(0), lead_words) for match in pattern.finditer(text)]
    if titled:
        runs = [run if is_person_name(run) else after_titles(run) for run in runs]
    names = Counter(runs)
    names = Counter({name: n for name, n in names.items() if is_person_name(name)})
    for name in sorted(names, key=lambda n: -len(n.split())):  # 'Russia Vladimir Putin'
        words = name.split()
        tail = next((" ".join(words[k:]) for k in range(1, len(words) - 1)
                     if " ".join(words[k:]) in names), None)  # fmt: skip
        if tail:
            names[tail] += names.pop(name)
    return names


def after_titles(run: str) -> str:
    """The words after the last title word ('DHS Secretary Michael Chertoff' -> 'Michael
    Chertoff'); all of them when there is none."""
    words = run.split()
    last = max((i for i, w in enumerate(words) if w.lower().rstrip(".") in TITLES), default=-1)
    return " ".join(words[last + 1 :])


_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
# Words a title-case headline leaves in lower case ('Glenn Beck Blasts Drudge on Trump').
_MINOR_WORDS = wordset(
    "a an the and but or nor for on at to by in of up as vs vs. via with from into over than "
    "off out per is are was be its"
)


def _given_and_surname(name: str) -> bool:
    """'Anna Berg': a known given name and one more word, a name even where the body of a
    transcript only says 'MS. BERG:'."""
    words = name.split()
    return len(words) == 2 and words[0].lower() in GIVEN_NAMES


def split_headline(text: str) -> tuple[str, str]:
    """(headline, body) of `text`: a title-case first line (four words or more, each
    capitalised but the minor words title case leaves in lower case; not 'Tom Baker met Jane
    Hill on Monday.') and the text with it blanked (offsets kept); ('', text) when the first
    line is no headline."""
    head, _, _ = text.partition("\n")
    words = _WORD.findall(head)
    if len(words) < 4 or not all(w[:1].isupper() or w in _MINOR_WORDS for w in words):
        return "", text
    return head, " " * len(head) + text[len(head) :]


class NameIndex:
    """Maps partial mentions ('Mr Rutte', 'Sir Keir') to the longest full name in the document."""

    def __init__(
        self,
        text: str,
        extra: str = "",
        titled: bool = False,
        whole_particles: bool = False,
        lead_words: bool = False,
        headline: bool = False,
    ) -> None:
        head, text = split_headline(text) if headline else ("", text)
        self.names = person_names(text, titled, whole_particles, lead_words)
        if head:  # v2 `headline_names`: its runs join names to words ('Glenn Beck Says Trump')
            named = person_names(head, titled, whole_particles, lead_words)
            kept = {n: k for n, k in named.items() if n in self.names or _given_and_surname(n)}
            self.names += Counter(kept)
        self.names += person_names(extra, titled, whole_particles, lead_words)

    def full_name(self, mention: str) -> str | None:
        """A one-word mention becomes the most frequent (then longest) known name containing it;
        longer mentions are kept (titles stripped). None if the mention holds no name."""
        parts = [p for p in re.split(r"\s+(?:and|&)\s+", mention) if p.strip()]
        if len(parts) > 1:
            resolved = [self.full_name(p) for p in parts]
            return " and ".join(r for r in resolved if r) or None
        stripped = strip_titles(mention)
        if not stripped:
            return None
        if len(stripped.split()) >= 2:  # already a full name
            return stripped
        keys = set(stripped.lower().split())
        matches = [n for n in self.names if keys <= set(n.lower().split())]
        if not matches:
            return stripped
        return max(matches, key=lambda n: (self.names[n], len(n.split()), len(n)))
