"""`stance evaluate`: a logged model scored on a dataset, in a run linked to the model's."""

import pytest
from mlflow.tracking import MlflowClient

from stance.data.io import write_table
from stance.errors import DataError
from stance.evaluate import evaluate_model, load_eval_data
from tests.conftest import LABELS, tiny_frame
from tests.predict import test_local

# The module-scoped fixtures that train a tiny TF-IDF model into a temporary store.
trained = test_local.trained
tiny_experiment_module = test_local.tiny_experiment_module


@pytest.mark.slow
def test_evaluate_logs_a_linked_run_with_calibration(trained, tmp_path):
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


def test_evaluation_run_is_closed_and_tagged_like_a_training_run(trained, tmp_path):
    data = write_table(tiny_frame(1, prefix="tag"), tmp_path / "tagged.csv")
    evaluate_model(f"runs:/{trained['run_id']}/model", str(data), resamples=10)
    client = MlflowClient()
    [run] = client.search_runs(
        [client.get_run(trained["run_id"]).info.experiment_id],
        "attributes.run_name = 'eval tagged'",
    )
    assert run.info.status == "FINISHED"
    assert run.data.tags["stance.version"]
    assert run.data.params["eval.rows"] == str(len(tiny_frame(1)))


def test_unknown_dataset_name_is_one_line():
    with pytest.raises(DataError, match="--data 'nothing' is neither a file nor a configured"):
        load_eval_data("nothing", "test", LABELS)
