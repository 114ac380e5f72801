"""Batch prediction on Spark, for `stance predict --engine spark`.

Inputs are a folder, a file or a glob of Parquet, CSV or JSONL files, read as
the local engine reads them: Parquet columns keep their types, CSV and JSONL
values are text (missing values become empty strings). Rows are scored through
`mlflow.pyfunc.spark_udf` and written as a folder of Parquet part files holding
the same columns as the local engine: every input column (those named like a
prediction column renamed `<name>_input`), then `label` and `p_<class>`.

Spark writes into `<output>.partial-<pid>`, which is renamed to `<output>` only
once the job has committed, so a folder named `<output>` is always complete.
On a cluster the driver downloads the model and Spark ships it to the executors;
each executor needs the stance package and its dependencies (env_manager
"local"), and the input and output paths must be on storage they all reach.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shutil
import sys
import warnings
from pathlib import Path

from stance import tracking
from stance.data.io import table_format
from stance.data.schema import check_columns
from stance.errors import DataError, ModelError, SetupError, first_line
from stance.predict.options import DEFAULT_MASTER, DEFAULT_TARGET_COLUMN, DEFAULT_TEXT_COLUMN

DEFAULT_BATCH_SIZE = 2048
PYSPARK_MISSING = "Spark scoring needs pyspark: pip install 'stance[spark]'"
JAVA_MISSING = (
    "Spark scoring needs Java 17+: apt-get install openjdk-17-jre-headless "
    "(or set JAVA_HOME to a Java 17+ installation)"
)
PREDICTION = "__stance_prediction"
ERROR_CLASS = re.compile(r"\[[A-Z][A-Z_.]+\] ")
EXCEPTION_LINE = re.compile(r"^[\w.]+(Error|Exception): ")
SPARK_FORMATS = {"csv": "csv", "jsonl": "json", "parquet": "parquet"}
READ_OPTIONS = {
    "csv": {"header": "true", "multiLine": "true", "escape": '"', "mode": "FAILFAST"},
    "jsonl": {"primitivesAsString": "true", "mode": "FAILFAST"},
    "parquet": {},
}


def java_found() -> bool:
    """Whether Spark's launcher will find `java`: $JAVA_HOME/bin/java, else `java` on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        return (Path(home) / "bin" / "java").is_file()
    return shutil.which("java") is not None


def require_spark() -> None:
    """Raise one line naming what to install when pyspark or Java is missing."""
    if importlib.util.find_spec("pyspark") is None:
        raise SetupError(PYSPARK_MISSING)
    if not java_found():
        raise SetupError(JAVA_MISSING)


@contextlib.contextmanager
def spark_session(master: str = DEFAULT_MASTER, batch_size: int = DEFAULT_BATCH_SIZE):
    """The active SparkSession if there is one (left running), else a new one, stopped after."""
    require_spark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    if master.startswith("sc://"):
        raise SetupError(f"--master {master}: Spark Connect is not supported; use a master URL")
    if master.startswith("local"):
        # Workers run `python3` from PATH otherwise, which may lack stance and mlflow.
        os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    builder = (
        SparkSession.builder.master(master)
        .appName("stance-predict")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch_size))
        # INT96 (the default) would read back as nanoseconds: keep the input's microseconds
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
    )
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    try:
        session = builder.getOrCreate()
    except Exception as exc:
        raise SetupError(f"cannot start Spark (master {master}): {first_line(exc)}") from None
    session.sparkContext.setLogLevel("FATAL")  # failures are reported in one line
    try:
        yield session
    finally:
        session.stop()


