"""One-sentence findings computed from the data, to print under each chart.

Each function returns plain text (the notebooks ``print`` it, so it reaches
the HTML report escaped). The wording follows the numbers: which source is
highest or lowest is looked up, never written in, and overlapping intervals
are called out as "not a clear difference".
"""
from __future__ import annotations

import pandas as pd


def corpus_finding(corpus) -> str:
    """Articles, sources, dates, duplicates, removals and problems, in one sentence."""
    s = corpus.summary()
    removed = corpus.removed["reason"].value_counts()
    top = f"; the commonest reason: {removed.index[0]} ({removed.iloc[0]})" if len(removed) else ""
    dates = f" published {s['first_date']} to {s['last_date']}" if s["first_date"] else " with no dates"
    return (f"{s['articles']} articles ({s['unique_articles']} after setting duplicates aside) from "
            f"{s['sources']} sources,{dates}; the cleaner removed {s['removed_spans']} spans{top}; "
            f"{s['files_skipped']} files were skipped and {s['warnings']} warnings raised.")


def tone_finding(summary: pd.DataFrame, *, measure: str = "vader", by: str = "source") -> str:
    """Which group reads most positive and which least, and whether their intervals overlap."""
    data = summary[(summary["measure"] == measure) & summary["mean"].notna()].sort_values("mean")
    if data.empty:
        return "No sentence carried a sentiment signal, so no tone can be compared."
    if len(data) == 1:
        row = data.iloc[0]
        return f"{row[by]}: mean {measure} {row['mean']:+.2f} over {row['n_scored']} sentences."
    low, high = data.iloc[0], data.iloc[-1]
    overlap = not (pd.notna(high["ci_low"]) and pd.notna(low["ci_high"]) and high["ci_low"] > low["ci_high"])
    verdict = ("their 95% intervals overlap, so this is not a clear difference" if overlap
               else "their 95% intervals do not overlap")
    return (f"Most positive by {measure}: {high[by]} ({high['mean']:+.2f}, {_ci(high)}, "
            f"{high['n_scored']} sentences); least: {low[by]} ({low['mean']:+.2f}, {_ci(low)}, "
            f"{low['n_scored']} sentences); {verdict}.")


def agreement_finding(agreement: pd.DataFrame, *, by: str = "source") -> str:
    """Whether TextBlob and VADER agree on each group's direction, and how closely they rank sentences."""
    if agreement.empty:
        return "No sentences to compare the two lexicons on."
    disagree = agreement.loc[agreement["direction_disagrees"], by].astype(str).tolist()
    rho = agreement["spearman"].dropna()
    spread = f"rank correlation {rho.min():.2f} to {rho.max():.2f}" if len(rho) else "too few sentences to rank"
    if disagree:
        return (f"TextBlob and VADER disagree on the direction of tone for {', '.join(disagree)} ({spread}): "
                "treat those scores as uncertain.")
    return f"TextBlob and VADER agree on the direction of tone for every {by} ({spread})."


def voice_finding(summary: pd.DataFrame, *, measure: str = "vader", by: str = "source") -> str:
    """The group with the largest gap between quoted speech and its own narration."""
    data = summary[summary["measure"] == measure].pivot_table(index=by, columns="voice", values="mean")
    if "narration" not in data or "quote" not in data or data[["narration", "quote"]].dropna().empty:
        return "Too few quoted or narrated sentences to compare the two voices."
    gap = (data["quote"] - data["narration"]).dropna()
    group = gap.abs().idxmax()
    direction = "warmer" if gap[group] > 0 else "cooler"
    return (f"The largest gap between quotes and narration is in {group}: quoted speech reads {direction} "
            f"than the outlet's own sentences ({data.loc[group, 'quote']:+.2f} against "
            f"{data.loc[group, 'narration']:+.2f}, {measure}).")


def actor_finding(voice: pd.DataFrame, *, by: str = "source") -> str:
    """Who is mentioned most and who is quoted most, across the corpus."""
    if voice.empty:
        return "No actor from the actors list was mentioned."
    mentions = voice.groupby("actor")["sentences_mentioning"].sum().sort_values(ascending=False)
    quoted = voice.groupby("actor")["quoted_sentences"].sum().sort_values(ascending=False)
    speaker = (f"; the most quoted is {quoted.index[0]} ({quoted.iloc[0]} quoted sentences)"
               if len(quoted) and quoted.iloc[0] > 0 else "; no quoted speech is attributed to a listed actor")
    return f"The most mentioned actor is {mentions.index[0]} ({mentions.iloc[0]} sentences){speaker}."


