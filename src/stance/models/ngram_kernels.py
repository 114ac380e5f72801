"""numba kernels behind `fast_tfidf`: n-gram keys, hash lookups and per-document counts.

Every kernel releases the GIL (`nogil`), so slices of a batch run on several
threads. Counts accumulate in a scratch array indexed by feature, with the list
of touched features sorted per document, which yields CSR rows with sorted
indices, as scikit-learn's `CountVectorizer` produces.
"""

from __future__ import annotations

import numpy as np
from numba import njit

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
EMPTY = -1


def _kernel(**options):
    """`njit` with numba's on-disk cache where it can write one, else compiled once per
    process: a read-only install or model folder with no writable home has no cache
    location, and numba then refuses `cache=True` at import."""

    def compile_(func):
        try:
            return njit(cache=True, **options)(func)
        except RuntimeError:  # "cannot cache function …: no locator available"
            return njit(**options)(func)

    return compile_


@_kernel(nogil=True, inline="always")
def _slot(key, mask):
    return np.int64((np.uint64(key) * GOLDEN) >> np.uint64(32)) & mask


@_kernel(nogil=True)
def build_table(keys, values):
    """Open addressing with linear probing; each slot holds (key, value) side by side, so
    a lookup touches one cache line."""
    slots = 16
    while slots < 2 * len(keys):
        slots *= 2
    table = np.full((slots, 2), EMPTY, np.int64)
    mask = slots - 1
    for i in range(len(keys)):
        slot = _slot(keys[i], mask)
        while table[slot, 0] != EMPTY:
            slot = (slot + 1) & mask
        table[slot, 0] = keys[i]
        table[slot, 1] = values[i]
    return table


@_kernel(nogil=True, inline="always")
def _lookup(key, table):
    mask = len(table) - 1
    slot = _slot(key, mask)
    while True:
        found = table[slot, 0]
        if found == key:
            return table[slot, 1]
        if found == EMPTY:
            return -1
        slot = (slot + 1) & mask


@_kernel(nogil=True)
def _emit(counts, touched, n_touched, indices, data, nnz):
    """Append one document's features to the output; reset its scratch counts.

    Indices stay in first-seen order: CSR allows unsorted rows, and sorting each
    row cost as much as counting it."""
    if nnz + n_touched > len(indices):
        indices = _grow(indices, nnz + n_touched)
        data = _grow(data, nnz + n_touched)
    for k in range(n_touched):
        feature = touched[k]
        indices[nnz] = feature
        data[nnz] = counts[feature]
        counts[feature] = 0
        nnz += 1
    return indices, data, nnz


@_kernel(nogil=True)
def _grow(array, needed):
    grown = np.empty(max(2 * len(array), needed), array.dtype)
    grown[: len(array)] = array
    return grown


@_kernel(nogil=True, inline="always")
def _count(feature, counts, touched, n_touched):
    """Count a (non-negative) feature; branch-free, as first sightings are unpredictable."""
    seen = counts[feature]
    touched[n_touched] = feature
    counts[feature] = seen + 1
    return n_touched + (seen == 0)


@_kernel(nogil=True)
def _word_features(codes, i, j, alphabet, base, min_n, max_n, table, prefix_closed, out, n_out):
    """Append the vocabulary features of the padded word codes[i:j] to `out` (with
    repeats), following scikit-learn's `char_wb` rule: n-grams for n in [min_n, max_n];
    a padded word no longer than n gives itself once and ends the word."""
    length = j - i + 2
    need = n_out + length * (max_n - min_n + 1) + 1
    if need > len(out):
        out = _grow(out, need)
    space_rank = alphabet[32]
    if length < min_n:  # shorter than every n: the whole padded word, once
        key = space_rank
        for k in range(i, j + 1):
            c = codes[k] if k < j else 32
            digit = alphabet[c] if c < len(alphabet) else 0
            if digit == 0:
                return out, n_out
            key = key * base + digit
        feature = _lookup(key, table)
        if feature >= 0:
            out[n_out] = feature
            n_out += 1
        return out, n_out
    for start in range(length - min_n + 1):
        key = 0
        for n in range(1, min(max_n, length - start) + 1):
            position = start + n - 1  # in the padded word: 0 and length-1 are spaces
            c = 32 if position == 0 or position == length - 1 else codes[i + position - 1]
            digit = alphabet[c] if c < len(alphabet) else 0
            if digit == 0:
                break
            key = key * base + digit
            if n >= min_n:
                feature = _lookup(key, table)
                if feature < 0:
                    if prefix_closed:
                        break  # no longer n-gram from this start is in the vocabulary
                    continue
                out[n_out] = feature
                n_out += 1
    return out, n_out


