"""A compiled `transform` for fitted TF-IDF vectorisers: same matrix, many times faster.

scikit-learn builds every character and word n-gram as a Python string and looks
it up in a dict, about 3,000 quotes a second. Here the fitted vocabulary is
compiled once into integer keys and open-addressing hash tables, and numba
kernels walk the code points of a whole batch, count the n-grams of each
document in a scratch array, and emit the sorted CSR count matrix that
`CountVectorizer` would. The fitted `TfidfTransformer` then weights and
normalises it, so the features are the ones scikit-learn computes.

Exact by construction: character n-grams are keyed by their characters' ranks
in the vocabulary's alphabet (an injective integer code), word n-grams by the
ids of their tokens, and tokens are compared code point by code point. Settings
this does not cover (custom tokenisers, stop words, accents stripping, the
`char` analyser, very large alphabets) return None from `compile_vectorizer`,
and the caller keeps scikit-learn's transform.
"""

from __future__ import annotations

import functools
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from stance.models import ngram_kernels as kernels

DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
MAX_KEY = 2**62
# numpy's float32 log of small counts (index 0 unused), as TfidfTransformer computes them
LOG_TABLE = np.log(
    np.arange(256, dtype=np.float32), where=np.arange(256) > 0, out=np.zeros(256, np.float32)
)


@functools.cache
def _code_point_tables() -> tuple[np.ndarray, np.ndarray]:
    """Which code points `str.split` treats as space, and which `re`'s `\\w` matches.

    Found with `re` itself over every code point (CPython's `\\s` is `str.isspace`),
    which takes a tenth of the time of asking each character."""
    every = "".join(map(chr, range(0x110000)))
    tables = []
    for pattern in (r"\s", r"\w"):
        table = np.zeros(0x110000, dtype=np.bool_)
        table[[m.start() for m in re.finditer(pattern, every)]] = True
        tables.append(table)
    return tables[0], tables[1]


def _hash_table(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    return kernels.build_table(keys.astype(np.int64), values.astype(np.int64))


@dataclass
class _CharNgrams:
    """`char_wb` n-grams keyed by alphabet ranks."""

    alphabet: np.ndarray  # code point -> rank (0: not in the vocabulary's alphabet)
    base: int
    min_n: int
    max_n: int
    table: np.ndarray
    n_features: int
    prefix_closed: bool

    @classmethod
    def compile(cls, vocabulary: dict[str, int], ngram_range) -> _CharNgrams | None:
        chars = sorted({c for term in vocabulary for c in term} | {" "})
        base = len(chars) + 1
        longest = max(max(map(len, vocabulary), default=1), ngram_range[1])
        if base**longest >= MAX_KEY:
            return None
        alphabet = np.zeros(max(map(ord, chars)) + 1, dtype=np.int32)
        alphabet[[ord(c) for c in chars]] = np.arange(1, base)
        keys = np.empty(len(vocabulary), dtype=np.int64)
        for i, term in enumerate(vocabulary):
            key = 0
            for c in term:
                key = key * base + int(alphabet[ord(c)])
            keys[i] = key
        table = _hash_table(keys, np.fromiter(vocabulary.values(), np.int32, len(vocabulary)))
        min_n = ngram_range[0]
        closed = all(len(t) <= min_n or t[:-1] in vocabulary for t in vocabulary)
        return cls(alphabet, base, *ngram_range, table, len(vocabulary), closed)

    def counts(self, codes, offsets, space):
        return kernels.char_wb_counts(
            codes, offsets, space, self.alphabet, self.base, self.min_n, self.max_n,
            self.table, self.n_features, self.prefix_closed,
        )  # fmt: skip


@dataclass
class _WordNgrams:
    """Word n-grams of the default token pattern, keyed by token ids."""

    token_codes: np.ndarray
    token_offsets: np.ndarray
    token_table: tuple[np.ndarray, np.ndarray]
    n_tokens: int
    min_n: int
    max_n: int
    table: np.ndarray
    n_features: int

    @classmethod
    def compile(cls, vocabulary: dict[str, int], ngram_range) -> _WordNgrams | None:
        tokens = sorted({token for term in vocabulary for token in term.split(" ")})
        token_id = {token: i for i, token in enumerate(tokens)}
        if (len(tokens) + 1) ** ngram_range[1] >= MAX_KEY:
            return None
        codes = np.frombuffer("".join(tokens).encode("utf-32-le"), dtype=np.uint32)
        offsets = np.zeros(len(tokens) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(t) for t in tokens])
        hashes = kernels.token_hashes(codes.astype(np.int32), offsets)
        token_table = kernels.build_token_table(hashes, codes.astype(np.int32), offsets)
        keys = np.empty(len(vocabulary), dtype=np.int64)
        for i, term in enumerate(vocabulary):
            key = 0
            for token in term.split(" "):
                key = key * (len(tokens) + 1) + token_id[token] + 1
            keys[i] = key
        table = _hash_table(keys, np.fromiter(vocabulary.values(), np.int32, len(vocabulary)))
        return cls(
            codes.astype(np.int32), offsets, token_table, len(tokens), *ngram_range, table,
            len(vocabulary),
        )  # fmt: skip

    def counts(self, codes, offsets, word):
        return kernels.word_counts(
            codes, offsets, word, self.token_codes, self.token_offsets, *self.token_table,
            self.n_tokens + 1, self.min_n, self.max_n, self.table, self.n_features,
        )  # fmt: skip


