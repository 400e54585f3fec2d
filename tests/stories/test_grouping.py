"""Stories found from the articles, or taken from a column; on PressLens's labelled multi-outlet stories."""
import pandas as pd
import pytest

from analysis import find_stories
from analysis.errors import ColumnError
from analysis.stories.grouping import NO_STORY, TermIndex, near_in_time
from helpers.stories_sets import stories_set


def adjusted_rand(gold, found) -> float:
    from sklearn.metrics import adjusted_rand_score

    return adjusted_rand_score(list(gold), list(found))


def test_the_labelled_development_stories_are_found():
    articles, _ = stories_set("dev")
    found = find_stories(articles)
    assert found.index.equals(articles.index) and found.name == "story"
    assert adjusted_rand(articles["story_label"], found) >= 0.95


def test_two_events_of_the_same_kind_in_one_week_stay_apart():
    articles, _ = stories_set("dev")
    found = find_stories(articles)
    fires = articles["story_label"].isin(["s04", "s12"])  # two factory fires, the same week
    assert found[fires].nunique() == 2


def test_a_story_told_by_one_outlet_is_a_story_of_its_own():
    frame = pd.DataFrame({"article_id": ["a", "b"], "published": ["2024-01-01", "2024-01-02"],
                          "title": ["Flood closes Lakeside bridge", "Chess club wins regional cup"],
                          "text": ["Floodwater closed the Lakeside bridge on Monday.", "The Mereford chess club won."]})
    assert find_stories(frame).nunique() == 2


def test_the_same_story_months_apart_is_two_stories():
    text = "Regulators fined Brightwater Pay for misleading customers about Laidlaw's accounts."
    frame = pd.DataFrame({"article_id": ["a", "b"], "published": ["2024-01-01", "2024-06-01"],
                          "title": ["Brightwater Pay fined", "Brightwater Pay fined"], "text": [text, text]})
    assert find_stories(frame).nunique() == 2
    assert find_stories(frame.assign(published=["2024-01-01", "2024-01-03"])).nunique() == 1


def test_a_users_column_wins_and_missing_values_are_no_story():
    frame = pd.DataFrame({"article_id": ["a", "b", "c"], "text": ["x", "y", "z"], "event": ["vote", None, ""]})
    assert find_stories(frame, story="event").tolist() == ["vote", NO_STORY, NO_STORY]
    with pytest.raises(ColumnError, match="no column 'desk'"):
        find_stories(frame, story="desk")


def test_candidates_come_only_from_articles_close_in_time():
    days = [0, 3, 20, None]
    pairs = {(i, j) for i in range(4) for j in range(i + 1, 4) if near_in_time(days[i], days[j], 7)}
    assert pairs == {(0, 1), (0, 3), (1, 3), (2, 3)}
    assert near_in_time(0, 7, 7) and not near_in_time(0, 8, 7)


def test_the_same_words_a_fortnight_apart_are_two_stories():
    index = TermIndex()
    words = {"lukashenko": 1.0, "beijing": 1.0, "pipeline": 1.0}
    for article_id, day in (("a", 0), ("b", 2), ("c", 16), ("d", 17)):
        index.add(article_id, day, words)
    assert index.clusters() == [0, 0, 2, 2]


def test_the_index_holds_terms_compactly():
    index = TermIndex()
    index.add("a", 1, {"lukashenko": 1.0, "beijing": 1.0})
    index.add("b", 1, {"lukashenko": 1.0, "beijing": 1.0, "visit": 1.0})
    index.add("c", 1, {"harvest": 1.0, "wheat": 1.0})
    assert len(index) == 3 and index.clusters() == [0, 0, 2]
