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


@njit(cache=True, nogil=True, inline="always")
def _slot(key, mask):
    return np.int64((np.uint64(key) * GOLDEN) >> np.uint64(32)) & mask


@njit(cache=True, nogil=True)
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


@njit(cache=True, nogil=True, inline="always")
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


@njit(cache=True, nogil=True)
def _emit(counts, touched, n_touched, indices, data, nnz):
    """Append one document's sorted features to the output; reset its scratch counts."""
    row = np.sort(touched[:n_touched])
    if nnz + n_touched > len(indices):
        size = max(2 * len(indices), nnz + n_touched)
        grown_indices = np.empty(size, np.int32)
        grown_indices[:nnz] = indices[:nnz]
        grown_data = np.empty(size, np.float32)
        grown_data[:nnz] = data[:nnz]
        indices, data = grown_indices, grown_data
    for feature in row:
        indices[nnz] = feature
        data[nnz] = counts[feature]
        counts[feature] = 0
        nnz += 1
    return indices, data, nnz


@njit(cache=True, nogil=True, inline="always")
def _count(feature, counts, touched, n_touched):
    if feature >= 0:
        if counts[feature] == 0:
            touched[n_touched] = feature
            n_touched += 1
        counts[feature] += 1
    return n_touched


@njit(cache=True, nogil=True)
def char_wb_counts(
    codes, offsets, space, alphabet, base, min_n, max_n, table, n_features, prefix_closed
):
    """Counts of scikit-learn's `char_wb` n-grams: each whitespace-separated word, padded
    with one space each side, gives its n-grams for n in [min_n, max_n]; a padded word
    no longer than n gives itself once and ends the word (scikit-learn's rule).
    `prefix_closed`: every vocabulary n-gram's (n-1)-prefix is in the vocabulary too
    (true unless min_df or max_features pruned it), so a miss ends the start's n-grams."""
    n_docs = len(offsets) - 1
    counts = np.zeros(n_features, np.float32)
    touched = np.empty(n_features, np.int32)
    indptr = np.zeros(n_docs + 1, np.int64)
    indices = np.empty(max(16, len(codes) * 2), np.int32)
    data = np.empty(len(indices), np.float32)
    longest = 2
    for d in range(n_docs):
        longest = max(longest, offsets[d + 1] - offsets[d] + 2)
    padded = np.empty(longest, np.int64)
    space_rank = alphabet[32]
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
            length = j - i + 2
            padded[0] = space_rank
            for k in range(i, j):
                c = codes[k]
                padded[k - i + 1] = alphabet[c] if c < len(alphabet) else 0
            padded[length - 1] = space_rank
            if length < min_n:  # shorter than every n: the whole padded word, once
                key = 0
                for k in range(length):
                    key = key * base + padded[k] if padded[k] and key >= 0 else -1
                if key > 0:
                    n_touched = _count(_lookup(key, table), counts, touched, n_touched)
            else:
                for start in range(length - min_n + 1):
                    key = 0
                    for n in range(1, min(max_n, length - start) + 1):
                        digit = padded[start + n - 1]
                        if digit == 0:
                            break
                        key = key * base + digit
                        if n >= min_n:
                            feature = _lookup(key, table)
                            if feature < 0 and prefix_closed:
                                break  # no longer n-gram from this start is in the vocabulary
                            n_touched = _count(feature, counts, touched, n_touched)
            i = j
        indices, data, nnz = _emit(counts, touched, n_touched, indices, data, nnz)
        indptr[d + 1] = nnz
    return indptr, indices[:nnz].copy(), data[:nnz].copy()


@njit(cache=True, nogil=True)
def _hash_codes(codes, start, end):
    h = np.uint64(1469598103934665603)
    for k in range(start, end):
        h = (h ^ np.uint64(codes[k])) * np.uint64(1099511628211)
    return np.int64(h >> np.uint64(2))  # non-negative, never EMPTY


@njit(cache=True, nogil=True)
def token_hashes(codes, offsets):
    hashes = np.empty(len(offsets) - 1, np.int64)
    for t in range(len(hashes)):
        hashes[t] = _hash_codes(codes, offsets[t], offsets[t + 1])
    return hashes


@njit(cache=True, nogil=True)
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


@njit(cache=True, nogil=True)
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


@njit(cache=True, nogil=True)
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
                        n_touched = _count(feature, counts, touched, n_touched)
            i = j
        indices, data, nnz = _emit(counts, touched, n_touched, indices, data, nnz)
        indptr[d + 1] = nnz
    return indptr, indices[:nnz].copy(), data[:nnz].copy()
