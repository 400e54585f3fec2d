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

Both are computed by exact, faster reimplementations (:mod:`analysis.scores.fastblob`,
:mod:`analysis.scores.fastvader`) whose tests prove identical results.

Rows that cannot be scored are flagged, never given a silent 0.0:
``no_text`` (None, NaN, empty), ``non_english`` (the lexicons would see no
words), and ``no_signal`` (text with no sentiment-bearing word in either
lexicon: its 0.0 means "nothing to measure", not "neutral").

**Dictionary tone** (``score_tone(..., dictionary=PATH_OR_CODEBOOK)``), as
political communication research measures it with the Lexicoder Sentiment
Dictionary (Young & Soroka 2012) or any dictionary with positive and negative
keys, in any format :mod:`analysis.content.dictionaries` reads. Per row:

- ``dict_positive`` and ``dict_negative``: matches of the positive and negative
  keys (:mod:`analysis.content.matcher`: same words, globs and hyphen rules as topics).
- **Negation, Lexicoder's way**: where the dictionary has ``neg_positive`` and
  ``neg_negative`` keys (negated phrases such as "not good"), a match of
  ``neg_positive`` counts as negative and one of ``neg_negative`` as positive,
  and the positive or negative word inside it is not counted again (the
  longest match wins across keys). **Otherwise a negation window**: a match
  with a negator (:data:`NEGATORS`, or any word ending in "n't") among the
  ``NEGATION_WINDOW`` (3) words before it, in the same clause (punctuation
  ends the window), counts for the opposite pole.
- ``dict_words``: the row's words (:func:`analysis.text.tokens.count_words`).
- ``dict_net`` = (positive − negative) / words: Lexicoder's net tone, as a
  share of words (NaN with no words).
- ``dict_logratio`` = log((positive + 0.5) / (negative + 0.5)) (Proksch et al.
  2019): 0 when balanced or when nothing matched.
- ``dict_matches``: what was counted, e.g. ``"good (+); not good (−); crisis (−)"``.

For an article, sum the counts over its sentences, then apply the formulas
(:func:`article_dictionary_tone`); averaging sentence ratios is a different,
noisier number.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

import numpy as np
import pandas as pd
import simplemma

from analysis.content.dictionaries import Codebook, as_codebook
from analysis.errors import DataFileError
from analysis.scores.fastblob import sentiment as textblob_sentiment
from analysis.scores.fastvader import FastVader
from analysis.text.tokens import FUNCTION_WORDS, count_words

SCORE_COLUMNS = ["textblob", "subjectivity", "vader", "drivers", "n_drivers", "no_signal", "non_english", "no_text"]
DICTIONARY_COLUMNS = ["dict_positive", "dict_negative", "dict_words", "dict_net", "dict_logratio", "dict_matches"]
DICTIONARY_MEASURES = ("dict_net", "dict_logratio")
_WORD_RE = re.compile(r"[^\W\d_]+")
# Function words of three letters or more ("the", "and", "with"): short ones ("a", "no", "do") are words of
# other languages too. Text with two of them is English.
_ENGLISH_HINTS = frozenset(w for w in FUNCTION_WORDS if len(w) >= 3)
NEGATORS = frozenset({"not", "no", "never", "neither", "nor", "none", "nobody", "nothing", "nowhere", "without",
                      "cannot", "hardly", "barely", "scarcely", "rarely", "seldom"})
NEGATION_WINDOW = 3
POLE_NAMES = {
    "positive": ("positive", "pos", "posemo", "emo_pos", "positiv", "positive words", "positive_words"),
    "negative": ("negative", "neg", "negemo", "emo_neg", "negativ", "negative words", "negative_words"),
    "neg_positive": ("neg_positive", "negated_positive", "neg_pos"),
    "neg_negative": ("neg_negative", "negated_negative", "neg_neg"),
}


@lru_cache(maxsize=1)
def vader_analyzer() -> FastVader:
    """The one VADER analyzer of a process (its lexicon loads once)."""
    return FastVader()


def score_text(text: str) -> dict:
    """Score one text. Raises ``TypeError`` with a clear message for anything but ``str``."""
    if not isinstance(text, str):
        raise TypeError(f"score_text needs a str, not {type(text).__name__}: {text!r:.60}")
    if not text.strip():
        return _unscored(no_text=True)
    if is_non_english(text):
        return _unscored(non_english=True)
    polarity, subjectivity, assessments = textblob_sentiment(text)
    vader = vader_analyzer().polarity_scores(text)
    return {
        "textblob": polarity,
        "subjectivity": subjectivity,
        "vader": vader["compound"],
        "drivers": format_drivers(assessments),
        "n_drivers": len(_moving(assessments)),
        "no_signal": not assessments and vader["pos"] == 0 and vader["neg"] == 0,
        "non_english": False,
        "no_text": False,
    }


