"""Lexicon tone scores for each row of text, with the words that drove them.

Two English lexicons score every text:

- **TextBlob** (pattern's lexicon of adjectives, with negation and intensifiers):
  ``polarity`` in [-1.0, 1.0] and ``subjectivity`` in [0.0, 1.0]. These are
  exactly the numbers ``TextBlob(text).sentiment`` gives.
- **VADER** (a lexicon built for social-media text, with rules for negation,
  intensifiers, capitals and "but"): ``vader``, the compound score in
  [-1.0, 1.0]. VADER saturates near ±1 on long texts, so score sentences.

Known weaknesses, which every report repeats: lexicons miss sarcasm and irony;
they read domain senses literally ("hard work", "cold war", "a fierce
defender"); negation is caught only close to its word ("not good", not "I
don't think anyone would call it good"); they are English-only; and on human-
rated news sentences TextBlob tracks people's ratings less closely than VADER.

Both are computed by exact, faster reimplementations (:mod:`analysis.fastblob`,
:mod:`analysis.fastvader`) whose tests prove identical results.

Rows that cannot be scored are flagged, never given a silent 0.0:
``no_text`` (None, NaN, empty), ``non_english`` (the lexicons would see no
words), and ``no_signal`` (text with no sentiment-bearing word in either
lexicon: its 0.0 means "nothing to measure", not "neutral").
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.fastblob import sentiment as _textblob_sentiment

SCORE_COLUMNS = ["polarity", "subjectivity", "vader", "drivers", "n_drivers", "no_signal", "non_english", "no_text"]
_WORD_RE = re.compile(r"[^\W\d_]+")
# The commonest English function words: text of four or more words with none of them is checked further.
_ENGLISH_HINTS = frozenset(
    "the of and to a in is was that for on it with as by at be are he she they this from have has had "
    "not but or an his her their its were will would said says been who which".split())


@lru_cache(maxsize=1)
def _vader():
    from analysis.fastvader import FastVader

    return FastVader()


def score_text(text: str) -> dict:
    """Score one text. Raises ``TypeError`` with a clear message for anything but ``str``."""
    if not isinstance(text, str):
        raise TypeError(f"score_text needs a str, not {type(text).__name__}: {text!r:.60}")
    if not text.strip():
        return _unscored(no_text=True)
    if is_non_english(text):
        return _unscored(non_english=True)
    polarity, subjectivity, assessments = _textblob_sentiment(text)
    vader = _vader().polarity_scores(text)
    return {
        "polarity": polarity,
        "subjectivity": subjectivity,
        "vader": vader["compound"],
        "drivers": format_drivers(assessments),
        "n_drivers": len(assessments),
        "no_signal": not assessments and vader["pos"] == 0 and vader["neg"] == 0,
        "non_english": False,
        "no_text": False,
    }


def score_tone(frame: pd.DataFrame, *, text_col: str = "text") -> pd.DataFrame:
    """A copy of ``frame`` with tone columns for each row's text, scored as one unit.

    Added columns: ``polarity`` and ``subjectivity`` (TextBlob), ``vader``
    (VADER compound), ``drivers`` (the words behind the TextBlob score, e.g.
    ``"not very good (-0.27); warm (+0.60)"``), ``n_drivers``, and the flags
    ``no_signal``, ``non_english`` and ``no_text``. Rows flagged ``non_english``
    or ``no_text`` get NaN scores. Non-string values (numbers, bytes) raise a
    ``TypeError`` naming the row.
    """
    if text_col not in frame.columns:
        raise KeyError(f"score_tone: no column {text_col!r}; the frame has {list(frame.columns)}")
    rows = []
    for index, value in zip(frame.index, frame[text_col]):
        if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
            rows.append(_unscored(no_text=True))
            continue
        if not isinstance(value, str):
            raise TypeError(f"score_tone: row {index!r} of {text_col!r} is {type(value).__name__}, not text")
        rows.append(score_text(value))
    scores = pd.DataFrame(rows, index=frame.index, columns=SCORE_COLUMNS)
    out = frame.drop(columns=[c for c in SCORE_COLUMNS if c in frame.columns]).copy()
    for column in SCORE_COLUMNS:
        out[column] = scores[column]
    return out.astype({"polarity": "float64", "subjectivity": "float64", "vader": "float64",
                       "n_drivers": "int64", "no_signal": "bool", "non_english": "bool", "no_text": "bool"})


def is_non_english(text: str) -> bool:
    """Whether text of four or more words is not English.

    Text with two or more common English function words is English; otherwise
    simplemma's English word list decides (under half the words known: not English).
    """
    if len(_ENGLISH_HINTS.intersection(text.lower().split())) >= 2:  # the quick answer for most sentences
        return False
    words = _WORD_RE.findall(text.lower())
    if len(words) < 4 or sum(w in _ENGLISH_HINTS for w in words) >= 2:
        return False
    import simplemma

    return simplemma.in_target_language(text, lang="en") < 0.5


def format_drivers(assessments) -> str:
    """TextBlob's assessments as ``"word (+0.60); not very good (-0.27)"``, strongest first."""
    ranked = sorted(assessments, key=lambda a: -abs(a[1]))
    return "; ".join(f"{' '.join(words)} ({polarity:+.2f})" for words, polarity, _s, _label in ranked)


def _unscored(*, no_text: bool = False, non_english: bool = False) -> dict:
    return {"polarity": np.nan, "subjectivity": np.nan, "vader": np.nan, "drivers": "", "n_drivers": 0,
            "no_signal": False, "non_english": non_english, "no_text": no_text}
