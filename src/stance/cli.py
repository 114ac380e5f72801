"""The `stance` command line: one Typer app."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from stance.errors import StanceError

app = typer.Typer(
    help="Learn and predict the stance a speaker takes in a quote.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(stderr=True)


def fail(message: str, code: int = 2) -> None:
    console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def run_safely(action, *args, **kwargs):
    """Turn known errors into one line on stderr; Ctrl-C exits with 130."""
    try:
        return action(*args, **kwargs)
    except StanceError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted", code=130)


def metrics_table(metrics: dict[str, float], title: str) -> Table:
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in metrics.items():
        if isinstance(value, float) and not name.split("_", 1)[-1].startswith("support"):
            table.add_row(name, f"{value:.4f}")
    return table


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log more.")] = False):
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
    from stance.training import train as train_model

    cfg = run_safely(load_config, experiment, overrides or [])
    metrics = run_safely(train_model, cfg)
    run_id = metrics.pop("run_id")
    Console().print(metrics_table(metrics, f"{cfg.name} (run {run_id})"))
    from stance.tracking import tracking_uri

    console.print(f"run {run_id} logged to {tracking_uri()}; see `stance ui` to browse runs")


@app.command("config")
def show_config(
    experiment: Annotated[str, typer.Argument(help="experiments/NAME.yaml, or a file path.")],
    overrides: Annotated[list[str] | None, typer.Argument(help="Overrides, as for train.")] = None,
) -> None:
    """Print the fully resolved config of an experiment, without running it."""
    from stance.config import dump_yaml, load_config

    cfg = run_safely(load_config, experiment, overrides or [])
    sys.stdout.write(dump_yaml(cfg))


@app.command()
def predict(
    model: Annotated[str, typer.Option(help="runs:/ID/model, models:/NAME@ALIAS or a folder.")],
    input: Annotated[Path, typer.Option(help="CSV, JSONL or Parquet file to score.")],
    output: Annotated[Path, typer.Option(help="Where to write; format from the extension.")],
    text_column: Annotated[str, typer.Option(help="Column holding the quote text.")] = "text",
    target_column: Annotated[
        str, typer.Option(help="Column holding the target, used if present.")
    ] = "target",
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per model call.")] = 2048,
    chunk_rows: Annotated[int, typer.Option(min=1, help="Rows read per chunk.")] = 50_000,
) -> None:
    """Predict the stance of every row of a file with a logged model."""
    from stance.predict import predict_file

    try:
        rows = run_safely(
            predict_file, model, input, output, text_column, target_column, batch_size, chunk_rows
        )
    except typer.Exit:
        console.print(f"no output written to {output}")
        raise
    console.print(f"wrote {rows} rows to {output}")


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
    import subprocess

    from stance import tracking

    uri = tracking.configure()
    command = [sys.executable, "-m", "mlflow", "server", "--host", host, "--port", str(port)]
    command += ["--backend-store-uri", uri]
    if (root := tracking.local_artifact_root(uri)) is not None:
        command += ["--default-artifact-root", root.as_uri()]
    console.print(f"MLflow UI on {uri}")
    for url in tracking.runs_table_urls(f"http://{host}:{port}", experiment):
        console.print(f"runs table: {url}")
    env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
    with contextlib.suppress(KeyboardInterrupt):
        subprocess.run(command, env=env, check=False)


if __name__ == "__main__":
    app()
