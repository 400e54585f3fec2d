"""Voice (narration, quote, mixed) and speaker on tricky quotes."""
import pandas as pd
import pytest

from analysis import split_sentences
from analysis.voices import find_speaker


def voices(text):
    frame = split_sentences(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    return frame[["text", "voice", "speaker"]].values.tolist()


@pytest.mark.parametrize("text, expected", [
    ('"We will win this war together," Lukashenko said.', [("quote", "Lukashenko")]),
    ("“We will win this war together,” Lukashenko said.", [("quote", "Lukashenko")]),
    ("Xi told Lukashenko the two sides should “always be true friends and good partners.”", [("mixed", "Xi")]),
    ("The sides agreed an “all-weather” partnership on Monday.", [("narration", None)]),
    ("The talks went on for hours in the capital.", [("narration", None)]),
    ("Trade grew, according to Xinhua.", [("narration", "Xinhua")]),
])
def test_single_sentences(text, expected):
    assert [(v, s) for _, v, s in voices(text)] == expected


def test_quote_over_several_sentences_keeps_its_speaker():
    text = '"We cooperate in all avenues. We have no closed topics. This will continue," Lukashenko said.'
    assert [(v, s) for _, v, s in voices(text)] == [("quote", "Lukashenko"), ("quote", "Lukashenko"),
                                                     ("quote", "Lukashenko")]


def test_pronoun_speaker_resolves_to_the_last_named_one():
    text = 'Blinken spoke in Tashkent. "China cannot have it both ways," he said.'
    assert voices(text)[1][1:] == ["quote", "Blinken"]


def test_unbalanced_scraped_quotes_are_paired_in_order():
    text = "According to Xinhua,” China is willing to continue to develop cooperation with Belarus,” it said."
    voice, = [v for _, v, _ in voices(text)]
    assert voice in ("quote", "mixed")


def test_unclosed_quote_ends_with_its_paragraph():
    text = '"This goes on and on without an end\nThe next paragraph is narration again.'
    assert [v for _, v, _ in voices(text)] == ["quote", "narration"]


def test_apostrophes_are_not_quotes():
    text = "Belarus’ economy and Lukashenko’s rule were discussed at length in Minsk today."
    assert voices(text)[0][1] == "narration"


@pytest.mark.parametrize("text, speaker", [
    ("Lukashenko said the meeting was important.", "Lukashenko"),
    ("the meeting was important, said Xi.", "Xi"),
    ("It cited Xi as saying that the ties were strong.", "Xi"),
    ("According to Chinese state media, the visit lasted three days.", "Chinese state media"),
    ("The meeting comes a week after Beijing called for talks.", None),
    ("Lukashenko’s continued rule sparked protests.", None),
])
def test_find_speaker(text, speaker):
    assert find_speaker(text) == speaker
