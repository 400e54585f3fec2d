"""Stop words, counts, names, G² against a hand computation, significance, keyness and KWIC."""
import math

import numpy as np
import pandas as pd
import pytest

from analysis.content.keywords import (adjust_p, collocations, count_terms, keyness, kwic, log_likelihood,
                                       suggest_topic_terms, terms_of, tokenize)
from analysis.text.tokens import NEWS_STOP_WORDS, stop_words

OTHER = "tests/fixtures/other_corpus"


def test_tokenize_is_the_one_tokenizer():
    from analysis.text import tokens

    assert tokenize is tokens.tokenize


def test_stop_lists():
    assert {"the", "and", "of"} <= stop_words() and "said" not in stop_words()
    assert {"said", "may", "two", "according", "mr"} <= stop_words(stop_list="news")
    assert stop_words(stop_list="none") == frozenset()
    assert "belarus" in stop_words("en", ("Belarus",))
    assert "der" in stop_words("de")
    with pytest.raises(ValueError):
        stop_words(stop_list="maybe")


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


def test_names_are_one_term_and_their_words_are_not_counted_again():
    frame = pd.DataFrame({"source": ["A"], "text": ["Officials in the United States said the states agreed."]})
    counts = count_terms(frame, ngrams=(1, 2)).set_index("term")["count"].to_dict()
    assert counts["united states"] == 1 and counts["states"] == 1 and "united" not in counts
    assert not any("united states " in t or " united states" in t for t in counts)
    plain = count_terms(frame, ngrams=(1, 1), names=False).set_index("term")["count"].to_dict()
    assert plain["states"] == 2 and plain["united"] == 1


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
    top = out[out["rank"] == 1].set_index("source")["term"].to_dict()
    assert top == {"A": "economy", "B": "began", "C": "peace"}  # ties broken: G², log ratio, count, then a-z
    row = out[(out["source"] == "A") & (out["term"] == "economy")].iloc[0]
    assert (row["count_target"], row["count_reference"]) == (3, 0)
    assert row["p_value"] < 0.05 and row["log_ratio"] > 0
    assert (out["log_ratio"] > 0).all()
    assert out.attrs["keyness"]["correction"] == "holm"


def test_keyness_never_ranks_news_filler():
    frame = pd.DataFrame({"source": ["A"] * 4 + ["B"] * 4,
                          "text": ["He also said it may just be two steps, according to Mr Li, including tariffs."] * 4
                          + ["Officials met to discuss the harbour strike next week."] * 4})
    out = keyness(frame, min_count=2)
    assert not set(out["term"]) & NEWS_STOP_WORDS
    assert set(out.loc[out["source"] == "A", "term"]) == {"steps", "tariffs", "li"}


@pytest.mark.parametrize("p, method, expected", [
    ([0.01, 0.04, 0.03], "holm", [0.03, 0.06, 0.06]),
    ([0.01, 0.04, 0.03], "bh", [0.03, 0.04, 0.04]),
    ([0.01, 0.04], "none", [0.01, 0.04]),
    ([0.5, 0.9], "holm", [1.0, 1.0]),
    ([], "holm", []),
])
def test_multiple_testing_corrections(p, method, expected):
    assert adjust_p(p, method=method) == pytest.approx(np.array(expected))


def test_significance_needs_the_corrected_p():
    frame = pd.DataFrame({"source": ["A"] * 3 + ["B"] * 3,
                          "text": ["Sanctions hurt the economy badly, the harbour strike grew."] * 3
                          + ["Talks began in the harbour; sanctions stayed."] * 3})
    out = keyness(frame, min_count=2)
    assert ((out["p_adjusted"] >= out["p_value"]) & (out["significant"] == (out["p_adjusted"] < 0.05))).all()
    loose = keyness(frame, min_count=2, correction="none")
    assert loose["significant"].sum() >= out["significant"].sum()


def test_minimum_count():
    frame = pd.DataFrame({"source": ["A", "B"], "text": ["tariffs tariffs tariffs harbour", "strike strike"]})
    assert set(keyness(frame, min_count=3)["term"]) == {"tariffs"}


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
    (["US", "china"], "US and China's us", ["US", "China's"]),
])
def test_kwic_matches_as_codebooks_do(pattern, text, hits):
    out = kwic(pd.DataFrame({"article_id": ["a"], "text": [text]}), pattern, window=10)
    assert out["match"].tolist() == hits


def test_kwic_context_keeps_whole_words_next_to_the_match():
    out = kwic(pd.DataFrame({"article_id": ["a"], "text": ["one two three PEACE four five"]}), "peace", window=8)
    assert out[["left", "match", "right"]].values.tolist() == [["…three", "PEACE", "four…"]]
    out = kwic(pd.DataFrame({"article_id": ["a"], "text": ["one PEACE two"]}), "peace", window=20)
    assert out[["left", "right"]].values.tolist() == [["one", "two"]]


def test_kwic_regex_and_limit():
    frame = pd.DataFrame({"article_id": ["a"], "text": ["peace talks, peace deal, peace plan"]})
    assert kwic(frame, "^deal$", regex=True)["match"].tolist() == ["deal"]
    assert len(kwic(frame, "peace", limit=2)) == 2


def test_kwic_limit_zero_keeps_no_row_and_bad_calls_are_one_clear_error():
    """Issue 23: ``limit=0`` returned one row; ``kwic(None)`` raised AttributeError."""
    from analysis.errors import ColumnError, OptionError

    frame = pd.DataFrame({"article_id": ["a"], "text": ["peace talks, peace deal, peace plan"]})
    assert len(kwic(frame, "peace", limit=0)) == 0 and len(kwic(frame, "peace", limit=1)) == 1
    assert list(kwic(frame, "peace", limit=0).columns) == ["article_id", "left", "match", "right", "pattern"]
    for call, error, message in [(lambda: kwic(None, "peace"), OptionError, "a DataFrame with a 'text' column"),
                                 (lambda: kwic(frame, "peace", limit=-1), OptionError, "limit must be"),
                                 (lambda: kwic(frame, "peace", window=-5), OptionError, "window must be"),
                                 (lambda: kwic(frame, None), OptionError, "kwic needs a pattern"),
                                 (lambda: kwic(frame, "peace", text_col="body"), ColumnError, "'body'")]:
        with pytest.raises(error, match=message):
            call()


def test_kwic_refuses_a_regex_that_would_hang():
    import time

    from analysis.content.matcher import PatternError

    frame = pd.DataFrame({"article_id": ["a"], "text": ["a" * 60 + " and " + "a" * 45]})
    start = time.perf_counter()
    with pytest.raises(PatternError, match="simplify the pattern"):
        kwic(frame, "(?:a|aa)" * 30 + "c", regex=True)
    assert time.perf_counter() - start < 5.0


def test_works_on_another_corpus_in_sub_folders():
    from analysis import load_corpus

    articles = load_corpus(OTHER).unique
    assert set(articles["source"]) == {"harbour-herald", "daily-ledger", "coastal-wire"}
    out = keyness(articles, min_count=2)
    assert set(out["source"]) <= {"harbour-herald", "daily-ledger", "coastal-wire"}
    assert not set(out["term"]) & NEWS_STOP_WORDS
    assert "strike" in set(count_terms(articles)["term"])
    suggestions = suggest_topic_terms(articles)
    assert set(suggestions["kind"]) <= {"distinctive", "collocation"} and len(suggestions)
    assert list(collocations(articles, min_count=2).columns) == ["term", "count", "pmi"]
