"""PolNeAR brat loader and the direct-quote evaluation of the extractor.

Gold: every quoted segment inside an attribution's Content span. The Content extent (first to
last character over its discontinuous pieces) is widened by one adjacent double quote mark on
either side; within each paragraph of it, double quote marks (" “ ” « ») are paired in order:
an opening mark runs to the next mark, an unclosed one to the paragraph's end, and a closing
mark with no opener before it closes a segment that began at the extent's start. Segments are
trimmed of whitespace and commas (never the quote marks, which lie outside them). A doubled
single mark `''` (the NYT archive style) is a double mark. Single quotes are nested quotes in
this US press and are not gold quote marks, so predicted nested quotes (those with a parent)
are not scored, nor speaker turns. The gold speaker is the text of the Source span of the same
E relation. Predictions spanning paragraphs are compared piece by piece (one piece per
paragraph) since gold segments never cross paragraphs.

`speaker_accuracy` accepts the gold Source text even when it is a bare pronoun;
`speaker_accuracy_names_only` counts a predicted speaker as right only when it holds a proper
name (`holds_name`: not a pronoun, nor a description such as 'the Russian leader', 'The
radioman', 'the Vermont senator' or 'a spokesman for Clinton') that matches the gold's name:
the Source when it holds one; for 'he' / 'she' the nearest earlier Source holding a name of
no other gender; for an indefinite description ('A Warren adviser', someone new) none; else
the nearest earlier Source that holds a name ('the judge', 'The Republican nominee').
Blind readings of the quotes where successive versions of this rule disagree are in
docs/extract/polnear_names_reading.csv and polnear_names_reading2.csv.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from stance.extract.extractor import Quote, extract_quotes
from stance.extract.gender import (
    Gender,
    name_gender,
    pronoun_gender,
    surname_genders,
    title_gender,
)
from stance.extract.layout import double_singles
from stance.extract.names import NATIONALITIES
from stance.extract.quotes import (
    DOUBLE_MARKS,
    match,
    opens_double,
    paragraph_bounds,
    trim,
    word_count,
)
from stance.extract.speakers import TITLES, wordset

_T_LINE = re.compile(r"^(T\d+)\t(\w+) ([\d ;]+)\t", re.M)
_E_LINE = re.compile(r"^E\d+\t(.*)$", re.M)
PRONOUNS = wordset("he she they we i it you him her them his")
_NORM_DROP = wordset("the a an mr mrs ms dr sir sen rep gov of and jr sr")
# Places and bodies in the extractor's title list ('Russia said' names its speaker).
_PLACES = wordset(
    "america belarus china eu france germany india iran israel kazakhstan nato poland russia "
    "turkey u.s. uk ukraine un us"
)
# Capitalised words that are no name: 'The radioman', 'one senior Democrat', 'the Russian
# leader' (the Kremlin and the White House are names of speakers, so they stay).
_NOT_NAMES = (
    wordset("the a an one some two three several many both another this that these those")
    | wordset("republican republicans democratic democrat democrats gop conservative liberal")
    | (NATIONALITIES - wordset("kremlin white house"))
    | (TITLES - _PLACES)
)
_HONORIFICS = wordset("mr mrs ms dr")
_DETERMINERS = wordset("the a an")
_INDEFINITES = wordset("a an")
_NAME_GLUE = wordset("of for and on the de la von van")  # lower-case words inside a proper name
_PREPOSITIONS = wordset("for of to at with from in under by about")
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?([A-Z][\w’'\-]+)\b")
# Titles a surname follows ('Rep. King', 'Judge Marshall'): the word after one is a name.
_TITLE_HEADS = _HONORIFICS | wordset(
    "rep sen gov gen judge president senator representative governor secretary minister "
    "chancellor ambassador director chairman general justice sir dame lord lady"
)
_SURNAME_TITLES = wordset("king bishop judge marshall dean prince pope")  # also common surnames


@dataclass(frozen=True)
class Attribution:
    """One E relation: content extent and the source span (empty if none)."""

    content: tuple[int, int]
    source: str
    source_start: int


@dataclass(frozen=True)
class Article:
    """One PolNeAR article with the attributions of one annotator."""

    name: str
    text: str
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True)
class GoldQuote:
    """A gold direct-quote segment and its speaker (Source text, resolved if a pronoun)."""

    start: int
    end: int
    source: str
    antecedent: str
    named_source: str = ""  # the name the Source stands for, "" if the article gives none


def _spans(offsets: str) -> tuple[int, int]:
    pairs = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
    return min(p[0] for p in pairs), max(p[1] for p in pairs)


def parse_ann(text: str, ann: str) -> tuple[Attribution, ...]:
    """Attributions of one .ann file (brat standoff)."""
    spans = {m.group(1): (m.group(2), _spans(m.group(3))) for m in _T_LINE.finditer(ann)}
    found = []
    for line in _E_LINE.finditer(ann):
        roles = dict(arg.split(":", 1) for arg in line.group(1).split())
        content = spans.get(roles.get("Content", ""))
        if not content:
            continue
        source = spans.get(roles.get("Source", ""))
        s_start, s_end = source[1] if source else (-1, -1)
        found.append(Attribution(content[1], text[s_start:s_end] if source else "", s_start))
    return tuple(found)


def load_polnear(root: Path, split: str = "test") -> list[Article]:
    """Articles of a split; where several annotators exist, the first .ann by name is used."""
    text_dir, ann_dir = Path(root) / split / "text", Path(root) / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"PolNeAR split not found: {Path(root) / split}")
    anns: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(path.stem.rsplit("_", 1)[0], path)
    articles = []
    for path in sorted(text_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ann = anns[path.stem].read_text(encoding="utf-8") if path.stem in anns else ""
        articles.append(Article(path.stem, text, parse_ann(text, ann)))
    return articles


def quoted_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted segments inside a Content extent (see the module docstring)."""
    text = double_singles(text)
    if start > 0 and text[start - 1] in DOUBLE_MARKS:
        start -= 1
    closing = re.match(r"[,.;:?!]*[\"”»]", text[end : end + 4])
    end += closing.end() if closing else 0
    segments = []
    for p_start, p_end in paragraph_bounds(text[start:end]):
        segments += _pair_marks(text, start + p_start, start + p_end)
    return [s for s in (trim(text, a, b) for a, b in segments) if s[1] > s[0]]


