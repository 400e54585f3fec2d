"""What each chart and table of the notebooks shows, read from a scored corpus of any size.

Each function takes an :class:`analysis.explore.session.Analysis` (a scored corpus, its grouping column and its
codebook and actors) and returns the same table as the library's function on a DataFrame of every sentence
(``tone_by_source``, ``topic_coverage``, …), built instead from the per-article sums the pipeline wrote
(:mod:`analysis.scores.aggregates`) and from queries that return a few rows (:mod:`analysis.tables.store`). So a notebook
never loads the sentence table, and its memory and time do not grow with the corpus beyond the per-article
tables. ``tests/explore/test_views.py`` checks every view against the library's in-memory function.

Some views work on a fixed sample when a group is large, and say so in a ``sampled`` attribute of the table:
the rank correlation of the two lexicons (100,000 sentences per group), the dots of the tone distribution
(1,500 per group), and the views that read article text: keyness (500 articles per group), the pattern audit
and the term rates (300 articles per group).
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.content.keywords import count_terms
from analysis.content.keywords import keyness as keyness_of
from analysis.content.topics import kwic_samples
from analysis.content.topics import pattern_counts as counts_of
from analysis.scores.aggregates import LEXICONS
from analysis.scores.sentiment import DICTIONARY_MEASURES
from analysis.scores.sourcing import TOP_SOURCES, summarise_sourcing
from analysis.scores.stance.model import MIN_CLEAR_ARTICLES, stance_summary
from analysis.scores.tone import (MAX_AGREEMENT_SENTENCES, SUMMARY_COLUMNS, add_voice_shares, agreement_pairs,
                                  agreement_table, canonical_measure, extreme_rows, summarise_positions,
                                  summarise_tone)
from analysis.tables.store import Rows, quote
from analysis.text.segment import LEDE_SENTENCES
from analysis.voices.sources import summarise_sources
from analysis.voices.unnamed import UNKNOWN

COVERAGE_COLUMNS = ["group", "topic", "sentence_share", "mentions", "per_1000_words", "articles_mentioning",
                    "n_articles", "article_share", "first_in_lede", "first_buried", "n_sentences", "words"]
KEYNESS_SAMPLE = 500  # articles per group whose text keyness reads
AUDIT_SAMPLE = 300  # articles per group whose sentences the pattern audit and the term rates read
DOTS = 1_500  # sentences per group drawn as dots (plots.MAX_DOTS)
BATCH_ROWS = 2_000_000  # per-article rows a view holds at once when it summarises groups batch by batch
SAMPLE_MARGIN = 4  # a hash sample's window ranks about this many times the rows it keeps (see _hash_sample)
NEUTRAL = "all"


def _rows(a, *, where: str = "") -> str:
    """The unique articles' sentences with their group, as SQL."""
    return (f"SELECT s.*, u.{quote(a.by)} FROM sentences s JOIN units u USING (article_id)"
            + (f" WHERE {where}" if where else ""))


def scored_measures(a) -> list[str]:
    """The tone measures this corpus was scored with."""
    columns = set(a.store.columns("article_tone"))
    return [m for m in (*LEXICONS, *DICTIONARY_MEASURES) if f"{m}_n" in columns]


def tone(a, *, measures: Sequence[str] | None = None, voices: bool = False, n_boot: int = 2000,
         seed: int = 0) -> pd.DataFrame:
    """:func:`analysis.scores.tone.tone_by_source` per group (and per voice with ``voices``)."""
    chosen = [canonical_measure(m) for m in (measures or scored_measures(a))]
    keys = [a.by, "voice"] if voices else [a.by]
    rows = (f"FROM article_tone t JOIN units u USING (article_id) "
            f"WHERE t.voice {'<>' if voices else '='} '{NEUTRAL}'")
    columns = f"t.article_id, {'t.voice, ' if voices else ''}t.n_sentences, {_stat_columns(chosen, 't')}"
    return _summarised(a, rows, columns, keys=keys, measures=chosen, values=_values(a, keys),
                       medians=_medians(a, keys, chosen), n_boot=n_boot, seed=seed)


