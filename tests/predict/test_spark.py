"""`stance predict --engine spark` gives what the local engine gives, and fails in one line."""

import importlib.util

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.data.io import write_table
from stance.errors import DataError, SetupError
from stance.predict import spark as engine
from stance.predict.local import predict_file
from tests.conftest import tiny_frame
from tests.predict import test_local
from tests.predict.tables import typed_quotes

# The module-scoped fixtures that train a tiny TF-IDF model into a temporary store.
trained = test_local.trained
tiny_experiment_module = test_local.tiny_experiment_module
runner = CliRunner()


def spark_missing() -> str | None:
    try:
        engine.require_spark()
    except SetupError as exc:
        return str(exc)
    return None


@pytest.fixture(scope="module")
def spark():
    """One local[2] session for the whole module (it takes seconds to start)."""
    if (missing := spark_missing()) is not None:
        pytest.skip(missing)
    with engine.spark_session("local[2]") as session:
        yield session


@pytest.fixture(scope="module")
def quotes():
    """1,000 quotes with unique ids, a multi-line quoted text and an empty field."""
    frame = tiny_frame(67, prefix="s").head(1000).copy()
    frame.loc[1, "text"] = 'She said "no deal", then, after a pause,\nleft the room'
    frame.loc[2, "speaker"] = ""
    return frame


@pytest.fixture(scope="module")
def local_result(trained, quotes, tmp_path_factory):
    folder = tmp_path_factory.mktemp("local")
    source = write_table(quotes, folder / "in.csv")
    predict_file(f"runs:/{trained['run_id']}/model", source, folder / "out.parquet", progress=False)
    return pd.read_parquet(folder / "out.parquet")


def write_parts(frame: pd.DataFrame, folder, suffix: str, parts: int = 2) -> None:
    folder.mkdir()
    for part, rows in enumerate(np.array_split(np.arange(len(frame)), parts)):
        write_table(frame.iloc[rows], folder / f"part-{part}{suffix}")


def assert_same_predictions(spark_out: pd.DataFrame, local: pd.DataFrame) -> None:
    spark_out = spark_out.sort_values("id", ignore_index=True)
    local = local.sort_values("id", ignore_index=True)
    assert list(spark_out.columns) == list(local.columns)
    proba = [c for c in local.columns if c.startswith("p_")]
    pd.testing.assert_frame_equal(
        spark_out.drop(columns=proba), local.drop(columns=proba), check_dtype=False
    )
    np.testing.assert_allclose(spark_out[proba], local[proba], rtol=0, atol=1e-6)


@pytest.mark.spark
@pytest.mark.slow
@pytest.mark.parametrize("layout", ["csv file", "jsonl glob", "parquet folder"])
def test_spark_scores_like_the_local_engine(
    spark,
    trained,
    quotes,
    local_result,
    tmp_path,
    layout,
):
    kind = layout.split()[0]
    if layout == "csv file":
        source = str(write_table(quotes, tmp_path / "in.csv"))
    else:
        write_parts(quotes, tmp_path / "in", f".{kind}")
        source = str(tmp_path / "in" / "*.jsonl") if kind == "jsonl" else str(tmp_path / "in")
    model = f"runs:/{trained['run_id']}/model"
    rows = engine.predict_spark(model, source, str(tmp_path / "out"))
    assert rows == 1000
    assert (tmp_path / "out" / "_SUCCESS").is_file()
    assert_same_predictions(pd.read_parquet(tmp_path / "out"), local_result)


@pytest.mark.spark
@pytest.mark.slow
def test_cli_refuses_an_existing_output_unless_overwrite(spark, trained, tmp_path):
    write_table(tiny_frame(1).drop(columns=["label"]), tmp_path / "in.jsonl")
    command = ["predict", "--engine", "spark", "--master", "local[2]",
               "--model", "models:/tiny-model/1", "--input", str(tmp_path / "in.jsonl"),
               "--output", str(tmp_path / "out")]  # fmt: skip
    first = runner.invoke(app, command)
    assert first.exit_code == 0, first.output
    assert "wrote 15 rows" in first.stderr
    again = runner.invoke(app, command)
    assert again.exit_code == 2
    assert "out exists; pass --overwrite to replace it" in again.stderr
    replaced = runner.invoke(app, [*command, "--overwrite"])
    assert replaced.exit_code == 0, replaced.output
    clobber = runner.invoke(app, [*command[:-1], str(tmp_path / "in.jsonl"), "--overwrite"])
    assert clobber.exit_code == 2
    assert "in.jsonl: the output would overwrite the input" in clobber.stderr
    out = pd.read_parquet(tmp_path / "out")
    assert len(out) == 15
    assert {"id", "label", "p_neutral"} <= set(out.columns)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out"]


@pytest.mark.spark
@pytest.mark.slow
def test_failed_job_leaves_no_output(spark, trained, tmp_path, monkeypatch):
    source = write_table(tiny_frame(1), tmp_path / "in.csv")

    def not_nullable(model_uri):
        import mlflow.models

        return mlflow.models.get_model_info(model_uri).signature.outputs.as_spark_schema()

    monkeypatch.setattr(engine, "output_schema", not_nullable)
    with pytest.raises(DataError, match=r"in.csv: Spark job failed: \[ARROW_TYPE_MISMATCH\]"):
        engine.predict_spark(f"runs:/{trained['run_id']}/model", str(source), str(tmp_path / "o"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_missing_pyspark_is_one_line(monkeypatch):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name: None if name == "pyspark" else real_find_spec(name),
    )
    with pytest.raises(
        SetupError, match=r"^Spark scoring needs pyspark: pip install 'stance\[spark\]'$"
    ):
        engine.require_spark()


def test_missing_java_is_one_line_from_the_cli(monkeypatch, tmp_path):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name: object() if name == "pyspark" else real_find_spec(name),
    )
    monkeypatch.setattr(engine.shutil, "which", lambda name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    result = runner.invoke(
        app,
        ["predict", "--engine", "spark", "--model", "models:/any/1",
         "--input", str(tmp_path / "in.csv"), "--output", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 2
    first, *_ = result.stderr.splitlines()
    assert first.startswith("error: Spark scoring needs Java 17+: apt-get install")
    assert "openjdk-17-jre-headless" in first
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(SetupError, match="openjdk-17-jre-headless"):
        engine.require_spark()


@pytest.mark.spark
@pytest.mark.slow
def test_spark_keeps_the_parquet_column_types(spark, trained, tmp_path):
    table = typed_quotes(empty_texts=False)
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "part-0.parquet")
    engine.predict_spark(f"runs:/{trained['run_id']}/model", str(tmp_path / "in"),
                         str(tmp_path / "out"))  # fmt: skip
    out = pq.read_table(tmp_path / "out").sort_by("id")
    for field in table.schema:
        if not pa.types.is_dictionary(field.type):  # Spark has no dictionary type: its values
            assert out.schema.field(field.name).type == field.type, field.name
        assert out.column(field.name).to_pylist() == table.sort_by("id")[field.name].to_pylist()