def _pair_marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segments, opened = [], None
    for i in range(start, end):
        if text[i] not in DOUBLE_MARKS:
            continue
        if opened is not None:
            segments.append((opened, i))
            opened = None
        elif opens_double(text, i):
            opened = i + 1
        elif not segments:
            segments.append((start, i))
    if opened is not None:
        segments.append((opened, end))
    return segments


def gold_quotes(article: Article) -> list[GoldQuote]:
    """Gold direct quotes, one per distinct segment (smallest enclosing Content wins)."""
    named = sorted((a.source_start, a.source) for a in article.attributions if is_named(a.source))
    names = sorted((a.source_start, a.source) for a in article.attributions if holds_name(a.source))
    genders = _surname_genders(article)
    best: dict[tuple[int, int], tuple[int, Attribution]] = {}
    for attribution in article.attributions:
        size = attribution.content[1] - attribution.content[0]
        for segment in quoted_segments(article.text, *attribution.content):
            if segment not in best or size < best[segment][0]:
                best[segment] = (size, attribution)
    gold = []
    for (start, end), (_, attribution) in sorted(best.items()):
        anchor = attribution.source_start
        anchor = anchor if anchor >= 0 else attribution.content[0]
        before = [s for pos, s in named if pos <= anchor]
        antecedent = attribution.source
        if not is_named(attribution.source) and before:
            antecedent = before[-1]
        named_source = attribution.source
        if attribution.source.strip().lower() in ("he", "she"):
            named_source = _person_for(attribution.source.strip(), names, anchor, genders)
        elif (attribution.source.split() or [""])[0].lower() in _INDEFINITES:
            named_source = ""  # 'A Warren adviser': someone new, no earlier Source
        elif not holds_name(named_source):
            named_source = next((s for pos, s in reversed(names) if pos <= anchor), "")
        gold.append(GoldQuote(start, end, attribution.source, antecedent, named_source))
    return gold


def is_named(source: str) -> bool:
    """A Source with a capitalised word that is not a pronoun (the scorer's 'named')."""
    return any(word[:1].isupper() for word in source.split() if word.lower() not in PRONOUNS)


