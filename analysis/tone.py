"""Tone summaries with their uncertainty: per source (or any grouping), per article, along the article.

Input is a frame of scored sentences (:func:`analysis.split_sentences` then
:func:`analysis.score_tone`). By default sentences with no sentiment-bearing
word (``no_signal``) and unscored ones (non-English, empty) are left out of
the means and shares, and counted in ``n_no_signal`` instead: their 0.0 means
"nothing to measure", not "neutral".

A sentence is positive when its score is above +0.05 and negative below -0.05
(the convention of VADER's authors, used for TextBlob too).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

MEASURES = ("polarity", "vader")
NEUTRAL_BAND = 0.05
AUTO_ARTICLE_RESAMPLING = 10  # articles per group from which "auto" resamples articles, not sentences


def tone_by_source(scored: pd.DataFrame, *, by: str | Sequence[str] = "source",
                   measures: Sequence[str] = MEASURES, n_boot: int = 2000, level: float = 0.95,
                   resample: str = "auto", include_no_signal: bool = False, seed: int = 0) -> pd.DataFrame:
    """One row per group and measure: counts, mean, median, shares, and a bootstrap interval for the mean.

    Columns: the ``by`` column(s), ``measure``, ``n_articles``, ``n_sentences``
    (those scored), ``n_no_signal``, ``mean``, ``median``, ``share_positive``,
    ``share_negative``, ``ci_low``, ``ci_high`` (a percentile bootstrap interval
    at ``level``) and ``resampled``.

    ``resample`` is ``"sentence"`` (sentences drawn independently: too narrow
    when an outlet's sentences are alike within an article), ``"article"``
    (whole articles drawn: honest about clustering, but needs several articles
    per group), or ``"auto"``: articles when the group has at least 10, else
    sentences. ``by`` may be any column, or a list (``["source", "voice"]``).
    """
    keys = [by] if isinstance(by, str) else list(by)
    _require(scored, [*keys, "article_id", *measures])
    rng = np.random.default_rng(seed)
    rows = []
    usable = _usable(scored, include_no_signal)
    for group, frame in scored.groupby(keys, sort=True, dropna=False):
        group = group if isinstance(group, tuple) else (group,)
        used = frame[usable.loc[frame.index]]
        n_articles = frame["article_id"].nunique()
        for measure in measures:
            values = used[measure].to_numpy(dtype=float)
            ids = used["article_id"].to_numpy()
            how = _resampling(resample, used["article_id"].nunique())
            low, high = bootstrap_mean_ci(values, clusters=ids if how == "article" else None, n_boot=n_boot,
                                          level=level, rng=rng)
            rows.append((*group, measure, n_articles, len(values), int(len(frame) - len(used)),
                         _nan_if_empty(values, np.mean), _nan_if_empty(values, np.median),
                         _share(values, 1), _share(values, -1), low, high, how))
    columns = [*keys, "measure", "n_articles", "n_sentences", "n_no_signal", "mean", "median", "share_positive",
               "share_negative", "ci_low", "ci_high", "resampled"]
    return pd.DataFrame(rows, columns=columns)


def bootstrap_mean_ci(values: np.ndarray, *, clusters: np.ndarray | None = None, n_boot: int = 2000,
                      level: float = 0.95, rng: np.random.Generator | None = None) -> tuple[float, float]:
    """A percentile bootstrap interval for the mean of ``values``.

    With ``clusters`` (one label per value), whole clusters are drawn and the
    mean is taken over all their values. Fewer than two values (or clusters)
    give ``(nan, nan)``: no interval can be estimated.
    """
    rng = rng or np.random.default_rng(0)
    values = np.asarray(values, dtype=float)
    alpha = (1 - level) / 2
    if clusters is None:
        if len(values) < 2:
            return np.nan, np.nan
        means = _batched_means(values, len(values), n_boot, rng)
    else:
        labels, inverse = np.unique(clusters, return_inverse=True)
        if len(labels) < 2:
            return np.nan, np.nan
        sums = np.bincount(inverse, weights=values)
        counts = np.bincount(inverse).astype(float)
        draws = rng.integers(0, len(labels), size=(n_boot, len(labels)))
        means = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


def tone_agreement(scored: pd.DataFrame, *, by: str | Sequence[str] = "source",
                   include_no_signal: bool = False) -> pd.DataFrame:
    """How far TextBlob and VADER agree, per group.

    Columns: the ``by`` column(s), ``n_sentences``, ``spearman`` (rank
    correlation of the two scores over the group's sentences), ``polarity_mean``,
    ``vader_mean`` and ``direction_disagrees``: True where one lexicon puts the
    group's mean tone above +0.05 and the other below -0.05, or one clearly
    positive/negative while the other is within ±0.01 of zero.
    """
    keys = [by] if isinstance(by, str) else list(by)
    _require(scored, [*keys, "polarity", "vader"])
    used = scored[_usable(scored, include_no_signal)]
    rows = []
    for group, frame in used.groupby(keys, sort=True, dropna=False):
        group = group if isinstance(group, tuple) else (group,)
        rho = spearman(frame["polarity"], frame["vader"]) if len(frame) >= 3 else np.nan
        p, v = frame["polarity"].mean(), frame["vader"].mean()
        rows.append((*group, len(frame), rho, p, v, _direction_disagrees(p, v)))
    return pd.DataFrame(rows, columns=[*keys, "n_sentences", "spearman", "polarity_mean", "vader_mean",
                                       "direction_disagrees"])


def spearman(x: pd.Series, y: pd.Series) -> float:
    """Spearman's rank correlation (average ranks for ties); NaN when either side is constant."""
    rx, ry = x.rank(), y.rank()
    if rx.nunique() < 2 or ry.nunique() < 2:
        return np.nan
    return float(rx.corr(ry))


def article_tone(scored: pd.DataFrame, *, articles: pd.DataFrame | None = None,
                 include_no_signal: bool = False, keep: Sequence[str] = ("source", "source_type", "published",
                                                                          "event")) -> pd.DataFrame:
    """One row per article: its tone as the plain mean of its scored sentences.

    Formula: ``polarity`` (and ``vader``) = the mean over the article's
    sentences that carry a signal, each sentence weighted equally, so a long
    article does not count for more than a short one in later averages. The
    sums are taken in sentence order (:func:`article_sums`), so an article's
    mean is the same to the last bit however the corpus was chunked.
    Columns: ``article_id``, the columns of ``keep`` that exist (their first
    value in the article), ``n_sentences``, ``n_scored``, ``polarity``, ``vader``.
    With ``articles``, TextBlob's and VADER's scores of the whole text stand
    beside them (``doc_polarity``, ``doc_vader``) for reference; VADER's
    whole-text score saturates near ±1 and is shown only to make that visible.
    """
    _require(scored, ["article_id", "polarity", "vader"])
    sums = article_sums(scored, include_no_signal=include_no_signal)
    out = sums[["article_id", "n_sentences", "n_scored"]].copy()
    for measure in MEASURES:
        with np.errstate(invalid="ignore", divide="ignore"):
            out[measure] = np.where(sums["n_scored"] > 0, sums[f"{measure}_sum"] / sums["n_scored"], np.nan)
    columns = [c for c in keep if c in scored.columns and c != "article_id"]
    if columns:
        first = scored.drop_duplicates("article_id")[["article_id", *columns]]
        out = first.merge(out, on="article_id", how="right")
    if articles is not None:
        from analysis.sentiment import score_tone

        docs = score_tone(articles[["article_id", "text"]])[["article_id", "polarity", "vader"]]
        out = out.merge(docs.rename(columns={"polarity": "doc_polarity", "vader": "doc_vader"}),
                        on="article_id", how="left")
    return out


def article_sums(scored: pd.DataFrame, *, include_no_signal: bool = False,
                 measures: Sequence[str] = MEASURES) -> pd.DataFrame:
    """One row per article, in order of first appearance: ``n_sentences``, ``n_scored`` and ``<measure>_sum``
    (the sum over its scored sentences, added in sentence order). Means and bootstrap intervals are built
    from these, so they do not depend on how the sentences were chunked or grouped."""
    codes, ids = pd.factorize(scored["article_id"], sort=False)
    used = _usable(scored, include_no_signal).to_numpy()
    out = pd.DataFrame({"article_id": ids, "n_sentences": np.bincount(codes, minlength=len(ids)),
                        "n_scored": np.bincount(codes[used], minlength=len(ids))})
    for measure in measures:
        values = scored[measure].to_numpy(dtype=float)
        out[f"{measure}_sum"] = np.bincount(codes[used], weights=values[used], minlength=len(ids))
    return out


def tone_by_position(scored: pd.DataFrame, *, by: str = "source", bins: int = 5,
                     measures: Sequence[str] = MEASURES, include_no_signal: bool = False) -> pd.DataFrame:
    """Mean tone along the article: sentences binned by relative position (0 = lede, 1 = last sentence).

    Long form: ``by``, ``position`` (bin label such as ``"0-20%"``), ``position_mid``,
    ``measure``, ``mean``, ``n_sentences``.
    """
    _require(scored, [by, "sentence_no", "n_sentences", *measures])
    used = scored[_usable(scored, include_no_signal)]
    relative = used["sentence_no"] / used["n_sentences"].clip(lower=1)
    index = np.minimum((relative * bins).astype(int), bins - 1)
    labels = [f"{round(100 * i / bins)}-{round(100 * (i + 1) / bins)}%" for i in range(bins)]
    framed = used.assign(_bin=index)
    rows = []
    for (group, b), frame in framed.groupby([by, "_bin"], sort=True):
        for measure in measures:
            rows.append((group, labels[b], (b + 0.5) / bins, measure, frame[measure].mean(), len(frame)))
    return pd.DataFrame(rows, columns=[by, "position", "position_mid", "measure", "mean", "n_sentences"])


def extreme_sentences(scored: pd.DataFrame, *, by: str = "source", n: int = 3,
                      measure: str = "polarity") -> pd.DataFrame:
    """The ``n`` most positive and ``n`` most negative sentences of each group, with the words behind them.

    Columns: ``by``, ``direction`` ("most positive"/"most negative"), ``measure``
    value, the other lexicon's score, ``drivers``, ``voice`` (when present),
    ``article_id`` and ``text``.
    """
    _require(scored, [by, measure, "text", "article_id"])
    used = scored[_usable(scored, False)]
    other = "vader" if measure == "polarity" else "polarity"
    columns = [c for c in (by, measure, other, "drivers", "voice", "speaker", "article_id", "sentence_no", "text")
               if c in used.columns]
    parts = []
    for _, frame in used.groupby(by, sort=True):
        top = frame[frame[measure] > 0].nlargest(n, measure).assign(direction="most positive")
        bottom = frame[frame[measure] < 0].nsmallest(n, measure).assign(direction="most negative")
        parts += [top, bottom]
    if not parts:
        return pd.DataFrame(columns=[by, "direction", *columns[1:]])
    out = pd.concat(parts)[[by, "direction", *columns[1:]]]
    return out.reset_index(drop=True)


def _usable(scored: pd.DataFrame, include_no_signal: bool) -> pd.Series:
    ok = scored["polarity"].notna() if "polarity" in scored else pd.Series(True, index=scored.index)
    if not include_no_signal and "no_signal" in scored:
        ok &= ~scored["no_signal"].astype(bool)
    return ok


def _resampling(resample: str, n_articles: int) -> str:
    if resample not in ("auto", "sentence", "article"):
        raise ValueError(f"resample must be 'auto', 'sentence' or 'article', not {resample!r}")
    if resample == "auto":
        return "article" if n_articles >= AUTO_ARTICLE_RESAMPLING else "sentence"
    return resample


def _batched_means(values: np.ndarray, n: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    batch = max(1, 5_000_000 // max(n, 1))  # keep each draw matrix near 40 MB
    means = []
    for start in range(0, n_boot, batch):
        size = min(batch, n_boot - start)
        means.append(values[rng.integers(0, n, size=(size, n))].mean(axis=1))
    return np.concatenate(means)


def _share(values: np.ndarray, sign: int) -> float:
    if len(values) == 0:
        return np.nan
    return float(np.mean(values > NEUTRAL_BAND) if sign > 0 else np.mean(values < -NEUTRAL_BAND))


def _nan_if_empty(values: np.ndarray, func) -> float:
    return float(func(values)) if len(values) else np.nan


def _direction_disagrees(p: float, v: float) -> bool:
    if np.isnan(p) or np.isnan(v):
        return False
    clear = NEUTRAL_BAND
    return bool((p > clear and v < -clear) or (p < -clear and v > clear)
                or (abs(p) > clear and abs(v) < 0.01) or (abs(v) > clear and abs(p) < 0.01))


def _require(frame: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"missing column(s) {missing}; the frame has {list(frame.columns)}. "
                       "Score sentences first: score_tone(split_sentences(corpus.articles))")
