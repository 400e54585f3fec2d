"""Descriptions of a speaker resolved to who they are: "a spokeswoman for the company", "the Ohio Republican",
"the statement", "one resident", "the Marenian foreign ministry".

:class:`Describer` answers, for one article's :class:`analysis.voices.speakers.Attribution` (handed in, for its
names and its other rules), what a description an attribution names refers to, in this order: a spokesperson
for a named body; a name that closes the description in text whose commas were removed ("… the Trump
administration McMaster said"); a document (:mod:`analysis.voices.documents`: its issuer); a campaign ("the
Teague campaign", an organisation); a person described but not named ("one resident", ``unknown`` with what
the article says of them, :mod:`analysis.voices.unnamed`); a party and state ("the Ohio Republican"); a body of
a state ("the Marenian foreign ministry"); a name inside the description; a spokesperson; last, a role or a
noun the names resolve ("the prime minister", "the company").
"""
from __future__ import annotations

import re

from analysis.voices.documents import document_of, issuer
from analysis.voices.names.affiliation import party_of, state_of
from analysis.voices.names.entities import Entity
from analysis.voices.names.lexicon import FEMALE_NOUNS, MALE_NOUNS, anonymous_head
from analysis.voices.unnamed import UNKNOWN, unnamed

NAME_PATTERN = (r"(?:(?:(?:de|da|di|van|von|du|al|bin)[ \u00a0](?=[A-Z]))?"
         r"[A-Z][\w.'’-]*(?:[ \u00a0]+(?:(?!(?:He|She|It|They|We|His|Her|Its|Their)\b)[A-Z][\w.'’-]*|"
         r"(?:de|da|van|von|al|bin|der|la|le|du|of|the|for)(?=[ \u00a0][A-Z]))){0,5})")
# a name as attributions write it ("Mr Blair", "Pieter de Vries", "Bank of Norland"), for the patterns here and in
# analysis.voices.speakers
TRAILING_RE = re.compile(r"(?<![\s.,;:])[\s.,;:]+$")  # what ends a name or description; a run tried once: linear
_SPOKES_RE = re.compile(r"\bspokes(?:man|woman|person|people|men|women)\b")
_PREPOSITION_RE = re.compile(r"(?<![ \u00a0])[ \u00a0]+(?:of|at|in|on|for|from|with|to|who|which)(?=[ \u00a0])")
_INDEFINITE_RE = re.compile(r"(?:[Aa]n?|[Oo]ne|[Aa]nother|[Ss]ome|[Ss]everal|[Tt]wo|[Tt]hree|[Mm]any)[ \u00a0]")
_STATE_BODY_RE = re.compile(r"(?:[Tt]he|[Ii]ts|[Tt]heir)[ \u00a0]+((?:[A-Z][\w'’-]*[ \u00a0]+)+)"
                            r"((?:[a-z][\w-]*[ \u00a0]+){0,2})([a-z]+)")  # "the Marenian foreign ministry"
_TAIL_NAME_RE = re.compile(r"(?<=[ \u00a0])([a-z][\w-]*)[ \u00a0]+([A-Z][\w'’.-]*(?:[ \u00a0]+[A-Z][\w'’.-]*)*)$")
_NOT_BEFORE_SUBJECT = frozenset("the a an of in on at for from with by to near into about over under than and or "
                                "but as his her its their our my your this that these those whose which who".split())
_ADJECTIVES_NAME_RE = re.compile(rf"(?:[a-z][\w-]*[ \u00a0]+){{1,3}}({NAME_PATTERN})"
                                  r"(?=$|[^\w ]|[ \u00a0]+(?:\d|who\b|whose\b|as\b|at\b|from\b|of\b|in\b|on\b))")
_LED_BY_RE = re.compile(rf"\b(?:led|headed|chaired)[ \u00a0]+by[ \u00a0]+({NAME_PATTERN})")
_SPOKES_FOR_RE = re.compile(r"\bspokes\w+[ \u00a0]+for[ \u00a0]+((?:the[ \u00a0]+)?[\w'’.-]+(?:[ \u00a0][A-Z][\w'’.-]*)*)")
_DETERMINERS = frozenset("the a an one another its their his her our several some many".split())
_PARTY_DESCRIPTION_RE = re.compile(r"[Tt]he[ \u00a0]+(?:(?P<state>[A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)?)[ \u00a0]+)?"
                                   r"(?P<party>Democrat|Republican|Independent|GOP)"
                                   r"(?:[ \u00a0]+(?:senator|lawmaker|congressman|congresswoman|representative))?")
