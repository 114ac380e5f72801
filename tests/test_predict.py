"""train -> register -> predict round trips, and what an interrupted prediction leaves."""

import mlflow
import numpy as np
import pandas as pd
import pytest

from stance.config import load_config
from stance.data.io import read_table, write_table
from stance.errors import DataError, ModelError
from stance.predict import load_model, predict_file, predict_frame
from stance.training import train
from tests.conftest import tiny_frame, write_experiment

PROBA = ["p_pro_aid", "p_pro_concession", "p_neutral"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory, tiny_experiment_module):
    store = tmp_path_factory.mktemp("store")
    uri = f"sqlite:///{store / 'mlflow.db'}"
    patch = pytest.MonkeyPatch()
    patch.setenv("MLFLOW_TRACKING_URI", uri)
    mlflow.set_tracking_uri(uri)
    metrics = train(load_config(str(tiny_experiment_module)))
    yield metrics
    patch.undo()


@pytest.fixture(scope="module")
def tiny_experiment_module(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    for name, copies in (("train", 3), ("val", 1), ("test", 1)):
        tiny_frame(copies, name).to_csv(folder / f"{name}.csv", index=False)
    delta = "model: {C: 10.0, target_mode: per_target}"
    return write_experiment(folder / "exp.yaml", folder, delta=delta)


@pytest.mark.parametrize("uri", ["runs:/{run_id}/model", "models:/tiny-model/1"])
def test_logged_model_predicts_label_and_probabilities(trained, uri):
    model = load_model(uri.format(run_id=trained["run_id"]))
    frame = tiny_frame(1, prefix="new")
    out = predict_frame(model, frame)
    assert list(out.columns) == [*frame.columns.drop("label"), "label_input", "label", *PROBA]
    assert (out["label"] == out["label_input"]).mean() >= 0.9
    np.testing.assert_allclose(out[PROBA].sum(axis=1), 1.0, rtol=1e-6)


def test_model_is_loaded_once_per_process(trained):
    uri = f"runs:/{trained['run_id']}/model"
    assert load_model(uri) is load_model(uri)


def test_text_only_input_works_without_target(trained):
    model = load_model(f"runs:/{trained['run_id']}/model")
    out = predict_frame(model, pd.DataFrame({"quote": ["Ukraine should cede territory"]}), "quote")
    assert out["label"].tolist() == ["pro_concession"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_predict_file_streams_every_row(trained, tmp_path, suffix):
    frame = tiny_frame(4, prefix="in").drop(columns=["label"])
    source = write_table(frame, tmp_path / f"in{suffix}")
    target = tmp_path / f"out{suffix}"
    rows = predict_file(f"runs:/{trained['run_id']}/model", source, target, chunk_rows=7)
    out = read_table(target)
    assert rows == len(out) == len(frame)
    assert out["id"].tolist() == frame["id"].tolist()
    assert list(out.columns) == [*frame.columns, "label", *PROBA]


def test_local_model_folder_is_a_model_uri(trained, tmp_path):
    folder = mlflow.artifacts.download_artifacts(
        f"runs:/{trained['run_id']}/model", dst_path=str(tmp_path)
    )
    out = predict_frame(folder, pd.DataFrame({"text": ["More weapons to Ukraine now"]}))
    assert out["label"].tolist() == ["pro_aid"]


def test_interrupted_prediction_leaves_no_output(trained, tmp_path, monkeypatch):
    source = write_table(tiny_frame(4).drop(columns=["label"]), tmp_path / "in.csv")
    target = tmp_path / "out.csv"
    model = load_model(f"runs:/{trained['run_id']}/model")
    calls = {"n": 0}
    real_predict = model.predict

    def dies_on_third_chunk(frame, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_predict(frame, *args, **kwargs)

    monkeypatch.setattr(model, "predict", dies_on_third_chunk)
    with pytest.raises(KeyboardInterrupt):
        predict_file(f"runs:/{trained['run_id']}/model", source, target, chunk_rows=10)
    assert calls["n"] == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_empty_text_row_is_named_and_nothing_written(trained, tmp_path):
    frame = tiny_frame(2).drop(columns=["label"])
    frame.loc[22, "text"] = ""
    source = write_table(frame, tmp_path / "in.jsonl")
    with pytest.raises(DataError, match=r"in.jsonl, row 23, field 'text': empty text"):
        predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "o.csv", chunk_rows=10)
    assert not (tmp_path / "o.csv").exists()


def test_missing_text_column_and_bad_model_uri(trained, tmp_path):
    source = write_table(pd.DataFrame({"body": ["x"]}), tmp_path / "in.csv")
    with pytest.raises(DataError, match="missing column 'text'"):
        predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "o.csv")
    with pytest.raises(ModelError, match="cannot load model 'models:/absent/1'"):
        load_model("models:/absent/1")


ARTICLE = (
    "Nato chief warns allies\n"
    'Mark Rutte told reporters: "We must send more weapons to Ukraine now, and keep up '
    'military aid so Kyiv negotiates from strength."\n'
    '"Ukraine should cede territory for a deal and accept the new realities," said '
    "Sergei Lavrov.\n"
    "Your support helps us to tell the story. Your support makes all the difference.\n"
)


def test_predict_articles_extracts_then_classifies(trained, tmp_path):
    from stance.predict import predict_articles

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    out_path = tmp_path / "quotes.csv"
    rows = predict_articles(f"runs:/{trained['run_id']}/model", folder, out_path)
    out = read_table(out_path)
    assert rows == len(out) == 2
    assert out["speaker"].tolist() == ["Mark Rutte", "Sergei Lavrov"]
    assert out["label"].tolist() == ["pro_aid", "pro_concession"]
    for row in out.itertuples():
        assert ARTICLE[int(row.char_start) : int(row.char_end)] == row.quote
    assert {"doc_id", "p_pro_aid", "p_neutral"} <= set(out.columns)


def test_evaluate_logs_a_linked_run_with_calibration(trained, tmp_path):
    from mlflow.tracking import MlflowClient

    from stance.evaluation.evaluate import evaluate_model

    data = write_table(tiny_frame(1, prefix="ev"), tmp_path / "eval.csv")
    metrics = evaluate_model(f"runs:/{trained['run_id']}/model", str(data), resamples=100)
    assert metrics["f_avg_ci_low"] <= metrics["f_avg"] <= metrics["f_avg_ci_high"]
    assert 0 <= metrics["ece"] <= 1
    client = MlflowClient()
    [run] = client.search_runs(
        [client.get_run(trained["run_id"]).info.experiment_id],
        f"tags.`stance.model_run_id` = '{trained['run_id']}'",
    )
    artifacts = {a.path for a in client.list_artifacts(run.info.run_id)}
    assert {"misclassified.csv", "predictions.csv", "plots"} <= artifacts
    assert run.data.metrics["accuracy"] == pytest.approx(metrics["accuracy"])
