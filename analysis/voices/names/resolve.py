"""Resolution: what a pronoun or a description refers to.

:class:`Resolver` answers, for one article: which person "he" or "she" at a position refers to (the nearest
earlier person of a compatible gender, outside quotes; "it": the nearest organisation), and which person or
organisation a description refers to ("the prime minister": the person the article gave that title or role;
"the company": the organisation mentioned most so far; "the teenager": the nearest person). It reads the
mentions of :class:`analysis.voices.names.mentions.MentionFinder` and caches descriptions and role holders.
"""
from __future__ import annotations

import re

from analysis.voices.names.entities import Entities, Entity, Mention
from analysis.voices.names.lexicon import (FEMALE_NOUNS, FUNCTION_CAPS, LEADER_ROLES, LEADER_WORDS, MALE_NOUNS,
                                           QUALIFIERS, Lexicon, person_noun)
from analysis.voices.names.mentions import MentionFinder
from analysis.voices.names.parse import ArticleText, NameParser, speaks_after

_HE = frozenset({"he", "him", "his", "himself"})
_SHE = frozenset({"she", "her", "hers", "herself"})
PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]imself|[Hh]erself)\b")  # the pronouns resolve_mentions lists
_THE_RE = re.compile(r"\b[Tt]he[ \u00a0]([a-z][\w-]*)(?![’'])(?:[ \u00a0]([a-z][\w-]*)(?![’']))?"
                     r"(?:[ \u00a0]([a-z][\w-]*)(?![’']))?")
_NAME_AFTER_ROLE = r"[A-Z][\w'’.-]*(?:[ \u00a0][A-Z][\w'’.-]*){0,3}"
_ROLE_THEN_NAME_RE = re.compile(rf"[ \u00a0]+({_NAME_AFTER_ROLE})")
_ROLE_COMMA_NAME_RE = re.compile(rf",[ \u00a0]+({_NAME_AFTER_ROLE}),")
# "Charles Clarke, the education secretary" before a role: from the first capital of a word, each word tried
# once (atomic), so that a run of capitals is linear. Search a slice: the look-behind sees no further.
_NAME_COMMA_THE_RE = re.compile(rf"(?<![\w'’.-])(?>[\w'’.-]*?(?=[A-Z]))({_NAME_AFTER_ROLE}),[ \u00a0]+"
                                rf"(?:the|a|an|its|his|her|their|[A-Z][\w-]*['’]s)(?:[ \u00a0][\w'’-]+){{0,4}}?[ \u00a0]$")
_AGED_RE = re.compile(r"(\d{1,3})-year-old")
_PREPOSITION_RE = re.compile(r"(?<![ \u00a0])[ \u00a0]+(?:at|of|in|on|for|from|with|to|who|which|that)(?=[ \u00a0])")


