"""Voice (narration, quote, mixed) and speaker, sentence by sentence, on the hard cases of issue 10."""
import pandas as pd
import pytest

from analysis import split_sentences


def voices(text):
    frame = split_sentences(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    return [(v, s if isinstance(s, str) else None) for v, s in zip(frame["voice"], frame["speaker"])]


@pytest.mark.parametrize("text, expected", [
    ('"We will win this war together," Lukashenko said.', [("quote", "Lukashenko")]),
    ("“We will win this war together,” Lukashenko said.", [("quote", "Lukashenko")]),
    ("‘We will win this war together,’ said Lukashenko.", [("quote", "Lukashenko")]),
    ("«We will win this war together,» Lukashenko said.", [("quote", "Lukashenko")]),
    ("„We will win this war together“, Lukashenko said.", [("quote", "Lukashenko")]),
    ("「We will win this war together,」Lukashenko said.", [("quote", "Lukashenko")]),
    ("Xi told Lukashenko the two sides should “always be true friends and good partners.”", [("mixed", "Xi")]),
    ("The sides agreed an “all-weather” partnership on Monday.", [("narration", None)]),
    ("Jamie Foxx won for the film \"Ray\" on Sunday.", [("narration", None)]),
    ("Drifts reached 6' 4\" against the houses, and 30\" of snow fell.", [("narration", None)]),
    ("Fans’ anger grew in the ’80s over rock ’n’ roll.", [("narration", None)]),
    ("The talks went on for hours in the capital.", [("narration", None)]),
])
def test_single_sentences(text, expected):
    assert voices(text) == expected


@pytest.mark.parametrize("text, speaker", [
    ('Prime Minister Tony Blair spoke. "We will not back down," Mr Blair said.', "Tony Blair"),
    ('Prime Minister Tony Blair spoke. "We will not back down," the prime minister said.', "Tony Blair"),
    ('Tony Blair spoke in Leeds. "We will not back down," he said.', "Tony Blair"),
    ('"We will not back down," said Amara Okafor, Nigeria\'s trade minister.', "Amara Okafor"),
    ('"We will not back down," Ellison, who joined last year, said.', "Ellison"),
    ('Judge Susan Oyelaran spoke. "You have shown no regret," she told him.', "Susan Oyelaran"),
    ('Mourinho said: "It was a perfect game for us."', "Mourinho"),
    ('Veltrex Semiconductor cut jobs. "We remain committed," the company said.', "Veltrex Semiconductor"),
    ('The World Health Organization spoke. "Measles finds every gap," the WHO said.', "World Health Organization"),
    ('"This goes on," Lukashenko said, according to Xinhua.', "Lukashenko"),
    ('"We apologise to our readers," one fan wrote.', "unknown"),
])
def test_speakers_are_canonical_within_the_article(text, speaker):
    voice, found = voices(text)[-1]
    assert voice in ("quote", "mixed") and found == speaker


def test_pronoun_never_resolves_to_a_place_or_an_organisation():
    text = ("Walt Brenner lives in Pine Ridge. The Weather Service in Denver said it snowed. "
            '"It will melt," he said.')
    assert voices(text)[-1] == ("quote", "Walt Brenner")


def test_pronouns_follow_gender():
    text = ('Sandra Mills met Peter Grant. "Peter has built nothing," she said. '
            '"Sandra talks a lot," he said.')
    assert voices(text)[1:] == [("quote", "Sandra Mills"), ("quote", "Peter Grant")]


def test_quote_over_several_sentences_keeps_its_speaker():
    text = '"We cooperate in all avenues. We have no closed topics. This will continue," Lukashenko said.'
    assert voices(text) == [("quote", "Lukashenko")] * 3


def test_quote_over_paragraphs_takes_the_speaker_of_its_last_paragraph():
    text = ('"The engine stopped in the night. Then the water came in.\n\n'
            '"People were screaming.\n\n"When the coastguard came, I could not feel my legs," Ahmad Rahimi said.')
    assert voices(text) == [("quote", "Ahmad Rahimi")] * 4


def test_paragraph_opening_convention_is_recovered_when_breaks_are_lost():
    text = ('Maria Santos spoke in Brighton. "For ten years we have waited. We are still waiting. '
            '"Our members clean the wards. They ask little. "If the government will not listen, it will have '
            'to listen to something else," she said. The union will ballot its members.')
    out = voices(text)
    assert out[0] == ("narration", None) and out[-1] == ("narration", None)
    assert out[1:-1] == [("quote", "Maria Santos")] * 5


def test_unbalanced_scraped_quotes_are_paired_by_position():
    text = "According to Xinhua,” China is willing to continue to develop cooperation with Belarus,” it said."
    assert voices(text)[0][0] in ("quote", "mixed")


def test_unclosed_quote_ends_with_its_paragraph():
    text = '"This goes on and on without an end\nThe next paragraph is narration again.'
    assert [v for v, _ in voices(text)] == ["quote", "narration"]


def test_scare_quotes_and_titles_get_no_speaker():
    text = 'Critics said the so-called "war on terror" had failed. The report, titled "Safe at Any Price?", is out.'
    assert voices(text) == [("narration", None), ("narration", None)]


def test_quotes_of_someone_unnamed_stay_unnamed_with_their_continuation_and_pronoun():
    text = ('Halden Aggregates wants to expand the quarry, said Gwen Price. '
            '"We hear the blasting twice a day," said one resident, who asked not to be named. '
            '"The dust is on every windowsill." '
            'A man who farms nearby said his springs had failed. "Nobody walked my fields," he said.')
    out = voices(text)[1:]
    assert [speaker for _, speaker in out] == ["unknown", "unknown", None, "unknown"]
    assert [voice != "narration" for voice, _ in out] == [True, True, False, True]


def test_a_continuation_after_an_inverted_role_tag_keeps_the_named_speaker():
    text = ('"That is what he does when it matters," said Comets coach Lena Marsh.\n\n'
            '"He wants the ball, and we want him to have it."')
    assert voices(text) == [("quote", "Lena Marsh"), ("quote", "Lena Marsh")]


@pytest.mark.parametrize("text, expected", [
    ('She said the lender would court "mass market" savers.', [("narration", None)]),
    ('The lander "Osprey" touched down, said the agency.', [("narration", None)]),
    ('Lupu told the radio station the sale was "a clearance sale at a knockdown price".', [("mixed", "Lupu")]),
])
def test_scare_quotes_and_names_of_things_stay_narration(text, expected):
    assert voices(text) == expected
