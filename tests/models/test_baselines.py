import numpy as np
import pytest

from stance.config import MajorityConfig, TfidfConfig
from stance.models import build_model
from tests.conftest import LABELS, tiny_frame


def tfidf(**overrides) -> TfidfConfig:
    return TfidfConfig.model_validate({"kind": "tfidf_lr", "C": 10.0, **overrides})


@pytest.fixture(scope="module")
def train():
    return tiny_frame(3)


@pytest.mark.parametrize(
    "cfg",
    [
        tfidf(),
        tfidf(target_mode="per_target"),
        tfidf(target_mode="feature", class_weight="balanced"),
        tfidf(kind="tfidf_svm", C=1.0),
        tfidf(kind="tfidf_svm", C=1.0, target_mode="per_target"),
    ],
    ids=["lr", "lr-per-target", "lr-feature-balanced", "svm", "svm-per-target"],
)
def test_learns_the_tiny_dataset(train, cfg):
    model = build_model(cfg, LABELS, seed=0).fit(train, train["label"])
    test = tiny_frame(1, prefix="t")
    accuracy = np.mean(np.asarray(model.predict(test)) == test["label"].to_numpy())
    assert accuracy >= 0.9
    proba = model.predict_proba(test)
    assert proba.shape == (len(test), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)


def test_majority_predicts_the_prior(train):
    skewed = train[train["label"] != "neutral"].iloc[:-5]
    model = build_model(MajorityConfig(kind="majority"), LABELS, seed=0)
    model.fit(skewed, skewed["label"])
    assert set(model.predict(tiny_frame(1))) == {"pro_aid"}
    assert model.predict_proba(["anything"])[0, LABELS.index("neutral")] == 0.0


def test_list_series_and_frame_inputs_agree(train):
    """A TF-IDF pipeline fitted on a Series mispredicts on a DataFrame: ours must not."""
    model = build_model(tfidf(), LABELS, seed=0).fit(train, train["label"])
    test = tiny_frame(1, prefix="t")
    from_frame = model.predict_proba(test)
    from_list = model.predict_proba(test["text"].tolist())
    np.testing.assert_allclose(from_frame, from_list)


def test_probability_columns_follow_the_configured_label_order(train):
    reordered = ["neutral", "pro_aid", "pro_concession"]
    model = build_model(tfidf(), reordered, seed=0).fit(train, train["label"])
    assert model.id2label == {0: "neutral", 1: "pro_aid", 2: "pro_concession"}
    proba = model.predict_proba(["Ukraine should cede territory for a deal"])
    assert reordered[int(proba.argmax())] == "pro_concession"


def test_per_target_unseen_target_uses_the_pooled_model(train):
    model = build_model(tfidf(target_mode="per_target"), LABELS, seed=0)
    model.fit(train, train["label"])
    assert set(model.models_) == {"", "ukraine", "war_end"}
    frame = tiny_frame(1).assign(target="never_seen")
    assert len(model.predict(frame)) == len(frame)


def test_unknown_training_label_is_refused(train):
    with pytest.raises(ValueError, match="not in the label set"):
        build_model(tfidf(), ["pro_aid", "neutral"], seed=0).fit(train, train["label"])


def test_same_seed_same_model(train):
    cfg = tfidf(kind="tfidf_svm", C=1.0)
    first = build_model(cfg, LABELS, seed=3).fit(train, train["label"]).predict_proba(train)
    second = build_model(cfg, LABELS, seed=3).fit(train, train["label"]).predict_proba(train)
    np.testing.assert_array_equal(first, second)


def test_usable_cpus_without_sched_getaffinity(monkeypatch):
    """macOS has no os.sched_getaffinity: TF-IDF prediction must still pick a thread count."""
    import os

    from stance.models import baselines

    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.delattr(os, "process_cpu_count", raising=False)
    assert baselines.usable_cpus() == (os.cpu_count() or 1)


@pytest.mark.parametrize(
    "cfg",
    [tfidf(), tfidf(kind="tfidf_svm", C=1.0), tfidf(target_mode="per_target")],
    ids=["lr", "svm", "lr-per-target"],
)
def test_top_ngrams_name_each_class_and_its_words(train, cfg):
    model = build_model(cfg, LABELS, seed=0).fit(train, train["label"])
    top = model.top_ngrams(5)
    assert list(top.columns) == ["target", "class", "rank", "features", "ngram", "coefficient"]
    pooled = top[top["target"] == ""]
    assert sorted(pooled["class"].unique()) == sorted(LABELS)
    assert (pooled.groupby("class").size() == 5).all()
    assert set(pooled["features"]) <= {"word", "char"}
    for _, rows in pooled.groupby("class"):
        assert rows["coefficient"].is_monotonic_decreasing
    words = pooled[(pooled["class"] == "pro_concession") & (pooled["features"] == "word")]
    # words only the pro_concession phrases use push toward it
    assert set(words["ngram"]) & {"cede", "ceasefire", "deal", "talks", "accept", "prolong"}
    if cfg.target_mode == "per_target":
        assert {"ukraine", "war_end"} <= set(top["target"])


def test_top_ngrams_of_a_binary_model_push_both_ways():
    frame = tiny_frame(3)
    frame = frame[frame["label"] != "neutral"]
    model = build_model(tfidf(), LABELS, seed=0).fit(frame, frame["label"])
    top = model.top_ngrams(3)
    assert sorted(top["class"].unique()) == ["pro_aid", "pro_concession"]
    assert (top["coefficient"] > 0).all()


def test_the_majority_model_has_no_top_ngrams(train):
    model = build_model(MajorityConfig(kind="majority"), LABELS).fit(train, train["label"])
    assert model.top_ngrams(5).empty
