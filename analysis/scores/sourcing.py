"""Each group's sourcing in one row: how many sources it quotes, how many quotes are unnamed, official, by women.

:func:`source_summary` summarises the sources table of :mod:`analysis.voices.sources` per group (an outlet, a
story, a story and an outlet): the distinct sources, the share of quoted sentences from unnamed sources, from
officials against everyone else, and by women among the quotes whose speaker's gender the articles show, each
with a 95% interval that resamples articles (quotes in one article are not independent: one long statement is
many quoted sentences of one source). An interval needs at least ``MIN_INTERVAL_ARTICLES`` articles with
quotes in the group; below that it is left out (NaN), and so is the gender share where no quote's gender is
known. :func:`summarise_sourcing` does the same from per-article rows (the pipeline's ``article_sources``
table), for :mod:`analysis.explore.views`.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.scores.tone import bootstrap_from_sums
from analysis.voices.sources import article_sources, canonical_speakers
from analysis.voices.unnamed import UNKNOWN

MIN_INTERVAL_ARTICLES = 5  # articles with quotes a group needs before its shares get an interval
TOP_SOURCES = 3
SUMMARY_COLUMNS = ["n_articles", "n_quotes", "n_sources", "n_unnamed_sources", "unnamed_quotes", "share_unnamed",
                   "unnamed_low", "unnamed_high", "official_quotes", "share_official", "official_low",
                   "official_high", "gender_known", "female_quotes", "male_quotes", "share_female", "female_low",
                   "female_high", "top_sources"]


def source_summary(sentences: pd.DataFrame, *, by: str | Sequence[str] = "source", top: int = TOP_SOURCES,
                   n_boot: int = 2000, level: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """One row per group: how it sources its quotes.

    Columns: the ``by`` columns; ``n_articles`` (articles with a quoted sentence), ``n_quotes`` (quoted
    sentences); ``n_sources`` (distinct named sources, people and organisations), ``n_unnamed_sources``
    (unnamed sources, one per article and description); ``unnamed_quotes`` and ``share_unnamed`` (quotes from
    ``unknown`` speakers, with ``unnamed_low``/``unnamed_high``); ``official_quotes`` and ``share_official``
    (:func:`analysis.voices.sources.is_official`; the rest are everyone else), with ``official_low``/``_high``;
    ``gender_known`` (quotes by people whose gender the articles show), ``female_quotes``, ``male_quotes``,
    ``share_female`` (of ``gender_known``) with ``female_low``/``_high``; ``top_sources`` ("Brianna Castellanos
    (6), Harlan Whitford (4)", named sources only). Intervals resample articles (see the module's docstring).
    """
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in sentences.columns]
    if missing:
        raise KeyError(f"source_summary cannot group by {missing}: the sentences have no such column")
    groups = sentences[["article_id", *[k for k in keys if k != "article_id"]]].drop_duplicates("article_id")
    rows = article_sources(sentences).merge(groups, on="article_id", how="left")
    return summarise_sourcing(rows, keys=keys, top=top, n_boot=n_boot, level=level, seed=seed)


def summarise_sourcing(rows: pd.DataFrame, *, keys: Sequence[str], top: int = TOP_SOURCES, n_boot: int = 2000,
                       level: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """:func:`source_summary` from per-article source rows (:func:`analysis.voices.sources.article_sources`
    with the ``keys`` columns); groups in sorted order, one random generator through them."""
    keys = list(keys)
    if rows.empty:
        return pd.DataFrame(columns=[*keys, *SUMMARY_COLUMNS])
    rows = rows.assign(speaker=canonical_speakers(rows["speaker"], rows["kind"]))
    rng = np.random.default_rng(seed)
    out = []
    for group, part in rows.groupby(keys, sort=True, dropna=False):
        group = group if isinstance(group, tuple) else (group,)
        out.append((*group, *_summary(part, top=top, n_boot=n_boot, level=level, rng=rng)))
    frame = pd.DataFrame(out, columns=[*keys, *SUMMARY_COLUMNS])
    ints = ["n_articles", "n_quotes", "n_sources", "n_unnamed_sources", "unnamed_quotes", "official_quotes",
            "gender_known", "female_quotes", "male_quotes"]
    return frame.astype({c: "int64" for c in ints})


def _summary(part: pd.DataFrame, *, top: int, n_boot: int, level: float, rng) -> tuple:
    unnamed = part["speaker"] == UNKNOWN
    person = part["kind"] == "person"
    gender = part["gender"].where(person)
    per_article = pd.DataFrame({
        "quotes": part["n_quotes"], "unnamed": part["n_quotes"].where(unnamed, 0),
        "official": part["n_quotes"].where(part["official"].astype(bool), 0),
        "known": part["n_quotes"].where(gender.isin(["female", "male"]), 0),
        "female": part["n_quotes"].where(gender == "female", 0),
        "male": part["n_quotes"].where(gender == "male", 0)}).groupby(part["article_id"].to_numpy()).sum()
    totals = per_article.sum()
    n_articles = len(per_article)
    named = sorted(part.loc[~unnamed].groupby("speaker")["n_quotes"].sum().items(), key=lambda kv: (-kv[1], kv[0]))
    top_sources = ", ".join(f"{name} ({int(n)})" for name, n in named[:top])
    unnamed_sources = part.loc[unnamed, ["article_id", "role"]].drop_duplicates().shape[0]

    def share(numerator: str, denominator: str) -> tuple[float, float, float]:
        counts = per_article[denominator].to_numpy(dtype=float)
        total = counts.sum()
        if total <= 0:
            return np.nan, np.nan, np.nan
        sums, used = per_article[numerator].to_numpy(dtype=float), counts > 0
        value = sums.sum() / total
        if used.sum() < MIN_INTERVAL_ARTICLES:
            return value, np.nan, np.nan
        low, high = bootstrap_from_sums(sums[used], counts[used], n_boot=n_boot, level=level, rng=rng)
        return value, low, high

    return (n_articles, int(totals["quotes"]), len(named), unnamed_sources, int(totals["unnamed"]),
            *share("unnamed", "quotes"), int(totals["official"]), *share("official", "quotes"),
            int(totals["known"]), int(totals["female"]), int(totals["male"]), *share("female", "known"),
            top_sources)
