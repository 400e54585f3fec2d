"""The story page's findings at the edges of their rules, and the page itself on a multi-outlet corpus."""
import pandas as pd

from analysis.report.stories import (DETAILED, STANCE_GAP, TONE_GAP, coverage_finding, reuse_finding, stance_finding,
                                     stories_finding, story_sources_finding, tone_gap_finding)


def stories_table(rows):
    return pd.DataFrame(rows, columns=["story", "n_articles", "n_sources", "n_wholly_derived", "n_independent",
                                       "first_published", "last_published", "story_from"])


def test_no_story_told_by_two_outlets_says_there_is_nothing_to_compare():
    table = stories_table([("a", 3, 1, 0, 3, None, None, "found"), ("b", 1, 1, 0, 1, None, None, "found")])
    text = stories_finding(table)
    assert "2\u00a0stories" in text and "nothing to compare" in text and "--story" in text
    assert stories_finding(stories_table([])) == "The corpus holds no story: no article was scored."


def test_the_largest_story_and_its_copies_are_counted():
    table = stories_table([("big", 4, 3, 1, 3, None, None, "column event"), ("small", 2, 2, 0, 2, None, None,
                                                                             "column event"),
                           ("alone", 1, 1, 0, 1, None, None, "column event")])
    text = stories_finding(table)
    assert text.startswith("The corpus holds 3\u00a0stories (taken from the event column): 2\u00a0stories told by two")
    assert "1 by one outlet only" in text and "“big”, has 4\u00a0articles from 3\u00a0outlets" in text
    assert "1\u00a0is a wholly derived copy of another: 3\u00a0independent accounts" in text


def test_coverage_counts_each_outlets_states():
    coverage = pd.DataFrame({"fact": [1, 1, 2, 3, 3], "source": ["A", "B", "A", "A", "C"],
                             "state": ["reported", "reported", "added", "reported", "left out"]})
    text = coverage_finding(coverage)
    assert text.startswith("Of the 3\u00a0facts of this story")
    assert "A states 3 (1 that no other outlet states) and leaves out 0" in text
    assert "C states 0 (0 that no other outlet states) and leaves out 1" in text
    assert "at least half of the other outlets, and at least two" in text
    assert "could be compared" in coverage_finding(coverage.iloc[0:0])


def test_tone_gap_names_the_widest_pair_or_says_none_is_wide():
    pairs = pd.DataFrame({"source": ["A", "B"], "sentence": ["x", "y"], "vader": [-0.6, 0.1],
                          "other_source": ["B", "C"], "other_sentence": ["z", "w"], "other_vader": [0.3, 0.2],
                          "gap": [0.9, 0.1]})
    text = tone_gap_finding(pairs)
    assert "A's “x” reads \u22120.60 (VADER) and B's “z” +0.30, a difference of 0.90" in text
    assert "1\u00a0pair of 2 differ by 0.5 or more" in text
    narrow = pairs.assign(gap=[TONE_GAP - 0.01, 0.1])
    assert tone_gap_finding(narrow).startswith("No two outlets word the same fact far apart in tone")
    just_under = narrow.assign(gap=TONE_GAP - 0.002)
    assert f"is {TONE_GAP - 0.002:.3f} (VADER), under {TONE_GAP}." in tone_gap_finding(just_under)
    assert tone_gap_finding(pairs.iloc[0:0]).startswith("No fact that two outlets both state is scored by VADER")


def sources_table(rows):
    """Rows of ``story_sources``: (outlet, speaker, n_quotes)."""
    frame = pd.DataFrame(rows, columns=["source", "speaker", "n_quotes"]).assign(story="s")
    return frame.assign(share=frame["n_quotes"] / frame.groupby("source")["n_quotes"].transform("sum"))


def test_sources_only_one_outlet_quotes_are_counted_and_named():
    sources = sources_table([("A", "Ann Lee", 3), ("A", "Bo Ray", 2), ("A", "Cy Fox", 1), ("A", "unknown", 2),
                             ("B", "Ann Lee", 1), ("B", "Dee Sun", 1)])
    text = story_sources_finding(sources, outlets=["A", "B"])
    assert text.startswith("A quotes 3\u00a0named sources in 8\u00a0quoted sentences, 25% of them from unnamed "
                           "sources (2 of 8); 2\u00a0sources that no other outlet in this story quotes (Bo Ray and "
                           "Cy Fox)")
    assert "B quotes 2\u00a0named sources in 2\u00a0quoted sentences, 0% of them from unnamed sources (0 of 2); "\
           "1\u00a0source that no other outlet in this story quotes (Dee Sun)" in text
    assert text.endswith("Quoted by two or more outlets: Ann Lee (2 outlets).")


def test_an_outlet_that_shares_every_source_has_none_of_its_own():
    sources = sources_table([("A", "Ann Lee", 1), ("B", "Ann Lee", 2)])
    text = story_sources_finding(sources, outlets=["A", "B"])
    assert "A quotes 1\u00a0named source in 1\u00a0quoted sentence" in text
    assert "A quotes 1\u00a0named source in 1\u00a0quoted sentence, 0% of them from unnamed sources (0 of 1); it is also "\
           "quoted by another outlet of this story; B quotes" in text
    assert "that no other outlet" not in text


