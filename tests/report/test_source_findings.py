"""The findings and charts of page 3's sources section, at the edges of their rules (analysis/report/sources.py)."""
import numpy as np
import pandas as pd
import pytest

from analysis.report.charts import NoChart
from analysis.report.prose import NBSP
from analysis.report.sources import (NO_QUOTES, gender_finding, official_finding, plot_source_shares,
                                     plot_top_sources, sources_finding, unnamed_finding)
from analysis.scores.sourcing import SUMMARY_COLUMNS
from analysis.voices.sources import SOURCE_COLUMNS


def sourcing(*groups, by="source"):
    """One row per group: (name, articles, quotes, sources, unnamed, unnamed interval, official, official interval,
    known, female, female interval)."""
    out = []
    for name, articles, quotes, n_sources, unnamed, u_ci, official, o_ci, known, female, f_ci in groups:
        out.append({by: name, "n_articles": articles, "n_quotes": quotes, "n_sources": n_sources,
                    "n_unnamed_sources": int(unnamed > 0), "unnamed_quotes": unnamed, "share_unnamed": unnamed / quotes,
                    "unnamed_low": u_ci[0], "unnamed_high": u_ci[1], "official_quotes": official,
                    "share_official": official / quotes, "official_low": o_ci[0], "official_high": o_ci[1],
                    "gender_known": known, "female_quotes": female, "male_quotes": known - female,
                    "share_female": female / known if known else np.nan, "female_low": f_ci[0],
                    "female_high": f_ci[1], "top_sources": "Ann Cole (3)"})
    return pd.DataFrame(out, columns=[by, *SUMMARY_COLUMNS])


NONE = (np.nan, np.nan)


def test_no_quotes_is_said_by_every_finding_and_chart():
    empty = sourcing()
    for finding in (sources_finding, unnamed_finding, official_finding, gender_finding):
        assert finding(empty) == NO_QUOTES
    assert isinstance(plot_top_sources(pd.DataFrame(columns=["source", *SOURCE_COLUMNS])), NoChart)
    assert plot_source_shares(empty).text == NO_QUOTES


def test_one_group_gives_its_count_and_top_sources():
    text = sources_finding(sourcing(("Wire", 6, 40, 9, 4, NONE, 20, NONE, 10, 5, NONE)))
    assert text == (f"Wire quotes 9{NBSP}distinct named sources (40{NBSP}quoted sentences in 6{NBSP}articles; 4 more "
                    f"from unnamed sources); the most quoted: Ann Cole (3).")


def test_a_few_groups_each_with_their_count_and_a_single_story_marked():
    text = sources_finding(sourcing(("A", 5, 30, 9, 0, NONE, 10, NONE, 0, 0, NONE),
                                    ("B", 1, 8, 3, 0, NONE, 4, NONE, 0, 0, NONE)))
    assert text.startswith("Distinct named sources quoted: A 9 (30")
    assert f"B 3 (8{NBSP}quoted sentences in 1{NBSP}article: one story, not a habit)" in text


def test_many_groups_name_the_most_and_the_fewest_with_ties():
    groups = [(name, 3, 20, n, 0, NONE, 5, NONE, 0, 0, NONE) for name, n in (("A", 9), ("B", 9), ("C", 4), ("D", 6))]
    text = sources_finding(sourcing(*groups))
    assert "the most distinct named sources: A 9" in text and "and B 9" in text and "the fewest: C 4" in text
    assert "Every source's count is in the table below." in text


def test_intervals_apart_call_a_difference():
    text = unnamed_finding(sourcing(("A", 8, 40, 9, 20, (0.35, 0.65), 5, NONE, 0, 0, NONE),
                                    ("B", 8, 40, 9, 4, (0.02, 0.2), 5, NONE, 0, 0, NONE)))
    assert text.endswith("A quotes unnamed sources more often than B: their 95% intervals do not overlap.")
    assert f"50% in A (20 of 40, 95%{NBSP}CI{NBSP}35%–65%)" in text


