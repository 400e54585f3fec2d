"""Attributions: where the speaker is named around a quote, and how it is resolved."""
import pytest

from analysis.speakers import UNKNOWN, Attribution, speech_verbs


def attribution(text, quote):
    start = text.index(quote)
    return Attribution(text, [(0, len(text))], [(start, start + len(quote))]), start, start + len(quote)


@pytest.mark.parametrize("text, quote, speaker", [
    ('"We came close," said Amara Okafor, Nigeria\'s trade minister.', "We came close,", "Amara Okafor"),
    ('"We came close," Argentine negotiator Luis Ferreyra told reporters.', "We came close,", "Luis Ferreyra"),
    ('"We came close," said the orchestra\'s director, Helen Carvalho.', "We came close,", "Helen Carvalho"),
    ('"We came close," Sen. Rand Paul, R-Ky., said.', "We came close,", "Rand Paul"),
    ('"We came close," a spokesman said.', "We came close,", UNKNOWN),
    ('"We came close," Xinhua reported.', "We came close,", None),
])
def test_tag_after_a_quote(text, quote, speaker):
    att, _, end = attribution(text, quote)
    assert att.tag_after(end + 1, len(text)) == speaker


def test_reporting_verbs_count_only_when_asked():
    text = '"We came close," Xinhua reported.'
    att, _, end = attribution(text, "We came close,")
    assert att.tag_after(end + 1, len(text), reporting=True) == "Xinhua"


@pytest.mark.parametrize("text, quote, speaker", [
    ('Mourinho said: "It was a perfect game."', "It was a perfect game.", "Mourinho"),
    ('Indian Foreign Minister Subrahmanyam Jaishankar said the sides had agreed to "keep talking".',
     "keep talking", "Subrahmanyam Jaishankar"),
    ('The foreign ministers of India and China described the talks as "candid".', "candid", UNKNOWN),
    ('Tony Blair mounted a defence, telling teachers the changes were "overdue".', "overdue", "Tony Blair"),
])
def test_tag_before_a_quote(text, quote, speaker):
    att, start, _ = attribution(text, quote)
    assert att.tag_before(0, start - 1) == speaker


@pytest.mark.parametrize("text, quote, speaker", [
    ('The meeting, described as "warm and friendly" by Chinese state media, ended.', "warm and friendly",
     "Chinese state media"),
    ('It cited Xi as saying that "ties are strong".', "ties are strong", "Xi"),
    ('Trade grew "by a third", according to Xinhua.', "by a third", "Xinhua"),
])
def test_weaker_attributions(text, quote, speaker):
    att, start, end = attribution(text, quote)
    assert att.weaker((0, start - 1), (end + 1, len(text))) == speaker


def test_speech_verbs_come_from_the_data_file_with_every_form():
    verbs = set(speech_verbs())
    assert {"said", "says", "told", "insisted", "warned", "added", "pointed out", "tweeted"} <= verbs
    assert "ensure" not in verbs
