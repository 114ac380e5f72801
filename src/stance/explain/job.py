"""`stance explain`: pick rows of a quote file, predict, explain, write the HTML report.

The input is read and checked as `stance predict` reads it (same one-line errors),
and the probabilities shown are the logged model's, through the same pyfunc.
Rows are picked in one of three ways: the first N in file order, a seeded random
sample (shown in file order), or misclassified rows first (needs a gold column).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from stance.data.io import read_table, remove_stale_temporaries, write_text_atomic
from stance.data.schema import check_text
from stance.errors import DataError, ModelError, UsageError
from stance.explain.report import QuoteView, render_report
from stance.explain.words import Explanation, top_terms_by_class
from stance.predict.local import check_frame, load_model, predict_frame
from stance.predict.options import DEFAULT_TARGET_COLUMN, DEFAULT_TEXT_COLUMN

PICKS = ("first", "random", "errors")
GOLD_COLUMNS = ("label", "stance")  # the first one present holds the gold label
DEFAULT_ROWS = 20
REPORT_SUFFIXES = (".html", ".htm")
PICKED = {
    "first": "the first rows",
    "random": "a random sample (seed {seed})",
    "errors": "misclassified rows first",
}


@dataclass
class ExplainOptions:
    """Which rows `explain_file` explains, and how."""

    n: int = DEFAULT_ROWS  # rows to explain
    pick: str = "first"  # first | random (seeded) | errors (misclassified first)
    seed: int = 0  # seed of the random pick
    text_column: str = DEFAULT_TEXT_COLUMN
    target_column: str = DEFAULT_TARGET_COLUMN
    steps: int = 32  # transformers: integrated-gradient steps


@dataclass
class ExplainSummary:
    rows: int  # rows explained
    of: int  # rows in the input
    misclassified: int | None  # among those explained; None without a gold column
    output: Path


def check_report_paths(input_path: Path, output_path: Path) -> None:
    if output_path.suffix.lower() not in REPORT_SUFFIXES:
        raise UsageError(f"{output_path}: the report is HTML; --output must end in .html")
    if output_path.is_dir():
        raise DataError(f"{output_path}: is a folder; --output must name a file")
    if output_path.resolve() == input_path.resolve() or (
        output_path.exists() and output_path.samefile(input_path)
    ):
        raise DataError(f"{output_path}: the output would overwrite the input")


def _explainer(classifier, steps: int):
    """The explain function for the classifier's kind, and a line saying what it computes."""
    from stance.models.baselines import SklearnStanceClassifier

    if isinstance(classifier, SklearnStanceClassifier):
        from stance.explain.tfidf import explain_tfidf

        method = (
            "TF-IDF: each n-gram's push is its coefficient × its TF-IDF value (logistic "
            "regression: logit minus mean logit; calibrated LinearSVC: the folds' averaged "
            "one-vs-rest decision score); an n-gram's push is shared by the words it spans."
        )
        return explain_tfidf, method
    try:
        from stance.models.transformer import TransformerStanceClassifier
    except ImportError:
        TransformerStanceClassifier = ()  # without transformers there is no such model
    if isinstance(classifier, TransformerStanceClassifier):
        if classifier.cfg.target_mode not in ("pair", "none"):
            # One pass per (quote, label description) pair: no single logit to attribute.
            raise ModelError(
                f"stance explain covers transformers that read the quote (target_mode pair or "
                f"none), not target_mode {classifier.cfg.target_mode}"
            )
        from stance.explain.transformer import explain_transformer

        method = (
            f"Transformer: integrated gradients ({steps} steps, captum LayerIntegratedGradients) "
            "on the word embeddings, from a [PAD] baseline, of the class's logit minus the mean "
            "logit; word pieces summed into words."
        )
        return functools.partial(explain_transformer, steps=steps), method
    raise ModelError(
        f"stance explain covers TF-IDF and transformer models, not {type(classifier).__name__}"
    )


def _classifier(model, model_uri: str):
    classifier = getattr(model.unwrap_python_model(), "classifier", None)
    if classifier is None:
        raise ModelError(f"{model_uri} is not a stance model (no classifier inside)")
    return classifier


