"""train -> register -> predict round trips, and what an interrupted prediction leaves."""

import json
import os
import signal
import subprocess
import sys

import mlflow
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from stance.config import load_config
from stance.data.io import read_table, write_table
from stance.errors import DataError, ModelError
from stance.predict.checkpoint import partial_folder, read_manifest
from stance.predict.local import PredictOptions, load_model, predict_file, predict_frame
from stance.training import train
from tests.conftest import fresh_store, tiny_frame, write_experiment
from tests.predict.tables import typed_quotes

PROBA = ["p_pro_aid", "p_pro_concession", "p_neutral"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory, tiny_experiment_module, migrated_store):
    uri = fresh_store(migrated_store, tmp_path_factory.mktemp("store") / "mlflow.db")
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


def test_model_cache_follows_the_tracking_uri(trained, tmp_path, monkeypatch, migrated_store):
    assert load_model("models:/tiny-model/1") is not None
    monkeypatch.setenv("MLFLOW_TRACKING_URI", fresh_store(migrated_store, tmp_path / "other.db"))
    with pytest.raises(ModelError, match="cannot load model 'models:/tiny-model/1'"):
        load_model("models:/tiny-model/1")  # another store has no such model
    monkeypatch.undo()
    mlflow.set_tracking_uri(os.environ["MLFLOW_TRACKING_URI"])


