"""Mentions: the names of each sentence (outside quotes), the people it describes without naming, and a
name written anywhere, each resolved to its entity.

:class:`MentionFinder` scans one sentence the first time a query looks at it, and caches what it found:
names ("Mr Blair", "Bank of Norland"), people described but not named ("one resident said"), and whether
a name is the subject of a speech verb. :meth:`MentionFinder.canonical` reads a name as written.
"""
from __future__ import annotations

import re

from analysis.voices.names.entities import Entities, Entity, Mention
from analysis.voices.names.lexicon import (FEMALE_NOUNS, FUNCTION_CAPS, MALE_NOUNS, Lexicon, anonymous_head,
                                           looks_like_role)
from analysis.voices.names.parse import NAME_RE, ArticleText, NameParser, ends_with_speech_verb, speaks_after

_LEADING = " \"“‘'«„「『([—–-\0"
_ORG_TAIL_RE = re.compile(r"[ \u00a0]+(of|for|and|&)[ \u00a0]+(the[ \u00a0]+)?[A-Z][\w'’-]*(?:[ \u00a0]+[A-Z][\w'’-]*)*")
_INTRODUCED_RE = re.compile(r",[ \u00a0]+(?:the|a|an|its|which|who)[ \u00a0]")
_INDEFINITE_RE = re.compile(r"(?<![\w'’])(?:[Aa]n?|[Oo]ne|[Aa]nother)((?:[ \u00a0]+[\w'’-]+){1,4})")
_CLAUSE_OPENERS = frozenset("when while because".split())
_PHRASE_END_RE = re.compile(r"[,;:]|\b(?:said|says|told|tells|added|wrote|asked|was|is|had|has)\b")


