"""The word lists names are read with, and the tests on single words built from them.

The lists are data: ``data/names.yml`` (titles, honorifics, organisation, place and person words; read by the
hardened YAML reader, :mod:`analysis.resources.datafiles`), and the plain word lists ``data/places.txt``,
``data/demonyms.txt`` and ``data/given_names.txt`` (read by :mod:`analysis.resources.wordlists`). The word
sets below that are not data (function words that may be capitalised, nouns for men and women, leaders'
titles) are the rules of the other parts of :mod:`analysis.voices.names`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.paths import DATA_DIR
from analysis.resources.datafiles import read_mapping
from analysis.resources.wordlists import read_entries

NAMES_YML = DATA_DIR / "names.yml"
PLACES_TXT = DATA_DIR / "places.txt"
DEMONYMS_TXT = DATA_DIR / "demonyms.txt"
GIVEN_NAMES_TXT = DATA_DIR / "given_names.txt"
FUNCTION_CAPS = frozenset(
    "the a an this that these those it its he she they we i you his her their our my your in on at for from "
    "with by as but and or so yet if when while after before since although though what who how why where "
    "which there here then also not no yes all both each every some many most more other such one two "
    "during under over into through against about between among without within despite amid like unlike "
    "including according however meanwhile moreover nevertheless instead because whether although speaking "
    "asked told said says earlier later now today yesterday tonight last next either neither whether".split())
MALE_NOUNS = frozenset("man boy frenchman englishman welshman irishman dutchman scot king prince".split())
FEMALE_NOUNS = frozenset("woman girl actress frenchwoman englishwoman queen princess".split())
QUALIFIERS = frozenset("shadow deputy vice assistant junior former acting interim ex-".split())
_DOCUMENTS = frozenset("report statement study paper letter survey document readout filing complaint lawsuit "
                       "analysis poll memo ruling judgment judgement release email post article book order".split())
LEADER_ROLES = ["leader", "president", "premier", "prime minister", "chancellor", "king", "queen"]
LEADER_WORDS = frozenset("leader president premier chancellor minister king queen head chief".split())
_ANONYMOUS_STOPS = frozenset("who whose which that of from in at near on with to said says told added".split())


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``data/``: titles, organisation and place words, places, demonyms, given names."""

    titles: frozenset
    male: frozenset
    female: frozenset
    org_words: frozenset
    place_words: frozenset
    org_nouns: frozenset
    person_nouns: frozenset
    not_names: frozenset
    places: frozenset
    demonyms: frozenset
    given: dict
    demonyms_lower: frozenset = frozenset()
    male_words: frozenset = frozenset()
    female_words: frozenset = frozenset()
    street_titles: frozenset = frozenset()
    title_modifiers: frozenset = frozenset()
    surname_place_words: frozenset = frozenset()
    state_bodies: frozenset = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled word lists, read once per process."""
    spec = read_mapping(NAMES_YML, what="name word lists")

    def words(key: str) -> frozenset:
        return frozenset(str(spec.get(key) or "").lower().split())

    given: dict[str, str | None] = {}
    for line in read_entries(GIVEN_NAMES_TXT):
        name, _, gender = line.partition(" ")
        given[name] = gender.strip() if name not in given else None  # listed twice: either gender
    demonyms = frozenset(read_entries(DEMONYMS_TXT))
    male, female = words("honorifics_male"), words("honorifics_female")
    return Lexicon(titles=words("titles") | {w.rstrip(".") for w in words("titles")}, male=male, female=female,
                   org_words=words("org_words"), place_words=words("place_words"), org_nouns=words("org_nouns"),
                   person_nouns=words("person_nouns"), not_names=words("not_names"),
                   street_titles=words("street_titles"), title_modifiers=words("title_modifiers"),
                   surname_place_words=words("surname_place_words"), state_bodies=words("state_bodies"),
                   places=frozenset(read_entries(PLACES_TXT)), demonyms=demonyms, given=given,
                   demonyms_lower=frozenset(d.lower() for d in demonyms),
                   male_words=frozenset(w.rstrip(".") for w in male), female_words=frozenset(w.rstrip(".") for w in female))


def person_noun(word: str, lex: Lexicon) -> bool:
    """"teenager", "37-year-old", "fly-half", "left-armer": a noun for a person (not "report", "statement")."""
    if word in lex.person_nouns or re.fullmatch(r"\d+-year-old", word):
        return True
    return word not in lex.org_nouns and word not in _DOCUMENTS and ("-" in word or looks_like_role(word))


def looks_like_role(word: str) -> bool:
    return len(word) > 4 and word.endswith(("er", "ist", "ian", "or", "man", "woman", "ess", "ant", "ent"))


def anonymous_head(words: str, lex: Lexicon) -> str | None:
    """The noun for a person in the words after "a"/"one"/"another" ("senior Vetrian official" →
    "official"), read up to a relative pronoun or preposition; None when there is none."""
    head = None
    for word in words.split():
        bare = word.rstrip(",.;:")
        if bare.lower() in _ANONYMOUS_STOPS:
            break
        word = bare.lower() if bare.isupper() and len(bare) > 1 else bare  # "one MP who …"
        if bare != word and word not in lex.person_nouns:
            continue  # "a senior GOP aide": an acronym before the noun qualifies it
        if word.islower() and person_noun(word, lex) and word not in QUALIFIERS and word not in ("former", "retired"):
            head = word
        if bare != word:
            break
    return head
