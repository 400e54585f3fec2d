"""Quotation marks: pairing by context, the paragraph-opening convention, measurements, apostrophes, kinds."""
import pytest

from analysis.text.segment import sentence_spans
from analysis.voices.quotes import has_marks, is_measurement, mark_role, quote_spans


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


@pytest.mark.parametrize("text, expected", [
    # a quoted phrase before a noun is a modifier, not speech; a verb after an auxiliary stays speech
    ('She said the bank would court "mass market" savers from May.', [("mass market", "scare")]),
    ('The app sells "tap and go" insurance to drivers.', [("tap and go", "scare")]),
    ('He warned the cuts would "cripple" hospitals.', [("cripple", "speech")]),
    ('She said the plan was "a decent start" and more.', [("a decent start", "speech")]),
    # "what X called" is a scare quote; a slogan after "billed as" is a title, whatever its case
    ('Delays followed what the regulator called "legacy systems" at the depot.', [("legacy systems", "scare")]),
    ('The fair, billed as "the biggest in the north", opens today.', [("the biggest in the north", "title")]),
    # names of things: after "the lander", a collection, "calling itself"; an apostrophe inside a title
    ('The lander "Osprey" touched down on Friday.', [("Osprey", "title")]),
    ('A gang calling itself "Blackout" claimed the attack.', [("Blackout", "title")]),
    ("Her collection ‘Salt Roads’ won.", [("Salt Roads", "title")]),
    ("‘The Baker’s Dozen’, the comedy that ran for years, closes.", [("The Baker’s Dozen", "title")]),
    # a real title after a verb of saying is still a title
    ('Blackwood said "Second Ferry" was the song she liked most.', [("Second Ferry", "title")]),
])
def test_scare_quotes_titles_and_modifiers(text, expected):
    assert spans(text) == expected


def test_a_scare_quote_inside_a_direct_quote_leaves_the_quote_speech():
    text = "\"They call it 'progress', and it is nothing of the sort,\" she said."
    found = spans(text)
    assert found[0] == ("They call it 'progress', and it is nothing of the sort,", "speech")


def test_single_marks_over_several_paragraphs():
    text = "Marsh said: 'The evidence will show it.\n'Drivers wrote to managers.\n'Nothing changed.' It ended."
    paragraphs = [(0, 39), (40, 67), (68, len(text))]
    sentences = [(s, e) for s, e, _ in sentence_spans(text)]
    found = quote_spans(text, paragraphs, sentences)
    assert [text[s.start:s.end] for s in found] == ["The evidence will show it.", "Drivers wrote to managers.",
                                                    "Nothing changed."]
    assert len({s.chain for s in found}) == 1 and [s.kind for s in found] == ["speech"] * 3


@pytest.mark.parametrize("text, inside", [
    # the closing mark was lost or misplaced: the quote ends before its own tag
    ('"It is a clearance sale, said Ana Lupu, in a post. Lupu will appeal.', "It is a clearance sale,"),
    ('"Nobody else paid that much, he told parliament. The opposition laughed.', "Nobody else paid that much,"),
    ('"That is our new star, said one fan, pointing at a screen."', "That is our new star,"),
])
def test_a_quote_ends_at_a_tag_inside_it(text, inside):
    sentences = [(s, e) for s, e, _ in sentence_spans(text)]
    found = quote_spans(text, [(0, len(text))], sentences)
    assert text[found[0].start:found[0].end] == inside


def test_a_pronoun_tag_inside_a_closed_quote_is_quoted_speech():
    text = '"I asked him what went wrong, he said nothing at all," Reyes said.'
    assert spans(text) == [("I asked him what went wrong, he said nothing at all,", "speech")]


def test_a_mark_opening_mid_sentence_starts_a_new_quote_not_a_continuation():
    text = '"We had him first on our board. Mbaye said he was "ready to learn" and left.'
    sentences = [(s, e) for s, e, _ in sentence_spans(text)]
    found = quote_spans(text, [(0, len(text))], sentences)
    assert found[0].chain != found[1].chain


@pytest.mark.parametrize("text, expected", [
    ('Critics have called it the "new brutalism" for years.', [("new brutalism", "scare")]),
    ('He is filming "Ray of Light 2" in Spain.', [("Ray of Light 2", "title")]),
    ('He stands 6\' 2" and weighs "a ton", he joked.', [("a ton", "speech")]),
])
def test_labels_and_numbers_before_marks(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a short quote followed by its attribution is speech, not a modifier of "he"/"says"
    ('"This is good news " he said.', [("This is good news ", "speech")]),
    ('"Maybe " says Stilp.', [("Maybe ", "speech")]),
    # a verb after "to" or an auxiliary stays speech
    ('Trump promised to "rip up" the agreement.', [("rip up", "speech")]),
    ('He said Obama had "too narrowly defined" efforts to win.', [("too narrowly defined", "speech")]),
])
def test_short_quotes_that_stay_speech(text, expected):
    assert spans(text) == expected
