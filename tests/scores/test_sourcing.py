"""source_summary: each group's sourcing in one row, with intervals over articles where there are enough."""
import numpy as np
import pandas as pd
import pytest

from analysis import source_summary
from analysis.scores.sourcing import MIN_INTERVAL_ARTICLES, SUMMARY_COLUMNS, article_sourcing, summarise_sourcing
from analysis.voices.sources import source_tables, summarise_sources


def rows(*articles):
    """article_sources rows: (article_id, group, speaker, kind, gender, official, n_quotes)."""
    frame = pd.DataFrame(articles, columns=["article_id", "outlet", "speaker", "kind", "gender", "official", "n_quotes"])
    return frame.assign(role=None, affiliation=None)


def summary(frame, **options):
    sources = summarise_sources(*source_tables(frame, keys=["outlet"]), keys=["outlet"])
    return summarise_sourcing(article_sourcing(frame, keys=["outlet"]), sources, keys=["outlet"], **options)


def test_counts_and_shares_of_one_group():
    frame = rows(("a1", "A", "Ann Cole", "person", "female", True, 3), ("a1", "A", "unknown", "unnamed", None, False, 1),
                 ("a2", "A", "Bo Diaz", "person", "male", False, 2), ("a2", "A", "Acme", "organisation", None, False, 2))
    row = summary(frame).iloc[0]
    assert (row["n_articles"], row["n_quotes"], row["n_sources"], row["n_unnamed_sources"], row["unnamed_quotes"],
            row["official_quotes"], row["gender_known"], row["female_quotes"], row["male_quotes"]) == \
        (2, 8, 3, 1, 1, 3, 5, 3, 2)
    assert (row["share_unnamed"], row["share_official"], row["share_female"]) == (1 / 8, 3 / 8, 3 / 5)
    assert row["top_sources"] == "Ann Cole (3), Acme (2), Bo Diaz (2)"  # ties in alphabetical order


def test_an_interval_needs_enough_articles():
    few = rows(*[(f"a{i}", "A", "Ann Cole", "person", "female", i % 2 == 0, 2) for i in range(MIN_INTERVAL_ARTICLES - 1)])
    enough = rows(*[(f"a{i}", "A", "Ann Cole", "person", "female", i % 2 == 0, 2) for i in range(MIN_INTERVAL_ARTICLES)])
    assert summary(few)[["official_low", "official_high"]].isna().all(axis=None)
    low, high = summary(enough).iloc[0][["official_low", "official_high"]]
    assert 0 <= low < 0.6 < high <= 1


def test_no_gender_shown_gives_no_share():
    row = summary(rows(("a1", "A", "Ann Cole", "person", "unknown", False, 2))).iloc[0]
    assert row["gender_known"] == 0 and np.isnan(row["share_female"]) and np.isnan(row["female_low"])


def test_an_organisation_has_no_gender_even_if_a_row_says_so():
    row = summary(rows(("a1", "A", "Acme", "organisation", "female", False, 2))).iloc[0]
    assert row["gender_known"] == 0


def test_groups_come_sorted_and_no_quotes_gives_no_rows():
    frame = rows(("b1", "B", "Ann Cole", "person", None, False, 1), ("a1", "A", "Bo Diaz", "person", None, False, 1))
    assert list(summary(frame)["outlet"]) == ["A", "B"]
    empty = summary(frame.iloc[0:0])
    assert empty.empty and list(empty.columns) == ["outlet", *SUMMARY_COLUMNS]


def test_from_sentences_by_any_column():
    sentences = pd.DataFrame({"article_id": ["a", "a", "b"], "source": ["X", "X", "Y"], "story": ["s", "s", "s"],
                              "voice": ["quote", "narration", "mixed"], "speaker": ["Ann Cole", None, "unknown"],
                              "speaker_kind": ["person", None, "unnamed"], "speaker_role": ["mayor", None, "aide"],
                              "speaker_affiliation": [None] * 3, "speaker_gender": ["female", None, None]})
    table = source_summary(sentences, by=["story", "source"])
    assert list(table["source"]) == ["X", "Y"] and list(table["share_unnamed"]) == [0.0, 1.0]
    with pytest.raises(KeyError, match="cannot group by"):
        source_summary(sentences, by="outlet")
