"""Agreement with a bare quotation-mark regex on White House documents (a recall reference).

`python -m stance.extract.reference [N] [--seed S [S ...]]` samples N hard-wrapped statements
and articles that hold quote marks and N briefing transcripts from the shared White House corpus
(several seeds: their disjoint samples pooled, one figure over all),
runs the extractor as a user would (no options; and v1 with kind=article as before), and
scores its direct quotes (not turns, not nested ones) against the regex's "..." / “...”
spans: recall = spans of 3 words or more overlapped by >= 50% by a found quote, precision =
found quotes overlapping any quoted span. The regex also finds titles and scare quotes, and
misses quotes it cannot pair, so this bounds the extractor's figures, it does not measure them.

`--misses PATH` writes every regex span today's extractor missed (JSONL: sample, doc id,
offsets, text and 300 characters either side) so it can be read and classified by hand;
`--found PATH` writes the found quotes the same way. `--classes CSV` reads such a hand
classification (doc_id, start, end, class) and adds the recall over `speech` spans only:
matched spans / (matched spans + missed spans classed `speech`); a miss not in the file is
counted as `unclassified`. `--found-classes CSV` reads a hand classification of found quotes
(docs/extract/wh_found_reading.csv, or the 30-quote checks) and adds the share of the read
found quotes that are `speech` and, where the reading names who spoke, the share of those
with that speaker. With both files, `speech_recall_read` is the recall over `speech` spans
that also takes a matched span's class from the found reading (so dropping a quote read as
non-speech leaves it as it was). `--span-reading CSV` reads a blind reading of every regex
span of the sample, made without the extractor (docs/extract/wh_span_reading.csv), and adds
figures that hold for any commit: recall over the spans read as `speech`, the speech share
of the found quotes that overlap a read span (both with 95% Wilson intervals), and their
right speakers; several `--span-reading` files score their samples pooled; `--second-reading
CSV` (a second blind reading of some of those spans) adds the two readings' agreement. A
figure with nothing to count (a sample the pool could not fill, no found quotes) is null,
not 0. `--groups remarks` draws N speeches and remarks with question turns (press
conferences, gaggles) instead (docs/extract/wh_span_reading_remarks.csv reads them);
`--without-filter` scores v2 with its learned span filter off, the rules alone, and
`--without RULE ...` with any v2 rules off. `n_turns` counts the turn units found (not scored),
and `n_turns_asking` those that hold a line-start question label ('Q ...'): a reporter's
question given to the speaker of the turn before it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from pathlib import Path

from scipy.stats import binomtest
from sklearn.metrics import cohen_kappa_score

from stance import paths
from stance.data.io import write_text_atomic
from stance.errors import DataError
from stance.extract.documents import Document, load_corpus
from stance.extract.extractor import extract_quotes
from stance.extract.layout import wrap_width
from stance.extract.polnear import match, names_match
from stance.extract.rules import VERSIONS, Rules
from stance.extract.shapes import QUESTION_ANY_RE, QUESTION_RE
from stance.extract.span_filter import marked_spans as reference_spans

CONTEXT = 300  # characters either side of a span in --misses / --found
CLASSES = ("speech", "title", "term", "other")
WRAPPED_PREFIXES = ("wh:statements-releases/", "wh:articles/", "wh:briefings-state")
CORPUS = "corpora/whitehouse_briefings_ukraine_2022_2025/wh_ukraine_docs.jsonl"
REMARKS_PREFIXES = ("wh:speeches-remarks/", "wh:remarks/")

POOLS: dict[str, Callable[[Document], bool]] = {
    "wrapped": lambda d: bool(
        d.doc_id.startswith(WRAPPED_PREFIXES) and wrap_width(d.text) and reference_spans(d.text)
    ),
    "transcript": lambda d: d.doc_id.startswith("wh:press-briefings/"),
    "remarks": lambda d: bool(d.doc_id.startswith(REMARKS_PREFIXES) and QUESTION_RE.search(d.text)),
}
GROUPS = ("wrapped", "transcript")  # the default samples; `remarks` only when asked


def sample(n: int, seed: int = 0, groups: Sequence[str] = GROUPS) -> dict[str, list]:
    """N hard-wrapped statements and articles with quote marks, and N press briefings (the
    default `groups`); `remarks` draws N speeches and remarks with question turns (press
    conferences, gaggles), a pool no rule or filter was fitted to.

    Samples of different seeds are disjoint (a check on rules tuned on another seed): seed
    k draws from what seeds 0..k-1 left, so seed 0's sample is the one it always was."""
    docs = list(load_corpus("whitehouse", paths.shared_dir()))
    unknown = sorted(set(groups) - set(POOLS))
    if unknown:
        raise ValueError(f"unknown sample group(s) {unknown}; choose from {list(POOLS)}")
    # in POOLS' order, so a seed draws the same documents however the groups are listed
    pools = {name: [d for d in docs if keep(d)] for name, keep in POOLS.items() if name in groups}
    for earlier in range(seed + 1):
        rng = random.Random(earlier)
        drawn = {name: rng.sample(pool, min(n, len(pool))) for name, pool in pools.items()}
        taken = {d.doc_id for group in drawn.values() for d in group}
        pools = {name: [d for d in pool if d.doc_id not in taken] for name, pool in pools.items()}
    return drawn


