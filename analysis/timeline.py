"""Coverage over time: articles and tone per source per day, week or month, and the events to mark."""
from __future__ import annotations

import pandas as pd


def choose_frequency(dates: pd.Series) -> str:
    """``"D"`` for a span of up to 31 days, ``"W"`` up to 26 weeks, else ``"M"``."""
    dates = pd.to_datetime(dates).dropna()
    if dates.empty:
        return "D"
    span = (dates.max() - dates.min()).days
    return "D" if span <= 31 else "W" if span <= 182 else "M"


def coverage_over_time(article_tone: pd.DataFrame, *, by: str = "source", freq: str | None = None,
                       measure: str | None = "vader") -> pd.DataFrame:
    """Articles and mean article tone per group and period.

    Input: one row per article with ``published`` (and ``measure``, from
    :func:`analysis.article_tone`; ``measure=None`` counts articles only).
    Columns: ``by``, ``period`` (the period's start), ``freq``,
    ``n_articles``, ``tone`` (mean of the articles' tone). Articles without a
    date are left out.
    """
    dated = article_tone[article_tone["published"].notna()].copy()
    freq = freq or choose_frequency(dated["published"])
    dated["period"] = pd.to_datetime(dated["published"]).dt.to_period(freq).dt.start_time
    aggregations = {"n_articles": ("article_id", "size")}
    if measure is not None:
        aggregations["tone"] = (measure, "mean")
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
    return pd.to_datetime(articles["published"]).dt.normalize().nunique() > 1