def _model_input(frame: pd.DataFrame, options: ExplainOptions) -> pd.DataFrame:
    model_input = pd.DataFrame({"text": frame[options.text_column].astype(str).to_numpy()})
    if options.target_column in frame.columns:
        model_input["target"] = frame[options.target_column].astype(str).to_numpy()
    return model_input


def pick_rows(
    frame: pd.DataFrame, options: ExplainOptions, gold: pd.Series | None, model
) -> tuple[np.ndarray, pd.DataFrame | None]:
    """Positions of the rows to explain; for `errors`, also the predictions of every row."""
    count = min(options.n, len(frame))
    if options.pick == "first":
        return np.arange(count), None
    if options.pick == "random":
        rng = np.random.default_rng(options.seed)
        return np.sort(rng.choice(len(frame), size=count, replace=False)), None
    if gold is None:
        raise UsageError(f"--pick errors needs a gold column ({' or '.join(GOLD_COLUMNS)})")
    predicted = predict_frame(model, frame, options.text_column, options.target_column)
    wrong = (predicted["label"].to_numpy() != gold.to_numpy()).astype(int)
    order = np.argsort(-wrong, kind="stable")  # misclassified first, each part in file order
    return order[:count], predicted


def _views(
    chosen: pd.DataFrame,
    rows: np.ndarray,
    explanations: list[Explanation],
    predictions: pd.DataFrame,
    labels: list[str],
    gold: pd.Series | None,
    options: ExplainOptions,
) -> list[QuoteView]:
    def cell(column: str, i: int) -> str:
        return str(chosen[column].iloc[i]) if column in chosen.columns else ""

    return [
        QuoteView(
            row=int(position) + 1,
            explanation=explanation,
            probabilities={label: float(predictions[f"p_{label}"].iloc[i]) for label in labels},
            gold=None if gold is None else gold.iloc[position],
            row_id=cell("id", i),
            target=cell(options.target_column, i),
        )
        for i, (position, explanation) in enumerate(zip(rows, explanations, strict=True))
    ]


def explain_file(
    model_uri: str,
    input_path: str | Path,
    output_path: str | Path,
    options: ExplainOptions | None = None,
) -> ExplainSummary:
    """Explain the predictions of `model_uri` for rows of `input_path` in an HTML report."""
    options = options or ExplainOptions()
    input_path, output_path = Path(input_path), Path(output_path)
    if options.pick not in PICKS:
        raise UsageError(f"--pick must be one of {', '.join(PICKS)}, not {options.pick!r}")
    check_report_paths(input_path, output_path)
    frame = read_table(input_path)
    where = str(input_path)
    check_frame(frame, options.text_column, where)
    check_text(frame[options.text_column], where, options.text_column)
    if not len(frame):
        raise DataError(f"{where}: no rows to explain")
    gold_column = next((c for c in GOLD_COLUMNS if c in frame.columns), None)
    gold = frame[gold_column].astype(str) if gold_column else None
    model = load_model(model_uri)
    classifier = _classifier(model, model_uri)
    explain, method = _explainer(classifier, options.steps)
    rows, every = pick_rows(frame, options, gold, model)
    chosen = frame.iloc[rows].reset_index(drop=True)
    if every is None:
        predictions = predict_frame(model, chosen, options.text_column, options.target_column)
    else:
        predictions = every.iloc[rows].reset_index(drop=True)
    labels = list(classifier.labels)
    explanations = explain(classifier, _model_input(chosen, options), list(predictions["label"]))
    views = _views(chosen, rows, explanations, predictions, labels, gold, options)
    misclassified = None if gold is None else sum(v.gold != v.explanation.label for v in views)
    summaries = [
        ("Per class: what pushed the quotes predicted as it", top_terms_by_class(explanations))
    ]
    if hasattr(classifier, "models_"):
        from stance.explain.tfidf import top_weights

        summaries.append(("Per class: the model's largest n-gram weights", top_weights(classifier)))
    header = {
        "model": model_uri,
        "input": str(input_path),
        "rows": f"{len(views)} of {len(frame)}: {PICKED[options.pick].format(seed=options.seed)}"
        + ("" if misclassified is None else f"; {misclassified} misclassified"),
        "gold column": gold_column or "none",
    }
    document = render_report(views, labels, header, method, summaries)
    remove_stale_temporaries(output_path, keep=[input_path])
    write_text_atomic(document, output_path)
    return ExplainSummary(len(views), len(frame), misclassified, output_path)