def _record(name: str, doc, start: int, end: int, **extra: object) -> dict:
    text = doc.text
    return {
        "sample": name,
        "doc_id": doc.doc_id,
        "start": start,
        "end": end,
        "text": text[start:end],
        "before": text[max(0, start - CONTEXT) : start],
        "after": text[end : end + CONTEXT],
        **extra,
    }


def score(docs: list, name: str = "", **options: object) -> tuple[dict, list[dict], list[dict]]:
    """Precision and recall of the found quotes against the regex spans, with the missed
    regex spans and the found quotes as records (sample, doc id, offsets, context)."""
    tp_p = tp_r = n_pred = n_ref = n_turns = n_asked = 0
    misses, found_records = [], []
    for doc in docs:
        units = extract_quotes(doc.text, roles=doc.roles, **options)
        quotes = [q for q in units if q.kind == "quote" and q.parent is None]
        n_turns += sum(q.kind == "turn" for q in units)
        n_asked += sum(q.kind == "turn" and bool(QUESTION_ANY_RE.search(q.text)) for q in units)
        found = [(q.char_start, q.char_end) for q in quotes]
        ref = reference_spans(doc.text)
        tp_p += len(match(found, reference_spans(doc.text, 1), 0.5))
        matched = match(found, ref, 0.5)
        tp_r += len(matched)
        n_pred += len(found)
        n_ref += len(ref)
        hit = {j for _, j in matched}
        hit_by = {i for i, _ in matched}
        misses += [_record(name, doc, *span) for j, span in enumerate(ref) if j not in hit]
        found_records += [
            _record(name, doc, q.char_start, q.char_end, speaker=q.speaker, method=q.method,
                    matched=i in hit_by)
            for i, q in enumerate(quotes)
        ]  # fmt: skip
    scores = {
        "n_docs": len(docs),
        "n_reference": n_ref,
        "n_found": n_pred,
        "n_matched": tp_r,
        "precision": _ratio(tp_p, n_pred),
        "recall": _ratio(tp_r, n_ref),
        "n_turns": n_turns,  # units of speaker turns, not scored here
        "n_turns_asking": n_asked,  # of them, those holding a reporter's question label
    }
    return scores, misses, found_records


def _ratio(part: int, whole: int) -> float | None:
    """A rounded ratio; None when there is nothing to count (an empty sample is no 0.0)."""
    return round(part / whole, 3) if whole else None


def _wilson(part: int, whole: int) -> list[float] | None:
    """The 95% Wilson interval of part / whole, rounded; None when there is nothing to count."""
    if not whole:
        return None
    interval = binomtest(part, whole).proportion_ci(method="wilson")
    return [round(interval.low, 3), round(interval.high, 3)]


def read_classes(path: Path) -> dict[tuple[str, int, int], str]:
    """A hand classification of missed spans: (doc_id, start, end) -> class."""
    return {key: row["class"] for key, row in read_rows(path).items()}


