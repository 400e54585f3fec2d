"""Where a sentence refers to an actor: its names and aliases, and (with the coreference part) titles and
pronouns that refer back to it.

:func:`find_mentions` is the single place where the stance measure decides which sentences refer to which actor.
It has its own small coreference (:class:`_Coreference`: "he"/"she" and "the senator" refer to the person
actor named last); the article-wide resolver of :mod:`analysis.voices.names` is meant to replace it (issue 22).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import groupby

import pandas as pd

from analysis.content.actors import compile_actors

_PRONOUNS = {"he": "subject", "she": "subject", "him": "object", "his": "possessive", "her": "object",
             "himself": "object", "herself": "object", "hers": "object"}
_PRONOUN_RE = re.compile(r"(?<![\w’'])(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]imself|[Hh]erself|[Hh]ers)(?![\w’'])")
_TITLES = {"president": "president", "sen.": "senator", "senator": "senator", "rep.": "congressman",
           "gov.": "governor", "governor": "governor", "mayor": "mayor", "judge": "judge", "justice": "justice",
           "coach": "coach", "chancellor": "chancellor", "minister": "minister", "secretary": "secretary",
           "pope": "pope", "king": "king", "queen": "queen", "prince": "prince", "princess": "princess",
           "gen.": "general", "general": "general", "chairman": "chairman", "ceo": "chief executive",
           "director": "director", "senator-elect": "senator", "premier": "premier", "speaker": "speaker",
           "attorney": "attorney", "sheriff": "sheriff", "chief": "chief", "bishop": "bishop"}
# The last word before trailing spaces, from its first capital ("Dr.", "President"); each word is tried once
# (possessive, atomic), so a long run of capitals is linear. Search a slice: the look-behind sees no further.
_TITLE_BEFORE_RE = re.compile(r"(?<![\w.\-])(?:(?![A-Z])[\w.\-])*+([A-Z][\w.\-]*+)\s+$")
_NON_PERSON_TYPES = frozenset({"country", "org", "organisation", "organization", "company", "bloc", "party",
                               "institution", "place", "city", "region", "body", "government", "media"})
_ORG_WORDS = frozenset("Bank Party Council Ministry Union Company Inc Corp University Association Committee "
                       "Department Times News Group Agency Office Court Congress Senate House Republic "
                       "Kingdom States Nations Federation Organization Organisation Institute Fund".split())


def is_person(name: str, entry: dict) -> bool:
    """Whether "he"/"she" may refer to the actor: typed ``person``, or untyped and not an organisation's name."""
    kind = str(entry.get("type", "")).lower()
    if kind == "person":
        return True
    if kind in _NON_PERSON_TYPES:
        return False
    return not _ORG_WORDS.intersection(name.replace(".", " ").split())


def expand_aliases(actors: dict[str, dict]) -> dict[str, dict]:
    """The actors with each person's surname added as an alias ("Benjamin Koellmann" → "Koellmann").

    A surname is the last word of a two- or three-word capitalised name; one
    that two actors share, or that is another actor's alias, is left out.
    """
    surnames: dict[str, list[str]] = {}
    for name, entry in actors.items():
        if not is_person(name, entry):
            continue
        for alias in {name, *entry.get("aliases", [])}:
            words = alias.split()
            if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and len(words[-1]) > 2:
                surnames.setdefault(words[-1], []).append(name)
    taken = {a for entry in actors.values() for a in entry.get("aliases", [])} | set(actors)
    out = {name: {**entry, "aliases": list(entry.get("aliases", []))} for name, entry in actors.items()}
    for surname, owners in surnames.items():
        if len(set(owners)) == 1 and surname not in taken:
            out[owners[0]]["aliases"].append(surname)
    return out


@dataclass
class ActorMatcher:
    """The compiled alias pattern of a set of actors, and which of them "he"/"she" may refer to."""

    pattern: re.Pattern
    alias_to_actor: dict[str, str]
    persons: frozenset[str]
    speakers: dict = field(default_factory=dict)  # speaker string → actor, memoised

    @classmethod
    def build(cls, actors: dict[str, dict], *, surnames: bool = True) -> "ActorMatcher":
        pattern, alias_to_actor = compile_actors(expand_aliases(actors) if surnames else actors)
        return cls(pattern, alias_to_actor, frozenset(n for n, e in actors.items() if is_person(n, e)))

    def actor_of(self, who) -> str | None:
        """The actor a speaker string names ("Lukashenko", "Senator Smith"), or None."""
        if not isinstance(who, str):
            return None
        if who not in self.speakers:
            match = self.pattern.search(who)
            self.speakers[who] = self.alias_to_actor[match.group(0)] if match else None
        return self.speakers[who]


@dataclass(slots=True)
class ActorSpan:
    start: int
    end: int
    actor: str
    kind: str  # "name", "title" or "pronoun"
    possessive: bool = False