class HadoopPaths:
    """Glob, rename and delete on the Hadoop file system of `path`: local, HDFS, S3, ..."""

    def __init__(self, spark, path: str):
        self._jvm = spark.sparkContext._jvm
        self._fs = self.path(path).getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())

    def path(self, path: str):
        return self._jvm.org.apache.hadoop.fs.Path(path)

    def qualified(self, path: str) -> str:
        return self._fs.makeQualified(self.path(path)).toString().rstrip("/")

    def exists(self, path: str) -> bool:
        return self._fs.exists(self.path(path))

    def delete(self, path: str) -> None:
        self._fs.delete(self.path(path), True)

    def rename(self, source: str, target: str) -> None:
        if not self._fs.rename(self.path(source), self.path(target)):
            raise DataError(f"{target}: cannot rename {source} to it")

    def files(self, pattern: str) -> list[str]:
        """Data files a glob, a file or a folder (recursively) holds, without _/. names."""
        found = []
        for status in self._fs.globStatus(self.path(pattern)) or []:
            if not status.isDirectory():
                found.append(status.getPath().toString())
                continue
            listing = self._fs.listFiles(status.getPath(), True)
            while listing.hasNext():
                found.append(listing.next().getPath().toString())
        return [f for f in found if not f.rsplit("/", 1)[-1].startswith(("_", "."))]


def input_files(paths: HadoopPaths, pattern: str) -> tuple[str, list[str]]:
    """The format (csv, jsonl or parquet, from the extensions) and the files an input names."""
    files = sorted(paths.files(pattern))
    if not files:
        raise DataError(f"{pattern}: no input files found")
    kinds = {table_format(name) for name in files}
    if len(kinds) > 1:
        raise DataError(f"{pattern}: mixes {' and '.join(sorted(kinds))} files; give one format")
    return kinds.pop(), files


def _quoted(column: str) -> str:
    return "`" + column.replace("`", "``") + "`"


def read_input(spark, pattern: str, kind: str, first_file: str):
    """A DataFrame of the input: Parquet columns keep their types; CSV and JSONL columns
    are strings, missing values ''."""
    from pyspark.sql import functions as F

    reader = spark.read.options(**READ_OPTIONS[kind])
    frame = reader.format(SPARK_FORMATS[kind]).load(pattern)
    if kind == "parquet":
        return frame
    columns = json_key_order(spark, first_file, frame.columns) if kind == "jsonl" else frame.columns
    return frame.select(
        *[F.coalesce(F.col(_quoted(c)).cast("string"), F.lit("")).alias(c) for c in columns]
    )


def json_key_order(spark, path: str, columns: list[str]) -> list[str]:
    """Columns in the key order of the first JSON record, as pandas reads them (Spark sorts)."""
    first = spark.read.text(path).filter("trim(value) != ''").first()
    keys = list(json.loads(first.value)) if first is not None else []
    return [k for k in keys if k in columns] + [c for c in columns if c not in keys]


def output_schema(model_uri: str):
    """The Spark struct of the model's outputs (label, p_<class>), from its signature."""
    import mlflow.models
    from mlflow.exceptions import MlflowException

    try:
        signature = mlflow.models.get_model_info(model_uri).signature
    except (MlflowException, OSError) as exc:
        raise ModelError(f"cannot load model {model_uri!r}: {first_line(exc)}") from None
    if signature is None or signature.outputs is None:
        raise ModelError(f"{model_uri}: the model has no output signature; log it with stance")
    from pyspark.sql.types import StructField, StructType

    # Nullable fields: pandas UDF results are nullable, and Spark rejects a mismatch.
    fields = signature.outputs.as_spark_schema().fields
    return StructType([StructField(f.name, f.dataType, nullable=True) for f in fields])


def _text(column: str):
    """A column as the model's text: a string, null as ''."""
    from pyspark.sql import functions as F

    return F.coalesce(F.col(_quoted(column)).cast("string"), F.lit(""))


def check_text(frame, text_column: str, where: str) -> int:
    """The row count; raise when any text is empty."""
    from pyspark.sql import functions as F

    empty = _text(text_column).rlike(r"^\s*$").cast("int")
    rows, empties = frame.agg(F.count(F.lit(1)), F.sum(empty)).first()
    if empties:
        raise DataError(f"{where}, field {text_column!r}: empty text in {empties} of {rows} rows")
    return rows


