"""split_sentences: one row per sentence with offsets, on news text and the golden rules."""
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.text.segment import sentence_spans
from analysis.voices.voices import split_sentences
from helpers import FIXTURES

CASES = yaml.safe_load((FIXTURES / "sentence_cases.yml").read_text())
# Golden-rule cases the rule-based splitter gets wrong; docs/sentence-splitting.md lists them.
KNOWN_MISSES = {
    "At 5 a.m. Mr. Smith went to the bank.",
    "We make a good team, you and I.",
    "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
    "You can find it at N°. 1026.253.553.",
}


def split(text):
    return [text[s:e] for s, e, _ in sentence_spans(text)]


@pytest.mark.parametrize("expected", CASES["news"], ids=lambda e: e[0][:40])
def test_news_cases(expected):
    assert split(" ".join(expected)) == expected


GOLDEN = [pytest.param(e, marks=pytest.mark.xfail(strict=True, reason="known miss")) if e[0] in KNOWN_MISSES
          else e for e in CASES["golden"]]


@pytest.mark.parametrize("expected", GOLDEN, ids=lambda e: e[0][:40])
def test_golden_rules(expected):
    assert split(" ".join(expected)) == [e.strip() for e in expected]


def test_frame_carries_article_id_source_and_offsets():
    articles = pd.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"],
                             "text": ["Headline line\nFirst one. Second one.", None]})
    sentences = split_sentences(articles)
    assert sentences[["article_id", "source", "sentence_no", "paragraph_no", "text"]].values.tolist() == [
        ["a", "X", 0, 0, "Headline line"], ["a", "X", 1, 1, "First one."], ["a", "X", 2, 1, "Second one."]]
    text = articles.loc[0, "text"]
    assert all(text[r.start:r.end] == r.text for r in sentences.itertuples())


def test_one_paragraph_article_is_split():
    text = " ".join(f"Sentence number {i} is here." for i in range(30))
    assert len(split(text)) == 30


def test_missing_columns_are_a_clear_error():
    with pytest.raises(KeyError, match="article_id"):
        split_sentences(pd.DataFrame({"text": ["A."]}))


def test_empty_frame_gives_an_empty_frame_with_the_columns():
    out = split_sentences(pd.DataFrame({"article_id": [], "text": []}))
    assert list(out.columns) == ["article_id", "sentence_no", "paragraph_no", "article_sentences", "text", "start", "end",
                                 "voice", "quoted", "quoted_share", "speaker", "speaker_kind", "speaker_role",
                                 "speaker_affiliation", "speaker_gender"]
