"""quoted_sources: every source each group quotes, counted, at its edges (issue 21)."""
import pandas as pd
import pytest

from analysis import quoted_sources
from analysis.voices.sources import (SOURCE_COLUMNS, article_sources, canonical_speakers, is_official,
                                     public_body)
from analysis.voices.voices import split_sentences

ARTICLES = {
    # a quote with a party tag; a lawyer; an organisation's statement
    "a": ("Wire", 'Rep. John Lewis spoke first. "We will not wait," Rep. John Lewis (D-Ga.) said. "Not one more day." '
                  '"She has nothing to gain," said Graham Pettit, a lawyer for Ms. Lowry. '
                  '"We take every allegation seriously," the Acme Corporation said in a statement.'),
    # an unnamed source, twice; a speaker named only by a pronoun
    "b": ("Wire", '"Nobody told us anything," said one resident, who asked not to be named. Ms. Ana Ruiz runs the '
                  'shelter. "We are full," she said. "The numbers are not there," a senior official told reporters.'),
    # the same person, named more fully in another article
    "c": ("Daily", 'Lewis spoke. "We will not wait," Lewis said. "Nobody listens," one protester shouted.'),
    # no quotes at all
    "d": ("Daily", "The council met on Tuesday. It adjourned without a vote."),
}


@pytest.fixture(scope="module")
def sentences():
    frame = pd.DataFrame([{"article_id": k, "source": v[0], "text": v[1]} for k, v in ARTICLES.items()])
    out = split_sentences(frame)
    out["story"] = out["article_id"].map({"a": "s1", "b": "s2", "c": "s1", "d": "s2"})
    return out


def row(table, **where):
    found = table
    for column, value in where.items():
        found = found[found[column] == value]
    assert len(found) == 1, (where, table)
    return found.iloc[0]


def test_a_quote_with_a_party_tag(sentences):
    table = quoted_sources(sentences, by="source")
    lewis = row(table, source="Wire", speaker="John Lewis")
    assert (lewis["kind"], lewis["n_quotes"], lewis["n_articles"], lewis["role"], lewis["affiliation"],
            lewis["official"]) == ("person", 2, 1, "representative", "Democrat, Georgia", True)


def test_an_unnamed_source_is_counted_not_dropped(sentences):
    table = quoted_sources(sentences, by="source")
    unknown = row(table, source="Wire", speaker="unknown")
    assert (unknown["kind"], unknown["n_quotes"], unknown["role"]) == ("unnamed", 2, "official, resident")
    assert row(table, source="Daily", speaker="unknown")["role"] == "protester"
    assert table.groupby("source")["share"].sum().round(12).eq(1).all()


def test_a_statement_by_an_organisation(sentences):
    acme = row(quoted_sources(sentences, by="source"), speaker="Acme Corporation")
    assert (acme["kind"], acme["official"]) == ("organisation", False)
    assert pd.isna(acme["role"]) and pd.isna(acme["gender"])  # an organisation has no gender


@pytest.mark.parametrize("text, speaker", [
    ("The Brotherhood of Dock Workers, which represents crane drivers, welcomed the ruling, saying it was "
     "'long overdue'.", "Brotherhood of Dock Workers"),
    ('"We were never consulted," the Coalition for Clean Rivers said in a statement.', "Coalition for Clean Rivers"),
])
def test_a_union_or_coalition_named_with_of_or_for_is_one_organisation(text, speaker):
    frame = split_sentences(pd.DataFrame({"article_id": ["u"], "source": ["Wire"], "text": [text]}))
    found = row(quoted_sources(frame), speaker=speaker)
    assert found["kind"] == "organisation"


def test_a_speaker_named_only_by_a_pronoun(sentences):
    ruiz = row(quoted_sources(sentences, by="source"), speaker="Ana Ruiz")
    assert (ruiz["kind"], ruiz["n_quotes"], ruiz["gender"]) == ("person", 1, "female")


def test_a_lawyer_speaks_for_himself_and_his_client_is_no_affiliation(sentences):
    pettit = row(quoted_sources(sentences, by="source"), speaker="Graham Pettit")
    assert (pettit["role"], pettit["gender"]) == ("lawyer", "unknown") and pd.isna(pettit["affiliation"])