@_kernel(nogil=True)
def _same_codes(codes, a, b, length):
    for k in range(length):  # noqa: SIM110 (numba compiles loops, not generators)
        if codes[a + k] != codes[b + k]:
            return False
    return True


@_kernel(nogil=True)
def char_wb_counts(
    codes, offsets, space, alphabet, base, min_n, max_n, table, n_features, prefix_closed
):
    """Counts of scikit-learn's `char_wb` n-grams, document by document.

    A word's n-grams depend on the word alone, so each distinct word of the batch
    is analysed once and its feature list cached (words repeat: Zipf's law).
    `prefix_closed`: every vocabulary n-gram's (n-1)-prefix is in the vocabulary
    too (true unless min_df or max_features pruned it), so a miss ends a start."""
    n_docs = len(offsets) - 1
    counts = np.zeros(n_features, np.float32)
    touched = np.empty(n_features, np.int32)
    indptr = np.zeros(n_docs + 1, np.int64)
    indices = np.empty(16 + len(codes) * 2, np.int32)
    data = np.empty(len(indices), np.float32)
    n_words = 0
    for k in range(len(codes)):  # word starts: a non-space after a space or a boundary
        n_words += not space[codes[k]] and (k == 0 or space[codes[k - 1]])
    slots = 16
    while slots < 2 * (n_words + len(offsets)):  # words never cross documents
        slots *= 2
    mask = slots - 1
    cache_hash = np.full(slots, EMPTY, np.int64)
    cache_word = np.empty(slots, np.int64)  # start of the word's first occurrence
    cache_length = np.empty(slots, np.int32)
    cache_from = np.empty(slots, np.int64)
    cache_to = np.empty(slots, np.int64)
    features = np.empty(16 + len(codes) * 4, np.int32)
    n_features_cached = 0
    nnz = 0
    for d in range(n_docs):
        n_touched = 0
        i, end = offsets[d], offsets[d + 1]
        while i < end:
            while i < end and space[codes[i]]:
                i += 1
            if i >= end:
                break
            j = i
            while j < end and not space[codes[j]]:
                j += 1
            h = _hash_codes(codes, i, j)
            slot = _slot(h, mask)
            while cache_hash[slot] != EMPTY:
                if (
                    cache_hash[slot] == h
                    and cache_length[slot] == j - i
                    and _same_codes(codes, cache_word[slot], i, j - i)
                ):
                    break
                slot = (slot + 1) & mask
            if cache_hash[slot] == EMPTY:
                start = n_features_cached
                features, n_features_cached = _word_features(
                    codes, i, j, alphabet, base, min_n, max_n, table, prefix_closed,
                    features, n_features_cached,
                )  # fmt: skip
                cache_hash[slot], cache_word[slot], cache_length[slot] = h, i, j - i
                cache_from[slot], cache_to[slot] = start, n_features_cached
            for k in range(cache_from[slot], cache_to[slot]):
                n_touched = _count(features[k], counts, touched, n_touched)
            i = j
        indices, data, nnz = _emit(counts, touched, n_touched, indices, data, nnz)
        indptr[d + 1] = nnz
    return indptr, indices[:nnz].copy(), data[:nnz].copy()


@_kernel(nogil=True)
def _hash_codes(codes, start, end):
    h = np.uint64(1469598103934665603)
    for k in range(start, end):
        h = (h ^ np.uint64(codes[k])) * np.uint64(1099511628211)
    return np.int64(h >> np.uint64(2))  # non-negative, never EMPTY


@_kernel(nogil=True)
def token_hashes(codes, offsets):
    hashes = np.empty(len(offsets) - 1, np.int64)
    for t in range(len(hashes)):
        hashes[t] = _hash_codes(codes, offsets[t], offsets[t + 1])
    return hashes