def test_text_only_input_works_without_target(trained):
    model = load_model(f"runs:/{trained['run_id']}/model")
    out = predict_frame(model, pd.DataFrame({"quote": ["Ukraine should cede territory"]}), "quote")
    assert out["label"].tolist() == ["pro_concession"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_predict_file_streams_every_row(trained, tmp_path, suffix):
    frame = tiny_frame(4, prefix="in").drop(columns=["label"])
    source = write_table(frame, tmp_path / f"in{suffix}")
    target = tmp_path / f"out{suffix}"
    summary = predict_file(
        f"runs:/{trained['run_id']}/model", source, target, PredictOptions(chunk_rows=7)
    )
    out = read_table(target)
    assert summary.rows == len(out) == len(frame)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([source.name, target.name])
    assert out["id"].tolist() == frame["id"].tolist()
    assert list(out.columns) == [*frame.columns, "label", *PROBA]


def test_local_model_folder_is_a_model_uri(trained, tmp_path):
    folder = mlflow.artifacts.download_artifacts(
        f"runs:/{trained['run_id']}/model", dst_path=str(tmp_path)
    )
    out = predict_frame(folder, pd.DataFrame({"text": ["More weapons to Ukraine now"]}))
    assert out["label"].tolist() == ["pro_aid"]


def _dies_on_chunk(model, monkeypatch, chunk: int, action):
    calls = {"n": 0}
    real_predict = model.predict

    def predict(frame, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == chunk:
            action()
        return real_predict(frame, *args, **kwargs)

    monkeypatch.setattr(model, "predict", predict)
    return calls


def _raise_interrupt():
    raise KeyboardInterrupt


def test_interrupted_prediction_leaves_no_output_and_resumes(trained, tmp_path, monkeypatch):
    uri = f"runs:/{trained['run_id']}/model"
    frame = tiny_frame(4).drop(columns=["label"])
    source = write_table(frame, tmp_path / "in.csv")
    target = tmp_path / "out.csv"
    calls = _dies_on_chunk(load_model(uri), monkeypatch, 3, _raise_interrupt)
    options = PredictOptions(chunk_rows=10, batch_size=10)
    with pytest.raises(KeyboardInterrupt):
        predict_file(uri, source, target, options)
    assert calls["n"] == 3
    assert not target.exists()
    assert read_manifest(target)["rows"] == 20
    summary = predict_file(uri, source, target, options, resume=True)
    assert (summary.rows, summary.resumed_rows) == (len(frame), 20)
    assert calls["n"] == 3 + (len(frame) - 20) // 10  # only the chunks left were predicted
    monkeypatch.undo()
    clean = predict_file(uri, source, tmp_path / "clean.csv", options)
    assert clean.rows == len(frame)
    pd.testing.assert_frame_equal(read_table(target), read_table(tmp_path / "clean.csv"))
    assert not partial_folder(target).exists()


KILLED_CHILD = """
import os, signal, sys
from stance.predict.local import PredictOptions, load_model, predict_file
uri, source, target = sys.argv[1:]
model = load_model(uri)
real, calls = model.predict, []
def predict(frame, *args, **kwargs):
    calls.append(1)
    if len(calls) == 4:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(frame, *args, **kwargs)
model.predict = predict
predict_file(uri, source, target, PredictOptions(chunk_rows=10, batch_size=10), progress=False)
"""


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_prediction_killed_mid_way_resumes_without_losing_or_repeating_rows(
    trained, tmp_path, suffix
):
    uri = f"runs:/{trained['run_id']}/model"
    frame = tiny_frame(4).drop(columns=["label"])
    source = write_table(frame, tmp_path / f"in{suffix}")
    target = tmp_path / f"out{suffix}"
    child = subprocess.run(
        [sys.executable, "-c", KILLED_CHILD, uri, str(source), str(target)],
        env={**os.environ, "MLFLOW_TRACKING_URI": mlflow.get_tracking_uri()},
        capture_output=True,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    assert not target.exists()
    assert read_manifest(target)["rows"] == 30
    options = PredictOptions(chunk_rows=10, batch_size=10)
    summary = predict_file(uri, source, target, options, resume=True, progress=False)
    out = read_table(target)
    assert summary.resumed_rows == 30
    assert out["id"].tolist() == frame["id"].tolist()
    expected = predict_frame(load_model(uri), frame)
    assert out["label"].tolist() == expected["label"].tolist()


def test_resume_refuses_a_checkpoint_of_another_job(trained, tmp_path, monkeypatch):
    uri = f"runs:/{trained['run_id']}/model"
    source = write_table(tiny_frame(4).drop(columns=["label"]), tmp_path / "in.csv")
    target = tmp_path / "out.csv"
    _dies_on_chunk(load_model(uri), monkeypatch, 2, _raise_interrupt)
    with pytest.raises(KeyboardInterrupt):
        predict_file(uri, source, target, PredictOptions(chunk_rows=10))
    monkeypatch.undo()
    with pytest.raises(DataError, match=r"different job .*chunk_rows.* run without --resume"):
        predict_file(uri, source, target, PredictOptions(chunk_rows=7), resume=True)
    assert predict_file(uri, source, target, PredictOptions(chunk_rows=7)).rows == 60


def test_empty_and_overlong_rows_are_reported_not_fatal(trained, tmp_path):
    uri = f"runs:/{trained['run_id']}/model"
    frame = tiny_frame(2).drop(columns=["label"])
    frame.loc[3, "text"] = "   "
    frame.loc[22, "text"] = "Ukraine must get more weapons now " * 10
    source = write_table(frame, tmp_path / "in.jsonl")
    options = PredictOptions(chunk_rows=10, max_chars=200)
    summary = predict_file(uri, source, tmp_path / "o.csv", options)
    out = read_table(tmp_path / "o.csv")
    assert (summary.rows, summary.skipped) == (len(frame), 2)
    assert out["id"].tolist() == frame["id"].tolist()
    assert out.loc[[3, 22], "label"].tolist() == ["", ""]
    assert out.loc[[3, 22], "p_neutral"].tolist() == ["", ""]
    assert (out.drop(index=[3, 22])["label"] != "").all()
    report = read_table(summary.skipped_file)
    assert summary.skipped_file.name == "o.skipped.csv"
    assert report[["row", "id", "reason"]].values.tolist() == [
        ["4", frame.loc[3, "id"], "empty"],
        ["23", frame.loc[22, "id"], "overlong"],
    ]


def test_strict_stops_at_the_first_bad_row_and_writes_nothing(trained, tmp_path):
    frame = tiny_frame(2).drop(columns=["label"])
    frame.loc[22, "text"] = ""
    source = write_table(frame, tmp_path / "in.jsonl")
    options = PredictOptions(chunk_rows=10, strict=True)
    with pytest.raises(DataError, match=r"in.jsonl, row 23, field 'text': empty text"):
        predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "o.csv", options)
    assert not (tmp_path / "o.csv").exists()
    long = PredictOptions(chunk_rows=10, strict=True, max_chars=5)
    with pytest.raises(DataError, match=r"row 1, field 'text': text of \d+ characters is longer"):
        predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "o.csv", long)


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
    from stance.predict.local import predict_articles

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


# ---------------------------------------------------------------- issue #11: nothing lost


@pytest.mark.parametrize("some_skipped", [False, True])
def test_the_skipped_row_report_of_the_output_is_never_the_input(trained, tmp_path, some_skipped):
    frame = tiny_frame(1).drop(columns=["label"])
    if some_skipped:
        frame.loc[2, "text"] = ""
    source = write_table(frame, tmp_path / "scored.skipped.csv")
    before = source.read_bytes()
    with pytest.raises(DataError, match="the input is the skipped-row report of --output"):
        predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "scored.csv")
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scored.skipped.csv"]


