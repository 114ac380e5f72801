"""Registry aliases: `stance promote` and `stance compare --promote` point `models:/NAME@ALIAS`
at the right version, and a multi-seed parent registers one version."""

import pytest
from mlflow.tracking import MlflowClient
from typer.testing import CliRunner

from stance.cli import app
from stance.config import load_config
from stance.errors import StanceError
from stance.predict.local import load_model, predict_frame
from stance.registry import promote, promote_best, run_version
from stance.training import best_seed, train
from tests.conftest import tiny_frame

runner = CliRunner()


@pytest.mark.slow
def test_promote_sets_the_alias_on_the_runs_version(two_runs):
    good, floor = two_runs
    promotion = promote(floor, "champion")
    assert (promotion.name, promotion.version, promotion.run_id) == ("tiny-model", "2", floor)
    client = MlflowClient()
    assert client.get_model_version_by_alias("tiny-model", "champion").run_id == floor
    promote(good, "champion")  # the alias moves
    assert client.get_model_version_by_alias("tiny-model", "champion").run_id == good
    out = predict_frame(load_model("models:/tiny-model@champion"), tiny_frame(1).head(3))
    assert out["label"].notna().all()


@pytest.mark.slow
def test_compare_promotes_the_best_run(two_runs, tmp_path):
    good, floor = two_runs
    result = runner.invoke(app, ["compare", good, floor, "--output", str(tmp_path / "c"),
                                 "--resamples", "50", "--promote", "champion"])  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("champion -> ")]
    assert lines == [
        f"champion -> tiny-model version 1 (run {good}, best test F_avg 100.0): "
        "load it as models:/tiny-model@champion"
    ]
    assert MlflowClient().get_model_version_by_alias("tiny-model", "champion").run_id == good


@pytest.mark.slow
def test_compare_refuses_to_promote_across_test_sets(two_runs, tiny_experiment, tiny_dataset):
    other = tiny_dataset / "test.csv"
    tiny_frame(2, "other").to_csv(other, index=False)
    changed = train(load_config(str(tiny_experiment), ["tracking.run_name=other"]))
    result = runner.invoke(app, ["compare", two_runs[0], changed["run_id"], "--promote", "best"])
    assert result.exit_code == 2
    assert "different test sets" in result.stderr
    assert not MlflowClient().get_registered_model("tiny-model").aliases


@pytest.mark.slow
def test_a_run_without_a_version_is_refused_in_one_line(mlflow_store, tiny_experiment):
    run = train(load_config(str(tiny_experiment), ["tracking.registered_model_name=null"]))
    with pytest.raises(StanceError, match=r"has no registered model version"):
        promote(run["run_id"], "champion")
    with pytest.raises(StanceError, match=r"none of the 1 compared runs has a registered"):
        promote_best({run["run_id"]: 0.9}, "champion", "F_avg")
    result = runner.invoke(app, ["promote", run["run_id"], "champion"])
    assert result.exit_code == 2 and "has no registered model version" in result.stderr


@pytest.mark.slow
def test_promote_best_skips_runs_without_a_version_and_says_so(two_runs, tiny_experiment):
    good, _ = two_runs
    better = train(load_config(str(tiny_experiment), ["tracking.registered_model_name=null"]))
    promotion, why = promote_best({better["run_id"]: 0.9, good: 0.8}, "champion", "F_avg")
    assert promotion.run_id == good
    assert why == ", best F_avg 80.0; 1 better-scoring runs have no registered version"


@pytest.mark.slow
def test_a_multi_seed_parent_registers_its_best_seed_only(mlflow_store, tiny_experiment):
    metrics = train(load_config(str(tiny_experiment), ["seeds=[1, 2, 3]"]))
    client = MlflowClient()
    versions = client.search_model_versions("name = 'tiny-model'")
    parent = client.get_run(metrics["run_id"])
    children = parent.data.tags["stance.child_runs"].split(",")
    assert len(versions) == 1 and versions[0].run_id in children
    assert parent.data.tags["stance.registered_run"] == versions[0].run_id
    assert run_version(metrics["run_id"]).version == versions[0].version
    result = runner.invoke(app, ["promote", metrics["run_id"], "champion"])
    assert result.exit_code == 0, result.output
    assert client.get_model_version_by_alias("tiny-model", "champion").run_id in children


def test_best_seed_is_by_validation_never_test():
    runs = [
        {"run_id": "a", "validation_f_avg": 0.7, "test_f_avg": 0.9},
        {"run_id": "b", "validation_f_avg": 0.8, "test_f_avg": 0.1},
        {"run_id": "c", "validation_f_avg": 0.8, "test_f_avg": 0.5},
    ]
    assert best_seed(runs, "f_avg")["run_id"] == "b"  # the first of a tie
    assert best_seed([{"run_id": "a", "test_f_avg": 0.9}], "f_avg") is None