@_kernel(nogil=True)
def build_token_table(hashes, codes, offsets):
    """Slots hold token ids; lookups compare code points, so hash collisions are harmless."""
    slots = 16
    while slots < 2 * len(hashes):
        slots *= 2
    table_hashes = np.full(slots, EMPTY, np.int64)
    table_ids = np.full(slots, EMPTY, np.int32)
    mask = slots - 1
    for t in range(len(hashes)):
        slot = _slot(hashes[t], mask)
        while table_hashes[slot] != EMPTY:
            slot = (slot + 1) & mask
        table_hashes[slot] = hashes[t]
        table_ids[slot] = t
    return table_hashes, table_ids


@_kernel(nogil=True)
def _token_id(codes, start, end, token_codes, token_offsets, table_hashes, table_ids):
    h = _hash_codes(codes, start, end)
    mask = len(table_hashes) - 1
    slot = _slot(h, mask)
    while table_hashes[slot] != EMPTY:
        if table_hashes[slot] == h:
            t = table_ids[slot]
            a, b = token_offsets[t], token_offsets[t + 1]
            if b - a == end - start:
                same = True
                for k in range(end - start):
                    if token_codes[a + k] != codes[start + k]:
                        same = False
                        break
                if same:
                    return t
        slot = (slot + 1) & mask
    return -1


@_kernel(nogil=True)
def word_counts(
    codes, offsets, word, token_codes, token_offsets, table_hashes, table_ids, base,
    min_n, max_n, table, n_features,
):  # fmt: skip
    """Counts of word n-grams over the tokens of `(?u)\\b\\w\\w+\\b`: maximal runs of two
    or more word characters. A token outside the vocabulary breaks every n-gram through it."""
    n_docs = len(offsets) - 1
    counts = np.zeros(n_features, np.float32)
    touched = np.empty(n_features, np.int32)
    indptr = np.zeros(n_docs + 1, np.int64)
    indices = np.empty(max(16, len(codes) // 2), np.int32)
    data = np.empty(len(indices), np.float32)
    window = np.full(max_n, -1, np.int64)
    nnz = 0
    for d in range(n_docs):
        n_touched = 0
        n_seen = 0
        i, end = offsets[d], offsets[d + 1]
        while i < end:
            while i < end and not word[codes[i]]:
                i += 1
            j = i
            while j < end and word[codes[j]]:
                j += 1
            if j - i >= 2:
                t = _token_id(codes, i, j, token_codes, token_offsets, table_hashes, table_ids)
                for k in range(max_n - 1):
                    window[k] = window[k + 1]
                window[max_n - 1] = t
                n_seen += 1
                key = 0
                for n in range(1, min(max_n, n_seen) + 1):
                    token = window[max_n - n]
                    if token < 0:
                        break
                    key = key + (token + 1) * base ** (n - 1)
                    if n >= min_n:
                        feature = _lookup(key, table)
                        if feature >= 0:
                            n_touched = _count(feature, counts, touched, n_touched)
            i = j
        indices, data, nnz = _emit(counts, touched, n_touched, indices, data, nnz)
        indptr[d + 1] = nnz
    return indptr, indices[:nnz].copy(), data[:nnz].copy()


@_kernel(nogil=True)
def tfidf_weights(indptr, indices, data, idf, use_idf, sublinear, l2, log_table):
    """In place, what scikit-learn's TfidfTransformer does to float32 counts: 1 + log(tf),
    times idf (in float64, stored as float32), then each row scaled to unit L2 norm
    (sum of squares accumulated in float64). `log_table[c]` is numpy's float32 log(c)
    for small counts, so the values are numpy's, and a table read is cheaper than a log."""
    for row in range(len(indptr) - 1):
        start, end = indptr[row], indptr[row + 1]
        for k in range(start, end):
            value = data[k]
            if sublinear:
                count = np.int64(value)
                log = log_table[count] if count < len(log_table) else np.log(value)
                value = np.float32(log + np.float32(1.0))
            if use_idf:
                value = np.float32(np.float64(value) * idf[indices[k]])
            data[k] = value
        if l2:
            total = 0.0
            for k in range(start, end):
                total += np.float64(data[k] * data[k])
            if total != 0.0:
                norm = np.sqrt(total)
                for k in range(start, end):
                    data[k] = np.float32(np.float64(data[k]) / norm)
