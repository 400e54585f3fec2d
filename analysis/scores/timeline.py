"""Coverage over time: articles and tone per group per day, week, month, quarter or year, and the events to mark.

Periods are chosen from the span of the dates (:func:`choose_frequency`) so that an over-time chart has a
readable number of points, a few days or a hundred thousand articles over decades alike. Dates with a time zone
are compared in UTC; each period is labelled by its start (weeks start on Monday).
"""
from __future__ import annotations

import pandas as pd

FREQUENCY_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
# the longest span, in days, drawn at each frequency: about 31 days, 26 weeks, 60 months, 60 quarters
SPANS = (("D", 31), ("W", 182), ("M", 5 * 366), ("Q", 15 * 366))
_WIDTHS = {"D": 1, "W": 7, "M": 30.44, "Q": 91.31, "Y": 365.25}


def choose_frequency(dates: pd.Series) -> str:
    """``"D"`` for a span of up to 31 days, ``"W"`` up to 26 weeks, ``"M"`` up to 5 years, ``"Q"`` up to 15
    years, else ``"Y"``: at most about 60 points per line. No dates: ``"D"``."""
    dates = _naive(pd.Series(dates)).dropna()
    if dates.empty:
        return "D"
    span = (dates.max() - dates.min()).days
    return next((freq for freq, longest in SPANS if span <= longest), "Y")


def period_width(freq: str) -> pd.Timedelta:
    """The length of one period of ``freq`` (a month as 30.44 days), for placing points within it."""
    return pd.Timedelta(days=_WIDTHS.get(freq, 1))


def coverage_over_time(article_tone: pd.DataFrame, *, by: str = "source", freq: str | None = None,
                       measure: str | None = "vader") -> pd.DataFrame:
    """Articles and mean article tone per group and period.

    Input: one row per article with ``published`` (and ``measure``, from
    :func:`analysis.article_tone`; ``measure=None`` counts articles only).
    Columns: ``by``, ``period`` (the period's start), ``freq``,
    ``n_articles``, ``tone`` (mean of the articles' tone) and, when the input
    counts them, ``n_scored`` (the scored sentences of those articles). Articles
    without a date are left out; ``freq`` defaults to :func:`choose_frequency`
    of the dates.
    """
    dated = article_tone[article_tone["published"].notna()].copy()
    dated["published"] = _naive(dated["published"])
    freq = freq or choose_frequency(dated["published"])
    dated["period"] = dated["published"].dt.to_period(freq).dt.start_time
    aggregations = {"n_articles": ("article_id", "size")}
    if measure is not None:
        aggregations["tone"] = (measure, "mean")
        if "n_scored" in dated:
            aggregations["n_scored"] = ("n_scored", "sum")
    out = dated.groupby([by, "period"], as_index=False).agg(**aggregations)
    out["freq"] = freq
    return out


def events(articles: pd.DataFrame, *, column: str = "event") -> pd.DataFrame:
    """One row per value of ``column`` with the first and last publication date of its articles."""
    if column not in articles or articles[column].isna().all():
        return pd.DataFrame(columns=["event", "start", "end", "n_articles"])
    dated = articles[articles["published"].notna() & articles[column].notna()]
    return (dated.groupby(column).agg(start=("published", "min"), end=("published", "max"),
                                      n_articles=("article_id", "size"))
            .reset_index().rename(columns={column: "event"}).sort_values("start").reset_index(drop=True))


def spans_several_dates(articles: pd.DataFrame) -> bool:
    """Whether the articles were published on more than one day."""
    return _naive(articles["published"]).dt.normalize().nunique() > 1


def _naive(dates: pd.Series) -> pd.Series:
    """Dates as timezone-naive timestamps (UTC when they carry a zone), so periods raise no warning."""
    dates = pd.to_datetime(dates, utc=False)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
    return dates
