"""`stance compare`: a table of runs with confidence intervals and paired significance tests.

Every training run stores its per-row predictions (`predictions/<split>.csv`) and
the content hash of each split (tag `data.<split>.sha256`), so runs can be
compared later without retraining. Runs scored on different test sets are
refused. A parent run (several seeds) contributes its child runs.
"""

from __future__ import annotations

import io
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mlflow
import numpy as np
import pandas as pd
import yaml
from mlflow.tracking import MlflowClient

from stance import tracking
from stance.data.io import write_table
from stance.errors import StanceError
from stance.evaluation.plots import close, curves_figure, interval_bars_figure
from stance.evaluation.significance import (
    CI_METRICS,
    bootstrap_ci,
    encode,
    holm,
    mcnemar,
    metric_delta,
    paired_bootstrap,
)

KEY_PARAMS = (
    "model.kind",
    "model.backbone",
    "model.C",
    "model.target_mode",
    "decision.rule",
    "training.seed",
)
METRIC_COLUMNS = ["accuracy", "macro_f1", "f_avg"]
CURVE_FILE = "learning_curve.csv"  # `stance label simulate`: one row per round and seed
CURVE_TAG = "stance.learning_curve"
GROUP_COLUMN = "speaker_group"  # written into predictions/<split>.csv when data.group_by is set
# v1's rare class meant "a Russian official speaking": its F1 outside that group is shown
OUTSIDE_GROUP = "russia_belarus"


@dataclass
class RunPredictions:
    run_id: str
    name: str
    params: dict[str, str]
    labels: list[str]
    stance: list[int]
    data_hash: str
    table: pd.DataFrame = field(repr=False)


def _top_level_runs(ref: str, client: MlflowClient) -> list:
    """A run id, or an experiment name (its finished top-level runs)."""
    try:
        runs = [client.get_run(ref)]
    except Exception:
        experiment = client.get_experiment_by_name(ref)
        if experiment is None:
            raise StanceError(f"{ref!r} is neither a run id nor an experiment name") from None
        runs = client.search_runs(
            [experiment.experiment_id],
            "attributes.status = 'FINISHED'",
            order_by=["attributes.start_time ASC"],
        )
        # Child runs come through their parent; evaluation runs hold no training predictions.
        skip = ("mlflow.parentRunId", "stance.evaluated_model")
        runs = [r for r in runs if not any(tag in r.data.tags for tag in skip)]
    return runs


def _children(run, client: MlflowClient) -> list:
    children = run.data.tags.get("stance.child_runs")
    return [client.get_run(c) for c in children.split(",")] if children else []


def latest_runs(experiment: str) -> dict[str, Any]:
    """The latest finished training run of each run name in an MLflow experiment, by name
    (a run of several seeds counts by its last seed's child run, which holds predictions);
    empty when the experiment does not exist or has no finished runs."""
    tracking.configure()
    client = MlflowClient()
    if client.get_experiment_by_name(experiment) is None:
        return {}
    latest = {}
    for run in _top_level_runs(experiment, client):  # oldest first: later runs win
        children = _children(run, client)
        latest[run.data.tags.get("mlflow.runName", run.info.run_id[:8])] = (children or [run])[-1]
    return latest


def epoch_history(run_id: str) -> pd.DataFrame:
    """The per-epoch metrics a run logged (`epoch_*`, one step per epoch) as a long table:
    epoch, metric, value. Empty for models that train in one step (the TF-IDF baselines)."""
    tracking.configure()
    client = MlflowClient()
    names = sorted(k for k in client.get_run(run_id).data.metrics if k.startswith("epoch_"))
    rows = [
        {"epoch": point.step, "metric": name, "value": point.value}
        for name in names
        for point in client.get_metric_history(run_id, name)
    ]
    return pd.DataFrame(rows, columns=["epoch", "metric", "value"])


def _parent_row(parent, children: list[RunPredictions], split: str) -> dict[str, str]:
    """A parent (several seeds): mean ± sd of its children's metrics."""
    row = {"run": parent.data.tags.get("mlflow.runName", parent.info.run_id[:8])}
    row["run_id"] = parent.info.run_id[:8]
    row.update({k: v for k, v in children[0].params.items() if k != "training.seed"})
    row["training.seed"] = f"{len(children)} seeds"
    for metric in ("accuracy", "macro_f1", "f_avg"):
        mean = parent.data.metrics.get(f"{split}_{metric}_mean")
        sd = parent.data.metrics.get(f"{split}_{metric}_std")
        row[metric] = "" if mean is None else f"{100 * mean:.1f} ± {100 * (sd or 0):.1f}"
    return row


