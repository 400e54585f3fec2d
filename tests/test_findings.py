"""Findings are computed from the data: they name the right group for any corpus."""
import pandas as pd

from analysis.findings import agreement_finding, keyness_finding, tone_finding, topic_finding, voice_finding


def summary(rows):
    return pd.DataFrame(rows, columns=["source", "measure", "mean", "ci_low", "ci_high", "n_scored"])


def test_tone_finding_names_highest_and_lowest_and_judges_overlap():
    clear = summary([("A", "vader", 0.5, 0.4, 0.6, 30), ("B", "vader", -0.2, -0.3, -0.1, 20),
                     ("C", "vader", 0.1, 0.0, 0.2, 10)])
    text = tone_finding(clear)
    assert text.startswith("Most positive by vader: A (+0.50") and "least: B (-0.20" in text
    assert "do not overlap" in text
    fuzzy = summary([("A", "vader", 0.1, -0.2, 0.4, 5), ("B", "vader", 0.0, -0.3, 0.3, 5)])
    assert "not a clear difference" in tone_finding(fuzzy)
    assert "No sentence" in tone_finding(summary([]))


def test_agreement_finding_lists_disagreements():
    frame = pd.DataFrame({"source": ["A", "B"], "spearman": [0.5, 0.1], "direction_disagrees": [False, True]})
    assert "disagree on the direction of tone for B" in agreement_finding(frame)


def test_voice_topic_and_keyness_findings():
    voices = pd.DataFrame({"source": ["A", "A", "B", "B"], "voice": ["quote", "narration"] * 2,
                           "measure": "vader", "mean": [0.6, 0.0, 0.1, 0.05]})
    assert "largest gap between quotes and narration is in A" in voice_finding(voices)
    coverage = pd.DataFrame({"source": ["A", "B"], "topic": ["Trade", "Trade"], "mentions": [3, 1],
                             "sentence_share": [0.1, 0.5]})
    assert "B gives it the largest share" in topic_finding(coverage)



def keys(rows):
    frame = pd.DataFrame(rows, columns=["source", "term", "count_target", "count_reference", "g2", "log_ratio",
                                        "p_value", "significant"])
    frame.attrs["keyness"] = {"alpha": 0.05, "correction": "holm", "tests": 40}
    return frame


def test_keyness_finding_names_significant_terms_and_groups_without_any():
    table = keys([("A", "tariffs", 9, 1, 12.0, 3.0, 0.0005, True), ("A", "harbour", 5, 1, 6.0, 2.0, 0.01, False),
                  ("B", "strike", 4, 2, 5.0, 1.5, 0.02, False)])
    text = keyness_finding(table)
    assert text == ("Most distinctive term of each source (Holm-corrected p < 0.05, 40 terms tested): "
                    "A: “tariffs” (9 uses, 1 in the rest, 8.0× as frequent, G² 12.0). "
                    "No significant term for B.")


def test_keyness_finding_says_when_nothing_is_significant():
    table = keys([("A", "tariffs", 3, 1, 3.0, 1.0, 0.08, False), ("B", "strike", 3, 1, 3.0, 1.0, 0.08, False)])
    assert keyness_finding(table).startswith("No term is significantly more frequent in any source than in the "
                                             "others (Holm-corrected p < 0.05, 40 terms tested across 2 groups)")
    assert "could be compared" in keyness_finding(table.iloc[0:0])


def test_keyness_finding_never_names_a_filler_word_and_states_ties():
    table = keys([("A", "also", 9, 0, 20.0, 5.0, 1e-6, True), ("A", "mr li", 9, 0, 20.0, 5.0, 1e-6, True),
                  ("A", "tariffs", 4, 0, 8.0, 4.0, 0.001, True), ("A", "harbour", 4, 0, 8.0, 4.0, 0.001, True)])
    text = keyness_finding(table)
    assert "“also”" not in text
    assert "A: “mr li” (9 uses, none in the rest, G² 20.0)" in text  # a name holding an honorific is not filler
    table = table[table["term"] != "mr li"]
    assert "A: “harbour” (4 uses, none in the rest, G² 8.0, tied with “tariffs”)" in keyness_finding(table)


def test_keyness_finding_computes_significance_when_the_column_is_missing():
    table = keys([("A", "tariffs", 9, 1, 30.0, 3.0, 1e-7, True), ("A", "harbour", 3, 1, 4.0, 1.0, 0.04, False)])
    text = keyness_finding(table.drop(columns="significant"))
    assert "“tariffs”" in text and "“harbour”" not in text
