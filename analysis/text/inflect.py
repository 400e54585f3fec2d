"""Counts written as words: ``1 article``, ``2 articles``, ``1,250 articles``.

Messages, summaries and the pages all write counts this way (:func:`analysis.report.prose.count` adds a
no-break space for the pages).
"""
from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1,250 articles``."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"