def load_predictions(run, split: str) -> RunPredictions:
    uri = f"runs:/{run.info.run_id}"
    name = run.data.tags.get("mlflow.runName", run.info.run_id[:8])
    try:
        table = pd.read_csv(mlflow.artifacts.download_artifacts(f"{uri}/predictions/{split}.csv"))
        config = yaml.safe_load(mlflow.artifacts.load_text(f"{uri}/config.yaml"))
    except Exception:
        raise StanceError(f"run {name} ({run.info.run_id}) has no {split} predictions") from None
    labels = list(config["data"]["labels"])
    neutral = config["data"]["neutral_label"]
    stance = [i for i, label in enumerate(labels) if label != neutral]
    params = {k: run.data.params.get(k, "") for k in KEY_PARAMS if run.data.params.get(k)}
    for key, value in run.data.params.items():  # what a search picked overrides the config
        if key.startswith("selected."):
            params[key.replace("selected.", "model.")] = value
    data_hash = run.data.tags.get(f"data.{split}.sha256", "")
    table = table.astype({"id": str, "gold": str, "pred": str}).sort_values("id")
    return RunPredictions(run.info.run_id, name, params, labels, stance, data_hash, table)


def check_same_test_set(runs: list[RunPredictions], split: str) -> None:
    first = runs[0]
    for other in runs[1:]:
        if other.data_hash != first.data_hash or other.labels != first.labels:
            raise StanceError(
                f"runs {first.name} and {other.name} were scored on different {split} sets "
                f"(data hash {first.data_hash[:12]} vs {other.data_hash[:12]}); "
                "compare runs on the same data only"
            )
        if other.table["id"].tolist() != first.table["id"].tolist():
            raise StanceError(f"runs {first.name} and {other.name} predicted different rows")


NO_PAIRS = "one run: no pairs to test"
PAIR_METRICS = ("f_avg", "macro_f1")  # paired bootstrap; accuracy has McNemar's test
P_COLUMNS = ("p_f_avg", "p_macro_f1", "p_accuracy")
ALPHA = 0.05


@dataclass
class Comparison:
    """`pairs` holds numbers: Δ in percentage points (A - B), Holm-corrected p-values,
    `significant` (p_f_avg < 0.05); `markdown()` formats them."""

    split: str
    table: pd.DataFrame
    pairs: pd.DataFrame
    intervals: dict = field(default_factory=dict)  # run id -> F_avg interval
    curve_runs: list = field(default_factory=list)  # `stance label simulate` parents
    names: dict = field(default_factory=dict)  # run id -> its name, unique among the runs

    def markdown(self) -> str:
        lines = [f"Split `{self.split}`; 95% bootstrap intervals in brackets.", ""]
        lines += _markdown(self.table)
        if len(self.pairs):
            lines += ["", f"Paired tests (Holm-corrected p; * p < {ALPHA:g}):", ""]
            lines += _markdown(_formatted_pairs(self.pairs))
        else:
            lines += ["", NO_PAIRS]
        return "\n".join(lines) + "\n"

    def labelled_intervals(self) -> dict:
        """The F_avg intervals by run name (with its id where two runs share a name)."""
        return {self.names.get(run_id, run_id): ci for run_id, ci in self.intervals.items()}


def _formatted_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """The paired tests as the Markdown table shows them: Δ to one decimal, starred p."""
    shown = pd.DataFrame({"A": pairs["A"], "B": pairs["B"]})
    for metric in PAIR_METRICS:
        shown[f"Δ{metric}"] = [f"{d:+.1f}" for d in pairs[f"Δ{metric}"]]
        shown[f"p_{metric}"] = [_starred(p) for p in pairs[f"p_{metric}"]]
    shown["p_accuracy"] = [_starred(p) for p in pairs["p_accuracy"]]
    return shown


def _starred(p: float) -> str:
    return f"{p:.2g}{'*' if p < ALPHA else ''}"


def unique_names(runs: list[RunPredictions]) -> dict[str, str]:
    """Run id -> run name, with the short id added to names that several runs share."""
    counts = pd.Series([r.name for r in runs]).value_counts()
    return {r.run_id: r.name if counts[r.name] == 1 else f"{r.name} ({r.run_id[:8]})" for r in runs}


def _markdown(frame: pd.DataFrame) -> list[str]:
    rows = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    rows += ["| " + " | ".join(map(str, r)) + " |" for r in frame.itertuples(index=False)]
    return rows


def _interval(ci) -> str:
    return f"{100 * ci.estimate:.1f} [{100 * ci.low:.1f}, {100 * ci.high:.1f}]"


