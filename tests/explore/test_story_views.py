"""The story page's views (analysis.explore.stories) on the bundled corpus, and at their edges."""
import math

import pandas as pd
import pytest

from analysis.explore import stories
from analysis.explore.session import analyse


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