def _summarised(a, rows: str, columns: str, *, keys: list[str], measures: list[str], values, medians, n_boot: int,
                seed: int) -> pd.DataFrame:
    """:func:`analysis.scores.tone.summarise_tone` over per-article rows (``SELECT u.by, columns rows``), fetched in
    batches of groups of at most ``BATCH_ROWS`` rows. Groups come in sorted order and one random generator
    runs through them, so the result is the one a single call on all rows gives."""
    g = quote(a.by)
    sizes = a.store.sql(f"SELECT u.{g} AS key, count(*) AS n {rows} GROUP BY ALL ORDER BY key")
    rng = np.random.default_rng(seed)
    parts = []
    for batch in _batches(sizes["key"].tolist(), sizes["n"].tolist(), BATCH_ROWS):
        sums = a.store.frame(f"SELECT u.{g}, {columns} {rows} AND u.{g} IN ({', '.join('?' * len(batch))})", batch,
                             categories=(*keys, "article_id"))
        parts.append(summarise_tone(sums, keys=keys, measures=measures, values=values, medians=medians,
                                    n_boot=n_boot, rng=rng))
    if not parts:
        return pd.DataFrame(columns=[*keys, *SUMMARY_COLUMNS])
    return pd.concat(parts, ignore_index=True)


def _stat_columns(chosen: Sequence[str], alias: str) -> str:
    """The per-measure sum and count columns of ``chosen`` measures, for a SELECT (only those are read)."""
    return ", ".join(f"{alias}.{quote(f'{m}_{s}')}" for m in chosen for s in ("n", "sum", "positive", "negative"))


def _values(a, keys: list[str]):
    def values(group: tuple, measure: str) -> np.ndarray:
        conditions = " AND ".join(f"{quote(k)} = ?" for k in keys)
        counted = _counted_condition(measure)
        frame = a.store.sql(f"SELECT {quote(measure)} FROM ({_rows(a)}) WHERE {conditions} AND {counted} "
                            "ORDER BY article_id, sentence_no", list(group))
        return frame[measure].to_numpy(dtype=float)

    return values


def _counted_condition(measure: str) -> str:
    lexicon = f" AND NOT no_signal" if measure in LEXICONS else ""
    return f"({quote(measure)} IS NOT NULL{lexicon})"


def _medians(a, keys: list[str], chosen: list[str]):
    """Each group's median, as ``numpy.median`` takes it: the middle value, or the mean of the two middle ones
    (the lower middle is ``quantile_disc(x, 0.5)``, the upper one ``-quantile_disc(-x, 0.5)``)."""
    return _group_medians(a, _rows(a), keys, chosen)


def _group_medians(a, rows_sql: str, keys: list[str], chosen: Sequence[str]):
    """Each group's median of each measure, as numpy takes it (the two middle values, averaged).

    The middle values are found from counts of each distinct value, not by holding a group's values: a count
    is an aggregate DuckDB can spill to disk, so a million articles' sentences fit in the store's memory
    (scores have few distinct values: VADER's four decimals give at most 20,001)."""
    found: dict[tuple, float] = {}
    group = ", ".join(quote(k) for k in keys)
    for measure in chosen:
        x = quote(measure)
        middle = a.store.sql(f"""
            WITH c AS (SELECT {group}, {x} AS x, count(*) AS n FROM ({rows_sql})
                       WHERE {_counted_condition(measure)} GROUP BY ALL),
                 r AS (SELECT {group}, x, sum(n) OVER (PARTITION BY {group} ORDER BY x ROWS UNBOUNDED PRECEDING) AS upto,
                              sum(n) OVER (PARTITION BY {group}) AS total FROM c)
            SELECT {group}, min(x) FILTER (WHERE upto >= (total + 1) // 2) AS low,
                   min(x) FILTER (WHERE upto >= total // 2 + 1) AS high
            FROM r GROUP BY ALL""")
        for row in middle.itertuples(index=False):
            key = tuple(row[:len(keys)])
            found[(key, measure)] = (row[-2] + row[-1]) / 2
    return lambda key, measure: found.get((key, measure), np.nan)


