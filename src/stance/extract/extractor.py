"""Turn raw documents into quote units with speakers and character offsets."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Literal

from stance.extract.attribution import Attributor, inner_mention
from stance.extract.kinds import detect_kind
from stance.extract.layout import repair
from stance.extract.names import NameIndex, Resolver, is_person_name, name_as_modifier
from stance.extract.quotes import (
    Span,
    chunk,
    find_spans,
    inner_spans,
    sentence_bounds,
    title_like,
    word_count,
)
from stance.extract.shapes import clean_name, pronoun_form
from stance.extract.speakers import Mention
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


@dataclass(frozen=True)
class Rules:
    """Which extraction rules apply; each extractor version is one frozen set of them."""

    layout: bool = field(
        metadata={"help": "Join hard-wrapped lines into paragraphs and read '' quote marks."}
    )
    nested: bool = field(
        metadata={"help": "Return single-quoted quotes inside double-quoted ones, with parent."}
    )
    turn_quotes: bool = field(
        metadata={"help": "In transcripts, return the direct quotations inside speaker turns."}
    )
    speaker_fixes: bool = field(
        metadata={"help": "Reject non-person speakers; a cue-less quote takes the speaker of "
                  "the sentence before it."}
    )  # fmt: skip
    short_quotes: bool = field(
        metadata={"help": "Keep 1-2 word quotes that have a named speaker and a speech verb."}
    )
    pronoun_gender: bool = field(
        metadata={"help": "'he' / 'she' resolve to the nearest person whose gender agrees."}
    )
    sentence_subject: bool = field(
        metadata={"help": "A quote inside a sentence with no cue of its own takes the first "
                  "person of that sentence (name or he/she) before any earlier speaker."}
    )  # fmt: skip
    subject_antecedents: bool = field(
        metadata={"help": "A sentence offers its subject-position person as the antecedent of "
                  "later pronouns, before the first person named anywhere in it."}
    )  # fmt: skip
    description_antecedents: bool = field(
        metadata={"help": "'the mayor' / 'the businessman' resolve to the nearest earlier name "
                  "they title or are apposed to; 'the woman' to the nearest woman."}
    )  # fmt: skip
    inverted_events: bool = field(
        metadata={"help": "A verb-first speech clause after a comma or quote ('..., noted "
                  "Kirby.') records its subject as a speaker for later pronouns."}
    )  # fmt: skip
    described_after: bool = field(
        metadata={"help": "'..., said 9/11 widow Terry Strada.': a name after a verb-first "
                  "cue and a few lower-case words of description is the speaker."}
    )  # fmt: skip
    right_subject: bool = field(
        metadata={"help": "'“...” of the plan, Mr. Holtz-Eakin said.': the person subject of a "
                  "speech verb after the quote, past a leading phrase or an apposition."}
    )  # fmt: skip
    titled_names: bool = field(
        metadata={"help": "The name index also reads the name after the last title word of "
                  "a capitalised run ('Senate Minority Leader Harry Reid' -> 'Harry Reid')."}
    )  # fmt: skip
    quote_verb: bool = field(
        metadata={"help": "'I'll quote the President: “...”': the object of 'quote' right "
                  "before the quote mark is its speaker."}
    )  # fmt: skip
    linked_labels: bool = field(
        metadata={"help": "'[**Name**](link): “...”': a linked bold name with a plain colon "
                  "before the quote is its speaker, like one with a bold colon."}
    )  # fmt: skip
    heading_speakers: bool = field(
        metadata={"help": "A quote that opens a list item (or follows its '[On topic](link):') "
                  "belongs to the person the nearest heading above names ('### Secretary "
                  "Rubio on Meet the Press')."}
    )  # fmt: skip
    colon_sources: bool = field(
        metadata={"help": "'So, Citigroup: “...”': a capitalised name (person or organisation) "
                  "and a colon right before the quote, at a sentence or clause start, is "
                  "its speaker."}
    )  # fmt: skip
    hypothetical_voices: bool = field(
        metadata={"help": "Drop words put in a hypothetical or generic mouth ('why not say, "
                  "“...”', 'critics who say “...”', 'when a diplomat says, “...”')."}
    )  # fmt: skip
    name_shapes: bool = field(
        metadata={"help": "No speaker is a transcript question label ('Q "
                  "Earlier'), a pronoun form ('I’m', 'What I’m' -> I, 'he’d' -> he)."}
    )  # fmt: skip
    curly_quotes: bool = field(
        metadata={"help": "A curly “ left open runs on over paragraphs up to the next curly ” "
                  "when no other mark comes first; a second curly “ in an open one starts a "
                  "new quote."}
    )  # fmt: skip
    lead_speakers: bool = field(
        metadata={"help": "A quote after a list item's topic label ('-   [**On prices**](link)"
                  "**:** “...”') with no person heading above belongs to the person subject "
                  "of the list's lead paragraph."}
    )  # fmt: skip
    label_starts: bool = field(
        metadata={"help": "A sentence that opens with a transcript question label ('Q    Roe "
                  "made a pledge to, quote, “...”') is read for its subject past the label."}
    )  # fmt: skip
    heard_from: bool = field(
        metadata={"help": "'you heard from the President directly that, “...”': the person "
                  "heard from, before the quote in its sentence, is its speaker."}
    )  # fmt: skip
    bold_headings: bool = field(
        metadata={"help": "For `heading_speakers`, a bold run that fills its lines ('**Secretary "
                  "Jane Roe on Face the Nation**') is a heading as well as a '#' line."}
)  # fmt: skip
    apposed_subjects: bool = field(
        metadata={"help": "'the director, James B. Comey, said “...”' / 'Mr. Regalado, 69, "
                  "said': the subject walk before a speech verb passes an apposition's "
                  "closing comma or an age."}
    )  # fmt: skip
    verb_subjects: bool = field(
        metadata={"help": "A quote after a subject-less speech verb of its own sentence "
                  "('..., Mrs. Clinton echoed it, saying Mr. Trump “...”') takes the first "
                  "person named before that verb in the sentence, before the previous quote's "
                  "speaker."}
    )  # fmt: skip
    latest_described: bool = field(
        metadata={"help": "A person's description that titles or is apposed to no name ('the "
                  "businessman replied') is the latest person who spoke or opened a sentence, "
                  "like a pronoun."}
    )  # fmt: skip
    named_appositions: bool = field(
        metadata={"help": "'the assailant, John McGraw, told ...': a lower-case speaker "
                  "mention followed by a person's name between commas stands for that name."}
    )  # fmt: skip
    modifier_names: bool = field(
        metadata={"help": "'the Clinton campaign said', 'Clinton supporters chanted': a name "
                  "that modifies a lower-case head noun leaves the phrase as the speaker, "
                  "not the name's bearer."}
    )  # fmt: skip
    turn_stops: bool = field(
        metadata={"help": "A quote left open ends before the next speaker label that opens a "
                  "line ('MS. PSAKI:', 'Q'): an unpaired mark never swallows later turns."}
    )  # fmt: skip
    title_spans: bool = field(
        metadata={"help": "Drop quoted words shaped as a name, of two words or more, each "
                  "capitalised ('its new “Official Security Assistance” framework')."}
    )  # fmt: skip
    organisation_descriptions: bool = field(
        metadata={"help": "'Twitter acknowledged ... “...” the company said': a description of "
                  "one organisation in lower-case words ('the company', 'the newspaper', 'the "
                  "editorial board') is the latest earlier speaker that is no person."}
    )  # fmt: skip
    role_descriptions: bool = field(
        metadata={"help": "'the presumptive Republican presidential nominee said', 'the Russian "
                  "leader said': a role that names no one is the latest person who spoke or "
                  "opened a sentence, like a pronoun."}
    )  # fmt: skip
    person_antecedents: bool = field(
        metadata={"help": "'he' / 'she' pass over an earlier speaker or subject whose name "
                  "holds a day, month or organisation word ('Tax Foundation', 'Friday')."}
    )  # fmt: skip
    clean_antecedents: bool = field(
        metadata={"help": "A later 'he' / 'she' never refers to a run that cannot be a person: "
                  "a pronoun form or question word ('What I', 'Would President Biden' -> "
                  "'President Biden'), a law, body or place ('Inflation Reduction Act', "
                  "'Capitol Hill'), the tail of an abbreviation ('S. Navy'), a transcript "
                  "question label or the name it addresses ('Q    Karine, ...')."}
    )  # fmt: skip
    role_antecedents: bool = field(
        metadata={"help": "An office of the document's roles ('the President', by the "
                  "document's date in the White House corpus) is a person a later 'he' / "
                  "'she' can refer to, like a name."}
    )  # fmt: skip
    addressed_you: bool = field(
        metadata={"help": "In a transcript question turn ('Q    When you said “...”'), a "
                  "quote whose speaker is 'you' belongs to the person asked: the speaker of "
                  "the next named turn, else of the one before."}
    )  # fmt: skip


def _every_rule(on: bool) -> Rules:
    return Rules(**{rule.name: on for rule in fields(Rules)})


# v1 is the extractor that built the v1 candidate pool of the quote dataset
# (`stance dataset candidates`): none of the rules, and it stays reproducible. v2 adds every
# rule of issue 16; a new rule is a `Rules` field and so joins v2 alone.
VERSIONS = {"v1": _every_rule(False), "v2": _every_rule(True)}
CURRENT = "v2"


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
) -> list[tuple[Span, Mention | None, str | None]]:
    skip = furniture_ranges(text)
    attributor = Attributor(
        text,
        resolver,
        fixes=rules.speaker_fixes,
        own_subject=rules.sentence_subject,
        described_after=rules.described_after,
        right_subject=rules.right_subject,
        quote_verb=rules.quote_verb,
        linked_labels=rules.linked_labels,
        headings=rules.heading_speakers,
        colon_sources=rules.colon_sources,
        lead_speakers=rules.lead_speakers,
        label_starts=rules.label_starts,
        heard_from=rules.heard_from,
        bold_headings=rules.bold_headings,
        apposed=rules.apposed_subjects,
        verb_subjects=rules.verb_subjects,
        named_appositions=rules.named_appositions,
    )
    floor_words = min(min_words, SHORT_MIN_WORDS) if rules.short_quotes else min_words
    found, floor, last = [], 0, None
    for span in spans:
        words = word_count(text[span.start : span.end])
        if _inside(span.open_mark, skip) or words < floor_words:
            continue
        if rules.hypothetical_voices and attributor.hypothetical(span):
            continue
        if rules.title_spans and title_like(text[span.start : span.end]):
            continue
        mention, name = attributor.speaker(span, floor)
        floor = span.end + 1
        listed = last is not None and _listed(text, last, span)
        named = _named_cue(mention, name, rules.modifier_names)
        if words < min_words and not (named or (listed and last[1])):
            continue
        if mention is not None:
            attributor.previous = (span, mention, name)
            last = (span, named or (listed and last[1]))
        if mention is not None or keep_unattributed:
            found.append((span, mention, name))
    return found


_OWN_CUES = ("after-verb", "subject-verb", "verb-subject", "according-to", "label")


def _listed(text: str, last: tuple[Span, bool], span: Span) -> bool:
    """True when `span` follows the quote `last` in a list ('“disgusting” and “a con”')."""
    between = text[last[0].close_mark + 1 : span.open_mark]
    return len(between) <= LIST_GAP and not re.search(r"[.!?:;\n]", between)


def _named_cue(mention: Mention | None, name: str | None, modifier: bool = False) -> bool:
    """A speech verb of the quote's own whose speaker resolves to a person's name (with
    `modifier`, v2 `modifier_names`, also to a phrase a name modifies: 'the Clinton
    campaign')."""
    if mention is None or mention.method not in _OWN_CUES:
        return False
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
) -> list[Quote]:
    """Quote units of a document, in the order they were found.

    article: quoted spans with cue-based speakers; transcript/post: labelled speaker turns
    (text outside turns is read as an article; with v2 the quotes inside turns too); address:
    the whole body is the default speaker's, in units of 1-3 sentences; auto: the kind
    `detect_kind` sees. `version` picks the rule set (`VERSIONS`).
    """
    if version not in VERSIONS:
        raise ValueError(f"unknown extractor version {version!r}; choose from {list(VERSIONS)}")
    rules = VERSIONS[version]
    source, text = text, repair(text) if rules.layout else text
    if kind == "auto":
        kind = detect_kind(text, speaker_known=default_speaker is not None)
    index = NameIndex(text, names_text, titled=rules.titled_names)
    transcript = kind in ("transcript", "post")
    stops = tuple(label_starts(text)) if rules.turn_stops else ()
    spans = find_spans(text, curly=rules.curly_quotes, stops=stops)
    quoted = [(s.start, s.end) for s in spans]
    resolver = Resolver(
        text, sentence_bounds(text), index, roles, default_speaker, quoted, rules.pronoun_gender,
        subject_position=rules.subject_antecedents, descriptions=rules.description_antecedents,
        inverted=rules.inverted_events, latest_described=rules.latest_described,
        modifier_names=rules.modifier_names, organisations=rules.organisation_descriptions,
        role_descriptions=rules.role_descriptions, person_antecedents=rules.person_antecedents,
        clean_antecedents=rules.clean_antecedents,
        role_antecedents=rules.role_antecedents,
    )  # fmt: skip

    def unit(start: int, end: int, speaker: str | None, method: str, mention: str = "") -> Quote:
        return Quote(source[start:end], speaker, start, end, doc_id, link, mention, "", method,
                     kind="turn" if method == "turn" else kind)  # fmt: skip

    if kind == "address":
        return [unit(s, e, default_speaker, "address") for s, e in _units(text, 0, len(text))]
    turns = find_turns(text) if transcript else []
    outside_end = turns[0].start if turns else len(text)
    found = _article_quotes(text, spans, resolver, min_words, keep_unattributed, rules)
    # question turns are read in any text that has them (auto often sees an article)
    asking = (turns or find_turns(text)) if rules.addressed_you else []
    if rules.name_shapes:  # after the quotes are chosen, so the same ones are found
        found = [(span, *_shaped(mention, name, resolver)) for span, mention, name in found]
    quotes: list[Quote] = []
    for span, mention, name in found:
        if span.start < outside_end or rules.turn_quotes:
            name = _turn_speaker(turns, span, mention, name, resolver) if turns else name
            name = _asked(asking, span, mention, name, resolver) if asking else name
            quotes.append(_quote(source, span, mention, name, doc_id, link))
            if rules.nested:
                quotes += _nested(source, text, span, name, resolver, min_words, doc_id, link)
    for turn in turns:
        if not turn.named:
            continue
        speaker = resolver.resolve(label_name(turn.label), turn.start)
        for start, end in _units(text, turn.start, turn.end):
            quotes.append(unit(start, end, speaker, "turn", turn.label))
    return quotes


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


def _turn_speaker(
    turns: list[Turn], span: Span, mention: Mention | None, name: str | None, resolver: Resolver
) -> str | None:
    """'I said ...' inside a named turn is the turn's speaker."""
    if mention is None or mention.text.lower() not in ("i", "we"):
        return name
    turn = next((t for t in turns if t.start <= span.start < t.end), None)
    if turn is None or not turn.named:
        return name
    return resolver.resolve(label_name(turn.label), turn.start)


def _asked(
    turns: list[Turn], span: Span, mention: Mention | None, name: str | None, resolver: Resolver
) -> str | None:
    """v2 `addressed_you`: 'you said “...”' inside a question turn is the person asked, the
    speaker of the next named turn (else of the one before)."""
    index = next((i for i, t in enumerate(turns) if t.start <= span.start < t.end), None)
    if mention is None or mention.method == "continuation" or not _YOU.search(mention.text):
        return name  # a continuation keeps the previous quote's speaker
    if index is None or turns[index].named:
        return name
    later = [t for t in turns[index + 1 :] if t.named]
    asked = later[0] if later else next((t for t in reversed(turns[:index]) if t.named), None)
    return resolver.resolve(label_name(asked.label), asked.start) if asked else name


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
