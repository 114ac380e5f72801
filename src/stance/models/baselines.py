"""scikit-learn baselines: majority class, TF-IDF + LogisticRegression, TF-IDF + LinearSVC.

`SklearnStanceClassifier` gives them one small API (`fit`, `predict`,
`predict_proba`, `id2label`) that takes a DataFrame with a `text` column (and a
`target` column for target-aware models) or a plain list of texts. Texts are
always turned into a list before they reach a vectoriser: a TF-IDF pipeline
fitted on a Series silently mispredicts when handed a DataFrame.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import OneHotEncoder
from sklearn.svm import LinearSVC

from stance.config import MajorityConfig, ModelConfig, TfidfConfig
from stance.models.base import ArgmaxLabels, TextInput, as_frame

log = logging.getLogger(__name__)


def text_features(cfg: TfidfConfig) -> FeatureUnion:
    """Word and character TF-IDF n-grams, concatenated."""
    common = {
        "sublinear_tf": cfg.sublinear_tf,
        "lowercase": cfg.lowercase,
        "min_df": cfg.min_df,
        "max_features": cfg.max_features,
        "dtype": np.float32,
    }
    parts = [("word", TfidfVectorizer(analyzer="word", ngram_range=cfg.word_ngrams, **common))]
    if cfg.char_ngrams:
        char = TfidfVectorizer(analyzer=cfg.char_analyzer, ngram_range=cfg.char_ngrams, **common)
        parts.append(("char", char))
    return FeatureUnion(parts)


def linear_classifier(cfg: TfidfConfig, seed: int, y: Sequence[str]) -> BaseEstimator:
    if cfg.kind == "tfidf_lr":
        return LogisticRegression(
            C=cfg.C, class_weight=cfg.class_weight, max_iter=cfg.max_iter, random_state=seed
        )
    svm = LinearSVC(
        C=cfg.C, class_weight=cfg.class_weight, max_iter=cfg.max_iter, random_state=seed
    )
    smallest = min(Counter(y).values())
    folds = min(cfg.calibration_folds, smallest)
    if folds < 2:
        raise ValueError(f"a class has {smallest} example; LinearSVC calibration needs 2 or more")
    return CalibratedClassifierCV(svm, cv=folds, method="sigmoid")


class SklearnStanceClassifier(ArgmaxLabels):
    """A scikit-learn stance model with a stable label order."""

    # numba: TF-IDF features are computed by compiled kernels at predict time (fast_tfidf)
    pyfunc_modules = ("sklearn", "scipy", "joblib", "numba")

    def __init__(self, cfg: ModelConfig, labels: Sequence[str], seed: int = 0):
        self.cfg = cfg
        self.labels = list(labels)
        self.seed = seed
        self.models_: dict[str, Pipeline] = {}
        # TF-IDF features through compiled kernels (fast_tfidf): the same matrix, ~20x faster.
        self.compiled_features = True

    @property
    def label2id(self) -> dict[str, int]:
        return {label: i for i, label in enumerate(self.labels)}

    @property
    def target_mode(self) -> str:
        return getattr(self.cfg, "target_mode", "none")

    def _build(self, y: Sequence[str]) -> Pipeline:
        if isinstance(self.cfg, MajorityConfig):
            return Pipeline([("clf", DummyClassifier(strategy="prior"))])
        classifier = linear_classifier(self.cfg, self.seed, y)
        if self.target_mode == "feature":
            features = ColumnTransformer(
                [
                    ("text", text_features(self.cfg), "text"),
                    ("target", OneHotEncoder(handle_unknown="ignore"), ["target"]),
                ]
            )
            return Pipeline([("features", features), ("clf", classifier)])
        return Pipeline([("features", text_features(self.cfg)), ("clf", classifier)])

    def _model_input(self, frame: pd.DataFrame):
        if self.target_mode == "feature":
            return frame[["text", "target"]]
        return frame["text"].tolist()

    def fit(
        self, inputs: TextInput, y: Sequence[str], eval_set=None, epoch_logger=None
    ) -> SklearnStanceClassifier:
        """Fit on `inputs` and labels `y`; `eval_set` and `epoch_logger` are unused here,
        accepted so that every stance model fits with the same call."""
        frame = as_frame(inputs)
        y = np.asarray([str(label) for label in y])
        unknown = sorted(set(y) - set(self.labels))
        if unknown:
            raise ValueError(f"labels {unknown} are not in the label set {self.labels}")
        self.models_ = {"": self._build(y).fit(self._model_input(frame), y)}
        if self.target_mode == "per_target":
            for target in sorted(set(frame["target"]) - {""}):
                rows = (frame["target"] == target).to_numpy()
                try:
                    model = self._build(y[rows]).fit(self._model_input(frame[rows]), y[rows])
                except ValueError as exc:
                    log.warning("target %r falls back to the pooled model: %s", target, exc)
                    continue
                self.models_[target] = model
        return self

    def _compiled(self, model: Pipeline):
        """Compiled TF-IDF features for `model` (built once), or None to use scikit-learn's."""
        compiled = getattr(self, "compiled_features", True)  # models saved before it existed
        if not compiled or self.target_mode == "feature":
            return None
        cache = self.__dict__.setdefault("_compiled_cache", {})
        if id(model) not in cache:
            from stance.models.fast_tfidf import compile_pipeline

            cache[id(model)] = compile_pipeline(model)
        return cache[id(model)]

    def _raw_proba(self, model: Pipeline, model_input) -> np.ndarray:
        compiled = self._compiled(model)
        if compiled is None:
            return model.predict_proba(model_input)
        from stance.models.fast_tfidf import parallel_transform

        threads = min(usable_cpus(), 8)
        return parallel_transform(compiled, model_input, threads, then=model[-1].predict_proba)

    def _proba_of(self, model: Pipeline, model_input) -> np.ndarray:
        """Probabilities in the order of `self.labels`, zero for classes unseen in training."""
        raw = self._raw_proba(model, model_input)
        proba = np.zeros((raw.shape[0], len(self.labels)), dtype=np.float64)
        for column, label in enumerate(model.classes_):
            proba[:, self.label2id[str(label)]] = raw[:, column]
        return proba

    def predict_proba(self, inputs: TextInput) -> np.ndarray:
        if not self.models_:
            raise RuntimeError("the model is not fitted; call fit() first")
        frame = as_frame(inputs)
        if self.target_mode != "per_target":
            return self._proba_of(self.models_[""], self._model_input(frame))
        proba = np.zeros((len(frame), len(self.labels)))
        model_of = frame["target"].map(lambda t: t if t in self.models_ else "")
        for target, rows in frame.groupby(model_of, sort=False).indices.items():
            part = frame.iloc[rows]
            proba[rows] = self._proba_of(self.models_[target], self._model_input(part))
        return proba

    def top_ngrams(self, n: int = 30) -> pd.DataFrame:
        """Per class, the `n` features with the largest coefficients toward it (the n-grams
        that push a quote to that class), per target model with target_mode per_target."""
        rows = []
        for target, pipeline in self.models_.items():
            coefficients = class_coefficients(pipeline[-1])
            if coefficients is None:
                continue
            names = pipeline[:-1].get_feature_names_out()
            for label, row in zip(pipeline[-1].classes_, coefficients, strict=True):
                for rank, j in enumerate(np.argsort(-row, kind="stable")[:n], start=1):
                    features, _, ngram = str(names[j]).removeprefix("text__").partition("__")
                    rows.append(
                        {"target": target, "class": str(label), "rank": rank,
                         "features": features, "ngram": ngram, "coefficient": float(row[j])}
                    )  # fmt: skip
        columns = ["target", "class", "rank", "features", "ngram", "coefficient"]
        return pd.DataFrame(rows, columns=columns)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_compiled_cache", None)  # rebuilt on load; numba objects do not pickle
        return state

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        joblib.dump(self, path)
        return path

    @classmethod
    def load(cls, path: str | Path) -> SklearnStanceClassifier:
        model = joblib.load(path)
        if not isinstance(model, cls):
            raise TypeError(f"{path} holds a {type(model).__name__}, not a {cls.__name__}")
        return model


def class_coefficients(classifier) -> np.ndarray | None:
    """Linear coefficients per class, rows in `classifier.classes_` order (None: not linear).

    A calibrated LinearSVC averages its folds' coefficients; a binary model's single row
    counts for its second class and against its first."""
    if isinstance(classifier, CalibratedClassifierCV):
        folds = [class_coefficients(c.estimator) for c in classifier.calibrated_classifiers_]
        return None if any(f is None for f in folds) else np.mean(folds, axis=0)
    coef = getattr(classifier, "coef_", None)
    if coef is None:
        return None
    coef = np.asarray(coef.toarray() if hasattr(coef, "toarray") else coef, dtype=np.float64)
    return np.vstack([-coef[0], coef[0]]) if coef.shape[0] == 1 else coef


def usable_cpus() -> int:
    """CPUs this process may run on (os.sched_getaffinity is Linux-only)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