def positions(a, *, measures: Sequence[str] | None = None) -> pd.DataFrame:
    """:func:`analysis.scores.tone.tone_by_position` per group."""
    chosen = [canonical_measure(m) for m in (measures or scored_measures(a))]
    sums = a.store.frame(f"""SELECT u.{quote(a.by)}, p.position,
                                    {", ".join(f"p.{quote(f'{m}_{s}')}" for m in chosen for s in ("n", "sum"))}
                             FROM article_positions p JOIN units u USING (article_id)""", categories=(a.by,))
    return summarise_positions(sums, by=a.by, measures=chosen)


def agreement(a) -> pd.DataFrame:
    """:func:`analysis.scores.tone.tone_agreement` per group (the rank correlation on a fixed sample in large groups)."""
    sums = a.store.sql(f"""SELECT u.{quote(a.by)}, t.article_id, {_stat_columns(("textblob", "vader"), "t")}
                           FROM article_tone t JOIN units u USING (article_id) WHERE t.voice = '{NEUTRAL}'""")
    pairs = agreement_pairs(a.store, _rows(a, where="textblob IS NOT NULL AND NOT no_signal"), [a.by])
    out = agreement_table(sums, pairs, [a.by])
    out.attrs["sampled"] = bool((out["n_scored"] > MAX_AGREEMENT_SENTENCES).any())
    return out


def extremes(a, *, measure: str = "vader", n: int = 3) -> pd.DataFrame:
    """:func:`analysis.scores.tone.extreme_sentences` per group."""
    measure = canonical_measure(measure)
    rows = _rows(a, where=_counted_condition(measure))
    return extreme_rows(a.store, rows, by=a.by, measure=measure, n=n, columns=a.store.columns("sentences"))


