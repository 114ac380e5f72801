"""Batch prediction with any logged stance model, from Python or `stance predict`.

The input streams in chunks, so memory stays bounded whatever the file size.
Output rows hold every input column plus `label` and `p_<class>`. Each finished
chunk is checkpointed, the output file appears only once every row is done, and
an interrupted job resumes from its last chunk. Rows that cannot be classified
(empty or overlong text) are kept, unlabelled, and listed in a side file.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

import mlflow.pyfunc
import numpy as np
import pandas as pd
import pyarrow as pa
from mlflow.exceptions import MlflowException
from tqdm.auto import tqdm

from stance import tracking
from stance.data.io import (
    AtomicTableWriter,
    check_names,
    estimate_rows,
    iter_table,
    remove_stale_temporaries,
    require_file,
    table_format,
)
from stance.data.schema import check_columns, check_text, empty_text
from stance.errors import DataError, ModelError, first_line
from stance.predict.checkpoint import SKIPPED, ChunkedOutput, partial_folder, side_file
from stance.predict.options import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_TARGET_COLUMN,
    DEFAULT_TEXT_COLUMN,
    PredictOptions,
)

log = logging.getLogger(__name__)
CODE_WARNING = (
    "loading {model} runs code from it (pickled objects and the model's Python files): "
    "load only models you trust"
)


@dataclass
class PredictSummary:
    """What `predict_file` did: rows written, rows skipped, rows taken from a checkpoint."""

    rows: int
    skipped: int
    resumed_rows: int
    output: Path

    @property
    def skipped_file(self) -> Path:
        return side_file(self.output, SKIPPED)


def load_model(model_uri: str) -> mlflow.pyfunc.PyFuncModel:
    """Load a model once per process: `runs:/…`, `models:/name@alias` or a local folder.

    The cache is keyed by the tracking URI too: `models:/name/1` in one store is not
    `models:/name/1` in another."""
    tracking_uri = tracking.configure()
    if Path(model_uri).exists():
        model_uri = str(Path(model_uri).resolve())
        warn_untrusted(Path(model_uri), tracking_uri)
    return _load_model(model_uri, tracking_uri)


@functools.lru_cache(maxsize=16)
def warn_untrusted(folder: Path, tracking_uri: str) -> None:
    """One warning line for a model folder from outside the tracking store: loading a
    model unpickles it and imports its code, which can do anything."""
    root = tracking.local_artifact_root(tracking_uri)
    if root is not None and root.resolve() in (folder, *folder.parents):
        return
    log.warning(CODE_WARNING.format(model=folder))


@functools.lru_cache(maxsize=4)
def _load_model(model_uri: str, tracking_uri: str) -> mlflow.pyfunc.PyFuncModel:
    try:
        return mlflow.pyfunc.load_model(model_uri)
    except (MlflowException, OSError) as exc:
        raise ModelError(f"cannot load model {model_uri!r}: {first_line(exc)}") from None


def set_precision(model: mlflow.pyfunc.PyFuncModel, precision: str | None) -> None:
    """Run a transformer model in `fp32`, `bf16` or `int8`; None keeps the logged default."""
    if precision is None:
        return
    set_model_precision = getattr(model.unwrap_python_model(), "set_precision", None)
    applied = set_model_precision is not None and set_model_precision(precision)
    if not applied and precision != "fp32":
        raise ModelError(f"--precision {precision} needs a transformer model")


def _as_text(column: pd.Series) -> np.ndarray:
    """A column of any type as text for the model; a null is '' (never 'nan' or '<NA>')."""
    return np.array(["" if pd.isna(v) else str(v) for v in column.astype(object)], dtype=object)


def _model_input(frame: pd.DataFrame, text_column: str, target_column: str) -> pd.DataFrame:
    model_input = pd.DataFrame({"text": _as_text(frame[text_column])})
    if target_column in frame.columns:
        model_input["target"] = _as_text(frame[target_column])
    return model_input


def predict_frame(
    model: mlflow.pyfunc.PyFuncModel | str,
    frame: pd.DataFrame,
    text_column: str = DEFAULT_TEXT_COLUMN,
    target_column: str = DEFAULT_TARGET_COLUMN,
    batch_size: int = DEFAULT_BATCH_SIZE,
    where: str = "input",
    first_row: int = 1,
) -> pd.DataFrame:
    """Every column of `frame` plus `label` and `p_<class>` columns, under `frame`'s index.

    Input columns keep their types; those whose names clash with prediction columns
    keep their values under `<name>_input`. Empty text raises, naming the row.
    """
    if isinstance(model, str):
        model = load_model(model)
    check_frame(frame, text_column, where)
    check_text(frame[text_column], where, text_column, first_row)
    model_input = _model_input(frame, text_column, target_column)
    return _with_predictions(frame, _predict_rows(model, model_input, batch_size), where)


def _predict_rows(
    model: mlflow.pyfunc.PyFuncModel, model_input: pd.DataFrame, batch_size: int
) -> pd.DataFrame:
    parts = [
        model.predict(model_input.iloc[start : start + batch_size].reset_index(drop=True))
        for start in range(0, len(model_input), batch_size)
    ]
    if parts:
        return pd.concat(parts, ignore_index=True)
    names = model.metadata.get_output_schema().input_names()
    return pd.DataFrame({n: pd.Series(dtype=object if n == "label" else float) for n in names})


def _with_predictions(
    frame: pd.DataFrame, predictions: pd.DataFrame, where: str = "input"
) -> pd.DataFrame:
    clashes = {c: f"{c}_input" for c in frame.columns if c in set(predictions.columns)}
    for name, renamed in clashes.items():
        if renamed in frame.columns:
            raise DataError(
                f"{where}: has both columns {name!r} and {renamed!r}; the output's {name!r} "
                f"column would push {name!r} into {renamed!r}: rename one of them"
            )
    # positional: the caller's index (duplicates and all) stays as it was
    return pd.concat([frame.rename(columns=clashes), predictions.set_axis(frame.index)], axis=1)


def check_frame(frame: pd.DataFrame, text_column: str, where: str) -> None:
    """Raise one line when `frame` cannot be scored: no columns, a duplicate column, no
    text column."""
    if not len(frame.columns):
        raise DataError(f"{where}: no records and no columns (the file is empty)")
    check_names([str(c) for c in frame.columns], where)
    check_columns(frame, [text_column], where)


def screen_rows(
    frame: pd.DataFrame, text_column: str, max_chars: int, first_row: int = 1
) -> pd.DataFrame:
    """Rows that cannot be classified: empty text, or text longer than `max_chars`.

    Returns one row per problem with its 1-based input row, id (when the input
    has one), reason, length and the start of the text.
    """
    texts = pd.Series(_as_text(frame[text_column]), index=frame.index, dtype=object)
    lengths = texts.str.len()
    reason = pd.Series("", index=frame.index, dtype=object)
    reason[lengths > max_chars] = "overlong"
    reason[empty_text(texts)] = "empty"
    bad = reason != ""
    report = pd.DataFrame(
        {
            "row": first_row + np.flatnonzero(bad.to_numpy()),
            "id": frame.loc[bad, "id"].to_numpy() if "id" in frame.columns else "",
            "reason": reason[bad].to_numpy(),
            "length": lengths[bad].to_numpy(),
            "text_start": texts[bad].str.slice(0, 80).to_numpy(),
        }
    )
    return report


def _strict_error(report: pd.DataFrame, where: str, text_column: str, max_chars: int) -> DataError:
    first = report.iloc[0]
    problem = (
        "empty text"
        if first["reason"] == "empty"
        else f"text of {first['length']:,} characters is longer than --max-chars {max_chars:,}"
    )
    more = f" ({len(report) - 1} more such rows in this chunk)" if len(report) > 1 else ""
    return DataError(f"{where}, row {first['row']}, field {text_column!r}: {problem}{more}")


def predict_chunk(
    model: mlflow.pyfunc.PyFuncModel,
    frame: pd.DataFrame,
    options: PredictOptions,
    where: str,
    first_row: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Predictions for the rows that can be classified, and the report of those that cannot.

    Skipped rows stay in the output, in place, with a null label and null
    probabilities, so no input row is lost.
    """
    check_frame(frame, options.text_column, where)
    report = screen_rows(frame, options.text_column, options.max_chars, first_row)
    if len(report) and options.strict:
        raise _strict_error(report, where, options.text_column, options.max_chars)
    keep = np.ones(len(frame), dtype=bool)
    keep[report["row"].to_numpy() - first_row] = False
    kept = frame if keep.all() else frame[keep]
    model_input = _model_input(kept, options.text_column, options.target_column)
    predictions = _predict_rows(model, model_input, options.batch_size)
    if not keep.all():
        predictions.index = np.flatnonzero(keep)
        predictions = predictions.reindex(range(len(frame)))
        # typed nulls, never Arrow's null type, even when every row of the chunk is skipped
        predictions["label"] = predictions["label"].astype(pd.ArrowDtype(pa.string()))
        numbers = [c for c in predictions.columns if c != "label"]
        predictions[numbers] = predictions[numbers].astype(float)
    return _with_predictions(frame, predictions, where), report


