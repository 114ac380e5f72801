"""SetFit on the tiny, randomly initialised BERT of conftest (mean pooling on top)."""

import mlflow
import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from stance.compare import compare
from stance.config import SetFitConfig, load_config
from stance.evaluate import evaluate_model
from stance.models import build_model
from stance.models.base import as_frame
from stance.models.setfit_classifier import SetFitStanceClassifier
from stance.predict.local import load_model, predict_frame
from stance.training import train
from tests.conftest import LABELS, tiny_frame, write_experiment

pytest.importorskip("setfit")

STEPS = 30


def tiny_cfg(backbone, **overrides) -> SetFitConfig:
    values = {
        "kind": "setfit",
        "backbone": str(backbone),
        "max_length": 32,
        "max_steps": STEPS,
        "batch_size": 8,
        "body_learning_rate": 1e-3,
        "head_epochs": 3,
        **overrides,
    }
    return SetFitConfig.model_validate(values)


def fit(backbone, seed: int = 1, **overrides):
    train_frame = tiny_frame(2)
    logged = []
    model = SetFitStanceClassifier(tiny_cfg(backbone, **overrides), LABELS, seed=seed)
    model.fit(
        train_frame, train_frame["label"], epoch_logger=lambda m, step: logged.append((step, m))
    )
    return model, logged


@pytest.fixture(scope="module")
def fitted(tiny_backbone):
    return fit(tiny_backbone)


@pytest.mark.slow
def test_trains_the_encoder_then_the_head_and_logs_the_pair_loss(fitted):
    model, logged = fitted
    steps = [step for step, metrics in logged if "setfit_body_loss" in metrics]
    assert steps[0] == 1 and steps[-1] == STEPS
    train_frame = tiny_frame(2)
    accuracy = np.mean(np.asarray(model.predict(train_frame)) == train_frame["label"].to_numpy())
    assert accuracy > 0.5  # well above the 1/3 of chance after 30 contrastive steps


@pytest.mark.slow
def test_probabilities_follow_the_labels_and_are_normalised(fitted):
    model, _ = fitted
    frame = tiny_frame(1, "t")
    proba = model.predict_proba(frame)
    assert proba.shape == (len(frame), len(LABELS))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert model.predict(frame) == [LABELS[i] for i in proba.argmax(axis=1)]
    assert model.predict_proba(frame.head(0)).shape == (0, len(LABELS))
    shuffled = frame.sample(frac=1, random_state=0)
    np.testing.assert_allclose(model.predict_proba(shuffled), proba[shuffled.index], atol=1e-6)


@pytest.mark.slow
def test_same_seed_gives_the_same_model_another_seed_another(tiny_backbone, fitted):
    model, _ = fitted
    frame = tiny_frame(1, "t")
    again, _ = fit(tiny_backbone, seed=1)
    np.testing.assert_allclose(again.predict_proba(frame), model.predict_proba(frame), atol=1e-6)
    other, _ = fit(tiny_backbone, seed=2)
    assert not np.allclose(other.predict_proba(frame), model.predict_proba(frame), atol=1e-4)


@pytest.mark.slow
def test_save_and_load_give_the_same_probabilities(fitted, tmp_path):
    model, _ = fitted
    loaded = SetFitStanceClassifier.load(model.save(tmp_path / "m"))
    frame = tiny_frame(1, "t")
    np.testing.assert_allclose(loaded.predict_proba(frame), model.predict_proba(frame), atol=1e-6)
    assert loaded.id2label == model.id2label
    assert loaded.cfg == model.cfg


@pytest.mark.slow
def test_differentiable_head_gives_one_column_per_label(tiny_backbone, tmp_path):
    model, _ = fit(tiny_backbone, head="differentiable")
    frame = tiny_frame(1, "t")
    proba = model.predict_proba(frame)
    assert proba.shape == (len(frame), len(LABELS))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-5)
    loaded = SetFitStanceClassifier.load(model.save(tmp_path / "m"))
    np.testing.assert_allclose(loaded.predict_proba(frame), proba, atol=1e-6)


