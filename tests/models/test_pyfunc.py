"""The MLflow pyfunc wrapper: its small public surface beyond predict."""

from types import SimpleNamespace

from stance.models.pyfunc import StancePyfunc


def test_set_precision_reaches_only_models_that_have_one():
    pyfunc = StancePyfunc()
    pyfunc.classifier = SimpleNamespace(inference_precision="fp32")
    assert pyfunc.set_precision("bf16") is True
    assert pyfunc.classifier.inference_precision == "bf16"
    pyfunc.classifier = SimpleNamespace()
    assert pyfunc.set_precision("bf16") is False
    assert not hasattr(pyfunc.classifier, "inference_precision")


def test_predict_applies_decision_offsets_saved_with_the_model(tmp_path):
    import numpy as np
    import pandas as pd

    from stance.models.decision import ShiftedDecision
    from stance.models.pyfunc import DECISION_ARTIFACT, SKLEARN_ARTIFACT, model_artifacts

    labels = ["a", "b"]
    base = SimpleNamespace(
        labels=labels,
        predict_proba=lambda frame: np.tile([0.7, 0.3], (len(frame), 1)),
        save=lambda path: path,
    )
    artifacts = model_artifacts(ShiftedDecision(base, [0.0, 1.0]), "tfidf_lr", tmp_path)
    assert set(artifacts) == {SKLEARN_ARTIFACT, DECISION_ARTIFACT}
    pyfunc = StancePyfunc()
    pyfunc.classifier = base
    pyfunc.offsets = None
    frame = pd.DataFrame({"text": ["x", "y"]})
    assert pyfunc.predict(None, frame)["label"].tolist() == ["a", "a"]
    from stance.models.decision import load_offsets

    pyfunc.offsets = load_offsets(artifacts[DECISION_ARTIFACT], labels)
    predicted = pyfunc.predict(None, frame)
    assert predicted["label"].tolist() == ["b", "b"]  # 0.3·e > 0.7
    np.testing.assert_allclose(predicted[["p_a", "p_b"]].sum(axis=1), 1.0)
