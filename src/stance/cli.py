"""The `stance` command line: one Typer app."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Annotated

import typer
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from stance import secrets
from stance.errors import StanceError
from stance.predict import options as defaults


def _hide_flag_types() -> None:
    """Show no type after a flag in --help.

    Typer 0.29 prints `<bool>` after every flag, `--help` included, as if it took a
    value; neither `--flag/--no-flag` nor `is_flag` changes that. Other options keep
    their `<int>`, `<str>`, … column.
    """
    option = getattr(typer.core, "TyperOption", None)
    shown = getattr(option, "display_type_rich", None)
    if shown is None or getattr(shown, "stance_hides_flags", False):
        return

    def display_type_rich(self, ctx):
        return None if getattr(self, "is_flag", False) else shown(self, ctx)

    display_type_rich.stance_hides_flags = True
    option.display_type_rich = display_type_rich


_hide_flag_types()
app = typer.Typer(
    help="Learn and predict the stance a speaker takes in a quote.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(stderr=True, soft_wrap=True)  # long paths stay on one line, copyable


def fail(message: str, code: int = 2) -> None:
    message = secrets.one_line(message)  # no password, and one line of bounded length
    console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def run_safely(action, *args, **kwargs):
    """Turn known errors into one line on stderr; Ctrl-C exits with 130."""
    try:
        return action(*args, **kwargs)
    except StanceError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted", code=130)


SUPPORT = re.compile(r"(?:^|_)support_")


def metrics_table(metrics: dict[str, float], title: str) -> Table:
    """The scores of every scored split, with a class-support row (an integer: rows of
    that class) for each. Per-group scores are many: they are in MLflow, not here; nor
    is the who-speaks baseline's support, the same as its split's."""
    from stance.evaluation.groups import BASELINE_PREFIX

    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in metrics.items():
        if "group_" in name or not isinstance(value, int | float) or isinstance(value, bool):
            continue
        if SUPPORT.search(name):
            if f"{BASELINE_PREFIX}_support_" not in name:
                table.add_row(name, str(round(value)))
        else:
            table.add_row(name, f"{value:.4f}")
    return table


def report_run(run_id: str | None) -> None:
    """Where a command logged its run: the run id and the (masked) tracking URI."""
    from stance.tracking import tracking_uri

    console.print(
        f"run {run_id} logged to {secrets.mask(tracking_uri())}; see `stance ui` to browse runs"
    )


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log more.")] = False):
    secrets.install()
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def train(
    experiment: Annotated[str, typer.Argument(help="experiments/NAME.yaml, or a file path.")],
    overrides: Annotated[
        list[str] | None,
        typer.Argument(help="`group=option` or dotted `key=value` overrides, e.g. model.C=0.5"),
    ] = None,
) -> None:
    """Train the model an experiment describes, as one MLflow run."""
    from stance.config import load_config
    from stance.distributed import is_main_process
    from stance.training import train as train_model

    cfg = run_safely(load_config, experiment, overrides or [])
    metrics = run_safely(train_model, cfg)
    if not is_main_process():
        return  # under torchrun / accelerate launch the main process reports
    run_id = metrics.pop("run_id")
    Console().print(metrics_table(metrics, f"{cfg.name} (run {run_id})"))
    report_run(run_id)


@app.command("config")
def show_config(
    experiment: Annotated[str, typer.Argument(help="experiments/NAME.yaml, or a file path.")],
    overrides: Annotated[list[str] | None, typer.Argument(help="Overrides, as for train.")] = None,
) -> None:
    """Print the fully resolved config of an experiment, without running it."""
    from stance.config import dump_yaml, load_config

    cfg = run_safely(load_config, experiment, overrides or [])
    sys.stdout.write(dump_yaml(cfg))


TextColumnOption = Annotated[str, typer.Option(help="Column holding the quote text.")]
TargetColumnOption = Annotated[
    str, typer.Option(help="Column holding the target, used if present.")
]


@app.command()
def predict(
    model: Annotated[str, typer.Option(help="runs:/ID/model, models:/NAME@ALIAS or a folder.")],
    output: Annotated[
        str, typer.Option(help="Where to write; format from the extension (Spark: a folder).")
    ],
    input: Annotated[
        str | None,
        typer.Option(help="CSV, JSONL or Parquet file of quotes (Spark: also a folder or glob)."),
    ] = None,
    articles: Annotated[
        Path | None,
        typer.Option(
            help="Raw articles instead of quotes: a text file, a folder of .txt files, or a "
            "table with a text column. Quotes are extracted, then classified."
        ),
    ] = None,
    text_column: TextColumnOption = defaults.DEFAULT_TEXT_COLUMN,
    target_column: TargetColumnOption = defaults.DEFAULT_TARGET_COLUMN,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Rows per model call.")
    ] = defaults.DEFAULT_BATCH_SIZE,
    chunk_rows: Annotated[
        int, typer.Option(min=1, help="Rows read, predicted and checkpointed per chunk.")
    ] = defaults.DEFAULT_CHUNK_ROWS,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Texts longer than this are skipped and reported.")
    ] = defaults.DEFAULT_MAX_CHARS,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first empty or overlong text.")
    ] = False,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue an interrupted run from its last finished chunk."),
    ] = False,
    precision: Annotated[
        str | None,
        typer.Option(
            help="Transformer arithmetic: auto, fp32, bf16 or int8 (CPU). Default: the model's."
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option(help="local, or spark: score through Spark into a Parquet folder.")
    ] = defaults.DEFAULT_ENGINE,
    master: Annotated[
        str, typer.Option(help="Spark master URL: local[*], spark://HOST:7077, yarn, k8s://…")
    ] = defaults.DEFAULT_MASTER,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Spark: replace an existing output folder.")
    ] = False,
) -> None:
    """Predict the stance of every quote in a file, or of every quote found in raw articles."""
    from stance.predict.engine import check_job, interrupted_message, run_job

    run_safely(check_job, input, articles, engine)
    options = defaults.PredictOptions(
        text_column, target_column, batch_size, chunk_rows, max_chars, strict, precision
    )
    try:
        summary = run_safely(
            run_job, model, output, input, articles, options, engine, master, overwrite, resume
        )
    except typer.Exit:
        console.print(interrupted_message(output, engine, articles), highlight=False)
        raise
    resumed = f" ({summary.resumed_rows} from the checkpoint)" if summary.resumed_rows else ""
    console.print(f"wrote {summary.rows} rows to {output}{resumed}")
    if summary.skipped:
        console.print(
            f"[yellow]{summary.skipped} rows with empty or overlong text have no label; "
            f"listed in {summary.skipped_file}[/]"
        )


@app.command()
def explain(
    model: Annotated[str, typer.Option(help="runs:/ID/model, models:/NAME@ALIAS or a folder.")],
    input: Annotated[Path, typer.Option(help="CSV, JSONL or Parquet file of quotes.")],
    output: Annotated[Path, typer.Option(help="The HTML report to write (e.g. report.html).")],
    n: Annotated[int, typer.Option("--n", min=1, help="How many rows to explain.")] = 20,
    pick: Annotated[
        str,
        typer.Option(
            help="Which rows: first (file order), random (seeded sample), or errors "
            "(misclassified first; needs a label or stance column)."
        ),
    ] = "first",
    seed: Annotated[int, typer.Option(help="Seed of --pick random.")] = 0,
    text_column: TextColumnOption = defaults.DEFAULT_TEXT_COLUMN,
    target_column: TargetColumnOption = defaults.DEFAULT_TARGET_COLUMN,
    steps: Annotated[
        int, typer.Option(min=2, help="Transformers: integrated-gradient steps per quote.")
    ] = 32,
) -> None:
    """Explain a model's predictions: an HTML report of each quote's words shaded by their
    push toward the predicted class, with probabilities and the gold label where given."""
    from stance.explain.job import ExplainOptions, explain_file

    options = ExplainOptions(n, pick, seed, text_column, target_column, steps)
    summary = run_safely(explain_file, model, input, output, options)
    wrong = "" if summary.misclassified is None else f" ({summary.misclassified} misclassified)"
    console.print(f"explained {summary.rows} of {summary.of} rows{wrong}: {summary.output}")


@app.command()
def extract(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="Text files, folders of .txt files, or tables with a text column."),
    ] = None,
    output: Annotated[Path | None, typer.Option(help="CSV/JSONL/Parquet; default stdout.")] = None,
    kind: Annotated[
        str,
        typer.Option(
            help="auto (detected per document), article, transcript (speaker turns), "
            "address or post."
        ),
    ] = "auto",
    speaker: Annotated[
        str | None, typer.Option(help="The speaker of a first-person address.")
    ] = None,
    text_column: Annotated[str, typer.Option(help="Text column of table inputs.")] = "text",
    evaluate_polnear: Annotated[
        bool, typer.Option("--evaluate-polnear", help="Score the extractor on PolNeAR instead.")
    ] = False,
    split: Annotated[str, typer.Option(help="PolNeAR split to score.")] = "test",
    speech_threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="In transcripts and texts with question turns, keep the quoted spans whose "
            "speech_probability (the learned span filter's) is at least this; default: the "
            "threshold fitted with the filter. 0 keeps every quoted span of 3+ words.",
        ),
    ] = None,
) -> None:
    """Find the direct quotes in raw documents, with speakers and character offsets."""
    import json

    from stance import paths
    from stance.data.io import write_table
    from stance.extract import evaluate_polnear as score
    from stance.extract.articles import quotes_table, read_documents

    if evaluate_polnear:
        root = paths.shared_dir() / "corpora" / "polnear"
        if not root.is_dir():
            fail(f"PolNeAR not found at {root}; set ${paths.SHARED_DIR_ENV}")
        sys.stdout.write(json.dumps(score(root, split), indent=2) + "\n")
        return
    if kind not in ("auto", "article", "transcript", "address", "post"):
        fail(f"--kind must be auto, article, transcript, address or post, not {kind!r}")
    if not inputs:
        fail("give at least one input file or folder (or --evaluate-polnear)")
    documents = [
        doc
        for path in inputs
        for doc in run_safely(read_documents, path, text_column, kind, speaker)
    ]
    table = quotes_table(documents, speech_threshold)
    if output is None:
        sys.stdout.write(table.to_csv(index=False))
    else:
        run_safely(write_table, table, output)
        console.print(f"wrote {len(table)} quotes from {len(documents)} documents to {output}")


@app.command()
def evaluate(
    model: Annotated[str, typer.Option(help="runs:/ID/model, models:/NAME@ALIAS or a folder.")],
    data: Annotated[
        str, typer.Option(help="A file in the canonical schema, or a dataset name (quotes).")
    ],
    split: Annotated[str, typer.Option(help="Split of a named dataset.")] = "test",
    resamples: Annotated[int, typer.Option(min=1, help="Bootstrap resamples.")] = 1000,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = 0,
) -> None:
    """Score a logged model on a dataset: metrics with 95% CIs, calibration, confusion,
    misclassified rows, logged to a new run linked to the model's run."""
    from stance.evaluate import evaluate_model

    metrics = run_safely(evaluate_model, model, data, split, resamples, seed)
    run_id = metrics.pop("run_id")
    Console().print(metrics_table(metrics, f"{model} on {data} (run {run_id})"))
    report_run(run_id)


