"""Keyness findings: the correction said exactly as applied, significant terms named, and one sentence for none."""
import pandas as pd

from analysis.content.keywords import adjust_p, keyness
from analysis.report.plots import plot_keyness
from analysis.report.terms import correction_rule, keyness_finding


def keys(rows, *, tests=40):
    frame = pd.DataFrame(rows, columns=["source", "term", "count_target", "count_reference", "g2", "log_ratio",
                                        "p_value", "significant"])
    frame.attrs["keyness"] = {"alpha": 0.05, "correction": "holm", "tests": tests}
    return frame


def test_the_correction_is_said_as_applied_over_every_test_of_every_group():
    table = keys([("A", "tariffs", 9, 1, 12.0, 3.0, 0.0005, True), ("B", "strike", 4, 2, 5.0, 1.5, 0.02, False)],
                 tests=166)
    assert correction_rule(table).replace("\u00a0", " ") == "p < 0.05, Holm-corrected over all 166 terms tested in 2 sources"
    table.attrs["keyness"]["correction"] = "none"
    assert correction_rule(table).replace("\u00a0", " ") == "uncorrected p < 0.05, 166 terms tested in 2 sources"


def test_keyness_corrects_over_every_term_of_every_group_at_once():
    frame = pd.DataFrame({"source": ["A"] * 3 + ["B"] * 3,
                          "text": ["tariffs tariffs tariffs harbour grain", "tariffs harbour grain port",
                                   "tariffs ships ships", "strike strike wages", "strike wages port grain",
                                   "wages strike union union"]})
    out = keyness(frame, min_count=1, only_over=False)
    assert out.attrs["keyness"]["tests"] == len(out)
    expected = pd.Series(adjust_p(out["p_value"].to_numpy()), index=out.index)
    pd.testing.assert_series_equal(out["p_adjusted"], expected, check_names=False)
    over = keyness(frame, min_count=1)  # only terms more frequent in their group: the tests still count
    assert over.attrs["keyness"]["tests"] == len(out) and len(over) < len(out)


def test_keyness_finding_names_significant_terms_and_groups_without_any():
    table = keys([("A", "tariffs", 9, 1, 12.0, 3.0, 0.0005, True), ("A", "harbour", 5, 1, 6.0, 2.0, 0.01, False),
                  ("B", "strike", 4, 2, 5.0, 1.5, 0.02, False), ("C", "wages", 4, 2, 5.0, 1.5, 0.02, False)])
    text = keyness_finding(table).replace("\u00a0", " ")
    assert text == ("Most distinctive term of each source (p < 0.05, Holm-corrected over all 40 terms tested in "
                    "3 sources): A: “tariffs” (9 uses, 1 in the rest, 8.0× as frequent, G² 12.0). "
                    "No significant term for B and C.")


def test_with_no_significant_term_one_sentence_says_the_threshold_the_closest_term_and_what_would_fill_it():
    table = keys([("A", "tariffs", 3, 1, 3.0, 1.0, 0.08, False), ("B", "strike", 3, 0, 4.0, 2.0, 0.05, False)])
    table["p_adjusted"] = [0.5, 0.21]
    text = keyness_finding(table).replace("\u00a0", " ")
    assert text == ("No term is significantly more frequent in any source than in the others (p < 0.05, "
                    "Holm-corrected over all 40 terms tested in 2 sources): the closest is “strike” in B (3 uses, "
                    "none in the rest), with a corrected p of 0.21. More articles per source would give a distinctive "
                    "term the counts to pass; here the differences in word use are within what chance produces.")
    chart = plot_keyness(table)
    assert chart.text == keyness_finding(table)  # the empty chart's sentence is the finding: written once
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


def test_keyness_with_one_group_says_it_needs_two():
    table = pd.DataFrame(columns=["source", "term", "g2", "significant"])
    table.attrs["groups"] = 1
    assert keyness_finding(table) == ("Keyness compares groups with each other, so it needs at least two groups; "
                                      "this corpus has one source.")
