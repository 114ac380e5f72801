"""Turn raw documents into quote units with speakers and character offsets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from stance.extract.attribution import Attributor, inner_mention
from stance.extract.descriptions import name_as_modifier
from stance.extract.kinds import detect_kind, line_labelled
from stance.extract.layout import repair
from stance.extract.names import NameIndex, is_person_name, strip_titles
from stance.extract.quotes import (
    Span,
    chunk,
    find_spans,
    inner_spans,
    match,
    sentence_bounds,
    title_like,
    word_count,
)
from stance.extract.resolver import Resolver
from stance.extract.rules import CURRENT, VERSIONS, Rules
from stance.extract.shapes import clean_name, pronoun_form
from stance.extract.span_filter import filter_quotes, shipped_filter
from stance.extract.speakers import Mention
from stance.extract.spoken import titled_surname
from stance.extract.turns import Turn, find_turns, label_name, label_starts

Kind = Literal["auto", "article", "transcript", "address", "post"]
MIN_WORDS = 3
_YOU = re.compile(r"(?i)(?:^|\s)you(?:[’'](?:ve|re|d|ll))?$")  # 'you', 'And you’ve'
LIST_GAP = 12  # characters between listed quotes ('“x,” “y” and “z”')
SHORT_MIN_WORDS = 1  # v2: shorter quotes need a named speaker and a speech verb of their own
FURNITURE = (
    re.compile(r"Your support helps us.*?(?:Your support makes all the difference\.|\Z)", re.S),
    re.compile(r"Join our commenting forum.*\Z", re.S),
    re.compile(r"(?m)^[ \t]*(?:Sign up|Subscribe|Read more|Click here|Follow us|Donate)\b.*$"),
)


@dataclass(frozen=True)
class Quote:
    """One quote unit; source[char_start:char_end] == text."""

    text: str
    speaker: str | None
    char_start: int
    char_end: int
    doc_id: str = ""
    link: str = ""
    mention: str = ""
    cue: str = ""
    method: str = ""
    pieces: tuple[tuple[int, int], ...] = ()
    kind: str = "quote"
    parent: int | None = None
    # the span filter's probability that these are someone's said words (v2, where it runs)
    speech_probability: float | None = None


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Page furniture (donation appeals, comment prompts) that never holds quotes."""
    return [(m.start(), m.end()) for pattern in FURNITURE for m in pattern.finditer(text)]


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


def _article_quotes(
    text: str,
    spans: list[Span],
    resolver: Resolver,
    min_words: int,
    keep_unattributed: bool,
    rules: Rules,
    spoken: bool = False,
) -> list[tuple[Span, Mention | None, str | None]]:
    """The quoted spans kept, with their speaker mention and name; in `spoken` text (a
    transcript, or a text with question labels) the v2 frame rules of `unsaid` drop words
    voiced as nobody's said words."""
    skip = furniture_ranges(text)
    attributor = Attributor(text, resolver, rules)
    floor_words = min(min_words, SHORT_MIN_WORDS) if rules.short_quotes else min_words
    found, floor, last, dropped = [], 0, None, None
    for span in spans:
        words = word_count(text[span.start : span.end])
        if _inside(span.open_mark, skip) or words < floor_words:
            continue
        if rules.hypothetical_voices and attributor.hypothetical(span):
            continue
        framed = rules.listed_frames and dropped is not None and _listed_next(text, dropped, span)
        unsaid = spoken and (attributor.unsaid(span) or framed)
        dropped = span if unsaid else dropped
        if rules.title_spans and title_like(text[span.start : span.end]):
            continue
        mention, name = attributor.speaker(span, floor)
        floor = span.end + 1
        listed = last is not None and _listed(text, last, span)
        named = _named_cue(mention, name, rules.modifier_names, rules.titled_surnames)
        if words < min_words and not (named or (listed and last[1])):
            continue
        if mention is not None:
            attributor.previous = (span, mention, name)
            last = (span, named or (listed and last[1]))
        if (mention is not None or keep_unattributed) and not unsaid:
            found.append((span, mention, name))
    return found


