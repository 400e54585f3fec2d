"""Line rules shared by the cleaner and the splitter: hard wraps, rows of data, headlines."""
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus.clean import clean_text
from analysis.text.lines import continues_line, data_features, is_headline, logical_lines, wrap_width
from analysis.text.segment import paragraphs
from analysis.voices.voices import split_sentences
from helpers import FIXTURES

WIRE = (FIXTURES / "cleaning" / "wire-hard-wrapped.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("previous, line, width, expected", [
    ("The council approved the budget", "on Tuesday after a debate.", None, True),
    ("The council approved the budget.", "on Tuesday it met again.", None, False),
    ("He called the plan “a farce”", "and walked out.", None, True),
    ("Results:", "first place went to Rovers.", None, False),
    ("", "on Tuesday.", None, False),
    ("The council approved the", "", None, False),
    ("Council passes budget", "Mayor praises the vote", None, False),
    # Hard-wrapped at 40 columns: the next word would not have fitted, so the line goes on.
    ("The council approved the budget of the", "City on Tuesday.", 40, True),
    ("Council passes budget", "Mayor praises the vote", 40, False),
    ("The council approved the budget of the.", "City on Tuesday.", 40, False),
])
def test_continues_line(previous, line, width, expected):
    assert continues_line(previous, line, width=width) is expected


def test_wrap_width_finds_the_column_of_a_hard_wrapped_text():
    assert wrap_width(WIRE.split("\n")) == max(len(ln) for ln in WIRE.split("\n"))


@pytest.mark.parametrize("text", [
    "One paragraph per line, as scraped text keeps it. " * 3 + "\nAnother paragraph follows here.\nAnd one more.",
    "Storm closes schools across the north\nFootball club names new manager of the\nPrices of rice climb for"
    " a third month\nActor wins award at film festival",
    "Short\nlines\nonly",
])
def test_wrap_width_is_none_for_text_that_is_not_hard_wrapped(text):
    assert wrap_width(text.split("\n")) is None


def test_logical_lines_join_the_wrapped_paragraphs_of_the_wire_story():
    spans = [WIRE[s:e] for s, e in logical_lines(WIRE) if WIRE[s:e].strip()]
    assert len(spans) == 5
    assert spans[0].startswith("PORTVILLE, March 3") and spans[0].endswith("during last year's strike.")


def test_the_splitter_uses_the_cleaners_paragraphs():
    cleaned = clean_text(WIRE).text
    sentences = split_sentences(pd.DataFrame({"article_id": ["wire"], "text": [cleaned]}))
    assert sentences["paragraph_no"].nunique() == 4
    assert sentences["text"].str.contains(r"[.!?]$").all()  # no sentence is cut at the end of a line


LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=12))
def test_without_hard_wraps_every_line_with_text_is_a_paragraph(lines):
    """Text where no line continues another splits into paragraphs exactly as it always did: line by line."""
    text = "\n".join(lines)
    if wrap_width(lines) is not None or any(continues_line(a, b) for a, b in zip(lines, lines[1:])):
        return
    starts = [sum(len(ln) + 1 for ln in lines[:i]) for i in range(len(lines))]
    expected = [(s, s + len(ln)) for s, ln in zip(starts, lines) if ln.strip()]
    assert list(paragraphs(text)) == expected


@pytest.mark.parametrize("line, features", [
    ("Harbour City 3-2 Millbrook", ["score", "numbers"]),
    ("Wales v France, Cardiff", ["versus"]),
    ("Goals: Osei 6, 52.", ["label: list", "numbers"]),
    ("Booked: Tran, Petrov, Walsh.", ["label: list", "list of names"]),
    ("Best film: The Lantern Keeper", ["label: list"]),
    ("Workers' Alliance: 61 (38.2%)", ["bracketed number", "label: list", "numbers"]),
    ("1\tHarbour City\t29", ["columns", "numbers"]),
    ("Brexit: what happens next for the border", []),
    ("Storm closes schools across the north", []),
    ("13-year-old boy swims for hours to rescue family", []),
    ("Published 2004-05-12", ["numbers"]),
])
def test_data_features(line, features):
    assert data_features(line) == features


@pytest.mark.parametrize("line, headline", [
    ("Storm closes schools across the north", True),
    ("Man Utd Stroll To Cup Win Over Rivals", True),
    ("- Built from granite quarried in the valley", True),
    ("Jamie Foxx", False),
    ("Leonardo Di Caprio", False),
    ("Booked: Tran, Petrov, Walsh.", False),
    ("Harbour City 3-2 Millbrook", False),
    ("The council met on Tuesday.", False),
    ("Great game tonight. Such a stand-up guy — Fan (@fan_account) March 3, 2018", False),
])
def test_is_headline(line, headline):
    assert is_headline(line) is headline
