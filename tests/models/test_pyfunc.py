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
