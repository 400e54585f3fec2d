"""Findings are tested claims: tables built at the edge of each rule, and the sentence each must give.

Builders make the tables (with the column names of the current API); nothing here depends on how PressLens
computes them. ``flat`` turns the page's no-break spaces and minus signs into plain ones for readable asserts.
"""
import math

import numpy as np
import pandas as pd
import pytest

from analysis.report.findings import (actor_finding, agreement_finding, corpus_finding, lexicon_direction,
                                      pattern_finding, tone_finding, topic_finding, voice_finding,
                                      voice_share_finding, with_directions)
from analysis.scores.tone import voice_tone_totals

NAN = math.nan


def flat(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2212", "-")


def tone(*rows, by="source", measure="vader", resampled="article"):
    """Rows of (group, mean, ci_low, ci_high, n_articles, n_scored), as ``tone_by_source`` gives them."""
    return pd.DataFrame([{by: g, "measure": measure, "n_articles": a, "n_sentences": s + 3, "n_scored": s,
                          "n_no_signal": 3, "mean": m, "median": m, "share_positive": NAN, "share_negative": NAN,
                          "ci_low": lo, "ci_high": hi, "resampled": resampled} for g, m, lo, hi, a, s in rows],
                        columns=[by, "measure", "n_articles", "n_sentences", "n_scored", "n_no_signal", "mean",
                                 "median", "share_positive", "share_negative", "ci_low", "ci_high", "resampled"])


def voices(*rows, by="source"):
    """Rows of (group, voice, mean, ci_low, ci_high, n_articles, n_scored)."""
    frame = tone(*[(g, m, lo, hi, a, s) for g, _, m, lo, hi, a, s in rows], by=by)
    frame.insert(1, "voice", [v for _, v, *_ in rows])
    return frame


# ---------------------------------------------------------------- tone_finding

def test_disjoint_intervals_are_a_clear_difference_with_both_intervals_and_n_printed():
    text = flat(tone_finding(tone(("A", 0.5, 0.4, 0.6, 3, 30), ("B", -0.2, -0.3, -0.1, 4, 25),
                                  ("C", 0.1, 0.0, 0.2, 2, 20))))
    assert text == ("Highest mean VADER tone: A (+0.50, 95% CI [+0.40, +0.60]; 3 articles, 30 scored sentences); "
                    "lowest: B (-0.20, 95% CI [-0.30, -0.10]; 4 articles, 25 scored sentences); their 95% intervals "
                    "do not overlap: a clear difference.")


@pytest.mark.parametrize("low_high, verdict", [
    (0.39, "do not overlap"),        # apart by 0.01
    (0.40, "overlap, so these data do not show a clear difference"),  # touching intervals overlap
    (0.45, "overlap, so these data do not show a clear difference"),
])
def test_intervals_at_the_edge_of_overlapping(low_high, verdict):
    text = flat(tone_finding(tone(("A", 0.5, 0.40, 0.6, 3, 30), ("B", 0.3, 0.2, low_high, 3, 30))))
    assert verdict in text
    assert "[+0.40, +0.60]" in text and f"[+0.20, +{low_high:.2f}]" in text


def test_signs_at_plus_and_minus_a_thousandth_are_printed_with_their_sign():
    text = flat(tone_finding(tone(("A", 0.001, -0.1, 0.1, 3, 30), ("B", -0.001, -0.1, 0.1, 3, 30))))
    assert "A (+0.001," in text and "B (-0.001," in text
    assert "overlap" in text


def test_a_tie_at_the_top_names_every_tied_group():
    text = flat(tone_finding(tone(("A", 0.3, 0.2, 0.4, 3, 30), ("B", 0.3, 0.25, 0.35, 3, 30),
                                  ("C", -0.3, -0.4, -0.2, 3, 30))))
    assert text.startswith("Highest mean VADER tone (tied): A (+0.30") and "and B (+0.30" in text
    assert "lowest: C (-0.30" in text and "do not overlap" in text


def test_values_that_print_the_same_are_tied():
    text = flat(tone_finding(tone(("A", 0.301, 0.2, 0.4, 3, 30), ("B", 0.299, 0.2, 0.4, 3, 30),
                                  ("C", 0.1, 0.0, 0.2, 3, 30))))
    assert "Highest mean VADER tone (tied): A" in text and "and B" in text


def test_all_groups_the_same_is_said_and_not_ranked():
    text = flat(tone_finding(tone(("A", 0.3, 0.2, 0.4, 3, 30), ("B", 0.3, 0.2, 0.4, 3, 30))))
    assert text.startswith("All 2 sources with enough data have the same mean VADER tone, +0.30")
    assert "Highest" not in text


@pytest.mark.parametrize("articles, scored, low, enough", [
    (2, 20, 0.1, True),     # exactly at both thresholds
    (1, 200, 0.1, False),   # one article is too few
    (5, 19, 0.1, False),    # 19 scored sentences are too few
    (5, 50, NAN, False),    # no interval
])
def test_groups_below_the_thresholds_are_named_as_too_small(articles, scored, low, enough):
    table = tone(("Big", 0.5, 0.4, 0.6, 9, 90), ("Other", 0.0, -0.1, 0.1, 9, 90),
                 ("Edge", 0.2, low, 0.3, articles, scored))
    text = flat(tone_finding(table))
    thin = text[text.index("Too little"):] if "Too little" in text else ""
    assert ("Edge" in thin) is (not enough)
    if not enough:
        assert f"Edge (+0.20, {'no interval' if math.isnan(low) else '95% CI [+0.10, +0.30]'}; " \
               f"{articles} article{'s' if articles > 1 else ''}, {scored} scored sentences)" in thin
        assert "fewer" not in thin and "at least" not in thin  # the page states the rule once, not each finding


def test_only_one_group_with_enough_data():
    text = flat(tone_finding(tone(("A", 0.2, 0.1, 0.3, 4, 40), ("B", 0.9, NAN, NAN, 1, 1))))
    assert text.startswith("Only A has enough data to estimate its VADER tone: +0.20, 95% CI [+0.10, +0.30]; "
                           "4 articles, 40 scored sentences.")
    assert "B (+0.90, no interval; 1 article, 1 scored sentence)" in text


def test_no_group_with_enough_data_lists_means_without_ranking_them():
    text = flat(tone_finding(tone(("A", 0.2, 0.0, 0.4, 1, 15), ("B", -0.1, -0.3, 0.1, 1, 13))))
    assert text.startswith("No source has enough data to compare VADER tone: A (+0.20")
    assert "Highest" not in text and "lowest" not in text


@pytest.mark.parametrize("table, expected", [
    (tone(), "No source has VADER scores to compare."),
    (tone(("A", NAN, NAN, NAN, 3, 0)), "No sentence carried a VADER signal in any of the 1 source"),
    (tone(("A", NAN, NAN, NAN, 3, 0), ("B", NAN, NAN, NAN, 3, 0)), "in any of the 2 sources"),
])
def test_empty_and_all_missing_give_a_true_sentence(table, expected):
    assert expected in flat(tone_finding(table))


def test_a_one_group_table_and_another_grouping_column():
    table = tone(("2023-03", 0.2, 0.1, 0.3, 4, 40), by="event")
    assert flat(tone_finding(table, by="event")).startswith("Only 2023-03 has enough data")
    assert "No event group has" in tone_finding(tone(by="event"), by="event")


def test_the_measure_is_named_by_its_tool_and_older_tables_still_read():
    table = tone(("A", 0.5, 0.4, 0.6, 3, 30), ("B", 0.1, 0.0, 0.2, 3, 30), measure="textblob")
    assert "Highest mean TextBlob tone: A" in tone_finding(table, measure="textblob")
    old = table.drop(columns="n_scored").assign(measure="polarity", n_sentences=30)
    assert flat(tone_finding(old, measure="polarity")) == flat(tone_finding(table, measure="textblob"))


def test_sentence_resampling_is_flagged():
    table = tone(("A", 0.5, 0.4, 0.6, 3, 30), ("B", 0.1, 0.0, 0.2, 3, 30), resampled="sentence")
    assert "The intervals of A and B resample sentences rather than articles" in flat(tone_finding(table))


def test_group_names_are_printed_as_they_are():
    table = tone(("<b>$x$</b>", 0.5, 0.4, 0.6, 3, 30), ("{{ y }}", 0.1, 0.0, 0.2, 3, 30))
    text = tone_finding(table)
    assert "<b>$x$</b> (+0.50" in text and "{{ y }} (+0.10" in text


def test_numbers_never_break_from_their_units_or_inside_an_interval():
    text = tone_finding(tone(("A", -0.5, -0.6, -0.4, 3, 30), ("B", 0.1, 0.0, 0.2, 3, 30)))
    assert "95%\u00a0CI\u00a0[\u22120.60,\u00a0\u22120.40]" in text
    assert "3\u00a0articles, 30\u00a0scored sentences" in text


def test_long_lists_name_groups_with_their_n_and_point_to_the_csv_for_estimates():
    table = tone(*[(f"G{i}", 0.1 * i, 0.1 * i - 0.05, 0.1 * i + 0.05, 1, 30) for i in range(5)],
                 ("Big", 0.2, 0.1, 0.3, 5, 50))
    text = flat(tone_finding(table))
    assert ("Too little data to compare: G0 (1 article, 30 scored sentences), G1 (1 article, 30 scored sentences), "
            "G2") in text
    assert text.endswith("G4 (1 article, 30 scored sentences); means and intervals in the chart's CSV.")


# ---------------------------------------------------------------- agreement_finding

def agreement(*rows):
    """Rows of (group, textblob_mean, vader_mean, spearman, n_scored)."""
    return pd.DataFrame(rows, columns=["source", "textblob_mean", "vader_mean", "spearman", "n_scored"])


@pytest.mark.parametrize("t, v, rho, expected", [
    (0.031, -0.094, 0.4, "disagree on the direction of mean tone for A (TextBlob +0.03, VADER -0.09"),
    (-0.014, 0.208, 0.5, "disagree on the direction of mean tone for A (TextBlob -0.01, VADER +0.21"),
    (0.001, -0.001, 0.5, "too close to zero to call (a mean within ±0.01) for A (TextBlob +0.001, VADER -0.001"),
    (0.001, 0.001, 0.5, "too close to zero to call"),
    (0.0099, 0.5, 0.5, "too close to zero to call"),
    (0.01, 0.5, 0.5, "agree on the direction for A (both positive"),
    (-0.2, -0.3, 0.5, "agree on the direction for A (both negative"),
    (0.2, 0.3, -0.1, "the means point the same way but the rank correlation of sentence scores is negative"),
    (NAN, 0.3, NAN, "no scored sentence for A"),
])
def test_direction_rules_at_their_edges(t, v, rho, expected):
    text = flat(agreement_finding(agreement(("A", t, v, rho, 30)))).lower()
    assert expected.lower() in text
    if "agree on the direction" not in expected:
        assert "agree on the direction" not in text


@pytest.mark.parametrize("t, v, rho, expected", [
    (0.001, -0.001, 0.9, "too close to zero"), (-0.01, 0.01, 0.9, "disagree"), (0.0, 0.5, 0.9, "too close to zero"),
    (0.2, 0.3, 0.0, "same direction"), (0.2, 0.3, -0.01, "same direction, opposite ranking"),
    (0.2, 0.3, NAN, "same direction"), (NAN, NAN, NAN, "no scores"),
])
def test_lexicon_direction(t, v, rho, expected):
    assert lexicon_direction(t, v, rho) == expected


def test_the_table_beside_the_finding_carries_the_same_verdicts():
    old = pd.DataFrame({"source": ["CNN", "Site A"], "n_sentences": [27, 16], "spearman": [0.38, 0.47],
                        "polarity_mean": [0.031, -0.014], "vader_mean": [-0.094, 0.208],
                        "direction_disagrees": [False, False]})  # the flag the issue found wrong
    table = with_directions(old)
    assert "direction_disagrees" not in table and table["direction"].tolist() == ["disagree", "disagree"]
    assert "disagree on the direction of mean tone for CNN" in agreement_finding(old)


def test_agreement_lists_each_kind_and_the_range_of_rank_correlations():
    text = flat(agreement_finding(agreement(("A", 0.031, -0.094, 0.38, 27), ("B", 0.06, 0.17, -0.14, 13),
                                            ("C", 0.08, 0.02, 0.76, 13))))
    assert text.startswith("TextBlob and VADER disagree on the direction of mean tone for A (TextBlob +0.03, "
                           "VADER -0.09; 27 scored sentences): report neither score alone there")
    assert "they agree on the direction for C (both positive; 13 scored sentences)" in text
    assert "for B (both positive; 13 scored sentences) the means point the same way but" in text
    assert text.endswith("The rank correlation of their sentence scores runs from -0.14 (B) to 0.76 (C); "
                         "it is negative for B.")


def test_agreement_edge_cases():
    assert agreement_finding(agreement()) == "No scored sentences to compare TextBlob and VADER on."
    one = flat(agreement_finding(agreement(("A", 0.2, 0.3, NAN, 2))))
    assert "No group has enough sentences (3) to rank-correlate" in one
    old = pd.DataFrame({"source": ["A"], "n_sentences": [9], "spearman": [0.5], "polarity_mean": [0.2],
                        "vader_mean": [0.3], "direction_disagrees": [False]})
    assert "agree on the direction for A (both positive; 9 scored sentences)" in flat(agreement_finding(old))


# ---------------------------------------------------------------- voice_finding

@pytest.mark.parametrize("quote, narration, expected", [
    ((0.6, 0.5, 0.7), (0.1, 0.0, 0.2), "Quoted speech reads warmer than narration by VADER, beyond both 95% "
                                       "intervals, in A (quotes +0.60, 95% CI [+0.50, +0.70]"),
    ((-0.4, -0.5, -0.3), (0.1, 0.0, 0.2), "Quoted speech reads cooler than narration by VADER"),
    ((0.13, 0.01, 0.24), (0.04, -0.004, 0.09), "overlap (no clear difference) in A (quotes +0.13, 95% CI [+0.01, "
                                               "+0.24]; 3 articles, 30 scored sentences; narration +0.04, 95% CI "
                                               "[-0.004, +0.09]"),
    ((0.3, 0.2, 0.4), (0.1, 0.0, 0.2), "overlap (no clear difference)"),  # touching at 0.2
])
def test_voice_differences_need_disjoint_intervals_and_print_both(quote, narration, expected):
    table = voices(("A", "quote", *quote, 3, 30), ("A", "narration", *narration, 3, 30),
                   ("A", "mixed", 0.0, -0.1, 0.1, 3, 30))
    assert expected in flat(voice_finding(table))


def test_many_voice_groups_name_the_groups_and_print_the_largest_gap_in_full():
    rows = []
    for i in range(5):
        rows += [(f"G{i}", "quote", 0.5 + i / 20, 0.4 + i / 20, 0.6 + i / 20, 3, 30),
                 (f"G{i}", "narration", 0.0, -0.1, 0.1, 3, 30)]
    text = flat(voice_finding(voices(*rows)))
    assert text.startswith("Quoted speech reads warmer than narration by VADER, beyond both 95% intervals, in 5 of "
                           "5 sources with both voices: G0, G1, G2, G3 and G4; the largest gap is in G4 (quotes "
                           "+0.70, 95% CI [+0.60, +0.80]; 3 articles, 30 scored sentences; narration 0.00, 95% CI "
                           "[-0.10, +0.10]; 3 articles, 30 scored sentences) (means and intervals in the chart's CSV "
                           "for the others).")


def test_voice_groups_with_too_little_data_and_groups_missing_a_voice():
    table = voices(("A", "quote", 0.8, 0.7, 0.9, 1, 2), ("A", "narration", 0.1, 0.0, 0.2, 1, 16),
                   ("B", "narration", 0.1, 0.0, 0.2, 3, 30))
    text = flat(voice_finding(table))
    assert text.startswith("Too little data in one voice or both to compare their VADER tone")
    assert "A (quotes +0.80, 95% CI [+0.70, +0.90]; 1 article, 2 scored sentences; narration" in text
    assert "B" not in text.replace("By", "")
    only_narration = voices(("B", "narration", 0.1, 0.0, 0.2, 3, 30))
    assert "No source has both quoted speech and narration" in voice_finding(only_narration)
    assert "No quoted or narrated sentence" in voice_finding(voices())


# ---------------------------------------------------------------- voice shares

def sentences(*rows):
    """Rows of (source, voice, vader score or NaN)."""
    return pd.DataFrame(rows, columns=["source", "voice", "vader"]).assign(no_signal=lambda f: f["vader"] == 0)


def test_voice_totals_sum_positive_and_negative_scores_and_add_up_across_groups():
    frame = sentences(("A", "quote", 0.5), ("A", "narration", 0.3), ("A", "narration", -0.4), ("B", "quote", 0.2),
                      ("B", "mixed", -0.1), ("B", "narration", 0.0), ("B", "quote", NAN))
    whole = voice_tone_totals(frame).set_index("voice")
    assert whole.loc["quote", "positive_total"] == pytest.approx(0.7)
    assert whole.loc["narration", "negative_total"] == pytest.approx(-0.4)
    assert whole["n_scored"].to_dict() == {"mixed": 1, "narration": 2, "quote": 2}  # the 0.0 and NaN are left out
    assert whole["positive_share"].sum() == pytest.approx(1.0)
    per_group = voice_tone_totals(frame, by="source")
    summed = per_group.groupby("voice")[["positive_total", "negative_total", "n_scored"]].sum()
    pd.testing.assert_frame_equal(summed, whole[["positive_total", "negative_total", "n_scored"]])
    assert voice_share_finding(per_group) == voice_share_finding(voice_tone_totals(frame))


def test_no_voice_carries_most_when_none_has_more_than_half():
    # the README's claim, measured: quotes carried 21% of the positive tone, narration 44%, mixed 35%
    frame = sentences(*[("A", "quote", 0.21)], *[("A", "narration", 0.44)], *[("A", "mixed", 0.35)])
    text = flat(voice_share_finding(voice_tone_totals(frame)))
    assert text.startswith("Of the positive VADER tone (the sum of the positive sentence scores, over 3 sentences): "
                           "narration 44%, mixed sentences 35% and quoted speech 21%; no voice carries most of it")
    assert "No sentence has a negative VADER score." in text
    assert text.endswith("Of the 3 scored sentences: mixed sentences 33%, narration 33% and quoted speech 33%.")


@pytest.mark.parametrize("quote, narration, expected", [
    (0.51, 0.49, "quoted speech carries most of it"),
    (0.50, 0.50, "no voice carries most of it (narration and quoted speech carry equal shares)"),
    (0.495, 0.505, "narration and quoted speech carry equal shares"),  # both print as 50%
    (0.49, 0.51, "narration carries most of it"),
])
def test_most_means_more_than_half(quote, narration, expected):
    frame = sentences(("A", "quote", quote), ("A", "narration", narration))
    assert expected in voice_share_finding(voice_tone_totals(frame))


def test_voice_shares_without_scores():
    assert voice_share_finding(voice_tone_totals(sentences(("A", "quote", NAN)))) == \
        "No scored sentence, so no voice carries any tone."


# ---------------------------------------------------------------- actors and topics

def actor_table(*rows):
    """Rows of (source, actor, sentences_mentioning, quoted_sentences)."""
    frame = pd.DataFrame(rows, columns=["source", "actor", "sentences_mentioning", "quoted_sentences"])
    return frame.assign(actor_type="person", quote_share=0.0, group_sentences=100)


def test_actor_finding_names_ties_and_counts():
    text = flat(actor_finding(actor_table(("A", "China", 5, 0), ("B", "China", 4, 1), ("A", "Putin", 9, 3),
                                          ("B", "Xi", 0, 3))))
    assert text == ("The most mentioned actors, tied, are China (9 sentences, in 2 sources) and Putin (9 sentences, "
                    "in 1 source); the most quoted, tied, are Putin (3 quoted sentences, 43% of the 7 attributed to "
                    "a listed actor) and Xi (3 quoted sentences, 43% of the 7 attributed to a listed actor).")


def test_actor_finding_without_quotes_or_mentions():
    assert flat(actor_finding(actor_table(("A", "China", 1, 0)))) == (
        "The most mentioned actor is China (1 sentence, in 1 source); no quoted sentence is attributed to a "
        "listed actor.")
    assert actor_finding(actor_table()) == "No actor of the actors list is mentioned in these articles."
    assert "No actor" in actor_finding(actor_table(("A", "China", 0, 0)))


def coverage(*rows):
    """Rows of (source, topic, mentions, sentences mentioning, n_sentences, articles_mentioning, n_articles)."""
    return pd.DataFrame([{"source": g, "topic": t, "mentions": m, "sentence_share": s / n, "n_sentences": n,
                          "articles_mentioning": am, "n_articles": na, "per_1000_words": NAN,
                          "article_share": am / na, "first_in_lede": 0, "first_buried": 0, "words": 10 * n}
                         for g, t, m, s, n, am, na in rows])


def test_topic_finding_gives_counts_and_no_difference_claim():
    text = flat(topic_finding(coverage(("A", "Trade", 6, 5, 40, 2, 3), ("B", "Trade", 2, 2, 10, 1, 1),
                                       ("A", "War", 1, 1, 40, 1, 3), ("B", "War", 0, 0, 10, 0, 1))))
    assert text == ("The most mentioned topic is Trade (8 mentions). Largest share of a source's sentences: "
                    "B (20%: 2 of 10 sentences, in 1 of 1 article, too few articles to stand for the source); "
                    "smallest: A (12%: 5 of 40 sentences, in 2 of 3 articles). These shares carry no interval, so "
                    "a small gap is not evidence of a difference.")


def test_topic_finding_ties_and_edges():
    tied = flat(topic_finding(coverage(("A", "Trade", 3, 3, 40, 2, 3), ("A", "War", 3, 3, 40, 2, 3))))
    assert tied == "The most mentioned topics, tied, are Trade (3 mentions) and War (3 mentions)."
    same = flat(topic_finding(coverage(("A", "Trade", 3, 4, 40, 2, 3), ("B", "Trade", 1, 1, 10, 1, 3))))
    assert "every source gives it the same share of its sentences, 10%" in same
    one = flat(topic_finding(coverage(("A", "Trade", 1, 1, 300, 1, 3))))
    assert one == "The most mentioned topic is Trade (1 mention): A (<1%: 1 of 300 sentences, in 1 of 3 articles)."
    assert topic_finding(coverage(("A", "Trade", 0, 0, 10, 0, 3))) == \
        "No topic of the codebook is mentioned in these articles."
    assert topic_finding(coverage()) == "The codebook has no topic, so there is no coverage to give."


@pytest.mark.parametrize("matches, expected", [
    ([3, 1], "Each of the 2 patterns matched at least once."),
    ([0, 2], "1 of the 2 patterns matched nothing: tariff* (Trade)."),
    ([], "The codebook has no patterns."),
])
def test_pattern_finding_names_the_patterns_that_matched_nothing(matches, expected):
    counts = pd.DataFrame({"topic": ["Trade", "Trade"][:len(matches)], "pattern": ["tariff*", "trade"][:len(matches)],
                           "matches": matches})
    assert flat(pattern_finding(counts)) == expected


# ---------------------------------------------------------------- corpus_finding

def summary(**changes):
    base = {"articles": 5, "unique_articles": 5, "sources": 5, "words": 2517, "first_date": "2023-03-01",
            "last_date": "2023-12-04", "removed_spans": 0, "files_skipped": 0, "warnings": 0}
    return {**base, **changes}


@pytest.mark.parametrize("changes, expected", [
    ({}, "5 articles from 5 sources (no duplicates), published 2023-03-01 to 2023-12-04; 2,517 words. The cleaner "
         "removed nothing; no file was skipped and no warning was raised while loading."),
    ({"articles": 1, "unique_articles": 1, "sources": 1, "words": 1, "first_date": None, "last_date": None,
      "files_skipped": 1, "warnings": 1},
     "1 article from 1 source (no duplicates), with no publication dates; 1 word. The cleaner removed nothing; "
     "1 file was skipped and 1 warning was raised while loading."),
    ({"unique_articles": 3, "last_date": "2023-03-01", "files_skipped": 2, "warnings": 7},
     "5 articles from 5 sources (2 duplicates set aside, leaving 3 articles), published on 2023-03-01; 2,517 words. "
     "The cleaner removed nothing; 2 files were skipped and 7 warnings were raised while loading."),
    ({"articles": 0, "unique_articles": 0, "sources": 0, "files_skipped": 3},
     "No article was loaded; 3 files were skipped and no warning was raised while loading."),
])
def test_corpus_finding_reads_well_for_any_count(changes, expected):
    text = flat(corpus_finding(summary(**changes)))
    assert text == expected
    assert "None" not in text


def test_corpus_finding_names_the_commonest_removal_reasons_and_undated_articles():
    class Corpus:
        removed = pd.DataFrame({"reason": ["link line", "link line", "share label", "share label", "byline"]})
        articles = pd.DataFrame({"published": [pd.Timestamp("2023-03-01"), pd.NaT]})

        def summary(self):
            return summary(removed_spans=5)

    text = flat(corpus_finding(Corpus()))
    assert "published 2023-03-01 to 2023-12-04 (1 article undated)" in text
    assert "The cleaner removed 5 spans (commonest reasons, tied: link line and share label, 2 spans each)" in text


# ---------------------------------------------------------------- every finding agrees with its table

@pytest.mark.parametrize("seed", range(30))
def test_tone_finding_never_contradicts_its_table(seed):
    """Random tables: a difference is claimed exactly when the named extremes' intervals are apart."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 7))
    means = np.round(rng.uniform(-0.5, 0.5, n), 2)
    widths = rng.uniform(0.01, 0.4, n)
    rows = [(f"G{i}", m, m - w, m + w, int(rng.integers(1, 5)), int(rng.integers(10, 40)))
            for i, (m, w) in enumerate(zip(means, widths))]
    table = tone(*rows)
    text = flat(tone_finding(table))
    enough = table[(table["n_articles"] >= 2) & (table["n_scored"] >= 20)]
    if len(enough) >= 2 and enough["mean"].round(2).nunique() > 1:
        high = enough[enough["mean"].round(2) == enough["mean"].round(2).max()]
        low = enough[enough["mean"].round(2) == enough["mean"].round(2).min()]
        apart = all(h.ci_low > l.ci_high for h in high.itertuples() for l in low.itertuples())
        assert ("a clear difference" in text and "do not show" not in text) is apart
    small = text[text.index("Too little"):] if "Too little" in text else text[text.find("enough data"):]
    for row in table.itertuples():
        if row.n_articles < 2 or row.n_scored < 20:
            assert f"{row.source} (" in small  # every small group is named as such


# ---------------------------------------------------------------- on a real corpus: each finding agrees with its table

@pytest.fixture(scope="module")
def bundled():
    from analysis.explore.session import analyse

    return analyse()


def test_findings_agree_with_their_tables_on_the_bundled_corpus(bundled):
    from analysis.report.prose import percent
    from analysis.scores.tone import tone_agreement, tone_by_source

    s = bundled.sentences
    totals = voice_tone_totals(s)
    shares = flat(voice_share_finding(totals))
    for voice, share in zip(totals["voice"], totals["positive_share"]):
        name = {"quote": "quoted speech", "mixed": "mixed sentences"}.get(voice, voice)
        assert f"{name} {percent(share)}" in shares.split(". Of the negative")[0]
    positive = shares.split(". Of the negative")[0]
    assert ("no voice carries most of it" in positive) is bool(totals["positive_share"].max() <= 0.5)
    agreement = with_directions(tone_agreement(s))
    text = flat(agreement_finding(agreement))
    disagreeing = agreement.loc[agreement["direction"] == "disagree", "source"]
    assert all(f"{g} (TextBlob" in text.split("they agree")[0] for g in disagreeing)
    summary = tone_by_source(s, n_boot=200)
    vader = summary[summary["measure"] == "vader"]
    finding = flat(tone_finding(summary))
    small = vader[(vader["n_articles"] < 2) | (vader["n_sentences"] < 20)]
    assert all(str(g) in finding for g in small["source"])


def test_the_actor_finding_groups_the_digits_of_its_total():
    from analysis.report.findings import actor_finding

    table = pd.DataFrame({"source": ["A", "A"], "actor": ["Xi", "Putin"], "sentences_mentioning": [20_000, 9_000],
                          "quoted_sentences": [12_345, 560]})
    assert "of the 12,905 attributed to a listed actor" in actor_finding(table)