@app.command()
def compare(
    runs: Annotated[list[str], typer.Argument(help="Run ids or experiment names.")],
    split: Annotated[str, typer.Option(help="Split whose stored predictions are compared.")] = (
        "test"
    ),
    output: Annotated[Path, typer.Option(help="Folder for the table, CSVs and plot.")] = Path(
        "reports/compare"
    ),
    resamples: Annotated[int, typer.Option(min=1, help="Bootstrap resamples.")] = 1000,
    seed: Annotated[int, typer.Option(help="Bootstrap seed.")] = 0,
    promote: Annotated[
        str | None,
        typer.Option(
            help="Set this alias (e.g. champion) on the registered version of the run "
            "best by F_avg."
        ),
    ] = None,
) -> None:
    """Compare runs on one test set: metrics with 95% CIs and paired significance tests."""
    from stance.compare import compare as compare_runs
    from stance.compare import write_comparison

    result = run_safely(compare_runs, runs, split, resamples, seed)
    files = write_comparison(result, output)
    sys.stdout.write(result.markdown())
    console.print(f"wrote {', '.join(str(f) for f in files)}")
    if promote is not None:
        from stance.registry import promote_best

        scores = {run_id: ci.estimate for run_id, ci in result.intervals.items()}
        promotion, why = run_safely(promote_best, scores, promote, f"{split} F_avg")
        console.print(promotion.message(why))


