"""Names of people, organisations and places within one article: canonical forms, types, pronouns.

No model is downloaded: names are runs of capitalised words, typed by the evidence the article gives.

- **Canonical name**: the fullest form the article gives. "Mr Blair" and "Blair" map to "Tony Blair" (the
  last word of a longer name; or its first word, for "Xi" and "Xi Jinping"); titles and honorifics
  ("President", "Mr", "Detective Inspector"), demonyms ("Belarusian") and a possessive "'s" are not part
  of a name; an acronym maps to the name it abbreviates ("WHO" → "World Health Organization").
- **Type** (``person``, ``organisation``, ``place``, ``unknown``), by evidence: a title or honorific, a
  given name (``data/given_names.txt``), a role before the name ("coach Gary Stead") or an apposition
  after it ("Whitcombe, 58,", "Raman, the chief executive,") make a person; an organisation word
  ("Bank", "Ministry", "FC"), an organisation noun around it ("the union Usdaw", "Brightway, the
  supermarket chain,") an organisation; ``data/places.txt`` and place words ("Street", "Bridge") a place.
  The word lists are data: ``data/names.yml``, ``data/demonyms.txt``, ``data/places.txt``.
- **Gender**, where the article shows it: an honorific (Mr, Mrs, Ms, Sir, Dame) or a given name.
- **Pronouns** ("he", "she") resolve to the nearest earlier *person* of a compatible gender, outside
  quotes, never to a place, an organisation or a date; "it" to the nearest organisation.
- **Descriptions** ("the prime minister", "the company", "the teenager") resolve to the person whose
  title or role the article gave ("Prime Minister Tony Blair"), else to the nearest person (or
  organisation, for "the company").

:func:`resolve_mentions` is the public entry point for other modules (the stance measure uses it).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from analysis.paths import DATA_DIR

NAMES_YML = DATA_DIR / "names.yml"
PLACES_TXT = DATA_DIR / "places.txt"
DEMONYMS_TXT = DATA_DIR / "demonyms.txt"
GIVEN_NAMES_TXT = DATA_DIR / "given_names.txt"

_TOKEN = (r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|St|Prof|Rev|Jr|Sr|Supt|Insp|Det)\.(?=\s)"
          r"|(?:Mc|Mac|O['’]|D['’]|[Aa]l-|[Ee]l-)?[A-Z][\w]*(?:[-'’][A-Za-z]\w*)*)")
_CONNECT = r"(?:de|da|di|do|dos|du|van|von|der|den|le|la|bin|ibn|al|el|y)"
NAME_RE = re.compile(rf"(?<![\w'’])(?=[A-Z]){_TOKEN}(?:[ \u00a0]+(?:{_CONNECT}[ \u00a0]+)?{_TOKEN})*")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_FUNCTION_CAPS = frozenset(
    "the a an this that these those it its he she they we i you his her their our my your in on at for from "
    "with by as but and or so yet if when while after before since although though what who how why where "
    "which there here then also not no yes all both each every some many most more other such one two "
    "during under over into through against about between among without within despite amid".split())
_HE = frozenset({"he", "him", "his", "himself"})
_SHE = frozenset({"she", "her", "hers", "herself"})
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]imself|[Hh]erself)\b")
_AGE_RE = re.compile(r"^,\s*\d{1,3},")
_APPOSITION_RE = re.compile(r"^,\s*(?:who\b|whose\b|(?:a|an|the|its|his|her|their|[A-Z][\w'’.-]*['’]s?)\s+"
                            r"(?:[\w'’-]+\s+){0,5}?([a-z][\w-]*)(?=\s*[,.;]|\s+(?:of|at|for|in|with|from|who)\b))")
_ROLE_BEFORE_RE = re.compile(r"(?:^|[\s(])([a-z][\w-]+)[ \u00a0]+$")
_PRONOUN_CAPS = frozenset("He She It They We His Her Its Their I".split())
_POSTNOMINALS = frozenset("QC KC MP MEP MSP Jr Sr II III IV OBE CBE MBE KBE DBE PhD MD Esq".split())
_MALE_NOUNS = frozenset("man boy frenchman englishman welshman irishman dutchman scot king prince".split())
_FEMALE_NOUNS = frozenset("woman girl actress frenchwoman englishwoman queen princess".split())
_THE_RE = re.compile(r"\b[Tt]he[ \u00a0]([a-z][\w-]*)(?![’'])(?:[ \u00a0]([a-z][\w-]*)(?![’']))?"
                     r"(?:[ \u00a0]([a-z][\w-]*)(?![’']))?")
_LEADER_WORDS = frozenset("leader president premier chancellor minister king queen head chief".split())


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


def _word_list(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled word lists, read once per process."""
    spec = yaml.safe_load(NAMES_YML.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset:
        return frozenset(str(spec.get(key) or "").lower().split())

    given: dict[str, str | None] = {}
    for line in _word_list(GIVEN_NAMES_TXT):
        name, _, gender = line.partition(" ")
        given[name] = gender.strip() if name not in given else None  # listed twice: either gender
    demonyms = frozenset(_word_list(DEMONYMS_TXT))
    male, female = words("honorifics_male"), words("honorifics_female")
    return Lexicon(titles=words("titles") | {w.rstrip(".") for w in words("titles")}, male=male, female=female,
                   org_words=words("org_words"), place_words=words("place_words"), org_nouns=words("org_nouns"),
                   person_nouns=words("person_nouns"), not_names=words("not_names"),
                   places=frozenset(_word_list(PLACES_TXT)), demonyms=demonyms, given=given,
                   demonyms_lower=frozenset(d.lower() for d in demonyms),
                   male_words=frozenset(w.rstrip(".") for w in male), female_words=frozenset(w.rstrip(".") for w in female))


@dataclass
class Entity:
    """One person, organisation or place of an article, under its canonical (fullest) name."""

    canonical: str
    kind: str = "unknown"
    gender: str | None = None
    roles: set = field(default_factory=set)
    evidence: int = 0  # how strongly the kind is attested (0: a guess)
    seen: int = 0  # mentions looked at so far

    @property
    def tokens(self) -> list[str]:
        return self.canonical.split()


@dataclass
class Mention:
    """A name in the text: ``text[start:end]`` is ``surface``; ``entity`` is what it refers to."""

    start: int
    end: int
    surface: str
    core: str
    entity: Entity | None = None
    titles: tuple = ()
    possessive: bool = False


class NameIndex:
    """The names of one article (outside quotes), grouped into entities, with pronoun resolution.

    ``sentences`` are ``(start, end)`` spans; ``quotes`` are ``(start, end)`` spans of quoted text, whose
    names are neither antecedents nor evidence.
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]], quotes: list[tuple[int, int]] = ()):
        self.text = text
        self.lex = lexicon()
        self.sentence_starts = [s for s, _ in sentences]
        self.quotes = sorted(quotes)
        self.quote_starts = [a for a, _ in self.quotes]
        self.mentions = self._scan()
        self.entities: list[Entity] = []
        self._group()
        self.starts = [m.start for m in self.mentions]
        self._add_descriptions()

    # -- scanning -------------------------------------------------------------------------------------
    def _scan(self) -> list[Mention]:
        raw = []
        for match in NAME_RE.finditer(self.text):
            token = match.group(0)
            if (" " not in token and token.lower() in _FUNCTION_CAPS) or self.in_quote(match.start()):
                continue
            raw.append((match, self._sentence_initial(match.start())))
        mid_sentence = {_POSSESSIVE_RE.sub("", token) for m, initial in raw if not initial
                        for token in m.group(0).split()}
        self.mid_sentence = mid_sentence
        mentions = []
        for match, initial in raw:
            mention = self._mention(match, mid_sentence, initial)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _mention(self, match: re.Match, mid_sentence: set, initial: bool) -> Mention | None:
        """A name match → a mention (see :meth:`split_name`); a sentence's first word counts as a name
        only if it is seen mid-sentence too."""
        parts = [(match.start() + t.start(), match.start() + t.end(), t.group(0))
                 for t in re.finditer(r"\S+", match.group(0))]
        split = self.split_name([p[2] for p in parts], initial=initial, mid_sentence=mid_sentence)
        if split is None:
            return None
        skip, titles, tokens, possessive = split
        last = parts[skip + len(titles) + len(tokens) - 1]
        end = last[0] + len(tokens[-1]) if possessive else last[1]
        lex = self.lex
        if len(tokens) == 1 and not titles:
            word = tokens[0].lower()
            if word in lex.not_names or word in lex.titles or tokens[0] in lex.demonyms:
                return None
            if initial and skip == 0 and tokens[0] not in mid_sentence:
                return None
        start = parts[skip][0]
        return Mention(start, end, self.text[start:end], " ".join(tokens), titles=tuple(titles),
                       possessive=possessive)

    def split_name(self, tokens: list[str], *, initial: bool = False, mid_sentence: set | None = None):
        """``(skipped, titles, name tokens, possessive)`` of a run of capitalised words, or None.

        Skipped: leading function words ("The"), a leading possessor ("Spain's Carla Ruiz"), a role word
        opening a sentence ("Producer Sam Okoro"). Titles: every token up to the last title word
        ("Senate Majority Leader Chuck Schumer", "China President Xi Jinping"), unless what remains is an
        organisation or a place ("Home Office", "General Motors"). Post-nominals ("QC") and pronouns at the
        end are dropped; a final "'s" is removed and flagged.
        """
        lex = self.lex
        tokens = list(tokens)
        skip = 0
        while tokens and not (tokens[0].isupper() and len(tokens[0]) > 1) and tokens[0].lower() in _FUNCTION_CAPS:
            tokens.pop(0)
            skip += 1
        while len(tokens) > 1 and (tokens[-1].rstrip(".,") in _POSTNOMINALS or tokens[-1] in _PRONOUN_CAPS):
            tokens.pop()
        if len(tokens) > 1 and len(tokens[0]) > 2 and _POSSESSIVE_RE.search(tokens[0]) and \
                tokens[-1].lower() not in lex.org_words:
            tokens.pop(0)
            skip += 1
        if initial and len(tokens) > 2 and tokens[0] not in (mid_sentence or ()) and tokens[0] not in lex.given \
                and _looks_like_role(tokens[0].lower()):
            tokens.pop(0)
            skip += 1
        if not tokens:
            return None
        cut = self._title_prefix(tokens)
        titles, tokens = tokens[:cut], tokens[cut:]
        possessive = len(tokens[-1]) > 2 and _POSSESSIVE_RE.search(tokens[-1]) is not None
        if possessive:
            tokens[-1] = _POSSESSIVE_RE.sub("", tokens[-1])
        return skip, titles, tokens, possessive

    def _title_prefix(self, tokens: list[str]) -> int:
        """How many leading tokens are titles (with whatever stands before the last title)."""
        lex = self.lex
        cut = 0
        for i, token in enumerate(tokens[:-1]):
            word = token.lower()
            if word in lex.titles:
                cut = i + 1
        while cut == 0 and len(tokens) > 2 and tokens[0] in lex.demonyms and tokens[1] in lex.given:
            cut = 1  # "Spanish Carla Ruiz"
        rest = [w.lower().rstrip(".") for w in tokens[cut:]]
        if cut and (rest[-1] in lex.org_words or (len(rest) == 1 and rest[0] in lex.place_words)):
            return 0
        return cut

    def _sentence_initial(self, position: int) -> bool:
        k = bisect_right(self.sentence_starts, position) - 1
        if k < 0:
            return True
        head = self.text[self.sentence_starts[k]:position]
        return not head.strip(" \"“‘'«„([—–-")

    def in_quote(self, position: int) -> bool:
        k = bisect_right(self.quote_starts, position) - 1
        return k >= 0 and self.quotes[k][0] <= position < self.quotes[k][1]

    # -- grouping and typing --------------------------------------------------------------------------
    def _group(self) -> None:
        by_name: dict[str, Entity] = {}
        for mention in self.mentions:  # full names first, in order
            if " " in mention.core and not self._is_place(mention.core):
                entity = by_name.get(mention.core)
                if entity is None:
                    entity = by_name[mention.core] = Entity(mention.core)
                    self.entities.append(entity)
                mention.entity = entity
        for mention in self.mentions:
            if mention.entity is None:
                mention.entity = self._attach(mention, by_name)
        for mention in self.mentions:
            self._evidence(mention)

    def _attach(self, mention: Mention, by_name: dict[str, Entity]) -> Entity:
        core = mention.core
        if core in by_name:
            return by_name[core]
        gender = self._honorific_gender(mention.titles)
        candidates = [e for e in self.entities if " " in e.canonical and core in e.tokens]
        if core.isupper() and len(core) >= 2:
            candidates = candidates or [e for e in self.entities if _initials(e.canonical) == core]
        if candidates:
            last = [e for e in candidates if e.tokens[-1] == core or e.tokens[-1].endswith("-" + core)]
            pool = last or candidates
            if gender:
                pool = [e for e in pool if self._entity_gender(e) in (gender, None)] or pool
            entity = pool[-1] if len(pool) > 1 else pool[0]
            by_name[core] = entity if len(pool) == 1 else by_name.get(core, entity)
            return entity
        entity = by_name[core] = Entity(core)
        self.entities.append(entity)
        return entity

    def _honorific_gender(self, titles) -> str | None:
        if not titles:
            return None
        words = {t.lower().rstrip(".") for t in titles}
        if words & self.lex.male_words:
            return "m"
        if words & self.lex.female_words:
            return "f"
        return None

    def _entity_gender(self, entity: Entity) -> str | None:
        return entity.gender or self.lex.given.get(entity.tokens[0])

    def _is_place(self, core: str) -> bool:
        return core in self.lex.places

    def _evidence(self, mention: Mention) -> None:
        entity, lex = mention.entity, self.lex
        entity.seen += 1
        if mention.titles:
            gender = self._honorific_gender(mention.titles)
            if gender and not entity.gender:
                entity.gender = gender
            entity.roles.update(t.lower().rstrip(".") for t in mention.titles)
            if any(t.lower() in lex.titles for t in mention.titles):
                self._type(entity, "person", 3)
        if entity.seen == 1:
            self._name_evidence(entity)
        if entity.seen <= 3 and entity.evidence < 3:  # the first mentions carry the introductions
            self._context_evidence(mention)

    def _name_evidence(self, entity: Entity) -> None:
        """What the name itself says: a place, an organisation word, a given name."""
        lex = self.lex
        words = [w.lower().strip(".") for w in entity.tokens]
        if entity.canonical in lex.places:
            self._type(entity, "place", 4)
        elif words[-1] in lex.org_words or any(w in lex.org_words for w in words[1:]):
            self._type(entity, "organisation", 3)
        elif len(words) > 1 and words[-1] in lex.place_words:
            self._type(entity, "place", 3)
        elif (entity.canonical.isupper() and len(entity.canonical) > 1) or words[0] in lex.org_words:
            self._type(entity, "organisation", 1)
        if entity.tokens[0] in lex.given and len(entity.tokens) > 1:
            self._type(entity, "person", 2)
            entity.gender = entity.gender or lex.given[entity.tokens[0]]

    def _context_evidence(self, mention: Mention) -> None:
        entity, lex, text = mention.entity, self.lex, self.text
        after = text[mention.end:mention.end + 90]
        if _AGE_RE.match(after):
            self._type(entity, "person", 3)
        apposition = _APPOSITION_RE.match(after)
        if apposition and not mention.possessive:
            noun = apposition.group(1) if apposition.group(1) else ""
            if after.lstrip(", ").startswith("whose") or after.lstrip(", ").startswith("who"):
                self._type(entity, "person", 2)
            elif noun in lex.org_nouns:
                self._type(entity, "organisation", 3)
            elif noun:
                entity.roles.add(noun)
                if noun in lex.person_nouns or _looks_like_role(noun):
                    self._type(entity, "person", 2)
        role = _ROLE_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
        if role and not mention.titles:
            word = role.group(1)
            if word in lex.org_nouns:
                self._type(entity, "organisation", 2)
            elif word not in _FUNCTION_CAPS and (word in lex.person_nouns or _looks_like_role(word)):
                self._type(entity, "person", 2)
                entity.roles.add(word)
        if " " in entity.canonical and entity.kind == "unknown" and not entity.canonical.isupper():
            self._type(entity, "person", 0)  # two capitalised words and nothing else: probably a person

    @staticmethod
    def _type(entity: Entity, kind: str, strength: int) -> None:
        if strength > entity.evidence or entity.kind == "unknown":
            entity.kind, entity.evidence = kind, max(strength, entity.evidence)

    # -- lookups --------------------------------------------------------------------------------------
    def core_of(self, surface: str) -> tuple[str, tuple, bool] | None:
        """``(core name, titles, possessive)`` of a name as written ("Mr Blair's" → "Blair", ("Mr",), True)."""
        split = self.split_name(surface.split(), initial=True, mid_sentence=self.mid_sentence)
        if split is None:
            return None
        _, titles, tokens, possessive = split
        return " ".join(t.rstrip(".") if len(t) > 3 else t for t in tokens), tuple(titles), possessive

    def canonical(self, surface: str, position: int) -> Entity | None:
        """The entity a name written at ``position`` refers to ("Mr Blair" → Tony Blair), or None when it
        is no name (a sentence's first word never seen as a name elsewhere: "Critics", "Observers")."""
        parsed = self.core_of(surface)
        if parsed is None:
            return None
        core, titles, possessive = parsed
        known = next((m.entity for m in self.mentions if m.core == core and m.entity), None)
        if known is not None:
            return known
        lex = self.lex
        if " " not in core and not titles and core not in self.mid_sentence and core not in lex.given and \
                not any(core in e.tokens for e in self.entities) and not (core.isupper() and len(core) > 1):
            return None
        if core.lower() in lex.not_names or core in lex.demonyms or core.lower() in lex.person_nouns:
            return None
        mention = Mention(position, position + len(surface), surface, core, titles=titles, possessive=possessive)
        mention.entity = self._attach(mention, {})
        self._evidence(mention)
        return mention.entity

    def _add_descriptions(self) -> None:
        """Add "the prime minister", "the company" as mentions of the entity they refer to (when one is
        found), so that a later "he" or "it" can refer through them."""
        nouns = self.lex.person_nouns | self.lex.org_nouns
        added = []
        for match in _THE_RE.finditer(self.text):
            words = [w for w in match.groups() if w]
            head = next((k for k, w in enumerate(words) if w in nouns), None)
            if head is None or self.in_quote(match.start()):
                continue
            end = match.start(head + 1) + len(words[head])
            phrase = self.text[match.start():end]
            entity = self.resolve_description(phrase, match.start(), fallback=False)
            if entity is not None:
                added.append(Mention(match.start(), end, phrase, entity.canonical, entity))
        if added:
            self.mentions = sorted(self.mentions + added, key=lambda m: m.start)
            self.starts = [m.start for m in self.mentions]

    def nearest(self, position: int, *, kind: str = "person", gender: str | None = None,
                roles: set | None = None, limit: int = 1500) -> Entity | None:
        """The nearest entity of ``kind`` mentioned before ``position`` (outside quotes).

        Within the nearest sentence that mentions one, the subject of a speech verb wins ("…, Lukashenko
        stressed"), then a well-attested one, then the first (the subject)."""
        k = bisect_right(self.starts, position) - 1
        floor = max(0, position - limit)
        sentence, found = None, []
        while k >= 0 and self.mentions[k].start >= floor:
            mention = self.mentions[k]
            entity = mention.entity
            if entity is not None and not mention.possessive and self._fits(entity, kind, gender, roles):
                here = bisect_right(self.sentence_starts, mention.start)
                if sentence is not None and here != sentence:
                    break
                sentence = here
                found.append(mention)
            k -= 1
        if not found:
            return None
        found.reverse()
        speaking = [m for m in found if _speaks(self.text, m.end)]
        attested = [m for m in found if m.entity.evidence > 0]
        return (speaking or attested or found)[0].entity

    def _fits(self, entity: Entity, kind: str, gender: str | None, roles: set | None) -> bool:
        if kind == "person":
            if entity.kind != "person":
                return False
            found = self._entity_gender(entity)
            if gender and found and found != gender:
                return False
        elif entity.kind != kind:
            return False
        return not roles or roles <= _expanded(entity.roles) or (
            bool(roles & _expanded(entity.roles)) and not (roles - _expanded(entity.roles)) & self.lex.demonyms_lower)


    def resolve_pronoun(self, pronoun: str, position: int) -> Entity | None:
        """The person (or, for "it", organisation) a pronoun at ``position`` refers to, or None."""
        word = pronoun.lower()
        if word in ("it", "its"):
            return self.nearest(position, kind="organisation")
        gender = "m" if word in _HE else "f" if word in _SHE else None
        if gender is None:
            return None
        entity = self.nearest(position, gender=gender)
        if entity is not None and entity.gender is None and self.lex.given.get(entity.tokens[0]) is None:
            entity.gender = gender  # learned: this person is referred to as he or she
        return entity

    def resolve_description(self, description: str, position: int, *, fallback: bool = True) -> Entity | None:
        """The entity a description at ``position`` refers to.

        "the prime minister", "the Belarusian leader": the person the article gave that title or role
        (a demonym must match too). "the company", "the firm": the organisation mentioned most so far;
        "the health board": an organisation whose name or role has those words. Without a titled match,
        a person noun ("the teenager", "the 37-year-old") refers to the nearest person (``fallback``)."""
        words = [w.lower() for w in re.findall(r"[\w'’-]+", description)]
        words = [w for w in words if w not in _FUNCTION_CAPS]
        if not words:
            return None
        head, modifiers = words[-1], set(words[:-1])
        if head in self.lex.org_nouns and head not in _LEADER_WORDS:
            return self._organisation(head, modifiers, position)
        roles = {head} | {f"{m} {head}" for m in modifiers} | (modifiers & self.lex.demonyms_lower)
        entity = self.nearest(position, roles=roles, limit=20000)
        if entity is None and fallback and (head in self.lex.person_nouns or re.fullmatch(r"\d+-year-old", head)):
            gender = "m" if head in _MALE_NOUNS else "f" if head in _FEMALE_NOUNS else None
            entity = self.nearest(position, gender=gender)
        return entity

    def _organisation(self, head: str, modifiers: set, position: int) -> Entity | None:
        before = [m for m in self.mentions if m.start < position and m.entity is not None
                  and m.entity.kind == "organisation"]
        named = [m for m in before if head in m.entity.canonical.lower().split() or head in m.entity.roles]
        if named:
            return named[-1].entity
        if modifiers - self.lex.demonyms_lower:  # "the health board", with no board named: nobody
            return None
        counts: dict[int, int] = {}
        for mention in before:
            counts[id(mention.entity)] = counts.get(id(mention.entity), 0) + 1
        if not counts:
            return None
        best = max(before, key=lambda m: (counts[id(m.entity)], -before.index(m)))
        return best.entity


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _looks_like_role(word: str) -> bool:
    return len(word) > 4 and word.endswith(("er", "ist", "ian", "or", "man", "woman", "ess", "ant", "ent"))


def _expanded(roles: set) -> set:
    """Roles, with "president", "prime minister"… also counting as "leader"."""
    out = set(roles)
    if roles & _LEADER_WORDS:
        out.add("leader")
    joined = " ".join(sorted(roles))
    if "prime" in roles and "minister" in roles:
        out.add("prime minister")
    return out | set(joined.split())


def resolve_mentions(text: str, sentence_spans: list[tuple[int, int]], *,
                     quotes: list[tuple[int, int]] = ()) -> list[tuple[int, int, str, str, str]]:
    """Every name and third-person pronoun of an article, resolved within the article.

    Returns ``(start, end, surface, canonical, kind)`` tuples in text order: ``text[start:end] == surface``;
    ``canonical`` is the fullest name the article gives ("Mr Blair" → "Tony Blair"; a pronoun → the person
    it refers to); ``kind`` is ``person``, ``organisation``, ``place`` or ``unknown`` (a pronoun takes its
    referent's kind; an unresolved pronoun is left out). ``sentence_spans`` are ``(start, end)`` offsets of
    the sentences (``split_sentences``'s ``start``/``end``); names inside ``quotes`` spans are skipped.
    """
    index = NameIndex(text, list(sentence_spans), list(quotes))
    out = [(m.start, m.end, text[m.start:m.end], m.entity.canonical, m.entity.kind)
           for m in index.mentions if m.entity is not None]
    for match in _PRONOUN_RE.finditer(text):
        if index.in_quote(match.start()):
            continue
        entity = index.resolve_pronoun(match.group(0), match.start())
        if entity is not None:
            out.append((match.start(), match.end(), match.group(0), entity.canonical, entity.kind))
    return sorted(out)


@lru_cache(maxsize=1)
def _speaks_re() -> re.Pattern:
    from analysis.speakers import speech_verbs

    verbs = "|".join(re.escape(v) for v in speech_verbs())
    return re.compile(rf"^(?:,[^,]{{1,90}},)?[ \u00a0]+(?:\w+[ \u00a0]+){{0,2}}?(?:{verbs})\b")


def _speaks(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is the subject of a speech verb ("Lukashenko stressed")."""
    return _speaks_re().match(text[end:end + 120]) is not None
