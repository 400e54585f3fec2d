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
        return f"{row[by]}: mean {measure} {row['mean']:+.2f} over {row['n_sentences']} sentences."
    low, high = data.iloc[0], data.iloc[-1]
    overlap = not (pd.notna(high["ci_low"]) and pd.notna(low["ci_high"]) and high["ci_low"] > low["ci_high"])
    verdict = ("their 95% intervals overlap, so this is not a clear difference" if overlap
               else "their 95% intervals do not overlap")
    return (f"Most positive by {measure}: {high[by]} ({high['mean']:+.2f}, {_ci(high)}, "
            f"{high['n_sentences']} sentences); least: {low[by]} ({low['mean']:+.2f}, {_ci(low)}, "
            f"{low['n_sentences']} sentences); {verdict}.")


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


def keyness_finding(keys: pd.DataFrame, *, by: str = "source") -> str:
    """Each group's single most distinctive term."""
    if keys.empty:
        return "No term is distinctive enough (too few words per group)."
    top = keys.sort_values("g2", ascending=False).groupby(by).head(1).sort_values(by)
    parts = [f"{g}: “{t}” (G² {v:.1f})" for g, t, v in zip(top[by], top["term"], top["g2"])]
    return "Most distinctive term of each group: " + "; ".join(parts) + "."


def _ci(row) -> str:
    if pd.isna(row["ci_low"]):
        return "no interval"
    return f"95% CI {row['ci_low']:+.2f} to {row['ci_high']:+.2f}"