_CAPITALISED_RUN_RE = re.compile(r"[A-Z][\w'’.-]*(?:[ \u00a0](?:(?:of|for|the)[ \u00a0](?=[A-Z]))?[A-Z][\w'’.-]*)*")
_CAMPAIGN_RE = re.compile(r"[Tt]he[ \u00a0]+([A-Z][\w'’.-]*(?:[ \u00a0][A-Z][\w'’.-]*){0,2})[ \u00a0]+campaign")


def before_preposition(who: str, org_words: frozenset) -> str:
    """A description up to its first preposition ("the ministers" of "the ministers of India"), reading
    an organisation's name whole ("a Department for Education spokesman")."""
    for match in _PREPOSITION_RE.finditer(who):
        word = match.group(0).strip()
        before = who[:match.start()].split()
        if word in ("of", "for") and before and before[-1][:1].isupper() and \
                before[-1].lower() in org_words and who[match.end() + 1:match.end() + 2].isupper():
            continue
        return who[:match.start()]
    return who




class Describer:
    """Resolves the descriptions one article's attributions name (see the module's docstring)."""

    def __init__(self, attribution):
        self.a = attribution
        self._bodies: dict[str, list[tuple[set, str]]] = {}  # state bodies named by their description

    def describe(self, who: str, position: int) -> str:
        """A description as written ("a spokeswoman for the company", "the Ohio Republican", "the statement",
        "one resident", "the Marenian foreign ministry") → the canonical speaker, or ``unknown``."""
        spokes_for = _SPOKES_FOR_RE.search(who)
        if spokes_for:  # "a spokeswoman for the company", "a spokesman for Acme": a body speaks
            found = self.a.resolve(spokes_for.group(1), position)
            entity = self.a.index.entities.known(found)
            if entity is not None and entity.kind != "person":
                self.a.index.entities.attest(entity, "organisation")
            return found
        tail = self._closing_name(who)
        if tail is not None:  # "… the Trump administration McMaster said", "… on Monday Duda said"
            return self.a.resolve(tail, position + len(who) - len(tail))
        document = document_of(who)
        if document is not None:  # "the statement said", "according to a GAO report": who issued it
            found = issuer(self.a, document, position)
            return unnamed(document.head) if found == UNKNOWN else found
        campaign = _CAMPAIGN_RE.fullmatch(who)
        if campaign:  # "the Teague campaign said": the campaign, not the candidate
            return f"{campaign.group(1)} campaign"
        indefinite = _INDEFINITE_RE.match(who)
        if indefinite and not _SPOKES_RE.search(who):
            rest = who[indefinite.end():]
            named = _ADJECTIVES_NAME_RE.match(rest)
            if named and anonymous_head(rest[:named.start(1)], self.a.index.lex) is None:
                return self.a.resolve(named.group(1), position + indefinite.end() + named.start(1))  # "a dejected X"
            led = _LED_BY_RE.search(who)  # "a bench headed by Justice Mehra" speaks through its head
            if led:
                return self.a.resolve(led.group(1), position)
            head = anonymous_head(rest, self.a.index.lex)  # "one resident": nobody named
            return unnamed(head, "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None)
        party = _PARTY_DESCRIPTION_RE.fullmatch(who)
        if party:  # "the Ohio Republican", "the Arizona Democrat": the person with that party and state
            state = state_of(party.group("state")) if party.group("state") else None
            if state is not None or not party.group("state"):
                entity = self.a.index.resolve_affiliated(party_of(party.group("party")), state, position)
                return entity.canonical if entity else UNKNOWN
        who = before_preposition(who, self.a.index.lex.org_words)  # "the ministers of India and China": not China
        lex = self.a.index.lex
        body = _STATE_BODY_RE.fullmatch(who)
        if body and body.group(3) in lex.state_bodies:  # "the Marenian foreign ministry"
            return self._state_body(body, position)
        names = []
        for run in _CAPITALISED_RUN_RE.findall(who):
            words = run.split()
            while words and (words[0].lower() in _DETERMINERS or words[0] in lex.demonyms or
                             words[0].lower() in lex.person_nouns):
                words.pop(0)
            if words and not (len(words) == 1 and words[0].lower() in lex.person_nouns):
                names.append(" ".join(words))
        if _SPOKES_RE.search(who):
            return self._spokesperson(who, names, position)
        if names and not re.search(r"['’]s$", names[-1]):
            entity = self.a.index.canonical(names[-1], position)
            return entity.canonical if entity else UNKNOWN
        if names:  # "Labour's environment spokesman", "Veltrex's chief executive": a role, no name
            return UNKNOWN
        entity = self.a.index.resolve_description(who, position)
        return speaker_of(entity)

    def _closing_name(self, who: str) -> str | None:
        """The name that closes a description and is the subject of its verb, in text whose commas were
        removed ("a waiver from the Trump administration McMaster", "the town of Zory on Monday Duda"); None
        when the name belongs to the description ("one farmer near Canterbury", "the Marenian ministry")."""
        tail = _TAIL_NAME_RE.search(who)
        if tail is None:
            return None
        words = tail.group(2).split()
        dated = words[0].lower() in self.a.index.lex.not_names and len(words) > 1  # "on Monday Duda"
        if tail.group(1) in _NOT_BEFORE_SUBJECT and not dated:
            return None
        lex = self.a.index.lex
        if not dated and words[-1].lower().rstrip(".") in lex.org_words | lex.place_words:
            return None  # "one Republican aide in the state Senate": a body the description names, no subject
        return " ".join(words[1:] if dated else words)

    def _state_body(self, body: re.Match, position: int) -> str:
        """"the Marenian foreign ministry": the organisation named so in the article, else one described
        so before ("the Marenian ministry" after "the Marenian foreign ministry"), else the description
        as a name ("Marenian Foreign Ministry")."""
        words = body.group(1).split() + body.group(2).split()
        head, modifiers = body.group(3), {w.lower() for w in words}
        entity = self.a.index.resolve_description(" ".join(["the", *words, head]), position)
        if entity is not None and entity.canonical != " ".join(body.group(1).split()):  # not "Dalvian" alone
            return entity.canonical
        for known, name in self._bodies.get(head, []):
            if modifiers <= known:
                return name
        name = " ".join([*body.group(1).split(), *(w.capitalize() for w in body.group(2).split()), head.capitalize()])
        self._bodies.setdefault(head, []).append((modifiers, name))
        return name

    def _spokesperson(self, who: str, names: list[str], position: int) -> str:
        organisation = [n for n in names if not re.search(r"['’]s$", n)]
        if organisation:
            entity = self.a.index.canonical(organisation[-1], position)
            return entity.canonical if entity else organisation[-1]
        if re.search(r"['’]s\b", who):  # "the prime minister's spokesman": speaks for a person
            return UNKNOWN
        body = [w for w in re.findall(r"[a-z][\w-]*", who.split("spokes")[0]) if w not in _DETERMINERS]
        if body and any(w in self.a.index.lex.org_nouns for w in body):  # "a police spokesman" → the police
            entity = self.a.index.resolve_description("the " + " ".join(body), position)
            return entity.canonical if entity else UNKNOWN
        earlier = re.findall(rf"spokes\w+[ \u00a0]+for[ \u00a0]+(?:the[ \u00a0]+)?({NAME_PATTERN})|(?<![\w'’])(?!(?:A|An|The|Its|Their|His|Her)\b)({NAME_PATTERN})[ \u00a0]+spokes\w+",
                             self.a.text[max(0, position - 3000):position])
        for found in reversed(earlier):
            name = TRAILING_RE.sub("", found[0] or found[1])
            name = re.sub(r"^(?:A|An|The)(?:[ \u00a0]+|$)", "", name)
            if name:
                entity = self.a.index.canonical(name, position)
                return entity.canonical if entity else name
        return UNKNOWN


def speaker_of(entity: Entity | None) -> str:
    """The speaker an entity stands for: its canonical name; for a person the article describes but does not
    name ("one resident", then "the resident"), ``unknown`` with that role; None gives ``unknown``."""
    if entity is None:
        return UNKNOWN
    if entity.description:
        return unnamed(next(iter(sorted(entity.roles)), None), entity.gender)
    return entity.canonical