def score_tone(frame: pd.DataFrame, *, text_col: str = "text", dictionary=None,
               poles: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with tone columns for each row's text, scored as one unit.

    Added columns: ``textblob`` (TextBlob's polarity) and ``subjectivity`` (TextBlob), ``vader``
    (VADER compound), ``drivers`` (the words that move the TextBlob score, e.g.
    ``"not very good (-0.27); warm (+0.60)"``; neutral ones are left out), ``n_drivers``, and the flags
    ``no_signal``, ``non_english`` and ``no_text``. Rows flagged ``non_english``
    or ``no_text`` get NaN scores. Non-string values (numbers, bytes) raise a
    ``TypeError`` naming the row.

    With ``dictionary`` (a file path, a :class:`analysis.content.dictionaries.Codebook`
    or a ``{key: [patterns]}`` mapping), the dictionary tone columns
    ``DICTIONARY_COLUMNS`` are added too (see the module docstring; NaN
    ratios on rows flagged ``non_english`` or ``no_text``). ``poles`` names
    the keys when they are not called positive/negative (and neg_positive/
    neg_negative): ``{"positive": ["posemo"], "negative": ["negemo"]}``.
    Load a dictionary once and pass the Codebook when scoring in chunks.
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
    out = out.astype({"textblob": "float64", "subjectivity": "float64", "vader": "float64",
                      "n_drivers": "int64", "no_signal": "bool", "non_english": "bool", "no_text": "bool"})
    if dictionary is None:
        return out
    tone = dictionary_counts(frame[text_col], dictionary, poles=poles)
    unscored = (out["non_english"] | out["no_text"]).to_numpy()
    tone.loc[unscored, ["dict_net", "dict_logratio"]] = np.nan
    out = out.drop(columns=[c for c in DICTIONARY_COLUMNS if c in out.columns])
    return pd.concat([out, tone.set_axis(out.index)], axis=1)


def dictionary_counts(texts: Iterable, dictionary, *, poles: Mapping[str, Iterable[str]] | None = None
                      ) -> pd.DataFrame:
    """Dictionary tone of each text: the columns ``DICTIONARY_COLUMNS``, one row per text, in order."""
    codebook = as_codebook(dictionary)
    keys = tone_poles(codebook, poles=poles)
    lexicoder = bool(keys["neg_positive"] or keys["neg_negative"])
    matcher = codebook.matcher(scope="dictionary" if lexicoder else "key")
    sign = {key: +1 for key in keys["positive"] + keys["neg_negative"]}
    sign.update({key: -1 for key in keys["negative"] + keys["neg_positive"]})
    rows = []
    for text in texts:
        if not isinstance(text, str):
            rows.append((0, 0, 0, []))
            continue
        pos = neg = 0
        shown = []
        for match in matcher.find(text, context=0 if lexicoder else NEGATION_WINDOW):
            if match.key not in sign:
                continue
            value, negated = sign[match.key], not lexicoder and _negated(match.before)
            value = -value if negated else value
            pos, neg = pos + (value > 0), neg + (value < 0)
            shown.append(f"{match.text} ({'+' if value > 0 else '−'}{', negated' if negated else ''})")
        rows.append((pos, neg, count_words(text), shown))
    return _tone_frame(rows)


def _negated(before: tuple[str, ...]) -> bool:
    return any(word in NEGATORS or word.endswith("n't") for word in before)


def _tone_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame([r[:3] for r in rows], columns=["dict_positive", "dict_negative", "dict_words"],
                         dtype="int64")
    frame["dict_net"] = net_tone(frame["dict_positive"], frame["dict_negative"], frame["dict_words"])
    frame["dict_logratio"] = log_ratio_tone(frame["dict_positive"], frame["dict_negative"])
    frame["dict_matches"] = ["; ".join(r[3]) for r in rows]
    return frame


def net_tone(positive, negative, words) -> np.ndarray:
    """Lexicoder's net tone: (positive − negative) / words, NaN where there are no words."""
    positive, negative, words = (np.asarray(x, dtype=float) for x in (positive, negative, words))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(words > 0, (positive - negative) / words, np.nan)


def log_ratio_tone(positive, negative) -> np.ndarray:
    """Proksch et al.'s (2019) tone: log((positive + 0.5) / (negative + 0.5))."""
    positive, negative = (np.asarray(x, dtype=float) for x in (positive, negative))
    return np.log((positive + 0.5) / (negative + 0.5))


def tone_poles(codebook: Codebook, *, poles: Mapping[str, Iterable[str]] | None = None) -> dict[str, list[str]]:
    """The keys of each pole: ``{"positive": [...], "negative": [...], "neg_positive": [...],
    "neg_negative": [...]}``, from ``poles`` or from the keys' names (``POLE_NAMES``, ignoring case and
    any ``parent.`` prefix). Checks that no pattern is both positive and negative."""
    found = {pole: [] for pole in POLE_NAMES}
    if poles is not None:
        for pole, keys in poles.items():
            if pole not in found:
                raise ValueError(f"poles: unknown pole {pole!r}; use {', '.join(POLE_NAMES)}")
            keys = [keys] if isinstance(keys, str) else list(keys)
            missing = [k for k in keys if k not in codebook]
            if missing:
                raise DataFileError(f"{codebook.source}: no key {missing[0]!r}; the keys are {', '.join(codebook)}")
            found[pole] = keys
    else:
        for key in codebook:
            name = key.lower().rsplit(".", 1)[-1].strip()
            for pole, names in POLE_NAMES.items():
                if name in names:
                    found[pole].append(key)
    if not found["positive"] or not found["negative"]:
        raise DataFileError(f"{codebook.source}: a tone dictionary needs a positive and a negative key; its keys are "
                            f"{', '.join(list(codebook)[:12])}; name them with poles={{'positive': [...], "
                            "'negative': [...]}}")
    _check_poles_disjoint(codebook, found)
    return found


def _check_poles_disjoint(codebook: Codebook, found: dict[str, list[str]]) -> None:
    positive = {p.lower(): (key, p) for key in found["positive"] for p in codebook[key]}
    for key in found["negative"]:
        for pattern in codebook[key]:
            if pattern.lower() in positive:
                other, original = positive[pattern.lower()]
                raise DataFileError(f"{codebook.where(key, pattern)}: {pattern!r} is listed under both {other!r} "
                                    f"(line {codebook.line_of(other, original) or '?'}) and {key!r}")


def article_dictionary_tone(scored: pd.DataFrame, *, carry: Iterable[str] = ("source",)) -> pd.DataFrame:
    """Dictionary tone per article from scored sentences: counts summed, then the formulas applied.

    Needs ``article_id`` and the ``dict_*`` count columns (``score_tone(...,
    dictionary=...)``). Columns: ``article_id``, the ``carry`` columns (first
    value per article), ``n_sentences``, ``dict_positive``, ``dict_negative``,
    ``dict_words``, ``dict_net``, ``dict_logratio``.
    """
    needed = ["article_id", "dict_positive", "dict_negative", "dict_words"]
    missing = [c for c in needed if c not in scored.columns]
    if missing:
        raise KeyError(f"article_dictionary_tone needs {missing}: score sentences first with "
                       "score_tone(sentences, dictionary=PATH)")
    carry = [c for c in carry if c in scored.columns and c != "article_id"]
    grouped = scored.groupby("article_id", sort=True, dropna=False)
    out = grouped[["dict_positive", "dict_negative", "dict_words"]].sum()
    out.insert(0, "n_sentences", grouped.size())
    for column in reversed(carry):
        out.insert(0, column, grouped[column].first())
    out["dict_net"] = net_tone(out["dict_positive"], out["dict_negative"], out["dict_words"])
    out["dict_logratio"] = log_ratio_tone(out["dict_positive"], out["dict_negative"])
    return out.reset_index()


def is_non_english(text: str) -> bool:
    """Whether text of four or more words is not English.

    Text with two or more English function words of three letters or more
    (:data:`analysis.text.tokens.FUNCTION_WORDS`) is English; otherwise
    simplemma's English word list decides (under half the words known: not English).
    """
    if len(_ENGLISH_HINTS.intersection(text.lower().split())) >= 2:  # the quick answer for most sentences
        return False
    words = _WORD_RE.findall(text.lower())
    if len(words) < 4 or sum(w in _ENGLISH_HINTS for w in words) >= 2:
        return False
    return simplemma.in_target_language(text, lang="en") < 0.5


def format_drivers(assessments) -> str:
    """TextBlob's assessments as ``"word (+0.60); not very good (-0.27)"``, strongest first.

    Only words that move the polarity are drivers: an assessment whose polarity rounds to 0.00 ("chinese",
    subjective but neutral in TextBlob's lexicon) is left out, so every listed weight is one a reader can see.
    """
    return "; ".join(f"{' '.join(words)} ({polarity:+.2f})" for words, polarity, _s, _label in _moving(assessments))


def vader_drivers(text: str) -> str:
    """The words behind a text's VADER score, as ``"condemned (-1.90); support (+1.70)"``, strongest first.

    Each word's weight is the valence VADER adds into its compound score, in VADER's units (its lexicon runs
    from −4 to +4, and "but" scales a word by 1.5 after it and 0.5 before it), after negation, boosters and
    capitals (:meth:`analysis.scores.fastvader.FastVader.word_valences`);
    words whose weight rounds to 0.00 are left out. The counterpart of ``drivers``, which lists TextBlob's.
    """
    if not isinstance(text, str) or not text.strip():
        return ""
    moving = [(word, value) for word, value in vader_analyzer().word_valences(text) if round(value, 2) != 0]
    moving.sort(key=lambda pair: -abs(pair[1]))
    return "; ".join(f"{word} ({value:+.2f})" for word, value in moving)


def _moving(assessments) -> list:
    """The assessments whose polarity shows as non-zero at two decimals, strongest first."""
    return sorted((a for a in assessments if round(a[1], 2) != 0), key=lambda a: -abs(a[1]))


def _unscored(*, no_text: bool = False, non_english: bool = False) -> dict:
    return {"textblob": np.nan, "subjectivity": np.nan, "vader": np.nan, "drivers": "", "n_drivers": 0,
            "no_signal": False, "non_english": non_english, "no_text": no_text}
