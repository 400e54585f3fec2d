"""The boilerplate cleaner, case by case, on text that is not from the bundled corpus."""
import inspect
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from analysis.corpus.clean import (LINK_UNDER_LABEL, TEMPLATE, clean_text, is_prose, line_key, line_keys, load_markers,
                                   repeated_lines)
from analysis.corpus.decode import decode_bytes
from analysis.errors import DataFileError
from analysis.paths import ARTICLES_DIR
from analysis.text.tokens import stop_words
from helpers import FIXTURES as FIXTURES_DIR

FIXTURES = FIXTURES_DIR
CLEANING = FIXTURES / "cleaning"
EXPECTED = yaml.safe_load((CLEANING / "expected.yml").read_text(encoding="utf-8"))

BODY = ("The city council approved the new budget on Tuesday after a long debate. "
        "Members said the plan would fund two new schools and repair the old bridge.")
BODY2 = "Opposition members voted against it, saying taxes would rise for most households next year."


def removed_reasons(text):
    return {span: reason for span, reason in clean_text(text).removed}


def assert_words_conserved(text, cleaned):
    removed = " ".join(span for span, _ in cleaned.removed)
    assert Counter(text.split()) == Counter(cleaned.text.split()) + Counter(removed.split())


@pytest.mark.parametrize("line, reason", [
    ("Share this article", "share label"),
    ("Partager :", "share label"),
    ("Facebook Twitter WhatsApp Email", "share label"),
    ("READ MORE: Council votes on parking fees", "link line"),
    ("More: Council votes on parking fees", "link line"),
    ("Related Articles", "related-links label"),
    ("Most read", "related-links label"),
    ("See also  Mayor opens new library", "link line"),
    ("Leave a Comment", "comment form"),
    ("Your email address will not be published. Required fields are marked *", "comment form"),
    ("Jane Doe/Reuters/AFP via Getty Images", "photo credit or caption"),
    ("The mayor speaks to reporters outside city hall. / Reuters", "photo credit or caption"),
    ("Photo: John Smith", "photo credit or caption"),
    ("5 min read", "reading-time label"),
    ("Reporting by Jane Doe; Editing by John Roe", "contributor credit"),
    ("Advertisement", "advertisement label"),
    ("Story continues below advertisement", "advertisement label"),
    ("Skip to main content", "navigation label"),
    ("Sign up for our daily newsletter", "newsletter or subscription prompt"),
    ("Get the top stories delivered to your inbox every morning.", "newsletter or subscription prompt"),
    ("Follow us on Instagram", "social-media follow prompt"),
    ("© 2024 Example Media Group. All rights reserved.", "copyright notice"),
])
def test_marker_lines_are_removed_with_their_reason(line, reason):
    assert removed_reasons(f"{BODY}\n\n{line}\n\n{BODY2}")[line] == reason


def test_header_title_section_label_byline_and_date_move_to_metadata():
    text = f"POLITICS\nCouncil passes budget\nCouncil passes budget\nBy Ann Lee\n12 May 2024\n{BODY}\n{BODY2}"
    cleaned = clean_text(text)
    assert cleaned.text == f"{BODY}\n{BODY2}"
    assert cleaned.meta == {"title": "Council passes budget", "byline": "Ann Lee", "published": "12 May 2024"}
    assert dict((r, s) for s, r in cleaned.removed)["section label"] == "POLITICS"


@pytest.mark.parametrize("prefix, place, source", [
    ("LONDON (Reuters) - ", "LONDON", "Reuters"),
    ("Paris (AFP) ", "Paris", "AFP"),
    ("NAIROBI: ", "NAIROBI", None),
    ("WASHINGTON — ", "WASHINGTON", None),
])
def test_datelines_move_to_metadata_and_the_sentence_stays(prefix, place, source):
    cleaned = clean_text(prefix + BODY)
    assert cleaned.text == BODY
    assert cleaned.meta.get("dateline") == place
    assert cleaned.meta.get("dateline_source") == source


@pytest.mark.parametrize("text", [
    "The European Union (EU) said on Monday it would review the deal. Talks resume soon.",
    "WATCH: The council said on Monday it would sell the old ferry terminal, and the mayor explains why.",
    "UPDATE: The council said on Monday it would sell the old ferry terminal to a developer.",
    # A transcript: speaker labels open line after line, so the first is no dateline.
    "HOST: Welcome back to the programme, where tonight we are talking about the city budget.\n"
    "GUEST: Thank you for having me, it is a budget that will change a great deal for the city.\n"
    "HOST: Let us start with the schools, because that is where most of the new money goes.",
])
def test_what_only_looks_like_a_dateline_stays(text):
    cleaned = clean_text(text)
    assert "dateline" not in cleaned.meta
    assert cleaned.text == text