@app.command("promote")
def promote_run(
    run: Annotated[str, typer.Argument(help="Run id (a multi-seed parent: its registered seed).")],
    alias: Annotated[str, typer.Argument(help="Alias to set, e.g. champion.")],
) -> None:
    """Set an alias on the model version a run registered: load it as models:/NAME@ALIAS."""
    from stance.registry import promote

    console.print(run_safely(promote, run, alias).message())


@app.command()
def ui(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 5000,
    host: Annotated[str, typer.Option(help="Interface to bind; keep loopback unless needed.")] = (
        "127.0.0.1"
    ),
    experiment: Annotated[
        str | None, typer.Option(help="Print the runs-table URL of this experiment.")
    ] = None,
) -> None:
    """Start the MLflow UI on the project's tracking store (Ctrl-C stops it)."""
    import os

    from stance import tracking

    uri = tracking.tracking_uri()
    shown = secrets.mask(uri)
    if uri.startswith(("http://", "https://")):
        console.print(f"MLFLOW_TRACKING_URI is a tracking server: its UI is at {shown}")
        return
    if "://" in uri and not uri.startswith(("sqlite:", "file:")):
        from stance.server import check_database

        run_safely(check_database, uri)  # one line now, rather than MLflow's minutes of retries
    urls = run_safely(
        tracking.store_call, tracking.runs_table_urls, f"http://{host}:{port}", experiment
    )
    command = [sys.executable, "-m", "mlflow", "server", "--host", host, "--port", str(port)]
    if (root := tracking.local_artifact_root(uri)) is not None:
        command += ["--default-artifact-root", root.as_uri()]
    console.print(f"MLflow UI on {shown}", highlight=False)
    for url in urls:
        console.print(f"runs table: {url}")
    # The store URI goes in the environment: on the command line `ps` shows its password.
    env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
    env["MLFLOW_BACKEND_STORE_URI"] = uri
    _serve(command, env)


