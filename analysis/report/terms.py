"""Findings about words: which terms set each group apart (keyness), by stated rules.

:func:`keyness_finding` reads :func:`analysis.content.keywords.keyness` output and returns the one sentence page 5
prints under its chart, or, when no term is significant, the one sentence that stands for the chart (see
:func:`analysis.report.plots.plot_keyness`): each sentence is written once. :func:`correction_rule` says how the
p-values were corrected, exactly as :func:`analysis.content.keywords.keyness` corrects them: over every term of
every group tested in one call.
"""
from __future__ import annotations

import pandas as pd

from analysis.content.keywords import adjust_p
from analysis.report.prose import count, names
from analysis.text.tokens import NEWS_STOP_WORDS

CORRECTION_NAMES = {"holm": "Holm-corrected", "bh": "Benjamini–Hochberg-corrected", "none": "uncorrected"}


def correction_rule(keys: pd.DataFrame, *, by: str = "source", alpha: float | None = None,
                    correction: str | None = None) -> str:
    """How a term is called significant, as applied: ``p < 0.05, Holm-corrected over all 166 terms tested in 5
    sources`` (``uncorrected p < 0.05, 166 terms tested in 5 sources`` without a correction).

    The number of tests is ``keys.attrs["keyness"]["tests"]`` (every term of every group that was tested, those
    rarer in a group than in the rest included), else the rows of ``keys``.
    """
    settings = keys.attrs.get("keyness", {})
    alpha = alpha if alpha is not None else settings.get("alpha", 0.05)
    correction = correction or settings.get("correction", "holm")
    tested = int(settings.get("tests", len(keys)))
    groups = int(keys[by].nunique()) if by in keys else 0
    where = f" in {count(groups, 'source' if by == 'source' else f'{by} group')}" if groups else ""
    if correction == "none":
        return f"uncorrected p < {alpha:g}, {count(tested, 'term')} tested{where}"
    return f"p < {alpha:g}, {CORRECTION_NAMES.get(correction, correction)} over all {count(tested, 'term')} tested{where}"


def keyness_finding(keys: pd.DataFrame, *, by: str = "source", alpha: float | None = None,
                    correction: str | None = None) -> str:
    """Each group's most distinctive term that is statistically significant, or that none is.

    Reads :func:`analysis.content.keywords.keyness` output. Rules: only terms with ``significant`` True are
    named (when the column is missing, it is computed from ``p_value``, corrected over every row of the
    table); a term made only of function words or news filler is never named, whatever list produced
    ``keys``; the top term is the one ``keyness`` ranks first (G², then log ratio, then count, then
    alphabetical), and an exact tie on G² is said. Groups with no significant term are named as such. How the
    p-values were corrected is said as :func:`correction_rule` says it.

    When no term is significant, the sentence says which threshold no term reached, the term that came
    closest (the smallest corrected p) and what would let a term reach it: it stands for the empty chart.
    """
    settings = keys.attrs.get("keyness", {})
    alpha = alpha if alpha is not None else settings.get("alpha", 0.05)
    correction = correction or settings.get("correction", "holm")
    groups = keys.attrs.get("groups")
    if keys.empty and groups is not None and groups < 2:
        return (f"Keyness compares groups with each other, so it needs at least two groups; this corpus has "
                f"{'one' if groups == 1 else 'no'} {by}.")
    if keys.empty:
        return f"No term could be compared across {by} groups (too few words, or a single group)."
    rule = correction_rule(keys, by=by, alpha=alpha, correction=correction)
    keys = keys.copy()
    if "p_adjusted" not in keys and "p_value" in keys:
        keys["p_adjusted"] = adjust_p(keys["p_value"].to_numpy(), method=correction)
    if "significant" not in keys:
        keys["significant"] = keys["p_adjusted"] < alpha
    keys = keys[~keys["term"].map(lambda t: all(w in NEWS_STOP_WORDS for w in str(t).split()))]
    groups = sorted(keys[by].astype(str).unique()) if len(keys) else []
    found = keys[keys["significant"].astype(bool)].sort_values([by, "g2", "log_ratio", "count_target", "term"],
                                                               ascending=[True, False, False, False, True])
    if found.empty:
        return _none_significant(keys, by=by, rule=rule)
    parts = [_keyness_part(group, rows) for group, rows in found.groupby(by, sort=True)]
    none = [g for g in groups if g not in set(found[by].astype(str))]
    tail = f" No significant term for {names(none, limit=len(none))}." if none else ""
    return f"Most distinctive term of each {by} ({rule}): " + "; ".join(parts) + "." + tail


def _none_significant(keys: pd.DataFrame, *, by: str, rule: str) -> str:
    head = f"No term is significantly more frequent in any {by} than in the others ({rule})"
    if keys.empty or "p_adjusted" not in keys:
        return head + "."
    best = keys.sort_values(["p_adjusted", "g2", "term"], ascending=[True, False, True], kind="stable").iloc[0]
    return (f"{head}: the closest is “{best['term']}” in {best[by]} ({_uses(best)}), with a corrected p of "
            f"{_p(best['p_adjusted'])}. More articles per {by} would give a distinctive term the counts to pass; "
            "here the differences in word use are within what chance produces.")


def _keyness_part(group, rows: pd.DataFrame) -> str:
    top = rows.iloc[0]
    ties = rows[(rows["g2"] == top["g2"]) & (rows["term"] != top["term"])]["term"].tolist()
    tie = f", tied with {', '.join(f'“{t}”' for t in ties[:3])}" if ties else ""
    return f"{group}: “{top['term']}” ({_uses(top)}, G² {top['g2']:.1f}{tie})"


def _uses(row) -> str:
    uses, elsewhere = int(row["count_target"]), int(row["count_reference"])
    contrast = ("none in the rest" if elsewhere == 0 else
                f"{elsewhere:,} in the rest, {2 ** row['log_ratio']:.1f}× as frequent")
    return f"{uses:,} uses, {contrast}"


def _p(value: float) -> str:
    """A p-value as the table beside it prints it (two decimals), with two significant digits below 0.01."""
    return f"{value:.2f}" if value >= 0.01 else f"{value:.2g}"