_OWN_CUES = ("after-verb", "subject-verb", "verb-subject", "according-to", "label")


def _listed(text: str, last: tuple[Span, bool], span: Span) -> bool:
    """True when `span` follows the quote `last` in a list ('“disgusting” and “a con”')."""
    between = text[last[0].close_mark + 1 : span.open_mark]
    return len(between) <= LIST_GAP and not re.search(r"[.!?:;\n]", between)


def _listed_next(text: str, last: Span, span: Span) -> bool:
    """True when `span` follows the quote `last` with only punctuation, a dash, 'and' or
    'or' between ('“x,” “y”', '“x” or “y”'), not a clause ('“x.” He said “y”')."""
    between = text[last.close_mark + 1 : span.open_mark]
    return re.fullmatch(r"[\s,;—–\-]*(?:(?:and|or)\s+)?", between) is not None


def _named_cue(
    mention: Mention | None, name: str | None, modifier: bool = False, titled: bool = False
) -> bool:
    """A speech verb of the quote's own whose speaker resolves to a person's name (with
    `modifier`, v2 `modifier_names`, also to a phrase a name modifies: 'the Clinton
    campaign'; with `titled`, v2 `titled_surnames`, a mention that titles one name:
    'President Zelenskyy')."""
    if mention is None or mention.method not in _OWN_CUES:
        return False
    if titled and titled_surname(mention.text):
        return True
    return is_person_name(name or "") or (modifier and name_as_modifier(name or ""))


def _units(text: str, start: int, end: int, size: int = 3) -> list[tuple[int, int]]:
    return chunk(sentence_bounds(text, start, end), size)