def holds_name(mention: str) -> bool:
    """A capitalised word that is no pronoun, determiner, nationality, party word, title (but
    'Mr. King') or possessive: 'Hillary Clinton', 'FBI', 'the Kremlin' hold a name; 'the
    Russian leader', "Obama's former campaign strategist", 'The radioman' do not. A title
    after a title is a name ('Rep. King'), and so is a lone surname that is also a title
    ('King'); a lone 'President' is not."""
    chunks = _chunks(mention)
    if len(chunks) > 1:
        return any(holds_name(" ".join(words)) for words in chunks)
    words = chunks[0] if chunks else []
    if _description(words):
        return False
    previous = ""
    for word in words:
        low = word.lower().strip(".,;:()")
        after_title = previous in _TITLE_HEADS
        previous = low
        if not word[:1].isupper() or re.search(r"[’']s$", word) or low in PRONOUNS:
            continue
        if low in _HONORIFICS or (low in _NOT_NAMES and not (after_title and low in TITLES)):
            continue
        return True
    # a lone title-like surname ('King') is a name; 'President' alone is not
    return len(words) == 1 and words[0][:1].isupper() and words[0].lower() in _SURNAME_TITLES


def _description(words: list[str]) -> bool:
    """A determiner phrase about someone unnamed: 'the Vermont senator', 'A top Donald Trump
    adviser', 'a spokesman for Clinton' (its head, the words before a preposition, has a
    common noun and ends in one). 'the Kremlin', 'The Holocaust Memorial Museum in
    Washington' and 'The Washington Post columnist Ruth Marcus' are no descriptions."""
    if len(words) < 2 or words[0].lower() not in _DETERMINERS:
        return False
    bare = [re.sub(r"[’']s$", "", w.strip(".,;:()")) for w in words]
    cut = next((i for i, w in enumerate(bare) if i and w.lower() in _PREPOSITIONS), len(bare))
    head = [w for w in bare[1:cut] if w]
    common = any(w[:1].islower() and w.lower() not in _NAME_GLUE for w in head)
    return common and head[-1][:1].islower()


def _chunks(source: str) -> list[list[str]]:
    """A Source's parts: its head and its appositions ('the F.B.I. director, James B. Comey,'),
    without a relative clause ('a member who supports Trump')."""
    head = re.split(r"\s(?:who|whose|which|that)\s", source, maxsplit=1)[0]
    return [part.split() for part in re.split(r"[,(]", head) if part.split()]


def _person_for(pronoun: str, names: list[tuple[int, str]], anchor: int, genders: dict) -> str:
    """The Source a gold 'he' / 'she' stands for: the nearest earlier one holding a name of
    no other gender; one that opens with a determiner must show a person by its gender or an
    apposed name ('The Podesta Group's CEO, Kimberley Fritts,'; not 'the FBI')."""
    want = pronoun_gender(pronoun)
    for position, source in reversed(names):
        if position > anchor:
            continue
        gender = _source_gender(source, genders)
        apposed = any(holds_name(" ".join(words)) for words in _chunks(source)[1:])
        person = source.split()[0].lower() not in _DETERMINERS or apposed
        if gender == want or (gender is None and person):
            return source
    return ""


def _source_gender(source: str, genders: dict[str, Gender]) -> Gender | None:
    """Gender of the first name a Source holds that shows one: its title or given name, else
    its surname's ('The Podesta Group's CEO, Mrs. Fritts,' -> f)."""
    for words in _chunks(source):
        words = [w.strip(".,;:()") for w in words]
        if not words or not holds_name(" ".join(words)):
            continue
        titled = next((title_gender(w) for w in words[:-1] if w.lower() in _HONORIFICS), None)
        given = name_gender(" ".join(words)) if len(words) > 1 else None
        gender = titled or given or genders.get(words[-1])
        if gender:
            return gender
    return None


def _surname_genders(article: Article) -> dict[str, Gender]:
    """Surname -> gender from the article's titles ('Mrs. Clinton') and its full names with a
    known given name ('Hillary Clinton'); a surname seen with both genders is left out."""
    seen: dict[str, set[Gender]] = {}
    for name, gender in surname_genders(article.text).items():
        seen.setdefault(name, set()).add(gender)
    for found in _FULL_NAME.finditer(article.text):
        gender = name_gender(found.group(0))  # by the given name: a middle 'W.' is none
        if gender:
            seen.setdefault(found.group(1), set()).add(gender)
    return {name: genders.pop() for name, genders in seen.items() if len(genders) == 1}