def topic_finding(coverage: pd.DataFrame, *, by: str = "source") -> str:
    """The most covered topic overall, and the group that gives it the most attention."""
    if coverage.empty or coverage["mentions"].sum() == 0:
        return "No topic of the codebook was mentioned."
    totals = coverage.groupby("topic")["mentions"].sum().sort_values(ascending=False)
    topic = totals.index[0]
    rows = coverage[coverage["topic"] == topic].sort_values("sentence_share", ascending=False)
    top = rows.iloc[0]
    return (f"The most covered topic is {topic} ({totals.iloc[0]} mentions); {top[by]} gives it the largest "
            f"share of its sentences ({top['sentence_share']:.0%}).")


def keyness_finding(keys: pd.DataFrame, *, by: str = "source", alpha: float | None = None,
                    correction: str | None = None) -> str:
    """Each group's most distinctive term that is statistically significant, or that none is.

    Reads :func:`analysis.keywords.keyness` output. Rules: only terms with
    ``significant`` True are named (when the column is missing, it is computed
    from ``p_value`` with the same correction); a term made only of function
    words or news filler is never named, whatever list produced ``keys``;
    the top term is the one ``keyness`` ranks first (G², then log ratio, then
    count, then alphabetical), and an exact tie on G² is said. Groups with no
    significant term are named as such, and the number of terms tested is given.
    """
    from analysis.keywords import adjust_p
    from analysis.tokens import NEWS_STOP_WORDS

    settings = keys.attrs.get("keyness", {})
    alpha = alpha if alpha is not None else settings.get("alpha", 0.05)
    correction = correction or settings.get("correction", "holm")
    rule = f"{_CORRECTION_NAMES.get(correction, correction)} p < {alpha:g}"
    if keys.empty:
        return f"No term could be compared across {by} groups (too few words, or a single group)."
    keys = keys[~keys["term"].map(lambda t: all(w in NEWS_STOP_WORDS for w in str(t).split()))].copy()
    if "significant" not in keys:
        keys["significant"] = keys.groupby(by)["p_value"].transform(
            lambda p: adjust_p(p, method=correction)) < alpha
    groups = sorted(keys[by].astype(str).unique()) if len(keys) else []
    tested = settings.get("tests", len(keys))
    found = keys[keys["significant"]].sort_values([by, "g2", "log_ratio", "count_target", "term"],
                                                  ascending=[True, False, False, False, True])
    if found.empty:
        return (f"No term is significantly more frequent in any {by} than in the others ({rule}, "
                f"{tested} terms tested across {len(groups)} groups): the differences in word use here are "
                "within what chance produces.")
    parts = [_keyness_part(group, rows) for group, rows in found.groupby(by, sort=True)]
    none = [g for g in groups if g not in set(found[by].astype(str))]
    tail = f" No significant term for {', '.join(none)}." if none else ""
    return (f"Most distinctive term of each {by} ({rule}, {tested} terms tested): " + "; ".join(parts) + "."
            + tail)


_CORRECTION_NAMES = {"holm": "Holm-corrected", "bh": "Benjamini–Hochberg-corrected", "none": "uncorrected"}


def _keyness_part(group, rows: pd.DataFrame) -> str:
    top = rows.iloc[0]
    ties = rows[(rows["g2"] == top["g2"]) & (rows["term"] != top["term"])]["term"].tolist()
    tie = f", tied with {', '.join(f'“{t}”' for t in ties[:3])}" if ties else ""
    uses, elsewhere = int(top["count_target"]), int(top["count_reference"])
    contrast = ("none in the rest" if elsewhere == 0 else
                f"{elsewhere} in the rest, {2 ** top['log_ratio']:.1f}× as frequent")
    return f"{group}: “{top['term']}” ({uses} uses, {contrast}, G² {top['g2']:.1f}{tie})"


def _ci(row) -> str:
    if pd.isna(row["ci_low"]):
        return "no interval"
    return f"95% CI {row['ci_low']:+.2f} to {row['ci_high']:+.2f}"
