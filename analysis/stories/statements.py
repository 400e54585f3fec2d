"""A sentence read as a statement of fact, once, so that it can be compared with many others quickly.

:func:`statement` reads a sentence into a :class:`Statement`:

- **content words**, each as its lemma mapped to its synonym group ("climbed" and "rose" are one word), weighed
  by how rare it is in English (``data/word_weights.txt``); function words, honorifics and reporting verbs ("said",
  "according") are left out, since who said it is not what was said;
- **quantities** and **times** (:mod:`analysis.stories.quantities`);
- **names**: runs of capitalised words, so that "Mattis" can match "Jim Mattis";
- **negation**: each negation cue ("not", "n't", "never", "failed to") with the content word it negates;
- **direction**: how many words of a rise and of a fall it holds; the words of antonym pairs it holds;
- **roles**: for each name, the content words on either side of it, so that a swap ("A beat B" against "B beat
  A") can be seen.

A dateline at the start ("OSLO —", "WASHINGTON, March 4 (Meridian) -") is not part of the statement.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.stories.lexicon import FactWords, fact_words
from analysis.stories.quantities import Piece, Quantity, pieces, read_quantities
from analysis.stories.terms import word_weights
from analysis.text.lemmas import lemma

NUMBER_WEIGHT = 9.0  # a quantity weighs as much as a rare word in the overlap
PREFIX = 5  # words sharing their first five letters match in part ("attack", "attacked")
NEGATION_WINDOW = 4  # words after a negation cue searched for the word it negates
NEGATING_VERBS = frozenset({"fail", "refuse"})  # "failed to show" = "did not show"
ROLE_WORDS = 2  # content words on each side of a name that stand for its role
RELATIVE_TIMES = {"next": "next", "last": "last", "this": "this", "previous": "last", "coming": "next"}
QUANTITY = "\x00#"  # stands for a quantity in the sequence of content words
_DATELINE_RE = re.compile(r"^\s*[A-Z][A-Z .'\-]{2,}(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*(?:\([A-Za-z ]+\))?"
                          r"\s*[\-\u2014\u2013]+\s+")


@dataclass
class Statement:
    """A sentence read for comparison (module docstring). Compare two with
    :func:`analysis.stories.similarity.similarity`."""

    text: str
    weights: dict[str, float] = field(default_factory=dict)  # content word -> weight
    total: float = 0.0  # the weight of everything it states: its words and quantities
    bigrams: frozenset = frozenset()
    quantities: tuple[Quantity, ...] = ()
    values: frozenset = frozenset()  # the quantities' values, rounded
    names: dict[str, frozenset] = field(default_factory=dict)  # word -> the words of its multi-word name
    prefixes: frozenset = frozenset()
    times: dict[str, frozenset] = field(default_factory=dict)
    negated: frozenset = frozenset()  # negated words and their prefixes
    negations: int = 0
    affirmed: frozenset = frozenset()  # content words not negated
    directions: tuple[int, int] = (0, 0)  # words of a rise, words of a fall
    opposites: frozenset = frozenset()  # words of antonym pairs
    roles: dict[str, set] = field(default_factory=dict)  # name -> "L"/"R" + the content words beside it


def statement(sentence: str) -> Statement:
    """Read a sentence (module docstring)."""
    words = fact_words()
    text = _DATELINE_RE.sub("", sentence if isinstance(sentence, str) else "", count=1)
    parts = pieces(text)
    low = [_low(part) for part in parts]
    quantities, times, taken = read_quantities(parts, low, words)
    lemmas = [_lemma(part, word, words) if part.kind == "word" and not done else ""
              for part, word, done in zip(parts, low, taken)]
    read = _WordReader(parts, low, lemmas, taken, words, times)
    read.run()
    _relative_times(low, times)
    negated, negations = _negation(low, lemmas, words)
    weights = read.weights
    found = Statement(text=sentence, weights=weights, quantities=tuple(quantities), negations=negations,
                      directions=(read.up, read.down), opposites=frozenset(read.opposites))
    found.total = sum(weights.values()) + NUMBER_WEIGHT * sum(1 for q in quantities if q.kind != "one")
    found.bigrams = _bigrams(lemmas, taken, weights, words)
    found.values = frozenset(round(q.value, 6) for q in quantities)
    found.names = {word: name for name in read.names if len(name) > 1 for word in name}
    found.prefixes = frozenset(word[:PREFIX] for word in weights if len(word) >= PREFIX)
    found.times = {category: frozenset(values) for category, values in times.items()}
    found.negated = frozenset(negated)
    found.affirmed = frozenset(set(weights) - found.negated)
    found.roles = _roles(parts, low, lemmas, taken, words)
    return found


def _low(part: Piece) -> str:
    if part.kind != "word":
        return ""
    return part.raw.lower().replace("\u2019", "'")


def _lemma(part: Piece, low: str, words: FactWords) -> str:
    raw = part.raw
    if raw.replace(".", "").isupper() and len(raw.replace(".", "")) >= 2:
        return low.replace(".", "")  # an acronym ("FBI", "U.S."), kept as it is
    base = low[:-2] if low.endswith("'s") else low
    return words.forms.get(base) or lemma(base).lower()


class _WordReader:
    """The words pass of :func:`statement`: content words and their weights, names, times given in words,
    direction and antonym words."""

    def __init__(self, parts, low, lemmas, taken, words: FactWords, times):
        self.parts, self.low, self.lemmas, self.taken, self.words, self.times = parts, low, lemmas, taken, words, times
        self.weights: dict[str, float] = {}
        self.names: list[frozenset] = []
        self.opposites: set[str] = set()
        self.up = self.down = 0
        self._name: list[str] = []

    def run(self) -> None:
        first = True
        for i, part in enumerate(self.parts):
            if part.opens:
                self._close_name()
            if self.taken[i] or part.kind != "word":
                self._close_name()
                first = first and part.kind != "word"
                continue
            self._word(i, first)
            first = False
        self._close_name()

    def _word(self, i: int, first: bool) -> None:
        words, word, lem, raw = self.words, self.low[i], self.lemmas[i], self.parts[i].raw
        default_weight = word_weights()[1]
        capital = raw[:1].isupper()
        plain = word not in words.stop and word not in words.not_names
        is_name = capital and plain and (not first and word not in words.times or
                                         first and word not in word_weights()[0])
        if capital and word in words.times and (words.times[word][0] == "weekday" or word not in ("may", "march")
                                                 or i > 0):
            category, value = words.times[word]
            self.times.setdefault(category, set()).add(value)
            self._close_name()
            return
        self.up += lem in words.up or word in words.up
        self.down += lem in words.down or word in words.down
        if lem in words.opposites or word in words.opposites:
            self.opposites.add(lem if lem in words.opposites else word)
        following = self.low[i + 1] if i + 1 < len(self.low) and self.parts[i + 1].kind == "word" else ""
        if following and f"{lem}-{following}" in words.opposites:
            self.opposites.add(f"{lem}-{following}")
        if is_name:
            self._name.append(lem)
        else:
            self._close_name()
        if word in words.stop or lem in words.stop or (len(word) < 2 and not word.isdigit()) or lem in words.reporting:
            return
        key = words.synonym.get(lem, lem)
        if key not in self.weights:  # a synonym group weighs as its first word, whichever member is written
            weights = word_weights()[0]
            self.weights[key] = weights.get(key, weights.get(lem, weights.get(word, default_weight)))

    def _close_name(self) -> None:
        if self._name:
            self.names.append(frozenset(self.words.synonym.get(w, w) for w in self._name))
            self._name = []


def _relative_times(low: list[str], times: dict) -> None:
    """ "next year", "last month", "this week"."""
    for word, unit in zip(low, low[1:]):
        if word in RELATIVE_TIMES and unit in ("year", "month", "week"):
            times.setdefault("relative " + unit, set()).add(RELATIVE_TIMES[word])


def _negation(low: list[str], lemmas: list[str], words: FactWords) -> tuple[set[str], int]:
    """The words negated (each negation cue's first content word within :data:`NEGATION_WINDOW`, with its
    prefix), and how many cues the sentence holds."""
    negated, cues = set(), 0
    for i, word in enumerate(low):
        cue = word in words.negation or word.endswith("n't") or \
            (lemmas[i] in NEGATING_VERBS and i + 1 < len(low) and low[i + 1] == "to")
        if not cue:
            continue
        cues += 1
        for k in range(i + 1, min(len(low), i + 1 + NEGATION_WINDOW)):
            if not low[k] or low[k] in words.skip_after_negation or low[k] in words.negation:
                continue
            if not lemmas[k] or lemmas[k] in words.stop:
                continue
            key = words.synonym.get(lemmas[k], lemmas[k])
            negated.update((key, key[:PREFIX]))
            break
    return negated, cues


def _bigrams(lemmas, taken, weights, words: FactWords) -> frozenset:
    sequence = []
    for lem, done in zip(lemmas, taken):
        if done:
            sequence.append(QUANTITY)
        elif lem and words.synonym.get(lem, lem) in weights:
            sequence.append(words.synonym.get(lem, lem))
    return frozenset(zip(sequence, sequence[1:]))


def _roles(parts, low, lemmas, taken, words: FactWords) -> dict[str, set]:
    """For each name (keyed by its last word), the content words beside it, marked with their side."""
    beside = ["" if not lem or (word in words.stop and lem not in words.reporting) or part.raw[:1].isupper()
              else lem for part, word, lem in zip(parts, low, lemmas)]
    roles: dict[str, set] = {}
    i, n = 0, len(parts)
    while i < n:
        if not _starts_name(parts, low, lemmas, taken, i, words):
            i += 1
            continue
        j = i
        while j + 1 < n and parts[j + 1].kind == "word" and not parts[j + 1].opens and lemmas[j + 1] \
                and parts[j + 1].raw[:1].isupper() and low[j + 1] not in words.not_names:
            j += 1
        context = {"L" + w for w in [w for w in reversed(beside[:i]) if w][:ROLE_WORDS]}
        context |= {"R" + w for w in [w for w in beside[j + 1:] if w][:ROLE_WORDS]}
        roles.setdefault(lemmas[j], set()).update(context)
        i = j + 1
    return roles


def _starts_name(parts, low, lemmas, taken, i, words: FactWords) -> bool:
    return bool(lemmas[i]) and parts[i].raw[:1].isupper() and low[i] not in words.stop \
        and low[i] not in words.not_names and not taken[i] and low[i] not in words.times \
        and (i > 0 or low[i] not in word_weights()[0])
