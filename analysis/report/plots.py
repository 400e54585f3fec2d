"""Charts for the notebooks and reports: each one says something, or says in a sentence why it is not drawn.

Every ``plot_*`` function takes a tidy frame and ``ax=None``, draws on that Axes (or a new figure) and returns
the Axes, or a :class:`NoChart` when a chart would say nothing (no data, or every value the same): its ``text``
is the sentence to print instead. None calls ``plt.show()``. The numbers behind a chart, for *every* group
including those not drawn, are kept on it (``presslens_data``), with a description for its alt text
(``presslens_alt``); :func:`analysis.report.charts.save_chart` writes the PNG and the CSV, and
:func:`analysis.report.show.show_chart` shows it in a page with its alt text (:mod:`analysis.report.charts`
holds what every chart shares).

Rules every chart follows:

- **Text is data.** matplotlib's mathtext is off for every text PressLens draws, so ``$`` in an outlet or a
  column name prints as ``$``. Long labels wrap onto up to three lines instead of being cut.
- **n is shown** beside every bar, box, line or cell.
- **Many groups.** With ``MANY_GROUPS`` (20) groups or more, a chart draws the ``SHOWN_EACH_END`` (8) highest and
  8 lowest groups with a row standing for those in between (bars), or the 16 largest groups (heatmaps), or the 8
  largest and all others pooled (lines), and says so in its title; the CSV holds every group.
- **Too little data** is drawn as such, by one rule (:func:`analysis.report.charts.thin_data_rule`, which a page
  states once): a mean over fewer than the findings' 2 articles or 20 scored sentences is a hatched, pale bar,
  a hollow point, or a grey actor-tone cell marked "too few". A chart in which no cell reaches the rule is not
  drawn: its sentence says which threshold no cell reached, how near the fullest came, and what would fill it.
- **Intervals** are drawn only where they exist (never as a zero-width bar), and n labels sit outside the plot
  area, so error bars never cross them.
- **Legends** list series in the order they are drawn, top to bottom.
- **Colours.** Pass one ``colors`` mapping (from :func:`analysis.explore.colors.source_colors`) to every chart, so a group has the same
  colour everywhere: Okabe and Ito's eight colour-blind-safe colours, then Paul Tol's "muted" and "light" sets
  (26 groups before a colour repeats). Heatmaps use cividis, or PuOr centred on zero.
"""
from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from analysis.report.charts import (DIVERGING, HOLLOW_NOTE, OTHERS, SEQUENTIAL, THIN_NOTE, VOICE_COLORS,
                                    NoChart, draw_bars, draw_errorbars, draw_legend, draw_n_column, draw_points,
                                    drawn_note,
                                    group_colors, group_ticks, has_enough, ink_for, keep_data, label, largest_groups,
                                    largest_lines, largest_note, many_note, measure_rows, new_axes, number_text,
                                    pooled_note, row_positions, score_column, shown_ends)
from analysis.report.findings import MIN_ARTICLES, MIN_SCORED, group_word
from analysis.report.prose import axis_name, count, measure_label, names, signed, tone_table
from analysis.report.terms import correction_rule, keyness_finding
from analysis.scores.timeline import FREQUENCY_NAMES, period_width


# ---------------------------------------------------------------- tone

def plot_tone_by_source(summary: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None,
                        colors: dict | None = None, min_articles: int = MIN_ARTICLES, min_scored: int = MIN_SCORED):
    """Mean sentence tone per group with its 95% bootstrap interval (from ``tone_by_source``).

    Bars are sorted by mean (highest at the top); each label gives the group's scored sentences and articles.
    Groups with too little data (the findings' rule) are hatched. With many groups, the highest and lowest are
    drawn with one row standing for the groups between them.
    """
    table = tone_table(summary)
    name = measure_label(measure)
    rows = measure_rows(table, measure)
    rows = rows[rows["mean"].notna()].sort_values("mean", kind="stable").reset_index(drop=True)
    title = f"Mean sentence tone per {by} ({axis_name(measure)}), with 95% bootstrap intervals"
    if rows.empty:
        return NoChart(f"No {by} has a sentence with a {name} score, so there is no tone to chart.",
                       measure_rows(table, measure), title)
    shown, gap = shown_ends(rows, by)
    ax = new_axes(ax, height=0.45 * (len(shown) + bool(gap)) + 1.8)
    y = row_positions(len(shown), gap)
    thin = ~has_enough(shown, min_articles, min_scored)
    draw_bars(ax, y, shown["mean"], group_colors(shown[by], colors), thin)
    draw_errorbars(ax, y, shown)
    labels = [f"{label(g)} (n={n} sentences, {count(a, 'article')})"
              for g, n, a in zip(shown[by], shown["n_scored"], shown["n_articles"])]
    group_ticks(ax, y, labels, gap, rows, by, value=lambda r: signed(r))
    ax.axvline(0, color="#444", linewidth=0.8)
    ax.set_xlabel(f"mean sentence tone, {axis_name(measure)} (−1 negative to +1 positive)"
                  + (f"\n{THIN_NOTE}" if thin.any() else ""))
    ax.set_title(title + many_note(gap, len(rows), by, "highest", "lowest"), fontsize=10)
    high, low = rows.iloc[-1], rows.iloc[0]
    alt = (f"Horizontal bar chart of the mean {name} tone of each {by}, with 95% intervals; "
           f"{drawn_note(len(shown), len(rows), by)}. Highest: {high[by]} ({signed(high['mean'])}); "
           f"lowest: {low[by]} ({signed(low['mean'])}).")
    return keep_data(ax, measure_rows(table, measure), alt)


