"""A learned decision over the quoted spans of transcripts: whose words are these? (v2)

Press briefings put quote marks around far more than said words: scare quotes, titles,
wording put in a generic or hypothetical mouth, restated questions. Seven rounds of rules
(`unsaid`, `readback`, `spoken`) fitted the shapes they were read from and stopped moving
held-out transcripts, so in v2 a logistic regression takes the last word. For every quoted
span of 3 words or more (the `reference` regex) it reads the words around the marks, the
span's own words and what the rules made of it (found or not, by which cue, with a speaker
or not), and gives the probability that the span is someone's said words. A quote the rules
found is kept only at or above the threshold; a span they missed is added at or above it (method
`span-filter`, with the speaker the cue rules give its quote marks, if any). Each quote it
decides carries that probability (`speech_probability`), and a caller may set its own
threshold (`extract_quotes(speech_threshold=...)`, `stance extract --speech-threshold`).

Fitted by `python -m stance.extract.span_filter_fit` on the blind readings of every quoted
span in docs/extract/ (White House press-briefing seeds 0-8 and 12-17 and remarks seeds 0-1;
briefing seeds 9-11 and 18-21 and remarks seed 2 are held out and never read there), with C
and the threshold chosen by grouped cross-validation. The model is a JSON file of vocabulary
and weights shipped in the package (`span_filter.json`); it records the readings' and
corpus' hashes. Refit it after changing the rules, since it reads their output (`make
span-filter`).

A linear model on words is written out here rather than pickled so the file stays readable,
diffable and independent of the scikit-learn version.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, TypeVar

from stance.data.io import write_text_atomic
from stance.extract.quotes import match, word_count
from stance.extract.shapes import LINE_LABEL


class Quote(Protocol):
    """What the filter reads of an extractor `Quote` (the extractor imports this module)."""

    char_start: int
    char_end: int
    speaker: str | None
    method: str
    kind: str
    parent: int | None
    speech_probability: float | None


Q = TypeVar("Q", bound=Quote)

MODEL_PATH = Path(__file__).with_name("span_filter.json")
MARKED = re.compile(r"“([^“”]+)”|\"([^\"\n]+(?:\n[^\"\n]+)*)\"")  # the `reference` regex
MIN_WORDS = 3
_WORD = re.compile(r"[A-Za-z’']+|[?!.,:;—–-]")
_FOUND_OVERLAP = 0.5  # a found quote covers a span when it overlaps half of both


def marked_spans(text: str, min_words: int = MIN_WORDS) -> list[tuple[int, int]]:
    """Every double-quoted span of `min_words` words or more (the recall reference)."""
    spans = []
    for found in MARKED.finditer(text):
        group = 1 if found.group(1) is not None else 2
        if word_count(found.group(group)) >= min_words:
            spans.append((found.start(group), found.end(group)))
    return spans


@dataclass(frozen=True)
class RuleView:
    """What the rules made of a span: the quote they found over it, if any."""

    found: bool
    method: str = "none"
    named: bool = False

    @classmethod
    def of(cls, quote: Quote | None) -> RuleView:
        if quote is None:
            return cls(False)
        return cls(True, quote.method or "none", bool(quote.speaker))


@functools.lru_cache(maxsize=8)
def _labels(text: str) -> tuple[list[int], list[bool]]:
    """The end offsets of the speaker labels of `text` and whether each is a "Q", found once
    a text (the filter asks for every span of it)."""
    found = [(m.end(), m.group(1).strip() == "Q") for m in LINE_LABEL.finditer(text)]
    return [end for end, _ in found], [q for _, q in found]


def _asked_at(text: str, position: int) -> bool:
    """True when the last speaker label before `position` is a "Q" (a label counts once the
    character after it, which its pattern looks at, lies before `position`)."""
    ends, questions = _labels(text)
    index = bisect.bisect_left(ends, position) - 1
    return index >= 0 and questions[index]


def span_features(text: str, start: int, end: int, rules: RuleView) -> list[str]:
    """The features of one span: words around and inside it, tagged with where they stand."""
    before = _WORD.findall(text[max(0, start - 120) : start])[-8:]
    after = _WORD.findall(text[end : end + 60])[:4]
    span = [w for w in _WORD.findall(text[start:end]) if w[0].isalpha()]
    capitalised = sum(w[0].isupper() for w in span) * 4 // max(len(span), 1)
    asked = _asked_at(text, start)
    words = [f"b{i}_{w}" for i, w in enumerate(reversed(before[-3:]))]
    words += [f"B_{w}" for w in before] + [f"A_{w}" for w in after]
    words += [f"a{i}_{w}" for i, w in enumerate(after[:2])]
    words += [f"S_{w}" for w in span[:3]] + [f"E_{w}" for w in span[-2:]]
    words += [f"len_{min(len(span), 30) // 3}", f"cap_{capitalised}", f"end_{text[end - 1]}"]
    words += ["turn_q" if asked else "turn_a"]
    words += [f"found_{rules.found}", f"method_{rules.method}", f"spk_{rules.named}"]
    words += [f"W_{w}" for w in span]
    words += [f"P_{w}" for w in _WORD.findall(text[max(0, start - 300) : start])[-30:]]
    return sorted({w.lower() for w in words})


@dataclass(frozen=True)
class SpanFilter:
    """A fitted linear model over `span_features` (binary) and its threshold."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    meta: dict = field(default_factory=dict)

    def predict_proba(self, features: Sequence[str]) -> float:
        """Probability that the span with these features is someone's said words."""
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-z))

    def save(self, path: Path) -> None:
        payload = {
            "meta": self.meta,
            "threshold": self.threshold,
            "intercept": self.intercept,
            "weights": dict(sorted(self.weights.items())),
        }
        write_text_atomic(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", path)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> SpanFilter:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            {k: float(v) for k, v in payload["weights"].items()},
            float(payload["intercept"]),
            float(payload["threshold"]),
            payload.get("meta", {}),
        )

    @classmethod
    def fit(cls, features: Sequence[Sequence[str]], labels: Sequence[bool], c: float,
            threshold: float, meta: dict | None = None) -> SpanFilter:  # fmt: skip
        """A logistic regression on binary features seen in two spans or more."""
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = CountVectorizer(analyzer=lambda x: x, binary=True, min_df=2)
        matrix = vectorizer.fit_transform(features)
        model = LogisticRegression(C=c, max_iter=5000).fit(matrix, list(labels))
        pairs = zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        weights = {str(name): round(float(w), 6) for name, w in pairs if w}
        return cls(weights, round(float(model.intercept_[0]), 6), threshold, meta or {})


