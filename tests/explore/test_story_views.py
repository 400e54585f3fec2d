"""The story page's views on a small scored corpus: who each outlet quotes in one story."""
import pandas as pd
import pytest

from analysis import analyse
from analysis.explore import stories

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
