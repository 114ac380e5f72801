"""Which engine scores a prediction job: quotes locally, raw articles locally, or Spark."""

from __future__ import annotations

from pathlib import Path

from stance.errors import UsageError
from stance.predict.local import PredictSummary, predict_articles, predict_file
from stance.predict.options import DEFAULT_ENGINE, DEFAULT_MASTER, ENGINES, PredictOptions


def check_job(input: str | None, articles: str | Path | None, engine: str) -> None:
    """Raise one line when the inputs and the engine do not make one job."""
    if (input is None) == (articles is None):
        raise UsageError("give exactly one of --input (quotes) or --articles (raw documents)")
    if engine not in ENGINES:
        raise UsageError(f"--engine must be {' or '.join(ENGINES)}, not {engine!r}")
    if engine == "spark" and articles is not None:
        raise UsageError("--articles works with --engine local only")


def run_job(
    model_uri: str,
    output: str,
    input: str | None = None,
    articles: str | Path | None = None,
    options: PredictOptions | None = None,
    engine: str = DEFAULT_ENGINE,
    master: str = DEFAULT_MASTER,
    overwrite: bool = False,
    resume: bool = False,
) -> PredictSummary:
    """Score `input` (quotes) or `articles` (raw documents) into `output` with `engine`.

    Returns a `PredictSummary`; only the local quote engine skips rows or resumes.
    """
    check_job(input, articles, engine)
    options = options or PredictOptions()
    if engine == "spark":
        from stance.predict.spark import predict_spark

        rows = predict_spark(
            model_uri, input, output, master, options.text_column, options.target_column,
            options.batch_size, overwrite,
        )  # fmt: skip
    elif articles is not None:
        rows = predict_articles(
            model_uri, articles, output, options.text_column, options.batch_size, options.precision
        )
    else:
        return predict_file(model_uri, input, output, options, resume)
    return PredictSummary(rows, 0, 0, Path(output))


def interrupted_message(
    output: str | Path, engine: str = DEFAULT_ENGINE, articles: str | Path | None = None
) -> str:
    """Say that no output exists, and (for a checkpointed job) how much a --resume keeps."""
    message = f"no output written to {output}"
    if engine != "local" or articles is not None:
        return message  # only the local quote engine checkpoints
    from stance.predict.checkpoint import partial_folder, read_manifest

    manifest = read_manifest(output)
    if manifest and manifest["rows"]:
        message += (
            f"; {manifest['rows']} finished rows are checkpointed in {partial_folder(output)}: "
            "rerun with --resume to continue"
        )
    return message
