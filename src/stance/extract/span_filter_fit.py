"""Fit the span filter (`span_filter`) on the hand readings of White House transcripts.

    python -m stance.extract.span_filter_fit [--output PATH] [--plot PNG] [--report-only]
    python -m stance.extract.span_filter_fit --learning-curve

Every transcript span read in docs/extract/ becomes one example, `speech` against the rest,
with the features the v2 rules (the filter off) give it. Seeds 9-11 and 18-21 are the
held-out samples and are never read here. C and the threshold are chosen by 5-fold
cross-validation grouped by document: the threshold that maximises F1 over the samples whose
every span was read (seeds 6-8 and 12-17), deciding every span as the extractor does. The
JSON report gives those out-of-fold figures beside the rules' own on the same spans; the
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
from stance.extract.reference import corpus_sha256, read_rows, sample
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
FULL = ("wh_span_reading.csv", "wh_span_reading_12_17.csv")
HELD_OUT = frozenset({9, 10, 11, 18, 19, 20, 21})  # scored, never fitted on
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


def read_labels(folder: Path = READINGS) -> tuple[dict, set[int]]:
    """(doc_id, start, end) -> (class, seed) for every read transcript span outside the
    held-out seeds, and the seeds whose every span was read."""
    labels, full = {}, set()
    for name in PARTIAL + FULL:
        for key, row in read_rows(folder / name).items():
            seed = int(row["seed"])
            if row["sample"] == "transcript" and seed not in HELD_OUT:
                labels[key] = (row["class"], seed)
                full |= {seed} if name in FULL else set()
    return labels, full


def examples(labels: dict, full_seeds: set[int]) -> Examples:
    """Features of every read span, from the v2 rules' output with the filter off."""
    rules = replace(VERSIONS["v2"], learned_spans=False)
    features, speech, found, groups, seeds = [], [], [], [], []
    for seed in sorted({seed for _, seed in labels.values()}):
        for doc in sample(20, seed)["transcript"]:
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
                seeds.append(seed)
    full = np.array([seed in full_seeds for seed in seeds])
    return Examples(features, np.array(speech), np.array(found), full, groups, seeds)


def scores(decided: np.ndarray, data: Examples) -> dict:
    """Recall and precision over the spans of the fully read samples."""
    y, keep = data.speech[data.full], decided[data.full]
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
    return {"chosen": best, "candidates": candidates, "p": probabilities[best["c"]]}


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
    ax.set_title("Which quoted spans of briefings are said words")
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


def _sha256(paths_: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths_:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fit(folder: Path = READINGS, plot: Path | None = None) -> tuple[SpanFilter, dict]:
    labels, full_seeds = read_labels(folder)
    data = examples(labels, full_seeds)
    study = choose(data)
    if plot is not None:
        plot_study(data, study["p"], study["chosen"], plot)
    best = study["chosen"]
    report = {
        "n_spans": len(data.speech),
        "n_speech": int(data.speech.sum()),
        "seeds": sorted(set(data.seeds)),
        "fully_read_seeds": sorted(full_seeds),
        "held_out_seeds": sorted(HELD_OUT),
        "readings_sha256": _sha256([folder / name for name in PARTIAL + FULL]),
        "corpus_sha256": corpus_sha256(),
        "rules_alone": scores(data.found, data),
        "cross_validated": best,
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
