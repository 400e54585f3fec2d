"""What every chart shares: a chart that is not drawn (:class:`NoChart`), labels, the numbers kept on a chart,
saving it as PNG and CSV, its alt text, and the drawing helpers of :mod:`analysis.report.plots`.

The rules every chart follows are in :mod:`analysis.report.plots`. A chart keeps the numbers behind it, for every
group including those not drawn (``presslens_data``), and a description for its alt text (``presslens_alt``):
:func:`save_chart` writes the PNG and the CSV, and :func:`analysis.report.show.show_chart` shows it in a page.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.text import Text
from matplotlib.transforms import blended_transform_factory

from analysis.explore.colors import source_colors
from analysis.report.findings import MIN_ARTICLES, MIN_SCORED, group_word
from analysis.report.prose import count
from analysis.scores.tone import MIN_INTERVAL_SENTENCES
from analysis.tables.sinks import spreadsheet_safe

DIVERGING = "PuOr"  # colour-blind safe, centred on zero
SEQUENTIAL = "cividis"
MAX_LABEL = 32      # characters per line of a label
MAX_LINES = 3       # lines of a label before it is shortened
MANY_GROUPS = 20
SHOWN_EACH_END = 8
DPI = 120
OTHERS = "average of the other groups"
THIN_NOTE = "hatched: too little data to compare (the rule is stated on the page)"
HOLLOW_NOTE = "hollow points: too little data to compare (the rule is stated on the page)"


def thin_data_rule(*, min_articles: int = MIN_ARTICLES, min_scored: int = MIN_SCORED,
                   min_interval: int = MIN_INTERVAL_SENTENCES) -> str:
    """The rule for too little data, as a page states it once, above the charts that follow it.

    A mean is compared with others only over at least ``min_articles`` articles and ``min_scored`` scored
    sentences (the findings' rule, :mod:`analysis.report.findings`); below that its bar is hatched, its point
    hollow, its heatmap cell grey and marked "too few". A 95% interval is given only over at least
    ``min_interval`` scored sentences that are not all alike (:data:`analysis.scores.tone.MIN_INTERVAL_SENTENCES`).
    """
    return (f"Too little data: a mean over fewer than {count(min_articles, 'article')} or "
            f"{count(min_scored, 'scored sentence')} is not compared with others, and is drawn hatched (a bar), "
            "hollow (a point) or grey and marked “too few” (a cell); a 95% interval is given only for a mean over "
            f"at least {count(min_interval, 'scored sentence')} that are not all alike.")
VOICE_COLORS = {"narration": "#0072B2", "mixed": "#999999", "quote": "#E69F00"}



@dataclass
class NoChart:
    """A chart that is not drawn because it would say nothing; ``text`` says what the data show instead.

    ``data`` holds the numbers the chart would have drawn (written as its CSV by :func:`save_chart`). In a
    notebook, a cell that ends with a NoChart prints its sentence.
    """

    text: str
    data: pd.DataFrame = field(default_factory=pd.DataFrame)
    title: str = ""

    @property
    def presslens_data(self) -> pd.DataFrame:
        return self.data

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(self.text)


def label(text, *, width: int = MAX_LABEL, lines: int = MAX_LINES) -> str:
    """Article-derived text as a chart label: whitespace collapsed, wrapped at ``width`` characters per line.

    Text longer than ``lines`` lines keeps its first lines and ends with "…". ``$`` and other characters are
    kept as written (mathtext is off for every PressLens text: see :func:`finish_text`).
    """
    text = " ".join(str(text).split())
    wrapped = textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


# ---------------------------------------------------------------- saving and describing

def save_chart(chart, folder: str | Path | None, name: str):
    """Write the chart as ``folder/name.png`` and the numbers behind it (every group) as ``folder/name.csv``.

    The CSV is safe to open in a spreadsheet (:func:`analysis.tables.sinks.spreadsheet_safe`). With ``folder=None``
    nothing is written (the notebooks' default when exploring). For a :class:`NoChart` only the CSV is written
    and the NoChart is returned, so a cell that ends with this call prints its sentence; for a chart it returns
    None, so the cell shows only the chart. To show a chart with its alt text, use
    :func:`analysis.report.show.show_chart`.
    """
    write_chart_files(chart, folder, name)
    return chart if isinstance(chart, NoChart) else None


def write_chart_files(chart, folder, name: str, *, png: bytes | None = None) -> Path | None:
    """Write ``name.csv`` (and ``name.png`` for a drawn chart: ``png`` bytes, or rendered now) into ``folder``."""
    if folder is None or (isinstance(folder, str) and not folder.strip()):
        return None
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not isinstance(chart, NoChart):
        if png is None:
            finish_text(chart.figure)
            chart.figure.savefig(path.with_suffix(".png"), dpi=DPI, bbox_inches="tight")
        else:
            path.with_suffix(".png").write_bytes(png)
    spreadsheet_safe(getattr(chart, "presslens_data", pd.DataFrame())).to_csv(path.with_suffix(".csv"), index=False)
    return path


def alt_text(chart) -> str:
    """The description of a chart for its alt text (what the ``plot_*`` function wrote, else its title)."""
    if isinstance(chart, NoChart):
        return chart.text
    return getattr(chart, "presslens_alt", None) or f"Chart: {' '.join(chart.get_title().split())}"


def finish_text(figure) -> None:
    """Turn mathtext off for every text of ``figure``, so ``$`` prints as ``$``."""
    for text in figure.findobj(Text):
        text.set_parse_math(False)


# ---------------------------------------------------------------- helpers

def measure_rows(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    if "measure" not in table:
        return table.iloc[0:0].assign(mean=pd.Series(dtype=float))
    return table[table["measure"] == ("textblob" if measure == "polarity" else measure)]


def score_column(frame: pd.DataFrame, measure: str) -> str:
    aliases = {"textblob": "polarity", "polarity": "textblob"}
    for column in (measure, aliases.get(measure)):
        if column and column in frame.columns:
            return column
    raise KeyError(f"no {measure!r} scores in the sentences (columns: {list(frame.columns)}); "
                   "score them first: score_tone(split_sentences(corpus.articles))")


def has_enough(rows: pd.DataFrame, min_articles: int, min_scored: int, *, interval: bool = True) -> pd.Series:
    """Rows whose mean rests on enough data to compare (``n_articles`` and ``n_scored`` at least the minimums,
    and, with ``interval``, an interval); a table without ``n_articles`` is judged on sentences alone."""
    articles = rows["n_articles"].fillna(0) if "n_articles" in rows else pd.Series(min_articles, index=rows.index)
    enough = articles.ge(min_articles) & rows["n_scored"].fillna(0).ge(min_scored)
    return enough & rows["ci_low"].notna() & rows["ci_high"].notna() if interval else enough


def draw_points(ax, x, y, color: str, thin, *, label: str | None = None) -> None:
    """A line through every point, each point filled, or hollow where ``thin`` (too little data)."""
    x, y, thin = list(x), np.asarray(y, dtype=float), np.asarray(thin, dtype=bool)
    ax.plot(x, y, color=color, marker="o", markerfacecolor=color, label=label)
    hollow = [i for i, t in enumerate(thin) if t]
    if hollow:
        ax.plot([x[i] for i in hollow], y[hollow], linestyle="none", marker="o", markerfacecolor="white",
                markeredgecolor=color, markeredgewidth=1.5, zorder=3)


def shown_ends(rows: pd.DataFrame, by: str) -> tuple[pd.DataFrame, int]:
    """The rows to draw (sorted rows: all, or the first and last ``SHOWN_EACH_END``) and how many are left out."""
    if len(rows) < MANY_GROUPS:
        return rows.reset_index(drop=True), 0
    shown = pd.concat([rows.iloc[:SHOWN_EACH_END], rows.iloc[-SHOWN_EACH_END:]])
    return shown.reset_index(drop=True), len(rows) - 2 * SHOWN_EACH_END


def row_positions(n: int, gap: int) -> np.ndarray:
    """y of each drawn row, bottom up; with a gap, one empty row between the lower and the upper half."""
    y = np.arange(n, dtype=float)
    if gap:
        y[SHOWN_EACH_END:] += 1
    return y


def group_ticks(ax, y, labels: list[str], gap: int, rows: pd.DataFrame, by: str, *, value, value_column: str = "mean"):
    ticks, texts = list(y), list(labels)
    if gap:
        between = rows.iloc[SHOWN_EACH_END:-SHOWN_EACH_END][value_column]
        ticks.append(SHOWN_EACH_END)
        texts.append(f"… {gap} more {group_word(by)}s in between\n({value(between.min())} to {value(between.max())}; "
                     "all in the CSV)")
    ax.set_yticks(ticks, texts)


def largest_groups(sizes: pd.Series) -> tuple[list, int]:
    """The groups to draw from ``sizes`` (sorted, largest first): all, or the first ``2 * SHOWN_EACH_END``."""
    if len(sizes) < MANY_GROUPS:
        return list(sizes.index), 0
    keep = 2 * SHOWN_EACH_END
    return list(sizes.index[:keep]), len(sizes) - keep


def largest_lines(data: pd.DataFrame, by: str, *, size: str, value: str, x: str = "position_mid",
                   summed: bool = False) -> tuple[list, int]:
    """``(group, frame)`` pairs to draw as lines: every group, or the 8 largest plus the others averaged (``summed``
    values, such as counts, per group; means weighted by ``size``)."""
    sizes = data.groupby(by)[size].sum().sort_values(ascending=False, kind="stable")
    if len(sizes) < MANY_GROUPS:
        return [(g, f.sort_values(x)) for g, f in data.groupby(by, sort=True)], 0
    kept = sorted(sizes.index[:SHOWN_EACH_END], key=str)
    drawn = [(g, data[data[by] == g].sort_values(x)) for g in kept]
    rest = data[~data[by].isin(kept)]
    weights = rest[size].astype(float)
    pooled = rest.assign(_w=weights * rest[value]).groupby(x, as_index=False).agg(_w=("_w", "sum"),
                                                                                 **{size: (size, "sum")})
    others = rest[by].nunique()
    pooled[value] = rest.groupby(x)[value].sum().to_numpy() / others if summed else pooled["_w"] / pooled[size]
    if size != "n_articles" and "n_articles" in rest:
        pooled["n_articles"] = rest.groupby(x)["n_articles"].sum().to_numpy()
    drawn.append((OTHERS, pooled))
    return drawn, len(sizes) - SHOWN_EACH_END


def many_note(gap: int, total: int, by: str, high: str, low: str) -> str:
    if not gap:
        return ""
    return f"\n(the {SHOWN_EACH_END} {high} and {SHOWN_EACH_END} {low} of {total} {group_word(by)}s; all in the CSV)"


def largest_note(hidden: int, total: int, by: str) -> str:
    return f"\n(the {2 * SHOWN_EACH_END} largest of {total} {group_word(by)}s; all in the CSV)" if hidden else ""


def pooled_note(pooled: int, total: int, by: str) -> str:
    return (f"\n(the {SHOWN_EACH_END} largest of {total} {group_word(by)}s; the other {pooled} averaged in grey; "
            "all in the CSV)") if pooled else ""


def drawn_note(shown: int, total: int, by: str) -> str:
    word = f"{group_word(by)}s"
    if total == 1:
        return f"one {group_word(by)}, drawn"
    return f"all {total} {word} drawn" if shown >= total else f"{shown} of {total} {word} drawn"


def draw_bars(ax, y, values, colors: list[str], thin: pd.Series, *, height: float = 0.8, label: str | None = None):
    values = pd.Series(values).reset_index(drop=True)
    thin = pd.Series(thin).reset_index(drop=True)
    drawn = values.notna().to_numpy()
    bars = ax.barh(np.asarray(y)[drawn], values[drawn], height=height,
                   color=[c for c, d in zip(colors, drawn) if d], label=label)
    for bar, is_thin in zip(bars, thin[drawn]):
        if is_thin:
            bar.set_alpha(0.45)
            bar.set_hatch("///")
            bar.set_edgecolor("#333333")
    return bars


def draw_errorbars(ax, y, rows: pd.DataFrame) -> None:
    rows = rows.reset_index(drop=True)
    has = (rows["ci_low"].notna() & rows["ci_high"].notna() & rows["mean"].notna()).to_numpy()
    if not has.any():
        return
    mean = rows["mean"].to_numpy(dtype=float)[has]
    low = np.clip(mean - rows["ci_low"].to_numpy(dtype=float)[has], 0, None)
    high = np.clip(rows["ci_high"].to_numpy(dtype=float)[has] - mean, 0, None)
    ax.errorbar(mean, np.asarray(y)[has], xerr=[low, high], fmt="none", ecolor="#333333", capsize=3, linewidth=1,
                zorder=3)


def draw_n_column(ax, y, n) -> None:
    transform = blended_transform_factory(ax.transAxes, ax.transData)
    for yy, value in zip(y, pd.Series(n).reset_index(drop=True)):
        if pd.notna(value):
            ax.text(1.01, yy, f"n={int(value)}", transform=transform, ha="left", va="center", fontsize=7)


def ink_for(rgba) -> str:
    red, green, blue = rgba[:3]
    return "black" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45 else "white"


def number_text(value) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:.2f}"


def new_axes(ax, *, width: float = 8.0, height: float = 4.5):
    if ax is not None:
        return ax
    with plt.rc_context({"text.parse_math": False}):
        _, ax = plt.subplots(figsize=(width, min(max(height, 3.0), 16.0)), layout="constrained")
    return ax


def group_colors(groups, colors: dict | None) -> list[str]:
    colors = colors or source_colors(groups)
    return [colors.get(str(g), "#777777") for g in groups]


def draw_legend(ax) -> None:
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)


def keep_data(ax, data: pd.DataFrame, alt: str):
    finish_text(ax.figure)
    ax.presslens_data = data.reset_index(drop=True)
    ax.presslens_alt = alt
    return ax
