"""Agreement with a bare quotation-mark regex on White House documents (a recall reference).

`python -m stance.extract.reference [N]` samples N hard-wrapped statements and articles that
hold quote marks and N briefing transcripts from the shared White House corpus (seed 0), runs
the extractor as a user would (no options; and v1 with kind=article as before), and scores
its direct quotes (not turns, not nested ones) against the regex's "..." / “...” spans:
recall = spans of 3 words or more overlapped by >= 50% by a found quote, precision = found
quotes overlapping any quoted span. The regex also finds titles and scare quotes, and misses
quotes it cannot pair, so this bounds the extractor's figures, it does not measure them.
"""

from __future__ import annotations

import json
import random
import re
import sys

from stance import paths
from stance.extract.documents import load_corpus
from stance.extract.extractor import extract_quotes
from stance.extract.layout import wrap_width
from stance.extract.polnear import match
from stance.extract.quotes import word_count

REFERENCE = re.compile(r"“([^“”]+)”|\"([^\"\n]+(?:\n[^\"\n]+)*)\"")
MIN_WORDS = 3


def reference_spans(text: str, min_words: int = MIN_WORDS) -> list[tuple[int, int]]:
    """Every double-quoted span of `min_words` words or more."""
    spans = []
    for found in REFERENCE.finditer(text):
        group = 1 if found.group(1) is not None else 2
        if word_count(found.group(group)) >= min_words:
            spans.append((found.start(group), found.end(group)))
    return spans


def sample(n: int, seed: int = 0) -> dict[str, list]:
    """N hard-wrapped statements and articles with quote marks, and N press briefings."""
    docs = list(load_corpus("whitehouse", paths.shared_dir()))
    wrapped = [
        d for d in docs
        if d.doc_id.startswith(("wh:statements-releases/", "wh:articles/", "wh:briefings-state"))
        and wrap_width(d.text) and reference_spans(d.text)
    ]  # fmt: skip
    briefings = [d for d in docs if d.doc_id.startswith("wh:press-briefings/")]
    rng = random.Random(seed)
    return {
        "wrapped": rng.sample(wrapped, min(n, len(wrapped))),
        "transcript": rng.sample(briefings, min(n, len(briefings))),
    }


def score(docs: list, **options: object) -> dict[str, float]:
    """Precision and recall of the found quotes against the regex spans."""
    tp_p = tp_r = n_pred = n_ref = 0
    for doc in docs:
        found = [
            (q.char_start, q.char_end)
            for q in extract_quotes(doc.text, roles=doc.roles, **options)
            if q.kind == "quote" and q.parent is None
        ]
        ref = reference_spans(doc.text)
        tp_p += len(match(found, reference_spans(doc.text, 1), 0.5))
        tp_r += len(match(found, ref, 0.5))
        n_pred += len(found)
        n_ref += len(ref)
    return {
        "n_docs": len(docs),
        "n_reference": n_ref,
        "n_found": n_pred,
        "precision": round(tp_p / n_pred, 3) if n_pred else 0.0,
        "recall": round(tp_r / n_ref, 3) if n_ref else 0.0,
    }


def main(n: int = 20) -> dict:
    """Both sample groups, scored with today's extractor and with v1 as users ran it."""
    groups = sample(n)
    return {
        name: {
            "v2_auto": score(docs),
            "v1_article": score(docs, kind="article", version="v1"),
        }
        for name, docs in groups.items()
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20), indent=2))
