"""Tone summaries with their uncertainty: per source (or any grouping), per article, along the article.

Input is a frame of scored sentences (:func:`analysis.split_sentences` then :func:`analysis.score_tone`). The
measures are named by their tool: ``vader`` (VADER's compound score) and ``textblob`` (TextBlob's polarity),
both from −1 to +1, and, when a tone dictionary was given, ``dict_net`` and ``dict_logratio``. (``polarity`` is
still accepted for ``textblob``.) By default sentences with no sentiment-bearing word (``no_signal``) and
unscored ones (non-English, empty) are left out of the lexicons' means and shares, and counted in
``n_no_signal`` instead: their 0.0 means "nothing to measure", not "neutral".

A sentence is positive when its score is above +0.05 and negative below −0.05 (the convention of VADER's
authors, used for the other measures too).

Every summary is built from per-article sums (:mod:`analysis.scores.aggregates`): the in-memory functions here
and the notebooks' views over a scored corpus of any size (:mod:`analysis.explore.views`) call the same
:func:`summarise_tone`, so they give the same numbers, intervals included. Tone toward actors
(:func:`actor_tone`) and the share of the tone each voice carries (:func:`voice_tone_totals`) are summaries of
the same sentences.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from analysis.content.actors import match_actors
from analysis.scores.aggregates import LEXICONS, counted, position_of, tone_sums
from analysis.scores.sentiment import score_tone, vader_drivers
from analysis.tables.store import Store, quote

MEASURES = LEXICONS
ALIASES = {"polarity": "textblob"}
AUTO_ARTICLE_RESAMPLING = 10  # articles per group from which "auto" resamples articles, not sentences
MAX_AGREEMENT_SENTENCES = 100_000  # per group: beyond this, the rank correlation uses a fixed sample
# Beyond this many clusters (or values) an interval is the bootstrap's normal limit rather than 2,000 draws of
# them: at that size the two agree to within the draws' own noise (docs/performance.md), and the draws would
# cost seconds per group at a million articles.
NORMAL_ABOVE = 5_000
# A mean over fewer scored sentences than this gets no interval: a percentile bootstrap of two or three values
# gives a few possible means, and an interval of zero width when they are alike (docs/reliability.md).
MIN_INTERVAL_SENTENCES = 10

SUMMARY_COLUMNS = ["measure", "n_articles", "n_sentences", "n_scored", "n_no_signal", "mean", "median",
                   "share_positive", "share_negative", "ci_low", "ci_high", "resampled"]


def canonical_measure(measure: str) -> str:
    """A measure's column name, with the old name ``polarity`` read as ``textblob`` (its display name is
    :func:`analysis.report.prose.measure_label`)."""
    return ALIASES.get(measure, measure)


def tone_by_source(scored: pd.DataFrame, *, by: str | Sequence[str] = "source",
                   measures: Sequence[str] = MEASURES, n_boot: int = 2000, level: float = 0.95,
                   resample: str = "auto", include_no_signal: bool = False, seed: int = 0) -> pd.DataFrame:
    """One row per group and measure: counts, mean, median, shares, and a bootstrap interval for the mean.

    Columns: the ``by`` column(s), ``measure``, ``n_articles``, ``n_sentences`` (all the group's sentences),
    ``n_scored`` (those the mean is taken over), ``n_no_signal``, ``mean``, ``median``, ``share_positive``,
    ``share_negative``, ``ci_low``, ``ci_high`` (a percentile bootstrap interval at ``level``; NaN when it
    cannot be estimated: over fewer than ``MIN_INTERVAL_SENTENCES`` (10) scored sentences, from fewer than two
    articles when articles are resampled, or when every draw gives the same mean, as alike sentences do) and
    ``resampled``.

    ``resample`` is ``"sentence"`` (sentences drawn independently: too narrow when an outlet's sentences are
    alike within an article), ``"article"`` (whole articles drawn: honest about clustering, but needs several
    articles per group), or ``"auto"``: articles when the group has at least 10, else sentences. ``by`` may be
    any column, or a list (``["source", "voice"]``).
    """
    keys = group_keys(by)
    measures = [canonical_measure(m) for m in measures]
    _require(scored, [*keys, "article_id", *measures])
    _check_resample(resample)
    ordered = _in_order(scored)
    sums = tone_sums(ordered, group_keys(keys, "article_id"), measures=measures, include_no_signal=include_no_signal)
    values = _values_from(ordered, keys, include_no_signal)
    return summarise_tone(sums, keys=keys, measures=measures, values=values,
                          medians=lambda group, m: _median(values(group, m)), n_boot=n_boot, level=level,
                          resample=resample, seed=seed)


def summarise_tone(sums: pd.DataFrame, *, keys: list[str], measures: Sequence[str],
                   values: Callable[[tuple, str], np.ndarray], medians: Callable[[tuple, str], float],
                   n_boot: int = 2000, level: float = 0.95, resample: str = "auto", seed: int = 0,
                   rng: np.random.Generator | None = None) -> pd.DataFrame:
    """The rows of :func:`tone_by_source` from per-article sums.

    ``sums`` has one row per group and article: the ``keys``, ``article_id``, ``n_sentences`` and, per
    measure, ``m_n``, ``m_sum``, ``m_positive``, ``m_negative``. ``values(group, measure)`` gives the group's
    sentence scores in (article id, sentence) order, for groups too small to resample articles;
    ``medians(group, measure)`` the median of all of them. Groups come in sorted order, articles in id order,
    and one random generator serves them all in that order, so the same sums give the same intervals. Pass
    ``rng`` (instead of ``seed``) to summarise consecutive batches of groups as one call would.
    """
    rng = rng if rng is not None else np.random.default_rng(seed)
    rows = []
    ordered = sums.sort_values(group_keys(keys, "article_id"), kind="stable")
    for group, part in ordered.groupby(keys, sort=True, dropna=False, observed=True):
        group = group if isinstance(group, tuple) else (group,)
        n_sentences = int(part["n_sentences"].sum())
        for measure in measures:
            counts = part[f"{measure}_n"].to_numpy()
            n = int(counts.sum())
            scored_articles = counts > 0
            how = _resampling(resample, int(scored_articles.sum()))
            if n < MIN_INTERVAL_SENTENCES:
                low, high = np.nan, np.nan
            elif how == "article":
                low, high = bootstrap_from_sums(part[f"{measure}_sum"].to_numpy()[scored_articles],
                                                counts[scored_articles], n_boot=n_boot, level=level, rng=rng)
            else:
                low, high = bootstrap_mean_ci(values(group, measure), n_boot=n_boot, level=level, rng=rng)
            if low == high:  # every draw alike: the data show no spread to estimate, not a certain mean
                low, high = np.nan, np.nan
            mean = math.fsum(part[f"{measure}_sum"]) / n if n else np.nan
            rows.append((*group, measure, len(part), n_sentences, n, n_sentences - n, mean,
                         medians(group, measure) if n else np.nan,
                         int(part[f"{measure}_positive"].sum()) / n if n else np.nan,
                         int(part[f"{measure}_negative"].sum()) / n if n else np.nan, low, high, how))
    return pd.DataFrame(rows, columns=[*keys, *SUMMARY_COLUMNS])


def bootstrap_from_sums(sums: np.ndarray, counts: np.ndarray, *, n_boot: int = 2000, level: float = 0.95,
                        rng: np.random.Generator | None = None) -> tuple[float, float]:
    """A percentile bootstrap interval for a mean over clusters (articles), from each cluster's sum and count.

    Whole clusters are drawn with replacement and the mean is taken over all their values; fewer than two
    clusters give ``(nan, nan)``. It costs the same for 100,000 articles as for 1,000 sentences each. Beyond
    ``NORMAL_ABOVE`` clusters the interval is the bootstrap's large-sample limit, the normal interval of the
    ratio estimator (:func:`ratio_normal_ci`), which costs one pass instead of ``n_boot``.
    """
    rng = rng or np.random.default_rng(0)
    sums, counts = np.asarray(sums, dtype=float), np.asarray(counts, dtype=float)
    if len(sums) < 2:
        return np.nan, np.nan
    if len(sums) > NORMAL_ABOVE:
        return ratio_normal_ci(sums, counts, level=level)
    alpha = (1 - level) / 2
    means = np.empty(n_boot)
    batch = max(1, 5_000_000 // len(sums))  # keep each draw matrix near 40 MB
    for start in range(0, n_boot, batch):
        size = min(batch, n_boot - start)
        draws = rng.integers(0, len(sums), size=(size, len(sums)))
        means[start:start + size] = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


def ratio_normal_ci(sums: np.ndarray, counts: np.ndarray, *, level: float = 0.95) -> tuple[float, float]:
    """The normal interval of a mean over clusters, sum(sums) / sum(counts), with its linearised variance.

    The standard error is that of the ratio estimator with clusters drawn with replacement (the delta method):
    sqrt(sum(((s_i - r c_i) / mean(c))^2) / (n (n - 1))), which is what the cluster bootstrap's spread tends to
    as the number of clusters grows. Fewer than two clusters give ``(nan, nan)``.
    """
    sums, counts = np.asarray(sums, dtype=float), np.asarray(counts, dtype=float)
    n = len(sums)
    if n < 2 or counts.sum() <= 0:
        return np.nan, np.nan
    ratio = sums.sum() / counts.sum()
    residuals = (sums - ratio * counts) / counts.mean()
    error = math.sqrt(float(np.dot(residuals, residuals)) / (n * (n - 1)))
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    return float(ratio - z * error), float(ratio + z * error)


def bootstrap_mean_ci(values: np.ndarray, *, clusters: np.ndarray | None = None, n_boot: int = 2000,
                      level: float = 0.95, rng: np.random.Generator | None = None) -> tuple[float, float]:
    """A percentile bootstrap interval for the mean of ``values``.

    With ``clusters`` (one label per value), whole clusters are drawn and the mean is taken over all their
    values (:func:`bootstrap_from_sums`). Fewer than two values (or clusters) give ``(nan, nan)``: no interval
    can be estimated. Beyond ``NORMAL_ABOVE`` values (or clusters) the interval is the normal one, the
    bootstrap's large-sample limit (:func:`ratio_normal_ci` with every count 1).
    """
    rng = rng or np.random.default_rng(0)
    values = np.asarray(values, dtype=float)
    if clusters is not None:
        _, inverse = np.unique(clusters, return_inverse=True)
        return bootstrap_from_sums(np.bincount(inverse, weights=values), np.bincount(inverse), n_boot=n_boot,
                                   level=level, rng=rng)
    if len(values) < 2:
        return np.nan, np.nan
    if len(values) > NORMAL_ABOVE:
        return ratio_normal_ci(values, np.ones(len(values)), level=level)
    alpha = (1 - level) / 2
    means = _batched_means(values, len(values), n_boot, rng)
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


def tone_agreement(scored: pd.DataFrame, *, by: str | Sequence[str] = "source",
                   include_no_signal: bool = False) -> pd.DataFrame:
    """How far TextBlob and VADER agree, per group.

    Columns: the ``by`` column(s), ``n_scored``, ``spearman`` (rank correlation of the two scores over the
    group's sentences; over a fixed sample of 100,000 of them in larger groups; NaN with fewer than three or
    when a side is constant), ``textblob_mean``, ``vader_mean`` and ``direction``: ``"same"`` when the two
    means have the same sign, ``"opposite"`` when their signs differ, ``"zero"`` when either is exactly 0 or
    missing. ``direction_disagrees`` is ``direction == "opposite"``.
    """
    keys = group_keys(by)
    _require(scored, [*keys, "article_id", *MEASURES])
    ordered = _in_order(scored)
    sums = tone_sums(ordered, group_keys(keys, "article_id"), measures=MEASURES, include_no_signal=include_no_signal)
    store = Store.from_frames(sentences=ordered.assign(_counted=counted(ordered, "textblob",
                                                                        include_no_signal=include_no_signal)))
    pairs = agreement_pairs(store, "SELECT * FROM sentences WHERE _counted", keys)
    return agreement_table(sums, pairs, keys)


def agreement_pairs(store, rows_sql: str, keys: list[str], *, limit: int = MAX_AGREEMENT_SENTENCES) -> pd.DataFrame:
    """Both lexicons' scores of each group's counted sentences (a fixed sample of ``limit`` in larger groups:
    those with the smallest hash of article id and sentence number)."""
    group = ", ".join(quote(k) for k in keys)
    return store.sql(f"""
        SELECT {group}, textblob, vader FROM ({rows_sql})
        QUALIFY row_number() OVER (PARTITION BY {group} ORDER BY hash(article_id, sentence_no), article_id,
                                   sentence_no) <= {int(limit)}
        ORDER BY {group}, article_id, sentence_no""")


def agreement_table(sums: pd.DataFrame, pairs: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The rows of :func:`tone_agreement` from per-group sums and the sentence pairs of each group."""
    rows = []
    pairs_by_group = {g if isinstance(g, tuple) else (g,): p for g, p in pairs.groupby(keys, sort=False,
                                                                                          dropna=False)}
    for group, part in sums.sort_values(keys, kind="stable").groupby(keys, sort=True, dropna=False):
        group = group if isinstance(group, tuple) else (group,)
        n = int(part["textblob_n"].sum())
        means = [math.fsum(part[f"{m}_sum"]) / n if n else np.nan for m in ("textblob", "vader")]
        pair = pairs_by_group.get(group)
        rho = spearman(pair["textblob"], pair["vader"]) if pair is not None and len(pair) >= 3 else np.nan
        direction = _direction(*means)
        rows.append((*group, n, rho, *means, direction, direction == "opposite"))
    return pd.DataFrame(rows, columns=[*keys, "n_scored", "spearman", "textblob_mean", "vader_mean", "direction",
                                       "direction_disagrees"])


def spearman(x: pd.Series, y: pd.Series) -> float:
    """Spearman's rank correlation (average ranks for ties); NaN when either side is constant."""
    rx, ry = pd.Series(x).rank(), pd.Series(y).rank()
    if rx.nunique() < 2 or ry.nunique() < 2:
        return np.nan
    return float(rx.corr(ry))


def article_tone(scored: pd.DataFrame, *, articles: pd.DataFrame | None = None,
                 include_no_signal: bool = False, keep: Sequence[str] = ("source", "source_type", "published",
                                                                          "event")) -> pd.DataFrame:
    """One row per article: its tone as the plain mean of its scored sentences.

    Formula: ``textblob`` (and ``vader``) = the mean over the article's sentences that carry a signal, each
    sentence weighted equally, so a long article does not count for more than a short one in later averages.
    The sums are taken in sentence order, so an article's mean is the same to the last bit however the corpus
    was chunked. Columns: ``article_id``, the columns of ``keep`` that exist (their first value in the
    article), ``n_sentences``, ``n_scored``, ``textblob``, ``vader``. With ``articles``, TextBlob's and VADER's
    scores of the whole text stand beside them (``doc_textblob``, ``doc_vader``) for reference; VADER's
    whole-text score saturates near ±1 and is shown only to make that visible.
    """
    _require(scored, ["article_id", *MEASURES])
    sums = tone_sums(scored, ["article_id"], measures=MEASURES, include_no_signal=include_no_signal)
    out = sums[["article_id", "n_sentences"]].assign(n_scored=sums["textblob_n"])
    for measure in MEASURES:
        with np.errstate(invalid="ignore", divide="ignore"):
            out[measure] = np.where(sums[f"{measure}_n"] > 0, sums[f"{measure}_sum"] / sums[f"{measure}_n"], np.nan)
    columns = [c for c in keep if c in scored.columns and c != "article_id"]
    if columns:
        out = scored.drop_duplicates("article_id")[["article_id", *columns]].merge(out, on="article_id", how="right")
    if articles is not None:
        docs = score_tone(articles[["article_id", "text"]])[["article_id", *MEASURES]]
        out = out.merge(docs.rename(columns={m: f"doc_{m}" for m in MEASURES}), on="article_id", how="left")
    return out


def tone_by_position(scored: pd.DataFrame, *, by: str = "source", bins: int = 5,
                     measures: Sequence[str] = MEASURES, include_no_signal: bool = False) -> pd.DataFrame:
    """Mean tone along the article: sentences binned by relative position (0 = lede, 1 = last sentence).

    Long form: ``by``, ``position`` (bin label such as ``"0-20%"``), ``position_mid``, ``measure``, ``mean``,
    ``n_scored`` and ``n_articles`` (the articles with a scored sentence in the bin).
    """
    measures = [canonical_measure(m) for m in measures]
    _require(scored, [by, "article_id", "sentence_no", "article_sentences", *measures])
    framed = _in_order(scored).assign(position=lambda f: position_of(f, bins=bins))
    sums = tone_sums(framed, group_keys(by, "article_id", "position"), measures=measures,
                     include_no_signal=include_no_signal)
    return summarise_positions(sums, by=by, measures=measures, bins=bins)


def summarise_positions(sums: pd.DataFrame, *, by: str, measures: Sequence[str], bins: int = 5) -> pd.DataFrame:
    """The rows of :func:`tone_by_position` from per-article sums per position bin."""
    labels = [f"{round(100 * i / bins)}-{round(100 * (i + 1) / bins)}%" for i in range(bins)]
    rows = []
    for (group, position), part in sums.groupby([by, "position"], sort=True, observed=True):
        for measure in measures:
            counts = part[f"{measure}_n"]
            n = int(counts.sum())
            if n:
                rows.append((group, labels[int(position)], (int(position) + 0.5) / bins, measure,
                             math.fsum(part[f"{measure}_sum"]) / n, n, int((counts > 0).sum())))
    return pd.DataFrame(rows, columns=[by, "position", "position_mid", "measure", "mean", "n_scored", "n_articles"])


def extreme_sentences(scored: pd.DataFrame, *, by: str = "source", n: int = 3,
                      measure: str = "vader") -> pd.DataFrame:
    """The ``n`` most positive and ``n`` most negative sentences of each group by ``measure``, with the other
    lexicon's score and the words behind the score that ranked them (``drivers``: VADER's words and weights
    for ``measure="vader"``, :func:`analysis.scores.sentiment.vader_drivers`; TextBlob's for ``"textblob"``;
    empty for a dictionary measure).

    Columns: ``by``, ``direction`` ("most positive"/"most negative"), the measure's value, the other lexicon's
    score, ``drivers``, ``voice`` and ``speaker`` (when present), ``article_id``, ``sentence_no`` and ``text``.
    Ties are broken by article id and sentence number.
    """
    measure = canonical_measure(measure)
    _require(scored, [by, measure, "text", "article_id", "sentence_no"])
    framed = scored.assign(_counted=counted(scored, measure))
    store = Store.from_frames(sentences=framed)
    return extreme_rows(store, "SELECT * FROM sentences WHERE _counted", by=by, measure=measure, n=n,
                        columns=list(framed.columns))


def extreme_rows(store, rows_sql: str, *, by: str, measure: str, n: int, columns: list[str]) -> pd.DataFrame:
    """:func:`extreme_sentences` as one query (the notebooks run it on a scored corpus of any size)."""
    other = "vader" if measure != "vader" else "textblob"
    wanted = [c for c in (measure, other, "drivers", "voice", "speaker", "article_id", "sentence_no", "text")
              if c in columns and c != by]
    select = ", ".join(quote(c) for c in wanted)
    parts = []
    for direction, sign, order in (("most positive", ">", "DESC"), ("most negative", "<", "ASC")):
        parts.append(store.sql(f"""
            SELECT {quote(by)}, '{direction}' AS direction, {select} FROM ({rows_sql})
            WHERE {quote(measure)} {sign} 0
            QUALIFY row_number() OVER (PARTITION BY {quote(by)} ORDER BY {quote(measure)} {order}, article_id,
                                       sentence_no) <= {int(n)}
            ORDER BY {quote(by)}, {quote(measure)} {order}, article_id, sentence_no"""))
    out = pd.concat(parts, ignore_index=True)  # within each group, the most positive come first
    if "drivers" in out and measure != "textblob":  # the words behind the measure that ranked them
        out["drivers"] = out["text"].map(vader_drivers) if measure == "vader" and "text" in out else ""
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def actor_tone(scored: pd.DataFrame, actors: dict[str, dict], *, by: str = "source", **options) -> pd.DataFrame:
    """Tone toward each actor per group: :func:`analysis.tone_by_source` over the sentences mentioning it.

    Long form with ``by``, ``actor`` and the columns of ``tone_by_source``;
    ``options`` are passed on (``measures``, ``n_boot``, ``resample``, …).
    """
    mentions = match_actors(scored, actors)
    keys = group_keys(by, "actor")  # by="actor": tone toward each actor, over every group
    if mentions.empty:
        return tone_by_source(scored.iloc[0:0].assign(actor=pd.Series(dtype=str)), by=keys, **options)
    return tone_by_source(mentions, by=keys, **options)


def voice_tone_totals(scored: pd.DataFrame, *, measure: str = "vader", by: str | None = None) -> pd.DataFrame:
    """How much of the positive and of the negative tone each voice carries (the table behind
    :func:`analysis.report.findings.voice_share_finding`).

    Input: scored sentences with ``voice`` and ``measure``; sentences with no score, or flagged ``no_signal``, are
    left out (the sentences ``tone_by_source`` averages). Columns: ``by`` (when given), ``voice``, ``measure``,
    ``n_scored``, ``n_positive`` and ``n_negative`` (scores above / below zero), ``positive_total`` (sum of the
    positive scores), ``negative_total`` (sum of the negative scores, ≤ 0), and, within each group,
    ``scored_share``, ``positive_share`` and ``negative_share`` (0–1; NaN when the group has no such tone).
    Sums add up across groups, so the corpus-wide table is the sum of the per-group ones.
    """
    used = scored[scored[measure].notna()]
    if "no_signal" in used:
        used = used[~used["no_signal"].astype(bool)]
    values = used[measure].astype(float)
    frame = pd.DataFrame({"voice": used["voice"], "positive": values.clip(lower=0), "negative": values.clip(upper=0),
                          "is_positive": values > 0, "is_negative": values < 0})
    keys = ["voice"] if by is None else group_keys(by, "voice")
    if by is not None:
        frame[by] = used[by]
    out = frame.groupby(keys, sort=True).agg(n_scored=("voice", "size"), n_positive=("is_positive", "sum"),
                                             n_negative=("is_negative", "sum"), positive_total=("positive", "sum"),
                                             negative_total=("negative", "sum")).reset_index()
    out.insert(len(keys), "measure", measure)
    return add_voice_shares(out, by)


def add_voice_shares(totals: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """``totals`` (of :func:`voice_tone_totals`) with ``scored_share``, ``positive_share`` and ``negative_share``
    within each ``by`` group (over the whole table when ``by`` is None)."""
    grouped = totals.groupby(by) if by is not None else None
    for column, share in (("n_scored", "scored_share"), ("positive_total", "positive_share"),
                          ("negative_total", "negative_share")):
        whole = grouped[column].transform("sum") if grouped is not None else totals[column].sum()
        totals[share] = totals[column] / whole.where(whole != 0) if grouped is not None else (
            totals[column] / whole if whole != 0 else np.nan)
    return totals


def group_keys(by: str | Sequence[str], *more: str) -> list[str]:
    """The grouping columns ``by`` (a name or a list), then ``more``, each once: grouping by a column that is also
    a key of the rows (``by="article_id"``, or ``"actor"`` for actor tone) groups by it once."""
    keys = [by] if isinstance(by, str) else list(by)
    return list(dict.fromkeys([*keys, *more]))


def usable(scored: pd.DataFrame, include_no_signal: bool = False) -> pd.Series:
    """The sentences the lexicons' means are taken over (scored, with a signal unless ``include_no_signal``)."""
    return pd.Series(counted(scored, "textblob", include_no_signal=include_no_signal), index=scored.index)


def _in_order(scored: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ("article_id", "sentence_no") if c in scored.columns]
    return scored.sort_values(keys, kind="stable") if keys else scored


def _values_from(ordered: pd.DataFrame, keys: list[str], include_no_signal: bool):
    groups = ordered.groupby(keys, sort=False, dropna=False).indices

    def values(group: tuple, measure: str) -> np.ndarray:
        rows = ordered.iloc[groups.get(group if len(keys) > 1 else group[0], [])]
        return rows.loc[counted(rows, measure, include_no_signal=include_no_signal), measure].to_numpy(dtype=float)

    return values


def _median(values: np.ndarray) -> float:
    return float(np.median(values)) if len(values) else np.nan


def _check_resample(resample: str) -> None:
    if resample not in ("auto", "sentence", "article"):
        raise ValueError(f"resample must be 'auto', 'sentence' or 'article', not {resample!r}")


def _resampling(resample: str, n_articles: int) -> str:
    _check_resample(resample)
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


def _direction(textblob: float, vader: float) -> str:
    if np.isnan(textblob) or np.isnan(vader) or textblob == 0 or vader == 0:
        return "zero"
    return "same" if (textblob > 0) == (vader > 0) else "opposite"


def _require(frame: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"missing column(s) {missing}; the frame has {list(frame.columns)}. "
                       "Score sentences first: score_tone(split_sentences(corpus.articles))")
