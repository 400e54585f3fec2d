"""Codebook validation, one-pass matching with globs, nesting and word boundaries, coverage shares, the audit."""
import warnings

import pandas as pd
import pytest

from analysis import load_corpus, split_sentences
from analysis.content.keywords import count_terms
from analysis.content.topics import (build_matcher, kwic_samples, load_codebook, match_topics, pattern_counts,
                                     provisional_codebook, topic_coverage, topic_kind, written_names)
from analysis.errors import DataFileError
from analysis.text.tokens import HONORIFICS, NEWS_STOP_WORDS

CODEBOOK = {"Trade": ["trade", "free trade zone", "export*"], "Sanctions": ["sanction*"],
            "US": ["united states", "US"], "Diplomacy": ["free trade zone", "ties"]}


@pytest.mark.parametrize("text, expected", [
    ("The free trade zone will boost trade.", {"Trade": 2, "Diplomacy": 1}),
    ("New sanctions; sanctioned banks; a sanctuary.", {"Sanctions": 2}),
    ("The U.S. and the United States.", {"US": 2}),
    ("Exports and exporters, not expo.", {"Trade": 2}),
    ("Tradesmen protested.", {}),
    ("US officials said the U.S. would tell us.", {"US": 2}),
    ("Free-trade deals and re-exports.", {"Trade": 2}),
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


def test_coverage_by_a_key_column():
    sentences = pd.DataFrame({"source": ["A", "A", "B"], "article_id": ["a1", "a1", "b1"], "sentence_no": [0, 1, 0],
                              "text": ["Trade grew.", "Sanctions bite.", "Ties."]})
    out = topic_coverage(sentences, CODEBOOK, by="article_id", lede_sentences=1).set_index(["article_id", "topic"])
    assert out.loc[("a1", "Trade"), ["mentions", "n_articles", "first_in_lede", "n_sentences"]].tolist() == [1, 1, 1, 2]
    assert out.loc[("a1", "Sanctions"), "first_in_lede"] == 0 and out.loc[("b1", "Diplomacy"), "mentions"] == 1
    assert len(out) == 2 * len(CODEBOOK)


@pytest.mark.parametrize("text, message", [
    ("topics: [", "not valid YAML"),
    ("topics: {}", "non-empty 'topics:'"),
    ("topics:\n  Trade: []\n", "has no patterns"),
    ("topics:\n  Trade: ['*a']\n", "two characters"),
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


def test_a_flat_quanteda_codebook_works_as_is(tmp_path):
    path = tmp_path / "flat.yml"
    path.write_text("Trade: [trade, export*]\nSanctions: [sanction*]\n")
    sentences = pd.DataFrame({"source": ["A"], "article_id": ["a"], "sentence_no": [0],
                              "text": ["Exports rose despite sanctions."]})
    out = topic_coverage(sentences, load_codebook(path)).set_index("topic")
    assert out.loc["Trade", "mentions"] == 1 and out.loc["Sanctions", "mentions"] == 1


def test_rates_agree_with_term_counts():
    """per_1000_words has one denominator everywhere: the words of analysis.text.tokens.count_words."""
    sentences = pd.DataFrame({"source": ["A", "A"], "article_id": ["a", "a"], "sentence_no": [0, 1],
                              "text": ["Trade rose 3% in 2023, trade officials said.", "China's re-export trade grew."]})
    coverage = topic_coverage(sentences, {"T": ["trade"]}).set_index("topic")
    terms = count_terms(sentences, ngrams=(1, 1)).set_index("term")
    assert coverage.loc["T", "words"] == terms.loc["trade", "group_words"] == 12
    assert coverage.loc["T", "per_1000_words"] == pytest.approx(terms.loc["trade", "per_1000_words"])


def test_the_audit_shows_exactly_what_is_counted():
    sentences = pd.DataFrame({
        "source": ["A", "B", "C", "D"], "article_id": ["a", "b", "c", "d"], "sentence_no": [0, 0, 0, 0],
        "text": ["Free-trade deals were signed by the two long-standing partners yesterday.",
                 "The Tradesmen's union met.", "A free trade zone opened.", "US trade rose; tell us more."]})
    codebook = {"Trade": ["trade", "free trade zone"], "US": ["US"]}
    audit = kwic_samples(sentences, codebook, per_topic=5, window=20)
    counted = topic_coverage(sentences, codebook).groupby("topic")["mentions"].sum()
    assert audit.groupby("topic").size().to_dict() == counted[counted > 0].to_dict() == {"Trade": 3, "US": 1}
    assert audit["match"].tolist() == ["trade", "free trade zone", "trade", "US"]  # "trade" in "Free-trade"
    first = audit.iloc[0]
    assert first["left"] == "Free-" and first["right"].startswith("deals were") and first["right"].endswith("…")


def test_kwic_left_context_keeps_the_words_next_to_the_match():
    text = "One two three four five six seven eight nine ten eleven twelve sanctions bite."
    sentences = pd.DataFrame({"source": ["A"], "article_id": ["a"], "sentence_no": [0], "text": [text]})
    left = kwic_samples(sentences, {"S": ["sanction*"]}, window=20).loc[0, "left"]
    assert left.startswith("…") and left.endswith("eleven twelve") and len(left) <= 21


def test_unmatched_patterns_are_one_warning_with_their_count():
    sentences = pd.DataFrame({"text": ["Trade rose.", "Exports fell."]})
    with pytest.warns(UserWarning, match="2 of 4 patterns of codebook match nothing in these 2 texts: 'tariff'"):
        counts = pattern_counts(sentences, {"Trade": ["trade", "export*", "tariff"], "Peace": ["peace"]})
    assert counts.set_index("pattern")["matches"].to_dict() == {"trade": 1, "export*": 1, "tariff": 0, "peace": 0}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pattern_counts(sentences, {"Trade": ["trade"]})


def test_provisional_topics_come_from_every_group_and_are_never_filler():
    corpus = load_corpus("tests/fixtures/other_corpus")
    codebook = provisional_codebook(corpus.unique, by="source", per_group=2)
    assert codebook.provisional and "provisional" in codebook.note
    terms = [pattern for patterns in codebook.values() for pattern in patterns]
    assert 3 <= len(terms) <= 6
    ends = [word for t in terms for word in (t.split()[0], t.split()[-1])]  # "port of portville" is a name
    assert not any(word in NEWS_STOP_WORDS or word in HONORIFICS for word in ends)
    sources = corpus.unique.groupby("source")["text"].apply(" ".join).str.lower()
    assert all(any(t in sources[s] for t in terms) for s in sources.index)  # each group contributes


def test_provisional_topics_never_include_mr():
    articles = pd.DataFrame({"source": ["A"] * 3 + ["B"] * 3,
                             "text": ["Mr Smith said Mr Jones and Mr Brown met on tariffs."] * 3
                             + ["Mr Lee said the election was close, Mr Park said."] * 3})
    terms = [p for ps in provisional_codebook(articles, by="source").values() for p in ps]
    assert "mr" not in terms and terms


def test_provisional_topics_skip_an_outlet_naming_itself():
    articles = pd.DataFrame({"source": ["Reuters"] * 3 + ["The Daily Ledger"] * 3,
                             "text": ["LONDON (Reuters) - Tariffs on steel rose, Reuters reported."] * 3
                             + ["Daily Ledger staff: the harbour strike ended, the Ledger learned."] * 3})
    terms = [p for ps in provisional_codebook(articles, by="source").values() for p in ps]
    assert terms and not {"reuters", "ledger", "daily", "daily ledger"} & set(terms)
    assert {"tariffs", "steel", "harbour", "strike"} & set(terms)


# ---------------------------------------------------------------- stand-in topics worth reading

@pytest.mark.parametrize("term, names, kind", [
    ("march", (), None), ("monday", (), None), ("march", ("march",), None),  # months and weekdays, even named
    ("angry", (), None), ("good", (), None), ("long", (), None),            # adjectives
    ("bring", (), None), ("broke", (), None), ("pay", (), None),            # verbs
    ("estimate", (), None), ("nobody", (), None), ("work", (), None),       # generic nouns
    ("president", (), None), ("allowed russian", (), None), ("belarusian", ("belarusian",), None),
    ("grain", (), "noun"), ("wage talks", (), "phrase"), ("chinese capital", (), "phrase"),
    ("port authority", ("port authority",), "name"), ("minsk", ("minsk",), "name"),
])
def test_a_stand_in_topic_is_a_name_a_noun_phrase_or_a_noun_never_a_month_verb_adjective_or_filler(term, names, kind):
    assert topic_kind(term, names=set(names)) == kind


def test_names_are_what_the_corpus_writes_capitalised_on_their_own():
    text = ("President Xi met officials in Minsk. Xi said the Port Authority would talk. The Port Authority agreed. "
            "Exports fell. Exports rose. Wage talks began in the port, near the Port of Portville.")
    found = written_names(["xi", "president", "minsk", "port authority", "exports", "port", "port of portville"],
                          text)
    assert found == {"xi": "Xi", "minsk": "Minsk", "port authority": "Port Authority",
                     "port of portville": "Port of Portville"}  # "Exports" only opens sentences; "Port" is in names


def test_without_a_term_worth_a_topic_the_stand_in_codebook_is_empty_and_says_so(tmp_path):
    from analysis.explore import views
    from analysis.explore.session import analyse
    from analysis.report.findings import topic_finding

    articles = pd.DataFrame({"source": ["A"] * 3 + ["B"] * 3,
                             "text": ["Nobody would work on Monday, and it was good work, they said."] * 3
                             + ["In March they bring an angry estimate; nobody knows, they said."] * 3})
    codebook = provisional_codebook(articles, by="source")
    assert dict(codebook) == {} and codebook.provisional
    assert codebook.note == ("provisional: no codebook was given, and no name, noun phrase or noun is distinctive "
                             "enough of a group to stand for a topic; write a codebook to measure topics")
    for source in ("a", "b"):
        (tmp_path / source).mkdir()
    for i, row in articles.iterrows():
        (tmp_path / row["source"].lower() / f"{i}.txt").write_text(f"{row['text']} " * 4, encoding="utf-8")
    a = analyse(tmp_path)
    assert a.codebook_from == codebook.note and dict(a.codebook) == {}
    assert topic_finding(views.coverage(a)) == "The codebook has no topic, so there is no coverage to give."


def test_the_stand_in_topics_of_two_real_stories_are_names_and_nouns():
    for corpus in (load_corpus(), load_corpus("tests/fixtures/other_corpus")):
        codebook = provisional_codebook(corpus.unique, by="source")
        patterns = [p for ps in codebook.values() for p in ps]
        text = "\n\n".join(corpus.unique["text"])
        assert patterns and all(topic_kind(p, names=written_names([p], text)) for p in patterns)
        assert not set(" ".join(patterns).split()) & {"march", "work", "nobody", "good", "angry", "bring"}