def test_trailing_headlines_are_removed_but_a_mid_article_subheading_is_kept():
    headlines = ["Storm closes schools across the north", "Football club names new manager",
                 "Prices of rice climb for a third month", "Actor wins award at film festival"]
    text = "\n".join([BODY, "What comes next", BODY2, *headlines])
    cleaned = clean_text(text)
    assert cleaned.text == f"{BODY}\nWhat comes next\n{BODY2}"
    assert [reason for _, reason in cleaned.removed] == [
        "trailing list of 4 headlines of other stories (little vocabulary shared with the article)"] * 4


@pytest.mark.parametrize("intro", ["The other headlines today:", "Key facts", "Timeline"])
def test_a_list_the_article_introduces_is_kept(intro):
    items = ["Storm closes schools across the north", "Football club names new manager",
             "Prices of rice climb for a third month"]
    text = "\n".join([BODY, BODY2, intro, *items])
    assert clean_text(text).text == text


def test_a_list_under_a_navigation_label_names_the_label():
    items = ["Storm closes schools across the north", "Football club names new manager"]
    cleaned = clean_text("\n".join([BODY, BODY2, "Explore", *items]))
    assert [r for _, r in cleaned.removed][1:] == ["trailing list of 2 headlines of other stories "
                                                   "(after the label 'Explore')"] * 2


@pytest.mark.parametrize("rows", [
    ["Rovers: Hale; Okoro, Lind, Marsh; Pike (Chen 70), Dunne, Walsh.", "Booked: Lind, Dunne.", "Att: 12,004."],
    ["Rovers 2-1 United", "City 0-0 Athletic", "Wanderers 3 - 2 Albion"],
    ["Best film: The Lantern Keeper", "Best actor: Anton Reid", "Best actress: Mira Solberg"],
    ["Liberal Party 1,204,551 (41.2%)", "Labour Party 998,120 (34.1%)", "Greens 301,876 (10.3%)"],
    ["Anna Berg", "Carl Moen", "Dina Holt", "Erik Lund"],
    ["Winners: Anna Berg, Carl Moen, Dina Holt", "Runners-up: Erik Lund, Faye Roe, Gus Tam"],
    ["Wales v France, Cardiff", "Italy v Ireland, Rome", "England v Scotland, London"],
    ["Pos\tTeam\tPts", "1\tRovers\t29", "2\tUnited\t24"],
])
def test_rows_of_data_at_the_end_are_kept(rows):
    text = "\n".join([BODY, BODY2, *rows])
    cleaned = clean_text(text)
    assert cleaned.removed == []
    assert cleaned.text.split() == text.split()  # runs of spaces and tabs become one space


def test_an_article_without_prose_is_left_alone():
    text = "Budget vote\nCouncil meets Tuesday\nSchools and bridge"
    assert clean_text(text).text == text


def test_hard_wrapped_lines_are_joined_not_mistaken_for_headlines():
    text = "The council approved the budget\non Tuesday after a long debate.\nMembers praised it."
    assert clean_text(text).text == text


def test_template_lines_repeated_across_a_source_are_removed():
    template = "Download our app for breaking alerts"
    texts = [f"{BODY} Story {i}.\n{template}" for i in range(4)]
    repeated = repeated_lines(texts)
    cleaned = clean_text(texts[0], repeated=repeated)
    assert template not in cleaned.text
    assert cleaned.removed == [(template, TEMPLATE)]


@pytest.mark.parametrize("a, b, same", [
    ("Row 17: value 3", "Row 18: value 3", False),
    ("Price rose to £15.8m", "Price rose to £15.9m", False),
    ("Follow us on X", "FOLLOW US ON X!", True),
    ("Final score 2-1", "Final score 2 – 1", True),
])
def test_line_key_counts_numbers(a, b, same):
    assert (line_key(a) == line_key(b)) is same


def test_rows_that_differ_only_in_numbers_are_not_template_lines():
    texts = [f"Reading {i} taken at station {i % 7}, level {i * 3} cm." for i in range(200)]
    assert repeated_lines(texts) == frozenset()