def extract_quotes(
    text: str,
    doc_id: str = "",
    link: str = "",
    default_speaker: str | None = None,
    kind: Kind = "auto",
    roles: Mapping[str, str] | None = None,
    names_text: str = "",
    min_words: int = MIN_WORDS,
    keep_unattributed: bool = False,
    version: str = CURRENT,
    rules: Rules | None = None,
    speech_threshold: float | None = None,
) -> list[Quote]:
    """Quote units of a document, in the order they were found.

    article: quoted spans with cue-based speakers; transcript/post: labelled speaker turns
    (text outside turns is read as an article; with v2 the quotes inside turns too); address:
    the whole body is the default speaker's, in units of 1-3 sentences; auto: the kind
    `detect_kind` sees. `version` picks the rule set (`VERSIONS`); `rules`, when given, is
    used instead (a study of one rule, or the span filter's training on the rules' output).
    `speech_threshold` replaces the span filter's fitted threshold (0 keeps every quoted span
    of 3+ words, each with its `speech_probability`).
    """
    if version not in VERSIONS:
        raise ValueError(f"unknown extractor version {version!r}; choose from {list(VERSIONS)}")
    rules = rules or VERSIONS[version]
    speech_filter = shipped_filter(speech_threshold) if rules.learned_spans else None
    source, text = text, repair(text, rules.label_lines) if rules.layout else text
    if kind == "auto":
        kind = detect_kind(
            text,
            default_speaker is not None,
            rules.questioned_speeches,
            rules.questions,
            rules.asked_cover,
        )
    index = NameIndex(
        text,
        names_text,
        rules.titled_names,
        rules.word_particles,
        rules.lead_words,
        rules.headline_names,
    )
    transcript = kind in ("transcript", "post")
    stops = tuple(label_starts(text, rules.questions)) if rules.turn_stops else ()
    spans = find_spans(text, curly=rules.curly_quotes, stops=stops, years=rules.elided_years)
    quoted = [(s.start, s.end) for s in spans]
    resolver = Resolver(text, sentence_bounds(text), index, roles, default_speaker, quoted, rules)

    def unit(start: int, end: int, speaker: str | None, method: str, mention: str = "") -> Quote:
        return Quote(source[start:end], speaker, start, end, doc_id, link, mention, "", method,
                     kind="turn" if method == "turn" else kind)  # fmt: skip

    if kind == "address":
        return [unit(s, e, default_speaker, "address") for s, e in _units(text, 0, len(text))]
    # question turns are read in any text that has them (auto often sees an article)
    all_turns = (
        find_turns(text, rules.questions)
        if transcript or rules.addressed_you or rules.labelled_first_person
        else []
    )
    turns = all_turns if transcript else []
    # whose 'I said' it is: the turns of a transcript, or (v2 `labelled_first_person`) the
    # capitalised line-start turns of any text ('THE PRESIDENT:' over a speech)
    own_turns = turns or (line_labelled(text, all_turns) if rules.labelled_first_person else [])
    outside_end = turns[0].start if turns else len(text)
    spoken = transcript or rules.questions.search(text) is not None  # auto often sees an article
    found = _article_quotes(text, spans, resolver, min_words, keep_unattributed, rules, spoken)
    asking = all_turns if rules.addressed_you else []
    if rules.name_shapes:  # after the quotes are chosen, so the same ones are found
        found = [(span, *_shaped(mention, name, resolver)) for span, mention, name in found]

    def by_turns(span: Span, mention: Mention | None, name: str | None) -> str | None:
        """The speaker once the turns around the quote are read: 'I' is the turn's speaker,
        an asked 'you' the one who answers, and (v2 `not_self`) 'he' is neither."""
        name = _turn_speaker(own_turns, span, mention, name, resolver) if own_turns else name
        name = _asked(asking, span, mention, name, resolver) if asking else name
        return _not_self(turns, span, mention, name, resolver) if rules.not_self else name

    quotes: list[Quote] = []
    for span, mention, name in found:
        if span.start < outside_end or rules.turn_quotes:
            name = by_turns(span, mention, name)
            quotes.append(_quote(source, span, mention, name, doc_id, link))
            if rules.nested:
                quotes += _nested(source, text, span, name, resolver, min_words, doc_id, link)

    def added(start: int, end: int) -> Quote:
        """A span the rules missed and the span filter keeps, with the speaker its cue gives
        (v2 `added_speakers`: else the first person named before it in its sentence)."""
        # marks the extractor does not pair are read as one span of their own
        span = _span_at(spans, start, end) or Span(start, end, ((start, end),), end)
        floor = max((s.end + 1 for s in spans if s.end < span.start), default=0)
        mention, name = Attributor(text, resolver, rules).speaker(span, floor)
        if rules.name_shapes:
            mention, name = _shaped(mention, name, resolver)
        name = by_turns(span, mention, name)
        if name is None and rules.added_speakers:
            name = resolver.person_before(span.start)
        return replace(_quote(source, span, mention, name, doc_id, link), method="span-filter")

    if speech_filter is not None and spoken:
        quotes = filter_quotes(source, quotes, speech_filter, added)
    for turn in turns:
        if not turn.named:
            continue
        speaker = _turn_name(turn, resolver)
        for start, end in _units(text, turn.start, turn.end):
            quotes.append(unit(start, end, speaker, "turn", turn.label))
    return quotes


def _span_at(spans: list[Span], start: int, end: int) -> Span | None:
    """The extractor's own quoted span over a marked span (half of both overlap), if any."""
    pairs = match([(s.start, s.end) for s in spans], [(start, end)], 0.5)
    return spans[pairs[0][0]] if pairs else None


def _shaped(
    mention: Mention | None, name: str | None, resolver: Resolver
) -> tuple[Mention | None, str | None]:
    """v2 `name_shapes`: a pronoun form stands for its pronoun ('What I’m' -> I, 'he’d' ->
    he, resolved again); a name that cannot be a person's (`shapes.clean_name`) is none."""
    form = pronoun_form(mention.text) if mention is not None else None
    if form:
        start = mention.start + mention.text.rfind(" ") + 1
        mention = Mention(form, start, mention.cue, mention.method)
        name = resolver.resolve(form, start)
    return mention, clean_name(name) if name else name


def _turn_at(turns: list[Turn], position: int) -> int | None:
    """The index of the turn that holds `position`, if any."""
    return next((i for i, t in enumerate(turns) if t.start <= position < t.end), None)