def test_no_file_the_job_writes_resolves_to_the_input(trained, tmp_path):
    uri = f"runs:/{trained['run_id']}/model"
    source = write_table(tiny_frame(1).drop(columns=["label"]), tmp_path / "in.csv")
    (tmp_path / "link.csv").symlink_to(source)
    with pytest.raises(DataError, match="the output would overwrite the input"):
        predict_file(uri, source, tmp_path / "link.csv")
    (tmp_path / "hard.csv").hardlink_to(source)
    with pytest.raises(DataError, match="the output would overwrite the input"):
        predict_file(uri, source, tmp_path / "hard.csv")
    (tmp_path / "report.skipped.csv").symlink_to(source)
    with pytest.raises(DataError, match="skipped-row report"):
        predict_file(uri, source, tmp_path / "report.csv")
    inside = partial_folder(tmp_path / "o.csv")
    inside.mkdir()
    hidden = write_table(tiny_frame(1).drop(columns=["label"]), inside / "in.csv")
    with pytest.raises(DataError, match="inside the checkpoint folder"):
        predict_file(uri, hidden, tmp_path / "o.csv")
    assert hidden.is_file()
    with pytest.raises(DataError, match="is a folder; --output must name a file"):
        predict_file(uri, source, inside)


def test_a_link_planted_at_the_temporary_name_receives_nothing(trained, tmp_path):
    source = write_table(tiny_frame(1).drop(columns=["label"]), tmp_path / "in.csv")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    for pid in range(os.getpid() - 5, os.getpid() + 50):  # the names the old writer used
        (tmp_path / f".out.csv.partial-{pid}").symlink_to(victim)
    summary = predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "out.csv")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert len(read_table(tmp_path / "out.csv")) == summary.rows == 15
    assert oct((tmp_path / "out.csv").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_symlinked_checkpoint_folder_is_refused_in_one_line(trained, tmp_path):
    source = write_table(tiny_frame(1).drop(columns=["label"]), tmp_path / "in.csv")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    partial_folder(tmp_path / "out.csv").symlink_to(elsewhere)
    for resume in (False, True):
        with pytest.raises(DataError, match=r"checkpoint folder is a symbolic link; remove it"):
            predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "out.csv",
                         resume=resume)  # fmt: skip
    assert list(elsewhere.iterdir()) == []


