"""Charts for the notebooks and reports.

Every function takes a tidy frame and ``ax=None``, draws on that Axes (or a new
figure), and returns the Axes; none calls ``plt.show()`` or reshapes data
beyond sorting. The numbers each chart plots are kept on the Axes, so
:func:`save_chart` writes the PNG and a CSV of exactly those numbers.

Colours: pass one ``colors`` mapping (from :func:`source_colors`) to every
chart, so a source has the same colour everywhere. The palette is Okabe and
Ito's eight colour-blind-safe colours, then Paul Tol's "muted" and "light"
sets: 26 sources before a colour repeats.

Labels hold outlet names, terms and titles taken from the articles. They are
data: :func:`label` escapes the ``$`` that matplotlib would read as
mathematics, and shortens long names.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.tables import spreadsheet_safe

PALETTE = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",  # Okabe-Ito
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",  # Tol muted
    "#77AADD", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00", "#EEDD88", "#EE8866", "#FFAABB", "#DDDDDD",  # Tol light
]
DIVERGING = "PuOr"  # colour-blind safe, centred on zero
SEQUENTIAL = "cividis"
MAX_LABEL = 40


def source_colors(sources) -> dict[str, str]:
    """One colour per source, assigned in sorted order so every chart of a corpus agrees."""
    names = sorted({str(s) for s in sources})
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def label(text, *, limit: int = MAX_LABEL) -> str:
    """Article-derived text made safe for a matplotlib label: ``$`` escaped, long names shortened."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("$", r"\$")


def plot_tone_by_source(summary: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None,
                        colors: dict | None = None):
    """Mean sentence tone per group with its bootstrap 95% interval (from ``tone_by_source``)."""
    data = summary[summary["measure"] == measure].sort_values("mean")
    ax = _axes(ax, height=0.45 * len(data) + 1.5)
    y = np.arange(len(data))
    low = (data["mean"] - data["ci_low"]).fillna(0).clip(lower=0)
    high = (data["ci_high"] - data["mean"]).fillna(0).clip(lower=0)
    ax.barh(y, data["mean"], color=_colors(data[by], colors), xerr=[low, high], capsize=3, ecolor="#444")
    ax.set_yticks(y, [f"{label(g)} (n={n} sentences, {a} art.)" for g, n, a in
                      zip(data[by], data["n_scored"], data["n_articles"])])
    ax.axvline(0, color="#444", linewidth=0.8)
    ax.set_xlabel(f"mean sentence tone, {_measure_name(measure)} (−1 negative to +1 positive)")
    ax.set_title(f"Tone per {by}: mean of sentence scores with 95% bootstrap interval")
    return _keep(ax, data)


MAX_DOTS = 1500


def plot_tone_distribution(scored: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None,
                           colors: dict | None = None):
    """The spread of sentence tone per group: a box per group (all sentences) and a dot per sentence.

    Groups of more than ``MAX_DOTS`` sentences show a random sample of that many dots (the box still
    uses every sentence), so the chart stays readable and light on large corpora.
    """
    data = scored[scored[measure].notna()]
    if "no_signal" in data:
        data = data[~data["no_signal"]]
    groups = sorted(data[by].unique(), key=str)
    ax = _axes(ax, height=0.45 * len(groups) + 1.5)
    values = [data.loc[data[by] == g, measure].to_numpy() for g in groups]
    ax.boxplot(values, orientation="horizontal", widths=0.6, showfliers=False) if values else None
    rng = np.random.default_rng(0)
    for i, (g, v) in enumerate(zip(groups, values), start=1):
        dots = rng.choice(v, MAX_DOTS, replace=False) if len(v) > MAX_DOTS else v
        ax.scatter(dots, i + rng.uniform(-0.15, 0.15, len(dots)), s=10, alpha=0.6, color=_colors([g], colors)[0])
    ax.set_yticks(range(1, len(groups) + 1), [f"{label(g)} (n={len(v)})" for g, v in zip(groups, values)])
    ax.axvline(0, color="#444", linewidth=0.8)
    ax.set_xlabel(f"sentence tone, {_measure_name(measure)} (−1 to +1)")
    ax.set_title(f"Distribution of sentence tone per {by} (sentences with sentiment words)")
    return _keep(ax, data[[by, "article_id", "sentence_no", measure]] if "sentence_no" in data else data[[by, measure]])


