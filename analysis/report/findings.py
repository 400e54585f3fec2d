"""Findings: the sentences printed under the charts, each computed from a table by stated rules.

Every function takes a tidy table (built by :mod:`analysis.scores.tone`, :mod:`analysis.content.actors`,
:mod:`analysis.content.topics`, …) and returns plain text, which the pages escape. Nothing is written in by hand: which
group is highest, whether two groups differ, who is quoted most, is looked up in the table, and the tests build
tables at the edge of each rule. The rules, shared by every function:

- **Enough data.** A group is compared only when it has at least ``MIN_ARTICLES`` (2) articles and
  ``MIN_SCORED`` (20) scored sentences, and a 95% interval. Smaller groups are named as too small, with their
  counts; one article is one story, not an outlet's habit, and fewer than 20 sentences make a mean that one
  sentence can swing. The findings do not repeat the rule: a page states it once
  (:func:`analysis.report.charts.thin_data_rule`).
- **Differences.** Two means are called different only when their 95% intervals do not overlap; intervals that
  touch overlap. Both intervals are printed beside their means; when they overlap, the sentence says so.
- **Direction.** Two scores agree on the direction of tone only when both are beyond ``ZERO_BAND`` (±0.01) on the
  same side of zero; within the band a mean is "too close to zero to call"; on opposite sides, they disagree.
  A negative rank correlation is never agreement.
- **Ties.** Values that print the same are tied, and every tied group is named: none is picked arbitrarily.
- **n is always shown**: articles and sentences beside every mean, counts beside every share.
- **Edge cases** (no rows, one group, all missing) give a true sentence, never an error.
- **Words** are about the corpus at hand: group names and numbers come from the table, nothing else.

Numbers are written by :mod:`analysis.report.prose` (signs with U+2212, no-break spaces inside intervals and between a
number and its unit, so a page never wraps inside them).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.report.prose import count, interval, measure_label, names, percent, signed, tone_table

MIN_ARTICLES = 2
MIN_SCORED = 20
ZERO_BAND = 0.01
DETAILED = 3  # a list of more groups names them with their n only; their estimates are in the chart and its CSV
IN_CSV = "means and intervals in the chart's CSV"
VOICE_NAMES = {"narration": "narration", "quote": "quoted speech", "mixed": "mixed sentences"}


# ---------------------------------------------------------------- the corpus

def corpus_finding(corpus) -> str:
    """Articles, duplicates, sources, dates, words, removals and loading problems, from ``Corpus.summary()``.

    ``corpus`` is a :class:`analysis.Corpus` (its ``removed`` table names the commonest removal reason, its
    articles say how many are undated) or the summary dict itself (keys ``articles``, ``unique_articles``,
    ``sources``, ``words``, ``first_date``, ``last_date``, ``removed_spans``, ``files_skipped``, ``warnings``,
    and optionally ``undated`` and ``removed_by_reason``, a Series of counts by reason, as
    :meth:`analysis.explore.session.Analysis.summary` gives them without loading the tables).
    """
    summary = corpus.summary() if hasattr(corpus, "summary") else dict(corpus)
    removed = summary.get("removed_by_reason")
    if removed is None and getattr(corpus, "removed", None) is not None and "reason" in corpus.removed:
        removed = corpus.removed["reason"].value_counts()
    articles = getattr(corpus, "articles", None)
    undated = summary.get("undated")
    if undated is None:
        undated = int(articles["published"].isna().sum()) if articles is not None and "published" in articles else 0
    if not summary.get("articles"):
        return f"No article was loaded{_loading_tail(summary)}."
    return (f"{count(summary['articles'], 'article')} from {count(summary['sources'], 'source')}"
            f"{_duplicates(summary)}, {_dates(summary, undated)}; {count(summary.get('words') or 0, 'word')}. "
            f"{_removals(summary, removed)}{_loading_tail(summary)}.")


def _duplicates(summary: dict) -> str:
    unique = summary.get("unique_articles", summary["articles"])
    duplicates = summary["articles"] - unique
    if duplicates <= 0:
        return " (no duplicates)"
    return f" ({count(duplicates, 'duplicate')} set aside, leaving {count(unique, 'article')})"


def _dates(summary: dict, undated: int) -> str:
    first, last = summary.get("first_date"), summary.get("last_date")
    if not first:
        return "with no publication dates"
    span = f"published on {first}" if first == last else f"published {first} to {last}"
    return span + (f" ({count(undated, 'article')} undated)" if undated else "")


def _removals(summary: dict, removed) -> str:
    spans = summary.get("removed_spans", 0)
    if not spans:
        return "The cleaner removed nothing"
    text = f"The cleaner removed {count(spans, 'span')}"
    if removed is not None and len(removed):
        reasons = removed.sort_values(ascending=False, kind="stable")
        top = reasons[reasons == reasons.iloc[0]]
        label = "commonest reason" if len(top) == 1 else "commonest reasons, tied"
        text += f" ({label}: {names(top.index, limit=3)}, {count(reasons.iloc[0], 'span')}"
        text += " each)" if len(top) > 1 else ")"
    return text


def _loading_tail(summary: dict) -> str:
    skipped, warned = summary.get("files_skipped", 0), summary.get("warnings", 0)
    files = "no file was skipped" if not skipped else f"{count(skipped, 'file')} {_was(skipped)} skipped"
    warnings = "no warning was raised" if not warned else f"{count(warned, 'warning')} {_was(warned)} raised"
    return f"; {files} and {warnings} while loading"


def _was(n: int) -> str:
    return "was" if n == 1 else "were"


# ---------------------------------------------------------------- tone per group

def tone_finding(summary: pd.DataFrame, *, measure: str = "vader", by: str = "source",
                 min_articles: int = MIN_ARTICLES, min_scored: int = MIN_SCORED) -> str:
    """The groups with the highest and the lowest mean tone, and whether their 95% intervals overlap.

    Reads ``tone_by_source`` output (``by``, ``measure``, ``n_articles``, ``n_scored``, ``mean``, ``ci_low``,
    ``ci_high``, ``resampled``). Only groups with enough data are compared (see the module's rules); the others
    are named with their counts. Tied highest (or lowest) means are all named.
    """
    rows = _measure_rows(summary, measure)
    name, word = measure_label(measure), group_word(by)
    if rows.empty:
        return f"No {word} has {name} scores to compare."
    scored = rows[rows["mean"].notna()]
    if scored.empty:
        return f"No sentence carried a {name} signal in any of the {count(len(rows), word)}, so no tone can be given."
    enough = scored[_has_enough(scored, min_articles, min_scored)].sort_values("mean", kind="stable")
    if enough.empty:
        return f"No {word} has enough data to compare {name} tone: {_listing(scored, by)}."
    head = _extremes_sentence(enough, by=by, name=name, word=word)
    return head + _thin_sentence(rows.drop(enough.index), by=by) + _resampling_note(enough, by)


def _extremes_sentence(enough: pd.DataFrame, *, by: str, name: str, word: str) -> str:
    if len(enough) == 1:
        return f"Only {enough.iloc[0][by]} has enough data to estimate its {name} tone: {_estimate(enough.iloc[0])}."
    high, low = (_tied(enough, "mean", top=top).sort_values(by, key=lambda g: g.astype(str)) for top in (True, False))
    if len(high) == len(enough):
        return (f"All {count(len(enough), word)} with enough data have the same mean {name} tone, "
                f"{signed(enough.iloc[0]['mean'])}: {_listing(enough, by, value=False)}.")
    clear = all(_disjoint(h, l) for _, h in high.iterrows() for _, l in low.iterrows())
    verdict = ("their 95% intervals do not overlap: a clear difference" if clear else
               "their 95% intervals overlap, so these data do not show a clear difference between them")
    return (f"Highest mean {name} tone{_tie_word(high)}: {_listing(high, by)}; lowest{_tie_word(low)}: "
            f"{_listing(low, by)}; {verdict}.")


def _thin_sentence(thin: pd.DataFrame, *, by: str) -> str:
    if thin.empty:
        return ""
    return f" Too little data to compare: {_listing(thin, by)}."


def _resampling_note(enough: pd.DataFrame, by: str) -> str:
    if "resampled" not in enough:
        return ""
    narrow = sorted(enough.loc[enough["resampled"] == "sentence", by].astype(str))
    if not narrow:
        return ""
    return (f" The intervals of {names(narrow)} resample sentences rather than articles, so they may be too narrow "
            "when an article's sentences are alike.")


# ---------------------------------------------------------------- the two lexicons

def agreement_finding(agreement: pd.DataFrame, *, by: str = "source", zero_band: float = ZERO_BAND) -> str:
    """Whether TextBlob and VADER point the same way for each group, and how they rank its sentences.

    Reads ``tone_agreement`` output (``by``, ``n_scored``, ``spearman``, ``textblob_mean``, ``vader_mean``).
    Per group: **disagree** when the two means lie on opposite sides of zero, both beyond ``zero_band``;
    **too close to zero to call** when either mean is within ±``zero_band``; **same direction** when both are
    beyond it on the same side, and the rank correlation of their sentence scores is not negative. A group whose
    means share a direction but whose rank correlation is negative is named apart: the lexicons order its
    sentences in opposite ways, which is not agreement.
    """
    table = tone_table(agreement)
    if table.empty:
        return "No scored sentences to compare TextBlob and VADER on."
    word = group_word(by)
    verdicts = with_directions(table, zero_band=zero_band)["direction"]
    kinds = {kind: table[verdicts == kind] for kind in DIRECTIONS}
    parts = []
    if len(kinds["disagree"]):
        parts.append(f"TextBlob and VADER disagree on the direction of mean tone for "
                     f"{_pairs(kinds['disagree'], by)}: report neither score alone there")
    if len(kinds["same direction"]):
        parts.append(f"they agree on the direction for {_directions(kinds['same direction'], by)}")
    if len(kinds["same direction, opposite ranking"]):
        parts.append(f"for {_directions(kinds['same direction, opposite ranking'], by)} the means point the same way "
                     "but the rank correlation of sentence scores is negative, so the two lexicons do not agree there")
    if len(kinds["too close to zero"]):
        parts.append(f"too close to zero to call (a mean within ±{zero_band:g}) for "
                     f"{_pairs(kinds['too close to zero'], by)}")
    if len(kinds["no scores"]):
        parts.append(f"no scored sentence for {names(kinds['no scores'][by])}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "." + _rank_sentence(table, by, word)


DIRECTIONS = ("disagree", "same direction", "same direction, opposite ranking", "too close to zero", "no scores")


def lexicon_direction(textblob_mean: float, vader_mean: float, spearman: float = np.nan, *,
                      zero_band: float = ZERO_BAND) -> str:
    """One group's verdict on TextBlob against VADER, by the rules of :func:`agreement_finding`: ``"disagree"``,
    ``"same direction"``, ``"same direction, opposite ranking"`` (negative rank correlation),
    ``"too close to zero"`` or ``"no scores"``."""
    if pd.isna(textblob_mean) or pd.isna(vader_mean):
        return "no scores"
    if abs(textblob_mean) < zero_band or abs(vader_mean) < zero_band:
        return "too close to zero"
    if np.sign(textblob_mean) != np.sign(vader_mean):
        return "disagree"
    return "same direction, opposite ranking" if spearman < 0 else "same direction"


def with_directions(agreement: pd.DataFrame, *, zero_band: float = ZERO_BAND) -> pd.DataFrame:
    """``tone_agreement`` output with a ``direction`` column (:func:`lexicon_direction`) in place of any older
    ``direction_disagrees`` flag, so the table shown beside :func:`agreement_finding` says what it says."""
    table = tone_table(agreement).drop(columns=["direction_disagrees"], errors="ignore")
    directions = [lexicon_direction(t, v, r, zero_band=zero_band) for t, v, r in
                  zip(table["textblob_mean"], table["vader_mean"], table["spearman"])]
    return table.assign(direction=pd.Series(directions, index=table.index, dtype=object))


def _pairs(rows: pd.DataFrame, by: str) -> str:
    if len(rows) > DETAILED:
        return (names(f"{r[by]} ({count(r['n_scored'], 'scored sentence')})" for _, r in rows.iterrows())
                + "; both means are in the table")
    return names(f"{r[by]} (TextBlob {signed(r['textblob_mean'])}, VADER {signed(r['vader_mean'])}; "
                 f"{count(r['n_scored'], 'scored sentence')})" for _, r in rows.iterrows())


def _directions(rows: pd.DataFrame, by: str) -> str:
    return names(f"{r[by]} (both {'positive' if r['vader_mean'] > 0 else 'negative'}; "
                 f"{count(r['n_scored'], 'scored sentence')})" for _, r in rows.iterrows())


def _rank_sentence(table: pd.DataFrame, by: str, word: str) -> str:
    rho = table[table["spearman"].notna()].sort_values("spearman", kind="stable")
    if rho.empty:
        return " No group has enough sentences (3) to rank-correlate the two scores."
    if len(rho) == 1:
        row = rho.iloc[0]
        return f" The rank correlation of their sentence scores is {_rho(row['spearman'])} for {row[by]}."
    low, high = rho.iloc[0], rho.iloc[-1]
    negative = rho.loc[rho["spearman"] < 0, by].astype(str).tolist()
    tail = (f"; it is negative for {names(negative)}" if negative else "; it is positive for every "
            f"{word} with 3 or more scored sentences" if (rho["spearman"] > 0).all() else "")
    return (f" The rank correlation of their sentence scores runs from {_rho(low['spearman'])} ({low[by]}) to "
            f"{_rho(high['spearman'])} ({high[by]}){tail}.")


def _rho(value: float) -> str:
    return f"{value:.2f}".replace("-", "\u2212")


# ---------------------------------------------------------------- voices

def voice_finding(summary: pd.DataFrame, *, measure: str = "vader", by: str = "source",
                  min_articles: int = MIN_ARTICLES, min_scored: int = MIN_SCORED) -> str:
    """Per group, whether quoted speech reads warmer or cooler than the outlet's own narration.

    Reads ``tone_by_source(by=[by, "voice"])`` output. A group's two voices are compared only when each has
    enough data (see the module's rules); warmer or cooler is said only when the two 95% intervals do not
    overlap, with both intervals printed; overlapping ones are printed and called no clear difference.
    """
    rows = _measure_rows(summary, measure)
    name = measure_label(measure)
    if rows.empty or "voice" not in rows:
        return f"No quoted or narrated sentence has a {name} score."
    pairs = _voice_pairs(rows, by)
    if not pairs:
        return (f"No {group_word(by)} has both quoted speech and narration with {name} scores, so the two voices "
                "cannot be compared.")
    groups = {"warmer": [], "cooler": [], "overlap": [], "thin": []}
    for group, quote, narration in pairs:
        groups[_voice_verdict(quote, narration, min_articles, min_scored)].append((group, quote, narration))
    parts = []
    for verdict, text in (("warmer", f"Quoted speech reads warmer than narration by {name}, beyond both 95% "
                                     "intervals, in"),
                          ("cooler", f"Quoted speech reads cooler than narration by {name}, beyond both 95% "
                                     "intervals, in"),
                          ("overlap", f"The {name} intervals of quotes and narration overlap (no clear difference) "
                                      "in")):
        if groups[verdict]:
            parts.append(f"{text} {_voice_list(groups[verdict], verdict, len(pairs), by)}.")
    if groups["thin"]:
        parts.append(f"Too little data in one voice or both to compare their {name} tone in "
                     f"{_voice_list(groups['thin'], 'thin', len(pairs), by)}.")
    return " ".join(parts)


def _voice_list(items: list[tuple], verdict: str, total: int, by: str) -> str:
    """Every group with both voices printed in full, or, past ``DETAILED`` groups, their names and the largest
    gap in full (the others' intervals are in the chart and its CSV)."""
    if len(items) <= DETAILED:
        return names(_voice_pair(*item) for item in items)
    listed = f"{len(items)} of {count(total, group_word(by))} with both voices: {names(str(g) for g, _, _ in items)}"
    if verdict not in ("warmer", "cooler"):
        return listed + f" ({IN_CSV})"
    gap = (max if verdict == "warmer" else min)(items, key=lambda item: item[1]["mean"] - item[2]["mean"])
    return listed + f"; the largest gap is in {_voice_pair(*gap)} ({IN_CSV} for the others)"


def _voice_pairs(rows: pd.DataFrame, by: str) -> list[tuple]:
    pairs = []
    for group, frame in rows.groupby(by, sort=True):
        voices = frame.set_index("voice")
        if {"quote", "narration"} <= set(voices.index):
            quote, narration = voices.loc["quote"], voices.loc["narration"]
            if pd.notna(quote["mean"]) and pd.notna(narration["mean"]):
                pairs.append((group, quote, narration))
    return pairs


def _voice_verdict(quote, narration, min_articles: int, min_scored: int) -> str:
    if not (_row_enough(quote, min_articles, min_scored) and _row_enough(narration, min_articles, min_scored)):
        return "thin"
    if not _disjoint(quote, narration):
        return "overlap"
    return "warmer" if quote["mean"] > narration["mean"] else "cooler"


def _voice_pair(group, quote, narration) -> str:
    return f"{group} (quotes {_estimate(quote)}; narration {_estimate(narration)})"


def voice_share_finding(totals: pd.DataFrame, *, measure: str | None = None) -> str:
    """Which voice carries how much of the corpus's positive and of its negative tone.

    Reads :func:`analysis.scores.tone.voice_tone_totals` (per group or not: groups are summed). A voice "carries most" of the
    positive (or negative) tone only when its share is above 50%; otherwise the sentence says no voice does.
    Voices whose shares print the same are tied. Each voice's share of the scored sentences is given beside it,
    so a reader can see whether a voice is warmer than its size.
    """
    if totals.empty or totals["n_scored"].sum() == 0:
        return "No scored sentence, so no voice carries any tone."
    measure = measure or str(totals["measure"].iloc[0])
    sums = totals.groupby("voice", sort=True)[["n_scored", "n_positive", "n_negative", "positive_total",
                                               "negative_total"]].sum()
    sums["scored_share"] = sums["n_scored"] / sums["n_scored"].sum()
    name = measure_label(measure)
    parts = [_carried(sums, "positive", name), _carried(sums, "negative", name)]
    sizes = names(f"{_voice_name(v)} {percent(s)}" for v, s in sums["scored_share"].sort_values(
        ascending=False, kind="stable").items())
    return " ".join(parts) + f" Of the {count(sums['n_scored'].sum(), 'scored sentence')}: {sizes}."


def _carried(sums: pd.DataFrame, side: str, name: str) -> str:
    total = sums[f"{side}_total"].sum()
    n = int(sums[f"n_{side}"].sum())
    if total == 0:
        return f"No sentence has a {side} {name} score."
    shares = (sums[f"{side}_total"] / total).sort_values(ascending=False, kind="stable")
    listing = names(f"{_voice_name(v)} {percent(s)}" for v, s in shares.items())
    top = [v for v, s in shares.items() if percent(s) == percent(shares.iloc[0])]
    if len(top) == 1 and shares.iloc[0] > 0.5:
        verdict = f"{_voice_name(top[0])} carries most of it"
    elif len(top) > 1:
        verdict = f"no voice carries most of it ({names(_voice_name(v) for v in top)} carry equal shares)"
    else:
        verdict = "no voice carries most of it (more than half)"
    return (f"Of the {side} {name} tone (the sum of the {side} sentence scores, over "
            f"{count(n, 'sentence')}): {listing}; {verdict}.")


def _voice_name(voice) -> str:
    return VOICE_NAMES.get(voice, str(voice))


# ---------------------------------------------------------------- actors and topics

def actor_finding(voice: pd.DataFrame, *, by: str = "source") -> str:
    """The most mentioned and the most quoted actors across the corpus, ties named, with their counts.

    Reads ``actor_voice`` output (``by``, ``actor``, ``sentences_mentioning``, ``quoted_sentences``, …).
    """
    if voice.empty or voice["sentences_mentioning"].sum() == 0 and voice["quoted_sentences"].sum() == 0:
        return "No actor of the actors list is mentioned in these articles."
    mentions = voice.groupby("actor")["sentences_mentioning"].sum()
    groups = voice[voice["sentences_mentioning"] > 0].groupby("actor")[by].nunique()
    top = mentions[mentions == mentions.max()]
    word = group_word(by)
    mentioned = names(f"{a} ({count(n, 'sentence')}, in {count(groups.get(a, 0), word)})" for a, n in top.items())
    text = f"The most mentioned actor{_plural_s(top)} {mentioned}"
    quoted = voice.groupby("actor")["quoted_sentences"].sum()
    if quoted.max() <= 0:
        return text + "; no quoted sentence is attributed to a listed actor."
    best = quoted[quoted == quoted.max()]
    total = int(quoted.sum())
    speakers = names(f"{a} ({count(n, 'quoted sentence')}, {percent(n / total)} of the {total:,} attributed to a "
                     "listed actor)" for a, n in best.items())
    return f"{text}; the most quoted{_plural_s(best, ' is', ', tied, are')} {speakers}."


def topic_finding(coverage: pd.DataFrame, *, by: str = "source", min_articles: int = MIN_ARTICLES) -> str:
    """The most mentioned topic, and the groups that give it the largest and smallest share of their sentences.

    Reads ``topic_coverage`` output. Ties are named. Each share comes with its counts (sentences mentioning the
    topic, out of the group's sentences, in how many articles); groups with fewer than ``min_articles`` articles
    are marked. Shares carry no interval here, so the sentence does not call a gap a difference.
    """
    if coverage.empty:
        return "The codebook has no topic, so there is no coverage to give."
    if coverage["mentions"].sum() == 0:
        return "No topic of the codebook is mentioned in these articles."
    totals = coverage.groupby("topic", sort=False)["mentions"].sum()
    top = totals[totals == totals.max()]
    listing = names(f"{topic} ({count(n, 'mention')})" for topic, n in top.items())
    text = f"The most mentioned topic{_plural_s(top, ' is', 's, tied, are')} {listing}"
    if len(top) > 1:
        return text + "."
    rows = coverage[coverage["topic"] == top.index[0]].copy()
    rows["printed"] = rows["sentence_share"].map(percent)
    if len(rows) == 1:
        return text + f": {_share_of(rows.iloc[0], by, min_articles)}."
    high = rows[rows["printed"] == percent(rows["sentence_share"].max())]
    low = rows[rows["printed"] == percent(rows["sentence_share"].min())]
    if len(high) == len(rows):
        return text + f"; every {group_word(by)} gives it the same share of its sentences, {high.iloc[0]['printed']}."
    return (text + f". Largest share of a {group_word(by)}'s sentences{_tie_word(high)}: "
            f"{names(_share_of(r, by, min_articles) for _, r in high.iterrows())}; smallest{_tie_word(low)}: "
            f"{names(_share_of(r, by, min_articles) for _, r in low.iterrows())}. These shares carry no interval, "
            "so a small gap is not evidence of a difference.")


def pattern_finding(counts: pd.DataFrame) -> str:
    """How many of the codebook's patterns matched nothing in the sentences read, naming up to eight of them.

    Reads :func:`analysis.content.topics.pattern_counts` output (``topic``, ``pattern``, ``matches``)."""
    if counts.empty:
        return "The codebook has no patterns."
    unused = counts[counts["matches"] == 0]
    if unused.empty:
        return f"Each of the {count(len(counts), 'pattern')} matched at least once."
    listed = names(f"{p} ({t})" for p, t in zip(unused["pattern"], unused["topic"]))
    return f"{len(unused):,} of the {count(len(counts), 'pattern')} matched nothing: {listed}."


def _share_of(row, by: str, min_articles: int) -> str:
    mentioning = round(row["sentence_share"] * row["n_sentences"])
    thin = f", too few articles to stand for the {group_word(by)}" if row["n_articles"] < min_articles else ""
    return (f"{row[by]} ({percent(row['sentence_share'])}: {mentioning} of {count(row['n_sentences'], 'sentence')}, "
            f"in {row['articles_mentioning']} of {count(row['n_articles'], 'article')}{thin})")


# ---------------------------------------------------------------- shared rules

def _measure_rows(summary: pd.DataFrame, measure: str) -> pd.DataFrame:
    table = tone_table(summary)
    if table.empty or "measure" not in table:
        return table.iloc[0:0].assign(mean=pd.Series(dtype=float)) if "mean" not in table else table.iloc[0:0]
    wanted = "textblob" if measure == "polarity" else measure
    return table[table["measure"] == wanted]


def _has_enough(rows: pd.DataFrame, min_articles: int, min_scored: int) -> pd.Series:
    return (rows["n_articles"].ge(min_articles) & rows["n_scored"].ge(min_scored)
            & rows["ci_low"].notna() & rows["ci_high"].notna())


def _row_enough(row, min_articles: int, min_scored: int) -> bool:
    return bool(row["n_articles"] >= min_articles and row["n_scored"] >= min_scored
                and pd.notna(row["ci_low"]) and pd.notna(row["ci_high"]))


def _disjoint(a, b) -> bool:
    """Whether two 95% intervals are apart; touching intervals overlap, a missing end means no decision."""
    ends = [a["ci_low"], a["ci_high"], b["ci_low"], b["ci_high"]]
    if any(pd.isna(e) for e in ends):
        return False
    return bool(a["ci_high"] < b["ci_low"] or b["ci_high"] < a["ci_low"])


def _tied(rows: pd.DataFrame, column: str, *, top: bool) -> pd.DataFrame:
    """The rows whose value prints the same as the largest (or smallest)."""
    best = rows[column].max() if top else rows[column].min()
    return rows[rows[column].map(signed) == signed(best)]


def _tie_word(rows: pd.DataFrame) -> str:
    return " (tied)" if len(rows) > 1 else ""


def _estimate(row) -> str:
    if pd.isna(row["mean"]):
        return f"no scored sentence; {count(row['n_articles'], 'article')}"
    return (f"{signed(row['mean'])}, {interval(row['ci_low'], row['ci_high'])}; "
            f"{count(row['n_articles'], 'article')}, {count(row['n_scored'], 'scored sentence')}")


def _listing(rows: pd.DataFrame, by: str, *, value: bool = True) -> str:
    if not value or len(rows) > DETAILED:
        listed = names(f"{r[by]} ({count(r['n_articles'], 'article')}, {count(r['n_scored'], 'scored sentence')})"
                       for _, r in rows.iterrows())
        return listed + (f"; {IN_CSV}" if value else "")
    return names(f"{r[by]} ({_estimate(r)})" for _, r in rows.iterrows())


def group_word(by: str) -> str:
    """What one group is called in prose: ``source``, or ``<by> group`` for any other grouping column."""
    return "source" if by == "source" else f"{by} group"


def _plural_s(rows, one: str = " is", many: str = "s, tied, are") -> str:
    return one if len(rows) == 1 else many
