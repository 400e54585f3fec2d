"""Speakers in US house styles (issue 21): party tags, titles and initials, documents, lawyers, posts, "according to".

Each case is a short article of our own, split as the pipeline splits it; the speaker of one sentence is checked,
with what the article states of them (role, affiliation, gender).
"""
import pandas as pd
import pytest

from analysis.voices.names.affiliation import (affiliation_text, organisation_after, organisation_name, party_of,
                                               party_state_after, state_of, title_statement)
from analysis.voices.names.lexicon import lexicon
from analysis.voices.voices import split_sentences


def sentence(text: str, needle: str) -> pd.Series:
    """The row of ``split_sentences`` for the sentence holding ``needle``."""
    rows = split_sentences(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    return rows[rows["text"].str.contains(needle, regex=False)].iloc[0]


@pytest.mark.parametrize("text, needle, speaker", [
    # party and state after the name, in brackets and between commas; the earlier lawmaker is not the speaker
    ('Gov. Helena Strand said the state was not consulted. "This is the dumbest trade decision I have seen," '
     'Sen. Raúl Estrada (D-Ariz.) said in a statement.', "dumbest", "Raúl Estrada"),
    ('Sen. Wilma Dorsey toured the town. "Families here are doing everything right," said Rep. Anton Keel, '
     'R-Fla., whose district includes the town.', "Families", "Anton Keel"),
    ('"Whip all you want," countered Rep. Lonnie Greer (R-Pa.), who leads the caucus.', "Whip", "Lonnie Greer"),
    # a middle initial stays inside the name, on every later reference
    ('James B. Calloway, the deputy attorney general, resigned. "I have served four attorneys general," '
     'Mr. Calloway wrote in his resignation letter.', "served", "James B. Calloway"),
    # "the Ohio Republican": the person whose party and state the article gave
    ('"Either she is lying or somebody is," Rep. Janelle Ostrowski (R-Ohio) said. Rep. Terrence Mabry (D-Md.) '
     'disagreed. "I would like to know which it is," the Ohio Republican said.', "which it is", "Janelle Ostrowski"),
    ('Speaker Todd Brannigan told reporters he would not move. "They wrote it in a back room," the Louisiana '
     'Republican complained.', "back room", "Todd Brannigan"),
    # the age the article gave
    ('"We have rent due like everybody else," said Denise Forbes, 52, an officer. Mark Ruiz, 40, nodded. '
     '"Every time it is us who pay," the 52-year-old said.', "Every time", "Denise Forbes"),
    # a letter quoted: its author speaks, not the judge it quotes
    ('"I was asked to do what I will not do," Mr. Calloway wrote in his resignation letter. "Judge Amos '
     'Whitcombe warned that a prosecutor who takes orders has stopped being one," the letter continued.',
     "letter continued", "Calloway"),
    # a statement introduced before, then "the statement said"
    ('Ms. Haskins did not respond. In a brief statement released Thursday, she thanked him for his service. '
     '"No investigation is opened for political reasons," the statement said.', "political reasons", "Haskins"),
    # an indictment: the office that brought it
    ('The indictment, brought by the U.S. Attorney\'s Office for the District of New Mexico, accuses the governor '
     'of fraud. According to the indictment, the governor "treated the fund as a private account."',
     "private account", "U.S. Attorney's Office for the District of New Mexico"),
    # "according to" a report: its issuer; a person credited wins over a description that names nobody
    ('Delays are common. "The Navy has repeatedly started construction early," according to a GAO report '
     'released in March.', "repeatedly", "GAO"),
    ('Morton Feld represents him. According to Feld, the defense will argue that the judge "should never have '
     'let the jury hear the call."', "should never", "Morton Feld"),
    # a lawyer speaks for himself, not for the client named after him
    ('"She has nothing to gain from this," said Graham Pettit, a lawyer for Sandra Lowry.', "nothing to gain",
     "Graham Pettit"),
    # posts and tweets
    ('Gov. Wendell T. Marchetti spoke briefly. Later in the day, he wrote on X: "The people know me better than '
     'a prosecutor does."', "people know me", "Wendell T. Marchetti"),
    ('"Finally, a president who treats the border like a border," Rep. Cody Lashway (R-Texas) tweeted.',
     "Finally", "Cody Lashway"),
    # an organisation whose name holds "and"; a campaign is not its candidate
    ('"Agencies should prepare," the Office of Management and Budget said in a memo.', "Agencies",
     "Office of Management and Budget"),
    ('Gov. Russell Teague signed the law. "She knows what that law did," the Teague campaign said.',
     "She knows", "Teague campaign"),
    # a press secretary "fired back"
    ('"Senator Estrada had four years to fix this," White House press secretary Kendra Albright fired back.',
     "four years", "Kendra Albright"),
])
def test_the_speaker_in_us_house_style(text, needle, speaker):
    assert sentence(text, needle)["speaker"] == speaker


@pytest.mark.parametrize("text, needle", [
    # unsigned and internal documents, court documents: nobody in particular speaks
    ('An internal Navy memo obtained by reporters shows the race was close. The memo, which is unsigned, says the '
     'winning bid was "marginally stronger on schedule risk."', "marginally"),
    ('Kilbride was convicted. According to court documents, the campaign "never disclosed a single dollar."',
     "never disclosed"),
    # an unnamed person, then "he" for them
    ('The rally was interrupted when a man near the front began shouting. "You do not speak for us!" he yelled.',
     "do not speak"),
    ('"Nobody is in a hurry to run on a cap," said one Republican aide in the state Senate, who asked not to be '
     'named.', "in a hurry"),
])
def test_nobody_named_is_unknown(text, needle):
    row = sentence(text, needle)
    assert row["voice"] != "narration" and row["speaker"] == "unknown" and row["speaker_kind"] == "unnamed"


def test_a_surname_is_not_the_relative_named_in_full():
    text = ('The Senate confirmed Loretta M. Quist on Tuesday. She watched from home, according to her husband, '
            'Paul Quist. "I am grateful to the Senate," Quist said in a statement.')
    assert sentence(text, "grateful")["speaker"] == "Loretta M. Quist"


def test_a_name_known_by_a_title_case_phrase_is_no_quote():
    row = sentence('Supporters of the plan, known at City Hall as “Three on a Lot,” say it would add homes. '
                   '“It adds supply,” the Realty Council said.', "Supporters")
    assert row["voice"] == "narration"


def test_a_name_inside_the_quote_or_a_nearby_clause_is_not_the_speaker():
    text = ('Loretta Ames lost her leg. "Loretta waited six years to be told what it was worth," said Nathaniel '
            'Brooks-Oduya, a lawyer for Ames. "Today, Justice Sorensen told her the jury was right," he added.')
    assert sentence(text, "six years")["speaker"] == "Nathaniel Brooks-Oduya"
    assert sentence(text, "jury was right")["speaker"] == "Nathaniel Brooks-Oduya"


def test_what_the_article_states_of_a_speaker():
    text = ('Rep. Janelle Ostrowski (R-Ohio) questioned the director. "Either she is lying or somebody is," '
            'Ostrowski said. Later, "He gave me more in twenty minutes," she told LNC.')
    row = sentence(text, "lying")
    assert (row["speaker"], row["speaker_kind"], row["speaker_role"], row["speaker_affiliation"],
            row["speaker_gender"]) == ("Janelle Ostrowski", "person", "representative", "Republican, Ohio", "female")


def test_gender_is_never_taken_from_a_first_name():
    row = sentence('"We will rebuild," said Mary Whitcombe, the mayor.', "rebuild")
    assert row["speaker"] == "Mary Whitcombe" and row["speaker_role"] == "mayor" and pd.isna(row["speaker_gender"])
    shown = sentence('"We will rebuild," said Ms. Mary Whitcombe, the mayor.', "rebuild")
    assert shown["speaker_gender"] == "female"


def test_an_unnamed_source_keeps_what_the_article_calls_them():
    row = sentence('"The numbers are not there," a senior administration official told LNC.', "numbers")
    assert (row["speaker"], row["speaker_kind"], row["speaker_role"]) == ("unknown", "unnamed", "official")


@pytest.mark.parametrize("text, end_word, expected", [
    ("Sen. Raúl Estrada (D-Ariz.) said", "Estrada", ("Democrat", "Arizona")),
    ("said Sen. Norma Pickett, R-Tenn., who", "Pickett", ("Republican", "Tennessee")),
    ("Rep. Ann Cole (R-TX) said", "Cole", ("Republican", "Texas")),
    ("Rep. Ann Cole, D-W.Va., said", "Cole", ("Democrat", "West Virginia")),
    ("Sen. Thomas E. Brickley, Democrat of Minnesota. Both", "Brickley", ("Democrat", "Minnesota")),
    ("Sen. Gordon H. Pfeiffer of Nebraska, a fellow Republican who", "Pfeiffer", ("Republican", "Nebraska")),
    ("Gov. Wendell T. Marchetti of New Mexico was", "Marchetti", (None, "New Mexico")),
    ("Ann Cole, a lawyer, said", "Cole", (None, None)),
])
def test_party_and_state_stated_after_a_name(text, end_word, expected):
    assert party_state_after(text, text.index(end_word) + len(end_word)) == expected


def test_states_parties_and_how_they_print():
    assert (state_of("Tenn."), state_of("CA"), state_of("N.Y."), state_of("Ohio"), state_of("Gondor")) == \
        ("Tennessee", "California", "New York", "Ohio", None)
    assert (party_of("D"), party_of("Democratic"), party_of("GOP"), party_of("Labour")) == \
        ("Democrat", "Democrat", "Republican", None)
    assert affiliation_text("Democrat", "Georgia", "ACLU") == "Democrat, Georgia"
    assert affiliation_text(None, None, "ACLU") == "ACLU" and affiliation_text(None, None, None) is None


def test_an_organisation_after_a_name_must_read_as_one():
    assert organisation_after(", president of the Tarrytown Neighbors Association, said", 0) == \
        ("president", "Tarrytown Neighbors Association")
    assert organisation_after(", a defense analyst at the Potomac Strategy Group.", 0) == \
        ("analyst", "Potomac Strategy Group")
    assert organisation_after(", a lawyer for Mr. Marchetti.", 0) is None  # a client is no affiliation


def test_titles_state_a_role_a_party_and_an_organisation():
    lex = lexicon()
    def stated(titles):
        found = title_statement(titles, lex)
        return found.role, found.party, found.organisation

    assert stated(["Democratic", "Gov."]) == ("governor", "Democrat", None)
    assert stated(["FBI", "Director"]) == ("director", None, "FBI")
    assert stated(["Georgia", "Republican", "Party", "Chairman"]) == ("chairman", None, "Georgia Republican Party")
    assert stated(["U.S.", "Attorney"]) == ("U.S. attorney", None, None)
    assert stated(["Mr."]) == (None, None, None)
    assert organisation_name(["Chinese"], lex) is None and organisation_name(["Wednesday"], lex) is None