KILLED_IN_JOIN = """
import os, signal, sys
from stance.predict import checkpoint
from stance.predict.local import PredictOptions, predict_file
def join(parts, writer):
    writer.binary.write(b"x" * 100_000)
    writer.binary.flush()
    os.kill(os.getpid(), signal.SIGKILL)
checkpoint._join_bytes = join
uri, source, target = sys.argv[1:]
predict_file(uri, source, target, PredictOptions(chunk_rows=10), progress=False)
"""


@pytest.mark.slow
def test_temporaries_of_a_process_killed_in_the_final_join_are_removed(trained, tmp_path):
    uri = f"runs:/{trained['run_id']}/model"
    frame = tiny_frame(2).drop(columns=["label"])
    source = write_table(frame, tmp_path / "in.csv")
    target = tmp_path / "out.csv"
    child = subprocess.run(
        [sys.executable, "-c", KILLED_IN_JOIN, uri, str(source), str(target)],
        env={**os.environ, "MLFLOW_TRACKING_URI": mlflow.get_tracking_uri()},
        capture_output=True,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    left = list(tmp_path.glob(".out.csv.partial-*"))
    assert len(left) == 1 and left[0].stat().st_size == 100_000
    other_host = tmp_path / ".out.csv.partial-99999999@elsewhere.abcdefgh"
    other_host.write_text("another machine's", encoding="utf-8")
    live = tmp_path / f".out.csv.partial-{os.getpid()}@{os.uname().nodename}.abcdefgh"
    live.write_text("a live process's", encoding="utf-8")
    summary = predict_file(uri, source, target, PredictOptions(chunk_rows=10), resume=True)
    assert summary.resumed_rows == len(frame)
    assert read_table(target)["id"].tolist() == frame["id"].tolist()
    assert sorted(p.name for p in tmp_path.glob(".out.csv.partial-*")) == sorted(
        [other_host.name, live.name]
    )


# ---------------------------------------------------------------- issue #11: nothing wrong


@pytest.mark.parametrize("output_suffix", [".csv", ".jsonl", ".parquet"])
def test_jsonl_columns_are_matched_by_name_across_chunks(trained, tmp_path, output_suffix):
    source = tmp_path / "in.jsonl"
    lines = [
        '{"id": "a1", "text": "We must send more weapons to Ukraine now"}',
        '{"text": "Ukraine should cede territory for a deal", "id": "a2"}',
        '{"text": "The weather delayed the convoy", "id": "a3", "extra": 7}',
        '{"id": "a4", "extra": true, "text": "More air defence for Ukraine"}',
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / f"out{output_suffix}"
    uri = f"runs:/{trained['run_id']}/model"
    predict_file(uri, source, target, PredictOptions(chunk_rows=1))
    out = read_table(target)
    assert out["id"].tolist() == ["a1", "a2", "a3", "a4"]
    assert out["text"].tolist()[1] == "Ukraine should cede territory for a deal"
    assert out["extra"].tolist() == ["", "", "7", "true"]
    expected = predict_frame(load_model(uri), read_table(source))
    assert out["label"].tolist() == expected["label"].tolist()
    if output_suffix != ".jsonl":
        assert list(out.columns[:3]) == ["id", "text", "extra"]


def test_a_header_only_csv_gives_a_header_only_output(trained, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,text\n", encoding="utf-8")
    summary = predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "out.csv")
    assert summary.rows == 0
    out = read_table(tmp_path / "out.csv")
    assert (len(out), list(out.columns)) == (0, ["id", "text", "label", *PROBA])


def test_parquet_output_whose_first_chunk_has_only_empty_texts(trained, tmp_path):
    frame = tiny_frame(1).drop(columns=["label"])
    frame.loc[:4, "text"] = ""
    source = write_table(frame, tmp_path / "in.csv")
    options = PredictOptions(chunk_rows=5)
    summary = predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "o.parquet",
                           options)  # fmt: skip
    out = pq.read_table(tmp_path / "o.parquet").to_pydict()
    assert summary.skipped == 5
    assert out["label"][:5] == out["p_neutral"][:5] == [None] * 5
    assert None not in out["label"][5:]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", r"in.csv: empty file \(no header row\)"),
        ("id,text,id\n1,x,2\n", r"in.csv, header: duplicate column 'id'"),
        ("id,text,label,label_input\n1,x,a,b\n", r"has both columns 'label' and 'label_input'"),
        ("id,text\nA1,some text,extra\n", r"in.csv, row 1 \(line 2\): 3 fields, but the header"),
        ('id,text\n1,"open\n2,b\n3,c\n', r"in.csv, row 1 \(line 2\): a quoted field opens"),
    ],
)
def test_unreadable_inputs_stop_in_one_line_and_write_nothing(trained, tmp_path, content, message):
    source = tmp_path / "in.csv"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "out.csv")
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_file_named_parquet_that_is_not_one(trained, tmp_path):
    source = tmp_path / "in.parquet"
    source.write_text("id,text\n1,x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"in.parquet: not a readable Parquet file"):
        predict_file(f"runs:/{trained['run_id']}/model", source, tmp_path / "out.csv")


def test_stance_reads_back_its_own_jsonl_with_line_separators(trained, tmp_path):
    frame = pd.DataFrame(
        {"id": ["1", "2", "3"], "text": ["Send weapons\u2028now", "Cede\u2029land", "x\x85y"]}
    )
    source = write_table(frame, tmp_path / "in.jsonl")
    target = tmp_path / "out.jsonl"
    predict_file(f"runs:/{trained['run_id']}/model", source, target)
    assert read_table(target)["text"].tolist() == frame["text"].tolist()
    again = predict_file(f"runs:/{trained['run_id']}/model", target, tmp_path / "again.jsonl")
    assert again.rows == 3


def test_a_model_folder_from_outside_the_store_warns_that_it_runs_code(trained, tmp_path, caplog):
    from stance.predict.local import warn_untrusted

    folder = mlflow.artifacts.download_artifacts(
        f"runs:/{trained['run_id']}/model", dst_path=str(tmp_path)
    )
    warn_untrusted.cache_clear()
    with caplog.at_level("WARNING"):
        load_model(folder)
        load_model(folder)
    warnings = [r.getMessage() for r in caplog.records if "runs code" in r.getMessage()]
    assert len(warnings) == 1 and "load only models you trust" in warnings[0]
    caplog.clear()
    with caplog.at_level("WARNING"):
        load_model(f"runs:/{trained['run_id']}/model")
    assert not [r for r in caplog.records if "runs code" in r.getMessage()]


def test_a_jsonl_text_key_that_first_appears_in_a_later_chunk(trained, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "1"}\n{"id": "2", "text": "Cede territory"}\n', encoding="utf-8")
    uri = f"runs:/{trained['run_id']}/model"
    summary = predict_file(uri, source, tmp_path / "out.csv", PredictOptions(chunk_rows=1))
    out = read_table(tmp_path / "out.csv")
    assert (summary.rows, summary.skipped) == (2, 1)
    assert out["text"].tolist() == ["", "Cede territory"] and out["label"].tolist()[0] == ""
    source.write_text('{"id": "1"}\n{"id": "2"}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"in.jsonl: missing column 'text' \(no record has"):
        predict_file(uri, source, tmp_path / "o2.csv", PredictOptions(chunk_rows=1))
    assert not partial_folder(tmp_path / "o2.csv").exists()


def test_parquet_in_parquet_out_keeps_every_column_type_and_null(trained, tmp_path):
    table = typed_quotes()
    source = tmp_path / "in.parquet"
    pq.write_table(table, source)
    target = tmp_path / "out.parquet"
    # chunk 1 (rows 0-4) holds both empty texts: its parts must still join under one schema
    summary = predict_file(f"runs:/{trained['run_id']}/model", source, target,
                           PredictOptions(chunk_rows=5))  # fmt: skip
    out = pq.read_table(target)
    assert summary.skipped == 2
    for field in table.schema:
        assert out.schema.field(field.name).type == field.type, field.name
        assert out.column(field.name).to_pylist() == table.column(field.name).to_pylist()
    assert out.schema.field("label").type == pa.string()
    assert out.column("label").to_pylist()[3:5] == [None, None]
    assert out.column("p_neutral").to_pylist()[3:5] == [None, None]
    assert None not in out.column("label").to_pylist()[5:]


def test_resumed_parquet_output_keeps_the_types_too(trained, tmp_path, monkeypatch):

    uri = f"runs:/{trained['run_id']}/model"
    table = typed_quotes()
    source = tmp_path / "in.parquet"
    pq.write_table(table, source)
    target = tmp_path / "out.parquet"
    options = PredictOptions(chunk_rows=5, batch_size=5)
    _dies_on_chunk(load_model(uri), monkeypatch, 3, _raise_interrupt)
    with pytest.raises(KeyboardInterrupt):
        predict_file(uri, source, target, options)
    monkeypatch.undo()
    predict_file(uri, source, target, options, resume=True)
    clean = predict_file(uri, source, tmp_path / "clean.parquet", options)
    assert clean.rows == table.num_rows
    assert pq.read_table(target).equals(pq.read_table(tmp_path / "clean.parquet"))
    assert pq.read_schema(target).field("count").type == table.schema.field("count").type


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_typed_parquet_to_text_outputs(trained, tmp_path, suffix):

    source = tmp_path / "in.parquet"
    pq.write_table(typed_quotes(), source)
    target = tmp_path / f"out{suffix}"
    predict_file(f"runs:/{trained['run_id']}/model", source, target, PredictOptions(chunk_rows=5))
    if suffix == ".jsonl":
        records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
        assert [r["count"] for r in records[:5]] == [None, 1, 2, 3, None]
        assert records[1]["quoted"] is False and records[2]["tags"] == ["a", "b"]
        assert records[0]["when"].startswith("2024-11-26T00:00:00")
        assert (records[3]["label"], records[3]["p_neutral"]) == (None, None)
    else:
        out = pd.read_csv(target, keep_default_na=False, dtype=str)
        assert out["count"].tolist()[:5] == ["", "1", "2", "3", ""]
        assert out["tags"].tolist()[:3] == ["[]", '["a"]', '["a", "b"]']
        assert out["quoted"].tolist()[:2] == ["true", "false"]
        assert out.loc[3, "label"] == "" and out.loc[5, "label"] != ""


def test_csv_pass_through_columns_stay_as_read(trained, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "id,text,code,amount,flag\n"
        "007,We must send more weapons to Ukraine now,00123,1.50,TRUE\n"
        "008,,NA,1e3,\n"
        "009,Ukraine should cede territory for a deal,,nan,null\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.csv"
    predict_file(f"runs:/{trained['run_id']}/model", source, target)
    out = pd.read_csv(target, keep_default_na=False, dtype=str)
    assert out[["id", "code", "amount", "flag"]].values.tolist() == [
        ["007", "00123", "1.50", "TRUE"],
        ["008", "NA", "1e3", ""],
        ["009", "", "nan", "null"],
    ]
    assert out["label"].tolist()[1] == ""


def test_predict_frame_keeps_the_callers_index(trained):
    model = load_model(f"runs:/{trained['run_id']}/model")
    frame = tiny_frame(1).drop(columns=["label"]).head(4)
    frame.index = pd.Index([10, 10, 3, 99], name="row")
    frame["count"] = pd.array([1, None, 3, 4], dtype="Int64")
    out = predict_frame(model, frame)
    assert out.index.equals(frame.index)
    assert out["count"].dtype == "Int64" and out["id"].tolist() == frame["id"].tolist()
    alone = predict_frame(model, frame.iloc[[2]])
    assert alone.loc[3, "label"] == out["label"].iloc[2]
