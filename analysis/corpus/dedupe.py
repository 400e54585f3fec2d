"""Find articles that are the same text under two names, or near-identical copies of one story.

Each article gets a signature: a hash of its normalised words (for exact
copies) and a MinHash of its word 5-shingles (128 hash functions, for near
copies). Signatures are small (about 0.5 KB an article) and can be collected
chunk by chunk, in memory or in files (:class:`DiskDuplicateIndex`, which the
streaming pipeline uses), so the check streams over corpora of any size. Near copies
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
import json
import re
import zlib
from pathlib import Path

import numpy as np

_WORD_RE = re.compile(r"\w+")
NUM_PERM = 128
MINHASH_BLOCK = 4096  # shingles hashed at a time (4096 x 128 x 8 bytes: 4 MB a temporary)
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
    minhash = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashed), MINHASH_BLOCK):  # in blocks: a whole long text's matrix would take GBs
        block = (np.outer(hashed[start:start + MINHASH_BLOCK], _A) + _B) >> np.uint64(32)
        np.minimum(minhash, block.min(axis=0), out=minhash)
    return exact, minhash.astype(np.uint32)


_NO_DATE = np.iinfo(np.int64).max  # articles without a date rank after all dated ones


def _date_value(published) -> int:
    if published is None or published != published:  # None or NaT
        return _NO_DATE
    try:
        return int(np.datetime64(published, "ns").astype(np.int64))
    except (TypeError, ValueError):
        return _NO_DATE


class DuplicateIndex:
    """Collects signatures (in load order) in compact arrays and finds the duplicates among them.

    Memory: about 0.5 KB an article. :class:`DiskDuplicateIndex` keeps them in files instead.
    """

    def __init__(self):
        self.n = 0
        self._ids: list[str] = []
        self._exact = np.zeros(1024, dtype=np.int64)
        self._dates = np.zeros(1024, dtype=np.int64)
        self._minhash = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self._has_minhash = np.zeros(1024, dtype=bool)

    def add(self, article_id: str, text: str, published=None) -> None:
        exact, minhash = signature(text)
        self.add_signature(article_id, exact, minhash, published)

    def add_signature(self, article_id: str, exact: int, minhash: np.ndarray | None, published=None) -> None:
        n = self.n
        if n == len(self._exact):  # grow geometrically: amortised O(1), no object per article
            self._exact = np.resize(self._exact, 2 * n)
            self._dates = np.resize(self._dates, 2 * n)
            self._minhash = np.resize(self._minhash, (2 * n, NUM_PERM))
            self._has_minhash = np.resize(self._has_minhash, 2 * n)
        self._ids.append(article_id)
        self._exact[n] = exact
        self._dates[n] = _date_value(published)
        self._has_minhash[n] = minhash is not None
        self._minhash[n] = minhash if minhash is not None else 0
        self.n += 1

    # Storage: what duplicates() reads. DiskDuplicateIndex reads the same from files.
    def _exact_values(self) -> np.ndarray:
        return self._exact[:self.n]

    def _date_values(self) -> np.ndarray:
        return self._dates[:self.n]

    def _has_values(self) -> np.ndarray:
        return self._has_minhash[:self.n].copy()

    def _band(self, band: int) -> np.ndarray:
        return _band_keys(self._minhash[:self.n, band * ROWS:(band + 1) * ROWS])

    def _rows(self, rows: np.ndarray) -> np.ndarray:
        return self._minhash[rows]

    def _ids_of(self, rows) -> dict[int, str]:
        return {int(r): self._ids[int(r)] for r in rows}

    def duplicates(self, *, threshold: float = 0.8, fetch=None) -> dict[str, tuple[str, float]]:
        """Map each duplicate's id to ``(id of the original, similarity)``; 1.0 for identical words.

        ``fetch`` (ids -> {id: text}) lets estimates near the threshold be checked exactly.
        """
        found = self.duplicate_rows(threshold=threshold, fetch=fetch)
        ids = self._ids_of({r for pair in found.items() for r in (pair[0], pair[1][0])})
        return {ids[b]: (ids[a], s) for b, (a, s) in found.items()}

    def duplicate_rows(self, *, threshold: float = 0.8, fetch=None) -> dict[int, tuple[int, float]]:
        """Like :meth:`duplicates`, by row number (the order of ``add``)."""
        n = self.n
        if n < 2:
            return {}
        dates = self._date_values()
        rank = np.empty(n, dtype=np.int64)
        rank[np.lexsort((np.arange(n), dates))] = np.arange(n)
        del dates
        found: dict[int, tuple[int, float]] = {}
        for group in _groups(self._exact_values()):
            first = min(group, key=rank.__getitem__)
            for member in group:
                if member != first:
                    found[member] = (first, 1.0)
        usable = self._has_values()
        usable[list(found)] = False
        pairs, similarity = _candidate_pairs(self._band, usable, self._estimate, threshold - CHECK_BELOW)
        if len(pairs):
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
        return found

    def _estimate(self, pairs: np.ndarray) -> np.ndarray:
        """The MinHash estimate of the Jaccard similarity of each pair, a few thousand pairs at a time."""
        out = np.empty(len(pairs))
        for start in range(0, len(pairs), 4096):
            part = pairs[start:start + 4096]
            out[start:start + 4096] = (self._rows(part[:, 0]) == self._rows(part[:, 1])).mean(axis=1)
        return out

    def _check(self, pairs: np.ndarray, similarity: np.ndarray, threshold: float, fetch) -> np.ndarray:
        unsure = np.flatnonzero(similarity < threshold + CHECK_ABOVE)
        if not len(unsure):
            return similarity
        ids = self._ids_of({int(i) for k in unsure for i in pairs[k]})
        texts = fetch(sorted(set(ids.values())))
        similarity = similarity.astype(float)
        for k in unsure:
            a, b = ids[int(pairs[k][0])], ids[int(pairs[k][1])]
            if a in texts and b in texts:
                similarity[k] = jaccard(texts[a], texts[b])
        return similarity


class DiskDuplicateIndex(DuplicateIndex):
    """A :class:`DuplicateIndex` whose signatures live in files under ``folder``, not in memory.

    Each band's keys are kept in a file of their own, so the search reads one band (8 bytes an article)
    at a time, and MinHash rows are read back only for candidate pairs. What stays in memory while adding
    is a buffer of a few thousand rows.
    """

    FLUSH = 4096

    def __init__(self, folder: str | Path):
        super().__init__()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._buffer: list[tuple[str, int, int, np.ndarray | None]] = []

    def add_signature(self, article_id: str, exact: int, minhash: np.ndarray | None, published=None) -> None:
        self._buffer.append((article_id, exact, _date_value(published), minhash))
        self.n += 1
        if len(self._buffer) >= self.FLUSH:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        ids, exact, dates, minhashes = zip(*self._buffer)
        rows = np.vstack([m if m is not None else np.zeros(NUM_PERM, dtype=np.uint32) for m in minhashes])
        with open(self.folder / "ids.txt", "a", encoding="utf-8") as handle:
            handle.writelines(json.dumps(i) + "\n" for i in ids)
        self._append("exact", np.array(exact, dtype=np.int64))
        self._append("dates", np.array(dates, dtype=np.int64))
        self._append("has", np.array([m is not None for m in minhashes], dtype=bool))
        self._append("minhash", rows.astype(np.uint32))
        for band in range(BANDS):
            self._append(f"band{band}", _band_keys(rows[:, band * ROWS:(band + 1) * ROWS]))
        self._buffer = []

    def duplicate_rows(self, *, threshold: float = 0.8, fetch=None) -> dict[int, tuple[int, float]]:
        self.flush()
        return super().duplicate_rows(threshold=threshold, fetch=fetch)

    def _append(self, name: str, values: np.ndarray) -> None:
        with open(self.folder / f"{name}.bin", "ab") as handle:
            handle.write(np.ascontiguousarray(values).tobytes())

    def _read(self, name: str, dtype) -> np.ndarray:
        return np.fromfile(self.folder / f"{name}.bin", dtype=dtype)

    def _exact_values(self) -> np.ndarray:
        return self._read("exact", np.int64)

    def _date_values(self) -> np.ndarray:
        return self._read("dates", np.int64)

    def _has_values(self) -> np.ndarray:
        return self._read("has", bool)

    def _band(self, band: int) -> np.ndarray:
        return self._read(f"band{band}", np.uint64)

    def _rows(self, rows: np.ndarray) -> np.ndarray:
        table = np.memmap(self.folder / "minhash.bin", dtype=np.uint32, mode="r", shape=(self.n, NUM_PERM))
        return np.asarray(table[rows])

    def _ids_of(self, rows) -> dict[int, str]:
        wanted, found = set(int(r) for r in rows), {}
        with open(self.folder / "ids.txt", encoding="utf-8") as handle:
            for row, line in enumerate(handle):
                if row in wanted:
                    found[row] = json.loads(line)
        return found


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


def _groups(values: np.ndarray) -> list[list[int]]:
    """Positions of equal values, for the values that occur more than once."""
    order = np.argsort(values, kind="stable")
    sorted_values = values[order]
    starts = np.concatenate(([0], np.flatnonzero(sorted_values[1:] != sorted_values[:-1]) + 1))
    sizes = np.diff(np.concatenate((starts, [len(values)])))
    return [order[start:start + size].tolist() for start, size in zip(starts[sizes > 1], sizes[sizes > 1])]


def _band_keys(block: np.ndarray) -> np.ndarray:
    """One 64-bit key per row of a band of MinHash values (wraps modulo 2**64: a hash of the band)."""
    block = block.astype(np.uint64)
    mix = np.array([0x9E3779B97F4A7C15 >> k for k in range(block.shape[1])], dtype=np.uint64)
    return (block * mix).sum(axis=1) + block[:, 0]


def _candidate_pairs(band_keys, usable: np.ndarray, estimate, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of row numbers that share an LSH band and whose estimated similarity reaches ``floor``.

    Each band's pairs are estimated and filtered before the next band is read, so memory holds only
    the pairs that pass, however many share a band.
    """
    index = np.flatnonzero(usable)
    kept: dict[tuple[int, int], float] = {}
    for band in range(BANDS):
        keys = band_keys(band)[index]
        band_pairs = []
        for group in _groups(keys.view(np.int64)):
            members = index[group]
            if len(members) > 200:  # a run of near-identical texts: pair each with the first few only
                members = members[:200]
            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    if (members[i], members[j]) not in kept:
                        band_pairs.append((members[i], members[j]))
        if band_pairs:
            pairs = np.unique(np.array(band_pairs, dtype=np.int64), axis=0)
            similarity = estimate(pairs)
            for (a, b), value in zip(pairs[similarity >= floor].tolist(), similarity[similarity >= floor]):
                kept[(a, b)] = float(value)
    if not kept:
        return np.empty((0, 2), dtype=np.int64), np.empty(0)
    return np.array(list(kept), dtype=np.int64), np.array(list(kept.values()))
