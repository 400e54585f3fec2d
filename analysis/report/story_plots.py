"""The story page's chart: which outlet states which fact of a story, leaves it out or adds it.

It follows the rules of every chart (:mod:`analysis.report.plots`): it says what it shows, keeps its numbers for
the CSV (every fact and outlet, drawn or not) and writes its alt text; a chart with nothing to show is a
:class:`~analysis.report.charts.NoChart` that says why.
"""
from __future__ import annotations

import matplotlib.colors
import numpy as np
import pandas as pd

from analysis.report.charts import NoChart, keep_data, label, new_axes

STATE_COLORS = {"reported": "#0072B2", "added": "#E69F00", "left out": "#FFFFFF"}  # Okabe–Ito, colour-blind safe
MAX_FACTS = 25  # facts drawn; the rest are in the table and the CSV
FACT_LABEL = 60  # characters of a fact's label


def plot_fact_matrix(coverage: pd.DataFrame, *, story: str, ax=None):
    """Facts (rows) × outlets (columns): a filled cell where the outlet states the fact (blue: others do too;
    orange: only this outlet), a crossed cell where it leaves out a fact most others state, nothing where
    neither. Facts stated by the most outlets come first; past :data:`MAX_FACTS`, the rest are left out of the
    drawing (the title says how many)."""
    if coverage.empty:
        return NoChart("There is no fact to chart: no sentence of this story has a counterpart in another outlet.",
                       coverage, story)
    order = (coverage.drop_duplicates("fact").sort_values(["n_outlets", "fact"], ascending=[False, True],
                                                          kind="stable")["fact"].tolist())
    shown = order[:MAX_FACTS]
    outlets = sorted(coverage["source"].unique())
    state = coverage.set_index(["fact", "source"])["state"]
    text = coverage.drop_duplicates("fact").set_index("fact")["fact_text"]
    codes = {"reported": 0, "added": 1, "left out": 2}
    grid = np.full((len(shown), len(outlets)), np.nan)
    for i, fact in enumerate(shown):
        for j, outlet in enumerate(outlets):
            if (fact, outlet) in state.index:
                grid[i, j] = codes[state[(fact, outlet)]]
    ax = new_axes(ax, width=min(max(7.0, 1.3 * len(outlets) + 6.0), 14.0), height=0.42 * len(shown) + 2.4)
    cmap = matplotlib.colors.ListedColormap([STATE_COLORS[s] for s in codes]).with_extremes(bad="#F4F4F4")
    ax.imshow(np.ma.masked_invalid(grid), aspect="auto", cmap=cmap, vmin=-0.5, vmax=2.5)
    for i, j in zip(*np.nonzero(grid == codes["left out"])):
        ax.text(j, i, "×", ha="center", va="center", fontsize=11, color="#333333")
    ax.set_xticks(range(len(outlets)), [label(o, width=16) for o in outlets], rotation=30, ha="right",
                  rotation_mode="anchor")
    ax.set_yticks(range(len(shown)), [label(_cut(text[f]), width=FACT_LABEL, lines=1) for f in shown], fontsize=8)
    more = f" (the {len(shown)} stated by most outlets, of {len(order)})" if len(order) > len(shown) else ""
    ax.set_title(f"Which outlet states which fact{more}: blue, stated; orange, only this outlet; ×, left out "
                 "though most others state it", fontsize=10)
    alt = (f"Matrix of {len(order)} facts of the story “{story}” by {len(outlets)} outlets: which outlet states "
           "each fact, adds it, or leaves it out.")
    return keep_data(ax, coverage[["fact", "fact_text", "source", "state", "n_outlets"]], alt)


def _cut(text: str) -> str:
    return text if len(text) <= FACT_LABEL else text[:FACT_LABEL - 1].rsplit(" ", 1)[0] + "…"