def _norm(name: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", re.sub(r"[’']s\b", "", name.lower()))
    return [w for w in words if w not in _NORM_DROP]


def speaker_matches(predicted: str | None, gold: str) -> bool:
    """Same last word, or the words of one contained in the other's (titles dropped); a gold
    Source that carries an apposition ('Murphy, now a consultant on Burma', 'Rep. Jim Clyburn
    (D-S.C.)', 'Sanders, whose candidacy ...') is also compared by the name before it (when
    that head is all capitalised words, not 'a spokesman for Clinton, Brian Fallon')."""
    head = re.split(r",|\(|\s(?:who|whose|which)\s", gold, maxsplit=1)[0]
    named_head = head != gold and all(word[:1].isupper() for word in head.split())
    return _words_match(predicted, gold) or (named_head and _words_match(predicted, head))


def _words_match(predicted: str | None, gold: str) -> bool:
    pred, want = _norm(predicted or ""), _norm(gold)
    if not pred or not want:
        return False
    return pred[-1] == want[-1] or set(pred) <= set(want) or set(want) <= set(pred)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate_polnear(
    root: Path, split: str = "test", gold_min_words: int = 1, **options: object
) -> dict:
    """Span P/R/F1 (exact and >=50% overlap) and speaker accuracy on a PolNeAR split.

    `gold_min_words` > 1 drops shorter gold segments (and predictions matching only such
    segments are then ignored, not counted as false positives); `options` go to extract_quotes.
    """
    counts: Counter[str] = Counter()
    for article in load_polnear(Path(root), split):
        _, n_pred, n_gold, n_exact, matched = score_article(article, gold_min_words, **options)
        counts.update(pred=n_pred, gold=n_gold, exact=n_exact, overlap=len(matched))
        for quote, gold in matched:
            _count_speaker(counts, quote.speaker, gold)
    return _report(counts, split, gold_min_words)


def score_article(
    article: Article, gold_min_words: int = 1, **options: object
) -> tuple[list[Quote], int, int, int, list[tuple[Quote, GoldQuote]]]:
    """One article's predicted quotes, counts (predicted pieces, gold, exact matches) and the
    (predicted quote, gold quote) pairs matched at >= 50% overlap, as `evaluate_polnear`
    scores them."""
    gold, short = [], []
    for quote in gold_quotes(article):
        long_enough = word_count(article.text[quote.start : quote.end]) >= gold_min_words
        (gold if long_enough else short).append(quote)
    quotes = extract_quotes(article.text, doc_id=article.name, **options)
    pieces = [
        (piece, q)
        for q in quotes
        if q.kind == "quote" and q.parent is None
        for piece in (q.pieces or ((q.char_start, q.char_end),))
    ]
    ignored = {i for i, _ in match([p for p, _ in pieces], [(g.start, g.end) for g in short], 0.5)}
    pieces = [piece for i, piece in enumerate(pieces) if i not in ignored]
    spans = [p for p, _ in pieces]
    gold_spans = [(g.start, g.end) for g in gold]
    exact = len(match(spans, gold_spans, 1.0))
    matched = [(pieces[i][1], gold[j]) for i, j in match(spans, gold_spans, 0.5)]
    return quotes, len(spans), len(gold), exact, matched


def names_match(predicted: str | None, name: str) -> bool:
    """The names-only test against one known name: the prediction holds a name and matches
    it (also how a hand reading's speaker is checked)."""
    return holds_name(predicted or "") and speaker_matches(predicted, name)


def name_correct(predicted: str | None, gold: GoldQuote) -> bool:
    """The names-only rule: a prediction that holds a name and matches the gold's name."""
    golds = [name for name in (gold.source, gold.named_source) if holds_name(name)]
    return any(names_match(predicted, name) for name in golds)


def _count_speaker(counts: Counter[str], predicted: str | None, gold: GoldQuote) -> None:
    ok = speaker_matches(predicted, gold.source) or speaker_matches(predicted, gold.antecedent)
    counts["speaker_ok"] += ok
    counts["names_ok"] += name_correct(predicted, gold)
    if is_named(gold.source):
        counts["named"] += 1
        counts["named_ok"] += ok


def _report(counts: Counter[str], split: str, gold_min_words: int) -> dict:
    matched = counts["overlap"]
    return {
        "split": split,
        "gold_min_words": gold_min_words,
        "n_gold": counts["gold"],
        "n_pred": counts["pred"],
        "exact": _prf(counts["exact"], counts["pred"], counts["gold"]),
        "overlap50": _prf(matched, counts["pred"], counts["gold"]),
        "speaker_accuracy": counts["speaker_ok"] / matched if matched else 0.0,
        "speaker_accuracy_names_only": counts["names_ok"] / matched if matched else 0.0,
        "speaker_accuracy_named_gold": counts["named_ok"] / counts["named"]
        if counts["named"]
        else 0.0,
        "n_speaker_matched": matched,
        "n_named_gold_matched": counts["named"],
    }
