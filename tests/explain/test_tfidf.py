"""TF-IDF explanations: exact decomposition of the score, signs and order on obvious quotes."""

import numpy as np
import pandas as pd
import pytest

from stance.config import TfidfConfig
from stance.errors import ModelError
from stance.explain.tfidf import explain_tfidf, linear_weights, top_weights
from stance.explain.words import word_spans
from stance.models import build_model
from tests.conftest import LABELS, tiny_frame


def fitted(**overrides):
    cfg = TfidfConfig.model_validate({"kind": "tfidf_lr", "C": 10.0, **overrides})
    train = tiny_frame(3)
    return build_model(cfg, LABELS, seed=0).fit(train, train["label"])


def centred_logits(model, frame: pd.DataFrame, key: str = "") -> np.ndarray:
    pipeline = model.models_[key]
    logits = pipeline.decision_function(model._model_input(frame))
    order = [list(pipeline.classes_).index(label) for label in LABELS]
    logits = logits[:, order]  # columns in LABELS order
    return logits - logits.mean(axis=1, keepdims=True)


def push_of(explanation, word: str) -> float:
    words = [explanation.text[s:e] for s, e in explanation.words]
    return explanation.word_push[words.index(word)]


@pytest.fixture(scope="module")
def lr():
    return fitted()


def test_pushes_add_up_to_the_explained_logit(lr):
    frame = tiny_frame(1, "t")
    explanations = explain_tfidf(lr, frame, frame["label"].tolist())
    logits = centred_logits(lr, frame)
    for i, explanation in enumerate(explanations):
        k = LABELS.index(frame["label"].iloc[i])
        assert explanation.score == pytest.approx(logits[i, k], abs=1e-4)
        assert explanation.unplaced == pytest.approx(0.0, abs=1e-9)  # every n-gram is on words
        assert len(explanation.word_push) == len(word_spans(explanation.text))
        terms = sum(t.push for t in explanation.terms)
        assert sum(explanation.word_push) == pytest.approx(terms, abs=1e-6)
    # softmax of the explained scores is the model's probability
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(proba, lr.predict_proba(frame), atol=1e-5)


def test_the_obvious_word_pushes_toward_its_class(lr):
    frame = pd.DataFrame({"text": ["The delegation said Ukraine should cede territory"]})
    [concession] = explain_tfidf(lr, frame, ["pro_concession"])
    [neutral] = explain_tfidf(lr, frame, ["neutral"])
    assert push_of(concession, "cede") > 0
    assert push_of(concession, "cede") > push_of(concession, "The")
    assert push_of(concession, "delegation") < 0  # a neutral word pushes away
    assert push_of(neutral, "delegation") > 0
    assert push_of(neutral, "cede") < 0
    top_words = {t.text for t in concession.terms[:8] if t.push > 0}
    assert {"cede", "cede territory"} & top_words


def test_word_bigrams_share_their_push_between_their_words():
    model = fitted(char_ngrams=None, word_ngrams=(2, 2))
    frame = pd.DataFrame({"text": ["cede territory"]})
    [explanation] = explain_tfidf(model, frame, ["pro_concession"])
    [bigram] = explanation.terms
    assert bigram.text == "cede territory"
    assert explanation.word_push == pytest.approx([bigram.push / 2] * 2)


@pytest.mark.parametrize("analyzer", ["char", "char_wb"])
def test_character_ngrams_land_on_their_words(analyzer):
    model = fitted(char_analyzer=analyzer)
    frame = tiny_frame(1, "t").head(6)
    explanations = explain_tfidf(model, frame, frame["label"].tolist())
    for explanation in explanations:
        assert explanation.unplaced == pytest.approx(0.0, abs=1e-6)


def test_per_target_rows_are_explained_by_their_targets_model():
    model = fitted(target_mode="per_target")
    frame = tiny_frame(1, "t")
    explanations = explain_tfidf(model, frame, frame["label"].tolist())
    for i, explanation in enumerate(explanations):
        key = frame["target"].iloc[i]
        logits = centred_logits(model, frame.iloc[[i]], key)
        k = LABELS.index(frame["label"].iloc[i])
        assert explanation.score == pytest.approx(logits[0, k], abs=1e-4)


def test_the_target_feature_is_a_term_on_no_word():
    model = fitted(target_mode="feature")
    frame = tiny_frame(1, "t").head(3)
    explanations = explain_tfidf(model, frame, frame["label"].tolist())
    for explanation in explanations:
        target_terms = [t for t in explanation.terms if t.kind == "target"]
        assert len(target_terms) == 1
        assert explanation.unplaced == pytest.approx(target_terms[0].push)


def test_calibrated_svm_explains_the_folds_mean_decision_score():
    model = fitted(kind="tfidf_svm", C=1.0)
    frame = tiny_frame(1, "t")
    explanations = explain_tfidf(model, frame, frame["label"].tolist())
    pipeline = model.models_[""]
    features = pipeline[:-1].transform(frame["text"].tolist())
    folds = pipeline[-1].calibrated_classifiers_
    scores = np.mean([c.estimator.decision_function(features) for c in folds], axis=0)
    order = [list(folds[0].estimator.classes_).index(label) for label in LABELS]
    for i, explanation in enumerate(explanations):
        k = LABELS.index(frame["label"].iloc[i])
        assert explanation.score == pytest.approx(scores[i, order[k]], abs=1e-4)


def test_two_classes_get_opposite_weights():
    train = tiny_frame(3)
    train = train[train["label"] != "neutral"]
    cfg = TfidfConfig.model_validate({"kind": "tfidf_lr", "C": 10.0})
    model = build_model(cfg, LABELS, seed=0).fit(train, train["label"])
    weights, _ = linear_weights(model.models_[""], LABELS)
    np.testing.assert_allclose(weights[0], -weights[1])
    assert not weights[2].any()  # neutral was never seen


def test_top_weights_rank_each_class(lr):
    top = top_weights(lr, top=5)
    assert list(top) == LABELS
    for terms in top.values():
        pushes = [t.push for t in terms]
        assert pushes == sorted(pushes, reverse=True) and pushes[0] > 0


def test_a_majority_model_has_nothing_to_explain():
    from stance.config import MajorityConfig

    train = tiny_frame(1)
    model = build_model(MajorityConfig(kind="majority"), LABELS).fit(train, train["label"])
    with pytest.raises(ModelError, match="no n-gram weights"):
        explain_tfidf(model, train.head(1), ["neutral"])
