"""Findings are computed from the data: they name the right group for any corpus."""
import pandas as pd

from analysis.findings import agreement_finding, keyness_finding, tone_finding, topic_finding, voice_finding


def summary(rows):
    return pd.DataFrame(rows, columns=["source", "measure", "mean", "ci_low", "ci_high", "n_sentences"])


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
    keys = pd.DataFrame({"source": ["A", "A", "B"], "term": ["x", "y", "z"], "g2": [5.0, 9.0, 2.0]})
    assert keyness_finding(keys) == "Most distinctive term of each group: A: “y” (G² 9.0); B: “z” (G² 2.0)."
