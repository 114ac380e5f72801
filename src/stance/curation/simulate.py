"""Does active learning pay? `stance label simulate` replays the annotation loop on the
labelled dataset.

The `train` split is the pool, its labels hidden from the strategies. Each seed starts
from a random seed set of `initial` units (plus one unit of any class it lacks: a
classifier must see every class once), then for `rounds` rounds the strategy picks
`batch` more units from the rest, their labels are revealed, and the experiment's
model (any kind; TF-IDF for speed) is refitted. After every fit the model is scored
on `test`: macro-F1, F_avg and per-class F1, logged with the number of labels as the
step.

MLflow: one parent run per strategy (`stance.learning_curve` tag, the curve as
`learning_curve.csv`, a mean ± sd plot over seeds, the final round's
`test_<metric>_mean/_std`) with one child run per seed (the curve as stepped metrics,
the last model's test predictions and `data.test.sha256`, so `stance compare` can
compare the strategies' final models and draw the curves side by side).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from stance.compare import CURVE_FILE, CURVE_TAG
from stance.config import Config
from stance.curation.active_learning import STRATEGIES, query, tfidf_embeddings
from stance.errors import ConfigError
from stance.evaluation.plots import curves_figure

log = logging.getLogger(__name__)

CURVE_METRICS = ("macro_f1", "f_avg", "accuracy")


@dataclass
class Settings:
    strategies: list[str]
    rounds: int = 12
    batch: int = 50
    initial: int = 50
    seeds: tuple[int, ...] = (1, 2, 3)
    label: str = "pro_concession"
    pool_split: str = "train"
    eval_split: str = "test"
    experiment: str | None = None  # default: "<the experiment's>-simulate"

    def check(self, labels: list[str]) -> None:
        unknown = [s for s in self.strategies if s not in STRATEGIES]
        if unknown:
            raise ConfigError(f"--strategy {unknown[0]!r}: choose from {', '.join(STRATEGIES)}")
        if self.label not in labels:
            raise ConfigError(f"--label {self.label!r}: the dataset's labels are {labels}")


def _model(cfg: Config, seed: int):
    """An unfitted model of the experiment's kind, for its dataset and `seed`."""
    from stance.models import build_model

    data = cfg.data
    return build_model(
        cfg.model, data.labels, seed, neutral_label=data.neutral_label, target_text=data.target_text
    )


def seed_set(labels: np.ndarray, initial: int, rng: np.random.Generator) -> np.ndarray:
    """`initial` random positions, plus one of each class the draw lacks."""
    chosen = list(rng.choice(len(labels), size=min(initial, len(labels)), replace=False))
    for label in sorted(set(labels) - set(labels[chosen])):
        chosen.append(int(rng.choice(np.flatnonzero(labels == label))))
    return np.array(sorted(chosen))


def _score(model, frame: pd.DataFrame, cfg: Config) -> tuple[dict[str, float], pd.DataFrame]:
    from stance.training import evaluate

    return evaluate(model, frame, cfg)


