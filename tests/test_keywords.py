"""Tokenization, stop words, counts, G² against a hand computation, keyness and KWIC."""
import math

import pandas as pd
import pytest

from analysis.keywords import (collocations, count_terms, glob_to_regex, keyness, kwic, log_likelihood,
                               stop_words, suggest_topic_terms, terms_of, tokenize)

OTHER = "tests/fixtures/other_corpus"


@pytest.mark.parametrize("text, expected", [
    ("China's ties", [["china", "ties"]]),
    ("an “all-weather” partnership", [["an"], ["all-weather"], ["partnership"]]),
    ("U.S. officials met", [["u.s.", "officials", "met"]]),
    ("see https://example.com/x now", [["see"], ["now"]]),
    ("in 2023 a 12-point plan", [["in", "", "a", "12-point", "plan"]]),
    ("Peace, then war.", [["peace"], ["then", "war"]]),
])
def test_tokenize(text, expected):
    assert tokenize(text) == expected


def test_numbers_can_be_kept():
    assert tokenize("in 2023", numbers="keep") == [["in", "2023"]]
    with pytest.raises(ValueError):
        tokenize("x", numbers="maybe")


def test_stop_words_ship_in_a_package_and_extend():
    assert {"the", "and", "of"} <= stop_words()
    assert "belarus" in stop_words("en", ("Belarus",))


def test_ngrams_skip_stop_words_and_punctuation():
    counts, n_words = terms_of("The free trade zone opened. Trade grew.", stops=stop_words())
    assert counts == {"free": 1, "trade": 2, "zone": 1, "opened": 1, "grew": 1, "free trade": 1,
                      "trade zone": 1, "zone opened": 1, "trade grew": 1}
    assert n_words == 7


def test_lemmatize_merges_forms():
    counts, _ = terms_of("sanctions sanction", ngrams=(1, 1), lemmatize=True)
    assert counts == {"sanction": 2}


def test_count_terms_rates_per_thousand_words():
    frame = pd.DataFrame({"source": ["A", "A", "B"], "text": ["Trade rose.", "Trade fell again.", "Peace."]})
    out = count_terms(frame, ngrams=(1, 1)).set_index(["source", "term"])
    assert out.loc[("A", "trade"), ["count", "documents", "group_words"]].tolist() == [2, 2, 5]
    assert out.loc[("A", "trade"), "per_1000_words"] == pytest.approx(400.0)


def test_g2_matches_a_2x2_table_computed_by_hand():
    # term: 10 of 1,000 words in the target, 20 of 10,000 in the reference
    a, b, c, d = 10, 20, 1000, 10000
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    by_hand = 2 * (a * math.log(a / e1) + b * math.log(b / e2))
    assert log_likelihood([a], [b], [c], [d])[0] == pytest.approx(by_hand)
    assert by_hand == pytest.approx(13.5795, abs=1e-3)


def test_keyness_finds_what_sets_a_group_apart():
    frame = pd.DataFrame({"source": ["A"] * 3 + ["B"] * 3 + ["C"] * 3,
                          "text": ["Sanctions hurt the economy."] * 3 + ["Peace talks began."] * 3
                          + ["Peace and sanctions."] * 3})
    out = keyness(frame, min_count=2)
    top = out.groupby("source").head(1).set_index("source")["term"].to_dict()
    assert top["A"] in ("economy", "hurt") and top["B"] in ("talks", "began")
    row = out[(out["source"] == "A") & (out["term"] == "economy")].iloc[0]
    assert (row["count_target"], row["count_reference"]) == (3, 0)
    assert row["p_value"] < 0.05 and row["log_ratio"] > 0
    assert (out["log_ratio"] > 0).all()


def test_keyness_can_keep_under_represented_terms():
    frame = pd.DataFrame({"source": ["A"] * 3 + ["B"] * 3,
                          "text": ["Sanctions hurt the economy badly today."] * 3 + ["Sanctions, sanctions."] * 3})
    both = keyness(frame, min_count=2, only_over=False)
    under = both[(both["source"] == "A") & (both["term"] == "sanctions")]
    assert len(under) == 1 and under["log_ratio"].iloc[0] < 0


def test_keyness_needs_two_groups():
    with pytest.warns(UserWarning, match="at least two groups"):
        assert keyness(pd.DataFrame({"source": ["A"], "text": ["x y z"]})).empty


@pytest.mark.parametrize("pattern, text, hits", [
    ("sanction*", "Sanctions and sanctioned firms; no sanctuary.", ["Sanctions", "sanctioned"]),
    ("free trade", "a free trade zone and free-trade deals", ["free trade", "free-trade"]),
    ("Xi", "Xi met Xinhua", ["Xi"]),
])
def test_kwic_uses_word_boundaries_and_globs(pattern, text, hits):
    out = kwic(pd.DataFrame({"article_id": ["a"], "text": [text]}), pattern, window=10)
    assert out["match"].tolist() == hits
    assert glob_to_regex(pattern)


def test_kwic_context_window():
    out = kwic(pd.DataFrame({"article_id": ["a"], "text": ["one two three PEACE four five"]}), "peace", window=8)
    assert out[["left", "match", "right"]].values.tolist() == [["o three", "PEACE", "four fi"]]


def test_works_on_another_corpus_in_sub_folders():
    from analysis import load_corpus

    articles = load_corpus(OTHER).unique
    assert set(articles["source"]) == {"harbour-herald", "daily-ledger", "coastal-wire"}
    out = keyness(articles, min_count=2)
    assert set(out["source"]) <= {"harbour-herald", "daily-ledger", "coastal-wire"}
    assert "strike" in set(count_terms(articles)["term"])
    suggestions = suggest_topic_terms(articles)
    assert set(suggestions["kind"]) <= {"distinctive", "collocation"} and len(suggestions)
    assert list(collocations(articles, min_count=2).columns) == ["term", "count", "pmi"]
