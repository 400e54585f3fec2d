"""The story page's views (analysis.explore.stories): on the bundled corpus, on a small scored corpus (who each
outlet quotes in one story), and at their edges."""
import math

import pandas as pd
import pytest

from analysis.explore import stories
from analysis.explore.session import analyse

ARTICLES = [
    ("A", "bridge", '"We will build it this year," Mayor Ruth Okafor said on Monday. "The money is there," '
                    'she said. "It is a mistake," said Sen. Dan Pike (R-Ohio).'),
    ("B", "bridge", '"The money is there," said Ruth Okafor. "Nobody asked us," one resident said.'),
    ("C", "bridge", "The council approved the bridge budget on Monday after a long debate."),
    ("A", "chess", '"We trained all winter," said coach Ann Lee.'),
]


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    export = tmp_path_factory.mktemp("stories") / "export.csv"
    pd.DataFrame({"text": [a[2] for a in ARTICLES], "source": [a[0] for a in ARTICLES],
                  "event": [a[1] for a in ARTICLES],
                  "published": ["2024-05-06"] * len(ARTICLES)}).to_csv(export, index=False)
    return analyse(export, story="event")


def test_story_sources_is_quoted_sources_by_story_and_outlet(analysis):
    sources = stories.story_sources(analysis, "bridge")
    assert list(sources.columns[:3]) == ["story", "source", "speaker"]
    assert set(sources["story"]) == {"bridge"}
    rows = {(r.source, r.speaker): r for r in sources.itertuples()}
    assert set(rows) == {("A", "Ruth Okafor"), ("A", "Dan Pike"), ("B", "Ruth Okafor"), ("B", "unknown")}
    assert rows[("A", "Ruth Okafor")].n_quotes == 2 and rows[("A", "Ruth Okafor")].share == pytest.approx(2 / 3)
    assert rows[("A", "Dan Pike")].affiliation == "Republican, Ohio"
    assert rows[("B", "unknown")].kind == "unnamed"
    assert "C" not in set(sources["source"])  # an outlet that quotes nobody has no row


def test_a_story_nobody_quotes_in_gives_no_rows(analysis):
    assert stories.story_sources(analysis, "nothing here").empty


@pytest.fixture(scope="module")
def a():
    return analyse()


def test_story_stance_gives_each_outlet_and_actor_of_a_story_once(a):
    story = stories.compared_stories(a, top=1)[0]
    table = stories.story_stance(a, story)
    assert len(table) and not table.duplicated(["actor", "source"]).any()
    assert set(table["source"]) <= set(stories.story_articles(a, story)["source"])
    assert (table["stance"].isna() == (table["n_clear"] == 0)).all()
    assert table["stance"].dropna().between(-1, 1).all() and table["toward"].between(-1, 1).all()
    assert table["sentence"].map(lambda s: isinstance(s, str) and len(s) > 0).all()
    for _, rows in table.groupby("actor", sort=False):  # the most favourable outlet first, unread outlets last
        values = rows["stance"].tolist()
        read = [v for v in values if not math.isnan(v)]
        assert read == sorted(read, reverse=True) and values[:len(read)] == read


def test_story_stance_without_a_stance_table_is_empty_with_its_columns():
    class Store:
        def has(self, name):
            return False

    class NoStance:
        store = Store()

    out = stories.story_stance(NoStance(), "any")
    assert out.empty and list(out.columns) == ["actor", "source", "n_articles", "n_clear", "stance", "n_evidence",
                                               "sentence", "toward"]


def test_story_stance_of_an_unknown_story_is_empty(a):
    assert stories.story_stance(a, "no such story").empty
    assert isinstance(stories.story_stance(a, "no such story"), pd.DataFrame)