def distribution(a, *, measure: str = "vader", dots: int = DOTS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`analysis.report.plots.tone_spread`: box statistics over every counted sentence of each group (quartiles,
    the whiskers' ends at the furthest value within 1.5 IQR, as matplotlib draws them), and up to ``dots``
    sentences per group to draw as dots (a fixed sample: the sentences with the smallest hash of their keys)."""
    measure = canonical_measure(measure)
    rows = _rows(a, where=_counted_condition(measure))
    x, g = quote(measure), quote(a.by)
    values = f"SELECT {g}, {x} AS x FROM ({rows})"
    # One list quantile keeps one copy of a group's values (three scalar ones keep three), and the values are
    # scanned twice rather than held in a CTE: a million articles' sentences stay within the store's memory.
    stats = a.store.sql(f"""
        WITH q AS (SELECT {g}, count(*) AS n_scored, avg(x) AS mean, quantile_cont(x, [0.25, 0.5, 0.75]) AS qs,
                          min(x) AS minimum, max(x) AS maximum FROM ({values}) GROUP BY {g})
        SELECT q.{g}, q.n_scored, q.mean, q.qs[1] AS q1, q.qs[2] AS median, q.qs[3] AS q3,
               min(v.x) FILTER (WHERE v.x >= q.qs[1] - 1.5 * (q.qs[3] - q.qs[1])) AS whislo,
               max(v.x) FILTER (WHERE v.x <= q.qs[3] + 1.5 * (q.qs[3] - q.qs[1])) AS whishi, q.minimum, q.maximum
        FROM q JOIN ({values}) v USING ({g}) GROUP BY q.{g}, q.n_scored, q.mean, q.qs, q.minimum, q.maximum
        ORDER BY q.{g}""")
    sample = _hash_sample(a, rows, stats.set_index(a.by)["n_scored"], columns=[a.by, measure], n=dots)
    sample.attrs["sampled"] = bool((stats["n_scored"] > dots).any())
    return stats, sample


def _hash_sample(a, rows: str, sizes: pd.Series, *, columns: list[str], n: int) -> pd.DataFrame:
    """Up to ``n`` rows of each group of ``rows``: those with the smallest hash(article_id, sentence_no).

    The window that ranks them runs only over rows whose hash is below a per-group bound set to keep about
    ``SAMPLE_MARGIN`` times ``n`` (all rows of a small group), so it never sorts a large group whole. Every row
    of the sample has a hash below the bound whenever at least ``n`` rows pass it, so the sample is the one the
    unbounded window would take; a group where fewer pass (improbable) is taken again without the bound.
    """
    g = quote(a.by)
    picked = ", ".join(quote(c) for c in columns)
    bounds = pd.DataFrame({a.by: sizes.index,
                           "_bound": [min(2**64 - 1, int((2**64 - 1) * min(1.0, SAMPLE_MARGIN * n / max(size, 1))))
                                      for size in sizes.to_numpy()]})
    bounds["_bound"] = bounds["_bound"].astype("uint64")
    bounds["_want"] = [min(n, int(size)) for size in sizes.to_numpy()]
    name = "_sample_bounds"
    try:
        def ranked(where: str) -> pd.DataFrame:
            a.store.con.register(name, bounds)
            return a.store.sql(f"""
                SELECT {picked}, r.article_id, r.sentence_no FROM ({rows}) r JOIN {name} b USING ({g})
                WHERE {where}
                QUALIFY row_number() OVER (PARTITION BY r.{g} ORDER BY hash(r.article_id, r.sentence_no),
                                           r.article_id, r.sentence_no) <= {int(n)}""")

        sample = ranked("hash(r.article_id, r.sentence_no) <= b._bound")
        got = sample.groupby(a.by, dropna=False).size().reindex(bounds[a.by], fill_value=0).to_numpy()
        bounds["_retry"] = got < bounds["_want"].to_numpy()
        if bounds["_retry"].any():
            again = ranked("b._retry")
            retried = set(bounds.loc[bounds["_retry"], a.by])
            sample = pd.concat([sample[~sample[a.by].isin(retried)], again], ignore_index=True)
    finally:
        a.store.con.unregister(name)
    sample = sample.sort_values([a.by, "article_id", "sentence_no"], kind="stable", ignore_index=True)
    return sample[columns]


def voice_shares(a) -> pd.DataFrame:
    """:func:`analysis.voices.voices.voice_shares` per group: ``by``, ``voice``, ``sentences``, ``share``."""
    counts = a.store.sql(f"""SELECT u.{quote(a.by)}, t.voice, sum(t.n_sentences)::BIGINT AS sentences
                             FROM article_tone t JOIN units u USING (article_id) WHERE t.voice <> '{NEUTRAL}'
                             GROUP BY ALL ORDER BY ALL""")
    counts["share"] = counts["sentences"] / counts.groupby(a.by)["sentences"].transform("sum")
    return counts


def voice_tone_totals(a, *, measure: str = "vader") -> pd.DataFrame:
    """:func:`analysis.scores.tone.voice_tone_totals` over the whole corpus: how much of the positive and of the
    negative tone each voice carries."""
    measure = canonical_measure(measure)
    x = quote(measure)
    totals = a.store.sql(f"""
        SELECT voice, '{measure}' AS measure, count(*) AS n_scored, count(*) FILTER (WHERE {x} > 0) AS n_positive,
               count(*) FILTER (WHERE {x} < 0) AS n_negative, coalesce(sum(greatest({x}, 0)), 0) AS positive_total,
               coalesce(sum(least({x}, 0)), 0) AS negative_total
        FROM ({_rows(a, where=_counted_condition(measure))}) GROUP BY voice ORDER BY voice""")
    return add_voice_shares(totals, None)


def coverage(a, *, lede_sentences: int = LEDE_SENTENCES) -> pd.DataFrame:
    """:func:`analysis.content.topics.topic_coverage` per group, over every topic of the codebook."""
    if not a.store.has("article_topics"):
        return pd.DataFrame(columns=[a.by, *COVERAGE_COLUMNS[1:]])  # no topic table: no codebook, or no article
    g = quote(a.by)
    groups = a.store.sql(f"""
        SELECT u.{g}, sum(t.n_sentences)::BIGINT AS n_sentences, count(*) AS n_articles,
               sum(a.n_words)::BIGINT AS words
        FROM article_tone t JOIN units u USING (article_id) JOIN articles a USING (article_id)
        WHERE t.voice = '{NEUTRAL}' GROUP BY ALL""").set_index(a.by)
    hits = a.store.sql(f"""
        SELECT u.{g}, p.topic, sum(p.sentences)::BIGINT AS sentences, sum(p.mentions)::BIGINT AS mentions,
               count(*) AS articles_mentioning,
               count(*) FILTER (WHERE p.first_sentence < {int(lede_sentences)}) AS first_in_lede,
               count(*) FILTER (WHERE p.first_sentence >= t.n_sentences / 2) AS first_buried
        FROM article_topics p JOIN units u USING (article_id)
             JOIN article_tone t ON t.article_id = p.article_id AND t.voice = '{NEUTRAL}'
        GROUP BY ALL""").set_index([a.by, "topic"])
    rows = []
    for group, info in groups.sort_index().iterrows():
        for topic in a.codebook:
            h = hits.loc[(group, topic)] if (group, topic) in hits.index else None
            mentions = int(h["mentions"]) if h is not None else 0
            found = int(h["articles_mentioning"]) if h is not None else 0
            rows.append((group, topic, (int(h["sentences"]) if h is not None else 0) / info["n_sentences"], mentions,
                         1000 * mentions / max(info["words"], 1), found, int(info["n_articles"]),
                         found / info["n_articles"], int(h["first_in_lede"]) if h is not None else 0,
                         int(h["first_buried"]) if h is not None else 0, int(info["n_sentences"]),
                         int(info["words"])))
    return pd.DataFrame(rows, columns=[a.by, *COVERAGE_COLUMNS[1:]])


def kwic(a, *, per_topic: int = 3, window: int = 40) -> pd.DataFrame:
    """:func:`analysis.content.topics.kwic_samples`: a few keyword-in-context lines per topic, from different groups.

    Only the first sentence of each topic in each group is read (in article and sentence order), which is
    where the library's function, reading every sentence in that order, takes its lines from."""
    if not a.store.has("topics"):
        return pd.DataFrame(columns=["topic", a.by, "article_id", "left", "match", "right", "pattern"])
    g = quote(a.by)
    first = a.store.sql(f"""
        SELECT s.article_id, s.sentence_no, s.text, u.{g} FROM sentences s JOIN units u USING (article_id)
        JOIN (SELECT DISTINCT article_id, sentence_no FROM (
                SELECT p.article_id, p.sentence_no, row_number() OVER (PARTITION BY p.topic, u2.{g}
                       ORDER BY p.article_id, p.sentence_no) AS r
                FROM topics p JOIN units u2 USING (article_id)) WHERE r = 1) f USING (article_id, sentence_no)
        ORDER BY s.article_id, s.sentence_no""")
    return kwic_samples(first, a.codebook, by=a.by, per_topic=per_topic, window=window)


def actor_voice(a) -> pd.DataFrame:
    """:func:`analysis.content.actors.actor_voice` per group: who is mentioned, and who gets to speak."""
    if not a.store.has("article_actors"):
        return pd.DataFrame(columns=[a.by, "actor", "actor_type", "sentences_mentioning", "quoted_sentences",
                                     "quote_share", "group_sentences"])
    g = quote(a.by)
    out = a.store.sql(f"""
        SELECT u.{g}, p.actor, any_value(p.actor_type) AS actor_type,
               sum(p.sentences)::BIGINT AS sentences_mentioning, sum(p.quoted_sentences)::BIGINT AS quoted_sentences
        FROM article_actors p JOIN units u USING (article_id) GROUP BY ALL""")
    totals = out.groupby(a.by)["quoted_sentences"].transform("sum")
    out["quote_share"] = (out["quoted_sentences"] / totals.where(totals > 0)).fillna(0.0)
    sentences = a.store.sql(f"""SELECT u.{g}, sum(t.n_sentences)::BIGINT AS n FROM article_tone t
                                JOIN units u USING (article_id) WHERE t.voice = '{NEUTRAL}' GROUP BY ALL""")
    out["group_sentences"] = out[a.by].map(dict(zip(sentences[a.by], sentences["n"])))
    out = out[(out["sentences_mentioning"] > 0) | (out["quoted_sentences"] > 0)]
    return out.sort_values([a.by, "sentences_mentioning", "actor"], ascending=[True, False, True]).reset_index(drop=True)


def sources(a) -> pd.DataFrame:
    """:func:`analysis.voices.sources.quoted_sources` per group: every source each group quotes, from the
    ``article_sources`` table (summed in SQL; a few rows per article)."""
    if not a.store.has("article_sources"):
        return summarise_sources(pd.DataFrame(), pd.DataFrame(), keys=[a.by])
    g = quote(a.by)
    rows = "FROM article_sources p JOIN units u USING (article_id) GROUP BY ALL"
    counts = a.store.sql(f"""SELECT u.{g}, p.speaker, sum(p.n_quotes)::BIGINT AS n_quotes,
                                    count(DISTINCT p.article_id)::BIGINT AS n_articles {rows}""")
    attributes = a.store.sql(f"""SELECT u.{g}, p.speaker, p.kind, p.role, p.affiliation, p.gender, p.official,
                                        sum(p.n_quotes)::BIGINT AS n_quotes {rows}""")
    return summarise_sources(counts, attributes, keys=[a.by])


def sourcing(a, *, top: int = TOP_SOURCES, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """:func:`analysis.scores.sourcing.source_summary` per group: distinct sources, unnamed, official and women's
    shares of the quoted sentences with intervals over articles, the top sources."""
    if not a.store.has("article_sources"):
        return summarise_sourcing(pd.DataFrame(), sources(a), keys=[a.by])
    g = quote(a.by)
    per_article = a.store.sql(f"""
        SELECT p.article_id, u.{g}, sum(p.n_quotes)::BIGINT AS quotes,
               sum(CASE WHEN p.speaker = '{UNKNOWN}' THEN p.n_quotes ELSE 0 END)::BIGINT AS unnamed,
               sum(CASE WHEN p.official THEN p.n_quotes ELSE 0 END)::BIGINT AS official,
               sum(CASE WHEN p.kind = 'person' AND p.gender IN ('female', 'male') THEN p.n_quotes ELSE 0 END)::BIGINT
                   AS known,
               sum(CASE WHEN p.kind = 'person' AND p.gender = 'female' THEN p.n_quotes ELSE 0 END)::BIGINT AS female,
               sum(CASE WHEN p.kind = 'person' AND p.gender = 'male' THEN p.n_quotes ELSE 0 END)::BIGINT AS male,
               count(*) FILTER (WHERE p.speaker = '{UNKNOWN}')::BIGINT AS unnamed_sources
        FROM article_sources p JOIN units u USING (article_id) GROUP BY ALL ORDER BY p.article_id""")
    return summarise_sourcing(per_article, sources(a), keys=[a.by], top=top, n_boot=n_boot, seed=seed)


def actor_tone(a, *, measures: Sequence[str] | None = None, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """:func:`analysis.scores.tone.actor_tone` per group: the tone of the sentences that mention each actor."""
    chosen = [canonical_measure(m) for m in (measures or scored_measures(a))]
    if not a.store.has("article_actors"):
        return pd.DataFrame(columns=[a.by, "actor", *SUMMARY_COLUMNS])
    rows = "FROM article_actors p JOIN units u USING (article_id) WHERE p.sentences > 0"
    columns = f"p.article_id, p.actor, p.sentences AS n_sentences, {_stat_columns(chosen, 'p')}"
    return _summarised(a, rows, columns, keys=[a.by, "actor"], measures=chosen, values=_actor_values(a),
                       medians=_actor_medians(a, chosen), n_boot=n_boot, seed=seed)


def _batches(keys: list, sizes: list[int], limit: int) -> list[list]:
    """Consecutive runs of ``keys`` whose ``sizes`` add up to at most ``limit`` (a larger key goes alone)."""
    batches, current, total = [], [], 0
    for key, size in zip(keys, sizes):
        if current and total + size > limit:
            batches.append(current)
            current, total = [], 0
        current.append(key)
        total += size
    return batches + ([current] if current else [])


def _actor_rows(a) -> str:
    return (f"SELECT s.*, u.{quote(a.by)}, m.actor FROM sentences s JOIN units u USING (article_id) "
            "JOIN actors m USING (article_id, sentence_no)")


def _actor_values(a):
    def values(group: tuple, measure: str) -> np.ndarray:
        frame = a.store.sql(f"SELECT {quote(measure)} FROM ({_actor_rows(a)}) WHERE {quote(a.by)} = ? AND actor = ? "
                            f"AND {_counted_condition(measure)} ORDER BY article_id, sentence_no", list(group))
        return frame[measure].to_numpy(dtype=float)

    return values


def _actor_medians(a, chosen: list[str]):
    return _group_medians(a, _actor_rows(a), [a.by, "actor"], chosen)


def keyness(a, *, sample: int = KEYNESS_SAMPLE, **options) -> pd.DataFrame:
    """:func:`analysis.content.keywords.keyness` per group, on up to ``sample`` articles of each group (a fixed sample:
    those whose ids hash lowest); ``attrs["sampled"]`` says whether any group was sampled."""
    texts = sample_articles(a, sample)
    with warnings.catch_warnings():  # one group: the finding says so
        warnings.simplefilter("ignore", UserWarning)
        out = keyness_of(texts, by=a.by, **options)
    out.attrs["sampled"] = texts.attrs["sampled"]
    out.attrs["groups"] = int(a.articles[a.by].nunique())
    return out


def sample_articles(a, sample: int = KEYNESS_SAMPLE) -> pd.DataFrame:
    """The text of up to ``sample`` articles per group, in article id order."""
    g = quote(a.by)
    texts = a.store.sql(f"""
        SELECT u.{g}, x.article_id, x.text FROM articles x JOIN units u USING (article_id)
        QUALIFY row_number() OVER (PARTITION BY u.{g} ORDER BY hash(x.article_id), x.article_id) <= {int(sample)}
        ORDER BY x.article_id""")
    totals = a.articles.groupby(a.by).size()
    texts.attrs["sampled"] = bool((totals > sample).any())
    return texts


def actor_stance(a, *, n_boot: int = 2000, min_clear: int | None = None) -> pd.DataFrame:
    """:func:`analysis.scores.stance.model.stance_summary` per group and actor: the mean stance of the articles with clear
    evidence, with a bootstrap interval over articles and a reading ("no clear stance" below the threshold).

    With one article per group (a corpus of single reports), one clear article is enough for a reading."""
    if not a.store.has("article_stance"):
        return pd.DataFrame(columns=[a.by, "actor", "n_articles", "n_clear", "mean", "ci_low", "ci_high",
                                     "share_negative", "share_positive", "reading"])
    g = quote(a.by)
    rows = "FROM article_stance s JOIN units u USING (article_id)"
    sizes = a.store.sql(f"SELECT u.{g} AS key, count(*) AS n {rows} GROUP BY ALL ORDER BY key")
    if min_clear is None:
        per_group = a.articles.groupby(a.by).size()
        min_clear = 1 if len(per_group) and per_group.max() == 1 else MIN_CLEAR_ARTICLES
    rng, parts = np.random.default_rng(0), []
    for batch in _batches(sizes["key"].tolist(), sizes["n"].tolist(), BATCH_ROWS):
        stance = a.store.frame(f"""SELECT u.{g}, s.actor, s.stance, s.stance_label, s.clear {rows}
                                   WHERE u.{g} IN ({', '.join('?' * len(batch))}) ORDER BY s.article_id, s.actor""",
                               batch, categories=(a.by, "actor", "stance_label"))
        parts.append(stance_summary(stance, a.articles, by=a.by, n_boot=n_boot, min_clear=min_clear, rng=rng))
    out = pd.concat(parts, ignore_index=True) if parts else stance_summary(
        pd.DataFrame(columns=[a.by, "actor", "stance", "stance_label", "clear"]), a.articles, by=a.by)
    out.attrs["min_clear"] = min_clear
    return out


def actor_stance_evidence(a, *, per_cell: int = 2) -> pd.DataFrame:
    """What each stance cell rests on: for each group and actor, the ``per_cell`` articles whose evidence sentence
    reads the actor most strongly (clear articles first): ``by``, ``actor``, ``article_id``, ``stance``,
    ``stance_label``, ``clear``, ``evidence`` (the evidence words with their values), ``sentence`` (the sentence
    whose tone toward the actor is strongest; the headline when it is) and ``toward`` (that sentence's tone
    toward the actor, from −1 to +1, :func:`analysis.target_sentiment`)."""
    columns = [a.by, "actor", "article_id", "stance", "stance_label", "clear", "evidence", "sentence", "toward"]
    if not a.store.has("article_stance"):
        return pd.DataFrame(columns=columns)
    g = quote(a.by)
    out = a.store.sql(f"""
        SELECT u.{g}, s.actor, s.article_id, s.stance, s.stance_label, s.clear, s.evidence,
               CASE WHEN s.evidence_sentence < 0 THEN x.title ELSE t.text END AS sentence, s.evidence_toward AS toward
        FROM article_stance s JOIN units u USING (article_id) JOIN articles x USING (article_id)
        LEFT JOIN sentences t ON t.article_id = s.article_id AND t.sentence_no = s.evidence_sentence
        QUALIFY row_number() OVER (PARTITION BY u.{g}, s.actor
                                   ORDER BY s.clear DESC, abs(s.evidence_toward) DESC, s.article_id) <= {int(per_cell)}
        ORDER BY s.actor, u.{g}, s.clear DESC, abs(s.evidence_toward) DESC, s.article_id""")
    return out[columns]


def removed_by_reason(a) -> pd.DataFrame:
    """How many spans the cleaner removed, per reason (a count inside a reason, "list of 15 headlines", is left
    out, so that one kind of removal is one row: "list of headlines")."""
    return a.store.sql("""SELECT regexp_replace(reason, '\\b[0-9]+ ', '', 'g') AS reason, count(*) AS spans
                          FROM removed GROUP BY ALL ORDER BY spans DESC, reason""")


def removed_rows(a) -> Rows:
    """Every span the cleaner removed, with its reason, by article (:class:`Rows`: a page shows the first and
    writes them all to its CSV, without loading them)."""
    return Rows(a.store, "SELECT article_id, source, text, reason FROM removed ORDER BY article_id")


def problems(a) -> Rows:
    """Every loading problem, skipped files first (:class:`Rows`)."""
    return Rows(a.store, "SELECT path, severity, message FROM problems ORDER BY severity = 'warning', path")


def duplicates(a) -> Rows:
    """Every article set aside as a duplicate, with the article it copies and how similar they are
    (:class:`Rows`)."""
    return Rows(a.store, """SELECT article_id, source, duplicate_of, duplicate_similarity FROM articles
                            WHERE duplicate_of IS NOT NULL ORDER BY article_id""")


def pattern_counts(a, *, sample: int = AUDIT_SAMPLE) -> pd.DataFrame:
    """:func:`analysis.content.topics.pattern_counts` on the sentences of up to ``sample`` articles per group."""
    ids = sample_articles(a, sample)
    out = counts_of(_sample_sentences(a, ids), a.codebook, warn=False)
    out.attrs["sampled"] = ids.attrs["sampled"]
    return out


def _sample_sentences(a, ids: pd.DataFrame) -> pd.DataFrame:
    a.store.register("sample_ids", ids[["article_id"]])
    return a.store.sql("SELECT s.article_id, s.sentence_no, s.text FROM sentences s JOIN sample_ids USING (article_id) "
                       "ORDER BY s.article_id, s.sentence_no")


def term_rates(a, *, sample: int = AUDIT_SAMPLE, ngrams: tuple[int, int] = (1, 2),
               top: int | None = 10) -> pd.DataFrame:
    """:func:`analysis.content.keywords.count_terms` per group (the ``top`` terms of each; every term with
    ``top=None``), on up to ``sample`` articles per group."""
    texts = sample_articles(a, sample)
    out = count_terms(texts, by=a.by, ngrams=ngrams)
    out = (out if top is None else out.groupby(a.by).head(top)).reset_index(drop=True)
    out.attrs["sampled"] = texts.attrs["sampled"]
    return out