def _serve(command: list[str], env: dict[str, str]) -> None:
    """Run a server until it ends; `kill` or Ctrl-C on this process stops it too."""
    from stance.processes import run_forwarding_signals

    if code := run_forwarding_signals(command, env):
        raise typer.Exit(code)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def server(
    ctx: typer.Context,
    backend_store_uri: Annotated[
        str | None,
        typer.Option(
            help="Database of runs, e.g. postgresql+psycopg://USER@HOST:5432/DB "
            "(default: $STANCE_BACKEND_STORE_URI)."
        ),
    ] = None,
    artifacts_destination: Annotated[
        str | None,
        typer.Option(help="Folder or URI (s3://…) for artifacts (default: <project>/mlartifacts)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to bind; 0.0.0.0 for every one.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 5000,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (MLflow's default: 4).")
    ] = None,
) -> None:
    """Run a shared MLflow tracking server: runs in a database, artifacts served by it.

    Options after `--` go to `mlflow server` (e.g. -- --allowed-hosts mlflow.example.org).
    """
    from stance import server as tracking_server

    artifacts = tracking_server.artifacts_destination(artifacts_destination)
    backend = run_safely(tracking_server.checked_backend, backend_store_uri, host, port)
    command = tracking_server.server_command(artifacts, host, port, workers, ctx.args)
    url = tracking_server.tracking_url(host, port)
    console.print(f"tracking server on {url}, artifacts in {artifacts}", highlight=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print("[yellow]note:[/] no authentication: anyone who reaches this port can write")
    console.print(f"clients: export MLFLOW_TRACKING_URI={url}", highlight=False)
    _serve(command, tracking_server.server_env(backend))


runs_app = typer.Typer(help="Look after the runs in the tracking store.", no_args_is_help=True)
app.add_typer(runs_app, name="runs")


@runs_app.command("clean")
def runs_clean() -> None:
    """Mark runs left RUNNING by dead processes on this host KILLED, their PENDING models
    FAILED (every command that opens the store does this too)."""
    from stance import tracking

    killed, failed = run_safely(tracking.store_call, tracking.reap_stale_runs, reap=False)
    console.print(f"marked {len(killed)} runs KILLED and {len(failed)} models FAILED")
    for run_id in killed:
        sys.stdout.write(f"killed run {run_id}\n")
    for model_id in failed:
        sys.stdout.write(f"failed model {model_id}\n")


dataset_app = typer.Typer(
    help="Build the labelled quote dataset: candidates, agreement, assembly, splits, checks.",
    no_args_is_help=True,
)
app.add_typer(dataset_app, name="dataset")
SharedOption = Annotated[
    Path | None, typer.Option(help="Shared data folder (default: $STANCE_SHARED_DIR or ../shared).")
]


def _shared(shared: Path | None) -> Path:
    from stance import paths

    return paths.shared_dir(shared or "../shared")


@dataset_app.command("candidates")
def dataset_candidates(shared: SharedOption = None, seed: int = 13) -> None:
    """Extract candidate units from the shared corpora and write annotation batches
    (data/interim/, not committed: it holds context excerpts)."""
    import json

    from stance import paths
    from stance.curation.candidates import build_candidates, pool_summary

    interim = paths.interim_data_dir()
    pool = run_safely(
        build_candidates, _shared(shared), interim / "candidates.parquet", interim / "batches", seed
    )
    sys.stdout.write(json.dumps(pool_summary(pool), indent=2, default=str) + "\n")


@dataset_app.command("supplement")
def dataset_supplement(shared: SharedOption = None, size: int = 600, seed: int = 13) -> None:
    """A targeted second round of candidates for the rare pro_concession class, merged
    into the pool (the first pool is kept as candidates_round1.parquet)."""
    from stance import paths
    from stance.curation.supplement import build_supplement

    interim = paths.interim_data_dir()
    units = run_safely(
        build_supplement,
        _shared(shared),
        interim / "candidates.parquet",
        interim / "candidates_supplement.parquet",
        interim / "batches",
        size=size,
        seed=seed,
        backup_path=interim / "candidates_round1.parquet",
    )
    console.print(f"{len(units)} new candidate units; batches in {interim / 'batches'}")


@dataset_app.command("mine")
def dataset_mine(
    model: Annotated[
        str, typer.Option(help="Logged model whose class probabilities rank the pool.")
    ],
    shared: SharedOption = None,
    seed: Annotated[int, typer.Option(help="Seed of the random picks and batches.")] = 29,
    batch_size: Annotated[int, typer.Option(help="Units per annotation batch.")] = 150,
) -> None:
    """Dataset v2: pick units to read from every corpus by cue phrases, similarity to
    the v1 pro_concession units and a model's probabilities (recorded in found_by).
    Writes data/raw/mined_v2.csv (never overwritten) and batches in data/interim/."""
    from stance import paths
    from stance.curation.mining import mine_to_files

    written = run_safely(
        mine_to_files,
        _shared(shared),
        paths.interim_data_dir(),
        paths.raw_data_dir(),
        model,
        seed,
        batch_size,
    )
    console.print(f"{written} units to read; batches in {paths.interim_data_dir() / 'batches_v2'}")


@dataset_app.command("agreement")
def dataset_agreement() -> None:
    """Cohen's kappa between the two annotation passes; writes the disagreements to adjudicate."""
    import json

    from stance import paths
    from stance.curation.annotation import agreement_report

    interim = paths.interim_data_dir()
    candidates = interim / "candidates.parquet"
    result = run_safely(
        agreement_report,
        paths.raw_data_dir(),
        candidates if candidates.is_file() else None,
        interim / "disagreements.csv",
    )
    sys.stdout.write(json.dumps(result.summary(), indent=2) + "\n")


@dataset_app.command("build")
def dataset_build() -> None:
    """Assemble data/raw/quotes.csv from the candidates and the annotation files."""
    from stance import paths
    from stance.curation.annotation import build_quotes

    counts = run_safely(
        build_quotes, paths.interim_data_dir() / "candidates.parquet", paths.raw_data_dir()
    )
    console.print(counts)


@dataset_app.command("split")
def dataset_split(seed: int = 13) -> None:
    """Derive data/processed/ splits (document-grouped, de-duplicated, speaker held out)."""
    import json

    from stance import paths
    from stance.curation.splits import write_splits

    report = run_safely(write_splits, paths.raw_data_dir(), paths.processed_data_dir(), seed)
    sys.stdout.write(json.dumps(report, indent=2, default=str) + "\n")


@dataset_app.command("report")
def dataset_report() -> None:
    """Print label counts per source, year, speaker and country (Markdown)."""
    from stance import paths
    from stance.curation.report import dataset_report as report
    from stance.data.dataset import QUOTES_FILE, read_dataset

    quotes = run_safely(read_dataset, paths.raw_data_dir() / QUOTES_FILE)
    sys.stdout.write(report(quotes))


@dataset_app.command("validate")
def dataset_validate(shared: SharedOption = None, min_units: int = 3000) -> None:
    """Check schema, offsets against the sources, labels and split leakage."""
    from stance import paths
    from stance.curation.validate import validate_dataset

    report = run_safely(
        validate_dataset,
        paths.raw_data_dir(),
        paths.processed_data_dir(),
        _shared(shared),
        min_units,
    )
    for line in report.lines():
        sys.stdout.write(line + "\n")


# ---------------------------------------------------------------- stance label

label_app = typer.Typer(
    help="The annotation loop: the unlabelled pool, active-learning picks, Label Studio "
    "tasks, importing the labels, and simulating whether active learning pays.",
    no_args_is_help=True,
)
app.add_typer(label_app, name="label")
LABEL_DIR = Path("data/interim/label")


def _project_path(path: Path) -> Path:
    from stance import paths

    return path if path.is_absolute() else paths.project_root() / path


@label_app.command("pool")
def label_pool(
    corpora: Annotated[
        list[str] | None,
        typer.Option(help="Corpus to read (repeat the option); default: every corpus."),
    ] = None,
    documents: Annotated[
        list[Path] | None,
        typer.Option(help="Also a folder of .txt files or a table of documents (repeatable)."),
    ] = None,
    text_column: Annotated[str, typer.Option(help="Text column of document tables.")] = "text",
    output: Annotated[Path, typer.Option(help="Where to write the pool (CSV/JSONL/Parquet).")] = (
        LABEL_DIR / "pool.parquet"
    ),
    shared: SharedOption = None,
) -> None:
    """Write the unlabelled pool: every eligible quote unit not yet in the dataset, with
    ~600 characters of context on each side (cached by inputs)."""
    import json

    from stance import paths
    from stance.curation.pool import build_pool, pool_summary

    pool, cached = run_safely(
        build_pool,
        _shared(shared),
        _project_path(output),
        corpora or None,
        documents or (),
        candidates_path=paths.interim_data_dir() / "candidates.parquet",
        text_column=text_column,
    )
    sys.stdout.write(json.dumps(pool_summary(pool), indent=2, default=str) + "\n")
    console.print(f"wrote {len(pool)} units to {output}" + (" (from the cache)" if cached else ""))


@label_app.command("suggest")
def label_suggest(
    n: Annotated[int, typer.Option(min=1, help="How many units to pick.")],
    strategy: Annotated[
        str,
        typer.Option(help="random, uncertainty, margin, entropy, rare (by p(--label)) or diverse."),
    ] = "uncertainty",
    model: Annotated[
        str | None,
        typer.Option(
            help="Model URI (runs:/…, models:/…, a folder); random and diverse need none."
        ),
    ] = None,
    pool: Annotated[Path, typer.Option(help="The pool from `stance label pool`.")] = (
        LABEL_DIR / "pool.parquet"
    ),
    label: Annotated[str, typer.Option(help="The class `rare` looks for.")] = "pro_concession",
    seed: Annotated[int, typer.Option(help="Seed of random and diverse picks.")] = 13,
    output: Annotated[
        Path, typer.Option(help="Folder for picks.parquet, tasks.json (Label Studio), tasks.csv.")
    ] = LABEL_DIR / "suggest",
    experiment: Annotated[str, typer.Option(help="MLflow experiment of the run.")] = "label",
) -> None:
    """Score the pool with a logged model and pick N units to annotate; export them as
    Label Studio tasks and a CSV, and log the picks to MLflow."""
    from stance import paths
    from stance.curation import active_learning as al
    from stance.curation.labelstudio import write_exports
    from stance.curation.pool import pool_hash, read_pool
    from stance.data.io import write_table

    pool_path = _project_path(pool)
    frame = run_safely(read_pool, pool_path)
    exclude = run_safely(al.annotated_ids, paths.raw_data_dir())
    picked = run_safely(al.suggest, frame, strategy, n, seed, model, label, exclude)
    out = _project_path(output)
    write_table(picked, out / "picks.parquet")
    files = write_exports(picked, out)
    run_id = run_safely(
        al.log_suggestion, picked, pool_path, pool_hash(frame), strategy, model, n, seed,
        label if strategy == "rare" else None, experiment,
    )  # fmt: skip
    console.print(
        f"picked {len(picked)} units ({strategy}); Label Studio tasks: {files['labelstudio']}, "
        f"spreadsheet: {files['csv']}; MLflow run {run_id}",
        highlight=False,
    )


@label_app.command("export")
def label_export(
    picks: Annotated[Path, typer.Argument(help="Pool rows to export (e.g. picks.parquet).")],
    output: Annotated[Path, typer.Option(help="Folder for tasks.json and tasks.csv.")] = (
        LABEL_DIR / "export"
    ),
) -> None:
    """Export pool rows as Label Studio tasks (JSON import format) and a spreadsheet CSV."""
    from stance.curation.labelstudio import config_path, write_exports
    from stance.curation.pool import read_pool

    files = write_exports(run_safely(read_pool, picks), _project_path(output))
    console.print(
        f"wrote {files['labelstudio']} and {files['csv']}; labelling config: {config_path()}",
        highlight=False,
    )


@label_app.command("import")
def label_import(
    export: Annotated[Path, typer.Argument(help="Label Studio JSON export, or the CSV back.")],
    pass_number: Annotated[
        int, typer.Option("--pass", min=1, max=2, help="Annotation pass: 1, or 2 (second pass).")
    ],
    annotator: Annotated[str, typer.Option(help="Annotator id, e.g. A1.")],
    pool: Annotated[Path, typer.Option(help="The pool the tasks came from.")] = (
        LABEL_DIR / "pool.parquet"
    ),
    raw_dir: Annotated[
        Path | None, typer.Option(help="Raw data folder (default: data/raw).")
    ] = None,
) -> None:
    """Check an annotated export against the pool and append it to data/raw/annotations/
    as a new file (existing files are never rewritten)."""
    from stance import paths
    from stance.curation.label_import import import_annotations

    result = run_safely(
        import_annotations,
        export,
        _project_path(pool),
        pass_number,
        annotator,
        raw_dir or paths.raw_data_dir(),
        paths.interim_data_dir() / "candidates.parquet",
    )
    console.print(
        f"wrote {result.rows} labels to {result.path} {result.labels}; "
        f"{result.candidates_added} units added to the candidate pool",
        highlight=False,
    )


@label_app.command("simulate")
def label_simulate(
    experiment: Annotated[str, typer.Argument(help="experiments/NAME.yaml, or a file path.")],
    strategy: Annotated[
        list[str] | None,
        typer.Option(help="Strategy to replay (repeat the option); default: all six."),
    ] = None,
    rounds: Annotated[int, typer.Option(min=1, help="Rounds of picking after the seed set.")] = 12,
    batch: Annotated[int, typer.Option(min=1, help="Units picked per round.")] = 50,
    initial: Annotated[int, typer.Option(min=1, help="Random seed-set size.")] = 50,
    seeds: Annotated[int, typer.Option(min=1, help="Seeds per strategy (1, 2, … N).")] = 3,
    label: Annotated[str, typer.Option(help="The rare class (`rare` ranks by it).")] = (
        "pro_concession"
    ),
    output: Annotated[
        Path, typer.Option(help="Folder for curves.csv, summary.csv, learning_curves.png.")
    ] = Path("reports/simulate"),
    mlflow_experiment: Annotated[
        str | None,
        typer.Option(help="MLflow experiment (default: the experiment's own + '-simulate')."),
    ] = None,
    overrides: Annotated[
        list[str] | None, typer.Argument(help="Config overrides, as for train.")
    ] = None,
) -> None:
    """Replay the annotation loop on the labelled dataset: each strategy picks from the
    train split with labels hidden; test macro-F1 and F1 of --label after each round,
    one MLflow parent run per strategy with its learning curve."""
    from stance.config import load_config
    from stance.curation.active_learning import STRATEGIES
    from stance.curation.simulate import Settings, labels_to_reach, markdown_table, simulate

    cfg = run_safely(load_config, experiment, overrides or [])
    settings = Settings(
        list(strategy or STRATEGIES),
        rounds,
        batch,
        initial,
        tuple(range(1, seeds + 1)),
        label,
        experiment=mlflow_experiment,
    )
    result = run_safely(simulate, cfg, settings, _project_path(output))
    summary = result["summary"]
    columns = ["strategy", "labels_mean", "macro_f1_mean", "macro_f1_sd"]
    columns += [f"f1_{label}_mean", f"f1_{label}_sd"]
    last = summary.groupby("strategy", sort=False).tail(1)[columns]
    sys.stdout.write(markdown_table(last))
    full = result["full"]
    sys.stdout.write(
        f"all {cfg.data.name} train labels: macro-F1 {full['macro_f1']:.3f}, "
        f"F1 {label} {full[f'f1_{label}']:.3f}\n"
    )
    for metric in ("macro_f1", f"f1_{label}"):
        top = float(summary[f"{metric}_mean"].max())
        thresholds = [round(top * share, 2) for share in (0.8, 0.9, 0.95)]
        table = labels_to_reach(summary, metric, thresholds)
        sys.stdout.write(markdown_table(table))
    console.print(f"parent runs: {result['runs']}; files in {output}", highlight=False)


if __name__ == "__main__":
    app()