def compare(
    refs: list[str], split: str = "test", resamples: int = 1000, seed: int = 0
) -> Comparison:
    """Score every run on the same split, with intervals and pairwise tests."""
    tracking.configure()
    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    client = MlflowClient()
    runs, parents = [], []
    seen: set[str] = set()  # a run named twice (by id and by its experiment) counts once
    for ref in refs:
        for top in _top_level_runs(ref, client):
            if top.info.run_id in seen:
                continue
            seen.add(top.info.run_id)
            children = [load_predictions(c, split) for c in _children(top, client)]
            if children:
                parents.append((top, children))
            runs += children or [load_predictions(top, split)]
    if not runs:
        raise StanceError("no finished runs to compare")
    check_same_test_set(runs, split)
    labels, stance = runs[0].labels, runs[0].stance
    gold = encode(labels, runs[0].table["gold"])[0]
    preds = [encode(labels, r.table["pred"])[0] for r in runs]
    rows = []
    breakdown = Breakdown.of(runs[0].table, labels, stance)
    for run, pred in zip(runs, preds, strict=True):
        row = {"run": run.name, "run_id": run.run_id[:8], **run.params}
        row["accuracy"] = f"{100 * float(np.mean(pred == gold)):.1f}"
        for metric in CI_METRICS:
            ci = bootstrap_ci(metric, gold, pred, len(labels), stance, resamples, 0.95, seed)
            row[metric] = _interval(ci)
            row[f"_{metric}"] = ci
        row.update(breakdown.scores(run.table))
        rows.append(row)
    intervals = {run.run_id: row["_f_avg"] for run, row in zip(runs, rows, strict=True)}
    baseline = breakdown.baseline_row(client.get_run(runs[0].run_id).data.metrics, split)
    names = unique_names(runs)
    pairs = _pairwise(runs, names, preds, gold, len(labels), stance, resamples, seed)
    rows += [_parent_row(parent, children, split) for parent, children in parents]
    rows += [baseline] if baseline else []
    table = pd.DataFrame(rows).fillna("")
    shown = (*METRIC_COLUMNS, *breakdown.columns)
    params = [c for c in table.columns if c not in ("run", "run_id", *shown)]
    params = sorted((c for c in params if not c.startswith("_")), key=_param_order)
    table = table[["run", "run_id", *params, *METRIC_COLUMNS, *breakdown.columns]]
    curve_runs = [top.info.run_id for top, _ in parents if CURVE_TAG in top.data.tags]
    return Comparison(split, table, pairs, intervals, curve_runs, names)


@dataclass
class Breakdown:
    """F1 per class, macro-F1 per speaker group, and F1 of the rarest stance class in each
    group that has it and outside Russia and Belarus, from the stored predictions; the
    'who speaks' baseline's logged scores as a row of its own."""

    labels: list[str]
    group_column: str | None
    groups: list[str]
    rare: str | None
    rare_groups: list[str]

    @classmethod
    def of(cls, table: pd.DataFrame, labels: list[str], stance: list[int]) -> Breakdown:
        column = GROUP_COLUMN if GROUP_COLUMN in table.columns else None
        groups = sorted(table[column].astype(str).unique()) if column else []
        counts = table["gold"].value_counts()
        present = [labels[i] for i in stance if counts.get(labels[i], 0)]
        rare = min(present, key=lambda lab: counts[lab]) if present else None
        rare_groups = []
        if column and rare:
            rare_groups = sorted(table.loc[table["gold"] == rare, column].astype(str).unique())
        return cls(labels, column, groups, rare, rare_groups)

    @property
    def columns(self) -> list[str]:
        columns = [f"F1 {label}" for label in self.labels]
        columns += [f"macro_f1 · {group}" for group in self.groups]
        columns += [f"F1 {self.rare} · {group}" for group in self.rare_groups]
        if OUTSIDE_GROUP in self.rare_groups:
            columns.append(f"F1 {self.rare} · not {OUTSIDE_GROUP}")
        return columns

    def scores(self, table: pd.DataFrame) -> dict[str, str]:
        """The breakdown of one run's stored predictions (`gold`, `pred`, groups)."""
        from stance.evaluation.groups import group_metrics
        from stance.evaluation.metrics import classification_metrics

        gold, pred = table["gold"], table["pred"]
        overall = classification_metrics(gold, pred, self.labels, self.labels[-1])
        row = {f"F1 {label}": _percent(overall[f"f1_{label}"]) for label in self.labels}
        if self.group_column:
            scored = group_metrics(gold, pred, table[self.group_column].astype(str), self.labels)
            row.update(self._group_cells(scored, "group_"))
        return row

    def _group_cells(self, metrics: dict[str, float], prefix: str) -> dict[str, str]:
        row = {
            f"macro_f1 · {group}": _percent(metrics.get(f"{prefix}{group}_macro_f1"))
            for group in self.groups
        }
        for group in self.rare_groups:
            key = f"{prefix}{group}_f1_{self.rare}"
            row[f"F1 {self.rare} · {group}"] = _percent(metrics.get(key))
        if OUTSIDE_GROUP in self.rare_groups:
            key = f"{prefix}not_{OUTSIDE_GROUP}_f1_{self.rare}"
            row[f"F1 {self.rare} · not {OUTSIDE_GROUP}"] = _percent(metrics.get(key))
        return row

    def baseline_row(self, metrics: dict[str, float], split: str) -> dict[str, str]:
        """The 'who speaks' baseline's scores, as logged with the first run."""
        prefix = f"{split}_who_speaks_"
        if f"{prefix}macro_f1" not in metrics:
            return {}
        row = {"run": "who speaks (baseline)", "run_id": ""}
        for metric in METRIC_COLUMNS:
            row[metric] = _percent(metrics.get(prefix + metric))
        for label in self.labels:
            row[f"F1 {label}"] = _percent(metrics.get(f"{prefix}f1_{label}"))
        return {**row, **self._group_cells(metrics, f"{prefix}group_")}


