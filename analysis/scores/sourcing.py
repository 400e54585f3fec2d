"""Each group's sourcing in one row: how many sources it quotes, how many quotes are unnamed, official, by women.

:func:`source_summary` summarises the sources of :mod:`analysis.voices.sources` per group (an outlet, a story, a
story and an outlet): the distinct sources, the share of quoted sentences from unnamed sources, from officials
against everyone else, and by women among the quotes whose speaker's gender the articles show, each with a 95%
interval that resamples articles (quotes in one article are not independent: one long statement is many quoted
sentences of one source). An interval needs at least ``MIN_INTERVAL_ARTICLES`` articles with quotes in the
group (for the gender share: with a quote of known gender); below that it is left out (NaN), and the gender
share itself where no quote's gender is known. :func:`summarise_sourcing` does the same from per-article sums
(:func:`article_sourcing`) and the sources table, which is how :mod:`analysis.explore.views` calls it on the
pipeline's ``article_sources`` table.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.scores.tone import bootstrap_from_sums
from analysis.voices.sources import article_sources, source_tables, summarise_sources
from analysis.voices.unnamed import UNKNOWN

MIN_INTERVAL_ARTICLES = 5  # articles with quotes a group needs before its shares get an interval
TOP_SOURCES = 3
ARTICLE_SUMS = ["quotes", "unnamed", "official", "known", "female", "male", "unnamed_sources"]
SUMMARY_COLUMNS = ["n_articles", "n_quotes", "n_sources", "n_unnamed_sources", "unnamed_quotes", "share_unnamed",
                   "unnamed_low", "unnamed_high", "official_quotes", "share_official", "official_low",
                   "official_high", "gender_known", "female_quotes", "male_quotes", "share_female", "female_low",
                   "female_high", "top_sources"]
_INTS = ["n_articles", "n_quotes", "n_sources", "n_unnamed_sources", "unnamed_quotes", "official_quotes",
         "gender_known", "female_quotes", "male_quotes"]


def source_summary(sentences: pd.DataFrame, *, by: str | Sequence[str] = "source", top: int = TOP_SOURCES,
                   n_boot: int = 2000, level: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """One row per group: how it sources its quotes.

    Columns: the ``by`` columns; ``n_articles`` (articles with a quoted sentence), ``n_quotes`` (quoted
    sentences); ``n_sources`` (distinct named sources, people and organisations, as
    :func:`analysis.voices.sources.quoted_sources` names them), ``n_unnamed_sources`` (unnamed sources, one per
    article and description); ``unnamed_quotes`` and ``share_unnamed`` (quotes from ``unknown`` speakers), with
    ``unnamed_low``/``unnamed_high``; ``official_quotes`` and ``share_official``
    (:func:`analysis.voices.sources.is_official`; the rest are everyone else), with ``official_low``/``_high``;
    ``gender_known`` (quotes by people whose gender the articles show), ``female_quotes``, ``male_quotes``,
    ``share_female`` (of ``gender_known``) with ``female_low``/``_high``; ``top_sources`` ("Brianna Castellanos
    (6), Harlan Whitford (4)", named sources only, ties in alphabetical order). Intervals resample articles
    (see the module's docstring). A corpus with no quotes gives no rows.
    """
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in sentences.columns]
    if missing:
        raise KeyError(f"source_summary cannot group by {missing}: the sentences have no such column")
    groups = sentences[["article_id", *[k for k in keys if k != "article_id"]]].drop_duplicates("article_id")
    rows = article_sources(sentences).merge(groups, on="article_id", how="left")
    sources = summarise_sources(*source_tables(rows, keys=keys), keys=keys)
    return summarise_sourcing(article_sourcing(rows, keys=keys), sources, keys=keys, top=top, n_boot=n_boot,
                              level=level, seed=seed)


def article_sourcing(rows: pd.DataFrame, *, keys: Sequence[str]) -> pd.DataFrame:
    """Per article (with the ``keys`` columns), from :func:`analysis.voices.sources.article_sources` rows: its
    ``quotes``, the ``unnamed`` and ``official`` ones, those by people of ``known`` gender, ``female`` and
    ``male``, and its ``unnamed_sources`` (rows of ``unknown``: one per description)."""
    keys = [k for k in keys if k != "article_id"]
    person = rows["kind"] == "person"
    unnamed = rows["speaker"] == UNKNOWN
    sums = pd.DataFrame({
        "article_id": rows["article_id"], **{k: rows[k] for k in keys}, "quotes": rows["n_quotes"],
        "unnamed": rows["n_quotes"].where(unnamed, 0), "official": rows["n_quotes"].where(rows["official"].astype(bool), 0),
        "known": rows["n_quotes"].where(person & rows["gender"].isin(["female", "male"]), 0),
        "female": rows["n_quotes"].where(person & (rows["gender"] == "female"), 0),
        "male": rows["n_quotes"].where(person & (rows["gender"] == "male"), 0), "unnamed_sources": unnamed.astype(int)})
    return sums.groupby(["article_id", *keys], dropna=False, sort=True)[ARTICLE_SUMS].sum().reset_index()


def summarise_sourcing(per_article: pd.DataFrame, sources: pd.DataFrame, *, keys: Sequence[str],
                       top: int = TOP_SOURCES, n_boot: int = 2000, level: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """:func:`source_summary` from per-article sums (:func:`article_sourcing`) and the sources table
    (:func:`analysis.voices.sources.summarise_sources`); groups in sorted order, one random generator through
    them."""
    keys = list(keys)
    if per_article.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in _INTS else object) for c in [*keys, *SUMMARY_COLUMNS]})
    rng = np.random.default_rng(seed)
    listed = {key if isinstance(key, tuple) else (key,): part for key, part in sources.groupby(keys, dropna=False)}
    out = []
    for group, part in per_article.groupby(keys, sort=True, dropna=False):
        group = group if isinstance(group, tuple) else (group,)
        named = listed.get(group, sources.iloc[0:0])
        named = named[named["speaker"] != UNKNOWN]
        ranked = sorted(zip(named["speaker"], named["n_quotes"]), key=lambda item: (-item[1], item[0]))
        out.append((*group, *_summary(part, n_named=len(named), ranked=ranked[:top], n_boot=n_boot, level=level,
                                      rng=rng)))
    frame = pd.DataFrame(out, columns=[*keys, *SUMMARY_COLUMNS])
    return frame.astype({c: "int64" for c in _INTS})


def _summary(part: pd.DataFrame, *, n_named: int, ranked: list, n_boot: int, level: float, rng) -> tuple:
    totals = part[ARTICLE_SUMS].sum()

    def share(numerator: str, denominator: str) -> tuple[float, float, float]:
        counts = part[denominator].to_numpy(dtype=float)
        if counts.sum() <= 0:
            return np.nan, np.nan, np.nan
        sums, used = part[numerator].to_numpy(dtype=float), counts > 0
        value = sums.sum() / counts.sum()
        if used.sum() < MIN_INTERVAL_ARTICLES:
            return value, np.nan, np.nan
        low, high = bootstrap_from_sums(sums[used], counts[used], n_boot=n_boot, level=level, rng=rng)
        return value, low, high

    top_sources = ", ".join(f"{name} ({int(n)})" for name, n in ranked)
    return (len(part), int(totals["quotes"]), n_named, int(totals["unnamed_sources"]), int(totals["unnamed"]),
            *share("unnamed", "quotes"), int(totals["official"]), *share("official", "quotes"),
            int(totals["known"]), int(totals["female"]), int(totals["male"]), *share("female", "known"), top_sources)
