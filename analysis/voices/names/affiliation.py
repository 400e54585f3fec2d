"""What the text states next to a name about whom a person speaks for: a party and a state, an organisation.

News states a politician's party and state in a few fixed forms, which differ by house style:

- ``Sen. Raúl Estrada (D-Ariz.)``, ``Rep. Cody Lashway (R-Texas)``, ``(D-CA)``: party and state in brackets;
- ``said Sen. Norma Pickett, R-Tenn., who …``: the same between commas (wire style);
- ``Sen. Wade P. Tillman, Republican of Kansas,`` and ``Sen. Gordon H. Pfeiffer of Nebraska, a fellow
  Republican``: in words (newspaper style);
- ``Democrat Helena Strand``, ``Democratic Gov. Russell Teague``: the party as a title.

:func:`party_state_after` reads the forms after a name; :func:`party_of` reads a party word. States come from
``data/us_state_names.txt`` (names, AP abbreviations, postal codes). :func:`organisation_after` reads an organisation
a person is introduced with ("president of the Tarrytown Neighbors Association", "a professor at Georgetown
University"). :func:`affiliation_text` writes what was found as the sources table prints it ("Democrat,
Georgia"). A lawyer "for Mr. Marchetti" speaks for a person, which is no affiliation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.paths import DATA_DIR
from analysis.resources.wordlists import read_entries
from analysis.voices.names.lexicon import lexicon

US_STATE_NAMES_TXT = DATA_DIR / "us_state_names.txt"
_PARTY_WORDS = {"d": "Democrat", "r": "Republican", "i": "Independent", "democrat": "Democrat",
                "democratic": "Democrat", "republican": "Republican", "gop": "Republican",
                "independent": "Independent"}
_TAG_RE = re.compile(r"(?<![ \u00a0])[ \u00a0]*\(([DRI])[-–]([^()]{1,16})\)")  # (D-Ga.), (R-N.Y.), (D-CA)
_COMMA_TAG_RE = re.compile(r",[ \u00a0]+([DRI])[-–]((?:[A-Z]\.){1,2}[A-Z]?[a-z]*\.?|[A-Z][A-Za-z]{1,11}\.?)(?=[,;:)\s]|$)")
_WORDS_RE = re.compile(r",[ \u00a0]+(?:an?[ \u00a0]+(?:[\w-]+[ \u00a0]+)?)?(Democrat|Republican|Independent)"
                       r"(?:[ \u00a0]+(?:of|from)[ \u00a0]+(?=[A-Z]))?")  # , Republican of Kansas
_OF_RE = re.compile(r"[ \u00a0]+of[ \u00a0]+(?=[A-Z])")  # Sen. Gordon H. Pfeiffer of Nebraska
_STATE_WORDS_RE = re.compile(r"[A-Z][\w.]*(?:[ \u00a0]+[A-Z][\w.]*){0,2}")
_LATER_PARTY_RE = re.compile(r",[ \u00a0]+(?:an?|the)[ \u00a0]+(?:[\w-]+[ \u00a0]+){0,2}?"
                             r"(Democrat|Republican|Independent)\b")  # , a fellow Republican
_ORG_AFTER_RE = re.compile(
    r",[ \u00a0]+(?:(?:the|an?)[ \u00a0]+)?(?:[\w'’-]+[ \u00a0]+){0,4}?(?P<role>[a-z][\w-]+)[ \u00a0]+(?:of|at|for|with)"
    r"[ \u00a0]+(?P<the>the[ \u00a0]+)?(?:[a-z][\w-]*[ \u00a0]+){0,2}?"
    r"(?P<org>(?:[A-Z][\w'’&.-]*)(?:[ \u00a0]+(?:(?:of|for|and|the)[ \u00a0]+)*[A-Z][\w'’&.-]*)*)")


@lru_cache(maxsize=1)
def us_states() -> dict[str, str]:
    """Every written form of a US state (its name, AP abbreviation and postal code, lower-case, without a
    final period) → the state's name."""
    forms: dict[str, str] = {}
    for line in read_entries(US_STATE_NAMES_TXT):
        name, *short = [part.strip() for part in line.split("|")]
        for form in (name, *short):
            forms[_key(form)] = name
    return forms


def _key(form: str) -> str:
    return " ".join(form.split()).lower().rstrip(".")


def state_of(form: str) -> str | None:
    """The state a written form names ("Tenn." → "Tennessee", "CA" → "California"), or None."""
    return us_states().get(_key(form))


def party_of(word: str) -> str | None:
    """The party a word names ("D", "Democratic", "GOP" → "Democrat", …), or None."""
    return _PARTY_WORDS.get(word.lower().rstrip("."))


def party_state_after(text: str, end: int) -> tuple[str | None, str | None]:
    """``(party, state)`` stated right after a name that ends at ``end`` (either may be None)."""
    for pattern in (_TAG_RE, _COMMA_TAG_RE):
        match = pattern.match(text, end)
        if match:
            state = state_of(match.group(2))
            if state is not None or pattern is _TAG_RE:
                return _PARTY_WORDS[match.group(1).lower()], state
    match = _WORDS_RE.match(text, end)
    if match:
        return match.group(1), _state_at(text, match.end())[0] if match.group(0).endswith(("of ", "from ")) or \
            text[match.end() - 1:match.end()] in (" ", "\u00a0") else None
    match = _OF_RE.match(text, end)
    if match:
        state, stop = _state_at(text, match.end())
        if state:
            later = _LATER_PARTY_RE.match(text, stop)
            return (later.group(1) if later else None), state
    return None, None