def _next_named(turns: list[Turn], index: int) -> Turn | None:
    """The first named turn from `index` on: the turn itself, or for a question the answer."""
    return next((t for t in turns[index:] if t.named), None)


def _turn_name(turn: Turn, resolver: Resolver) -> str | None:
    """The person a turn's label names ('MR. KIRBY' -> 'John Kirby')."""
    return resolver.resolve(label_name(turn.label), turn.start)


def _turn_speaker(
    turns: list[Turn], span: Span, mention: Mention | None, name: str | None, resolver: Resolver
) -> str | None:
    """'I said ...' inside a named turn is the turn's speaker."""
    if mention is None or mention.text.lower() not in ("i", "we"):
        return name
    index = _turn_at(turns, span.start)
    if index is None or not turns[index].named:
        return name
    return _turn_name(turns[index], resolver)


def _asked(
    turns: list[Turn], span: Span, mention: Mention | None, name: str | None, resolver: Resolver
) -> str | None:
    """v2 `addressed_you`: 'you said “...”' inside a question turn is the person asked, the
    speaker of the next named turn (else of the one before)."""
    index = _turn_at(turns, span.start)
    if mention is None or mention.method == "continuation" or not _YOU.search(mention.text):
        return name  # a continuation keeps the previous quote's speaker
    if index is None or turns[index].named:
        return name
    before = next((t for t in reversed(turns[:index]) if t.named), None)
    asked = _next_named(turns, index + 1) or before
    return _turn_name(asked, resolver) if asked else name


def _not_self(
    turns: list[Turn], span: Span, mention: Mention | None, name: str | None, resolver: Resolver
) -> str | None:
    """v2 `not_self`: 'he' / 'she' in a transcript's named turn is someone other than the
    turn's speaker, and in a question turn someone other than the person asked (the speaker
    of the next named turn; unlike `_asked`, none when no named turn follows): the pronoun
    is resolved again without them."""
    if name is None or mention is None or mention.text.lower() not in ("he", "she"):
        return name
    index = _turn_at(turns, span.start)
    turn = _next_named(turns, index) if index is not None else None
    if turn is None:
        return name
    own = _turn_name(turn, resolver)
    if own is None or not _same_person(name, own):
        return name
    other = resolver.resolve(mention.text, mention.start, skip=frozenset({name}))
    return clean_name(other) if other else None


def _same_person(name: str, other: str) -> bool:
    """'John' / 'Admiral John Kirby' / 'John Kirby': one name's words hold the other's."""
    a, b = set(strip_titles(name).split()), set(strip_titles(other).split())
    return bool(a and b) and (a <= b or b <= a)


def _nested(
    source: str,
    text: str,
    outer: Span,
    outer_speaker: str | None,
    resolver: Resolver,
    min_words: int,
    doc_id: str,
    link: str,
) -> list[Quote]:
    """Single-quoted quotes inside `outer`, each attributed from the words around it within
    the outer quote ('I' is the outer speaker); the parent is the outer quote's char_start."""
    quotes = []
    for span in inner_spans(text, outer):
        if word_count(text[span.start : span.end]) < min_words:
            continue
        mention = inner_mention(text, span, outer)
        name = resolver.resolve(mention.text, mention.start) if mention else None
        if mention is not None and mention.text.lower() in ("i", "we"):
            name = outer_speaker
        quotes.append(
            _quote(source, span, mention, name, doc_id, link, kind="quote", parent=outer.start)
        )
    return quotes


def _quote(
    text: str,
    span: Span,
    mention: Mention | None,
    name: str | None,
    doc_id: str,
    link: str,
    kind: str = "quote",
    parent: int | None = None,
) -> Quote:
    return Quote(
        text=text[span.start : span.end],
        speaker=name,
        char_start=span.start,
        char_end=span.end,
        doc_id=doc_id,
        link=link,
        mention=mention.text if mention else "",
        cue=mention.cue if mention else "",
        method=mention.method if mention else "none",
        pieces=span.pieces,
        kind=kind,
        parent=parent,
    )
