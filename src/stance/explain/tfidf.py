"""Explaining a TF-IDF linear model: coefficient × feature value, per n-gram and per word.

A linear model scores class k as w_k · x + b_k, so each n-gram's push toward k is
exactly w_k[f] · x[f]. Which weights:

- LogisticRegression (multinomial): the logits minus their mean over classes, which
  softmax ignores, so the push is toward k against the average class (with an L2
  penalty the fitted weights already sum to zero over classes: centring changes
  nothing there, and makes it exact when they do not);
- LinearSVC under CalibratedClassifierCV: the base SVMs' weights averaged over the
  calibration folds. Each fold calibrates its one-vs-rest decision score with an
  increasing sigmoid and the probabilities are the folds' mean, so the averaged
  decision score is a linear, exactly decomposable score that moves with the
  calibrated probability; the calibrated probability itself is not additive in
  the n-grams, and explaining it would need a sampling method instead;
- two classes: one weight vector w for the second class, -w for the first.

A feature's push is shared equally by its occurrences in the quote, and an
occurrence's share equally by the words it spans (two for a word bigram), so the
words' pushes add up to the n-grams' pushes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from stance.errors import ModelError
from stance.explain.words import Explanation, Term, strongest, word_spans
from stance.models.base import as_frame

WHITE_SPACES = re.compile(r"\s\s+")  # as scikit-learn's character analysers collapse them


def _aligned(coef: np.ndarray, intercept: np.ndarray, classes, labels: Sequence[str]):
    """One weight row per label, in `labels` order; classes the model never saw get zeros."""
    coef = coef.toarray() if sp.issparse(coef) else np.asarray(coef, dtype=np.float64)
    intercept = np.asarray(intercept, dtype=np.float64).reshape(-1)
    if coef.shape[0] == 1 and len(classes) == 2:
        coef, intercept = np.vstack([-coef[0], coef[0]]), np.array([-intercept[0], intercept[0]])
    weights = np.zeros((len(labels), coef.shape[1]))
    bias = np.zeros(len(labels))
    for row, label in enumerate(classes):
        weights[list(labels).index(str(label))] = coef[row]
        bias[list(labels).index(str(label))] = intercept[row]
    return weights, bias


def linear_weights(pipeline: Pipeline, labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(weights, bias): the push of each feature toward each label per unit of its value,
    shape (labels, features), and each label's intercept (see the module docstring)."""
    clf = pipeline[-1]
    if isinstance(clf, CalibratedClassifierCV):
        folds = [
            _aligned(c.estimator.coef_, c.estimator.intercept_, c.estimator.classes_, labels)
            for c in clf.calibrated_classifiers_
        ]
        return np.mean([w for w, _ in folds], axis=0), np.mean([b for _, b in folds], axis=0)
    if not hasattr(clf, "coef_"):
        raise ModelError(f"a {type(clf).__name__} model has no n-gram weights to explain")
    weights, bias = _aligned(clf.coef_, clf.intercept_, clf.classes_, labels)
    if len(clf.classes_) > 2:  # softmax ignores a shift shared by every class
        seen = [list(labels).index(str(c)) for c in clf.classes_]
        weights[seen] -= weights[seen].mean(axis=0)
        bias[seen] -= bias[seen].mean()
    return weights, bias


def feature_parts(pipeline: Pipeline) -> list[tuple[str, object]]:
    """The feature blocks in column order: ("word" | "char" | "target", fitted transformer)."""
    features = pipeline.named_steps.get("features")
    target = None
    if isinstance(features, ColumnTransformer):
        target = features.named_transformers_.get("target")
        features = features.named_transformers_["text"]
    if not isinstance(features, FeatureUnion):
        raise ModelError("the model's features are not TF-IDF n-grams; nothing to explain")
    parts = []
    for _, vectorizer in features.transformer_list:
        if not isinstance(vectorizer, TfidfVectorizer):
            raise ModelError(f"cannot explain a {type(vectorizer).__name__} feature block")
        parts.append(("word" if vectorizer.analyzer == "word" else "char", vectorizer))
    if target is not None:
        parts.append(("target", target))
    return parts


def _part_names(kind: str, part) -> list[str]:
    if kind == "target":
        return [f"target={category}" for category in part.categories_[0]]
    names = [""] * len(part.vocabulary_)
    for term, index in part.vocabulary_.items():
        names[index] = term
    return names


