"""Ensembles of logged models: the weight grid, the label check, train -> log -> predict."""

from pathlib import Path

import mlflow
import numpy as np
import pandas as pd
import pytest
from mlflow.tracking import MlflowClient

from stance.config import load_config
from stance.errors import ConfigError, ModelError
from stance.models.ensemble import simplex_grid
from stance.predict.local import load_model, predict_frame
from stance.training import train
from tests.conftest import tiny_frame, write_experiment


def test_the_grid_covers_the_simplex():
    grid = simplex_grid(3, 0.25)
    assert len(grid) == 15  # C(4 + 2, 2)
    np.testing.assert_allclose(grid.sum(axis=1), 1.0)
    assert (grid >= 0).all()
    assert [1.0, 0.0, 0.0] in grid.tolist() and [0.0, 0.0, 1.0] in grid.tolist()
    assert len(simplex_grid(2, 0.1)) == 11


@pytest.fixture
def members(mlflow_store, tmp_path, tiny_dataset) -> list[str]:
    """Two logged TF-IDF models of the tiny dataset: a registered one by models:/ URI,
    the other by runs:/ URI."""
    lr = write_experiment(tmp_path / "lr.yaml", tiny_dataset, "tfidf_lr", "model: {C: 10.0}")
    train(load_config(str(lr), ["tracking.registered_model_name=tiny-lr"]))
    svm = write_experiment(tmp_path / "svm.yaml", tiny_dataset, "tfidf_svm")
    run = train(load_config(str(svm), ["tracking.registered_model_name=null"]))
    return ["models:/tiny-lr/latest", f"runs:/{run['run_id']}/model"]


def ensemble_config(tmp_path, dataset, uris, *overrides):
    experiment = write_experiment(tmp_path / "ensemble.yaml", dataset, "ensemble")
    members = "[" + ",".join(uris) + "]"
    return load_config(str(experiment), [f"model.members={members}", *overrides])


@pytest.mark.slow
def test_an_ensemble_is_one_logged_model_with_validation_weights(members, tmp_path, tiny_dataset):
    metrics = train(ensemble_config(tmp_path, tiny_dataset, members))
    assert metrics["test_accuracy"] >= 0.9
    run = MlflowClient().get_run(metrics["run_id"])
    weights = [float(run.data.params[f"ensemble.member_{i}.weight"]) for i in range(2)]
    assert sum(weights) == pytest.approx(1.0)
    assert run.data.params["ensemble.member_0.uri"] == "models:/tiny-lr/latest"
    (version,) = MlflowClient().search_model_versions("name='tiny-lr'")
    assert run.data.params["ensemble.member_0.run_id"] == version.run_id
    assert run.data.params["ensemble.member_1.run_id"] == members[1].split("/")[1]
    scored = pd.read_csv(
        mlflow.artifacts.download_artifacts(f"runs:/{metrics['run_id']}/ensemble/weights.csv")
    )
    assert len(scored) == 11 and "validation_macro_f1" in scored
    # the logged ensemble carries its members: it predicts what the run scored
    test = pd.read_csv(tiny_dataset / "test.csv")
    model = load_model(f"runs:/{metrics['run_id']}/model")
    predicted = predict_frame(model, test)
    logged = pd.read_csv(
        mlflow.artifacts.download_artifacts(f"runs:/{metrics['run_id']}/predictions/test.csv")
    )
    assert predicted["label"].tolist() == logged["pred"].tolist()
    np.testing.assert_allclose(predicted["p_pro_aid"], logged["p_pro_aid"], rtol=1e-6)
    # its requirements are its members': TF-IDF members predict through numba
    requirements = Path(
        mlflow.artifacts.download_artifacts(f"runs:/{metrics['run_id']}/model/requirements.txt")
    ).read_text()
    assert "numba==" in requirements and "scikit-learn==" in requirements


@pytest.mark.slow
def test_members_with_another_label_set_are_refused(members, tmp_path, tiny_dataset):
    two = tmp_path / "two"
    two.mkdir()
    for name in ("train", "val", "test"):
        frame = tiny_frame(2, name)
        part = frame[frame["label"] != "neutral"].replace({"pro_concession": "other"})
        part.to_csv(two / f"{name}.csv", index=False)
    experiment = write_experiment(tmp_path / "two.yaml", two, delta="model: {C: 10.0}")
    overrides = ["data.labels=[pro_aid, other]", "data.neutral_label=other"]
    other = train(load_config(str(experiment), [*overrides, "tracking.registered_model_name=null"]))
    uris = [members[0], f"runs:/{other['run_id']}/model"]
    cfg = ensemble_config(tmp_path, tiny_dataset, uris)
    with pytest.raises(ModelError, match=r"predicts labels .* members must share"):
        train(cfg)


def test_an_unloadable_member_is_named(mlflow_store, tmp_path, tiny_dataset):
    cfg = ensemble_config(tmp_path, tiny_dataset, ["runs:/nope/model", "runs:/nope2/model"])
    with pytest.raises(ModelError, match="ensemble member 'runs:/nope/model' cannot be loaded"):
        train(cfg)


def test_one_member_or_no_validation_is_a_config_error(tmp_path, tiny_dataset):
    with pytest.raises(ConfigError, match="members"):
        ensemble_config(tmp_path, tiny_dataset, ["runs:/a/model"])
    with pytest.raises(ConfigError, match="ensemble picks its weights on a 'validation'"):
        ensemble_config(
            tmp_path, tiny_dataset, ["runs:/a/model", "runs:/b/model"],
            "data.splits={validation: null}", "training.eval_splits=[test]",
        )  # fmt: skip


@pytest.mark.slow
def test_the_weights_maximise_the_configured_metric(members, tmp_path, tiny_dataset):
    metrics = train(ensemble_config(tmp_path, tiny_dataset, members, "model.metric=f_avg"))
    scored = pd.read_csv(
        mlflow.artifacts.download_artifacts(f"runs:/{metrics['run_id']}/ensemble/weights.csv")
    )
    assert "validation_f_avg" in scored and "validation_macro_f1" not in scored
    run = MlflowClient().get_run(metrics["run_id"])
    chosen = float(run.data.params["ensemble.member_0.weight"])
    row = scored.loc[(scored["weight_0"] - chosen).abs() < 1e-9, "validation_f_avg"]
    assert row.iloc[0] == pytest.approx(scored["validation_f_avg"].max())
