import pandas as pd
import pytest
from mlflow.tracking import MlflowClient
from typer.testing import CliRunner

from stance.cli import app
from tests.conftest import tiny_frame

runner = CliRunner()


def test_train_then_predict_from_the_command_line(mlflow_store, tiny_experiment, tmp_path):
    result = runner.invoke(app, ["train", str(tiny_experiment), "model.C=5"])
    assert result.exit_code == 0, result.output
    [run] = MlflowClient().search_runs(
        [MlflowClient().get_experiment_by_name("tiny").experiment_id]
    )
    assert run.data.params["model.C"] == "5.0"
    assert "test_f_avg" in result.stdout

    tiny_frame(1).rename(columns={"text": "quote"}).to_csv(tmp_path / "in.csv", index=False)
    result = runner.invoke(
        app,
        [
            "predict",
            "--model", "models:/tiny-model/1",
            "--input", str(tmp_path / "in.csv"),
            "--output", str(tmp_path / "out.parquet"),
            "--text-column", "quote",
            "--batch-size", "4",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = pd.read_parquet(tmp_path / "out.parquet")
    assert {"quote", "label_input", "label", "p_neutral"} <= set(out.columns)


@pytest.mark.slow
def test_predict_reports_skipped_rows_and_resumes_after_ctrl_c(
    mlflow_store, tiny_experiment, tmp_path, monkeypatch
):
    from stance.predict.local import load_model

    assert runner.invoke(app, ["train", str(tiny_experiment)]).exit_code == 0
    frame = tiny_frame(2).drop(columns=["label"])
    frame.loc[5, "text"] = ""
    frame.to_csv(tmp_path / "in.csv", index=False)
    command = ["predict", "--model", "models:/tiny-model/1", "--input", str(tmp_path / "in.csv"),
               "--output", str(tmp_path / "out.csv"), "--chunk-rows", "10"]  # fmt: skip
    model, calls = load_model("models:/tiny-model/1"), []
    real_predict = model.predict

    def interrupted_on_the_third_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_predict(*args, **kwargs)

    monkeypatch.setattr(model, "predict", interrupted_on_the_third_chunk)
    result = runner.invoke(app, command)
    assert result.exit_code == 130
    assert "20 finished rows are checkpointed" in result.stderr
    assert "rerun with --resume" in result.stderr
    assert not (tmp_path / "out.csv").exists()

    result = runner.invoke(app, [*command, "--resume"])
    assert result.exit_code == 0, result.output
    assert (
        f"wrote {len(frame)} rows" in result.stderr and "(20 from the checkpoint)" in result.stderr
    )
    assert "1 rows with empty or overlong text have no label" in result.stderr
    assert pd.read_csv(tmp_path / "out.skipped.csv")["row"].tolist() == [6]


def test_config_error_is_one_line_without_traceback(tiny_experiment):
    result = runner.invoke(app, ["train", str(tiny_experiment), "model.bogus=1"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0] == "error: the command line: unknown key 'model.bogus'"
    assert "Traceback" not in result.output


def test_prediction_error_says_no_output_was_written(mlflow_store, tmp_path):
    pd.DataFrame({"text": ["x"]}).to_csv(tmp_path / "in.csv", index=False)
    result = runner.invoke(
        app,
        ["predict", "--model", "models:/nothing/1", "--input", str(tmp_path / "in.csv"),
         "--output", str(tmp_path / "out.csv")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "cannot load model 'models:/nothing/1'" in result.stderr
    assert "no output written" in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_config_command_prints_resolved_yaml():
    result = runner.invoke(app, ["config", "tweeteval_tfidf", "model.C=0.5"])
    assert result.exit_code == 0
    assert "C: 0.5" in result.stdout
    assert "kind: tfidf_svm" in result.stdout


def test_extract_writes_quotes_with_offsets(tmp_path):
    text = 'The minister said: "We will keep supporting Ukraine for as long as it takes."\n'
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["extract", str(tmp_path / "doc.txt"), "--output", str(tmp_path / "q.csv")]
    )
    assert result.exit_code == 0, result.output
    quotes = pd.read_csv(tmp_path / "q.csv")
    assert len(quotes) == 1
    start, end = quotes.loc[0, ["char_start", "char_end"]]
    assert text[start:end] == quotes.loc[0, "quote"]
    assert quotes["speech_probability"].isna().all()  # an article: the span filter stays out


def test_extract_speech_threshold_keeps_every_quoted_span_of_a_transcript(tmp_path):
    text = (
        "MS. BERG:  Good afternoon.\n\nQ    Thanks, Anna.  Is that in “The Big Roads Act”?\n\n"
        "MS. BERG:  As the President said, “It is the best plan we have.”\n"
    )
    (tmp_path / "brief.txt").write_text(text, encoding="utf-8")

    def quotes(*options: str) -> pd.DataFrame:
        out = tmp_path / "q.csv"
        result = runner.invoke(
            app, ["extract", str(tmp_path / "brief.txt"), "--output", str(out), *options]
        )
        assert result.exit_code == 0, result.output
        table = pd.read_csv(out)
        return table[table["kind"] == "quote"]

    every = quotes("--speech-threshold", "0")
    assert sorted(every["quote"]) == ["It is the best plan we have.", "The Big Roads Act"]
    assert every["speech_probability"].between(0, 1).all()
    assert len(quotes()) < len(every)  # the fitted threshold drops the title
    result = runner.invoke(app, ["extract", str(tmp_path / "brief.txt"), "--speech-threshold", "2"])
    assert result.exit_code == 2 and "--speech-threshold" in result.stderr


def test_predict_needs_exactly_one_input_kind(tmp_path):
    result = runner.invoke(app, ["predict", "--model", "x", "--output", str(tmp_path / "o.csv")])
    assert result.exit_code == 2
    assert "exactly one of --input (quotes) or --articles" in result.stderr


def test_misspelled_experiment_is_one_line_naming_the_closest():
    result = runner.invoke(app, ["train", "quotes_tfidff"])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "experiment 'quotes_tfidff' not found" in line
    assert "experiments: quotes_tfidf, " in line


@pytest.mark.slow
def test_evaluate_prints_its_run_id_and_where_it_logged(mlflow_store, tiny_experiment, tmp_path):
    assert runner.invoke(app, ["train", str(tiny_experiment)]).exit_code == 0
    tiny_frame(1, prefix="ev").to_csv(tmp_path / "eval.csv", index=False)
    result = runner.invoke(
        app,
        ["evaluate", "--model", "models:/tiny-model/1", "--data", str(tmp_path / "eval.csv"),
         "--resamples", "10"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    client = MlflowClient()
    [run] = client.search_runs(
        [client.get_experiment_by_name("tiny").experiment_id], "attributes.run_name = 'eval eval'"
    )
    assert f"run {run.info.run_id} logged to {mlflow_store}" in result.stderr


def command_paths(command=None, path=()):
    """Every command and subcommand of `stance`, as the words that reach it."""
    import typer

    command = command or typer.main.get_command(app)
    yield list(path)
    for name, sub in getattr(command, "commands", {}).items():
        yield from command_paths(sub, (*path, name))


@pytest.mark.slow
def test_no_help_shows_a_bool_placeholder():
    paths = list(command_paths())
    assert ["label", "simulate"] in paths and ["runs", "clean"] in paths
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "--help" in result.output
        assert "<bool>" not in result.output, path
    assert "<int range>" in runner.invoke(app, ["predict", "--help"]).output  # others keep theirs


def rendered_rows(table) -> dict[str, str]:
    """metric -> value as the console shows a metrics table."""
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(table)
    lines = console.export_text().splitlines()
    cells = [[c.strip() for c in line.strip("│ ").split("│")] for line in lines]
    return {row[0]: row[1] for row in cells if len(row) == 2}


def test_metrics_table_has_integer_support_rows_for_every_split():
    from stance.cli import metrics_table

    metrics = {
        "validation_f1_pro_aid": 0.5, "validation_support_pro_aid": 167.0,
        "test_f1_pro_aid": 0.25, "test_support_pro_aid": 60.0,
        "test_speaker_support_pro_aid": 7.0,  # a split name with an underscore
        "test_who_speaks_f1_pro_aid": 0.125, "test_who_speaks_support_pro_aid": 60.0,
        "test_group_us_support_pro_aid": 3.0, "test_group_us_macro_f1": 0.5,
    }  # fmt: skip
    assert rendered_rows(metrics_table(metrics, "train")) == {
        "validation_f1_pro_aid": "0.5000", "validation_support_pro_aid": "167",
        "test_f1_pro_aid": "0.2500", "test_support_pro_aid": "60",
        "test_speaker_support_pro_aid": "7",
        "test_who_speaks_f1_pro_aid": "0.1250",
    }  # fmt: skip
    # `stance evaluate` scores one set, its names without a split: the same rule
    evaluated = {"f1_neutral": 0.75, "support_neutral": 576.0}
    assert rendered_rows(metrics_table(evaluated, "evaluate")) == {
        "f1_neutral": "0.7500", "support_neutral": "576"
    }  # fmt: skip