@functools.cache
def _shipped() -> SpanFilter:
    return SpanFilter.load(MODEL_PATH)


def shipped_filter(threshold: float | None = None) -> SpanFilter:
    """The model shipped in the package (read once), with its fitted threshold or `threshold`."""
    if threshold is None:
        return _shipped()
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"speech threshold must lie in [0, 1], not {threshold}")
    return replace(_shipped(), threshold=threshold)


def covering(quotes: Sequence[Quote], spans: Sequence[tuple[int, int]]) -> dict[int, int]:
    """span index -> index of the top-level quote that covers it (half of both overlap)."""
    found = [(q.char_start, q.char_end) for q in quotes]
    return {j: i for i, j in match(found, list(spans), _FOUND_OVERLAP)}


def filter_quotes(
    text: str, quotes: list[Q], model: SpanFilter, add: Callable[[int, int], Q]
) -> list[Q]:
    """The rules' quotes with the model's decision over every marked span: a covered quote
    below the threshold is dropped (with the quotes nested in it), an uncovered span at or
    above it is added by `add(start, end)`; both carry the model's `speech_probability`.
    Turns, nested quotes of kept quotes and quotes over no marked span (1-2 words, or marks
    the regex cannot pair) stay as they are, with none."""
    quotes = list(quotes)
    top = [i for i, q in enumerate(quotes) if q.kind == "quote" and q.parent is None]
    spans = marked_spans(text)
    cover = covering([quotes[i] for i in top], spans)
    dropped: set[int] = set()
    added: list[Q] = []
    for j, (start, end) in enumerate(spans):
        quote = quotes[top[cover[j]]] if j in cover else None
        p = model.predict_proba(span_features(text, start, end, RuleView.of(quote)))
        if quote is not None and p < model.threshold:
            dropped.add(top[cover[j]])
        elif quote is not None:
            quotes[top[cover[j]]] = replace(quote, speech_probability=round(p, 4))
        elif p >= model.threshold:
            added.append(replace(add(start, end), speech_probability=round(p, 4)))
    gone = {quotes[i].char_start for i in dropped}
    kept = [
        q
        for i, q in enumerate(quotes)
        if i not in dropped and not (q.parent is not None and q.parent in gone)
    ]
    for new in added:  # before the first later top-level quote, else before the turns
        later = (i for i, q in enumerate(kept) if q.kind == "turn" or (
            q.parent is None and q.char_start > new.char_start))  # fmt: skip
        kept.insert(next(later, len(kept)), new)
    return kept