def _fingerprint(model_uri: str, input_path: Path, output_path: Path, options: PredictOptions):
    stat = input_path.stat()
    return {
        "model": model_uri,
        "input": str(input_path.resolve()),
        "input_bytes": stat.st_size,
        "input_mtime_ns": stat.st_mtime_ns,
        "output": str(output_path.resolve()),
        **asdict(options),
    }


def predict_file(
    model_uri: str,
    input_path: str | Path,
    output_path: str | Path,
    options: PredictOptions | None = None,
    resume: bool = False,
    progress: bool = True,
) -> PredictSummary:
    """Predict every row of a CSV/JSONL/Parquet file into another.

    Chunks are checkpointed in `.<output>.partial/`; the output file appears only
    when every row is done, and `resume=True` continues an interrupted job from
    its last finished chunk. Input columns keep their types (Parquet's; CSV and JSONL
    values as read). Rows with empty or overlong text are kept with a null label
    and listed in `<output stem>.skipped.csv` (or raise with
    `options.strict`).
    """
    options = options or PredictOptions()
    input_path, output_path = Path(input_path), Path(output_path)
    check_paths(input_path, output_path)
    require_file(input_path)
    remove_stale_temporaries(output_path, keep=[input_path])
    remove_stale_temporaries(side_file(output_path, SKIPPED), keep=[input_path])
    model = load_model(model_uri)
    set_precision(model, options.precision)
    fingerprint = _fingerprint(model_uri, input_path, output_path, options)
    output = ChunkedOutput(output_path, fingerprint, resume)
    first_row, resumed_rows = 1, output.rows_done
    try:
        with tqdm(
            total=estimate_rows(input_path),
            initial=resumed_rows,
            unit="rows",
            desc="predict",
            disable=not progress,
            dynamic_ncols=True,
        ) as bar:
            text = options.text_column
            jsonl, text_seen = table_format(input_path) == "jsonl", False
            for index, chunk in enumerate(iter_table(input_path, options.chunk_rows, typed=True)):
                text_seen = text_seen or text in chunk.columns
                if jsonl and len(chunk.columns) and text not in chunk.columns:
                    # records without the text key have empty text, whichever chunk they are in
                    chunk[text] = ""
                if index < output.chunks_done:
                    first_row += len(chunk)
                    continue
                result, report = predict_chunk(model, chunk, options, str(input_path), first_row)
                output.write_chunk(index, result, report)
                first_row += len(chunk)
                bar.update(len(chunk))
                bar.set_postfix(skipped=output.skipped, refresh=False)
            if bar.total is not None and bar.n != bar.total:
                bar.total = bar.n
                bar.refresh()
        if jsonl and not text_seen:
            output.discard()
            raise DataError(f"{input_path}: missing column {text!r} (no record has that key)")
    except BaseException:
        if output.chunks_done == 0:  # nothing to resume: leave no checkpoint behind
            output.discard()
        raise
    skipped = output.skipped
    rows = output.finish()
    return PredictSummary(rows, skipped, resumed_rows, output_path)


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def check_paths(input_path: Path, output_path: Path) -> None:
    """No file the job writes or removes (output, skipped-row report, checkpoint folder,
    temporaries beside them) may be the input, through a link or not."""
    if output_path.is_dir():
        raise DataError(f"{output_path}: is a folder; --output must name a file")
    if _same_file(input_path, output_path):
        raise DataError(f"{output_path}: the output would overwrite the input")
    report = side_file(output_path, SKIPPED)
    if _same_file(input_path, report):
        raise DataError(
            f"{input_path}: the input is the skipped-row report of --output {output_path}, "
            "which the job writes or removes; pick another output name"
        )
    folder = partial_folder(output_path).resolve()
    if folder == input_path.resolve() or folder in input_path.resolve().parents:
        raise DataError(
            f"{input_path}: the input is inside the checkpoint folder {folder} of --output "
            f"{output_path}, which the job removes; move it"
        )


def predict_articles(
    model_uri: str,
    articles: str | Path,
    output_path: str | Path,
    text_column: str = DEFAULT_TEXT_COLUMN,
    batch_size: int = DEFAULT_BATCH_SIZE,
    precision: str | None = None,
) -> int:
    """Extract the quotes of raw articles, classify each, write one row per quote.

    Rows hold doc_id, link, speaker, quote, char_start, char_end, method, label and
    p_<class>. Quotes whose speaker could not be resolved are kept with an empty speaker.
    """
    from stance.extract.articles import quotes_table, read_documents

    if _same_file(Path(articles), Path(output_path)):
        raise DataError(f"{output_path}: the output would overwrite the input")
    model = load_model(model_uri)
    set_precision(model, precision)
    quotes = quotes_table(read_documents(articles, text_column))
    with AtomicTableWriter(output_path) as writer:
        if len(quotes):
            where = f"quotes extracted from {articles}"
            writer.write(predict_frame(model, quotes, "quote", "target", batch_size, where))
    return writer.rows