def plot_tone_by_position(positions: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None,
                          colors: dict | None = None):
    """Mean tone along the article, from the lede to the last sentence (from ``tone_by_position``)."""
    data = positions[positions["measure"] == measure]
    ax = _axes(ax)
    for group, frame in data.groupby(by, sort=True):
        n = int(frame["n_scored"].sum())
        ax.plot(frame["position_mid"] * 100, frame["mean"], marker="o", color=_colors([group], colors)[0],
                label=f"{label(group)} (n={n})")
    ax.axhline(0, color="#444", linewidth=0.8)
    ax.set_xlabel("position in the article (% of its sentences; 0 = lede)")
    ax.set_ylabel(f"mean tone, {_measure_name(measure)}")
    ax.set_xlim(0, 100)
    ax.set_title("Tone along the article")
    _legend(ax)
    return _keep(ax, data)


def plot_voice_tone(summary: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None):
    """Tone of the outlet's own narration against the quoted speech it carries, per group."""
    data = summary[(summary["measure"] == measure) & summary["voice"].isin(["narration", "quote", "mixed"])]
    groups = sorted(data[by].unique(), key=str)
    voices = [v for v in ("narration", "mixed", "quote") if v in set(data["voice"])]
    ax = _axes(ax, height=0.6 * len(groups) + 1.5)
    width = 0.8 / max(len(voices), 1)
    shades = {"narration": "#0072B2", "mixed": "#999999", "quote": "#E69F00"}
    for k, voice in enumerate(voices):
        part = data[data["voice"] == voice].set_index(by).reindex(groups)
        y = np.arange(len(groups)) + k * width
        err = [(part["mean"] - part["ci_low"]).fillna(0).clip(lower=0),
               (part["ci_high"] - part["mean"]).fillna(0).clip(lower=0)]
        ax.barh(y, part["mean"].fillna(0), height=width, color=shades[voice], xerr=err, capsize=2, ecolor="#444",
                label=voice)
        for yy, m, n in zip(y, part["mean"].fillna(0), part["n_scored"].fillna(0)):
            ax.annotate(f"n={int(n)}", (m, yy), xytext=(4 if m >= 0 else -4, 0), textcoords="offset points",
                        ha="left" if m >= 0 else "right", va="center", fontsize=7)
    ax.set_yticks(np.arange(len(groups)) + 0.4 - width / 2, [label(g) for g in groups])
    ax.axvline(0, color="#444", linewidth=0.8)
    ax.set_xlabel(f"mean sentence tone, {_measure_name(measure)}, with 95% interval")
    ax.set_title("The outlet's own voice (narration) against quoted speech")
    ax.legend(title="voice", fontsize=8)
    return _keep(ax, data)


def plot_heatmap(frame: pd.DataFrame, *, rows: str, columns: str, value: str, count: str | None = None,
                 ax=None, title: str = "", value_label: str = "", diverging: bool = False, fmt: str = "{:.2f}"):
    """A rows × columns heatmap of ``value``, each cell annotated (with ``n`` from ``count``)."""
    table = frame.pivot_table(index=rows, columns=columns, values=value, aggfunc="first")
    counts = frame.pivot_table(index=rows, columns=columns, values=count, aggfunc="first") if count else None
    ax = _axes(ax, width=max(6.0, 1.1 * len(table.columns) + 3), height=0.5 * len(table) + 2)
    if table.empty:
        return _nothing(ax, title, frame)
    data = table.to_numpy(dtype=float)
    limit = np.nanmax(np.abs(data)) if np.isfinite(data).any() else 1.0
    image = ax.imshow(np.ma.masked_invalid(data), aspect="auto", cmap=DIVERGING if diverging else SEQUENTIAL,
                      vmin=-limit if diverging else 0, vmax=limit or 1)
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            if np.isfinite(data[i, j]):
                text = fmt.format(data[i, j])
                if counts is not None and np.isfinite(counts.to_numpy(dtype=float)[i, j]):
                    text += f"\nn={int(counts.to_numpy(dtype=float)[i, j])}"
                ax.text(j, i, text, ha="center", va="center", fontsize=7,
                        color="white" if (not diverging and data[i, j] < 0.5 * limit) else "black")
    ax.set_xticks(range(len(table.columns)), [label(c, limit=25) for c in table.columns], rotation=35, ha="right")
    ax.set_yticks(range(len(table.index)), [label(r) for r in table.index])
    ax.figure.colorbar(image, ax=ax, label=value_label or value)
    ax.set_title(title)
    return _keep(ax, frame[[c for c in (rows, columns, value, count) if c]])


