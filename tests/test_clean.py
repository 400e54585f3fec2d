"""The boilerplate cleaner, case by case, on text that is not from the bundled corpus."""
from collections import Counter

import pytest

from analysis.clean import clean_text, is_prose, load_markers, repeated_lines
from analysis.errors import DataFileError

BODY = ("The city council approved the new budget on Tuesday after a long debate. "
        "Members said the plan would fund two new schools and repair the old bridge.")
BODY2 = "Opposition members voted against it, saying taxes would rise for most households next year."


def removed_reasons(text):
    return {span: reason for span, reason in clean_text(text).removed}


@pytest.mark.parametrize("line, reason", [
    ("Share this article", "share label"),
    ("Partager :", "share label"),
    ("READ MORE: Council votes on parking fees", "link line"),
    ("Related Articles", "link line"),
    ("See also  Mayor opens new library", "link line"),
    ("Leave a Comment", "comment form"),
    ("Your email address will not be published. Required fields are marked *", "comment form"),
    ("Jane Doe/Reuters/AFP via Getty Images", "photo credit or caption"),
    ("The mayor speaks to reporters outside city hall. / Reuters", "photo credit or caption"),
    ("Photo: John Smith", "photo credit or caption"),
    ("5 min read", "section label"),
    ("Reporting by Jane Doe; Editing by John Roe", "contributor credit"),
    ("Advertisement", "navigation label"),
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


def test_a_name_in_brackets_mid_sentence_is_not_a_dateline():
    text = "The European Union (EU) said on Monday it would review the deal. Talks resume soon."
    assert clean_text(text).text == text


def test_trailing_headlines_are_removed_but_a_mid_article_subheading_is_kept():
    headlines = ["Storm closes schools across the north", "Football club names new manager",
                 "Prices of rice climb for a third month", "Actor wins award at film festival"]
    text = "\n".join([BODY, "What comes next", BODY2, *headlines])
    cleaned = clean_text(text)
    assert cleaned.text == f"{BODY}\nWhat comes next\n{BODY2}"
    assert [reason for _, reason in cleaned.removed] == ["trailing list of 4 headlines of other stories"] * 4


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
    assert cleaned.removed == [(template, "line repeated across the source's articles (template)")]


def test_words_are_conserved():
    text = f"WORLD\nHeadline here\n{BODY}\nSee also: Another story\n{BODY2}\nShare\nOne\nTwo things\nThree more"
    cleaned = clean_text(text)
    removed = " ".join(span for span, _ in cleaned.removed)
    assert Counter(text.split()) == Counter(cleaned.text.split()) + Counter(removed.split())


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
