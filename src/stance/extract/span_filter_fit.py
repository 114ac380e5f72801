"""Fit the span filter (`span_filter`) on the hand readings of White House transcripts.

    python -m stance.extract.span_filter_fit [--output PATH] [--plot PNG] [--report-only]
    python -m stance.extract.span_filter_fit --learning-curve

Every span read in docs/extract/ in the press-briefing samples (`transcript`) and in the
speeches and remarks with question turns (`remarks`) becomes one example, `speech` against
the rest, with the features the v2 rules (the filter off) give it. The held-out samples
(`HELD_OUT`: briefing seeds 9-11 and 18-21, remarks seed 2) are never read here. C and the
threshold are chosen by 5-fold cross-validation grouped by document: the threshold that
maximises F1 over the samples whose every span was read (briefing seeds 6-8 and 12-17,
remarks seeds 0-1), deciding every span as the extractor does. The JSON report gives those
out-of-fold figures, pooled and by sample, beside the rules' own on the same spans; the
model (fitted on every example with the chosen C) is written to the package unless
`--report-only`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from stance.extract.extractor import extract_quotes
from stance.extract.reference import GROUPS, corpus_sha256, read_rows, sample
from stance.extract.rules import VERSIONS
from stance.extract.span_filter import (
    MODEL_PATH,
    RuleView,
    SpanFilter,
    covering,
    marked_spans,
    span_features,
)

READINGS = Path(__file__).resolve().parents[3] / "docs" / "extract"
# Later files win: the blind readings of every span are read last.
PARTIAL = ("wh_reference_misses.csv", "wh_found_reading.csv", "wh_reference_found_check.csv")
FULL = ("wh_span_reading.csv", "wh_span_reading_12_17.csv", "wh_span_reading_remarks.csv")
# scored, never fitted on: sample -> seeds
HELD_OUT = {"transcript": frozenset({9, 10, 11, 18, 19, 20, 21}), "remarks": frozenset({2})}
# how each sample's documents were drawn: documents a seed, and `reference.sample`'s groups
# (the default groups draw the briefings, so they must be asked for to draw the same ones)
DRAWS = {"transcript": (20, GROUPS), "remarks": (50, ("remarks",))}
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.71, 0.05))
FOLDS = 5
CURVE_SHARES = (0.4, 0.6, 0.8, 1.0)
CURVE_KEYS = ("roc_auc", "f1", "recall", "precision")


@dataclass
class Examples:
    features: list[list[str]]
    speech: np.ndarray
    found: np.ndarray  # the rules (filter off) found a quote over the span
    full: np.ndarray  # the span's sample had every span read
    groups: list[str]
    seeds: list[int]
    samples: list[str]  # `transcript` (press briefings) or `remarks`


def read_labels(folder: Path = READINGS) -> tuple[dict, set[tuple[str, int]]]:
    """(doc_id, start, end) -> (class, (sample, seed)) for every read span of the briefing
    and remarks samples outside the held-out seeds, and the (sample, seed)s whose every span
    was read."""
    labels, full = {}, set()
    for name in PARTIAL + FULL:
        for key, row in read_rows(folder / name).items():
            source = (row["sample"], int(row["seed"]))
            if source[0] in HELD_OUT and source[1] not in HELD_OUT[source[0]]:
                labels[key] = (row["class"], source)
                full |= {source} if name in FULL else set()
    return labels, full


def examples(labels: dict, full_sources: set[tuple[str, int]]) -> Examples:
    """Features of every read span, from the v2 rules' output with the filter off."""
    rules = replace(VERSIONS["v2"], learned_spans=False)
    features, speech, found, groups, sources = [], [], [], [], []
    for name, seed in sorted({source for _, source in labels.values()}):
        n, drawn_with = DRAWS[name]
        for doc in sample(n, seed, drawn_with)[name]:
            quotes = extract_quotes(doc.text, roles=doc.roles, rules=rules)
            top = [q for q in quotes if q.kind == "quote" and q.parent is None]
            spans = marked_spans(doc.text)
            cover = covering(top, spans)
            for j, (start, end) in enumerate(spans):
                label = labels.get((doc.doc_id, start, end))
                if label is None:
                    continue
                quote = top[cover[j]] if j in cover else None
                features.append(span_features(doc.text, start, end, RuleView.of(quote)))
                speech.append(label[0] == "speech")
                found.append(quote is not None)
                groups.append(doc.doc_id)
                sources.append((name, seed))
    full = np.array([source in full_sources for source in sources])
    seeds, samples = [seed for _, seed in sources], [name for name, _ in sources]
    return Examples(features, np.array(speech), np.array(found), full, groups, seeds, samples)


def scores(decided: np.ndarray, data: Examples, only: str | None = None) -> dict:
    """Recall and precision over the spans of the fully read samples (of one kind: `only`)."""
    rows = data.full & (np.array(data.samples) == only) if only else data.full
    y, keep = data.speech[rows], decided[rows]
    tp = int((keep & y).sum())
    recall, precision = tp / max(int(y.sum()), 1), tp / max(int(keep.sum()), 1)
    f1 = 2 * recall * precision / (recall + precision) if tp else 0.0
    return {"recall": round(recall, 3), "precision": round(precision, 3), "f1": round(f1, 3),
            "speech_kept": tp, "kept": int(keep.sum()), "speech": int(y.sum())}  # fmt: skip


def out_of_fold(data: Examples, c: float) -> np.ndarray:
    """Speech probabilities of each span from a model fitted on the other folds."""
    from sklearn.model_selection import GroupKFold

    p = np.zeros(len(data.speech))
    for train, held in GroupKFold(n_splits=FOLDS).split(data.features, groups=data.groups):
        model = SpanFilter.fit([data.features[i] for i in train], data.speech[train], c, 0.5)
        p[held] = [model.predict_proba(data.features[i]) for i in held]
    return p