def _percent(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}"


def _param_order(name: str) -> tuple[int, str]:
    return (KEY_PARAMS.index(name) if name in KEY_PARAMS else len(KEY_PARAMS), name)


PAIR_COLUMNS = ["A", "B", "A_run_id", "B_run_id", "Δf_avg", "p_f_avg", "Δmacro_f1",
                "p_macro_f1", "p_accuracy", "significant"]  # fmt: skip


def _pairwise(runs, names, preds, gold, n_classes, stance, resamples, seed) -> pd.DataFrame:
    """Every pair of runs (by run id): Δ in points, Holm-corrected p-values as floats."""
    rows = []
    for (i, a), (j, b) in itertools.combinations(enumerate(runs), 2):
        row = {"A": names[a.run_id], "B": names[b.run_id]}
        row.update({"A_run_id": a.run_id, "B_run_id": b.run_id})
        for metric in PAIR_METRICS:
            delta = metric_delta(metric, gold, preds[i], preds[j], n_classes, stance)
            row[f"Δ{metric}"] = 100 * float(delta)
            row[f"p_{metric}"] = float(
                paired_bootstrap(
                    metric, gold, preds[i], preds[j], n_classes, stance, resamples, seed
                )
            )
        row["p_accuracy"] = float(mcnemar(gold, preds[i], preds[j]))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=PAIR_COLUMNS[:-1])
    for column in P_COLUMNS:
        frame[column] = [float(p) for p in holm(frame[column].tolist())] if len(frame) else []
    frame["significant"] = (frame["p_f_avg"] < ALPHA).astype(bool)
    return frame


def write_comparison(comparison: Comparison, out_dir: str | Path) -> list[Path]:
    """`comparison.md`, `comparison.csv`, `pairs.csv` (numbers; none for one run) and
    `f_avg.png` in `out_dir`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "comparison.md").write_text(comparison.markdown(), encoding="utf-8")
    write_table(comparison.table, out / "comparison.csv")
    files = ["comparison.md", "comparison.csv"]
    pairs = out / "pairs.csv"
    if len(comparison.pairs):
        write_table(comparison.pairs, pairs)
        files.append(pairs.name)
    else:
        pairs.unlink(missing_ok=True)  # not an earlier comparison's pairs
    title = f"{comparison.split} F_avg (95% CI)"
    fig = interval_bars_figure(comparison.labelled_intervals(), title)
    fig.savefig(out / "f_avg.png", dpi=120)
    close(fig)
    files.append("f_avg.png")
    if comparison.curve_runs:  # active-learning simulations: their curves side by side
        fig = curves_of_runs(comparison.curve_runs)
        fig.savefig(out / "learning_curves.png", dpi=110)
        close(fig)
        files.append("learning_curves.png")
    return [out / name for name in files]


def curves_of_runs(run_ids: list[str], label: str = "pro_concession"):
    """The learning-curve figure of `stance label simulate` parent runs."""
    frames = []
    for run_id in run_ids:
        text = mlflow.artifacts.load_text(f"runs:/{run_id}/{CURVE_FILE}")
        frames.append(pd.read_csv(io.StringIO(text)))
    return curves_figure(pd.concat(frames, ignore_index=True), label)