def test_the_template_rule_never_empties_an_article():
    texts = ["No comment."] * 10  # one-line rows whose only text recurs in every row
    repeated = repeated_lines(texts)
    assert repeated == {"no comment"}
    cleaned = clean_text(texts[0], repeated=repeated)
    assert (cleaned.text, cleaned.removed) == ("No comment.", [])


def test_the_only_prose_is_never_a_template_line_but_a_label_beside_it_is():
    texts = [f"Sign in to read more\nThe board met on {day}." for day in ("Monday", "Tuesday", "Friday")]
    repeated = repeated_lines(texts + ["The board met on Monday."] * 3)
    cleaned = clean_text("Sign in to read more\nThe board met on Monday.", repeated=repeated)
    assert cleaned.text == "The board met on Monday."
    assert cleaned.removed == [("Sign in to read more", TEMPLATE)]


def test_template_counting_uses_the_cleaners_logical_lines():
    wrapped = "Sign up for alerts about the\nlatest stories in your town"
    keys = line_keys(f"Council meets.\n{wrapped}")
    assert keys == {"council meets", "sign up for alerts about the latest stories in your town"}


def test_the_streaming_interface_keeps_its_signatures():
    assert list(inspect.signature(line_key).parameters) == ["line"]
    params = inspect.signature(repeated_lines).parameters
    assert [p for p in params if params[p].kind is inspect.Parameter.KEYWORD_ONLY] == [
        "min_articles", "min_share", "max_words"]


def test_words_are_conserved():
    text = f"WORLD\nHeadline here\n{BODY}\nSee also: Another story\n{BODY2}\nShare\nOne\nTwo things\nThree more"
    assert_words_conserved(text, clean_text(text))


@pytest.mark.parametrize("line, prose", [
    (BODY, True),
    ("He said no.", True),
    ("Council passes budget after long debate", False),
    ("Explore", False),
    ("WORLD NEWS TODAY.", False),
])
def test_is_prose(line, prose):
    assert is_prose(line) is prose


def test_bad_marker_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "markers.yml"
    bad.write_text("lines:\n  share label:\n    - '(unclosed'\n")
    with pytest.raises(DataFileError, match="bad pattern under lines/share label"):
        load_markers(bad)


# --- Fixture articles: what is kept, what is removed, and with which reason ---------------------------------

@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_article_keeps_its_data_and_loses_its_boilerplate(name):
    text = (CLEANING / name).read_text(encoding="utf-8")
    cleaned = clean_text(text)
    log = [(span, reason) for span, reason in cleaned.removed]
    expected = EXPECTED[name]
    assert [span for span, _ in log] == [span for span, _ in expected["removed"]]
    for (_, reason), (_, start) in zip(log, expected["removed"]):
        assert reason.startswith(start)
    for line in expected["kept"]:
        assert line in cleaned.text
    assert_words_conserved(text, cleaned)


def test_every_fixture_file_has_expectations():
    assert {p.name for p in CLEANING.glob("*.txt")} == set(EXPECTED)


# --- Every logged reason is true of the line it names -----------------------------------------------------

_STOP = stop_words("en")
_MARKERS = load_markers()
_MARKER_REASONS = {reason for reason, _ in _MARKERS.lines + _MARKERS.inline_prefix}
_TRAILING_RE = re.compile(r"trailing list of (\d+) headlines of other stories "
                          r"\((?:after the label '(?P<label>.+)'|(?P<unrelated>little vocabulary shared with the "
                          r"article))\)")
_DATA_RE = re.compile(r"\d ?[-–] ?\d|\(\S*\d|\t| {3}|;")


def _content(text):
    return {w.lower().rstrip("s") for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in _STOP}


def _is_headline_shaped(span):
    """An independent reading of "a headline": 3–25 words, one phrase, no score, number in brackets or columns."""
    words = re.findall(r"[^\W\d_]+", span)
    return (3 <= len(words) <= 25 and span[-1] not in ".,;:" and span.count(",") <= 1
            and not _DATA_RE.search(span))


