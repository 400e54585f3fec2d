"""Where a sentence refers to an actor: its names and aliases, and the pronouns and descriptions ("he", "the
senator", "the company") that the one name resolver, :mod:`analysis.voices.names`, resolves to it.

:func:`find_mentions` and :class:`ArticleMentions` are the single place where the stance measure decides which
sentences refer to which actor. Names are the actors file's aliases (and a person's unambiguous surname,
:func:`expand_aliases`), matched as :func:`analysis.content.actors.compile_actors` does. Pronouns and
descriptions are resolved by :class:`analysis.voices.names.index.NameIndex` over the whole article (the nearest
earlier person of a compatible gender; the person the article gave that title; the organisation mentioned most),
then mapped to the actor whose alias the resolved name holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import groupby

import pandas as pd

from analysis.content.actors import compile_actors
from analysis.voices.names.index import NameIndex
from analysis.voices.names.lexicon import lexicon
from analysis.voices.names.resolve import PRONOUN_RE

NON_PERSON_TYPES = frozenset({"country", "org", "organisation", "organization", "company", "bloc", "party",
                              "institution", "place", "city", "region", "body", "government", "media"})
_POSSESSIVE_FORMS = frozenset({"his", "hers"})
_QUOTED_RE = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_REACH = 12  # sentences back within which an actor (for a pronoun, a person) must be named to resolve at all


def is_person(name: str, entry: dict) -> bool:
    """Whether "he"/"she" may refer to the actor: typed ``person``, or untyped and with no organisation word
    of the names lexicon in its name ("Bank", "Council", "Party")."""
    kind = str(entry.get("type", "")).lower()
    if kind == "person":
        return True
    if kind in NON_PERSON_TYPES:
        return False
    org_words = lexicon().org_words
    return not any(w.lower() in org_words for w in name.replace(".", " ").split())


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
    speakers: dict = field(default_factory=dict)  # speaker string or resolved name → actor, memoised

    @classmethod
    def build(cls, actors: dict[str, dict], *, surnames: bool = True) -> "ActorMatcher":
        pattern, alias_to_actor = compile_actors(expand_aliases(actors) if surnames else actors)
        return cls(pattern, alias_to_actor, frozenset(n for n, e in actors.items() if is_person(n, e)))

    def actor_of(self, who) -> str | None:
        """The actor a speaker string or a resolved name names ("Lukashenko", "Senator Smith"), or None."""
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


class ArticleMentions:
    """The actors each sentence of one article refers to: names matched in the sentence, pronouns and
    descriptions resolved by the article's :class:`NameIndex` (built the first time one is needed).

    ``texts`` are the article's sentences in order; ``resolve`` off keeps names alone.
    """

    def __init__(self, texts: list[str], matcher: ActorMatcher, *, resolve: bool = True):
        self.texts, self.matcher, self.resolve = texts, matcher, resolve
        self.offsets, cursor = [], 0
        for text in texts:
            self.offsets.append(cursor)
            cursor += len(text) + 1
        self._index: NameIndex | None = None
        self._last_named = self._last_person = -_REACH - 1  # the latest sentences that named an actor, a person

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            joined = "\n".join(self.texts)
            quotes = [m.span() for m in _QUOTED_RE.finditer(joined)]
            spans = [(start, start + len(text)) for start, text in zip(self.offsets, self.texts)]
            self._index = NameIndex(joined, spans, quotes)
        return self._index

    def spans_in(self, k: int) -> list[ActorSpan]:
        """Mentions of actors in sentence ``k``, in order: names, then resolved descriptions and pronouns."""
        text = self.texts[k]
        spans = [ActorSpan(m.start(), m.end(), self.matcher.alias_to_actor[m.group(0)], "name",
                           text.startswith(("'s", "’s"), m.end())) for m in self.matcher.pattern.finditer(text)]
        if spans:
            self._last_named = k
            if any(s.actor in self.matcher.persons for s in spans):
                self._last_person = k
        if self.resolve and self._last_named >= k - _REACH:
            spans += self._resolved(k, spans, pronouns=self._last_person >= k - _REACH)
        return sorted(spans, key=lambda s: s.start) if len(spans) > 1 else spans

    def _resolved(self, k: int, names: list[ActorSpan], *, pronouns: bool) -> list[ActorSpan]:
        offset, text, out = self.offsets[k], self.texts[k], []
        for mention in self.index.descriptions_in(k):
            actor = self._actor(mention.entity)
            span = ActorSpan(mention.start - offset, mention.end - offset, actor or "", "title")
            if actor and not any(span.start < s.end and s.start < span.end for s in names):
                out.append(span)
        for match in PRONOUN_RE.finditer(text) if pronouns else ():
            if self.index.in_quote(offset + match.start()):
                continue
            entity = self.index.resolve_pronoun(match.group(0), offset + match.start())
            actor = self._actor(entity)
            if actor in self.matcher.persons:
                out.append(ActorSpan(match.start(), match.end(), actor, "pronoun",
                                     match.group(0).lower() in _POSSESSIVE_FORMS))
        return out

    def _actor(self, entity) -> str | None:
        if entity is None or entity.description:
            return None
        return self.matcher.actor_of(entity.canonical)

    def others_in(self, k: int) -> list[tuple[int, int]]:
        """The spans of the names the resolver finds in sentence ``k`` (outside quotes): the other targets a
        mention's tone is read apart from."""
        offset = self.offsets[k]
        return [(m.start - offset, m.end - offset) for m in self.index.mentions_in(k)]


def find_mentions(sentences: pd.DataFrame, actors: dict[str, dict], *, coreference: bool = True) -> pd.DataFrame:
    """One row per sentence and actor it refers to: ``article_id``, ``sentence_no``, ``actor``,
    ``n_names`` (names and aliases, surnames included), ``n_titles`` (descriptions: "the senator") and
    ``n_pronouns``. With ``coreference`` off, names, aliases and surnames alone.
    """
    matcher = ActorMatcher.build(actors)
    rows = []
    for article_id, records in article_records(sentences):
        texts = [text if isinstance(text, str) else "" for _, text, *_ in records]
        mentions = ArticleMentions(texts, matcher, resolve=coreference)
        for k, (sentence_no, *_) in enumerate(records):
            spans = mentions.spans_in(k)
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
