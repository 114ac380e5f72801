"""The model protocol: every model kind follows it, and inputs become one frame shape."""

import pandas as pd
import pytest

from stance.config import MajorityConfig, SetFitConfig, TfidfConfig, TransformerConfig
from stance.models import StanceModel, build_model
from stance.models.base import as_frame, prediction_frame
from tests.conftest import LABELS


@pytest.mark.parametrize(
    "cfg",
    [
        MajorityConfig(kind="majority"),
        TfidfConfig(kind="tfidf_lr"),
        TransformerConfig(kind="transformer"),
        SetFitConfig(kind="setfit"),
    ],
    ids=["majority", "tfidf_lr", "transformer", "setfit"],
)
def test_every_model_kind_follows_the_protocol(cfg):
    if isinstance(cfg, TransformerConfig):
        pytest.importorskip("transformers")
    if isinstance(cfg, SetFitConfig):
        pytest.importorskip("setfit")
    model = build_model(cfg, LABELS, seed=0)
    assert isinstance(model, StanceModel)
    assert model.labels == LABELS


def test_inputs_become_text_and_target_columns():
    assert as_frame(["a", "b"]).to_dict("list") == {"text": ["a", "b"], "target": ["", ""]}
    frame = as_frame(pd.DataFrame({"text": ["a"], "target": [None], "x": [1]}))
    assert frame.to_dict("list") == {"text": ["a"], "target": [""]}


def test_prediction_frame_is_the_argmax_and_one_column_per_label():
    import numpy as np

    frame = prediction_frame(np.array([[0.2, 0.7, 0.1]]), LABELS)
    assert list(frame.columns) == ["label", "p_pro_aid", "p_pro_concession", "p_neutral"]
    assert frame["label"].tolist() == ["pro_concession"]
