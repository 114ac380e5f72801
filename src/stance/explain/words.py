"""What an explanation is, whatever the model: a push per word and per term.

Words are the whitespace-separated pieces of a quote (punctuation stays on its
word), so a TF-IDF model's n-grams and a transformer's word pieces are shown on
the same units. A push is toward one class (the predicted one): positive
pushes toward it, negative away.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

WORD = re.compile(r"\S+")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the whitespace-separated words of `text`."""
    return [match.span() for match in WORD.finditer(text)]


@dataclass(frozen=True)
class Term:
    """A feature of the model and its push: a word n-gram, a character n-gram (`char`),
    the target (`target`), or a word of a transformer's input."""

    kind: str
    text: str
    push: float


@dataclass
class Explanation:
    """Why one quote got the class `label`.

    `word_push[i]` is the push of the word at `words[i]`; `terms` are the model's
    features with their push, strongest first. `base` is what the model gives
    before any word counts (the intercept; a transformer's score of the blank
    baseline), and `unplaced` the part of the terms' push that no word carries
    (e.g. the target feature), so that base + sum(word_push) + unplaced is the
    explained score.
    """

    text: str
    label: str
    words: list[tuple[int, int]]
    word_push: list[float]
    terms: list[Term]
    base: float = 0.0
    unplaced: float = 0.0
    truncated: bool = False  # words past the model's input length are not read
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.base + sum(self.word_push) + self.unplaced


def strongest(terms: Iterable[Term]) -> list[Term]:
    """Terms ordered by the size of their push, ties by kind and text (a stable report)."""
    return sorted(terms, key=lambda t: (-abs(t.push), t.kind, t.text))


def top_terms_by_class(explanations: Iterable[Explanation], top: int = 10) -> dict[str, list[Term]]:
    """For each predicted class, the terms that pushed its quotes toward it most,
    their pushes summed over those quotes."""
    summed: dict[str, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
    for explanation in explanations:
        for term in explanation.terms:
            summed[explanation.label][term.kind, term.text] += term.push
    result = {}
    for label, pushes in summed.items():
        terms = [Term(kind, text, push) for (kind, text), push in pushes.items() if push > 0]
        result[label] = sorted(terms, key=lambda t: (-t.push, t.kind, t.text))[:top]
    return result
