"""Lemmas: a word's dictionary form ("rose" → "rise", "talks" → "talk"), the one way PressLens finds them.

simplemma's English lemmas, which need no downloaded model. A word simplemma does not know comes back as it is
written; a name may come back capitalised ("obama" → "Obama"), so callers that compare words lower-case the
result. Look-ups are memoised: news repeats its words.
"""
from __future__ import annotations

from functools import lru_cache

import simplemma


@lru_cache(maxsize=1 << 18)
def lemma(word: str) -> str:
    """The English lemma of a normalised word (as :func:`analysis.text.tokens.normalise` gives it)."""
    return simplemma.lemmatize(word, lang="en")
