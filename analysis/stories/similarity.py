"""Same fact or not: how close two sentences come to stating the same thing, and where they contradict.

:func:`compare_sentences` compares pairs of sentences; :func:`similarity` compares two read
:class:`~analysis.stories.statements.Statement`\\s (read each sentence once when it is compared with many).

The similarity is ``sigmoid(bias + w_f·F + w_min·min(P, R) + w_bi·B − penalties)``:

- **P** and **R**: the share of each sentence's weighed content (words and quantities) that the other states
  too. A word matches its synonyms; the rest of a name matches in part ("Mattis" against "Jim Mattis"), as does a
  word sharing its first five letters ("attack", "attacked"); a quantity matches the same quantity written
  another way ("5%", "5 per cent", "five percent"), within 12% when either is approximate, or when the rounder
  one stands for the finer ("2.4m" for "2,412,000"). **F** is their harmonic mean, **B** the share of word pairs
  in the same order;
- **penalties**, each subtracted when its test fires: a different quantity of the same kind (``number``); one
  sentence says up where the other says down (``direction``); an antonym pair split between them (``antonym``);
  a word one negates and the other states (``negation``; a weak penalty when only one sentence holds a negation
  at all, ``negation cue``); two names that trade the words beside them (``roles``: "A beat B" and "B beat A");
  different times of the same kind (``time``: Tuesday against Wednesday, 2023 against 2024).

The weights (``data/same_fact_model.json``) are a logistic regression fitted by ``bench/fit/same_fact.py``: the
word-overlap weights, held at zero or above, on sentence pairs of multi-outlet stories; the penalties on those and
on pairs written as near-copies with one change. Two sentences state the same fact when their similarity is at
least the fitted ``same_at``, the threshold of best mean accuracy over pairs from one story (weighed to two in
three the same) and pairs written as near-copies. Known weaknesses (``docs/stories.md``): a second claim added to the same
words is seldom caught; a role swap between common nouns ("the ferry operator", "the coast guard") is not; a
converted unit or currency is never a contradiction, nor a match.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.errors import OptionError
from analysis.paths import DATA_DIR
from analysis.stories.lexicon import fact_words
from analysis.stories.quantities import Quantity
from analysis.stories.statements import NUMBER_WEIGHT, PREFIX, Statement, statement

SAME_FACT_MODEL_JSON = DATA_DIR / "same_fact_model.json"
NAME_PART_CREDIT = 0.8  # the unmatched part of a matched name counts this much as matched
PREFIX_CREDIT = 0.5  # an unmatched word sharing its prefix with a word of the other sentence
APPROXIMATE = 0.12  # "almost 9,000", "more than 200": relative tolerance
ROUNDING = 0.1  # a number given to within 10% of its value may stand for a finer one
SWAP_EACH, SWAP_TOTAL = 2, 4  # a role swap: each name takes 2 words beside the other, or 4 in all
PENALTIES = ("number", "direction", "antonym", "negation", "negation_cue", "roles", "time")


@dataclass(frozen=True)
class Model:
    """The fitted weights (``data/same_fact_model.json``)."""

    bias: float
    overlap: dict[str, float]  # f, min, bigram
    penalty: dict[str, float]
    same_at: float


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(SAME_FACT_MODEL_JSON.read_text(encoding="utf-8"))
    return Model(data["bias"], data["overlap"], data["penalty"], data["same_at"])


def compare_sentences(left, right) -> pd.DataFrame:
    """Compare two equal-length sequences of sentences, pair by pair: one row per pair, with ``similarity`` in
    [0, 1] and ``same`` (whether the two state the same fact: ``similarity >= model().same_at``), and the ``left`` and
    ``right`` sentences."""
    left, right = list(left), list(right)
    if len(left) != len(right):
        raise OptionError(f"compare_sentences needs two sequences of the same length, not {len(left):,} and "
                          f"{len(right):,} sentences")
    read: dict[str, Statement] = {}
    scores = []
    for a, b in zip(left, right):
        for sentence in (a, b):
            if not isinstance(sentence, str):
                raise OptionError(f"compare_sentences compares sentences (text), not {type(sentence).__name__}")
            if sentence not in read:
                read[sentence] = statement(sentence)
        scores.append(similarity(read[a], read[b]))
    threshold = model().same_at
    return pd.DataFrame({"left": left, "right": right, "similarity": scores,
                         "same": [score >= threshold for score in scores]})


def similarity(a: Statement, b: Statement) -> float:
    """How close two statements come to stating the same fact, from 0 to 1 (module docstring)."""
    return _sigmoid(_overlap_score(overlap(a, b)) - _penalty(contradictions(a, b)))


def similarity_reaching(a: Statement, b: Statement, threshold: float) -> float | None:
    """``similarity(a, b)`` when it is at least ``threshold``, else None. The contradictions, which can only
    lower the score, are tested only when the overlap alone reaches the threshold: the same answer as
    :func:`similarity`, for a fraction of the cost when most pairs compared state different facts. (A refit
    that gave a contradiction a negative weight would raise the score: then every pair is scored in full.)"""
    z = _overlap_score(overlap(a, b))
    if _sigmoid(z) < threshold and min(model().penalty.values(), default=0.0) >= 0:
        return None
    score = _sigmoid(z - _penalty(contradictions(a, b)))
    return score if score >= threshold else None


def same_fact(a: Statement, b: Statement) -> bool:
    """Whether two statements state the same fact (``similarity >= model().same_at``)."""
    return similarity(a, b) >= model().same_at


def features(a: Statement, b: Statement) -> dict:
    """What :func:`similarity` weighs: the overlap measures (``p``, ``r``, ``f``, ``min``, ``bigram``) and the
    contradictions (``PENALTIES``, True or False)."""
    return {**overlap(a, b), **contradictions(a, b)}


def overlap(a: Statement, b: Statement) -> dict:
    """The overlap measures of :func:`features`: ``p``, ``r``, ``f``, ``min`` and ``bigram``."""
    shared = _shared_words(a, b) + _shared_words(b, a, counted=a)
    if a.quantities and b.quantities:
        shared += NUMBER_WEIGHT * quantity_agreement(a, b)[0]
    p = min(1.0, shared / a.total) if a.total else 0.0
    r = min(1.0, shared / b.total) if b.total else 0.0
    smaller = min(len(a.bigrams), len(b.bigrams))
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "min": min(p, r),
            "bigram": len(a.bigrams & b.bigrams) / smaller if smaller else 0.0}


def contradictions(a: Statement, b: Statement) -> dict:
    """The contradictions of :func:`features` (``PENALTIES``), each True or False."""
    cue = (a.negations > 0) != (b.negations > 0)
    return {
        "number": bool(a.quantities and b.quantities and quantity_agreement(a, b)[1]),
        "direction": (a.directions[0] > b.directions[0] and b.directions[1] > a.directions[1])
        or (a.directions[1] > b.directions[1] and b.directions[0] > a.directions[0]),
        "antonym": not cue and _split_antonym(a, b),
        "negation": cue and (_negates(a, b) or _negates(b, a)),
        "negation_cue": cue,
        "roles": _roles_swapped(a, b),
        "time": _times_differ(a, b),
    }


def _overlap_score(found: dict) -> float:
    fitted = model()
    return fitted.bias + sum(fitted.overlap[name] * found[name] for name in fitted.overlap)


def _penalty(found: dict) -> float:
    return sum(model().penalty[name] for name in PENALTIES if found[name])


def _sigmoid(z: float) -> float:
    return 0.0 if z < -30 else 1.0 / (1.0 + math.exp(-z))


def _shared_words(a: Statement, b: Statement, counted: Statement | None = None) -> float:
    """The weight of ``a``'s words that ``b`` states (each once: when ``counted`` is given, words it already
    matched are skipped), with part credit for name parts and shared prefixes."""
    total = 0.0
    theirs, names, prefixes, recount = b.weights, a.names, b.prefixes, counted is None
    for word, weight in a.weights.items():
        if word in theirs:
            if recount:
                total += weight
        elif (name := names.get(word)) is not None and not name.isdisjoint(theirs):
            total += 0.5 * NAME_PART_CREDIT * weight
        elif len(word) >= PREFIX and word[:PREFIX] in prefixes:
            total += 0.5 * PREFIX_CREDIT * weight
    return total


def quantity_agreement(a: Statement, b: Statement) -> tuple[int, bool]:
    """``(how many of a's quantities b states too, whether they contradict)``: they contradict when each holds a
    quantity the other lacks, of the same kind and unit (a percent against a percent, dollars against dollars)."""
    unmatched_a = [x for x in a.quantities if round(x.value, 6) not in b.values
                   and not any(same_quantity(x, y) for y in b.quantities)]
    unmatched_b = [y for y in b.quantities if round(y.value, 6) not in a.values
                   and not any(same_quantity(x, y) for x in a.quantities)]
    contradiction = any(comparable(x, y) for x in unmatched_a for y in unmatched_b)
    return len(a.quantities) - len(unmatched_a), contradiction


def same_quantity(x: Quantity, y: Quantity) -> bool:
    """Whether two quantities may be the same number (exactly, approximately, or one rounded)."""
    for u in x.values:
        for v in y.values:
            gap, size = abs(u - v), max(abs(u), abs(v))
            if gap <= 1e-9 * max(1.0, size):
                return True
            if (x.approximate or y.approximate) and gap <= APPROXIMATE * size:
                return True
            if u is x.values[0] and v is y.values[0]:
                step = max(x.resolution, y.resolution)
                coarse = u if x.resolution >= y.resolution else v
                if coarse and step / abs(coarse) <= ROUNDING and gap <= 0.5 * step + 1e-9:
                    return True
    return False


def comparable(x: Quantity, y: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing, so that different values contradict."""
    if "one" in (x.kind, y.kind) or x.kind != y.kind:
        return False
    return x.unit == y.unit if x.kind in ("money", "measure", "duration") else True


def _split_antonym(a: Statement, b: Statement) -> bool:
    opposites = fact_words().opposites
    return any(y in b.opposites and y not in a.opposites
               for x in a.opposites if x not in b.opposites for y in opposites[x])


def _negates(a: Statement, b: Statement) -> bool:
    """A word ``a`` negates that ``b`` states without negating it."""
    return any(word in b.affirmed and word not in b.negated for word in a.negated)


def _roles_swapped(a: Statement, b: Statement) -> bool:
    shared = [name for name in a.roles if name in b.roles]
    for i, first in enumerate(shared):
        for second in shared[i + 1:]:
            crossed_1 = len(a.roles[first] & b.roles[second])
            crossed_2 = len(a.roles[second] & b.roles[first])
            kept = len(a.roles[first] & b.roles[first]) + len(a.roles[second] & b.roles[second])
            if crossed_1 and crossed_2 and crossed_1 + crossed_2 > kept and \
                    (min(crossed_1, crossed_2) >= SWAP_EACH or crossed_1 + crossed_2 >= SWAP_TOTAL):
                return True
    return False


def _times_differ(a: Statement, b: Statement) -> bool:
    return any(category in b.times and not (values & b.times[category]) for category, values in a.times.items())
