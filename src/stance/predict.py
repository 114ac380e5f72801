"""Batch prediction with any logged stance model, from Python or `stance predict`.

The input streams in chunks, so memory stays bounded whatever the file size.
Output rows hold every input column plus `label` and `p_<class>`; the file is
written under a temporary name and renamed only once every row is done.
"""

from __future__ import annotations

import functools
from pathlib import Path

import mlflow.pyfunc
import pandas as pd
from mlflow.exceptions import MlflowException
from tqdm.auto import tqdm

from stance import tracking
from stance.data.io import AtomicTableWriter, count_rows, iter_table
from stance.data.schema import check_columns, check_text
from stance.errors import DataError, ModelError

DEFAULT_BATCH_SIZE = 2048
DEFAULT_CHUNK_ROWS = 50_000


@functools.lru_cache(maxsize=4)
def load_model(model_uri: str) -> mlflow.pyfunc.PyFuncModel:
    """Load a model once per process: `runs:/…`, `models:/name@alias` or a local folder."""
    tracking.configure()
    if Path(model_uri).exists():
        model_uri = str(Path(model_uri).resolve())
    try:
        return mlflow.pyfunc.load_model(model_uri)
    except (MlflowException, OSError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot load model {model_uri!r}: {first_line}") from None


def _model_input(frame: pd.DataFrame, text_column: str, target_column: str) -> pd.DataFrame:
    model_input = pd.DataFrame({"text": frame[text_column].astype(str).to_numpy()})
    if target_column in frame.columns:
        model_input["target"] = frame[target_column].astype(str).to_numpy()
    return model_input


def predict_frame(
    model: mlflow.pyfunc.PyFuncModel | str,
    frame: pd.DataFrame,
    text_column: str = "text",
    target_column: str = "target",
    batch_size: int = DEFAULT_BATCH_SIZE,
    where: str = "input",
    first_row: int = 1,
) -> pd.DataFrame:
    """Every column of `frame` plus `label` and `p_<class>` columns.

    Input columns whose names clash with prediction columns keep their values
    under `<name>_input`.
    """
    if isinstance(model, str):
        model = load_model(model)
    check_columns(frame, [text_column], where)
    check_text(frame[text_column], where, text_column, first_row)
    model_input = _model_input(frame, text_column, target_column)
    parts = [
        model.predict(model_input.iloc[start : start + batch_size].reset_index(drop=True))
        for start in range(0, len(model_input), batch_size)
    ]
    predictions = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    clashes = {c: f"{c}_input" for c in frame.columns if c in set(predictions.columns)}
    result = frame.rename(columns=clashes).reset_index(drop=True)
    return pd.concat([result, predictions], axis=1)


def predict_file(
    model_uri: str,
    input_path: str | Path,
    output_path: str | Path,
    text_column: str = "text",
    target_column: str = "target",
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    progress: bool = True,
) -> int:
    """Predict every row of a CSV/JSONL/Parquet file into another; return the row count.

    On any error or interruption the partial output is removed, so an output file
    that exists is always complete.
    """
    input_path, output_path = Path(input_path), Path(output_path)
    if input_path.resolve() == output_path.resolve():
        raise DataError(f"{output_path}: the output would overwrite the input")
    model = load_model(model_uri)
    first_row = 1
    with (
        AtomicTableWriter(output_path) as writer,
        tqdm(
            total=count_rows(input_path), unit="rows", desc="predict", disable=not progress
        ) as bar,
    ):
        for chunk in iter_table(input_path, chunk_rows):
            where = str(input_path)
            result = predict_frame(
                model, chunk, text_column, target_column, batch_size, where, first_row
            )
            writer.write(result)
            first_row += len(chunk)
            bar.update(len(chunk))
    return writer.rows


def predict_articles(
    model_uri: str,
    articles: str | Path,
    output_path: str | Path,
    text_column: str = "text",
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> int:
    """Extract the quotes of raw articles, classify each, write one row per quote.

    Rows hold doc_id, link, speaker, quote, char_start, char_end, method, label and
    p_<class>. Quotes whose speaker could not be resolved are kept with an empty speaker.
    """
    from stance.extract.articles import quotes_table, read_documents

    model = load_model(model_uri)
    quotes = quotes_table(read_documents(articles, text_column))
    with AtomicTableWriter(output_path) as writer:
        if len(quotes):
            where = f"quotes extracted from {articles}"
            writer.write(predict_frame(model, quotes, "quote", "target", batch_size, where))
    return writer.rows
