"""Rule-based speaker attribution: find who a quote belongs to and resolve it to a full name."""

from __future__ import annotations

import re
from dataclasses import dataclass


def wordset(text: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words of `text`."""
    return frozenset(text.split())


_REGULAR = (
    "add argu ask assert assur boast brag caution conced conclud confirm contend continu counter "
    "declar deni describ elaborat emphasiz emphasis estimat exclaim explain insist lament "
    "maintain mus observ opin plead predict protest quipp recall recount reiterat repeat repli "
    "respond retort reveal scoff shout snapp speculat stress suggest testifi tweet urg vow warn "
    "wonder yell acknowledg admitt announc accus indicat agre believ"
)
_IRREGULAR = (
    "say|says|said|saying|tell|tells|told|telling|write|writes|wrote|writing|adds|added|"
    "adding|asks|asked|asking|argue|argues|argued|arguing|admit|admits|admitted|quip|quips|"
    "quipped|reply|replies|replied|deny|denies|denied|testify|testifies|testified|think|"
    "thinks|thought|put it|according to|shot back|went on|began|warn|insist|calls|claims|"
    "implored"
)
_PAST_ONLY = (
    "point post offer press report stat not charg jok laugh pledg promis demand remark hint "
    "mock call claim"
)
_REGULAR_FORMS = "|".join(rf"{stem}(?:e|es|ed|ing|s|d)" for stem in _REGULAR.split())
_PAST_FORMS = "|".join(rf"{stem}(?:ed|ing)" for stem in _PAST_ONLY.split())
SPEECH_VERBS = f"{_IRREGULAR}|{_REGULAR_FORMS}|{_PAST_FORMS}"
VERB_RE = re.compile(rf"(?<![\w\-])(?:{SPEECH_VERBS})(?![\w\-])", re.I)
PARTICIPLES = wordset("adding saying noting writing telling warning arguing claiming")
PRONOUNS = wordset("he she they we i it you")
PERSONAL = frozenset(("he", "she"))
DETERMINERS = wordset("the a an his her its their our this that one another several")
SKIP = wordset(
    "also has have had was is were would will then later again previously recently repeatedly "
    "once further just publicly already reportedly earlier first only even still not never "
    "privately simply often has long has since then now"
)
STOP = wordset(
    "in on at for with by from to about after before during as than into over under and but "
    "or that which who whom whose when while where because if although though is was are "
    "were be been has have had would will can could may might must should do does did not "
    "so what how why there here it's -"
)
TITLES = wordset(
    "mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady sen sen. rep rep. gov gov. gen gen. "
    "president prime minister secretary general secretary-general chancellor senator governor "
    "ambassador spokesman spokeswoman spokesperson foreign defence defense deputy vice chief "
    "leader former incoming outgoing new then-president premier king queen pope envoy adviser "
    "advisor director chairman chair the a an of press national security state first lady "
    "minister-president special representative head candidate nominee republican democratic "
    "democrat gop presidential us u.s. uk un nato eu ambassador-at-large coordinator "
    "communications strategic economic domestic policy principal senior executive assistant "
    "counselor attorney homeland commerce treasury energy transportation agriculture labor "
    "education interior health justice russia ukraine belarus kazakhstan china india france "
    "germany america iran israel turkey poland"
)
ROLE_HEADS = wordset(
    "president minister leader secretary secretary-general chancellor senator governor "
    "spokesman spokeswoman spokesperson ambassador envoy premier chief candidate nominee "
    "king queen pope adviser advisor director chairman"
)
LINE_SPACES = r"[ \t]+"  # spaces within a line
SPACES = r"[ \t\xa0]+"  # spaces within a line, no-break ones too
NAME_WORD = r"[A-Z][\w’'\-]*\.?"  # a capitalised word of a name, or an initial ('J.')


def name_run(least: int, most: int, gap: str = r"\s+", lazy: bool = False) -> str:
    """A regex of `least` to `most` capitalised name words joined by `gap` (`\\s+` crosses a
    wrapped line; `[ \\t]+` does not), as few as will do with `lazy`."""
    return rf"{NAME_WORD}(?:{gap}{NAME_WORD}){{{least - 1},{most - 1}}}{'?' if lazy else ''}"


def without_full_stop(name: str) -> str:
    """'Kirby.' -> 'Kirby': the sentence's full stop a name run took; an abbreviation of two
    letters or fewer keeps its own ('Jr.', 'U.S.')."""
    return re.sub(r"(?<=\w{3})\.$", "", name)


NAME_RUN = re.compile(r"(?:[A-Z][\w’'\-]*\.?|of|bin|al|de|van|von|da)(?:\s+(?:[A-Z][\w’'\-]*\.?))*")
_CAP_STOP = wordset(
    "The In On At But And Last This That Then When While After Before As If Yet So For It He She "
    "They We I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Mr Mrs Ms Dr Sir"
)


_LY_NOUNS = wordset("daily weekly monthly ally family italy assembly rally supply")


def is_adverb(word: str) -> bool:
    """Skippable words between a subject and its verb ('also', 'repeatedly')."""
    low = word.lower()
    return low in SKIP or (low.endswith("ly") and low not in _LY_NOUNS and not word[:1].isupper())


@dataclass(frozen=True)
class Mention:
    """A speaker mention in the text and the cue word that ties it to a quote."""

    text: str
    start: int
    cue: str
    method: str


def tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Word and punctuation tokens of text[start:end] with absolute offsets."""
    pattern = re.compile(r"[\w’'.\-]*\w[.’']?|[^\w\s]")
    return [(m.group(0), m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


_SENTENCE_CAPS = wordset("in on at but and last this then when while after before as")


def _determiner_within(toks: list[tuple[str, int, int]], i: int, limit: int) -> bool:
    """True if a determiner precedes token i within `limit` further words."""
    for j in range(i - 1, max(-1, i - 1 - limit), -1):
        if toks[j][0].lower() in DETERMINERS:
            return True
        if not toks[j][0][0].isalnum() or toks[j][0].lower() in STOP:
            return False
    return False


def subject_before(toks: list[tuple[str, int, int]]) -> tuple[int, int] | None:
    """Walk back from the end of `toks` (just before a speech verb) over a subject noun phrase."""
    i = len(toks) - 1
    while i >= 0 and is_adverb(toks[i][0]):
        i -= 1
    if i < 0:
        return None
    if toks[i][0].lower() in PRONOUNS:
        return toks[i][1], toks[i][2]
    end, first, seen_cap = toks[i][2], None, False
    while i >= 0 and len(toks) - i <= 12:
        word = toks[i][0]
        low = word.lower()
        if low in DETERMINERS:
            first = i
            if i >= 2 and toks[i - 1][0] == "and" and _is_cap(toks[i - 2][0]):
                i -= 2
                continue
            break
        joins = low in ("and", "of") and first is not None and i > 0 and _is_cap(toks[i - 1][0])
        lower_ok = word[0].isalnum() and low not in STOP
        if lower_ok and not _is_cap(word) and seen_cap:
            lower_ok = _determiner_within(toks, i, 2)
        if joins or _is_cap(word) or lower_ok:
            seen_cap = seen_cap or (_is_cap(word) and low not in _SENTENCE_CAPS)
            first = i
            i -= 1
            continue
        break
    if first is None:
        return None
    return toks[first][1], end


def subject_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Noun phrase right after a verb-first cue ("said Kirby", "wrote the newspaper")."""
    toks = tokens(text, start, end)
    if not toks:
        return None
    if toks[0][0].lower() in PRONOUNS:
        return toks[0][1], toks[0][2]
    last = None
    for index, (word, _, tok_end) in enumerate(toks[:8]):
        low = word.lower()
        if index == 0 and low in DETERMINERS:
            last = tok_end
            continue
        if _is_cap(word) or (last is not None and low not in STOP and word[0].isalnum()):
            last = tok_end
            continue
        break
    if last is None:
        return None
    phrase = text[toks[0][1] : last]
    phrase = re.sub(r"(?:\s+(?:of|the|and))+$|(?<=[a-z]{2})\.$", "", phrase)
    return toks[0][1], toks[0][1] + len(phrase)


def attribute_right(text: str, start: int, end: int) -> Mention | None:
    """Cue after the quote: '..., he said', '..., said Kirby', '..., the daily wrote'."""
    lead = re.match(r"[\s,—–\-]*", text[start:end]).end() + start
    verb = VERB_RE.match(text, lead, end)
    if verb:
        np = subject_after(text, verb.end(), end)
        return Mention(text[np[0] : np[1]], np[0], verb.group(0), "after-verb") if np else None
    verb = VERB_RE.search(text, lead, min(end, lead + 120))
    if not verb:
        return None
    np = _leading_np(text, lead, verb.start())
    return Mention(text[np[0] : np[1]], np[0], verb.group(0), "subject-verb") if np else None


def _leading_np(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole stretch before a verb as a noun phrase (up to an appositive comma)."""
    cut = text.find(",", start, end)
    words = list(re.finditer(r"\S+", text[start : cut if cut >= 0 else end]))
    while words and is_adverb(words[-1].group(0)):
        words.pop()
    if not words or len(words) > 12:
        return None
    lows = [w.group(0).lower() for w in words]
    if any(low in STOP and low not in ("of", "and") for low in lows):
        return None
    if not (words[0].group(0)[:1].isupper() or lows[0] in DETERMINERS | PRONOUNS):
        return None
    return start + words[0].start(), start + words[-1].end()


def attribute_left(text: str, start: int, end: int, apposed: bool = False) -> Mention | None:
    """Cue before the quote: 'X said:', 'X warned that ...', 'he added:'; with `apposed`
    (v2) also 'the director, James B. Comey, said' and 'Mr. Regalado, 69, said'."""
    verbs = [v for v in VERB_RE.finditer(text, start, end) if v.group(0).lower() != "according to"]
    if not verbs:
        return None
    verb = verbs[-1]
    before = tokens(text, start, verb.start())
    np = (apposed_name(text, before) if apposed else None) or subject_before(before)
    if np:
        return Mention(text[np[0] : np[1]], np[0], verb.group(0), "verb-subject")
    method = "participle" if verb.group(0).lower() in PARTICIPLES else "coordinated"
    return Mention("", verb.start(), verb.group(0), method)


def apposed_name(text: str, toks: list[tuple[str, int, int]]) -> tuple[int, int] | None:
    """The name that closes an apposition right before a verb ('the director, James B.
    Comey, said') or that an age follows ('Mr. Regalado, 69, said'); None for any other
    phrase before a comma ('In other words, ...')."""
    aged = len(toks) >= 4 and toks[-1][0] == "," and toks[-2][0].isdigit() and toks[-3][0] == ","
    if not aged and not (len(toks) >= 2 and toks[-1][0] == ","):
        return None
    toks = toks[:-3] if aged else toks[:-1]
    np = subject_before(toks)
    words = text[np[0] : np[1]].split() if np else []
    if not words or not all(w[:1].isupper() for w in words) or not _looks_named(words):
        return None
    first = [t[1] for t in toks].index(np[0])
    return np if aged or (first > 0 and toks[first - 1][0] == ",") else None


def _looks_named(words: list[str]) -> bool:
    """Two to four capitalised words, the last not a title ('James B. Comey', 'Mr. Regalado')."""
    return 2 <= len(words) <= 4 and words[-1].lower().rstrip(".") not in TITLES


def according_to(text: str, start: int, end: int) -> Mention | None:
    """'according to X' anywhere in the sentence."""
    match = re.search(r"\baccording to\s+", text[start:end], re.I)
    if not match:
        return None
    np = subject_after(text, start + match.end(), end)
    return Mention(text[np[0] : np[1]], np[0], "according to", "according-to") if np else None
