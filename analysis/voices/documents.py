"""Documents quoted as speakers: letters, statements, filings, reports and posts, and who issued them.

US and wire copy quotes documents as often as people: ``"…," the letter continued``, ``the statement said``,
``According to the indictment, the governor "…"``, ``according to a GAO report``, ``according to a statement
from the Central Texas Realty Council``. The speaker is whoever issued the document, as the article names them
(:func:`issuer`):

1. named with it: "a statement from X", "a report by X", "the board's statement", "a GAO report";
2. else named where the article first brought it up: "X wrote in his resignation letter", "In a brief statement
   released Thursday, she thanked …", "The indictment, brought by the U.S. Attorney's Office, accuses …";
3. else nobody: an unsigned or internal document ("the unsigned memo", "an internal Navy memo", "court
   documents", "a slide deck") speaks for no one in particular, even where an organisation holds it.

:func:`document_of` reads a description as a document; :func:`issuer` needs the article's
:class:`analysis.voices.speakers.Attribution` (for names, pronouns and sentence subjects), handed in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.voices.names.lexicon import lexicon

UNKNOWN = "unknown"
ISSUED = frozenset("statement statements report letter readout release communique communiqué email post filing "
                   "note indictment complaint lawsuit suit brief opinion ruling affidavit order tweet study survey "
                   "audit review testimony motion petition notice announcement".split())
# documents nobody in particular issues, unless the article says who wrote or signed them
INTERNAL = frozenset("memo memorandum deck slides documents records papers files notes minutes transcript".split())
_UNSIGNED_RE = re.compile(r"\b(?:unsigned|anonymous|undated|internal|leaked|joint)\b")  # "joint": a group's
_PREPOSITIONS = frozenset("in on at with during after before via through about over under into".split())
_NAME = r"[A-Z][\w'’.&-]*(?:[ \u00a0]+(?:(?:of|for|and|on|the)[ \u00a0]+)*[A-Z][\w'’.&-]*)*"
_BY_RE = re.compile(rf"[ \u00a0]+(?:from|by|of|(?:issued|released|filed|signed|written|sent|brought)[ \u00a0]+by)"
                    rf"[ \u00a0]+((?:the[ \u00a0]+)?{_NAME})")
_POSSESSOR_RE = re.compile(r"^((?:[Tt]he[ \u00a0]+)?(?:[\w.&-]+[ \u00a0]+){0,4}?[\w.&-]+)['’]s[ \u00a0]")
_DETERMINER_RE = re.compile(r"^(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]his|[Tt]hat)[ \u00a0]+")
_MODIFIER_RE = re.compile(rf"^(?:[\d-]+[ \u00a0]+)?(?:[a-z][\w-]*[ \u00a0]+)*?({_NAME})[ \u00a0]+(?=[a-z])")
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
_INTRODUCED = (r"(?:\b(?:[Ii]n|[Ww]ith|[Vv]ia|[Tt]hrough)[ \u00a0]+(?:an?|his|her|its|their|the)[ \u00a0]+"
               r"|\b(?:issued|released|sent|wrote|filed|published|signed|brought|posted|emailed)[ \u00a0]+"
               r"(?:an?|his|her|its|their|the)[ \u00a0]+)(?:[\w'’-]+[ \u00a0]+){0,3}?")


@dataclass(frozen=True)
class Document:
    """A description read as a document: its head noun, who it is said to be from (as written), whether it
    is unsigned or internal."""

    head: str
    by: str | None = None
    possessor: str | None = None
    modifier: str | None = None
    unsigned: bool = False


def document_of(who: str) -> Document | None:
    """A description as a document ("the statement", "a GAO report released in March", "the board's
    statement", "a statement from the Central Texas Realty Council", "court documents"), or None."""
    words = _WORD_RE.findall(who)
    head_at = next((i for i, w in enumerate(words) if w.lower() in ISSUED or w.lower() in INTERNAL), None)
    if head_at is None or (words[0][0].isupper() and words[0].lower() not in ("the", "a", "an", "its", "his",
                                                                             "her", "their", "this", "that")
                           and "'" not in who and "’" not in who and head_at == 0):
        return None
    if _PREPOSITIONS.intersection(w.lower() for w in words[:head_at]):
        return None  # "the union in a statement": the union speaks, the statement is how
    head = words[head_at].lower()
    if head_at + 1 < len(words) and words[head_at + 1][:1].islower() and \
            words[head_at + 1] not in ("from", "by", "of", "issued", "released", "filed", "signed", "written",
                                       "sent", "brought", "obtained", "dated", "which", "that", "released"):
        return None  # "the statement said" is one, "the report card" is not
    at = who.find(words[head_at])
    by = _BY_RE.match(who, at + len(words[head_at]))
    if by and who[by.end():].strip(" \u00a0.,;:"):
        by = None  # "a statement issued by Beijing last week that …": no description that ends with its issuer
    not_names = lexicon().not_names
    if by is None and any(w[0].isupper() and w.lower() not in not_names for w in words[head_at + 1:]):
        return None  # "a statement released Thursday the NYPD": in text without commas, the NYPD speaks
    before = who[:at]
    possessor = _POSSESSOR_RE.match(before)
    modifier = None
    if possessor is None:
        bare = _DETERMINER_RE.sub("", before)
        found = _MODIFIER_RE.match(bare + " x") if bare else None  # "a GAO report", "an internal Navy memo"
        modifier = found.group(1) if found else None
    return Document(head=head, by=by.group(1) if by else None,
                    possessor=possessor.group(1) if possessor else None, modifier=modifier,
                    unsigned=_UNSIGNED_RE.search(who) is not None)


def issuer(attribution, document: Document, position: int) -> str:
    """Who issued a document an attribution at ``position`` names, resolved in its article (see the module's
    docstring); ``unknown`` when the article names nobody, or the document is unsigned or internal."""
    if document.by:
        return attribution.resolve(document.by, position)
    if document.possessor:
        return attribution.resolve(document.possessor, position)
    if document.unsigned or (document.head in INTERNAL and document.modifier is None):
        return UNKNOWN
    if document.modifier and document.head not in INTERNAL:
        return attribution.resolve(document.modifier, position)
    if document.head in INTERNAL:
        return UNKNOWN
    return _introduced_by(attribution, document.head, position)


def introducing(attribution, position: int) -> str | None:
    """The issuer of a document one of the three sentences before ``position`` introduces ("Osei made the
    announcement in a statement emailed to students. Most of it is below."), for a quote standing alone after
    it; None when none does."""
    k = attribution.index.sentence_of(position)
    for j in range(k - 1, max(k - 4, -1), -1):
        start, end = attribution.sentences[j]
        text = attribution.masked[start:end]
        named = _introducing_re().search(text)
        if named and not _UNSIGNED_RE.search(named.group(0)):
            found = attribution.subject_of(start, end)
            if found:
                return found
    return None


@lru_cache(maxsize=1)
def _introducing_re() -> re.Pattern:
    heads = "|".join(sorted(ISSUED - {"report", "study", "survey", "audit", "review", "order", "ruling", "opinion"}))
    return re.compile(rf"{_INTRODUCED}(?:{heads})s?\b")


@lru_cache(maxsize=64)
def _head_patterns(head: str) -> tuple[re.Pattern, re.Pattern]:
    """Where a document of this kind is introduced ("in his resignation letter") and "brought by X"."""
    introduced = re.compile(rf"{_INTRODUCED}{re.escape(head)}s?\b")
    brought = re.compile(rf"\b{re.escape(head)}s?\b,?(?:[ \u00a0]+[\w'’-]+){{0,3}}?"
                         rf"[ \u00a0]+(?:issued|released|filed|signed|written|sent|brought)[ \u00a0]+by[ \u00a0]+"
                         rf"((?:the[ \u00a0]+)?{_NAME})")
    return introduced, brought


def _introduced_by(attribution, head: str, position: int) -> str:
    """The issuer named where the article brought the document up, within the four sentences before
    ``position``: the subject of "X wrote in his resignation letter", "In a statement, she said …", or the X of
    "The indictment, brought by X, …"."""
    introduced, brought = _head_patterns(head)
    k = attribution.index.sentence_of(position)
    for j in range(k, max(k - 5, -1), -1):
        start, end = attribution.sentences[j]
        end = min(end, position)
        text = attribution.masked[start:end]
        by = brought.search(text)
        if by:
            return attribution.resolve(by.group(1), start + by.start(1))
        named = introduced.search(text)
        if named:
            if _UNSIGNED_RE.search(named.group(0)):
                return UNKNOWN
            found = attribution.subject_of(start, end)
            if found:
                return found
    return UNKNOWN
