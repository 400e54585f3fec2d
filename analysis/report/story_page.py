"""One story on the story page (notebook 06): its outlets side by side, in the sections the page promises.

:func:`show_story` shows, for the ``rank``-th story told by the most outlets: the outlets' headlines and leads;
which facts each outlet states, adds or leaves out (a chart and a table with each outlet's own wording); whom each
outlet quotes (its sources in a table, the most quoted in a chart, the sources only one outlet quotes in the
finding); how each outlet presents each actor (stance, with its strongest sentence); the tone of the same fact as
each outlet words it; and which articles copy which. Every sentence is a finding of :mod:`analysis.report.stories`,
computed from the table beside it; every table is written to CSV
beside the charts. It keeps the notebook thin: the page calls it once per story shown.
"""
from __future__ import annotations

from pathlib import Path

from analysis.explore import stories as views
from analysis.report.show import show_chart, show_finding, show_section, show_table
from analysis.report.plots import STANCE_SCALE, plot_heatmap
from analysis.report.sources import plot_top_sources
from analysis.report.stories import (coverage_finding, reuse_finding, stance_finding, story_sources_finding,
                                     tone_gap_finding)
from analysis.report.story_plots import plot_fact_matrix

FACT_ROWS = 30  # rows of the fact table shown; the CSV holds them all
SOURCE_ROWS = 20  # rows of the sources table shown; the CSV holds them all
ORDINALS = {1: "", 2: "second ", 3: "third ", 4: "fourth ", 5: "fifth "}


def show_story(a, *, rank: int = 1, charts_dir: str | Path | None = None) -> None:
    """Show the ``rank``-th story told by the most outlets (1: the most), or say there is none."""
    from IPython.display import display  # lazy: IPython is there only inside a notebook kernel

    compared = views.compared_stories(a, top=rank)
    if len(compared) < rank:
        show_finding(f"There is no {ORDINALS.get(rank, f'{rank}th ')}story told by two or more outlets to show here.")
        return
    story = compared[rank - 1]
    key = f"story{rank}"
    show_section(f"Story {rank}: {story}", level=2)
    show_section("Headlines and leads", "Each outlet's headline and first sentence, earliest first.", level=3)
    articles = views.story_articles(a, story)
    display(show_table(articles, columns=["source", "published", "title", "lead", "derivation"],
                       labels={"source": "outlet", "derivation": "copied?"}, top=None, folder=charts_dir,
                       name=f"{key}_articles"))
    show_section("What each outlet reports, adds and leaves out",
                 "A fact is a sentence and its counterparts in the other outlets' articles (docs/stories.md). An "
                 "addition is not slant by itself, nor an omission: they show what each outlet chose, for a reader "
                 "to judge.", level=3)
    coverage = views.fact_coverage(a, story)
    show_chart(plot_fact_matrix(coverage, story=story), charts_dir, f"{key}_facts")
    show_finding(coverage_finding(coverage))
    ordered = coverage.sort_values(["n_outlets", "fact", "state", "source"], ascending=[False, True, True, True],
                                   kind="stable")
    display(show_table(ordered, columns=["fact", "source", "state", "wording", "where"],
                       labels={"source": "outlet", "wording": "the outlet's own wording"}, top=FACT_ROWS,
                       folder=charts_dir, name=f"{key}_fact_table"))
    show_section("Who each outlet quotes in this story",
                 "Each source of quoted speech, by outlet: people and organisations the articles name, and "
                 "unnamed sources (“a senior official”) counted together per outlet (docs/voices.md).", level=3)
    sources = views.story_sources(a, story)
    show_finding(story_sources_finding(sources, outlets=articles["source"].unique()))
    if len(sources):
        show_chart(plot_top_sources(sources, by="source"), charts_dir, f"{key}_top_sources")
        display(show_table(sources, columns=["source", "speaker", "kind", "role", "affiliation", "n_quotes", "share"],
                           percent=["share"], labels={"source": "outlet", "n_quotes": "quoted sentences",
                                                      "share": "share of the outlet's quotes"},
                           top=SOURCE_ROWS, folder=charts_dir, name=f"{key}_sources"))
    show_section("How each outlet presents each actor",
                 "Each outlet's stance toward each actor in this story, from −1 (unfavourable) to +1 (favourable), "
                 "colours fixed at ±1: the mean over its articles that say at least two things about the actor; "
                 "grey where none does. Beside it, the sentence that reads the actor most strongly and its tone "
                 "toward the actor.", level=3)
    stance = views.story_stance(a, story)
    show_finding(stance_finding(stance))
    if stance["stance"].notna().any():
        show_chart(plot_heatmap(stance, rows="actor", columns="source", value="stance", count="n_clear",
                                diverging=True, min_count=1, limit=STANCE_SCALE, few_text="no clear stance",
                                value_label="stance (−1 unfavourable to +1 favourable)",
                                title=f"Stance toward each actor, outlet by outlet: {story}"),
                   charts_dir, f"{key}_stance")
    display(show_table(stance, columns=["actor", "source", "n_clear", "stance", "sentence", "toward"],
                       signed=["stance", "toward"], labels={"source": "outlet", "n_clear": "clear articles",
                                                             "toward": "its tone toward the actor"},
                       top=20, folder=charts_dir, name=f"{key}_stance"))
    show_section("The same fact, in each outlet's words",
                 f"Pairs of sentences of two outlets that clearly state the same fact (similarity {views.CLOSE_PAIR} or "
                 "more), both scored by VADER (0.00 is wording without a tone word), the widest apart first.", level=3)
    pairs = views.same_fact_tone(a, story)
    show_finding(tone_gap_finding(pairs))
    display(show_table(pairs, columns=["source", "sentence", "vader", "other_source", "other_sentence", "other_vader"],
                       signed=["vader", "other_vader"], labels={"source": "outlet", "other_source": "other outlet"},
                       top=5, folder=charts_dir, name=f"{key}_same_fact_tone"))
    show_section("Who copies whom", level=3)
    reuse = views.story_reuse(a, story)
    show_finding(reuse_finding(reuse))
    if len(reuse):
        display(show_table(reuse, percent=["reused_share", "verbatim_share"], labels={"source": "outlet",
                           "from_source": "copied from outlet"}, top=None, folder=charts_dir, name=f"{key}_reuse"))
