"""The compiled TF-IDF transform must give scikit-learn's matrix, entry for entry."""

import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from stance.config import TfidfConfig
from stance.models.baselines import SklearnStanceClassifier
from stance.models.fast_tfidf import _code_point_tables, compile_vectorizer, parallel_transform
from tests.conftest import tiny_frame

TRAIN = [
    "We must send more weapons to Ukraine now, and keep up military aid.",
    "Ukraine should cede territory for a deal and accept the new realities.",
    "The talks in Istanbul ended without a statement.",
    "ΣΟΦΟΣ σοφός: İstanbul and Straße, naïve café — 🙂 emoji too",
    "snake_case tokens_like_this and 12 34 5678 numbers",
    "a b c d e f g",
]
TRICKY = [
    *TRAIN,
    "",
    "   \t\n ",
    "x",
    "Unseen words: Zaporizhzhia counteroffensive, Bakhmut!!",
    "tabs\tand\u00a0no-break\u2028line\u0085separators\u3000ideographic",
    "ΣΑΣ ΟΔΟΣ final sigma ΣΣ",
    "lone surrogate \ud800 inside",
    "WEAPONS weapons Weapons wEaPoNs",
    "don't stop-believing; e-mail me@example.org #hashtag @user",
    "🙂🙂🙂 🇺🇦 Слава Україні! 中文字符 العربية",
    "_ __ ___ a_ _a 1 11 111",
]


def test_code_point_tables_match_str_split_and_re_word_characters():
    space, word = _code_point_tables()
    sample = [*range(0x3100), *np.random.default_rng(0).integers(0x3100, 0x110000, 20_000)]
    for code in sample:
        char = chr(code)
        assert space[code] == char.isspace(), hex(code)
        assert word[code] == (char.isalnum() or char == "_"), hex(code)


def assert_same_matrix(vectorizer, texts):
    compiled = compile_vectorizer(vectorizer)
    assert compiled is not None
    expected = vectorizer.transform(texts).tocsr()
    got = compiled.transform(texts).sorted_indices()  # rows come unsorted: valid CSR
    assert got.shape == expected.shape
    np.testing.assert_array_equal(got.indptr, expected.indptr)
    np.testing.assert_array_equal(got.indices, expected.indices)
    np.testing.assert_allclose(got.data, expected.data, rtol=1e-6)


@pytest.mark.parametrize(
    "settings",
    [
        {"analyzer": "char_wb", "ngram_range": (2, 5)},
        {"analyzer": "char_wb", "ngram_range": (1, 3), "lowercase": False},
        {"analyzer": "char_wb", "ngram_range": (4, 6)},  # padded words shorter than min_n
        {"analyzer": "char_wb", "ngram_range": (2, 4), "min_df": 2},  # not prefix-closed
        {"analyzer": "char_wb", "ngram_range": (2, 5), "max_features": 60, "binary": True},
        {"analyzer": "word", "ngram_range": (1, 2)},
        {"analyzer": "word", "ngram_range": (1, 3), "sublinear_tf": True},
        {"analyzer": "word", "ngram_range": (2, 2), "lowercase": False, "norm": None},
        {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "use_idf": False},
    ],
)
def test_compiled_transform_equals_scikit_learn(settings):
    vectorizer = TfidfVectorizer(dtype=np.float32, **settings).fit(TRAIN * 2 + TRICKY[6:9])
    assert_same_matrix(vectorizer, TRICKY)


@pytest.mark.parametrize(
    "settings",
    [
        {"analyzer": "char"},
        {"stop_words": "english"},
        {"strip_accents": "unicode"},
        {"tokenizer": str.split, "token_pattern": None},
        {"token_pattern": r"\w+"},
    ],
)
def test_settings_it_does_not_cover_keep_scikit_learn(settings):
    vectorizer = TfidfVectorizer(**settings).fit(TRAIN)
    assert compile_vectorizer(vectorizer) is None


def test_threads_split_documents_without_changing_the_matrix():
    vectorizers = [
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2)).fit(TRAIN),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).fit(TRAIN),
    ]
    compiled = [compile_vectorizer(v) for v in vectorizers]
    one = parallel_transform(compiled, TRICKY * 3, threads=1)
    three = parallel_transform(compiled, TRICKY * 3, threads=3)
    assert (one.sorted_indices() != three.sorted_indices()).nnz == 0


@pytest.mark.parametrize("target_mode", ["none", "per_target"])
def test_classifier_probabilities_match_the_plain_pipeline(target_mode):
    train = tiny_frame(3, "train")
    cfg = TfidfConfig(kind="tfidf_lr", target_mode=target_mode)
    model = SklearnStanceClassifier(cfg, ["pro_aid", "pro_concession", "neutral"], seed=0)
    model.fit(train, train["label"])
    new = tiny_frame(2, "new")
    fast = model.predict_proba(new)
    model.compiled_features = False
    plain = model.predict_proba(new)
    # float32 features summed in another order: equal to ~1e-6, labels identical
    np.testing.assert_allclose(plain, fast, rtol=1e-5, atol=1e-7)
    assert (plain.argmax(axis=1) == fast.argmax(axis=1)).all()
    model.compiled_features = True
    restored = pickle.loads(pickle.dumps(model))
    assert "_compiled_cache" not in restored.__dict__
    np.testing.assert_allclose(restored.predict_proba(new), fast, rtol=1e-6, atol=1e-9)