def read_rows(path: Path) -> dict[tuple[str, int, int], dict]:
    """The rows of a hand-classified span file by (doc_id, start, end), classes checked."""
    classes = {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row_number, row in enumerate(rows, start=2):
            try:
                key = (row["doc_id"], int(row["start"]), int(row["end"]))
            except (KeyError, TypeError, ValueError) as error:
                raise DataError(f"{path}: row {row_number}: doc_id/start/end: {error}") from None
            if row.get("class") not in CLASSES:
                raise DataError(
                    f"{path}: row {row_number}: class {row.get('class')!r} not in {CLASSES}"
                )
            classes[key] = row
    return classes


def read_readings(paths_: Sequence[Path]) -> dict[tuple[str, int, int], dict]:
    """Several span readings as one, to score their samples pooled; a span read in two of
    them is refused (which reading would count is not clear)."""
    rows: dict[tuple[str, int, int], dict] = {}
    for path in paths_:
        for key, row in read_rows(path).items():
            if key in rows:
                raise DataError(f"{path}: span {key} is read in an earlier --span-reading file")
            rows[key] = row
    return rows


def speech_recall(scores: dict, misses: list[dict], classes: dict) -> dict:
    """Miss counts by class and recall over `speech` spans (matched / (matched + speech))."""
    counts = Counter(classes.get((m["doc_id"], m["start"], m["end"]), "unclassified")
                     for m in misses)  # fmt: skip
    speech = scores["n_matched"] + counts["speech"]
    return {
        "missed_by_class": dict(sorted(counts.items())),
        "speech_recall": _ratio(scores["n_matched"], speech),
    }


def found_precision(found: list[dict], reading: dict) -> dict:
    """Found quotes by hand class, the share read as `speech` among those read, and, where
    the reading names who spoke, the share of those speech quotes whose speaker holds that
    name (`speaker_right`) and how many of them have no speaker at all (`n_speaker_none`).
    Quotes the reading does not hold are `unread`."""
    counts: Counter[str] = Counter()
    right = named = none = 0
    for quote in found:
        row = reading.get((quote["doc_id"], quote["start"], quote["end"]))
        counts[row["class"] if row else "unread"] += 1
        truth = (row or {}).get("true_speaker") or ""
        if row and row["class"] == "speech" and truth:
            named += 1
            right += names_match(quote.get("speaker"), truth)
            none += not quote.get("speaker")
    read = sum(n for name, n in counts.items() if name != "unread")
    return {
        "found_by_class": dict(sorted(counts.items())),
        "speech_precision": _ratio(counts["speech"], read),
        "speech_precision_ci": _wilson(counts["speech"], read),
        "speaker_right": _ratio(right, named),
        "n_speaker_read": named,
        "n_speaker_none": none,
    }


def speech_recall_read(found: list[dict], misses: list[dict], classes: dict, reading: dict) -> dict:
    """Recall over `speech` spans with both readings: a span matched by a found quote the
    found reading classes otherwise is no speech span (`speech_recall` counts every matched
    span, so dropping a non-speech quote lowers it); a miss the misses reading does not hold
    takes the class of a read found quote that overlaps it by half (a dropped speech quote
    is a speech miss)."""
    matched = [q for q in found if q.get("matched")]
    classed = [reading.get((q["doc_id"], q["start"], q["end"]), {}).get("class") for q in matched]
    hits = sum(c in (None, "speech") for c in classed)
    missed = sum(_miss_class(m, classes, reading) == "speech" for m in misses)
    return {"speech_recall_read": _ratio(hits, hits + missed)}


def _miss_class(miss: dict, classes: dict, reading: dict) -> str | None:
    key = (miss["doc_id"], miss["start"], miss["end"])
    if key in classes:
        return classes[key]
    span = (miss["start"], miss["end"])
    for (doc_id, start, end), row in reading.items():
        if doc_id == miss["doc_id"] and match([span], [(start, end)], 0.5):
            return row["class"]
    return None


def span_reading_scores(
    found: list[dict], misses: list[dict], rows: dict, doc_ids: set[str]
) -> dict:
    """Scores against a blind reading of every regex span of the sample (`--span-reading`),
    made without the extractor, so they hold for any commit: recall over the spans read as
    `speech` (a span is hit unless it is among the misses); each found quote takes the class
    of the read span it overlaps by half (one to one; `unread` when none: a quote under 3
    words or outside marks), and the share of those read that is `speech` and, of the speech
    quotes with a true speaker, the share whose speaker holds that name."""
    missed = {(m["doc_id"], m["start"], m["end"]) for m in misses}
    speech = [key for key, row in rows.items() if key[0] in doc_ids and row["class"] == "speech"]
    by_quote = {}  # each found quote's key -> the row of the read span it overlaps
    for doc_id in sorted(doc_ids):
        keys = [(q["doc_id"], q["start"], q["end"]) for q in found if q["doc_id"] == doc_id]
        read = [(key, row) for key, row in rows.items() if key[0] == doc_id]
        pairs = match([k[1:] for k in keys], [key[1:] for key, _ in read], 0.5)
        by_quote.update({keys[i]: read[j][1] for i, j in pairs})
    hits = sum(key not in missed for key in speech)
    in_sample = [q for q in found if q["doc_id"] in doc_ids]
    return {
        "n_speech_spans": len(speech),
        "speech_recall": _ratio(hits, len(speech)),
        "speech_recall_ci": _wilson(hits, len(speech)),
        **found_precision(in_sample, by_quote),
    }


def reading_agreement(first: dict, second: dict) -> dict:
    """Agreement of two blind span readings on the spans both read: class (share and Cohen's
    kappa) and, where both read `speech` and both name a speaker, the share of names that match."""
    both = sorted(set(first) & set(second))
    classes = [(first[k]["class"], second[k]["class"]) for k in both]
    named = [
        (first[k].get("true_speaker"), second[k].get("true_speaker"))
        for k, pair in zip(both, classes, strict=True)
        if pair == ("speech", "speech")
    ]
    named = [(a, b) for a, b in named if a and b]
    same_name = sum(names_match(a, b) or names_match(b, a) for a, b in named)
    kappa = cohen_kappa_score([a for a, _ in classes], [b for _, b in classes]) if both else None
    return {
        "n_both": len(both),
        "class_agreement": _ratio(sum(a == b for a, b in classes), len(both)),
        "class_kappa": None if kappa is None else round(float(kappa), 3),
        "n_both_named": len(named),
        "speaker_agreement": _ratio(same_name, len(named)),
    }


def corpus_sha256() -> str:
    """Hash of the corpus file the samples are drawn from (logged with the figures)."""
    return hashlib.sha256((paths.shared_dir() / CORPUS).read_bytes()).hexdigest()


def pooled_sample(n: int, seeds: list[int], groups: Sequence[str] = GROUPS) -> dict[str, list]:
    """The samples of several seeds, pooled per group (disjoint, so no document twice)."""
    pooled: dict[str, list] = {}
    for seed in seeds:
        for name, docs in sample(n, seed, groups).items():
            pooled.setdefault(name, []).extend(docs)
    return pooled


def main(
    n: int = 20,
    seed: int | list[int] = 0,
    misses_path: Path | None = None,
    found_path: Path | None = None,
    classes_path: Path | None = None,
    found_classes_path: Path | None = None,
    span_reading_path: Path | Sequence[Path] | None = None,
    second_reading_path: Path | None = None,
    groups: Sequence[str] = GROUPS,
    without_filter: bool = False,
    without: Sequence[str] = (),
    speech_threshold: float | None = None,
) -> dict:
    """Both sample groups, scored with today's extractor and with v1 as users ran it
    (`without_filter`: v2 with the learned span filter off, the rules alone; `without`: v2
    with these rules off; `speech_threshold`: the span filter's threshold instead of the
    fitted one)."""
    for out in (misses_path, found_path):
        if out is not None and Path(out).resolve().is_relative_to(paths.shared_dir().resolve()):
            raise DataError(f"{out}: inside the shared data folder; write outputs elsewhere")
    classes = read_classes(classes_path) if classes_path else None
    reading = read_rows(found_classes_path) if found_classes_path else None
    if isinstance(span_reading_path, (str, Path)):
        span_reading_path = [Path(span_reading_path)]
    span_reading = read_readings(span_reading_path) if span_reading_path else None
    seeds = [seed] if isinstance(seed, int) else list(seed)
    result: dict = {"n": n, "seed": seeds[0] if len(seeds) == 1 else seeds}
    result["corpus_sha256"] = corpus_sha256()
    if span_reading is not None and second_reading_path is not None:
        second = read_rows(second_reading_path)
        result["span_reading_agreement"] = reading_agreement(span_reading, second)
    all_misses, all_found = [], []
    off = set(without) | ({"learned_spans"} if without_filter else set())
    options: dict = {"speech_threshold": speech_threshold}
    if off:
        options["rules"] = replace(VERSIONS["v2"], **dict.fromkeys(off, False))
    for name, docs in pooled_sample(n, seeds, groups).items():
        v2, misses, found = score(docs, name, **options)
        if classes is not None:
            v2.update(speech_recall(v2, misses, classes))
        if reading is not None:
            v2.update(found_precision(found, reading))
        if classes is not None and reading is not None:
            v2.update(speech_recall_read(found, misses, classes, reading))
        if span_reading is not None:
            doc_ids = {d.doc_id for d in docs}
            v2["span_reading"] = span_reading_scores(found, misses, span_reading, doc_ids)
        result[name] = {
            "v2_auto": v2,
            "v1_article": score(docs, name, kind="article", version="v1")[0],
        }
        all_misses += misses
        all_found += found
    for out, records in ((misses_path, all_misses), (found_path, all_found)):
        if out is not None:
            lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
            write_text_atomic(lines, out)
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m stance.extract.reference")
    parser.add_argument("n", nargs="?", type=int, default=20, help="documents per sample")
    parser.add_argument(
        "--seed",
        type=int,
        nargs="+",
        default=[0],
        help="sample seed (samples of different seeds are disjoint); several are pooled",
    )
    parser.add_argument(
        "--groups",
        nargs="+",
        choices=list(POOLS),
        default=list(GROUPS),
        help="which samples to draw: hard-wrapped statements and articles, press briefings, "
        "and (only when named) speeches and remarks with question turns",
    )
    parser.add_argument(
        "--without-filter",
        action="store_true",
        help="score v2 with its learned span filter off (the rules alone), as a baseline",
    )
    parser.add_argument(
        "--without",
        nargs="+",
        default=[],
        choices=[rule.name for rule in fields(Rules)],
        metavar="RULE",
        help="score v2 with these rules (`Rules` fields) off, to see what each one does",
    )
    parser.add_argument(
        "--speech-threshold",
        type=float,
        default=None,
        help="score v2 with the span filter keeping spans at this probability or above instead "
        "of its fitted threshold (choose it out of fold, on the training readings)",
    )
    parser.add_argument("--misses", type=Path, help="JSONL of the regex spans v2 missed")
    parser.add_argument("--found", type=Path, help="JSONL of the quotes v2 found")
    parser.add_argument(
        "--classes", type=Path, help="CSV classifying missed spans (doc_id,start,end,class)"
    )
    parser.add_argument(
        "--found-classes",
        type=Path,
        help="CSV classifying found quotes (doc_id,start,end,class[,true_speaker]): adds the "
        "speech share of the found quotes read and the share with the right speaker",
    )
    parser.add_argument(
        "--span-reading",
        type=Path,
        nargs="+",
        help="CSV reading every regex span of the sample (doc_id,start,end,class[,true_speaker]), "
        "made without the extractor: adds recall, speech share and right speakers against it, "
        "with 95%% Wilson intervals; several files score their seeds pooled",
    )
    parser.add_argument(
        "--second-reading",
        type=Path,
        help="CSV of a second blind reading of some of the --span-reading spans: adds their "
        "class and speaker agreement",
    )
    return parser


if __name__ == "__main__":
    args = _parser().parse_args()
    result = main(
        args.n,
        args.seed,
        args.misses,
        args.found,
        args.classes,
        args.found_classes,
        args.span_reading,
        args.second_reading,
        args.groups,
        args.without_filter,
        args.without,
        args.speech_threshold,
    )
    print(json.dumps(result, indent=2))
