import mlflow
import pandas as pd
import pytest
from mlflow.tracking import MlflowClient

from stance.config import load_config
from stance.errors import ConfigError
from stance.training import search_candidates, train


def test_train_returns_metrics_and_logs_one_finished_run(mlflow_store, tiny_experiment):
    cfg = load_config(str(tiny_experiment))
    metrics = train(cfg)
    assert metrics["test_accuracy"] >= 0.9
    assert {"test_macro_f1", "test_f_avg", "validation_f_avg", "test_f1_pro_aid"} <= set(metrics)
    client = MlflowClient()
    run = client.get_run(metrics["run_id"])
    assert run.info.status == "FINISHED"
    assert run.data.metrics["test_f_avg"] == pytest.approx(metrics["test_f_avg"])
    assert run.data.params["training.seed"] == "13"
    assert len(run.data.tags["data.test.sha256"]) == 64
    assert {i.dataset.name for i in run.inputs.dataset_inputs} == {
        "tiny_quotes:train",
        "tiny_quotes:validation",
        "tiny_quotes:test",
    }
    artifacts = {a.path for a in client.list_artifacts(metrics["run_id"], "plots")}
    assert "plots/confusion_test.png" in artifacts
    assert "plots/per_class_test.png" in artifacts
    config = mlflow.artifacts.load_text(f"runs:/{metrics['run_id']}/config.yaml")
    assert "tiny_quotes" in config
    versions = client.search_model_versions("name='tiny-model'")
    assert [v.run_id for v in versions] == [metrics["run_id"]]


@pytest.mark.slow
def test_search_picks_a_candidate_on_validation(mlflow_store, tiny_experiment):
    cfg = load_config(str(tiny_experiment), ["training.search={C: [0.01, 10.0]}"])
    assert [c.C for c in search_candidates(cfg)] == [0.01, 10.0]
    metrics = train(cfg)
    run = MlflowClient().get_run(metrics["run_id"])
    assert run.data.params["selected.C"] in {"0.01", "10.0"}
    assert "search_best_validation_f_avg" in run.data.metrics


def test_search_over_an_unknown_key_is_a_config_error(tiny_experiment):
    cfg = load_config(str(tiny_experiment), ["training.search={Cee: [1]}"])
    with pytest.raises(ConfigError, match="'Cee' is not a key of model"):
        search_candidates(cfg)


@pytest.mark.slow
def test_test_predictions_are_stored_per_row(mlflow_store, tiny_experiment):
    metrics = train(load_config(str(tiny_experiment), ["tracking.log_model=false"]))
    path = mlflow.artifacts.download_artifacts(f"runs:/{metrics['run_id']}/predictions/test.csv")
    table = pd.read_csv(path)
    assert list(table.columns)[:4] == ["id", "target", "gold", "pred"]
    assert {"p_pro_aid", "p_pro_concession", "p_neutral"} <= set(table.columns)
    assert isinstance(table, pd.DataFrame) and len(table) == 15


def test_bad_data_fails_before_any_run(mlflow_store, tiny_experiment, tiny_dataset):
    frame = pd.read_csv(tiny_dataset / "train.csv")
    frame.loc[4, "label"] = "maybe"
    frame.to_csv(tiny_dataset / "train.csv", index=False)
    from stance.errors import DataError

    with pytest.raises(DataError, match=r"train.csv, row 5, field 'label': unknown label 'maybe'"):
        train(load_config(str(tiny_experiment)))
    assert MlflowClient().search_experiments(filter_string="name = 'tiny'") == []


@pytest.mark.slow
def test_seeds_make_a_parent_with_one_child_per_seed(mlflow_store, tiny_experiment):
    cfg = load_config(str(tiny_experiment), ["seeds=[1, 2]", "model=tfidf_svm", "model.C=1.0"])
    metrics = train(cfg)
    client = MlflowClient()
    parent = client.get_run(metrics["run_id"])
    children = client.search_runs(
        [parent.info.experiment_id], f"tags.mlflow.parentRunId = '{metrics['run_id']}'"
    )
    assert sorted(c.data.params["training.seed"] for c in children) == ["1", "2"]
    scores = [c.data.metrics["test_f_avg"] for c in children]
    assert metrics["test_f_avg_mean"] == pytest.approx(sum(scores) / 2)
    assert parent.data.metrics["test_f_avg_std"] == pytest.approx(metrics["test_f_avg_std"])
    assert parent.info.status == "FINISHED"


@pytest.mark.slow
def test_runs_log_bootstrap_intervals_around_the_estimate(mlflow_store, tiny_experiment):
    cfg = load_config(str(tiny_experiment), ["training.bootstrap_resamples=200", "model.C=0.3"])
    metrics = train(cfg)
    for metric in ("test_f_avg", "test_macro_f1"):
        assert metrics[f"{metric}_ci_low"] <= metrics[metric] <= metrics[f"{metric}_ci_high"]
    run = MlflowClient().get_run(metrics["run_id"])
    assert "validation_f_avg_ci_high" in run.data.metrics
    no_ci = train(load_config(str(tiny_experiment), ["training.bootstrap_resamples=0"]))
    assert "test_f_avg_ci_low" not in no_ci


@pytest.mark.slow
def test_tuned_decision_is_logged_and_applied_by_the_logged_model(mlflow_store, tiny_experiment):
    from stance.predict.local import load_model, predict_frame

    metrics = train(load_config(str(tiny_experiment), ["training.decision=tuned"]))
    run = MlflowClient().get_run(metrics["run_id"])
    rule = run.data.params["decision.rule"]
    assert rule in {"argmax", "tuned"}
    assert run.data.params["decision.offset.neutral"] == "0.0"
    assert "decision.candidate_offset.pro_concession" in run.data.params
    argmax = run.data.metrics["decision_validation_macro_f1_argmax"]
    assert run.data.metrics["decision_validation_macro_f1_tuned"] >= argmax
    cv_tuned = run.data.metrics["decision_validation_cv_macro_f1_tuned"]
    assert (rule == "tuned") == (cv_tuned > argmax)
    logged = pd.read_csv(
        mlflow.artifacts.download_artifacts(f"runs:/{metrics['run_id']}/predictions/test.csv")
    )
    test = pd.read_csv(tiny_experiment.parent / "tiny" / "test.csv")
    predicted = predict_frame(load_model(f"runs:/{metrics['run_id']}/model"), test)
    assert predicted["label"].tolist() == logged["pred"].tolist()


def test_tuned_decision_needs_held_out_validation(tiny_experiment):
    with pytest.raises(ConfigError, match="refit_on_validation trains on"):
        load_config(
            str(tiny_experiment), ["training.decision=tuned", "training.refit_on_validation=true"]
        )
    with pytest.raises(ConfigError, match="picks offsets on a 'validation' split"):
        load_config(
            str(tiny_experiment),
            [
                "training.decision=tuned",
                "data.splits={validation: null}",
                "training.eval_splits=[test]",
            ],
        )


@pytest.mark.slow
def test_a_tfidf_run_logs_its_top_ngrams_per_class(mlflow_store, tiny_experiment):
    metrics = train(load_config(str(tiny_experiment), ["tracking.log_model=false"]))
    path = mlflow.artifacts.download_artifacts(f"runs:/{metrics['run_id']}/top_ngrams.csv")
    top = pd.read_csv(path, keep_default_na=False)
    assert {"class", "ngram", "coefficient"} <= set(top.columns)
    assert sorted(top["class"].unique()) == ["neutral", "pro_aid", "pro_concession"]
    assert (top.groupby("class").size() == 30).all()