def choose(data: Examples) -> dict:
    """The C and threshold with the best out-of-fold F1, and every candidate's figures."""
    from sklearn.metrics import roc_auc_score

    candidates, probabilities = [], {}
    for c in C_GRID:
        p = probabilities[c] = out_of_fold(data, c)
        auc = round(float(roc_auc_score(data.speech, p)), 3)
        for t in THRESHOLDS:
            candidates.append({"c": c, "threshold": t, "roc_auc": auc, **scores(p >= t, data)})
    best = max(candidates, key=lambda row: (row["f1"], -row["c"], row["threshold"]))
    p = probabilities[best["c"]]
    by_sample = {
        name: {"rules_alone": scores(data.found, data, name),
               "cross_validated": scores(p >= best["threshold"], data, name)}
        for name in sorted(set(data.samples))
    }  # fmt: skip
    return {"chosen": best, "by_sample": by_sample, "candidates": candidates, "p": p}


def plot_study(data: Examples, p: np.ndarray, best: dict, path: Path) -> None:
    """The out-of-fold precision-recall curve over the fully read seeds, with the rules'
    point and the chosen threshold's."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import PrecisionRecallDisplay

    rules = scores(data.found, data)
    display = PrecisionRecallDisplay.from_predictions(
        data.speech[data.full], p[data.full], name="span filter (out of fold)"
    )
    ax = display.ax_
    ax.plot(rules["recall"], rules["precision"], "s", label="the rules alone")
    ax.plot(best["recall"], best["precision"], "o", label=f"threshold {best['threshold']}")
    ax.axhline(0.9, color="grey", lw=0.5)
    ax.axvline(0.9, color="grey", lw=0.5)
    ax.set_title("Which quoted spans of briefings and remarks are said words")
    ax.legend(loc="lower left")
    partial = path.with_name(f".{path.name}.partial")  # renamed only once whole
    display.figure_.savefig(partial, dpi=120, bbox_inches="tight", format="png")
    plt.close(display.figure_)
    partial.replace(path)


def learning_curve(data: Examples, c: float, threshold: float) -> list[dict]:
    """Out-of-fold figures with each training fold cut to a share of its briefings (three
    draws a share, the same folds): does more reading still pay?"""
    import random

    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    curve = []
    folds = list(GroupKFold(n_splits=FOLDS).split(data.features, groups=data.groups))
    for share in CURVE_SHARES:
        runs = []
        for draw in range(1 if share == 1.0 else 3):
            p = np.zeros(len(data.speech))
            for train, held in folds:
                docs = sorted({data.groups[i] for i in train})
                random.Random(draw).shuffle(docs)
                kept = set(docs[: int(len(docs) * share)])
                rows = [i for i in train if data.groups[i] in kept]
                model = SpanFilter.fit([data.features[i] for i in rows], data.speech[rows], c, 0)
                p[held] = [model.predict_proba(data.features[i]) for i in held]
            auc = roc_auc_score(data.speech, p)
            runs.append({"roc_auc": auc, **scores(p >= threshold, data)})
        means = {k: round(float(np.mean([r[k] for r in runs])), 3) for k in CURVE_KEYS}
        curve.append({"share": share, **means})
    return curve


def _by_sample(sources: set[tuple[str, int]]) -> dict[str, list[int]]:
    """{(sample, seed)} -> sample -> its sorted seeds (for the report)."""
    return {
        name: sorted(s for n, s in sources if n == name) for name in sorted({n for n, _ in sources})
    }


def _sha256(paths_: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths_:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fit(folder: Path = READINGS, plot: Path | None = None) -> tuple[SpanFilter, dict]:
    labels, full_sources = read_labels(folder)
    data = examples(labels, full_sources)
    study = choose(data)
    if plot is not None:
        plot_study(data, study["p"], study["chosen"], plot)
    best = study["chosen"]
    report = {
        "n_spans": len(data.speech),
        "n_speech": int(data.speech.sum()),
        "seeds": _by_sample(set(zip(data.samples, data.seeds, strict=True))),
        "fully_read_seeds": _by_sample(full_sources),
        "held_out_seeds": {name: sorted(seeds) for name, seeds in HELD_OUT.items()},
        "readings_sha256": _sha256([folder / name for name in PARTIAL + FULL]),
        "corpus_sha256": corpus_sha256(),
        "rules_alone": scores(data.found, data),
        "cross_validated": best,
        "by_sample": study["by_sample"],
    }
    model = SpanFilter.fit(data.features, data.speech, best["c"], best["threshold"], report)
    return model, {**report, "candidates": study["candidates"]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH, help="where the model goes")
    parser.add_argument(
        "--report-only", action="store_true", help="print the study, write no model"
    )
    parser.add_argument(
        "--plot", type=Path, default=None, help="also draw the precision-recall curve (PNG)"
    )
    parser.add_argument(
        "--learning-curve",
        action="store_true",
        help="print out-of-fold figures for 40-100%% of the training briefings (the shipped "
        "model's C and threshold), write no model",
    )
    args = parser.parse_args(argv)
    inputs = {(READINGS / name).resolve() for name in PARTIAL + FULL}
    for option, path in (("--output", args.output), ("--plot", args.plot)):
        if path is not None and path.resolve() in inputs:
            parser.error(f"{option} {path} is one of the readings the model is fitted on")
    if args.learning_curve:
        shipped = SpanFilter.load(MODEL_PATH)
        data = examples(*read_labels())
        curve = learning_curve(data, shipped.meta["cross_validated"]["c"], shipped.threshold)
        print(json.dumps(curve, indent=2))
        return
    model, report = fit(plot=args.plot)
    if not args.report_only:
        model.save(args.output)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
