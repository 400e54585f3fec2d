"""Attributions: where the speaker is named around a quote, and how it is resolved."""
import pytest

from analysis.resources.wordlists import speech_verbs
from analysis.voices.speakers import Attribution, UNKNOWN


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


def resolved(text, quote):
    """The speaker of ``quote`` (a substring of ``text``) by its tag after, then before, as voices does."""
    att, start, end = attribution(text, quote)
    return att.tag_after(end + 1, len(text)) or att.tag_before(0, max(start - 1, 0))


@pytest.mark.parametrize("text, quote, speaker", [
    # people described but not named are nobody the article names
    ('"We hear the blasting," said one resident, who asked not to be named.', "We hear the blasting,", UNKNOWN),
    ('"Never again," wrote another.', "Never again,", UNKNOWN),
    ('"They came at night," a woman who lives near the river said.', "They came at night,", UNKNOWN),
    ('"It was a fix," one senior player from a rival club said.', "It was a fix,", UNKNOWN),
    # … unless the apposition names them
    ('One of the organisers, Bethan Rees, said: "We will be back."', "We will be back.", "Bethan Rees"),
    ('Another, Colm Duffy, the MP for Carlow East, said: "Enough."', "Enough.", "Colm Duffy"),
    ('"Look at him go," said one fan, Tasha Reid, pointing at the screen.', "Look at him go,", "Tasha Reid"),
    ('A bench headed by Justice Meera Rao said the delay was "not acceptable".', "not acceptable", "Meera Rao"),
    # a role between an organisation and a name: the name speaks
    ('"He wants the ball," said Comets coach Lena Marsh.', "He wants the ball,", "Lena Marsh"),
    ('"Farmers are not villains," said University of Brenton ecologist Olu Adebayo.', "Farmers are not villains,",
     "Olu Adebayo"),
    ('"It is good work," said the chair of the panel, the historian Gregory Lamb.', "It is good work,",
     "Gregory Lamb"),
    ('Opening the hearing, Fiona Marsh KC, counsel to the inquiry, said: "The evidence is clear."',
     "The evidence is clear.", "Fiona Marsh"),
    # a relative clause names its antecedent; a clause after the quote is no tag
    ('Minister Sorin Mateescu, who described the deal as "a fine one", said the buyer would pay.', "a fine one",
     "Sorin Mateescu"),
    ('Reviews were warm, with the magazine Loud calling it "a grumpy comeback".', "a grumpy comeback", "Loud"),
    ('The website Tech Review praised the screen but said the battery was "a letdown".', "a letdown",
     "Tech Review"),
])
def test_who_the_attribution_names(text, quote, speaker):
    assert resolved(text, quote) == speaker


@pytest.mark.parametrize("text, quote, speaker", [
    ('Westmoor Police said nobody was hurt. "Officers kept everyone safe," a police spokeswoman said.',
     "Officers kept everyone safe,", "Westmoor Police"),
    ('The Wend Valley Fire and Rescue Service said crews worked all night. "Stay out of the water," a fire '
     'service spokesman said.', "Stay out of the water,", "Wend Valley Fire and Rescue Service"),
    ('The Rivertown Foxes said in a statement that Kim would rest. "He will be assessed," the statement said.',
     "He will be assessed,", "Rivertown Foxes"),
])
def test_spokespeople_and_statements_speak_for_their_organisation(text, quote, speaker):
    sentences = [(0, text.index(". ") + 1), (text.index(". ") + 2, len(text))]
    start = text.index(quote)
    att = Attribution(text, sentences, [(start, start + len(quote))])
    assert att.tag_after(start + len(quote) + 1, len(text)) == speaker


def test_a_state_body_named_only_by_description_is_named_by_it():
    text = ('Talks ended. "We accept," the Dalvian foreign ministry said. "We are ready," the Dalvian ministry '
            'added.')
    first, second = text.index("We accept,"), text.index("We are ready,")
    att = Attribution(text, [(0, 13), (14, 60), (61, len(text))],
                      [(first, first + 10), (second, second + 13)])
    assert att.tag_after(first + 11, 60) == "Dalvian Foreign Ministry"
    assert att.tag_after(second + 14, len(text)) == "Dalvian Foreign Ministry"


def test_a_role_named_just_after_its_description_is_that_person():
    text = ('The bill, which the home secretary has described as "the last piece", passed. '
            'Opening the debate, the home secretary, Tariq Hussain, spoke.')
    start = text.index("the last piece")
    att = Attribution(text, [(0, 78), (79, len(text))], [(start, start + 14)])
    assert att.tag_before(0, start - 1) == "Tariq Hussain"


@pytest.mark.parametrize("text, quote, speaker", [
    # the verb right before the quote names its speaker, not the sentence's first one
    ('Skyward said it would drop routes, which Whitlock called "a good idea that lost money".',
     "a good idea that lost money", "Whitlock"),
    # an organisation's name keeps its "for" and "of"
    ('"We will work with every school," a Department for Education spokesman said.',
     "We will work with every school,", "Department for Education"),
    ('"Every month counts," the Nordic Chambers of Commerce said.', "Every month counts,",
     "Nordic Chambers of Commerce"),
])
def test_nearest_verbs_and_organisation_names(text, quote, speaker):
    assert resolved(text, quote) == speaker


def test_a_description_that_repeats_an_unnamed_persons_noun_is_still_nobody_named():
    text = ('Anders Holm led the mission. A Western diplomat said the margin was wide. '
            '"Nobody expects a rerun," the diplomat said.')
    start = text.index("Nobody")
    att = Attribution(text, [(0, 28), (29, 73), (74, len(text))], [(start, start + 23)])
    assert att.tag_after(start + 24, len(text)) == UNKNOWN


@pytest.mark.parametrize("text, quote, speaker", [
    # exports without commas: the name next to the verb is its subject, after a date too
    ('When asked about a waiver from the Trump administration McMaster said "I will act soon."',
     "I will act soon.", "McMaster"),
    ('Speaking in the town of Zory on Monday Duda said the camps were "Polish death camps".',
     "Polish death camps", "Duda"),
    ('"I lost today " claimed Nadal making the best of it.', "I lost today ", "Nadal"),
    ('In a statement released Thursday the NYPD said "a review is under way".', "a review is under way", "NYPD"),
    ('Rep. Adam Schiff (D-CA) argued that the proof was in "plain sight" already.', "plain sight", "Adam Schiff"),
    # … but a name inside the description is no subject
    ('"It is bone dry," said one farmer near Canterbury.', "It is bone dry,", UNKNOWN),
])
def test_names_next_to_the_verb_in_exports_without_commas(text, quote, speaker):
    assert resolved(text, quote) == speaker


@pytest.mark.parametrize("text, quote, speaker", [
    ('"He is a god for us " said a dejected Jorge Rodriguez 55 as he left.', "He is a god for us ",
     "Jorge Rodriguez"),
    ('"Grace won the room," said one MP who backs neither candidate.', "Grace won the room,", UNKNOWN),
    ('A former Marston compliance officer wrote that the orders were "way out of line".', "way out of line",
     UNKNOWN),
])
def test_indefinite_descriptions_name_only_a_name_that_ends_them(text, quote, speaker):
    assert resolved(text, quote) == speaker
