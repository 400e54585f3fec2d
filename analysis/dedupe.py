"""Find articles that are the same text under two names, or near-identical copies of one story.

Exact copies are found by hashing the normalised text. Near copies (a wire
story republished with a changed sentence or two) by MinHash over word
5-shingles with locality-sensitive hashing, so the cost grows with the number
of articles, not with its square; every candidate pair is then checked with
the exact Jaccard similarity of the shingles.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict

import numpy as np

_WORD_RE = re.compile(r"\w+")
_MERSENNE = (1 << 61) - 1
_NUM_PERM = 64
_BANDS = 16
SHINGLE = 5


def find_duplicates(ids: list[str], texts: list[str], *, threshold: float = 0.8) -> dict[str, tuple[str, float]]:
    """Map each duplicate's id to ``(id of the first copy, similarity)``.

    The first copy is the earliest in ``ids`` order. ``similarity`` is 1.0 for
    texts whose words are identical, else the Jaccard similarity of their word
    5-shingles (at least ``threshold``).
    """
    duplicates: dict[str, tuple[str, float]] = {}
    first_by_hash: dict[str, str] = {}
    shingles: dict[str, set[int]] = {}
    for article_id, text in zip(ids, texts):
        words = _WORD_RE.findall(text.lower())
        digest = hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()
        if digest in first_by_hash:
            duplicates[article_id] = (first_by_hash[digest], 1.0)
            continue
        first_by_hash[digest] = article_id
        if len(words) >= SHINGLE:
            shingles[article_id] = {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
                                     for i in range(len(words) - SHINGLE + 1)}
    order = {article_id: i for i, article_id in enumerate(ids)}
    for a, b in sorted(_candidates(shingles), key=lambda p: (order[p[1]], order[p[0]])):
        if b in duplicates or a in duplicates:
            continue
        similarity = len(shingles[a] & shingles[b]) / len(shingles[a] | shingles[b])
        if similarity >= threshold:
            duplicates[b] = (a, round(similarity, 3))
    return duplicates


def _candidates(shingles: dict[str, set[int]]) -> set[tuple[str, str]]:
    """Pairs (earlier, later) that share at least one LSH band."""
    rng = np.random.default_rng(20230301)
    a = rng.integers(1, 1 << 32, _NUM_PERM, dtype=np.uint64)  # x * a stays below 2**64
    b = rng.integers(0, 1 << 32, _NUM_PERM, dtype=np.uint64)
    rows = _NUM_PERM // _BANDS
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for article_id, values in shingles.items():
        x = np.fromiter(values, dtype=np.uint64, count=len(values))
        signature = ((np.outer(x, a) + b) % _MERSENNE).min(axis=0)
        for band in range(_BANDS):
            buckets[(band, signature[band * rows:(band + 1) * rows].tobytes())].append(article_id)
    pairs = set()
    for members in buckets.values():
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                pairs.add((first, second))
    return pairs