def _reason_is_true(span, reason, *, text, cleaned, repeated):  # noqa: C901 - one branch per reason
    log = cleaned.removed
    if reason in _MARKER_REASONS:
        patterns = [p for r, p in _MARKERS.lines if r == reason]
        prefixes = [p for r, p in _MARKERS.inline_prefix if r == reason]
        return any(p.fullmatch(span) for p in patterns) or any(p.match(span + " ") for p in prefixes)
    if reason == LINK_UNDER_LABEL:
        position = log.index((span, reason))
        above = [r for _, r in log[:position]]
        return _is_headline_shaped(span) and above and above[-1] in ("related-links label", LINK_UNDER_LABEL)
    if match := _TRAILING_RE.fullmatch(reason):
        same = [s for s, r in log if r == reason]
        last_kept = cleaned.text.rstrip().rsplit("\n", 1)[-1]
        after_body = text.index(span) > text.rindex(last_kept.split("\n")[0]) if last_kept else True
        if match["label"]:
            related = (match["label"], "related-links label") in log or (match["label"], "navigation label") in log
        else:
            body = set().union(*(_content(ln) for ln in cleaned.text.split("\n") if is_prose(ln)))
            shares = [len(_content(s) & body) / len(_content(s)) for s in same if len(_content(s)) >= 3]
            related = bool(shares) and sum(shares) / len(shares) < 0.5
        return len(same) == int(match[1]) and _is_headline_shaped(span) and after_body and related
    if reason == "title line (moved to metadata)":
        return cleaned.meta.get("title") == span and text.index(span) < text.index(cleaned.text[:40])
    if reason == "repeated title line":
        return line_key(span) == line_key(cleaned.meta["title"])
    if reason == "section label":
        return span.isupper() and len(span.split()) <= 4
    if reason == "dateline (moved to metadata)":
        return cleaned.meta["dateline"] in span and re.search(re.escape(span) + r"\s*[A-Z]", text) is not None
    if reason.endswith(" line (moved to metadata)"):
        key = {"published": "published", "byline": "byline", "source": "source_line"}[reason.split()[0]]
        return cleaned.meta[key] in span
    if reason == TEMPLATE:
        return line_key(span) in repeated
    raise AssertionError(f"a reason this test does not know: {reason!r}; add a check for it")


def _varied_articles():
    """Fixture articles, the other corpus, the bundled articles, and every body with every other ending."""
    articles = {p.name: p.read_text(encoding="utf-8") for p in sorted(CLEANING.glob("*.txt"))}
    articles |= {str(p): p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "other_corpus").rglob("*.txt"))}
    articles |= {p.name: decode_bytes(p.read_bytes()).text for p in sorted(ARTICLES_DIR.glob("*.txt"))}
    fixtures = [articles[n] for n in sorted(EXPECTED)]
    bodies = [t.split("\n\n")[:3] for t in fixtures]
    endings = [t.rsplit("\n\n", 1)[-1] for t in fixtures]
    for i, body in enumerate(bodies):
        for j, ending in enumerate(endings):
            articles[f"body {i} + ending {j}"] = "\n\n".join([*body, ending])
    return articles


VARIED = _varied_articles()
REPEATED = repeated_lines(list(VARIED.values()), min_articles=3, min_share=0.02)


@pytest.mark.parametrize("name", sorted(VARIED))
def test_every_logged_reason_is_true_of_the_line(name):
    text = VARIED[name]
    cleaned = clean_text(text, repeated=REPEATED)
    for span, reason in cleaned.removed:
        assert _reason_is_true(span, reason, text=text, cleaned=cleaned, repeated=REPEATED), (span, reason)
    assert_words_conserved(text, cleaned)


@pytest.mark.parametrize("prefix, place, date", [
    ("PORTVILLE, May 6 (Coastal Wire) - ", "PORTVILLE", "May 6"),
    ("LONDON, 4 March 2024 (Reuters) - ", "LONDON", "4 March 2024"),
    ("WASHINGTON, March 4, 2024 — ", "WASHINGTON", "March 4, 2024"),
    ("NAIROBI, Mar. 4 (AFP) ", "NAIROBI", "Mar. 4"),
    ("March 4 (Reuters) - ", None, "March 4"),  # a date where the place would be
    ("LONDON (Reuters) - ", "LONDON", None),
])
def test_a_dateline_gives_its_date_as_written(prefix, place, date):
    cleaned = clean_text(prefix + BODY)
    assert cleaned.text == BODY
    assert cleaned.meta.get("dateline") == place and cleaned.meta.get("dateline_date") == date


def test_a_numeric_date_in_a_dateline_is_no_date():
    cleaned = clean_text("LONDON, 4/3 (Reuters) - " + BODY)
    assert "dateline_date" not in cleaned.meta