def plot_topic_heatmap(coverage: pd.DataFrame, *, by: str = "source", value: str = "sentence_share", ax=None):
    """Share of each group's sentences that mention each topic (from ``topic_coverage``)."""
    data = coverage.assign(percent=coverage[value] * 100) if value.endswith("share") else coverage
    return plot_heatmap(data, rows=by, columns="topic", value="percent" if value.endswith("share") else value,
                        ax=ax, fmt="{:.0f}%" if value.endswith("share") else "{:.1f}",
                        value_label="% of sentences mentioning the topic" if value == "sentence_share" else value,
                        title=f"Topic coverage per {by}: share of sentences that mention each topic")


def plot_actor_tone(actor_summary: pd.DataFrame, *, measure: str = "vader", by: str = "source", ax=None):
    """Mean tone of the sentences mentioning each actor, per group, with the number of sentences."""
    data = actor_summary[actor_summary["measure"] == measure]
    return plot_heatmap(data, rows="actor", columns=by, value="mean", count="n_scored", ax=ax, diverging=True,
                        value_label=f"mean tone, {_measure_name(measure)}",
                        title=f"Tone toward each actor per {by} (sentences that mention it)")


def plot_lede_vs_buried(coverage: pd.DataFrame, *, by: str = "source", ax=None):
    """Where each topic first appears: articles with a first mention in the lede against buried ones."""
    data = coverage.groupby("topic", as_index=False)[["first_in_lede", "first_buried", "articles_mentioning"]].sum()
    data = data.sort_values("articles_mentioning")
    ax = _axes(ax, height=0.4 * len(data) + 1.5)
    y = np.arange(len(data))
    middle = data["articles_mentioning"] - data["first_in_lede"] - data["first_buried"]
    ax.barh(y, data["first_in_lede"], color="#0072B2", label="first mention in the lede")
    ax.barh(y, middle, left=data["first_in_lede"], color="#BBBBBB", label="first half, after the lede")
    ax.barh(y, data["first_buried"], left=data["first_in_lede"] + middle, color="#E69F00",
            label="first mention buried (second half)")
    ax.set_yticks(y, [f"{label(t)} (n={n})" for t, n in zip(data["topic"], data["articles_mentioning"])])
    ax.set_xlabel("articles mentioning the topic")
    ax.set_title("How early each topic appears in the articles that mention it")
    ax.legend(fontsize=8)
    return _keep(ax, data)


