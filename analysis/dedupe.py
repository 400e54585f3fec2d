"""Find articles that are the same text under two names, or near-identical copies of one story.

Each article gets a signature: a hash of its normalised words (for exact
copies) and a MinHash of its word 5-shingles (128 hash functions, for near
copies). Signatures are small (about 0.5 KB an article) and can be collected
chunk by chunk, so the check streams over corpora of any size. Near copies
are found by locality-sensitive hashing (20 bands of 6 rows, one band at a
time with numpy), and a candidate pair counts when the share of equal MinHash
values, an estimate of the Jaccard similarity of the two shingle sets (±0.04
at 0.8), reaches the threshold. Estimates within reach of the threshold are
checked with the exact Jaccard similarity of the two texts' shingles, when
the texts can be fetched (``load_corpus`` has them in memory; the streaming
pipeline reads back just those articles). The earliest-published copy (then
the first loaded) is the original; every other copy points to it.
"""
from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

_WORD_RE = re.compile(r"\w+")
NUM_PERM = 128
BANDS = 20  # of 6 rows: pairs at 0.8 similarity share a band with probability 0.998
ROWS = 6
CHECK_BELOW, CHECK_ABOVE = 0.15, 0.1  # estimates this close to the threshold are checked on the texts
SHINGLE = 5
_RNG = np.random.default_rng(20230301)
# Multiply-shift hashing: h(x) = (a * x + b) mod 2**64, top 32 bits; a odd. No division, so it is fast.
_A = _RNG.integers(0, 2**63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _RNG.integers(0, 2**63, NUM_PERM, dtype=np.uint64)


def shingles(text: str) -> tuple[list[str], np.ndarray]:
    """The lower-cased words of a text and the distinct hashes of its word 5-shingles."""
    words = _WORD_RE.findall(text.lower())
    if len(words) < SHINGLE:
        return words, np.empty(0, dtype=np.uint64)
    hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    count = len(words) - SHINGLE + 1
    combined = np.zeros(count, dtype=np.uint64)
    for k in range(SHINGLE):  # a polynomial hash of five consecutive word hashes (wraps modulo 2**64)
        combined = combined * np.uint64(1_000_003) + hashes[k:k + count]
    return words, np.unique(combined)


def jaccard(a: str, b: str) -> float:
    """The exact Jaccard similarity of two texts' word 5-shingles."""
    _, x = shingles(a)
    _, y = shingles(b)
    union = len(np.union1d(x, y))
    return len(np.intersect1d(x, y, assume_unique=True)) / union if union else 0.0


def signature(text: str) -> tuple[int, np.ndarray | None]:
    """``(exact hash, MinHash)`` of a text; the MinHash is None for texts under five words."""
    words, hashed = shingles(text)
    exact = int.from_bytes(hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest(), "little", signed=True)
    if len(words) < SHINGLE:
        return exact, None
    minhash = ((np.outer(hashed, _A) + _B) >> np.uint64(32)).min(axis=0).astype(np.uint32)
    return exact, minhash


class DuplicateIndex:
    """Collects signatures (in load order) in compact arrays and finds the duplicates among them."""

    def __init__(self):
        self.ids: list[str] = []
        self.published: list = []
        self._exact = np.zeros(1024, dtype=np.int64)
        self._minhash = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self._has_minhash = np.zeros(1024, dtype=bool)

    def add(self, article_id: str, text: str, published=None) -> None:
        exact, minhash = signature(text)
        self.add_signature(article_id, exact, minhash, published)

    def add_signature(self, article_id: str, exact: int, minhash: np.ndarray | None, published=None) -> None:
        n = len(self.ids)
        if n == len(self._exact):  # grow geometrically: amortised O(1), no object per article
            self._exact = np.resize(self._exact, 2 * n)
            self._minhash = np.resize(self._minhash, (2 * n, NUM_PERM))
            self._has_minhash = np.resize(self._has_minhash, 2 * n)
        self.ids.append(article_id)
        self.published.append(published)
        self._exact[n] = exact
        self._has_minhash[n] = minhash is not None
        if minhash is not None:
            self._minhash[n] = minhash

    def duplicates(self, *, threshold: float = 0.8, fetch=None) -> dict[str, tuple[str, float]]:
        """Map each duplicate's id to ``(id of the original, similarity)``; 1.0 for identical words.

        ``fetch`` (ids -> {id: text}) lets estimates near the threshold be checked exactly.
        """
        n = len(self.ids)
        if n < 2:
            return {}
        rank = _order(self.published)
        found: dict[int, tuple[int, float]] = {}
        for group in _groups(self._exact[:n]):
            first = min(group, key=rank.__getitem__)
            for member in group:
                if member != first:
                    found[member] = (first, 1.0)
        signatures = self._minhash[:n]
        usable = self._has_minhash[:n].copy()
        usable[list(found)] = False
        pairs = _candidate_pairs(signatures, usable)
        if len(pairs):
            similarity = (signatures[pairs[:, 0]] == signatures[pairs[:, 1]]).mean(axis=1)
            keep = similarity >= threshold - CHECK_BELOW
            pairs, similarity = pairs[keep], similarity[keep]
            if fetch is not None:
                similarity = self._check(pairs, similarity, threshold, fetch)
            keep = similarity >= threshold
            pairs, similarity = pairs[keep], similarity[keep]
            early = np.where(rank[pairs[:, 0]] <= rank[pairs[:, 1]], pairs[:, 0], pairs[:, 1])
            late = np.where(early == pairs[:, 0], pairs[:, 1], pairs[:, 0])
            for k in np.lexsort((rank[early], rank[late])):
                a, b = int(early[k]), int(late[k])
                if b not in found and a not in found:
                    found[b] = (a, round(float(similarity[k]), 3))
        return {self.ids[b]: (self.ids[a], s) for b, (a, s) in found.items()}

    def _check(self, pairs: np.ndarray, similarity: np.ndarray, threshold: float, fetch) -> np.ndarray:
        unsure = np.flatnonzero(similarity < threshold + CHECK_ABOVE)
        if not len(unsure):
            return similarity
        needed = sorted({self.ids[i] for k in unsure for i in pairs[k]})
        texts = fetch(needed)
        similarity = similarity.astype(float)
        for k in unsure:
            a, b = (self.ids[i] for i in pairs[k])
            if a in texts and b in texts:
                similarity[k] = jaccard(texts[a], texts[b])
        return similarity


def find_duplicates(ids: list[str], texts: list[str], *, threshold: float = 0.8,
                    published: list | None = None) -> dict[str, tuple[str, float]]:
    """Map each duplicate's id to ``(id of the original, similarity)``.

    The original is the earliest in ``published`` (missing dates last), then in ``ids`` order.
    """
    index = DuplicateIndex()
    for k, (article_id, text) in enumerate(zip(ids, texts)):
        index.add(article_id, text, published[k] if published is not None else None)
    by_id = dict(zip(ids, texts))
    return index.duplicates(threshold=threshold, fetch=lambda wanted: {i: by_id[i] for i in wanted})


def _order(published: list) -> np.ndarray:
    """Rank of each article: by publication date (missing last), then load order."""
    keys = [(0, p, i) if p is not None and p == p else (1, 0, i) for i, p in enumerate(published)]
    try:
        ordered = sorted(range(len(keys)), key=keys.__getitem__)
    except TypeError:  # dates of mixed types: load order only
        ordered = list(range(len(keys)))
    rank = np.empty(len(keys), dtype=np.int64)
    rank[ordered] = np.arange(len(keys))
    return rank


def _groups(values: np.ndarray) -> list[list[int]]:
    """Positions of equal values, for the values that occur more than once."""
    order = np.argsort(values, kind="stable")
    sorted_values = values[order]
    starts = np.concatenate(([0], np.flatnonzero(sorted_values[1:] != sorted_values[:-1]) + 1))
    sizes = np.diff(np.concatenate((starts, [len(values)])))
    return [order[start:start + size].tolist() for start, size in zip(starts[sizes > 1], sizes[sizes > 1])]


def _candidate_pairs(signatures: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """Pairs of row numbers that share at least one LSH band, as an (m, 2) array."""
    index = np.flatnonzero(usable)
    pairs = []
    mix = np.array([0x9E3779B97F4A7C15 >> k for k in range(ROWS)], dtype=np.uint64)
    for band in range(BANDS):
        block = signatures[index, band * ROWS:(band + 1) * ROWS].astype(np.uint64)
        keys = (block * mix).sum(axis=1) + block[:, 0]  # wraps modulo 2**64: a hash of the band
        for group in _groups(keys.view(np.int64)):
            members = index[group]
            if len(members) > 200:  # a run of near-identical texts: pair each with the first few only
                members = members[:200]
            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    pairs.append((members[i], members[j]))
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    return np.unique(np.array(pairs, dtype=np.int64), axis=0)
