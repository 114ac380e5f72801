"""Speaker errors of the extractor on a PolNeAR split, by category (for tuning the rules).

`python -m stance.extract.speaker_errors [--split dev] [--show CATEGORY] [--limit N]` prints
the counts of matched quotes whose speaker fails the names-only rule
(`speaker_accuracy_names_only`), one category each, checked in this order:

- gold-description: the gold speaker is a description, not a name ('The Republican
  nominee'), so no name can match it;
- description-as-speaker: the prediction is a description or another phrase with no name in
  it ('the senator', 'the mayor');
- pronoun-unresolved: the quote's speaker mention is a pronoun left without a name;
- pronoun-wrong: the mention is a pronoun resolved to the wrong name;
- continuation-wrong: a quote with no cue of its own took the previous quote's speaker or
  the speaker of the sentence before it, and that speaker is wrong;
- no-speaker: no speaker mention was found;
- other: a cue of the quote's own named the wrong person.

With --show, the errors of that category are listed with their context.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from stance import paths
from stance.extract.extractor import Quote
from stance.extract.names import strip_titles
from stance.extract.polnear import GoldQuote, is_named, load_polnear, name_correct, score_article
from stance.extract.speakers import PRONOUNS

CATEGORIES = (
    "gold-description",
    "description-as-speaker",
    "pronoun-unresolved",
    "pronoun-wrong",
    "continuation-wrong",
    "no-speaker",
    "other",
)
_INHERITED = ("continuation", "previous-sentence")


@dataclass(frozen=True)
class SpeakerError:
    """One matched quote whose predicted speaker fails the names-only rule."""

    category: str
    article: str
    quote: Quote
    gold: GoldQuote


def _description(name: str | None) -> bool:
    return bool(name) and not strip_titles(name)


def categorize(quote: Quote, gold: GoldQuote) -> str:
    """The category of a names-only speaker error (see the module docstring)."""
    golds = [n for n in (gold.source, gold.antecedent) if is_named(n)]
    if golds and all(_description(n) for n in golds):
        return "gold-description"
    if _description(quote.speaker):
        return "description-as-speaker"
    if quote.mention.lower() in PRONOUNS:
        named = is_named(quote.speaker or "")
        return "pronoun-wrong" if named else "pronoun-unresolved"
    if quote.method in _INHERITED:
        return "continuation-wrong"
    if quote.method == "none" or quote.speaker is None:
        return "no-speaker"
    return "other"


def speaker_errors(root: Path, split: str = "dev", **options: object) -> list[SpeakerError]:
    """Every matched quote of the split whose speaker fails the names-only rule."""
    errors = []
    for article in load_polnear(Path(root), split):
        _, _, _, _, matched = score_article(article, **options)
        errors += [
            SpeakerError(categorize(quote, gold), article.name, quote, gold)
            for quote, gold in matched
            if not name_correct(quote.speaker, gold)
        ]
    return errors


def _describe(error: SpeakerError, text: str) -> str:
    quote, gold = error.quote, error.gold
    before = text[max(0, quote.char_start - 200) : quote.char_start].replace("\n", " / ")
    return (
        f"{error.article} @{quote.char_start} [{quote.method}] mention={quote.mention!r} "
        f"predicted={quote.speaker!r} gold={gold.source!r} antecedent={gold.antecedent!r}\n"
        f"    ...{before}[{quote.text[:80]}]"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", help="PolNeAR split (train, dev or test).")
    parser.add_argument("--show", choices=CATEGORIES, help="List the errors of one category.")
    parser.add_argument("--limit", type=int, default=50, help="How many errors --show lists.")
    args = parser.parse_args(argv)
    root = paths.shared_dir() / "corpora" / "polnear"
    errors = speaker_errors(root, args.split)
    counts = Counter(e.category for e in errors)
    report = {"split": args.split, "errors": len(errors)}
    report |= {category: counts[category] for category in CATEGORIES}
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    if args.show:
        texts = {a.name: a.text for a in load_polnear(root, args.split)}
        shown = [e for e in errors if e.category == args.show][: args.limit]
        for error in shown:
            sys.stdout.write(_describe(error, texts[error.article]) + "\n")


if __name__ == "__main__":
    main()
