"""`stance explain` on a logged TF-IDF model: rows picked, report written, bad input refused."""

import re

import mlflow
import pytest
from typer.testing import CliRunner

from stance import tracking
from stance.cli import app
from stance.config import load_config
from stance.data.io import write_table
from stance.errors import DataError, UsageError
from stance.explain.job import ExplainOptions, explain_file
from stance.models import build_model
from stance.predict.local import predict_frame
from stance.training import start_training_run
from tests.conftest import LABELS, fresh_store, tiny_frame

runner = CliRunner()
QUOTE = "Ukraine should cede territory <now> & for a deal"


@pytest.fixture(scope="module")
def model_uri(tmp_path_factory, migrated_store):
    uri = fresh_store(migrated_store, tmp_path_factory.mktemp("store") / "mlflow.db")
    patch = pytest.MonkeyPatch()
    patch.setenv("MLFLOW_TRACKING_URI", uri)
    mlflow.set_tracking_uri(uri)
    cfg = load_config(None, ["model=tfidf_lr", "model.C=10", "tracking.experiment_name=explain"])
    train = tiny_frame(3)
    model = build_model(cfg.model, LABELS).fit(train, train["label"])
    with start_training_run(cfg):
        info = tracking.log_model(model, cfg, train[["text", "target"]].head(2))
    yield info.model_uri
    patch.undo()


@pytest.fixture
def quotes(tmp_path):
    frame = tiny_frame(1, "q")
    frame.loc[0, ["text", "label"]] = [QUOTE, "pro_concession"]  # text to escape in HTML
    frame.loc[1, "label"] = "neutral"  # a gold label the model will contradict
    return write_table(frame, tmp_path / "quotes.csv")


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_report_shows_the_picked_quotes_with_the_models_probabilities(model_uri, quotes, tmp_path):
    output = tmp_path / "report.html"
    summary = explain_file(model_uri, quotes, output, ExplainOptions(n=4))
    assert (summary.rows, summary.of, summary.misclassified) == (4, 15, 1)
    text = plain(output.read_text(encoding="utf-8"))
    frame = tiny_frame(1, "q").head(4)
    frame.loc[0, "text"] = QUOTE
    predicted = predict_frame(model_uri, frame.drop(columns=["label"]))
    for i in range(4):
        assert (
            frame["text"].iloc[i].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            in text
        )
        assert f"row {i + 1} · id {frame['id'].iloc[i]}" in text
        for label in LABELS:
            assert f"{predicted[f'p_{label}'].iloc[i]:.3f}" in text
    assert text.count("✗") == 1 and text.count("✓") == 3
    assert "row 5" not in text  # first 4 rows only
    assert not list(tmp_path.glob(".report.html.partial-*"))


def test_errors_pick_puts_misclassified_rows_first(model_uri, quotes, tmp_path):
    output = tmp_path / "report.html"
    summary = explain_file(model_uri, quotes, output, ExplainOptions(n=2, pick="errors"))
    assert summary.misclassified == 1
    text = plain(output.read_text(encoding="utf-8"))
    assert text.index("row 2 ") < text.index("row 1 ")


def test_random_pick_is_seeded_and_in_file_order(model_uri, quotes, tmp_path):
    def rows(seed):
        explain_file(
            model_uri, quotes, tmp_path / "r.html", ExplainOptions(n=5, pick="random", seed=seed)
        )
        return [
            int(r) for r in re.findall(r"row (\d+) ·", plain((tmp_path / "r.html").read_text()))
        ]

    first = rows(1)
    assert first == sorted(first) and len(first) == 5
    assert rows(1) == first
    assert rows(2) != first


def test_bad_input_gives_the_same_line_as_predict(model_uri, tmp_path):
    frame = tiny_frame(1, "q").rename(columns={"text": "quote"})
    source = write_table(frame, tmp_path / "in.csv")
    with pytest.raises(DataError) as expected:
        predict_frame(model_uri, frame, where=str(source))
    with pytest.raises(DataError) as got:
        explain_file(model_uri, source, tmp_path / "out.html")
    assert str(got.value) == str(expected.value)
    assert "missing column 'text'" in str(got.value)


def test_an_empty_text_names_its_row_even_outside_the_picked_rows(model_uri, tmp_path):
    frame = tiny_frame(1, "q")
    frame.loc[9, "text"] = "  "
    source = write_table(frame, tmp_path / "in.csv")
    with pytest.raises(DataError, match=r"in.csv, row 10, field 'text': empty text"):
        explain_file(model_uri, source, tmp_path / "out.html", ExplainOptions(n=2))
    assert not (tmp_path / "out.html").exists()


def test_output_paths_that_are_refused(model_uri, quotes, tmp_path):
    with pytest.raises(UsageError, match=r"must end in \.html"):
        explain_file(model_uri, quotes, tmp_path / "out.csv")
    html_input = tmp_path / "in.html"
    html_input.write_text("text\nx\n")
    with pytest.raises(DataError, match="the output would overwrite the input"):
        explain_file(model_uri, html_input, html_input)
    with pytest.raises(UsageError, match="--pick errors needs a gold column"):
        write_table(tiny_frame(1).drop(columns=["label"]), tmp_path / "nogold.csv")
        explain_file(
            model_uri, tmp_path / "nogold.csv", tmp_path / "o.html", ExplainOptions(pick="errors")
        )
    with pytest.raises(UsageError, match="--pick must be one of"):
        explain_file(model_uri, quotes, tmp_path / "o.html", ExplainOptions(pick="best"))


def test_command_line(model_uri, quotes, tmp_path):
    output = tmp_path / "report.html"
    args = [
        "explain",
        "--model",
        model_uri,
        "--input",
        str(quotes),
        "--output",
        str(output),
        "--n",
        "3",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "explained 3 of 15 rows (1 misclassified)" in result.output
    result = runner.invoke(app, [*args[:-4], "--output", str(quotes)])
    assert result.exit_code == 2
    assert "the report is HTML" in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.slow
def test_a_logged_transformer_is_explained_with_integrated_gradients(
    tiny_backbone, mlflow_store, tmp_path
):
    pytest.importorskip("captum")
    from tests.explain.test_transformer import classifier_of

    classifier = classifier_of(tiny_backbone, "pair")
    cfg = load_config(None, ["model=transformer", "tracking.experiment_name=explain-transformer"])
    with start_training_run(cfg):
        info = tracking.log_model(classifier, cfg, tiny_frame(1)[["text", "target"]].head(2))
    frame = tiny_frame(1, "q").head(3)
    source = write_table(frame, tmp_path / "quotes.parquet")
    output = tmp_path / "report.html"
    summary = explain_file(info.model_uri, source, output, ExplainOptions(steps=4))
    assert summary.rows == 3
    html = output.read_text(encoding="utf-8")
    assert "integrated gradients (4 steps" in html
    assert "completeness error" in html
    assert "model&#x27;s largest n-gram weights" not in html  # TF-IDF only
    for text in frame["text"]:
        assert text.split()[0] in plain(html)


def test_a_label_description_transformer_is_refused_in_one_line(tiny_backbone):
    from stance.errors import ModelError
    from stance.explain.job import _explainer
    from tests.explain.test_transformer import classifier_of

    classifier = classifier_of(tiny_backbone, "none")
    classifier.cfg = classifier.cfg.model_copy(update={"target_mode": "label_description"})
    with pytest.raises(ModelError, match="not target_mode label_description"):
        _explainer(classifier, steps=4)