@pytest.mark.slow
def test_a_label_missing_from_training_gets_a_zero_column(tiny_backbone):
    train_frame = tiny_frame(2)
    train_frame = train_frame[train_frame["label"] != "pro_concession"]
    model = SetFitStanceClassifier(tiny_cfg(tiny_backbone, max_steps=2), LABELS, seed=0)
    model.fit(train_frame, train_frame["label"])
    proba = model.predict_proba(tiny_frame(1, "t"))
    assert proba.shape[1] == len(LABELS)
    assert (proba[:, LABELS.index("pro_concession")] == 0).all()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)


def test_pair_mode_reads_the_target_words_before_the_text(tiny_backbone):
    cfg = tiny_cfg(tiny_backbone)
    model = build_model(cfg, LABELS, target_text={"ukraine": "Ukraine's war"})
    assert isinstance(model, SetFitStanceClassifier)
    frame = as_frame(pd.DataFrame({"text": ["a", "b"], "target": ["ukraine", "other"]}))
    assert model._texts(frame) == ["Ukraine's war: a", "other: b"]
    model.targets = ["ukraine"]  # one training target: rows without one read it
    assert model._texts(as_frame(["c"])) == ["Ukraine's war: c"]
    plain = build_model(tiny_cfg(tiny_backbone, target_mode="none"), LABELS)
    assert plain._texts(frame) == ["a", "b"]


def test_unknown_labels_and_bad_options_are_refused(tiny_backbone):
    model = SetFitStanceClassifier(tiny_cfg(tiny_backbone), LABELS)
    with pytest.raises(ValueError, match=r"labels \['maybe'\] are not in the label set"):
        model.fit(pd.DataFrame({"text": ["a", "b"]}), ["maybe", "neutral"])
    with pytest.raises(ValidationError, match="class_weight needs head: logistic"):
        tiny_cfg(tiny_backbone, head="differentiable", class_weight="balanced")
    with pytest.raises(RuntimeError, match="not fitted"):
        model.predict_proba(["a"])


@pytest.mark.slow
def test_train_log_predict_evaluate_and_compare(
    tiny_backbone, tiny_dataset, tiny_experiment, mlflow_store, tmp_path
):
    """The same pyfunc, `stance predict`, `stance evaluate` (calibration, CIs) and
    `stance compare` as every other model kind."""
    experiment = write_experiment(tmp_path / "setfit.yaml", tiny_dataset, model="setfit")
    overrides = [
        f"model.backbone={tiny_backbone}",
        f"model.max_steps={STEPS}",
        "model.batch_size=8",
        "model.max_length=32",
        "model.body_learning_rate=1e-3",
        "model.class_weight=balanced",
        "training.seed=5",
        "tracking.run_name=setfit",
    ]
    metrics = train(load_config(str(experiment), overrides))
    assert 0 <= metrics["test_f_avg"] <= 1 and "test_f_avg_ci_low" in metrics
    model = load_model("models:/tiny-model/1")
    assert model.metadata.metadata["kind"] == "setfit"
    requirements = mlflow.artifacts.load_text(f"runs:/{metrics['run_id']}/model/requirements.txt")
    assert "setfit==" in requirements and "sentence-transformers==" in requirements
    rows = tiny_frame(1, "new")
    out = predict_frame(model, rows.drop(columns=["label"]))
    assert list(out.columns[-4:]) == ["label", *(f"p_{label}" for label in LABELS)]
    np.testing.assert_allclose(out.filter(like="p_").sum(axis=1), 1.0, rtol=1e-6)
    scored = evaluate_model(f"runs:/{metrics['run_id']}/model", str(tiny_dataset / "test.csv"))
    assert 0 <= scored["ece"] <= 1
    assert scored["macro_f1"] == pytest.approx(metrics["test_macro_f1"])
    train(load_config(str(tiny_experiment), ["tracking.run_name=lr"]))
    result = compare(["tiny"], resamples=50)
    assert sorted(result.table["run"]) == ["lr", "setfit"]