def _state_at(text: str, at: int) -> tuple[str | None, int]:
    """The state named at ``at`` ("New Mexico", "Tenn."), the longest form that is one, and where it ends."""
    run = _STATE_WORDS_RE.match(text, at)
    if run is None:
        return None, at
    words = run.group(0).split()
    for size in range(len(words), 0, -1):
        form = " ".join(words[:size])
        for candidate in (form, form.rstrip(".,")):
            if state_of(candidate):
                return state_of(candidate), at + len(form)
    return None, at


def organisation_after(text: str, end: int) -> tuple[str, str] | None:
    """``(role, organisation)`` of an apposition after a name that ends at ``end``: ", president of the
    Tarrytown Neighbors Association", ", a defense analyst at the Potomac Strategy Group". The organisation
    must read as one: "the" before it, an organisation word in it, or an acronym; so "a lawyer for Mr.
    Marchetti" (a person) gives None."""
    match = _ORG_AFTER_RE.match(text, end, min(len(text), end + 160))
    if match is None:
        return None
    org = match.group("org").rstrip(".,")
    words = org.split()
    if words[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov"):
        return None
    from_words = lexicon().org_words
    acronym = len(words) == 1 and re.fullmatch(r"(?:[A-Z]\.?){2,}", words[0]) is not None
    if not (match.group("the") or acronym or any(w.lower().rstrip(".") in from_words for w in words)):
        return None
    return match.group("role"), org


def affiliation_text(party: str | None, state: str | None, organisation: str | None) -> str | None:
    """What the sources table prints: "Democrat, Georgia", "Republican", "Georgia", or the organisation."""
    stated = ", ".join(p for p in (party, state) if p)
    return stated or organisation or None


_MALE_NOUNS = frozenset("spokesman congressman alderman councilman assemblyman businessman father husband "
                        "brother son grandfather widower uncle nephew boyfriend".split())
_FEMALE_NOUNS = frozenset("spokeswoman congresswoman alderwoman councilwoman assemblywoman businesswoman "
                          "mother wife sister daughter grandmother widow aunt niece girlfriend".split())
_HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady".split())
_SPELLED = {"sen": "senator", "rep": "representative", "gov": "governor", "lt": "lieutenant", "gen": "general",
            "col": "colonel", "capt": "captain", "sgt": "sergeant", "prof": "professor", "maj": "major",
            "supt": "superintendent", "insp": "inspector", "det": "detective", "rev": "reverend"}


def gendered_noun(words) -> str | None:
    """"m" or "f" when one of ``words`` is a noun for a man or a woman ("spokeswoman", "congressman",
    "mother"), else None."""
    for word in words:
        word = word.lower().rstrip(".")
        if word in _MALE_NOUNS:
            return "m"
        if word in _FEMALE_NOUNS:
            return "f"
    return None


@dataclass(frozen=True)
class Statement:
    """What titles before a name state: the role ("senator"), the party, the organisation ("FBI")."""

    role: str | None = None
    party: str | None = None
    organisation: str | None = None


def title_statement(titles, lex) -> Statement:
    """What titles before a name state: ``Democratic Gov.`` → governor, Democrat; ``FBI Director`` → director,
    FBI; ``Georgia Republican Party Chairman`` → chairman, Georgia Republican Party; ``Mr.`` → nothing."""
    words = [t.rstrip(",") for t in titles]
    party = next((party_of(w) for i, w in enumerate(words) if party_of(w) and len(w) > 1 and not (
        i + 1 < len(words) and words[i + 1].lower().rstrip(".") in lex.org_words)), None)
    cut = len(words)
    while cut and (words[cut - 1].lower().rstrip(".") in lex.titles or words[cut - 1] == "U.S.") and \
            not party_of(words[cut - 1]):
        cut -= 1
    role = [w for w in words[cut:] if w.lower().rstrip(".") not in _HONORIFICS]
    rest = words[:cut]
    if not (rest and rest[-1].lower().rstrip(".") in lex.org_words):  # "Georgia Republican Party": one name
        rest = [w for w in rest if not party_of(w)]
    organisation = organisation_name(rest, lex)
    spelled = " ".join(w if w == "U.S." else _SPELLED.get(w.lower().rstrip("."), w.lower().rstrip(".")) for w in role)
    return Statement(spelled or None, party, organisation)


def organisation_name(words, lex) -> str | None:
    """Capitalised words before a role read as the organisation it belongs to ("FBI", "White House", "Georgia
    Republican Party", "Bay County"), or None: a place alone, a demonym ("Chinese leader"), a date or a
    person's name is no organisation."""
    words = [w.strip(",") for w in words if w.strip(",")]
    if not words:
        return None
    name = " ".join(words)
    lower = [w.lower().rstrip(".") for w in words]
    if any(w in lex.org_words for w in lower[1:]) or lower[-1] in lex.org_words:
        return name
    if len(words) == 1:
        return name if re.fullmatch(r"(?:[A-Z]\.?){2,}", words[0]) else None  # "FBI", "W.C.L.A."
    if name in lex.places or any(w in lex.demonyms or w in lex.given or w.lower() in lex.not_names or
                                 w.endswith(("'s", "’s")) for w in words):
        return None
    return name


_DETERMINER_RE = re.compile(r"^[,\s]*(?:(?:the|an?|its|his|her|their)\s+)?", re.IGNORECASE)


def role_phrase(apposition: str, noun: str) -> str:
    """The role an apposition gives, up to its noun: ", the deputy attorney general," → "deputy attorney
    general"; ", a trade law professor at …" → "trade law professor"."""
    text = _DETERMINER_RE.sub("", apposition)
    at = text.find(noun)
    return " ".join(text[:at + len(noun)].split()) if at >= 0 else noun