def run_seed(
    cfg: Config,
    strategy: str,
    seed: int,
    pool: pd.DataFrame,
    test: pd.DataFrame,
    settings: Settings,
    embeddings: np.ndarray | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One simulated loop: the curve (one row per round) and the last test predictions."""

    labels = pool["label"].to_numpy()
    rng = np.random.default_rng(seed)
    labelled = seed_set(labels, settings.initial, rng)
    rows, predictions = [], None
    for round_ in range(settings.rounds + 1):
        fit = pool.iloc[labelled]
        model = _model(cfg, seed).fit(fit, fit["label"])
        metrics, predictions = _score(model, test, cfg)
        found = int((labels[labelled] == settings.label).sum())
        row = {"round": round_, "labels": len(labelled), f"found_{settings.label}": found}
        row.update({m: metrics[m] for m in CURVE_METRICS})
        row.update({k: v for k, v in metrics.items() if k.startswith("f1_")})
        rows.append(row)
        log.info("%s seed %d round %d: %s", strategy, seed, round_, row)
        if round_ == settings.rounds:
            break
        unlabelled = np.setdiff1d(np.arange(len(pool)), labelled)
        if not len(unlabelled):
            break
        proba = model.predict_proba(pool)
        picks, _ = query(
            strategy,
            unlabelled,
            settings.batch,
            seed * 1000 + round_,
            proba,
            list(model.labels).index(settings.label),
            embeddings,
            labelled,
        )
        labelled = np.union1d(labelled, picks)
    return pd.DataFrame(rows), predictions


def summarise(curves: pd.DataFrame) -> pd.DataFrame:
    """Mean and sd over seeds per strategy and round."""
    metrics = [c for c in curves.columns if c not in ("strategy", "seed", "round")]
    grouped = curves.groupby(["strategy", "round"])[metrics]
    mean = grouped.mean().add_suffix("_mean")
    sd = grouped.std(ddof=1).fillna(0.0).add_suffix("_sd")
    return pd.concat([mean, sd], axis=1).reset_index()


def labels_to_reach(summary: pd.DataFrame, metric: str, thresholds: list[float]) -> pd.DataFrame:
    """Per strategy: the fewest labels at which the mean curve reaches each threshold."""
    rows = []
    for strategy, part in summary.groupby("strategy", sort=False):
        row = {"strategy": strategy}
        for threshold in thresholds:
            hit = part[part[f"{metric}_mean"] >= threshold]
            reached = str(int(hit["labels_mean"].min())) if len(hit) else "not reached"
            row[f"{metric} ≥ {threshold:.2f}"] = reached
        rows.append(row)
    return pd.DataFrame(rows)


def markdown_table(frame: pd.DataFrame, digits: int = 3) -> str:
    def cell(value) -> str:
        if isinstance(value, float):
            return "" if np.isnan(value) else f"{value:.{digits}f}"
        return "" if value is None else str(value)

    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "---|" * frame.shape[1]]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- MLflow


def _log_child(cfg, strategy, seed, curve, predictions, test_hash, settings, experiment_id):
    import mlflow

    from stance import tracking
    from stance.config import dump_yaml

    with mlflow.start_run(
        experiment_id=experiment_id, run_name=f"{strategy}-seed{seed}", nested=True
    ) as run:
        tracking.log_params(
            {
                "strategy": strategy,
                "training.seed": seed,
                "model.kind": cfg.model.kind,
                "rounds": settings.rounds,
                "batch": settings.batch,
                "initial": settings.initial,
            }
        )
        for row in curve.to_dict(orient="records"):
            step = int(row["labels"])
            metrics = {k: float(v) for k, v in row.items() if k not in ("round", "labels")}
            mlflow.log_metrics({f"{settings.eval_split}_{k}": v for k, v in metrics.items()}, step)
        mlflow.log_text(dump_yaml(cfg), "config.yaml")
        tracking.log_frame(predictions, f"predictions/{settings.eval_split}.csv")
        tracking.log_frame(curve, CURVE_FILE)
        mlflow.set_tag(f"data.{settings.eval_split}.sha256", test_hash)
        return run.info.run_id


def simulate(cfg: Config, settings: Settings, out_dir: Path | None = None) -> dict:
    """Every strategy over every seed; returns the curves, summary and run ids."""
    import mlflow

    from stance import tracking
    from stance.config import dump_yaml
    from stance.data.loaders import load_splits
    from stance.data.schema import content_hash
    from stance.evaluation.plots import close

    settings.check(list(cfg.data.labels))
    splits = load_splits(cfg.data, [settings.pool_split, settings.eval_split])
    pool = splits[settings.pool_split].reset_index(drop=True)
    test = splits[settings.eval_split].reset_index(drop=True)
    test_hash = content_hash(test)
    embeddings = None
    if "diverse" in settings.strategies:
        embeddings = tfidf_embeddings(pool["text"].tolist(), seed=0)

    full_model = _model(cfg, settings.seeds[0]).fit(pool, pool["label"])
    full, _ = _score(full_model, test, cfg)
    tracking.configure()
    name = settings.experiment or f"{cfg.tracking.experiment_name}-simulate"
    experiment_id = tracking.ensure_experiment(name)
    all_curves, parents = [], {}
    for strategy in settings.strategies:
        tags = {CURVE_TAG: "true", "stance.experiment": cfg.name, **tracking.git_state()}
        with mlflow.start_run(
            experiment_id=experiment_id, run_name=f"simulate-{strategy}", tags=tags
        ) as parent:
            tracking.log_params(
                {
                    "strategy": strategy,
                    "model.kind": cfg.model.kind,
                    "rounds": settings.rounds,
                    "batch": settings.batch,
                    "initial": settings.initial,
                    "seeds": list(settings.seeds),
                    "label": settings.label,
                    f"data.{settings.pool_split}.rows": len(pool),
                }
            )
            mlflow.log_text(dump_yaml(cfg), "config.yaml")
            children, curves = [], []
            for seed in settings.seeds:
                curve, predictions = run_seed(cfg, strategy, seed, pool, test, settings, embeddings)
                children.append(
                    _log_child(
                        cfg, strategy, seed, curve, predictions, test_hash, settings, experiment_id
                    )
                )
                curves.append(curve.assign(strategy=strategy, seed=seed))
            frame = pd.concat(curves, ignore_index=True)
            summary = summarise(frame)
            last = summary.iloc[-1]
            metrics = {}
            for name in [c for c in frame.columns if c not in ("strategy", "seed", "round")]:
                metrics[f"{settings.eval_split}_{name}_mean"] = float(last[f"{name}_mean"])
                metrics[f"{settings.eval_split}_{name}_std"] = float(last[f"{name}_sd"])
            mlflow.log_metrics(metrics)
            mlflow.set_tag("stance.child_runs", ",".join(children))
            tracking.log_frame(summary, CURVE_FILE)
            fig = curves_figure(summary, settings.label, full)
            mlflow.log_figure(fig, "plots/learning_curve.png")
            close(fig)
            parents[strategy] = parent.info.run_id
            all_curves.append(frame)
    curves = pd.concat(all_curves, ignore_index=True)
    summary = summarise(curves)
    result = {"curves": curves, "summary": summary, "runs": parents, "full": full}
    if out_dir is not None:
        result["files"] = write_report(result, settings, Path(out_dir))
    return result


def write_report(result: dict, settings: Settings, out_dir: Path) -> list[Path]:
    """curves.csv, summary.csv, learning_curves.png and reach.md in `out_dir`."""
    from stance.evaluation.plots import close

    out_dir.mkdir(parents=True, exist_ok=True)
    summary = result["summary"]
    result["curves"].to_csv(out_dir / "curves.csv", index=False)
    summary.to_csv(out_dir / "summary.csv", index=False)
    fig = curves_figure(summary, settings.label, result["full"])
    fig.savefig(out_dir / "learning_curves.png", dpi=110)
    close(fig)
    return [out_dir / n for n in ("curves.csv", "summary.csv", "learning_curves.png")]
