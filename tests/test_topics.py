"""Codebook validation, one-pass matching with globs, nesting and word boundaries, and coverage shares."""
import pandas as pd
import pytest

from analysis import load_corpus, split_sentences
from analysis.errors import DataFileError
from analysis.topics import build_matcher, load_codebook, match_topics, topic_coverage

CODEBOOK = {"Trade": ["trade", "free trade zone", "export*"], "Sanctions": ["sanction*"],
            "US": ["united states", "u.s."], "Diplomacy": ["free trade zone", "ties"]}


@pytest.mark.parametrize("text, expected", [
    ("The free trade zone will boost trade.", {"Trade": 2, "Diplomacy": 1}),
    ("New sanctions; sanctioned banks; a sanctuary.", {"Sanctions": 2}),
    ("The U.S. and the United States.", {"US": 2}),
    ("Exports and exporters, not expo.", {"Trade": 2}),
    ("Tradesmen protested.", {}),
])
def test_matching(text, expected):
    found = match_topics(text, build_matcher(CODEBOOK))
    assert {topic: count for topic, (count, _) in found.items()} == expected


def test_nested_terms_count_once_for_the_longest():
    (count, matched), = [v for k, v in match_topics("a free trade zone", build_matcher(CODEBOOK)).items()
                         if k == "Trade"]
    assert (count, matched) == (1, ["free trade zone"])


def test_matches_do_not_cross_punctuation():
    assert match_topics("free trade. Zone", build_matcher({"T": ["trade zone"]})) == {}


def test_coverage_shares_on_a_small_fixture():
    sentences = pd.DataFrame({
        "source": ["A", "A", "A", "A", "B", "B"],
        "article_id": ["a1", "a1", "a1", "a2", "b1", "b1"],
        "sentence_no": [0, 1, 2, 0, 0, 1],
        "n_sentences": [3, 3, 3, 1, 2, 2],
        "text": ["Trade grew.", "Nothing here.", "Sanctions bite.", "Trade and trade.", "Ties.", "Sanctions."],
    })
    out = topic_coverage(sentences, CODEBOOK, lede_sentences=1).set_index(["source", "topic"])
    assert out.loc[("A", "Trade"), ["sentence_share", "mentions", "articles_mentioning", "article_share"]
                   ].tolist() == [0.5, 3, 2, 1.0]
    assert out.loc[("A", "Trade"), "first_in_lede"] == 2
    assert out.loc[("A", "Sanctions"), ["first_in_lede", "first_buried"]].tolist() == [0, 1]
    assert out.loc[("B", "Trade"), "sentence_share"] == 0
    assert out.loc[("A", "Trade"), "per_1000_words"] == pytest.approx(1000 * 3 / 9)
    assert len(out) == 2 * len(CODEBOOK)


@pytest.mark.parametrize("text, message", [
    ("topics: [", "not valid YAML"),
    ("topics: {}", "non-empty 'topics:'"),
    ("topics:\n  Trade: []\n", "non-empty list of patterns"),
    ("topics:\n  Trade: ['*ade']\n", "only a trailing"),
    ("topics:\n  Trade: ['tr*']\n", "three letters"),
    ("topics:\n  Trade: ['']\n", "empty"),
])
def test_bad_codebooks_are_clear_errors(tmp_path, text, message):
    path = tmp_path / "topics.yml"
    path.write_text(text)
    with pytest.raises(DataFileError, match=message):
        load_codebook(path)


def test_bundled_codebook_on_bundled_corpus():
    codebook = load_codebook()
    assert "Sanctions" in codebook
    sentences = split_sentences(load_corpus().articles)
    out = topic_coverage(sentences, codebook)
    assert out["sentence_share"].between(0, 1).all()
    war = out[out["topic"] == "War in Ukraine and peace plan"]
    assert (war["articles_mentioning"] == 1).all()


def test_other_corpus_and_codebook():
    corpus = load_corpus("tests/fixtures/other_corpus")
    codebook = load_codebook("tests/fixtures/other_corpus_topics.yml")
    out = topic_coverage(split_sentences(corpus.unique), codebook).set_index(["source", "topic"])
    assert out.loc[("harbour-herald", "Strike and industrial action"), "articles_mentioning"] == 2
