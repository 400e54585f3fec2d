"""Template lines: short lines a source repeats across its articles, counted over the whole corpus.

A site's template lines ("Follow us on …", a fixed disclaimer) recur in many of its articles, while a wire
story's sentences recur across sources and are left alone: so lines are counted per source (the manifest's
source, else a source column, else the outlet's folder). A line is a template line of its source when it
occurs in at least ``MIN_ARTICLES`` of the source's articles and in at least ``MIN_SHARE`` of them, counting
the lines :func:`analysis.corpus.clean.line_keys` gives (see :func:`analysis.corpus.clean.repeated_lines`, which applies the
same rule to one list of texts).

The count must see the whole corpus before any article is cleaned, and a corpus may hold millions of
articles. So each (source, line) pair is kept as a 64-bit hash, in one of ``PARTITIONS`` partitions (in
memory, or in files when a folder is given); the counts are made one partition at a time, so memory holds
one partition, not the corpus. What comes out is the small set of hashes that are template lines.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from analysis.corpus.clean import TEMPLATE_MIN_ARTICLES as MIN_ARTICLES
from analysis.corpus.clean import TEMPLATE_MIN_SHARE as MIN_SHARE
from analysis.corpus.clean import line_keys

PARTITIONS = 16


def pair_hash(group: str, key: str) -> int:
    """A stable 64-bit hash of one (source, line key) pair (Python's ``hash`` differs between processes)."""
    digest = hashlib.blake2b(f"{group}\0{key}".encode("utf-8", "replace"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def text_hashes(group: str, text: str) -> np.ndarray:
    """The pair hashes of one article's countable lines."""
    return np.array([pair_hash(group, k) for k in line_keys(text)], dtype=np.uint64)


def repeated_keys(group: str, text: str, templates: dict[str, frozenset[int]]) -> frozenset[str]:
    """The line keys of ``text`` that are template lines of ``group``, for :func:`analysis.corpus.clean.clean_text`.

    ``templates`` maps each source with template lines to their hashes (:meth:`TemplateCounter.templates`)."""
    found = templates.get(group)
    if not found:
        return frozenset()
    return frozenset(k for k in line_keys(text) if pair_hash(group, k) in found)


class TemplateCounter:
    """Counts, per source, in how many articles each short line occurs; then names the template lines.

    ``add(group, hashes)`` takes one article's :func:`text_hashes`; ``templates()`` returns the hashes that
    are template lines. With ``folder``, the hashes wait in files there instead of in memory.
    """

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else None
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
        self.groups: dict[str, int] = {}
        self.articles: list[int] = []  # articles per group
        self._memory: list[list[np.ndarray]] = [[] for _ in range(PARTITIONS)]

    def add(self, group: str, hashes: np.ndarray) -> None:
        self.add_many([group], [hashes])

    def add_many(self, groups: list[str], hashes: list[np.ndarray]) -> None:
        """Several articles' hashes at once (one chunk's worth: fewer, larger writes)."""
        indexes = []
        for group, found in zip(groups, hashes):
            index = self.groups.setdefault(group, len(self.groups))
            if index == len(self.articles):
                self.articles.append(0)
            self.articles[index] += 1
            indexes.append(np.full(len(found), index, dtype=np.uint64))
        if hashes and sum(len(h) for h in hashes):
            self._store(np.column_stack([np.concatenate(hashes), np.concatenate(indexes)]))

    def templates(self) -> dict[str, frozenset[int]]:
        """Each source that has template lines, with their pair hashes."""
        floors = np.array([max(MIN_ARTICLES, MIN_SHARE * n) if n >= MIN_ARTICLES else np.inf
                           for n in self.articles])
        names = list(self.groups)
        found: dict[str, set[int]] = {}
        for part in range(PARTITIONS):
            pairs = self._load(part)
            if not len(pairs):
                continue
            values, first, counts = np.unique(pairs[:, 0], return_index=True, return_counts=True)
            groups = pairs[first, 1].astype(np.int64)
            keep = counts >= floors[groups]
            for value, group in zip(values[keep], groups[keep]):
                found.setdefault(names[group], set()).add(int(value))
        return {group: frozenset(hashes) for group, hashes in found.items()}

    def _store(self, pairs: np.ndarray) -> None:
        parts = (pairs[:, 0] >> np.uint64(60)).astype(np.int64)  # the top 4 bits pick the partition
        for part in np.unique(parts):
            block = pairs[parts == part]
            if self.folder is None:
                self._memory[part].append(block)
            else:
                with open(self.folder / f"part{part:02d}.bin", "ab") as handle:
                    handle.write(np.ascontiguousarray(block).tobytes())

    def _load(self, part: int) -> np.ndarray:
        if self.folder is None:
            blocks = self._memory[part]
            return np.concatenate(blocks) if blocks else np.empty((0, 2), dtype=np.uint64)
        path = self.folder / f"part{part:02d}.bin"
        if not path.exists():
            return np.empty((0, 2), dtype=np.uint64)
        return np.fromfile(path, dtype=np.uint64).reshape(-1, 2)
