"""Numbers written for prose: one way to print a tone, an interval, a share or a count everywhere.

:func:`signed`, :func:`interval`, :func:`percent`, :func:`count`, :func:`names`, :func:`measure_label` and
:func:`axis_name` write what the findings (:mod:`analysis.report.findings`), the charts
(:mod:`analysis.report.plots`) and the tables (:mod:`analysis.report.show`) print. A number and its unit, and
the two ends of an interval, are joined by no-break spaces (U+00A0) so a page never wraps inside them;
negative numbers take the minus sign U+2212, which no browser breaks after.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from analysis.text.inflect import plural

NBSP = "\u00a0"
MINUS = "\u2212"
MAX_NAMED = 8
MEASURE_NAMES = {"vader": "VADER", "textblob": "TextBlob", "polarity": "TextBlob", "dict_net": "dictionary net tone",
                 "dict_logratio": "dictionary log ratio", "stance": "stance",
                 "subjectivity": "TextBlob subjectivity"}
AXIS_NAMES = {"vader": "VADER compound", "textblob": "TextBlob polarity", "polarity": "TextBlob polarity"}


def signed(value, *, decimals: int = 2) -> str:
    """A tone written with its sign: ``+0.28``, ``−0.09`` (U+2212), ``0.00`` for exactly zero, ``n/a`` for NaN.

    A value that is not zero but would print as zero gets more decimals (up to 4) so its sign stays visible:
    ``+0.001``, ``−0.0004``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    value = float(value)
    if value == 0:
        return f"{0:.{decimals}f}"
    while round(abs(value), decimals) == 0 and decimals < 4:
        decimals += 1
    text = f"{abs(value):.{decimals}f}"
    return ("+" if value > 0 else MINUS) + text


def interval(low, high, *, decimals: int = 2) -> str:
    """``95% CI [+0.08, +0.47]`` held together by no-break spaces, or ``no interval`` when either end is NaN."""
    if is_missing(low) or is_missing(high):
        return f"no{NBSP}interval"
    return f"95%{NBSP}CI{NBSP}[{signed(low, decimals=decimals)},{NBSP}{signed(high, decimals=decimals)}]"


def percent(share) -> str:
    """A share (0–1) as a whole percentage: ``0%``, ``<1%`` (not zero, but below 0.5%), ``12%``, ``>99%``, ``100%``."""
    if is_missing(share):
        return "n/a"
    value = 100 * float(share)
    rounded = round(value)
    if rounded == 0 and value > 0:
        return "<1%"
    if rounded == 100 and value < 100:
        return ">99%"
    return f"{rounded:.0f}%"


def count(n, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1,250 articles``, with a no-break space between the number and the word."""
    return plural(int(n), word, many).replace(" ", NBSP, 1)


def names(items: Iterable, *, limit: int = MAX_NAMED) -> str:
    """``A``, ``A and B``, ``A, B and C``; past ``limit`` items: ``A, B, … and 12 more``."""
    items = [str(i) for i in items]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def measure_label(measure: str) -> str:
    """The display name of a tone measure: ``VADER``, ``TextBlob``, ``dictionary net tone``, ``stance``, …
    (its column name is :func:`analysis.scores.tone.canonical_measure`)."""
    return MEASURE_NAMES.get(measure, str(measure))


def axis_name(measure: str) -> str:
    """The name of a measure on a chart's axis, with its score: ``VADER compound``, ``TextBlob polarity``."""
    return AXIS_NAMES.get(measure, measure_label(measure))


def tone_table(summary: pd.DataFrame) -> pd.DataFrame:
    """A tone summary with the current column names, whichever version of ``tone_by_source`` made it.

    Current tables (``n_scored`` present) come back unchanged. Older ones, where ``n_sentences`` counted only the
    scored sentences and TextBlob was ``polarity``, get ``n_scored`` = that count, ``n_sentences`` = scored plus
    ``n_no_signal``, and ``textblob`` for ``polarity`` (in ``measure`` and in ``polarity_mean``). The shim goes
    once every producer writes the new names.
    """
    if "n_scored" in summary.columns or summary.empty and "measure" not in summary.columns:
        return summary
    out = summary.copy()
    if "n_sentences" in out.columns:
        out["n_scored"] = out["n_sentences"]
        if "n_no_signal" in out.columns:
            out["n_sentences"] = out["n_scored"] + out["n_no_signal"]
    if "measure" in out.columns:
        out["measure"] = out["measure"].replace({"polarity": "textblob"})
    return out.rename(columns={"polarity_mean": "textblob_mean"})


def is_missing(value) -> bool:
    """None, NaN or NA (and never an error, whatever the value)."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