class _Coreference:
    """Per-article state: which actor "he"/"she" and "the senator" refer to at this point of the article."""

    def __init__(self):
        self.recent: list[tuple[int, str]] = []  # (sentence_no, actor) of the latest name mentions
        self.titles: dict[str, set[str]] = {}
        self.title_patterns: dict[str, re.Pattern] = {}

    def learn(self, text: str, spans: list[ActorSpan], sentence_no: int, persons: frozenset[str]) -> None:
        for span in spans:
            if span.kind != "name":
                continue
            before = _TITLE_BEFORE_RE.search(text[max(0, span.start - 30):span.start])
            title = _TITLES.get(before.group(1).lower()) if before else None
            if title:
                self.titles.setdefault(title, set()).add(span.actor)
                if title not in self.title_patterns:
                    self.title_patterns[title] = re.compile(
                        rf"\b[Tt]he (?:former |new |late |then-)?{re.escape(title)}\b")
            if span.actor in persons:
                self.recent.append((sentence_no, span.actor))
        self.recent = self.recent[-8:]

    def active(self, sentence_no: int) -> bool:
        """Whether a person actor was named recently enough for a pronoun to refer to it."""
        return bool(self.recent) and self.recent[-1][0] >= sentence_no - 2

    def pronoun_actor(self, sentence_no: int, named_here: list[str]) -> str | None:
        """The actor a personal pronoun refers to: the person named last, in this or the two previous sentences,
        when no other person actor was named in that stretch."""
        window = [a for s, a in self.recent if sentence_no - 2 <= s <= sentence_no] + named_here
        if not window:
            return None
        return window[-1] if len(set(window)) == 1 else None

    def title_spans(self, text: str) -> list[ActorSpan]:
        spans = []
        for title, owners in self.titles.items():
            if len(owners) != 1:
                continue
            for match in self.title_patterns[title].finditer(text):
                spans.append(ActorSpan(match.start(), match.end(), next(iter(owners)), "title"))
        return spans


def coreference(on: bool) -> _Coreference | None:
    """Fresh per-article coreference state for :func:`actor_spans`, or None when the part is off."""
    return _Coreference() if on else None


def actor_spans(text: str, matcher: ActorMatcher, coref: _Coreference | None, sentence_no: int) -> list[ActorSpan]:
    """Mentions of actors in one sentence: names and aliases, then (with ``coref``) titles and pronouns."""
    spans = [ActorSpan(m.start(), m.end(), matcher.alias_to_actor[m.group(0)], "name",
                   text.startswith(("'s", "’s"), m.end())) for m in matcher.pattern.finditer(text)]
    if coref is not None:
        if coref.titles:
            spans += [s for s in coref.title_spans(text) if not _overlaps(s, spans)]
        if spans or coref.active(sentence_no):
            spans += _pronoun_spans(text, spans, coref, sentence_no, matcher.persons)
        if spans:
            coref.learn(text, spans, sentence_no, matcher.persons)
    return sorted(spans, key=lambda s: s.start) if len(spans) > 1 else spans


def _pronoun_spans(text: str, spans: list[ActorSpan], coref: _Coreference, sentence_no: int,
                   persons: frozenset[str]) -> list[ActorSpan]:
    out = []
    for match in _PRONOUN_RE.finditer(text):
        named_before = [s.actor for s in spans if s.end <= match.start() and s.actor in persons]
        actor = coref.pronoun_actor(sentence_no, named_before)
        if actor is not None:
            word = match.group(0).lower()
            out.append(ActorSpan(match.start(), match.end(), actor, "pronoun", _PRONOUNS[word] == "possessive"))
    return out


def _overlaps(span: ActorSpan, spans: list[ActorSpan]) -> bool:
    return any(span.start < s.end and s.start < span.end for s in spans)


def find_mentions(sentences: pd.DataFrame, actors: dict[str, dict], *, coreference: bool = True) -> pd.DataFrame:
    """One row per sentence and actor it refers to: ``article_id``, ``sentence_no``, ``actor``,
    ``n_names`` (names and aliases, surnames included), ``n_titles`` and ``n_pronouns``.

    The single place where PressLens decides which sentences refer to which
    actor for stance; a better resolver (speakers, canonical names, pronouns)
    can replace it. Sentences are read in ``sentence_no`` order per article.
    """
    matcher = ActorMatcher.build(actors)
    rows = []
    for article_id, records in article_records(sentences):
        coref = _Coreference() if coreference else None
        for sentence_no, text, *_ in records:
            spans = actor_spans(text if isinstance(text, str) else "", matcher, coref, sentence_no)
            for actor in dict.fromkeys(s.actor for s in spans):
                kinds = [s.kind for s in spans if s.actor == actor]
                rows.append((article_id, sentence_no, actor, kinds.count("name"), kinds.count("title"),
                             kinds.count("pronoun")))
    return pd.DataFrame(rows, columns=["article_id", "sentence_no", "actor", "n_names", "n_titles", "n_pronouns"])


def in_sentence_order(sentences: pd.DataFrame) -> pd.DataFrame:
    if sentences["sentence_no"].is_monotonic_increasing or sentences.empty:
        return sentences
    return sentences.sort_values(["article_id", "sentence_no"], kind="stable")


def article_records(sentences: pd.DataFrame):
    """``(article_id, [(sentence_no, text, voice, speaker, vader), …])`` per article, sentences in order;
    plain Python lists, which are much faster to walk than a frame."""
    ordered = in_sentence_order(sentences)
    n = len(ordered)
    columns = [ordered[c].tolist() if c in ordered.columns else [default] * n
               for c, default in (("sentence_no", 0), ("text", ""), ("voice", "narration"), ("speaker", None),
                                  ("vader", None))]
    for article_id, group in groupby(zip(ordered["article_id"].tolist(), *columns), key=lambda r: r[0]):
        yield article_id, [record[1:] for record in group]
