"""Names within an article: canonical forms, types by evidence, pronouns and descriptions."""
import pytest

from analysis.voices.names.index import NameIndex, resolve_mentions
from analysis.voices.names.lexicon import lexicon


def index(text):
    sentences, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + 1
        sentences.append((start, min(end, len(text))))
        start = end + 1
    return NameIndex(text, sentences)


@pytest.mark.parametrize("text, surface, canonical", [
    ("Prime Minister Tony Blair spoke. Then Mr Blair left.", "Mr Blair", "Tony Blair"),
    ("Chinese President Xi Jinping spoke. Then President Xi left.", "President Xi", "Xi Jinping"),
    ("The World Health Organization warned. The WHO said more.", "WHO", "World Health Organization"),
    ("John Prater was moved. His daughter Alison Prater-Cole spoke. Then Mrs Prater-Cole left.",
     "Mrs Prater-Cole", "Alison Prater-Cole"),
    ("Spain's Carla Ruiz lost. Ruiz left.", "Ruiz", "Carla Ruiz"),
    ("Anthony Quayle QC spoke. Mr Quayle left.", "Mr Quayle", "Anthony Quayle"),
    ("Senate Majority Leader Chuck Schumer spoke. Schumer left.", "Schumer", "Chuck Schumer"),
])
def test_canonical_is_the_fullest_name(text, surface, canonical):
    assert index(text).canonical(surface, len(text)).canonical == canonical


@pytest.mark.parametrize("text, name, kind", [
    ("Detective Inspector Graham Walsh spoke. Walsh left.", "Graham Walsh", "person"),
    ("The raid was in Little Hinton. Veltrex Semiconductor said so.", "Veltrex Semiconductor", "organisation"),
    ("Gerald Whitcombe, 58, was jailed. Whitcombe left.", "Gerald Whitcombe", "person"),
    ("Brightway, the supermarket chain, said so. Brightway left.", "Brightway", "organisation"),
    ("He lives in Belarus. Belarus is cold.", "Belarus", "place"),
    ("Crowds gathered near Stamford Bridge. Stamford Bridge was full.", "Stamford Bridge", "place"),
])
def test_kinds_come_from_evidence(text, name, kind):
    ix = index(text)
    assert ix.typed(ix.entity_for(name)).kind == kind


def test_pronouns_resolve_to_the_nearest_person_of_their_gender():
    text = "Sandra Mills met Peter Grant in London. She spoke first. He replied."
    ix = index(text)
    assert ix.resolve_pronoun("She", text.index("She")).canonical == "Sandra Mills"
    assert ix.resolve_pronoun("He", text.index("He ")).canonical == "Peter Grant"


def test_descriptions_resolve_to_the_titled_person_and_not_to_a_qualified_one():
    text = "Chancellor Gordon Brown spoke. Shadow chancellor Oliver Letwin replied. The chancellor laughed."
    ix = index(text)
    assert ix.resolve_description("the chancellor", text.index("The chancellor")).canonical == "Gordon Brown"


def test_resolve_mentions_lists_names_and_pronouns_with_offsets():
    text = "Prime Minister Tony Blair spoke in Leeds. He said Mr Blair would stay."
    found = resolve_mentions(text, [(0, 41), (42, len(text))])
    assert all(text[s:e] == surface for s, e, surface, _, _ in found)
    assert [(surface, canonical, kind) for _, _, surface, canonical, kind in found] == [
        ("Prime Minister Tony Blair", "Tony Blair", "person"), ("Leeds", "Leeds", "place"),
        ("He", "Tony Blair", "person"), ("Mr Blair", "Tony Blair", "person")]


def test_word_lists_load_and_hold_no_weekday_as_a_name():
    lex = lexicon()
    assert {"monday", "december"} <= lex.not_names and "Belarusian" in lex.demonyms and lex.given["Sandra"] == "f"


@pytest.mark.parametrize("text, surface, canonical", [
    # a title or honorific before a surname that is also a place word still makes a person
    ("Dorothy Hill sat in the front row. Then Mrs Hill spoke.", "Mrs Hill", "Dorothy Hill"),
    ("Judge Owen Hall sentenced him. Judge Hall then left.", "Judge Hall", "Owen Hall"),
    # particles, nicknames inside a name
    ("His coach, Pieter de Vries, watched. Then de Vries spoke.", "de Vries", "Pieter de Vries"),
    # an organisation named in full once: "Reserve Bank" is the Reserve Bank of Caldera
    ("The Reserve Bank of Caldera held rates. The Reserve Bank's governor spoke.", "Reserve Bank",
     "Reserve Bank of Caldera"),
])
def test_canonical_names_of_harder_forms(text, surface, canonical):
    assert index(text).canonical(surface, len(text)).canonical == canonical


@pytest.mark.parametrize("text, names", [
    ("The Department for Transport said so.", ["Department for Transport"]),
    ("The Centre for Transport Safety said so.", ["Centre for Transport Safety"]),
    ("The Department of Health and Social Care replied.", ["Department of Health and Social Care"]),
    ("The Wend Valley Fire and Rescue Service said so.", ["Wend Valley Fire and Rescue Service"]),
    ("On Monday Xi and Lukashenko met in Beijing.", ["Xi", "Lukashenko", "Beijing"]),
    ("Harrowfield Rovers and Castleton United drew.", ["Harrowfield Rovers", "Castleton United"]),
    ("Utility company North State Power said so.", ["North State Power"]),
])
def test_organisation_names_keep_of_for_and(text, names):
    ix = index(text)
    assert [m.core for m in ix.mentions_in(0)] == names


def test_a_pronoun_after_a_person_nobody_names_is_nobody_named():
    text = "Grant Lee runs the quarry. A man who farms nearby said the springs failed. He was angry."
    ix = index(text)
    entity = ix.resolve_pronoun("He", text.index("He was"))
    assert entity.canonical == "unknown" and entity.description == "A man"


def test_a_name_inside_an_unnamed_persons_description_is_no_antecedent():
    text = "A woman from the town of Sela said she had not slept. She wept."
    entity = index(text).resolve_pronoun("She", text.index("She wept"))
    assert entity is not None and entity.description == "A woman"


def test_a_nickname_inside_a_name_is_read_through():
    text = 'Forward Marcus "Tank" Reilly scored. Reilly left.'
    nickname = text.index("Tank")
    ix = NameIndex(text, [(0, 36), (37, len(text))], [(nickname, nickname + 4)])
    assert ix.canonical("Reilly", len(text)).canonical == "Marcus Reilly"