def test_no_shared_source_and_an_outlet_that_quotes_nobody_are_said():
    sources = sources_table([("A", "Ann Lee", 1), ("B", "unknown", 4)])
    text = story_sources_finding(sources, outlets=["A", "B", "C"])
    assert "B quotes 0\u00a0named sources in 4\u00a0quoted sentences, 100% of them from unnamed sources (4 of 4)." in text
    assert "No named source is quoted by more than one outlet." in text
    assert text.endswith(" C quotes nobody.")


def test_one_outlet_quoting_has_no_comparison_and_nobody_quoting_says_so():
    text = story_sources_finding(sources_table([("A", "Ann Lee", 2)]), outlets=["A", "B"])
    assert text == ("A quotes 1\u00a0named source in 2\u00a0quoted sentences, 0% of them from unnamed sources "
                    "(0 of 2). B quotes nobody.")
    empty = sources_table([]).iloc[0:0]
    assert story_sources_finding(empty, outlets=["A"]).startswith("No outlet quotes anyone in this story")


def test_more_outlets_than_detailed_are_counted_and_long_lists_cut():
    rows = [(outlet, f"{outlet} Person {k}", 1) for outlet in "ABCDEF" for k in range(5 if outlet == "A" else 1)]
    text = story_sources_finding(sources_table(rows), outlets=list("ABCDEF"))
    assert text.startswith("A quotes 5\u00a0named sources")
    assert "(A Person 0, A Person 1, A Person 2 and 2 more)" in text
    assert f"; {DETAILED + 2 - DETAILED}\u00a0more outlets in the table." in text
    assert "F quotes" not in text


def test_reuse_names_copies_and_counts_wholly_derived_as_one_voice():
    reuse = pd.DataFrame({"article_id": ["b1", "c1"], "source": ["B", "C"], "derivation": ["wholly", "partly"],
                          "derived_from": ["a1", "a1"], "from_source": ["A", "A"], "reused_share": [0.96, 0.4],
                          "verbatim_share": [0.9, 0.3]})
    text = reuse_finding(reuse)
    assert "B's article b1 is wholly derived from A's a1 (96% of its words)" in text
    assert "C's article c1 is partly derived from A's a1 (40% of its words)" in text
    assert text.endswith(" The wholly derived copy counts as one voice with its source.")
    both = reuse.assign(derivation="wholly")
    assert reuse_finding(both).endswith(" The 2 wholly derived copies each count as one voice with their source.")
    assert reuse_finding(reuse.iloc[0:0]).startswith("No article of this story reuses another's text")


def stance_table(rows):
    return pd.DataFrame(rows, columns=["actor", "source", "n_articles", "n_clear", "stance", "n_evidence", "sentence",
                                       "toward"])


def test_stance_finding_with_no_actor_says_there_is_nothing_to_compare():
    assert stance_finding(stance_table([])).startswith("No article of this story refers to an actor")


def test_stance_finding_names_the_most_and_least_favourable_outlet_when_far_enough_apart():
    text = stance_finding(stance_table([("Ann Lee", "A", 1, 1, 0.6, 3, "s", 0.8),
                                        ("Ann Lee", "B", 1, 1, 0.1, 2, "s", 0.0),
                                        ("Ann Lee", "C", 1, 1, -0.4, 4, "s", -0.9)]))
    assert "toward Ann Lee, A is the most favourable (+0.60) and C the least (−0.40)" in text
    assert "rough" in text


def test_stance_finding_says_when_outlets_agree_within_the_gap():
    text = stance_finding(stance_table([("Ann Lee", "A", 1, 1, 0.2, 3, "s", 0.3),
                                        ("Ann Lee", "B", 1, 1, 0.2 - STANCE_GAP / 2, 2, "s", 0.1)]))
    assert f"the 2\u00a0outlets read within {STANCE_GAP} of each other" in text


def test_stance_finding_names_the_rule_an_actor_read_by_fewer_than_two_outlets_missed():
    text = stance_finding(stance_table([("Ann Lee", "A", 1, 1, 0.6, 3, "s", 0.8),
                                        ("Ann Lee", "B", 2, 0, float("nan"), 1, "s", 0.2)]))
    assert text.endswith("Ann Lee: fewer than two outlets say 2 or more things about it in this story (clear "
                         "evidence), so no outlet is compared.")
    assert "rough" not in text


def test_stance_finding_names_four_actors_and_counts_the_rest_widest_gap_first():
    rows = [(f"Actor {k}", outlet, 1, 1, value * k / 10, 2, "s", 0.0) for k in range(1, 7)
            for outlet, value in (("A", 1), ("B", -1))]
    text = stance_finding(stance_table(rows))
    assert text.index("Actor 6") < text.index("Actor 3") and "Actor 2" not in text
    assert "2\u00a0more actors in the table" in text