class MentionFinder:
    """The names and unnamed people of one article's sentences, found one sentence at a time (cached)."""

    def __init__(self, article: ArticleText, lex: Lexicon, parser: NameParser, entities: Entities):
        self.article, self.lex, self.parser, self.entities = article, lex, parser, entities
        self._sentence_mentions: dict[int, list[Mention]] = {}
        self._anonymous: dict[int, list[Mention]] = {}
        self._speaking: dict[int, bool] = {}

    def mentions_in(self, k: int) -> list[Mention]:
        """The names of sentence ``k`` (outside quotes), each with its entity."""
        if k not in self._sentence_mentions:
            start, end = self.article.sentences[k]
            found, cursor = [], start
            for match in NAME_RE.finditer(self.article.masked, start, end):
                token = match.group(0)
                if match.start() < cursor or (" " not in token and token.lower() in FUNCTION_CAPS):
                    continue
                cursor = self._organisation_end(match.start(), match.end())
                mention = self._mention(match.start(), self.article.masked[match.start():cursor],
                                        initial=not self.article.masked[start:match.start()].strip(_LEADING))
                if mention is not None:
                    found.append(mention)
            self._sentence_mentions[k] = found
        return self._sentence_mentions[k]

    def anonymous_in(self, k: int) -> list[Mention]:
        """People sentence ``k`` describes without naming, as the subject of a sentence or after a verb
        of saying: "A woman who lives nearby said", "said one resident", "One parent held up …". Their
        entity's ``canonical`` is "unknown" and its ``description`` the words used."""
        if k not in self._anonymous:
            start, end = self.article.sentences[k]
            found = []
            for match in _INDEFINITE_RE.finditer(self.article.masked, start, end):
                head = anonymous_head(match.group(1), self.lex)
                if head is None or not self._speaker_position(start, match.start()):
                    continue
                gender = "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None
                at = re.search(rf"\b{re.escape(head)}\b", match.group(1), re.IGNORECASE)  # "one MP": head "mp"
                stop = match.start(1) + (at.start() if at else 0) + len(head)
                entity = Entity("unknown", "person", gender, {head}, 3, True, self.article.text[match.start():stop])
                reach = _PHRASE_END_RE.search(self.article.masked, stop, end)  # the description runs to a comma or verb
                found.append(Mention(match.start(), reach.start() if reach else end, entity.description, "", entity))
            self._anonymous[k] = found
        return self._anonymous[k]

    def _speaker_position(self, sentence_start: int, position: int) -> bool:
        """Whether a phrase at ``position`` opens its sentence or a clause ("… was interrupted when a man near
        the front began shouting"), or follows a verb of saying."""
        before = self.article.masked[sentence_start:position].strip(_LEADING + ",.;:!?…”’\"' \u00a0")
        return not before or ends_with_speech_verb(before) or before.rsplit(None, 1)[-1] in _CLAUSE_OPENERS

    def _organisation_end(self, start: int, end: int) -> int:
        """Where a name starting at ``start`` ends, once "of"/"for"/"and" inside an organisation's name
        are read too: "Bank of Norland", "Centre for Transport Safety", "Department of Health and Social
        Care", "Fire and Rescue Service" (but "Xi and Lukashenko", "Rovers and Castleton" stay apart)."""
        org_words, opened = self.lex.org_words, False
        while True:
            tail = _ORG_TAIL_RE.match(self.article.masked, end)
            if tail is None:
                return end
            before = self.article.masked[start:end].split()[-1].lower().rstrip(".")
            last = tail.group(0).split()[-1].lower().rstrip(".")
            if tail.group(1) in ("of", "for") and before in org_words:
                opened = True
            elif not (tail.group(1) in ("and", "&") and not tail.group(2) and
                      (opened or (before not in org_words and last in org_words))):
                return end
            end = tail.end()

    def _mention(self, start: int, surface: str, *, initial: bool) -> Mention | None:
        parts = [(start + t.start(), start + t.end(), t.group(0)) for t in re.finditer(r"\S+", surface)]
        split = self.parser.split_name([p[2] for p in parts], initial=initial, located=self.parser.located(start))
        if split is None:
            return None
        skip, titles, tokens, possessive = split
        if not self.is_name(tokens, titles, initial and skip == 0):
            return None
        last = parts[skip + len(titles) + len(tokens) - 1]
        end = last[0] + len(tokens[-1]) if possessive else last[1]
        start = parts[skip][0]
        core = " ".join(tokens)
        entity = self.entities.entity_for(core, tuple(titles), start)
        mention = Mention(start, end, self.article.text[start:end], core, entity, tuple(titles), possessive)
        if titles:
            self.entities.title_evidence(entity, titles)
        return mention

    def is_name(self, tokens: list[str], titles, initial: bool) -> bool:
        word, lex = tokens[0].lower(), self.lex
        if len(tokens) == 1 and (len(word.rstrip(".")) == 1 or word.rstrip(".") in lex.titles):
            return False  # a lone initial ("D", "B."), a title alone ("Vice President" → no "President")
        if len(tokens) > 1 or titles:
            return True
        if word in lex.not_names or word in lex.titles or tokens[0] in lex.demonyms or word in lex.person_nouns:
            return False
        return not initial or self.article.seen_mid_sentence(tokens[0]) or tokens[0] in lex.given or \
            self._introduced(tokens[0])

    def _introduced(self, token: str) -> bool:
        """A sentence's first word that is a name all the same: "Brightway, the supermarket chain, said"."""
        text = self.article.masked
        singular = token.lower()[:-1]
        if token.endswith("s") and singular not in self.lex.org_words and (
                singular in self.lex.person_nouns or singular in self.lex.org_nouns or looks_like_role(singular)):
            return False  # "Economists said", "Officials said": a noun; "Lewis said" is a name
        return any(_INTRODUCED_RE.match(text, start + len(token)) or speaks_after(text, start + len(token))
                   for start in self.article.occurrences(token, limit=4))

    def canonical(self, surface: str, position: int) -> Entity | None:
        """The entity a name written at ``position`` refers to ("Mr Blair" → Tony Blair), or None when it
        is no name (a sentence's first word never seen as a name elsewhere: "Critics", "Observers")."""
        parsed = self.parser.core_of(surface)
        if parsed is None:
            return None
        core, titles, possessive = parsed
        tokens = core.split()
        if not self.is_name(tokens, titles, True):
            acronym = core.isupper() and len(core) > 1
            if not (acronym or self.entities.fuller_names(core)):
                return None
        entity = self.entities.entity_for(core, titles, position)
        if titles:
            self.entities.title_evidence(entity, titles)
        return entity

    def speaks_at(self, end: int) -> bool:
        """Whether the name ending at ``end`` is the subject of a speech verb (cached)."""
        if end not in self._speaking:
            self._speaking[end] = speaks_after(self.article.text, end)
        return self._speaking[end]