def scored(frame, predict, text_column: str, target_column: str, outputs: list[str]):
    """Every input column (clashes renamed `<name>_input`), then the model's outputs."""
    from pyspark.sql import functions as F

    model_input = [_text(text_column).alias("text")]
    if target_column in frame.columns:
        model_input.append(_text(target_column).alias("target"))
    names = [f"{c}_input" if c in outputs else c for c in frame.columns]
    inputs = [F.col(_quoted(c)).alias(name) for c, name in zip(frame.columns, names, strict=True)]
    prediction = predict(F.struct(*model_input)).alias(PREDICTION)
    return frame.select(*inputs, prediction).select(
        *[_quoted(name) for name in names],
        *[F.col(PREDICTION)[name].alias(name) for name in outputs],
    )


def _spark_failure(exc: Exception, where: str) -> DataError:
    """One line from a failed Spark job: its last error class ([NAME] …) or exception line."""
    lines = [line.strip() for line in str(exc).splitlines()]
    lines = [line for line in lines if line and not line.startswith(("at ", "..."))]
    classed = [line[line.index("[") :] for line in lines if ERROR_CLASS.search(line)]
    raised = [line for line in lines if EXCEPTION_LINE.match(line)]
    reason = (classed or raised or lines or [type(exc).__name__])[-1]
    return DataError(f"{where}: Spark job failed: {reason[:300]}")


def write_atomically(frame, output: str, overwrite: bool) -> None:
    """Write Parquet part files into `<output>.partial-<pid>`, then rename it to `output`."""
    paths = HadoopPaths(frame.sparkSession, output)
    partial, old = f"{output}.partial-{os.getpid()}", f"{output}.old-{os.getpid()}"
    try:
        frame.write.mode("errorifexists").parquet(partial)
        if paths.exists(output):
            if not overwrite:
                raise DataError(f"{output} exists; pass --overwrite to replace it")
            paths.rename(output, old)
        paths.rename(partial, output)
    except BaseException:
        paths.delete(partial)
        raise
    paths.delete(old)


def predict_spark(
    model_uri: str,
    input_path: str,
    output_path: str,
    master: str = DEFAULT_MASTER,
    text_column: str = DEFAULT_TEXT_COLUMN,
    target_column: str = DEFAULT_TARGET_COLUMN,
    batch_size: int = DEFAULT_BATCH_SIZE,
    overwrite: bool = False,
) -> int:
    """Score a folder, file or glob of CSV/JSONL/Parquet into a Parquet folder; return rows."""
    input_path, output_path = str(input_path), str(output_path).rstrip("/")
    tracking.configure()
    if Path(model_uri).exists():
        model_uri = str(Path(model_uri).resolve())
    with spark_session(master, batch_size) as spark:
        check_output(spark, input_path, output_path, overwrite)
        return _predict(
            spark, model_uri, input_path, output_path, text_column, target_column, overwrite
        )


def check_output(spark, input_path: str, output_path: str, overwrite: bool) -> None:
    """Refuse an existing output without `overwrite`, and an output holding the input."""
    source = HadoopPaths(spark, input_path).qualified(input_path)
    target = HadoopPaths(spark, output_path).qualified(output_path)
    if source == target or source.startswith(target + "/"):
        raise DataError(f"{output_path}: the output would overwrite the input")
    if HadoopPaths(spark, output_path).exists(output_path) and not overwrite:
        raise DataError(f"{output_path} exists; pass --overwrite to replace it")


def _predict(spark, model_uri, input_path, output_path, text_column, target_column, overwrite):
    import mlflow.pyfunc
    from py4j.protocol import Py4JJavaError
    from pyspark.errors import PySparkException

    kind, files = input_files(HadoopPaths(spark, input_path), input_path)
    schema = output_schema(model_uri)
    try:
        frame = read_input(spark, input_path, kind, files[0])
        check_columns(frame, [text_column], input_path)
        rows = check_text(frame, text_column, input_path)
        predict = mlflow.pyfunc.spark_udf(spark, model_uri, schema, env_manager="local")
        result = scored(frame, predict, text_column, target_column, schema.fieldNames())
        write_atomically(result, output_path, overwrite)
    except (Py4JJavaError, PySparkException) as exc:
        raise _spark_failure(exc, input_path) from None
    return rows
