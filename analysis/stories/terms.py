"""What an article is about, as weighted terms: the content words and names that stories are grouped by.

An article's terms are the lemmas of its content words (the one tokenizer's words, less the news stop words and
numbers), with the words of its title counted twice, and its multi-word names ("Harlan Briggs", "Bank of
England") as terms of their own. Each term is weighed by how rare it is in general English (:func:`rarity`, from
``data/word_weights.txt``): "said" and "people" say little about which story an article tells, "Lukashenko" and
"derailment" a lot. Only an article's :data:`KEEP_TERMS` heaviest terms are kept, so an article's terms take the
same small space however long it is, and the terms of a whole corpus can be held while stories are grouped.
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from analysis.paths import DATA_DIR
from analysis.resources.wordlists import read_entries
from analysis.text.lemmas import lemma
from analysis.text.tokens import NEWS_STOP_WORDS, name_spans, scan

WORD_WEIGHTS_TXT = DATA_DIR / "word_weights.txt"
KEEP_TERMS = 40  # an article's heaviest terms kept for grouping
TITLE_WEIGHT = 2.0  # a title's words count this many times
NAME_WEIGHT = 1.5  # a multi-word name counts this much more than a word
MIN_LENGTH = 2


@lru_cache(maxsize=1)
def word_weights() -> tuple[dict[str, float], float]:
    """``({word: weight}, weight of an unlisted word)`` from ``data/word_weights.txt``."""
    weights, default = {}, 0.0
    for entry in read_entries(WORD_WEIGHTS_TXT):
        word, _, value = entry.partition("\t")
        if word == "*":
            default = float(value)
        else:
            weights[word] = float(value)
    return weights, default


def rarity(term: str) -> float:
    """How rare a term is in general English, from 0 (the commonest words) to 1 (words the list does not hold,
    and names)."""
    if " " in term:
        return 1.0
    weights, default = word_weights()
    return min(1.0, weights.get(term, default) / default)


def content_terms(text: str) -> Counter:
    """The lemmas of a text's content words, and its multi-word names, with their counts."""
    counts: Counter = Counter()
    for chunk in scan(text or ""):
        for token in chunk:
            if token.number or len(token.norm) < MIN_LENGTH or token.norm in NEWS_STOP_WORDS:
                continue
            counts[lemma(token.norm)] += 1
        for first, stop in name_spans(chunk):
            counts[" ".join(t.norm for t in chunk[first:stop])] += NAME_WEIGHT
    return counts


def article_terms(text: str, title: str | None = None) -> dict[str, float]:
    """An article's :data:`KEEP_TERMS` heaviest terms, ``{term: dampened count}``: ``1 + log(count)``, title
    words counted twice, ranked by that times the term's :func:`rarity`."""
    counts = content_terms(text)
    if isinstance(title, str) and title.strip():
        for term, n in content_terms(title).items():
            counts[term] += TITLE_WEIGHT * n
    dampened = {term: 1.0 + math.log(n) for term, n in counts.items() if n >= 1}
    heaviest = sorted(dampened, key=lambda term: (-dampened[term] * rarity(term), term))[:KEEP_TERMS]
    return {term: dampened[term] for term in heaviest}
