"""The word lists of same-fact comparison (``data/facts/*.txt``), read once.

Each file explains its entries in its header. In short: ``synonyms`` (groups of words that state the same thing,
the first word standing for the group), ``antonyms`` (pairs that state opposite things: accept/reject), the
words of a rise and of a fall (``direction_up``, ``direction_down``), negation cues and the words skipped after
one, reporting verbs (kept out of the overlap: who said it is not what was said), words that make a number
approximate ("almost", "more than"), units and currencies after a number, and the names of days and months.
The words compared are the content words: the one list of function words (:data:`analysis.text.tokens.
FUNCTION_WORDS`) and honorifics are left out, except the function words that carry a fact's meaning ("above",
"fewer", "without": ``kept_function_words``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.paths import DATA_DIR
from analysis.resources.wordlists import read_entries
from analysis.text.tokens import FUNCTION_WORDS, HONORIFICS

FACTS_DIR = DATA_DIR / "facts"
UNIT_KINDS = {"pct": "pct", "pp": "pp", "money": "money", "meas": "measure", "dur": "duration"}  # units.txt's names


@dataclass(frozen=True)
class FactWords:
    """The word lists, as look-up tables."""

    stop: frozenset[str]
    synonym: dict[str, str]  # word -> the first word of its group
    opposites: dict[str, frozenset[str]]
    up: frozenset[str]
    down: frozenset[str]
    negation: frozenset[str]
    skip_after_negation: frozenset[str]
    reporting: frozenset[str]
    approximate: frozenset[str]  # one word
    approximate_pairs: frozenset[tuple[str, str]]  # two words ("more than")
    units: dict[str, tuple[str, str, float]]  # word -> (kind, unit, multiplier)
    times: dict[str, tuple[str, str]]  # word -> (category, value): "march" -> ("month", "3")
    forms: dict[str, str]  # word form -> lemma, before simplemma ("rose" -> "rise")
    not_names: frozenset[str]  # capitalised words no part of a name ("Gov.", "The")


def _words(name: str) -> list[str]:
    return [word for entry in read_entries(FACTS_DIR / f"{name}.txt") for word in entry.split()]


def _columns(name: str) -> list[list[str]]:
    return [entry.split("\t") for entry in read_entries(FACTS_DIR / f"{name}.txt")]


@lru_cache(maxsize=1)
def fact_words() -> FactWords:
    """The lists of ``data/facts/``."""
    synonym = {}
    for entry in read_entries(FACTS_DIR / "synonyms.txt"):
        group = entry.split()
        for word in group:
            synonym.setdefault(word, group[0])
    opposites: dict[str, set[str]] = {}
    for a, b in _columns("antonyms"):
        opposites.setdefault(a, set()).add(b)
        opposites.setdefault(b, set()).add(a)
    approximate = [entry.split() for entry in read_entries(FACTS_DIR / "approximate.txt")]
    stop = (FUNCTION_WORDS - set(_words("kept_function_words"))) | HONORIFICS | set(_words("extra_stop_words"))
    return FactWords(
        stop=frozenset(stop),
        synonym=synonym,
        opposites={word: frozenset(found) for word, found in opposites.items()},
        up=frozenset(_words("direction_up")),
        down=frozenset(_words("direction_down")),
        negation=frozenset(_words("negation")),
        skip_after_negation=frozenset(_words("skip_after_negation")),
        reporting=frozenset(_words("reporting")),
        approximate=frozenset(words[0] for words in approximate if len(words) == 1),
        approximate_pairs=frozenset(tuple(words) for words in approximate if len(words) == 2),
        units={row[0]: (UNIT_KINDS[row[1]], row[2], float(row[3]) if len(row) > 3 else 1.0) for row in _columns("units")},
        times={row[0]: (row[1], row[2]) for row in _columns("time_words")},
        forms={row[0]: row[1] for row in _columns("forms")},
        not_names=frozenset(_words("not_names")),
    )
