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

With --show, the errors of that category are listed with their context. With --reading CSV
(docs/extract/polnear_names_reading.csv: who said each of some quotes, read blind), it prints
how often the scorer's names-only credit for today's predictions agrees with the reader's
(credit = a prediction holding a name that matches the reader's name), how often the gold
name the scorer uses is the reader's, and both names-only accuracies on the rows read (the
reader's with a 95% Wilson interval: on a random sample of a split, an estimate of the
split's names-only accuracy free of the scorer's gold-name guesses).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scipy.stats import binomtest

from stance import paths
from stance.extract.extractor import Quote
from stance.extract.polnear import (
    GoldQuote,
    holds_name,
    load_polnear,
    name_correct,
    names_match,
    score_article,
    speaker_matches,
)
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


def categorize(quote: Quote, gold: GoldQuote) -> str:
    """The category of a names-only speaker error (see the module docstring)."""
    if not any(holds_name(n) for n in (gold.source, gold.named_source)):
        return "gold-description"
    if quote.mention.lower() in PRONOUNS:
        named = holds_name(quote.speaker or "")
        return "pronoun-wrong" if named else "pronoun-unresolved"
    if quote.speaker and not holds_name(quote.speaker):
        return "description-as-speaker"
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


_NO_NAME = ("NONE", "UNCLEAR")


def reading_agreement(root: Path, reading: Path) -> dict:
    """Agreement of the names-only credit with a blind reading of who said each quote."""
    with Path(reading).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    wanted = {(r["split"], r["article"], int(r["start"]), int(r["end"])): r for r in rows}
    counts: Counter[str] = Counter()
    for split in sorted({r["split"] for r in rows}):
        for article in load_polnear(Path(root), split):
            if not any(key[:2] == (split, article.name) for key in wanted):
                continue
            for quote, gold in score_article(article)[4]:
                row = wanted.get((split, article.name, gold.start, gold.end))
                if row is None:
                    continue
                name = row["reader_speaker"].strip()
                named = name not in _NO_NAME
                reader = named and names_match(quote.speaker, name)
                scorer = name_correct(quote.speaker, gold)
                counts["n"] += 1
                counts["reader_named"] += named
                counts["reader_credits"] += reader
                counts["scorer_credits"] += scorer
                counts["agree"] += reader == scorer
                counts["scorer_only"] += scorer and not reader
                counts["reader_only"] += reader and not scorer
                counts["gold_name_is_reader_name"] += named and speaker_matches(
                    gold.named_source, name
                )
    return {"reading": str(reading), "rows": len(rows)} | dict(counts) | _accuracies(counts)


def _accuracies(counts: Counter[str]) -> dict:
    """Names-only accuracy by the scorer and by the reading on the rows read, the latter with
    a 95% Wilson interval (the rows are a sample of the split's quotes)."""
    n = counts["n"]
    if not n:
        return {}
    interval = binomtest(counts["reader_credits"], n).proportion_ci(0.95, method="wilson")
    return {
        "scorer_accuracy": round(counts["scorer_credits"] / n, 4),
        "reader_accuracy": round(counts["reader_credits"] / n, 4),
        "reader_accuracy_ci95": [round(interval.low, 4), round(interval.high, 4)],
    }


def _describe(error: SpeakerError, text: str) -> str:
    quote, gold = error.quote, error.gold
    before = text[max(0, quote.char_start - 200) : quote.char_start].replace("\n", " / ")
    return (
        f"{error.article} @{quote.char_start} [{quote.method}] mention={quote.mention!r} "
        f"predicted={quote.speaker!r} gold={gold.source!r} gold name={gold.named_source!r}\n"
        f"    ...{before}[{quote.text[:80]}]"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", help="PolNeAR split (train, dev or test).")
    parser.add_argument("--show", choices=CATEGORIES, help="List the errors of one category.")
    parser.add_argument("--limit", type=int, default=50, help="How many errors --show lists.")
    parser.add_argument(
        "--reading", type=Path, help="CSV of a blind reading: print the credit's agreement with it."
    )
    args = parser.parse_args(argv)
    root = paths.shared_dir() / "corpora" / "polnear"
    if args.reading:
        sys.stdout.write(json.dumps(reading_agreement(root, args.reading), indent=2) + "\n")
        return
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
