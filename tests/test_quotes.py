"""Quotation marks: pairing by context, the paragraph-opening convention, measurements, apostrophes, kinds."""
import pytest

from analysis.quotes import has_marks, is_measurement, mark_role, quote_spans
from analysis.segment import sentence_spans


def spans(text, paragraphs=None):
    paragraphs = paragraphs or [(0, len(text))]
    return [(text[s.start:s.end], s.kind) for s in quote_spans(text, paragraphs)]


@pytest.mark.parametrize("text, index, role", [
    ('He said "yes" today.', 8, "open"),
    ('He said "yes" today.', 12, "close"),
    ('suckers " Koellmann said.', 8, "either"),
    ("According to Xinhua,” China", 20, "close"),
    ("「Yes」", 0, "open"),
])
def test_mark_role_comes_from_neighbours(text, index, role):
    assert mark_role(text, index) == role


@pytest.mark.parametrize("text, index, expected", [
    ('more than 30" of snow', 12, True),
    ("drifts of 6' 4\" high", 11, True),
    ("drifts of 6' 4\" high", 14, True),
    ("a 12' blade", 4, True),
    ('"We won 2-1," he said.', 11, False),
    ("the ’80s", 4, False),
])
def test_inch_and_foot_marks(text, index, expected):
    assert is_measurement(text, index) is expected


@pytest.mark.parametrize("text, expected", [
    ('"We will win," he said.', [("We will win,", "speech")]),
    ("‘I can’t believe it,’ Dean said of the ’80s.", [("I can’t believe it,", "speech")]),
    ("Fans’ anger and Belarus’ economy.", []),
    ('the film "Ray" won', [("Ray", "title")]),
    ('the so-called "ring of steel" stays', [("ring of steel", "scare")]),
    ('an "all-weather" partnership', [("all-weather", "scare")]),
    ('banners reading "No water, no food" and more', [("No water, no food", "title")]),
    ('she called the plan "a gimmick".', [("a gimmick", "speech")]),
    ('"He smiled," she said.', [("He smiled,", "speech")]),
    ("According to Xinhua,” China is ready to talk,” it said.", [(" China is ready to talk,", "speech")]),
])
def test_spans_and_kinds(text, expected):
    assert spans(text) == expected


def test_paragraph_opening_convention_without_paragraph_breaks():
    text = '"First part. Still first. "Second part opens again," she said.'
    sentences = [(s, e) for s, e, _ in sentence_spans(text)]
    found = quote_spans(text, [(0, len(text))], sentences)
    assert [text[s.start:s.end] for s in found] == ["First part. Still first.", "Second part opens again,"]
    assert found[0].chain == found[1].chain and not found[0].closed


def test_unclosed_quote_runs_to_its_paragraph_end_and_chains_into_the_next():
    text = '"One paragraph of speech\n"And the next one," he said.'
    found = quote_spans(text, [(0, 24), (25, len(text))])
    assert [text[s.start:s.end] for s in found] == ["One paragraph of speech", "And the next one,"]
    assert found[0].chain == found[1].chain


def test_has_marks_is_a_cheap_precheck():
    assert has_marks("a «b» c") and not has_marks("no marks at all")