def test_one_person_named_differently_in_two_articles_counts_once(sentences):
    table = quoted_sources(sentences, by="story")
    lewis = row(table, story="s1", speaker="John Lewis")
    assert (lewis["n_quotes"], lewis["n_articles"]) == (3, 2) and "Lewis" not in set(table["speaker"])


def test_any_column_or_a_list_of_them_groups(sentences):
    both = quoted_sources(sentences, by=["story", "source"])
    assert list(both.columns) == ["story", "source", *SOURCE_COLUMNS]
    assert row(both, story="s1", source="Daily", speaker="John Lewis")["n_quotes"] == 1
    by_article = quoted_sources(sentences, by="article_id")
    assert set(by_article["article_id"]) == {"a", "b", "c"}  # "d" quotes nobody


def test_a_corpus_with_no_quotes_gives_no_rows_and_every_column(sentences):
    table = quoted_sources(sentences[sentences["article_id"] == "d"], by="source")
    assert table.empty and list(table.columns) == ["source", *SOURCE_COLUMNS]
    assert article_sources(sentences.iloc[0:0]).empty


def test_a_missing_grouping_column_is_a_one_line_error(sentences):
    with pytest.raises(KeyError, match="cannot group by \\['outlet'\\]"):
        quoted_sources(sentences, by="outlet")


def test_canonical_speakers_join_only_where_one_name_fits():
    assert canonical_speakers({"Calloway", "James B. Calloway", "James Calloway", "Smith", "Ann Smith", "Bo Smith"},
                              {"James B. Calloway", "James Calloway", "Ann Smith", "Bo Smith"}) == \
        {"Calloway": "James B. Calloway", "James Calloway": "James B. Calloway"}


@pytest.mark.parametrize("kind, role, affiliation, speaker, official", [
    ("person", "senator", None, "Ann Cole", True),
    ("person", "representative", "Democrat, Georgia", "Ann Cole", True),
    ("person", None, "Republican, Ohio", "Ann Cole", True),   # the form only office holders get
    ("person", None, "Republican", "Ann Cole", False),        # a party alone: a candidate, an activist
    ("person", "press secretary", "White House", "Ann Cole", True),
    ("person", "director", "Acme Corporation", "Ann Cole", False),
    ("person", "lawyer", None, "Ann Cole", False),
    ("person", "attorney", None, "Ann Cole", False),           # a lawyer, often for the defence
    ("person", "attorney general", None, "Ann Cole", True),
    ("person", "District Attorney", None, "Ann Cole", True),
    ("person", "county attorney", None, "Ann Cole", True),
    ("unnamed", "official", None, "unknown", True),
    ("unnamed", "resident", None, "unknown", False),
    ("organisation", None, None, "Justice Department", True),
    ("organisation", None, None, "U.S. Attorney's Office for the District of New Mexico", True),
    ("organisation", None, None, "Acme Corporation", False),
])
def test_who_is_an_official(kind, role, affiliation, speaker, official):
    assert is_official(kind, role, affiliation, speaker) is official


def test_public_bodies_are_whole_words():
    assert public_body("White House") and public_body("Federal Bureau of Investigation")
    assert not public_body("Departmental Stores") and not public_body(None)


def test_broken_quotes_and_a_whole_article_statement_are_counted_quickly():
    import time

    statement = " ".join(f'"We have acted in good faith on point {k}, and we will say so again."' for k in range(300))
    texts = {"open": 'Mayor Ann Holt said: "We will not close the library. ' + "It stays open. " * 200,
             "nested": '"He told me, \'You will regret this,\' and left," said Rep. Dan Pike (R-Ohio).',
             "paragraphs": 'Sen. Mae Lee said: "First point.\n\n"Second point.\n\n"Third point," she said.',
             "statement": "The Acme Corporation issued this statement on Friday. " + statement}
    frame = pd.DataFrame([{"article_id": k, "source": "X", "text": t} for k, t in texts.items()])
    started = time.perf_counter()
    table = quoted_sources(split_sentences(frame), by=["article_id", "source"])
    assert time.perf_counter() - started < 30
    assert table["n_quotes"].sum() > 300
    assert set(table["article_id"]) == set(texts)  # every article's quotes are counted, none dropped
    assert row(table, article_id="nested")["speaker"] == "Dan Pike"