def test_touching_intervals_overlap():
    text = official_finding(sourcing(("A", 8, 40, 9, 0, NONE, 20, (0.3, 0.6), 0, 0, NONE),
                                     ("B", 8, 40, 9, 0, NONE, 8, (0.1, 0.3), 0, 0, NONE)))
    assert text.endswith("The intervals of the highest (A) and lowest (B) overlap, so no difference is called.")


def test_too_few_articles_for_an_interval_calls_no_difference():
    text = unnamed_finding(sourcing(("A", 2, 10, 4, 5, NONE, 0, NONE, 0, 0, NONE),
                                    ("B", 3, 10, 4, 1, NONE, 0, NONE, 0, 0, NONE)))
    assert "no interval" in text and text.endswith(
        f"Too few articles with quotes for an interval (at least 5{NBSP}articles per source), so no difference is "
        "called.")


def test_one_side_without_an_interval_is_named():
    text = unnamed_finding(sourcing(("A", 8, 40, 4, 20, (0.3, 0.7), 0, NONE, 0, 0, NONE),
                                    ("B", 8, 40, 4, 10, (0.1, 0.4), 0, NONE, 0, 0, NONE),
                                    ("C", 2, 10, 4, 0, NONE, 0, NONE, 0, 0, NONE)))
    assert text.endswith("C has too few articles with quotes for an interval (at least 5\u00a0articles), so no "
                         "difference is called between the highest and lowest.")


def test_equal_shares_are_said_to_be_equal():
    text = official_finding(sourcing(("A", 3, 10, 4, 0, NONE, 5, NONE, 0, 0, NONE),
                                     ("B", 3, 20, 4, 0, NONE, 10, NONE, 0, 0, NONE)))
    assert text.endswith("Every source has the same share.")


def test_no_gender_shown_says_so_and_never_guesses():
    text = gender_finding(sourcing(("A", 3, 10, 4, 0, NONE, 5, NONE, 0, 0, NONE)))
    assert text.startswith("No quoted person's gender is shown") and "never guessed from a name" in text


def test_gender_shares_leave_out_groups_with_no_gender_shown():
    text = gender_finding(sourcing(("A", 3, 10, 4, 0, NONE, 5, NONE, 4, 1, NONE),
                                   ("B", 3, 10, 4, 0, NONE, 5, NONE, 0, 0, NONE), by="desk"), by="desk")
    assert text.startswith("Share of quoted sentences by women (of those by people whose gender the articles show): "
                           "25% in A (1 of 4, no interval)") and " B " not in text


def test_the_top_sources_chart_keeps_every_source_and_draws_the_largest_groups():
    rows = []
    for g in range(10):
        for s in range(7):
            rows.append({"source": f"G{g}", "speaker": "unknown" if s == 0 else f"P{g}-{s}", "kind": "person",
                         "n_quotes": 10 - s + g, "n_articles": 1, "share": 0.1, "role": None, "affiliation": None,
                         "gender": "unknown", "official": False})
    table = pd.DataFrame(rows)
    ax = plot_top_sources(table, top=3)
    assert len(ax.presslens_data) == 70 and "8 of 10 source groups with the most quotes drawn" in ax.get_title()
    assert len(ax.get_yticks()) == 24 and any("unnamed sources" in t.get_text() for t in ax.get_yticklabels())


def test_the_shares_chart_draws_intervals_only_where_they_exist():
    ax = plot_source_shares(sourcing(("A", 8, 40, 9, 20, (0.35, 0.65), 5, NONE, 4, 1, NONE),
                                     ("B", 2, 10, 3, 1, NONE, 2, NONE, 0, 0, NONE)))
    assert len(ax.presslens_data) == 2 and len(ax.containers) == 1  # one error bar: A's unnamed share


def test_a_share_every_article_has_alike_says_so_instead_of_an_interval_of_no_width():
    text = unnamed_finding(sourcing(("A", 6, 20, 5, 0, (0.0, 0.0), 4, NONE, 0, 0, NONE),
                                    ("B", 6, 20, 5, 8, (0.2, 0.6), 4, NONE, 0, 0, NONE)))
    assert f"0% in A (0 of 20, every article alike, 95%{NBSP}CI{NBSP}0%)" in text
    assert "0%–0%" not in text
    assert f"95%{NBSP}CI{NBSP}20%–60%" in text