class CompiledTfidf:
    """`transform(texts)` equal to the fitted vectoriser's, computed by compiled kernels."""

    def __init__(self, vectorizer: TfidfVectorizer, ngrams: _CharNgrams | _WordNgrams):
        self.vectorizer = vectorizer
        self.ngrams = ngrams
        self.lowercase = vectorizer.lowercase

    def _encode(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        if self.lowercase:
            texts = [text.lower() for text in texts]
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(text) for text in texts], out=offsets[1:])
        joined = "".join(texts).encode("utf-32-le", errors="surrogatepass")
        return np.frombuffer(joined, dtype=np.int32), offsets

    def counts(self, texts: list[str], encoded=None) -> sp.csr_matrix:
        codes, offsets = encoded or self._encode(texts)
        space, word = _code_point_tables()
        table = word if isinstance(self.ngrams, _WordNgrams) else space
        indptr, indices, data = self.ngrams.counts(codes, offsets, table)
        shape = (len(texts), self.ngrams.n_features)
        return sp.csr_matrix((data, indices, indptr), shape=shape, dtype=self.vectorizer.dtype)

    def transform(self, texts: list[str], encoded=None) -> sp.csr_matrix:
        """`encoded`: this batch's `_encode` output, shared by vectorisers that lowercase alike."""
        counts = self.counts(texts, encoded)
        if self.vectorizer.binary:
            counts.data.fill(1)
        tfidf = self.vectorizer._tfidf
        if tfidf.norm not in ("l2", None) or counts.dtype != np.float32:
            return sp.csr_matrix(tfidf.transform(counts, copy=False))
        idf = tfidf.idf_ if tfidf.use_idf else np.ones(1)
        kernels.tfidf_weights(
            counts.indptr, counts.indices, counts.data, idf, tfidf.use_idf, tfidf.sublinear_tf,
            tfidf.norm == "l2", LOG_TABLE,
        )  # fmt: skip
        return counts

    def transform_shared(self, texts: list[str], encodings: dict) -> sp.csr_matrix:
        if self.lowercase not in encodings:
            encodings[self.lowercase] = self._encode(texts)
        return self.transform(texts, encodings[self.lowercase])


def compile_vectorizer(vectorizer: TfidfVectorizer) -> CompiledTfidf | None:
    """A compiled twin of a fitted vectoriser, or None where its settings are not covered."""
    v = vectorizer
    plain = (
        isinstance(v, TfidfVectorizer)
        and hasattr(v, "vocabulary_")
        and v.input == "content"
        and v.preprocessor is None
        and v.tokenizer is None
        and v.strip_accents is None
        and v.stop_words is None
    )
    if not plain:
        return None
    if v.analyzer == "char_wb":
        ngrams = _CharNgrams.compile(v.vocabulary_, v.ngram_range)
    elif v.analyzer == "word" and v.token_pattern == DEFAULT_TOKEN_PATTERN:
        ngrams = _WordNgrams.compile(v.vocabulary_, v.ngram_range)
    else:
        return None
    return CompiledTfidf(v, ngrams) if ngrams is not None else None


def compile_pipeline(pipeline) -> list[CompiledTfidf] | None:
    """Compiled twins of a `features` FeatureUnion of TF-IDF vectorisers, or None."""
    from sklearn.pipeline import FeatureUnion

    features = getattr(pipeline, "named_steps", {}).get("features")
    if not isinstance(features, FeatureUnion) or features.transformer_weights:
        return None
    compiled = [compile_vectorizer(part) for _, part in features.transformer_list]
    return compiled if all(c is not None for c in compiled) else None


def parallel_transform(
    compiled: list[CompiledTfidf], texts: list[str], threads: int = 2, then=None
):
    """The horizontally stacked features of several vectorisers (a FeatureUnion), with
    document slices spread over threads (the kernels release the GIL). `then`, if given,
    maps each slice's features on the same thread (a classifier's `predict_proba`:
    scipy's sparse products release the GIL too) and the results are stacked instead."""
    size = -(-len(texts) // max(threads, 1)) or 1
    slices = [texts[start : start + size] for start in range(0, len(texts), size)] or [[]]

    def one_slice(part: list[str]):
        encodings: dict = {}
        features = sp.hstack([c.transform_shared(part, encodings) for c in compiled], format="csr")
        return features if then is None else then(features)

    if len(slices) == 1:
        return one_slice(slices[0])
    with ThreadPoolExecutor(len(slices)) as pool:
        parts = list(pool.map(one_slice, slices))
    return sp.vstack(parts, format="csr") if then is None else np.concatenate(parts)