class Resolver:
    """Resolves pronouns and descriptions in one article to its entities."""

    def __init__(self, article: ArticleText, lex: Lexicon, parser: NameParser, entities: Entities,
                 finder: MentionFinder):
        self.article, self.lex, self.parser, self.entities, self.finder = article, lex, parser, entities, finder
        self._descriptions: dict[int, list[Mention]] = {}
        self._roles: dict[tuple, list[tuple[int, str]]] = {}
        self._lower: str | None = None

    def descriptions_in(self, k: int) -> list[Mention]:
        """"the prime minister", "the company" in sentence ``k``, where they resolve to an entity."""
        if k not in self._descriptions:
            nouns = self.lex.person_nouns | self.lex.org_nouns
            start, end = self.article.sentences[k]
            found = []
            for match in _THE_RE.finditer(self.article.masked, start, end):
                words = [w for w in match.groups() if w]
                head = next((i for i, w in enumerate(words) if w in nouns), None)
                if head is None:
                    continue
                stop = match.start(head + 1) + len(words[head])
                phrase = self.article.text[match.start():stop]
                entity = self.resolve_description(phrase, match.start(), fallback=False, descriptions=False)
                if entity is not None:
                    found.append(Mention(match.start(), stop, phrase, entity.canonical, entity))
            self._descriptions[k] = found
        return self._descriptions[k]

    @property
    def mentions(self) -> list[Mention]:
        """Every name and resolved description of the article, in order (scans the whole article)."""
        out = []
        for k in range(len(self.article.sentences)):
            out += self.finder.mentions_in(k) + self.descriptions_in(k)
        return sorted(out, key=lambda m: m.start)

    def nearest(self, position: int, *, kind: str = "person", gender: str | None = None,
                roles: set | None = None, sentences: int = 12, descriptions: bool = True,
                anonymous: bool = False) -> Entity | None:
        """The nearest entity of ``kind`` mentioned before ``position`` (outside quotes), looking back at
        most ``sentences`` sentences; with ``anonymous``, a person the article does not name ("one
        resident said") counts too, where the sentence names no one else who fits.

        Within the nearest sentence that mentions one, the subject of a speech verb wins ("…, Lukashenko
        stressed"), then a well-attested one, then the first (the subject)."""
        k = self.article.sentence_of(position)
        for j in range(k, max(k - sentences, -1), -1):
            candidates = self.finder.mentions_in(j) + (self.descriptions_in(j) if descriptions and k - 2 <= j < k else [])
            found = [m for m in sorted(candidates, key=lambda m: m.start) if m.start < position and
                     not m.possessive and (self._fits(m.entity, kind, gender, roles) or
                                           (kind == "person" and not roles and m.entity.kind == "unknown"
                                            and self.finder.speaks_at(m.end)))]
            unnamed = self.finder.anonymous_in(j) if anonymous else []
            if unnamed:  # "A woman from the town of Sela said …": Sela is no antecedent
                found = [m for m in found if not any(u.start < m.start < u.end for u in unnamed)]
            if unnamed and not found:  # "A man who farms nearby said …. "…," he said": nobody named
                found = [m for m in unnamed if m.start < position and
                         (gender is None or m.entity.gender in (None, gender))]
            if len(found) > 1:  # "in Lynn Haven …, Lula Bright sat": a name after "in" is a place first
                found = [m for m in found if not self.parser.located(m.start)] or found
            if found:
                speaking = [m for m in found if self.finder.speaks_at(m.end)]
                attested = [m for m in found if m.entity.evidence > 0]
                return (speaking or attested or found)[0].entity
        return None

    def resolve_affiliated(self, party: str | None, state: str | None, position: int) -> Entity | None:
        """"the Ohio Republican", "the Democrat": the nearest person before ``position`` the article gave that
        party (and state); else the nearest person whose stated party and state do not contradict it (one whose
        party the article never stated: "Speaker Brannigan told LNC …. "…," the Louisiana Republican said").
        What the description says is then known of that person."""
        k = self.article.sentence_of(position)
        fallback = None
        for j in range(k, -1, -1):
            for mention in reversed(self.finder.mentions_in(j)):
                if mention.start >= position or mention.possessive:
                    continue
                entity = self.entities.typed(mention.entity)
                if entity.kind != "person":
                    continue
                if entity.party == party and (state is None or entity.state == state):
                    return entity
                if fallback is None and k - j <= 3 and entity.party in (None, party) and \
                        (state is None or entity.state in (None, state)):
                    fallback = entity
        if fallback is not None:
            fallback.party, fallback.state = fallback.party or party, fallback.state or state
        return fallback

    def _aged(self, age: int, position: int) -> Entity | None:
        """The nearest person before ``position`` whose age the article gave as ``age`` ("Denise Forbes, 52,")."""
        for j in range(self.article.sentence_of(position), -1, -1):
            for mention in reversed(self.finder.mentions_in(j)):
                if mention.start < position and self.entities.typed(mention.entity).age == age:
                    return mention.entity
        return None

    def _fits(self, entity: Entity, kind: str, gender: str | None, roles: set | None) -> bool:
        self.entities.typed(entity)
        if kind == "person":
            if entity.kind != "person":
                return False
            found = self.entities.entity_gender(entity)
            if gender and found and found != gender:
                return False
        elif entity.kind != kind:
            return False
        if not roles:
            return True
        held = _expanded(entity.roles)
        required = roles & self.lex.demonyms_lower
        return bool((roles - required) & held) and required <= held

    def resolve_pronoun(self, pronoun: str, position: int) -> Entity | None:
        """The person (or, for "it", organisation) a pronoun at ``position`` refers to, or None."""
        word = pronoun.lower()
        if word in ("it", "its"):
            return self.nearest(position, kind="organisation")
        gender = "m" if word in _HE else "f" if word in _SHE else None
        if gender is None:
            return None
        entity = self.nearest(position, gender=gender, anonymous=True)
        if entity is not None and entity.description:
            return entity
        if entity is not None and entity.gender is None and self.lex.given.get(entity.tokens[0]) is None:
            entity.gender = gender  # learned: this person is referred to as he or she
        return entity

    def resolve_description(self, description: str, position: int, *, fallback: bool = True,
                            descriptions: bool = True) -> Entity | None:
        """The entity a description at ``position`` refers to.

        "the prime minister", "the Belarusian leader": the person the article gave that title or role
        (a demonym must match too). "the company", "the firm": the organisation mentioned most so far;
        "the health board": an organisation whose name or role has those words. Without a titled match,
        a person noun ("the teenager", "the 37-year-old") refers to the nearest person (``fallback``)."""
        phrase = _PREPOSITION_RE.split(description, maxsplit=1)[0]  # "people at the back" → "people"
        words = [w.lower() for w in re.findall(r"[\w'’-]+", phrase)]
        words = [w for w in words if w not in FUNCTION_CAPS]
        if not words:
            return None
        head, modifiers = words[-1], set(words[:-1])
        if head in self.lex.org_nouns and head not in LEADER_WORDS:
            return self._organisation(head, modifiers, position)
        if not person_noun(head, self.lex):
            return None
        unnamed = self._unnamed_with(head, position)
        if unnamed is not None:  # "A Western diplomat said …. "…," the diplomat said": still nobody named
            return unnamed
        aged = _AGED_RE.fullmatch(head)
        if aged:  # "the 52-year-old": the person of that age, else the nearest person
            entity = self._aged(int(aged.group(1)), position)
            if entity is not None:
                return entity
        entity = self._role_holder(head, modifiers, position)
        possessed = re.match(r"(?i:his|her|their|its|our|my)\b|\S+['’]s\b", description.strip()) is not None
        if entity is None and fallback and not possessed and \
                person_noun(head, self.lex):
            gender = "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None
            entity = self.nearest(position, gender=gender, descriptions=descriptions)
        return entity

    def _unnamed_with(self, head: str, position: int) -> Entity | None:
        """A person described with this noun but not named ("a Western diplomat") within the three
        sentences before ``position``, if the article names nobody with that role in between."""
        k = self.article.sentence_of(position)
        for j in range(k, max(k - 4, -1), -1):
            for mention in reversed(self.finder.anonymous_in(j)):
                if mention.start < position and head in mention.entity.roles:
                    return mention.entity
        return None

    def _role_holder(self, head: str, modifiers: set, position: int) -> Entity | None:
        """The person the article introduced with this role ("Prime Minister Tony Blair", "Charles Clarke,
        the education secretary", "The chief executive, Priya Raman,"), nearest before ``position``, else
        one named within the next two sentences."""
        key = (head, frozenset(modifiers))
        if key not in self._roles:
            self._roles[key] = self._find_role_holders(head, modifiers)
        holders = self._roles[key]
        earlier = [h for h in holders if h[0] < position]
        if not holders:
            return None
        if not earlier and self.article.sentence_of(holders[0][0]) - self.article.sentence_of(position) > 2:
            return None
        chosen = earlier[-1] if earlier else holders[0]  # else one named just after ("the home secretary, X, said")
        entity = self.entities.entity_for(chosen[1], (), chosen[0])
        return entity if self.entities.typed(entity).kind in ("person", "unknown") else None

    def _find_role_holders(self, head: str, modifiers: set) -> list[tuple[int, str]]:
        if self._lower is None:
            self._lower = self.article.masked.lower()
        demonyms = [m for m in modifiers if m in self.lex.demonyms_lower]
        found = []
        for role in LEADER_ROLES if head in LEADER_WORDS else [head]:
            start = self._lower.find(role)
            while start >= 0:
                end = start + len(role)
                context = self._lower[max(0, start - 40):end]
                bounded = (start == 0 or not self._lower[start - 1].isalnum()) and not self._lower[end:end + 1].isalnum()
                if bounded and all(d in context for d in demonyms):
                    found += self._holders_at(start, end, modifiers)
                start = self._lower.find(role, end)
        return sorted(found)

    def _holders_at(self, start: int, end: int, modifiers: set = frozenset()) -> list[tuple[int, str]]:
        """Names introduced by the role at ``masked[start:end]``: after it, or in an apposition. A role
        qualified otherwise ("shadow chancellor" for "the chancellor") introduces nobody."""
        before_word = re.search(r"([a-z-]+)[ \u00a0]+$", self._lower[max(0, start - 20):start])
        if before_word and before_word.group(1) in QUALIFIERS and before_word.group(1) not in modifiers:
            return []
        text, out = self.article.masked, []
        for match in (_ROLE_THEN_NAME_RE.match(text, end), _ROLE_COMMA_NAME_RE.match(text, end)
                      if self._lower[max(0, start - 40):start].rfind("the") >= 0 else None):
            if match:
                out.append((match.start(1), match.group(1)))
        low = max(0, start - 100)
        before = _NAME_COMMA_THE_RE.search(text[low:start])
        if before:
            out.append((low + before.start(1), before.group(1)))
        names = []
        for position, surface in out:
            split = self.parser.split_name(surface.split())
            if split is not None:
                names.append((position, " ".join(split[2])))
        return names

    def _organisation(self, head: str, modifiers: set, position: int) -> Entity | None:
        before = [m for k in range(self.article.sentence_of(position) + 1) for m in self.finder.mentions_in(k)
                  if m.start < position and self.entities.typed(m.entity).kind == "organisation"]
        named = [m for m in before if head in m.entity.canonical.lower().split() or head in m.entity.roles]
        if named:  # the one sharing most words with the description, the latest among equals
            shared = [len(modifiers & set(m.entity.canonical.lower().split())) for m in named]
            return named[max(range(len(named)), key=lambda i: (shared[i], i))].entity
        if modifiers - self.lex.demonyms_lower:  # "the health board", with no board named: nobody
            return None
        k = self.article.sentence_of(position)
        for j in range(k, max(k - 3, -1), -1):  # "Real Sociedad said …. "…," the club said"
            for mention in self.finder.mentions_in(j):
                entity = self.entities.typed(mention.entity)
                speaks = speaks_after(self.article.text, mention.end) or speaks_after(self.article.text, mention.end + 1) and \
                    self.article.text.startswith(", ", mention.start - 2) and self.article.text[mention.end] == ","  # "The buyer, X, said"
                if mention.start < position and speaks and entity.kind != "place" \
                        and not (entity.kind == "person" and entity.evidence > 0):
                    return entity
        counts: dict[str, int] = {}
        for mention in before:
            counts[mention.entity.canonical] = counts.get(mention.entity.canonical, 0) + 1
        if not counts:
            return None
        best = max(counts, key=lambda name: (counts[name], -next(i for i, m in enumerate(before)
                                                                 if m.entity.canonical == name)))
        return self.entities.get(best)


def _expanded(roles: set) -> set:
    """Roles, with "president", "prime minister"… also counting as "leader"."""
    out = set(roles)
    if roles & LEADER_WORDS:
        out.add("leader")
    joined = " ".join(sorted(roles))
    if "prime" in roles and "minister" in roles:
        out.add("prime minister")
    return out | set(joined.split())
