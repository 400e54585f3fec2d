"""Who each outlet quotes: the findings and charts of page 3's sources section.

Each finding reads the tables of :mod:`analysis.explore.views` (``sources``: every source per group, from
:func:`analysis.voices.sources.quoted_sources`; ``sourcing``: one row per group, from
:func:`analysis.scores.sourcing.source_summary`) and returns plain text; the page escapes it. The rules, beside
those of :mod:`analysis.report.findings` (ties named, n always shown, edge cases a true sentence):

- **Counts.** A group's distinct sources are its distinct named speakers (people and organisations); unnamed
  sources are counted apart. A count is printed with the quoted sentences and articles it comes from, since
  more articles give more sources. A group with fewer than ``MIN_ARTICLES`` (2) articles with quotes is marked:
  one story is not an outlet's habit.
- **Shares** (unnamed, official, women's) are of quoted sentences, with their 95% interval over articles where
  the group has at least ``MIN_INTERVAL_ARTICLES`` (5) articles with quotes; else "no interval". Where every
  article of the group has the same share (none of its quotes unnamed, say), the resampled interval is that one
  value, and the finding says "every article alike" rather than print an interval of no width.
- **Differences.** The highest and lowest shares are called different only when both have intervals and the
  intervals do not overlap (touching intervals overlap). Otherwise the sentence says why no difference is
  called.
- **Many groups.** Up to ``DETAILED`` (3) groups are each given with their numbers; beyond that, the highest and
  lowest (every tie named), and the rest are in the table below the finding.
- **Gender** is only what the articles show (an honorific, a gendered noun, "he"/"she" in an attribution);
  where no quoted person's gender is shown, the finding says so, and never guesses from names.

:func:`plot_top_sources` charts each group's most quoted sources; :func:`plot_source_shares` its shares with
their intervals.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.report.charts import NoChart, group_colors, keep_data, label, new_axes
from analysis.report.findings import DETAILED, MIN_ARTICLES, group_word
from analysis.report.prose import NBSP, count, names, percent
from analysis.scores.sourcing import MIN_INTERVAL_ARTICLES

TOP_DRAWN = 5  # sources drawn per group
MAX_GROUPS_DRAWN = 8  # groups drawn in the top-sources chart (those with the most quoted sentences)
NO_QUOTES = "No sentence of these articles quotes anyone, so there is no source to count."
UNNAMED_LABEL = "unnamed sources"
SHARES = {"unnamed": ("share_unnamed", "unnamed_low", "unnamed_high", "unnamed_quotes", "n_quotes"),
          "official": ("share_official", "official_low", "official_high", "official_quotes", "n_quotes"),
          "female": ("share_female", "female_low", "female_high", "female_quotes", "gender_known")}


# ---------------------------------------------------------------- findings

def sources_finding(sourcing: pd.DataFrame, *, by: str = "source") -> str:
    """How many distinct named sources each group quotes, with its quotes and articles, and its most quoted.

    Reads ``source_summary`` output. One group: its count and top sources; up to ``DETAILED`` groups: each
    count; more: the groups with the most and the fewest (ties named)."""
    rows = _quoting(sourcing)
    if rows.empty:
        return NO_QUOTES
    if len(rows) == 1:
        row = rows.iloc[0]
        top = f"; the most quoted: {row['top_sources']}" if isinstance(row["top_sources"], str) and \
            row["top_sources"] else ""
        return f"{row[by]} quotes {_sources(row, noun=True)}{top}."
    if len(rows) <= DETAILED:
        listed = names(f"{r[by]} {_sources(r)}" for _, r in rows.iterrows())
        return f"Distinct named sources quoted: {listed}."
    most = rows[rows["n_sources"] == rows["n_sources"].max()]
    fewest = rows[rows["n_sources"] == rows["n_sources"].min()]
    word = group_word(by)
    return (f"Of {count(len(rows), word)} with quotes, the most distinct named sources: "
            f"{names(f'{r[by]} {_sources(r)}' for _, r in most.iterrows())}; the fewest: "
            f"{names(f'{r[by]} {_sources(r)}' for _, r in fewest.iterrows())}. Every {word}'s count is in the "
            "table below.")


def unnamed_finding(sourcing: pd.DataFrame, *, by: str = "source") -> str:
    """The share of each group's quoted sentences whose speaker the articles never name, and whether the
    highest and lowest differ (their intervals apart)."""
    return _share_finding(sourcing, by=by, which="unnamed", what="from unnamed sources",
                          more="quotes unnamed sources more often than")


def official_finding(sourcing: pd.DataFrame, *, by: str = "source") -> str:
    """The share of each group's quoted sentences from officials (the rest are from everyone else), and whether
    the highest and lowest differ."""
    return _share_finding(sourcing, by=by, which="official", what="from officials",
                          more="gives officials a larger share of its quotes than")


def gender_finding(sourcing: pd.DataFrame, *, by: str = "source") -> str:
    """Women's share of the quoted sentences by people whose gender the articles show, and whether the highest
    and lowest differ; where no gender is shown, a sentence that says so."""
    rows = _quoting(sourcing)
    if rows.empty:
        return NO_QUOTES
    if rows["gender_known"].sum() == 0:
        return ("No quoted person's gender is shown in these articles (by an honorific, a noun such as "
                "“spokeswoman”, or “he” or “she” in an attribution), so no share by gender is given; a gender is "
                "never guessed from a name.")
    return _share_finding(sourcing, by=by, which="female", what="by women (of those by people whose gender the "
                          "articles show)", more="gives women a larger share of its quotes than")


def _share_finding(sourcing: pd.DataFrame, *, by: str, which: str, what: str, more: str) -> str:
    share, low, high, numerator, denominator = SHARES[which]
    rows = _quoting(sourcing)
    if rows.empty:
        return NO_QUOTES
    rows = rows[rows[denominator] > 0]
    word = group_word(by)
    if len(rows) <= DETAILED:
        listed = names(_share_text(r, by, which) for _, r in rows.iterrows())
        text = f"Share of quoted sentences {what}: {listed}."
    else:
        top = rows[rows[share].map(percent) == percent(rows[share].max())]
        bottom = rows[rows[share].map(percent) == percent(rows[share].min())]
        text = (f"Share of quoted sentences {what}, across {count(len(rows), word)}: highest "
                f"{names(_share_text(r, by, which) for _, r in top.iterrows())}; lowest "
                f"{names(_share_text(r, by, which) for _, r in bottom.iterrows())}. Every {word}'s share is in the "
                "table below.")
    if len(rows) < 2:
        return text
    return f"{text} {_difference(rows, by=by, which=which, more=more)}"


def _difference(rows: pd.DataFrame, *, by: str, which: str, more: str) -> str:
    share, low, high, _, _ = SHARES[which]
    word = group_word(by)
    if rows[share].map(percent).nunique() == 1:
        return f"Every {word} has the same share."
    highest, lowest = rows.loc[rows[share].idxmax()], rows.loc[rows[share].idxmin()]
    with_interval = rows[rows[low].notna() & rows[high].notna()]
    if pd.isna(highest[low]) or pd.isna(lowest[low]):
        if len(with_interval) < 2:
            return (f"Too few articles with quotes for an interval (at least {count(MIN_INTERVAL_ARTICLES, 'article')}"
                    f" per {word}), so no difference is called.")
        return (f"{names(r[by] for _, r in rows[rows[low].isna()].iterrows())} "
                f"{'has' if rows[low].isna().sum() == 1 else 'have'} too few articles with quotes for an interval "
                f"(at least {count(MIN_INTERVAL_ARTICLES, 'article')}), so no difference is called between the "
                "highest and lowest.")
    if highest[low] > lowest[high]:
        return f"{highest[by]} {more} {lowest[by]}: their 95% intervals do not overlap."
    return f"The intervals of the highest ({highest[by]}) and lowest ({lowest[by]}) overlap, so no difference is called."


def _share_text(row, by: str, which: str) -> str:
    share, low, high, numerator, denominator = SHARES[which]
    if pd.isna(row[low]) or pd.isna(row[high]):
        interval = "no interval"
    elif row[low] == row[high]:  # every article alike: resampling them cannot vary the share
        interval = f"every article alike, 95%{NBSP}CI{NBSP}{percent(row[low])}"
    else:
        interval = f"95%{NBSP}CI{NBSP}{percent(row[low])}–{percent(row[high])}"
    thin = "" if row["n_articles"] >= MIN_ARTICLES else f", {count(row['n_articles'], 'article')} only"
    return (f"{percent(row[share])} in {row[by]} ({int(row[numerator])} of {int(row[denominator])}, "
            f"{interval}{thin})")


def _sources(row, *, noun: bool = False) -> str:
    thin = ": one story, not a habit" if row["n_articles"] < MIN_ARTICLES else ""
    unnamed = f"; {int(row['unnamed_quotes'])} more from unnamed sources" if row["unnamed_quotes"] else ""
    number = count(row["n_sources"], "distinct named source") if noun else str(int(row["n_sources"]))
    return (f"{number} ({count(row['n_quotes'], 'quoted sentence')} in {count(row['n_articles'], 'article')}{thin}"
            f"{unnamed})")


def _quoting(sourcing: pd.DataFrame) -> pd.DataFrame:
    if sourcing is None or sourcing.empty:
        return pd.DataFrame(columns=sourcing.columns if sourcing is not None else [])
    return sourcing[sourcing["n_quotes"] > 0].reset_index(drop=True)


# ---------------------------------------------------------------- charts

def plot_top_sources(sources: pd.DataFrame, *, by: str = "source", top: int = TOP_DRAWN, ax=None,
                     colors: dict | None = None):
    """Each group's most quoted sources: horizontal bars of their share of the group's quoted sentences, with n.

    Groups are stacked (the group name in each label); unnamed sources are one hatched grey bar. With more than
    ``MAX_GROUPS_DRAWN`` groups, those with the most quoted sentences are drawn and the title says how many; the
    CSV holds every source of every group."""
    if sources.empty:
        return NoChart(NO_QUOTES, sources, "Who each group quotes")
    totals = sources.groupby(by)["n_quotes"].sum().sort_values(ascending=False, kind="stable")
    drawn = list(totals.index[:MAX_GROUPS_DRAWN])
    rows = []
    for group in drawn:
        part = sources[sources[by] == group].sort_values(["n_quotes", "speaker"], ascending=[False, True]).head(top)
        rows.append(part)
    shown = pd.concat(rows, ignore_index=True).iloc[::-1].reset_index(drop=True)
    gaps = shown[by].ne(shown[by].shift()).cumsum().to_numpy()
    y = np.arange(len(shown)) + (gaps - 1) * 0.8
    ax = new_axes(ax, width=8.5, height=0.32 * len(shown) + 0.8 * len(drawn) + 1.2)
    unnamed = (shown["speaker"] == "unknown").to_numpy()
    bars = ax.barh(y, shown["share"].to_numpy(), color=["#BBBBBB" if u else c for u, c in
                                                          zip(unnamed, group_colors(shown[by], colors))])
    for bar, is_unnamed in zip(bars, unnamed):
        if is_unnamed:
            bar.set_hatch("///")
            bar.set_edgecolor("#333333")
    ax.bar_label(bars, labels=[f"n={n}" for n in shown["n_quotes"]], padding=3, fontsize=7)
    names_shown = [UNNAMED_LABEL if u else s for u, s in zip(unnamed, shown["speaker"])]
    ax.set_yticks(y, [label(f"{g} · {s}", width=44, lines=2) for g, s in zip(shown[by], names_shown)], fontsize=7)
    # "source" is the outlet here: the speakers are the sources this chart is about
    ax.set_xlabel(f"share of the {'outlet' if by == 'source' else by + ' group'}'s quoted sentences")
    ax.set_xlim(0, min(1.0, float(shown["share"].max()) * 1.25 + 0.02))
    hidden = len(totals) - len(drawn)
    note = f" ({len(drawn)} of {len(totals)} {by} groups with the most quotes drawn)" if hidden else ""
    ax.set_title(f"The {top} most quoted sources of each {by}{note}", fontsize=10)
    alt = (f"Horizontal bar chart: for each of {count(len(drawn), by)}, its {top} most quoted sources and their share "
           f"of its quoted sentences; unnamed sources hatched grey. Every source is in the chart's CSV.")
    return keep_data(ax, sources, alt)


def plot_source_shares(sourcing: pd.DataFrame, *, by: str = "source", ax=None):
    """Each group's share of quoted sentences from unnamed sources, from officials, and by women (of those whose
    gender the articles show), as points with their 95% intervals where there are enough articles."""
    rows = _quoting(sourcing)
    if rows.empty:
        return NoChart(NO_QUOTES, sourcing, "Unnamed, official and women's shares of quotes")
    series = [("unnamed", "unnamed sources", "o", "#E69F00"), ("official", "officials", "s", "#0072B2"),
              ("female", "women (gender shown)", "D", "#CC79A7")]
    ax = new_axes(ax, width=8.0, height=0.9 * len(rows) + 1.6)
    base = np.arange(len(rows))[::-1].astype(float)
    for k, (which, name, marker, color) in enumerate(series):
        share, low, high, _, _ = SHARES[which]
        yy = base + (1 - k) * 0.22
        values = rows[share].to_numpy(dtype=float)
        ax.scatter(values, yy, marker=marker, color=color, label=name, zorder=3, s=28)
        has = rows[low].notna().to_numpy() & rows[high].notna().to_numpy()
        if has.any():
            lows, highs = rows[low].to_numpy(dtype=float)[has], rows[high].to_numpy(dtype=float)[has]
            ax.errorbar(values[has], yy[has], xerr=[np.clip(values[has] - lows, 0, None),
                                                    np.clip(highs - values[has], 0, None)],
                        fmt="none", ecolor=color, capsize=3, linewidth=1)
    ax.set_yticks(base, [label(f"{g} (n={n})", width=30) for g, n in zip(rows[by], rows["n_quotes"])], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of quoted sentences")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.set_title(f"Unnamed, official and women's shares of each {by}'s quotes\n(95% intervals over articles, "
                 f"where a {by} has {MIN_INTERVAL_ARTICLES} or more articles with quotes)", fontsize=9)
    alt = (f"Dot chart: per {by}, the share of quoted sentences from unnamed sources, from officials and by women "
           "(of those whose gender the articles show), with 95% intervals where there are enough articles.")
    return keep_data(ax, sourcing, alt)