MAX_DOTS = 1500


def plot_tone_distribution(scored: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None,
                           colors: dict | None = None):
    """The spread of sentence tone per group, from scored sentences: :func:`plot_tone_spread` of
    :func:`tone_spread`."""
    stats, dots = tone_spread(scored, measure=measure, by=by)
    return plot_tone_spread(stats, dots, measure=measure, by=by, ax=ax, colors=colors)


def tone_spread(scored: pd.DataFrame, *, measure: str = "vader", by: str = "source",
                dots: int = MAX_DOTS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Box statistics of each group's scored sentences (``n_scored``, ``mean``, ``q1``, ``median``, ``q3``, the
    whiskers' ends ``whislo``/``whishi`` at the furthest value within 1.5 IQR, ``minimum``, ``maximum``) and up
    to ``dots`` of its sentences (a fixed random sample) to draw as dots. :func:`analysis.explore.views.distribution`
    gives the same from a scored corpus of any size."""
    column = score_column(scored, measure)
    data = scored[scored[column].notna()]
    if "no_signal" in data:
        data = data[~data["no_signal"].astype(bool)]
    rows = []
    for group, values in data.groupby(by, sort=True)[column]:
        v = values.to_numpy(dtype=float)
        q1, median, q3 = np.percentile(v, [25, 50, 75])
        reach = 1.5 * (q3 - q1)
        rows.append((group, len(v), float(v.mean()), q1, median, q3, float(v[v >= q1 - reach].min()),
                     float(v[v <= q3 + reach].max()), float(v.min()), float(v.max())))
    stats = pd.DataFrame(rows, columns=[by, "n_scored", "mean", "q1", "median", "q3", "whislo", "whishi", "minimum",
                                        "maximum"])
    rng = np.random.default_rng(0)
    sample = [part.iloc[np.sort(rng.choice(len(part), dots, replace=False))] if len(part) > dots else part
              for _, part in data.groupby(by, sort=True)]
    shown = pd.concat(sample)[[by, column]] if sample else pd.DataFrame(columns=[by, column])
    return stats, shown.rename(columns={column: measure})


def plot_tone_spread(stats: pd.DataFrame, dots: pd.DataFrame, *, measure: str = "vader", by: str = "source",
                     ax=None, colors: dict | None = None):
    """The spread of sentence tone per group: a box per group (every scored sentence; quartiles, median and
    whiskers from ``stats``) and a dot per sentence of ``dots`` (at most a sample of each group).

    Groups are sorted by mean (highest at the top). The CSV holds each group's n, mean and quartiles.
    """
    stats = stats.sort_values("mean", kind="stable").reset_index(drop=True)
    title = f"Distribution of sentence tone per {by} ({axis_name(measure)}; sentences with a sentiment word)"
    if stats.empty:
        return NoChart(f"No sentence has a {measure_label(measure)} score, so there is no spread to show.", stats,
                       title)
    shown, gap = shown_ends(stats, by)
    ax = new_axes(ax, height=0.45 * (len(shown) + bool(gap)) + 1.5)
    y = row_positions(len(shown), gap)
    boxes = [{"med": r.median, "q1": r.q1, "q3": r.q3, "whislo": r.whislo, "whishi": r.whishi, "fliers": []}
             for r in shown.itertuples()]
    ax.bxp(boxes, positions=y, orientation="horizontal", widths=0.6, showfliers=False)
    rng = np.random.default_rng(0)
    column = measure if measure in dots.columns else score_column(dots, measure)
    for yy, g in zip(y, shown[by]):
        values = dots.loc[dots[by] == g, column].to_numpy(dtype=float)
        ax.scatter(values, yy + rng.uniform(-0.15, 0.15, len(values)), s=10, alpha=0.6,
                   color=group_colors([g], colors)[0])
    group_ticks(ax, y, [f"{label(g)} (n={n})" for g, n in zip(shown[by], shown["n_scored"])], gap, stats, by,
           value=signed)
    ax.axvline(0, color="#444", linewidth=0.8)
    sampled = (stats["n_scored"] > MAX_DOTS).any()
    ax.set_xlabel(f"sentence tone, {axis_name(measure)} (−1 to +1); box: quartiles, line: median"
                  + (f"; dots: a sample of {MAX_DOTS:,} a group" if sampled else ""))
    ax.set_title(title + many_note(gap, len(stats), by, "highest", "lowest"), fontsize=10)
    alt = (f"Box plot of the {measure_label(measure)} tone of each sentence, one box per {by}; "
           f"{drawn_note(len(shown), len(stats), by)}. Medians run from {signed(stats['median'].min())} to "
           f"{signed(stats['median'].max())}.")
    return keep_data(ax, stats, alt)


def plot_tone_by_position(positions: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None,
                          colors: dict | None = None, min_articles: int = MIN_ARTICLES, min_scored: int = MIN_SCORED):
    """Mean tone along the article, from the lede to the last sentence (from ``tone_by_position``).

    A point over fewer than ``min_articles`` articles or ``min_scored`` scored sentences is hollow (too little
    data). With many groups, the 8 with the most sentences get a line each and the others are pooled into one
    grey line (means weighted by sentences).
    """
    data = measure_rows(tone_table(positions), measure)
    title = f"Tone along the article per {by} ({axis_name(measure)})"
    if data.empty or data["mean"].isna().all():
        return NoChart(f"No scored sentence, so there is no tone along the article to chart.", data, title)
    drawn, pooled = largest_lines(data, by, size="n_scored", value="mean")
    ax = new_axes(ax)
    thin_any = False
    for group, frame in drawn:
        color = "#999999" if group == OTHERS else group_colors([group], colors)[0]
        thin = ~has_enough(frame, min_articles, min_scored, interval=False)
        thin_any |= bool(thin.any())
        draw_points(ax, frame["position_mid"] * 100, frame["mean"], color, thin,
                    label=f"{label(group, width=28)} (n={int(frame['n_scored'].sum())})")
    ax.axhline(0, color="#444", linewidth=0.8)
    ax.set_xlabel("position in the article (% of its sentences; 0 = lede)" + (f"\n{HOLLOW_NOTE}" if thin_any else ""))
    ax.set_ylabel(f"mean tone, {axis_name(measure)}")
    ax.set_xlim(0, 100)
    ax.set_title(title + pooled_note(pooled, data[by].nunique(), by), fontsize=10)
    draw_legend(ax)
    alt = (f"Line chart of mean {measure_label(measure)} tone by position in the article, from the lede to the end, "
           f"one line per {by} ({drawn_note(len(drawn), data[by].nunique(), by)})"
           + ("; hollow points have too little data to compare." if thin_any else "."))
    return keep_data(ax, data, alt)


def plot_voice_tone(summary: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None,
                    min_articles: int = MIN_ARTICLES, min_scored: int = MIN_SCORED):
    """Tone of the outlet's own narration, mixed sentences and quoted speech, per group, with 95% intervals.

    Groups run from the top in alphabetical order, and within a group the voices in the legend's order. The n of
    each bar stands in a column right of the plot, clear of the error bars. Bars with too little data are hatched.
    """
    data = measure_rows(tone_table(summary), measure)
    data = data[data["voice"].isin(list(VOICE_COLORS))] if "voice" in data else data.iloc[0:0]
    title = f"Narration against quoted speech per {by} ({axis_name(measure)})"
    if data.empty or data["mean"].isna().all():
        return NoChart(f"No quoted or narrated sentence has a {measure_label(measure)} score.", data, title)
    sizes = data.groupby(by)["n_scored"].sum().sort_values(ascending=False, kind="stable")
    groups, hidden = largest_groups(sizes)
    groups = sorted(groups, key=str)
    voices = [v for v in VOICE_COLORS if v in set(data["voice"])]
    width = 0.8 / len(voices)
    ax = new_axes(ax, height=0.25 * len(groups) * len(voices) + 0.3 * len(groups) + 1.8)
    for k, voice in enumerate(voices):
        part = data[data["voice"] == voice].set_index(by).reindex(groups).reset_index()
        y = np.arange(len(groups)) + k * width
        thin = ~has_enough(part, min_articles, min_scored)
        draw_bars(ax, y, part["mean"], [VOICE_COLORS[voice]] * len(part), thin, height=width, label=voice)
        draw_errorbars(ax, y, part)
        draw_n_column(ax, y, part["n_scored"])
    ax.set_yticks(np.arange(len(groups)) + width * (len(voices) - 1) / 2, [label(g) for g in groups])
    ax.invert_yaxis()
    ax.axvline(0, color="#444", linewidth=0.8)
    ax.set_xlabel(f"mean sentence tone, {axis_name(measure)}, with 95% interval; n = scored sentences"
                  + (f"\n{THIN_NOTE}" if (~has_enough(data, min_articles, min_scored)).any() else ""))
    ax.set_title(title + largest_note(hidden, len(sizes), by), fontsize=10)
    ax.legend(title="voice", fontsize=8, loc="upper left", bbox_to_anchor=(1.08, 1), frameon=False)
    alt = (f"Grouped bar chart of mean {measure_label(measure)} tone per {by} in each voice ({', '.join(voices)}), "
           f"with 95% intervals; {drawn_note(len(groups), len(sizes), by)}.")
    return keep_data(ax, data, alt)


# ---------------------------------------------------------------- heatmaps

def plot_heatmap(frame: pd.DataFrame, *, rows: str, columns: str, value: str, count: str | None = None, ax=None,
                 title: str = "", value_label: str = "", diverging: bool = False, fmt: str = "{:.2f}",
                 min_count: int | None = None, csv: pd.DataFrame | None = None, alt: str | None = None,
                 groups: str | None = None, few_text: str = "too few", thin: str | None = None,
                 limit: float | None = None):
    """A rows × columns heatmap of ``value``, each cell annotated with its value (and ``n`` from ``count``).

    Cells whose ``count`` is below ``min_count``, or whose ``thin`` column (a boolean column of ``frame``) is
    True, are grey and read ``few_text`` ("too few"; a ``{n}`` in it is the cell's count, else the count follows),
    not coloured. Labels wrap, never cut. The colour scale runs to the largest value drawn (from −it with
    ``diverging``), or to ``limit`` when given: a fixed scale, the same whatever the data.
    A heatmap with no value, or the same value in every cell, is not drawn (a :class:`NoChart` says so).
    ``groups`` (``"rows"`` or ``"columns"``) names the side that holds the groups: with ``MANY_GROUPS`` or more,
    the 16 with the largest ``count`` total (or the most cells) are drawn and the title says so.
    ``csv`` is the table to keep as the chart's numbers (default: every cell, drawn or not).
    """
    kept = csv if csv is not None else frame[[c for c in (rows, columns, value, count) if c]]
    if groups in ("rows", "columns") and len(frame):
        side = rows if groups == "rows" else columns
        sizes = (frame.groupby(side)[count].sum() if count else frame.groupby(side).size()).sort_values(
            ascending=False, kind="stable")
        drawn, hidden = largest_groups(sizes)
        frame = frame[frame[side].isin(drawn)]
        title += largest_note(hidden, len(sizes), side)
    table = frame.pivot_table(index=rows, columns=columns, values=value, aggfunc="first", dropna=False)
    counts = (frame.pivot_table(index=rows, columns=columns, values=count, aggfunc="first", dropna=False)
              .reindex(index=table.index, columns=table.columns) if count else None)
    data = table.to_numpy(dtype=float)
    if not np.isfinite(data).any():
        return NoChart(f"Nothing to chart for “{title}”: no cell has a value.", kept, title)
    finite = data[np.isfinite(data)]
    if data.size > 1 and np.all(finite == finite[0]) and np.isfinite(data).all():
        return NoChart(f"Every cell of “{title}” has the same value, {fmt.format(finite[0])}, so it is not drawn.",
                       kept, title)
    few = (counts.to_numpy(dtype=float) < min_count) if (counts is not None and min_count) else np.zeros_like(data,
                                                                                                          bool)
    if thin is not None:
        marked = frame.pivot_table(index=rows, columns=columns, values=thin, aggfunc="first", dropna=False)
        few = few | marked.reindex(index=table.index, columns=table.columns).fillna(False).to_numpy(dtype=bool)
    ax = new_axes(ax, width=min(max(6.0, 1.1 * len(table.columns) + 3.5), 13.0), height=0.6 * len(table) + 2.2)
    if limit is None:
        drawn = np.where(few, np.nan, data)
        limit = float(np.nanmax(np.abs(drawn))) if np.isfinite(drawn).any() else 1.0
    norm = matplotlib.colors.Normalize(vmin=-limit if diverging else 0, vmax=limit or 1)
    cmap = matplotlib.colormaps[DIVERGING if diverging else SEQUENTIAL].with_extremes(bad="#EEEEEE")
    image = ax.imshow(np.ma.masked_invalid(np.where(few, np.nan, data)), aspect="auto", cmap=cmap, norm=norm)
    _cell_texts(ax, data, counts, few, fmt, cmap, norm, few_text=few_text)
    ax.set_xticks(range(len(table.columns)), [label(c, width=16) for c in table.columns], rotation=30, ha="right",
                  rotation_mode="anchor")
    ax.set_yticks(range(len(table.index)), [label(r, width=28) for r in table.index])
    ax.figure.colorbar(image, ax=ax, label=value_label or value)
    ax.set_title(title, fontsize=10)
    return keep_data(ax, kept, alt or f"Heatmap: {title}. Rows: {rows}; columns: {columns}; colour: {value_label or value}.")


def _cell_texts(ax, data, counts, few, fmt: str, cmap, norm, *, few_text: str = "too few") -> None:
    n = counts.to_numpy(dtype=float) if counts is not None else None
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            known = n is not None and np.isfinite(n[i, j])
            n_text = f"\nn={int(n[i, j])}" if known else ""
            if few[i, j]:
                text = label(few_text.format(n=int(n[i, j]) if known else "?"), width=14, lines=4) \
                    if "{n}" in few_text \
                    else f"{label(few_text, width=10)}{n_text}"
                ax.text(j, i, text, ha="center", va="center", fontsize=7, color="#333333")
            elif np.isfinite(data[i, j]):
                ax.text(j, i, fmt.format(data[i, j]) + n_text, ha="center", va="center", fontsize=7,
                        color=ink_for(cmap(norm(data[i, j]))))


def plot_topic_heatmap(coverage: pd.DataFrame, *, by: str = "source", value: str = "sentence_share", ax=None):
    """Share of each group's sentences that mention each topic (from ``topic_coverage``).

    With many groups, the 16 with the most sentences are drawn; the CSV holds every group.
    """
    sizes = coverage.groupby(by)["n_sentences"].first().sort_values(ascending=False, kind="stable") \
        if len(coverage) else pd.Series(dtype=float)
    groups, hidden = largest_groups(sizes)
    shown = coverage[coverage[by].isin(groups)]
    share = value.endswith("share")
    data = shown.assign(percent=shown[value] * 100) if share else shown
    data = data.assign(_row=[f"{g} (n={n:,} sentences)" for g, n in zip(data[by], data["n_sentences"])])
    title = (f"Topic coverage per {by}: share of sentences that mention each topic"
             + largest_note(hidden, len(sizes), by))
    return plot_heatmap(data, rows="_row", columns="topic", value="percent" if share else value, ax=ax,
                        fmt="{:.0f}%" if share else "{:.1f}", csv=coverage,
                        value_label="% of sentences mentioning the topic" if value == "sentence_share" else value,
                        title=title, alt=(f"Heatmap of the share of each {by}'s sentences that mention each topic; "
                                          f"{drawn_note(len(groups), len(sizes), by)}."))


def plot_actor_tone(actor_summary: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None,
                    min_articles: int = MIN_ARTICLES, min_scored: int = MIN_SCORED):
    """Mean tone of the sentences mentioning each actor, per group, with the number of scored sentences.

    A cell over fewer than ``min_articles`` articles or ``min_scored`` scored sentences (the findings' rule)
    reads "too few" and is not coloured. When no cell reaches the rule, no chart is drawn and a
    :class:`NoChart` says so, with the fullest cell and what would fill the chart. With many groups, the 16
    with the most scored sentences are drawn.
    """
    data = measure_rows(tone_table(actor_summary), measure)
    title = f"Tone of the sentences that mention each actor, per {by} ({axis_name(measure)})"
    enough = has_enough(data, min_articles, min_scored, interval=False) if len(data) else pd.Series(dtype=bool)
    if len(data) and not enough.any():
        return NoChart(_no_cell_text(data, by, min_articles, min_scored), data, title)
    sizes = data.groupby(by)["n_scored"].sum().sort_values(ascending=False, kind="stable") if len(data) else \
        pd.Series(dtype=float)
    groups, hidden = largest_groups(sizes)
    shown = data.assign(_thin=~enough)[data[by].isin(groups)]
    return plot_heatmap(shown, rows="actor", columns=by, value="mean", count="n_scored", ax=ax, diverging=True,
                        thin="_thin", csv=data, value_label=f"mean tone, {axis_name(measure)}",
                        title=title + largest_note(hidden, len(sizes), by),
                        alt=(f"Heatmap of the mean {measure_label(measure)} tone of the sentences that mention each "
                             f"actor, per {by}; cells with too little data are marked too few; "
                             f"{drawn_note(len(groups), len(sizes), by)}."))


def _no_cell_text(data: pd.DataFrame, by: str, min_articles: int, min_scored: int) -> str:
    """Why the actor-tone chart is empty: the rule no cell reached, the fullest cell, and what would fill it."""
    word = group_word(by)
    full = data.sort_values(["n_scored", "n_articles", "actor"], ascending=[False, False, True], kind="stable")
    top = full.iloc[0]
    return (f"No chart of the tone toward each actor: no cell reaches the rule ({count(min_articles, 'article')} "
            f"and {count(min_scored, 'scored sentence')} naming the actor, in one {word}); the fullest is "
            f"{top['actor']} in {top[by]} ({count(top['n_scored'], 'scored sentence')} in "
            f"{count(top['n_articles'], 'article')}). More articles per {word} that name the actors would fill it; "
            "every cell's mean is in the chart's CSV.")


STANCE_SCALE = 1.0  # the stance heatmaps' colour scale runs from -1 to +1: the measure's range, not the data's


def plot_stance(stance: pd.DataFrame, *, by: str = "source", ax=None, min_clear: int | None = None):
    """Stance toward each actor per group (from :func:`analysis.explore.views.actor_stance`): the mean stance of the
    articles with clear evidence, from −1 (unfavourable) to +1 (favourable), with the number of such articles.

    A cell with fewer than ``min_clear`` clear articles (the summary's own threshold by default) is not coloured
    and says why: "no clear stance: 1 clear, 2 needed" (a clear article says at least ``MIN_EVIDENCE`` things
    about the actor). The colour scale is fixed at ±``STANCE_SCALE``
    (the measure's own range), never fitted to the data, so that the same colour means the same stance on
    every page. With many groups, the 16 with the most clear articles are drawn.
    """
    min_clear = min_clear if min_clear is not None else stance.attrs.get("min_clear", 2)
    sizes = stance.groupby(by)["n_clear"].sum().sort_values(ascending=False, kind="stable") if len(stance) else \
        pd.Series(dtype=float)
    groups, hidden = largest_groups(sizes)
    title = f"Stance toward each actor per {by} (mean over articles with clear evidence)" + largest_note(
        hidden, len(sizes), by)
    return plot_heatmap(stance[stance[by].isin(groups)], rows="actor", columns=by, value="mean", count="n_clear",
                        ax=ax, diverging=True, min_count=min_clear, csv=stance, limit=STANCE_SCALE,
                        few_text=f"no clear stance: {{n}} clear, {min_clear} needed",
                        value_label="mean stance (−1 unfavourable to +1 favourable)", title=title,
                        alt=(f"Heatmap of the mean stance of each {by}'s articles toward each actor, from −1 "
                             f"(unfavourable) to +1 (favourable); cells with fewer than {min_clear} articles with "
                             f"clear evidence read no clear stance; {drawn_note(len(groups), len(sizes), by)}."))


# ---------------------------------------------------------------- topics, keywords, counts

def plot_lede_vs_buried(coverage: pd.DataFrame, *, by: str = "source", ax=None):
    """Where each topic first appears: articles with a first mention in the lede, later in the first half, or in
    the second half (buried)."""
    data = coverage.groupby("topic", as_index=False)[["first_in_lede", "first_buried", "articles_mentioning"]].sum()
    data = data[data["articles_mentioning"] > 0].sort_values("articles_mentioning", kind="stable")
    title = "How early each topic appears in the articles that mention it"
    if data.empty:
        return NoChart("No article mentions a topic of the codebook, so there is no first mention to place.", data,
                       title)
    ax = new_axes(ax, height=0.4 * len(data) + 1.8)
    y = np.arange(len(data))
    middle = data["articles_mentioning"] - data["first_in_lede"] - data["first_buried"]
    parts = [("first mention in the lede", data["first_in_lede"], "#0072B2"),
             ("first half, after the lede", middle, "#BBBBBB"),
             ("first mention buried (second half)", data["first_buried"], "#E69F00")]
    left = np.zeros(len(data))
    for name, values, color in parts:
        ax.barh(y, values, left=left, color=color, label=name)
        left = left + values.to_numpy()
    ax.set_yticks(y, [f"{label(t)} (n={n})" for t, n in zip(data["topic"], data["articles_mentioning"])])
    ax.set_xlabel("articles mentioning the topic")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    alt = (f"Stacked bar chart: for each of {len(data)} topics, the articles whose first mention is in the lede, "
           "later in the first half, or in the second half.")
    return keep_data(ax, data, alt)


def plot_keyness(keys: pd.DataFrame, *, by: str = "source", top: int = 8, ax=None, colors: dict | None = None):
    """Each group's significantly distinctive terms (from ``keyness``), as bars of their log ratio.

    With no significant term, no chart is drawn: the :class:`NoChart` sentence is
    :func:`analysis.report.terms.keyness_finding`'s (the threshold, the closest term, what would fill the chart),
    so a page that prints the finding too writes it once (:func:`analysis.report.show.show_chart`).

    Only terms with ``significant`` True are drawn, up to ``top`` per group, ordered by the log ratio that sets
    each bar's length (ties: G², then term). A group with no significant term gets a labelled empty row. With
    many groups, the 16 whose best term has the largest G² are drawn, 3 terms each. The CSV holds every
    significant term of every group.
    """
    sig = keys[keys["significant"].astype(bool)] if "significant" in keys else keys.iloc[0:0]
    rule = correction_rule(keys, by=by)
    title = f"Terms significantly more frequent in each {by}"
    if sig.empty:
        return NoChart(keyness_finding(keys, by=by), sig, title)
    strength = sig.groupby(by)["g2"].max().sort_values(ascending=False, kind="stable")
    groups, hidden = largest_groups(strength)
    top = min(top, 3) if hidden else top
    data = sig[sig[by].isin(groups)].sort_values([by, "log_ratio", "g2", "term"],
                                                 ascending=[True, False, False, True]).groupby(by).head(top)
    empty = [] if hidden else sorted(set(keys[by].astype(str)) - set(data[by].astype(str)))
    rows = [(str(g), f"{label(g, width=30, lines=2)}: {label(t, width=30, lines=1)} ({int(a)} vs {int(b)})", v)
            for g, t, a, b, v in zip(data[by], data["term"], data["count_target"], data["count_reference"],
                                     data["log_ratio"])]
    rows += [(g, f"{label(g, width=30, lines=2)}: no significant term", 0.0) for g in empty]
    rows.sort(key=lambda r: r[0])
    ax = new_axes(ax, height=0.3 * sum(r[1].count("\n") + 1 for r in rows) + 1.8)
    y = np.arange(len(rows))[::-1]
    ax.barh(y, [r[2] for r in rows], color=group_colors([r[0] for r in rows], colors))
    ax.set_yticks(y, [r[1] for r in rows], fontsize=7)
    ax.set_xlabel("log ratio (log2: 1 = twice as frequent as in the other groups)")
    note = (f"; the {len(groups)} {group_word(by)}s with the strongest terms of {len(strength)}, all in the CSV"
            if hidden else "")
    ax.set_title(f"{title}\n({rule};\ntop {top} by log ratio{note}; in brackets: uses vs uses elsewhere)",
                 fontsize=9)
    alt = (f"Horizontal bar chart of the log ratio of the significantly distinctive terms of each {by} ({rule}); "
           f"{drawn_note(len(groups), keys[by].nunique(), by)}.")
    return keep_data(ax, sig.sort_values([by, "log_ratio", "g2", "term"], ascending=[True, False, False, True]), alt)


def plot_counts(frame: pd.DataFrame, *, column: str, ax=None, colors: dict | None = None, title: str = "",
                xlabel: str = "articles", weight: str | None = None):
    """Horizontal bars of how many rows fall in each value of ``column`` (or the sum of ``weight``, for a table
    of counts), with n on each bar.

    Not drawn when every value has the same count (a :class:`NoChart` gives the count in a sentence). With many
    values, the 8 largest and 8 smallest are drawn with one row standing for the others.
    """
    counts = (frame.groupby(frame[column].astype(str))[weight].sum().astype(int) if weight is not None
              else frame[column].astype(str).value_counts()).sort_values(kind="stable")
    table = counts.rename_axis(column).reset_index(name="count").sort_values(["count", column], kind="stable") \
        .reset_index(drop=True)
    title = title or f"{xlabel.capitalize()} per {column}"
    if table.empty:
        return NoChart(f"No {xlabel} to count by {column}.", table, title)
    if table["count"].nunique() == 1:
        return NoChart(_same_count_text(table, column, xlabel), table, title)
    shown, gap = shown_ends(table, column)
    ax = new_axes(ax, height=0.4 * (len(shown) + bool(gap)) + 1.5)
    y = row_positions(len(shown), gap)
    bars = ax.barh(y, shown["count"].to_numpy(), color=group_colors(shown[column], colors) if colors else "#0072B2")
    ax.bar_label(bars, labels=[f"n={n:,}" for n in shown["count"]], padding=3, fontsize=8)
    group_ticks(ax, y, [label(v) for v in shown[column]], gap, table, column, value=lambda v: f"{int(v):,}",
           value_column="count")
    ax.set_xlabel(xlabel)
    ax.margins(x=0.12)
    ax.set_title(title + many_note(gap, len(table), column, "largest", "smallest"), fontsize=10)
    alt = (f"Horizontal bar chart of {xlabel} per {column}; {drawn_note(len(shown), len(table), column)}. "
           f"Most: {table.iloc[-1][column]} ({table.iloc[-1]['count']:,}); "
           f"fewest: {table.iloc[0][column]} ({table.iloc[0]['count']:,}).")
    return keep_data(ax, table, alt)


def _same_count_text(table: pd.DataFrame, column: str, xlabel: str) -> str:
    n = int(table["count"].iloc[0])
    if len(table) == 1:
        return f"One {column} only: {table.iloc[0][column]} ({xlabel}: {n:,}), so no chart is drawn."
    return (f"Every {column} has the same number of {xlabel}, {n:,} each ({len(table)} values: "
            f"{names(table[column])}), so no chart is drawn.")


# ---------------------------------------------------------------- over time

def plot_over_time(frame: pd.DataFrame, *, value: str, by: str = "source", date: str = "period", ax=None,
                   colors: dict | None = None, events: pd.DataFrame | None = None, ylabel: str = "",
                   title: str = "", min_articles: int = MIN_ARTICLES, min_scored: int = MIN_SCORED):
    """A line per group over time (from :func:`analysis.scores.timeline.coverage_over_time`), events as dashed lines.

    A point of a mean (any ``value`` but the count ``n_articles``) over fewer than ``min_articles`` articles or
    ``min_scored`` scored sentences (when the frame counts them, ``n_scored``) is hollow: too little data.

    Points of different groups in the same period are set side by side within the period (dodged), so groups
    that coincide stay visible. With many groups, the 8 with the most articles get a line each and the others are
    averaged into one grey line (articles per group for counts, article-weighted for means). A chart of one period in which every group has the
    same value is not drawn (a :class:`NoChart` says so).
    """
    title = title or f"{ylabel or value} per {by} over time"
    data = frame[frame[value].notna()] if len(frame) else frame
    if data.empty:
        return NoChart(f"No dated article, so nothing to chart over time.", frame, title)
    freq = str(data["freq"].iloc[0]) if "freq" in data else "D"
    if data[date].nunique() == 1 and data[value].nunique() == 1:
        period = pd.Timestamp(data[date].iloc[0]).strftime("%Y-%m-%d")
        return NoChart(f"Every {by} has the same {ylabel or value}, {number_text(data[value].iloc[0])}, in the only "
                       f"{FREQUENCY_NAMES.get(freq, 'period')} with articles (from {period}), so no chart is drawn.",
                       frame, title)
    drawn, pooled = largest_lines(data, by, size="n_articles", value=value, x=date,
                                   summed=value == "n_articles")
    ax = new_axes(ax)
    width = period_width(freq) * 0.7
    thin_any = False
    for k, (group, part) in enumerate(drawn):
        shift = width * ((k + 0.5) / len(drawn) - 0.5) if len(drawn) > 1 else pd.Timedelta(0)
        color = "#999999" if group == OTHERS else group_colors([group], colors)[0]
        thin = (part["n_articles"].lt(min_articles) | (part["n_scored"].lt(min_scored) if "n_scored" in part
                                                       else False)) if value != "n_articles" else part[value].isna()
        thin_any |= bool(thin.any())
        draw_points(ax, pd.to_datetime(part[date]) + period_width(freq) / 2 + shift, part[value], color, thin,
                    label=f"{label(group, width=28)} (n={int(part['n_articles'].sum())} art.)")
    _events(ax, events)
    if value == "n_articles":
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel or value)
    ax.set_xlabel(f"publication date, per {FREQUENCY_NAMES.get(freq, 'period')} "
                  "(points of one period are set side by side)" + (f"\n{HOLLOW_NOTE}" if thin_any else ""))
    ax.set_title(title + pooled_note(pooled, data[by].nunique(), by), fontsize=10)
    ax.figure.autofmt_xdate()
    draw_legend(ax)
    alt = (f"Line chart of {ylabel or value} per {FREQUENCY_NAMES.get(freq, 'period')}, one line per {by} "
           f"({drawn_note(len(drawn), data[by].nunique(), by)}), from {pd.Timestamp(data[date].min()):%Y-%m-%d} to "
           f"{pd.Timestamp(data[date].max()):%Y-%m-%d}.")
    return keep_data(ax, frame, alt)


def _events(ax, events: pd.DataFrame | None) -> None:
    if events is None:
        return
    for _, event in events.iterrows():
        ax.axvline(event["start"], color="#888", linestyle="--", linewidth=0.8)
        ax.annotate(label(event["event"], width=30, lines=1), (event["start"], 1),
                    xycoords=("data", "axes fraction"), rotation=90, va="top", ha="right", fontsize=7, color="#555")