def plot_keyness(keys: pd.DataFrame, *, by: str = "source", top: int = 8, ax=None, colors: dict | None = None):
    """Each group's significantly distinctive terms (from ``keyness``), as bars of their log ratio.

    Only terms with ``significant`` True are drawn, up to ``top`` per group,
    ordered by the log ratio that sets each bar's length (ties: G², then
    term). A group with no significant term gets a labelled empty row. The
    chart's CSV holds the terms drawn.
    """
    sig = keys[keys["significant"].astype(bool)] if "significant" in keys else keys.iloc[0:0]
    data = sig.sort_values([by, "log_ratio", "g2", "term"], ascending=[True, False, False, True]).groupby(by).head(top)
    empty = sorted(set(keys[by].astype(str)) - set(data[by].astype(str))) if len(keys) else []
    rows = [(str(g), f"{label(g, limit=22)}: {label(t, limit=28)} ({int(a)} vs {int(b)})", v)
            for g, t, a, b, v in zip(data[by], data["term"], data["count_target"], data["count_reference"],
                                     data["log_ratio"])]
    rows += [(g, f"{label(g, limit=22)}: no significant term", 0.0) for g in empty]
    rows.sort(key=lambda r: r[0])
    ax = _axes(ax, height=0.22 * len(rows) + 1.5)
    settings = keys.attrs.get("keyness", {})
    correction = {"holm": "Holm-corrected", "bh": "Benjamini–Hochberg-corrected", "none": "uncorrected"}
    rule = f"{correction.get(settings.get('correction', 'holm'), 'corrected')} p < {settings.get('alpha', 0.05):g}"
    if not len(data):
        ax.text(0.5, 0.5, f"No term is significantly distinctive ({rule})", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
    else:
        y = np.arange(len(rows))[::-1]
        ax.barh(y, [r[2] for r in rows], color=_colors([r[0] for r in rows], colors))
        ax.set_yticks(y, [r[1] for r in rows], fontsize=7)
        ax.set_xlabel("log ratio (log2: 1 = twice as frequent as in the other groups)")
    ax.set_title(f"Terms significantly more frequent in each {by}\n({rule}; top {top} by log ratio; "
                 "in brackets: uses vs uses elsewhere)", fontsize=9)
    return _keep(ax, data)


def plot_counts(frame: pd.DataFrame, *, column: str, ax=None, colors: dict | None = None, title: str = "",
                xlabel: str = "articles"):
    """Horizontal bars of how many rows fall in each value of ``column``, with n on each bar."""
    counts = frame[column].astype(str).value_counts().sort_values()
    ax = _axes(ax, height=0.4 * len(counts) + 1.5)
    bars = ax.barh(range(len(counts)), counts.to_numpy(), color=_colors(counts.index, colors) if colors else "#0072B2")
    ax.bar_label(bars, labels=[f"n={n}" for n in counts.to_numpy()], padding=3, fontsize=8)
    ax.set_yticks(range(len(counts)), [label(v) for v in counts.index])
    ax.set_xlabel(xlabel)
    ax.set_title(title or f"{xlabel.capitalize()} per {column}")
    return _keep(ax, counts.rename_axis(column).reset_index(name="count"))


def plot_over_time(frame: pd.DataFrame, *, value: str, by: str = "source", date: str = "period", ax=None,
                   colors: dict | None = None, events: pd.DataFrame | None = None, ylabel: str = "",
                   title: str = ""):
    """A line per group over time (from ``analysis.timeline``), with ``events`` marked as vertical lines."""
    ax = _axes(ax)
    for group, part in frame.groupby(by, sort=True):
        ax.plot(part[date], part[value], marker="o", color=_colors([group], colors)[0],
                label=f"{label(group)} (n={int(part['n_articles'].sum())} art.)")
    if events is not None:
        for _, event in events.iterrows():
            ax.axvline(event["start"], color="#888", linestyle="--", linewidth=0.8)
            ax.annotate(label(event["event"], limit=30), (event["start"], 1), xycoords=("data", "axes fraction"),
                        rotation=90, va="top", ha="right", fontsize=7, color="#555")
    ax.set_ylabel(ylabel or value)
    ax.set_xlabel("publication date")
    ax.set_title(title or f"{ylabel or value} per {by} over time")
    ax.figure.autofmt_xdate()
    _legend(ax)
    return _keep(ax, frame)


def save_chart(ax, folder: str | Path | None, name: str) -> None:
    """Write the chart as ``folder/name.png`` and the numbers it plots as ``folder/name.csv``.

    The CSV is safe to open in a spreadsheet: a text cell that would run as a formula gets a leading
    apostrophe (:func:`analysis.tables.spreadsheet_safe`).

    With ``folder=None`` nothing is written (the notebooks' default when exploring).
    Returns None, so a notebook cell that ends with it shows only the chart.
    """
    if folder is None or (isinstance(folder, str) and not folder.strip()):
        return
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    png, csv = path.with_suffix(".png"), path.with_suffix(".csv")
    ax.figure.savefig(png, dpi=120, bbox_inches="tight")
    spreadsheet_safe(getattr(ax, "presslens_data", pd.DataFrame())).to_csv(csv, index=False)


def _nothing(ax, title: str, data: pd.DataFrame):
    ax.text(0.5, 0.5, "nothing to show for this corpus", ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    ax.set_title(title)
    return _keep(ax, data)


def _axes(ax, *, width: float = 8.0, height: float = 4.5):
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=(width, min(max(height, 3.0), 14.0)), layout="constrained")
    return ax


def _colors(groups, colors: dict | None) -> list[str]:
    colors = colors or source_colors(groups)
    return [colors.get(str(g), "#777777") for g in groups]


def _legend(ax) -> None:
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)


def _keep(ax, data: pd.DataFrame):
    ax.presslens_data = data.reset_index(drop=True)
    return ax


def _measure_name(measure: str) -> str:
    return {"vader": "VADER compound", "textblob": "TextBlob polarity",
            "subjectivity": "TextBlob subjectivity"}.get(measure, measure)
