"""One colour per group, the same on every chart and table of a corpus.

:func:`source_colors` assigns Okabe and Ito's eight colour-blind-safe colours, then Paul Tol's "muted" and
"light" sets (26 groups before a colour repeats), in sorted order of the groups. :func:`analysis.explore.session.analyse`
picks them without loading matplotlib; the charts (:mod:`analysis.report.plots`) draw with them.
"""
from __future__ import annotations

PALETTE = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",  # Okabe-Ito
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",  # Tol muted
    "#77AADD", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00", "#EEDD88", "#EE8866", "#FFAABB", "#DDDDDD",  # Tol light
]


def source_colors(sources) -> dict[str, str]:
    """One colour per source, assigned in sorted order so every chart of a corpus agrees."""
    names_ = sorted({str(s) for s in sources})
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names_)}