def _word_occurrences(vectorizer: TfidfVectorizer, text: str, spans) -> dict[str, list]:
    """Each word n-gram of `text` and the words of each of its occurrences."""
    preprocess, tokenize = vectorizer.build_preprocessor(), vectorizer.build_tokenizer()
    tokens = [
        (token, i)
        for i, (start, end) in enumerate(spans)
        for token in tokenize(preprocess(text[start:end]))
    ]
    low, high = vectorizer.ngram_range
    found = defaultdict(list)
    for n in range(low, high + 1):
        for start in range(len(tokens) - n + 1):
            window = tokens[start : start + n]
            found[" ".join(t for t, _ in window)].append(sorted({i for _, i in window}))
    return found


def _char_occurrences(vectorizer: TfidfVectorizer, text: str, spans) -> dict[str, list]:
    """Each character n-gram of `text` and the words of each of its occurrences."""
    found = defaultdict(list)
    if vectorizer.analyzer == "char_wb":  # n-grams never cross words: analyse word by word
        analyse = vectorizer.build_analyzer()
        for i, (start, end) in enumerate(spans):
            for gram in analyse(text[start:end]):
                found[gram].append([i])
        return found
    # `char`: n-grams run across the single space that joins the words
    preprocess = vectorizer.build_preprocessor()
    pieces = [preprocess(text[start:end]) for start, end in spans]
    joined = " ".join(pieces)
    owner = np.concatenate([[i] * len(p) + [-1] for i, p in enumerate(pieces)] or [[]])
    low, high = vectorizer.ngram_range
    for n in range(low, high + 1):
        for start in range(len(joined) - n + 1):
            words = sorted({int(i) for i in owner[start : start + n] if i >= 0})
            found[joined[start : start + n]].append(words)
    return found


def _explain_row(
    text: str, label: str, values: np.ndarray, push: np.ndarray, bias: float, parts, names
) -> Explanation:
    spans = word_spans(text)
    word_push = np.zeros(len(spans))
    terms, unplaced, offset = [], 0.0, 0
    for (kind, part), part_names in zip(parts, names, strict=True):
        size = len(part_names)
        block = slice(offset, offset + size)
        offset += size
        active = np.flatnonzero(values[block])
        if not len(active):
            continue
        if kind == "word":
            occurrences = _word_occurrences(part, text, spans)
        elif kind == "char":
            occurrences = _char_occurrences(part, text, spans)
        else:
            occurrences = {}
        for index in active:
            name, share = part_names[index], float(push[block][index])
            terms.append(Term(kind, name, share))
            places = occurrences.get(name) or []
            if not places:
                unplaced += share
            for words in places:
                word_push[words] += share / len(places) / len(words)
    return Explanation(text, label, spans, word_push.tolist(), strongest(terms), bias, unplaced)


def explain_tfidf(classifier, frame: pd.DataFrame, labels_to_explain: Sequence[str]):
    """One `Explanation` per row of `frame` (a `text` and optional `target` column), for
    the class given in `labels_to_explain` (usually the predicted one)."""
    if not classifier.models_:
        raise ModelError("the model is not fitted")
    frame = as_frame(frame)
    labels = classifier.labels
    # the model each row is scored by, as in `predict_proba`: its target's, else the pooled one
    model_of = frame["target"].map(lambda t: t if t in classifier.models_ else "")
    result: list[Explanation | None] = [None] * len(frame)
    for key, rows in frame.groupby(model_of, sort=False).indices.items():
        pipeline = classifier.models_[key]
        weights, bias = linear_weights(pipeline, labels)
        parts = feature_parts(pipeline)
        names = [_part_names(kind, part) for kind, part in parts]
        part = frame.iloc[rows]
        features = sp.csr_matrix(pipeline[:-1].transform(classifier._model_input(part)))
        for position, row in enumerate(rows):
            k = labels.index(labels_to_explain[row])
            values = features[position].toarray().ravel()
            push = weights[k] * values
            text = frame["text"].iloc[row]
            result[row] = _explain_row(text, labels[k], values, push, bias[k], parts, names)
    return result


def top_weights(classifier, top: int = 15) -> dict[str, list[Term]]:
    """Per class, the n-grams with the largest weights toward it in the pooled model
    (the one for rows of any target): what the model keys on, whatever the quote."""
    pipeline = classifier.models_[""]
    weights, _ = linear_weights(pipeline, classifier.labels)
    parts = feature_parts(pipeline)
    kinds = [kind for kind, part in parts for _ in _part_names(kind, part)]
    names = [name for kind, part in parts for name in _part_names(kind, part)]
    result = {}
    for k, label in enumerate(classifier.labels):
        order = np.argsort(-weights[k], kind="stable")[:top]
        result[label] = [Term(kinds[i], names[i], float(weights[k, i])) for i in order]
    return result
