"""Entities and their types: who or what each name of an article refers to, under its fullest form.

:class:`Entities` keeps the article's entities (one per canonical name) and types them by the evidence the
article gives (see :mod:`analysis.voices.names`): the fullest form of a name ("Blair" → "Tony Blair", "WHO" →
"World Health Organization"), then its kind (person, organisation, place), gender and roles, gathered once,
the first time an entity is met. :class:`Entity` and :class:`Mention` are what the other parts hand around.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.voices.names.affiliation import (gendered_noun, organisation_after, organisation_name, party_state_after,
                                              role_phrase as _role_phrase, title_statement)
from analysis.voices.names.lexicon import FUNCTION_CAPS, LEADER_WORDS, Lexicon, looks_like_role
from analysis.voices.names.parse import ArticleText, NameParser, caps_before, ends_with_speech_verb

_AGE_RE = re.compile(r"^,\s*(\d{1,3}),")
_APPOSITION_RE = re.compile(r"^,\s*(?:who\b|whose\b|(?:a|an|the|its|his|her|their|[A-Z][\w'’.-]*['’]s?)\s+"
                            r"(?:[\w'’-]+\s+){0,5}?([a-z][\w-]*)(?=\s*[,.;]|\s+(?:of|at|for|in|with|from|who)\b))")
_ROLE_BEFORE_RE = re.compile(r"(?:^|[\s(])(?:([a-z][\w-]+),?|[Tt]he[ \u00a0]+((?:[a-z][\w-]*[ \u00a0]+){0,3}[a-z][\w-]*),)"
                             r"[ \u00a0]+$")  # "coach Gary Stead", "The education secretary, Charles Clarke"
_CAPS_AFTER_RE = re.compile(r"(?:[ \u00a0]+(?:(?:de|da|van|von|der|bin|al)[ \u00a0]+|(?:[A-Z]\.[ \u00a0]+)+)?"
                            r"(?![DRI]-[A-Z])[A-Z][\w'’-]*)*")  # "James" → "James B. Calloway"; not "(D-Ga.)"
_NOUN_AFTER_RE = re.compile(r"[ \u00a0]+([a-z]+)\b(?![ \u00a0]+[A-Z])")
_PERSONAL_BODIES = frozenset("administration government team side camp family campaign office".split())
_OF_TAIL_RE = re.compile(r"(?:[ \u00a0]+(?:of|for)(?:[ \u00a0]+the)?(?:[ \u00a0]+[A-Z][\w'’-]*)+)+")
_PARTICLE_SURNAME_RE = re.compile(r"(?:de|da|di|van|von|der|den|du|le|la|al|el|bin|ibn)[ \u00a0]+[A-Z][\w'’-]+")
_STATED_CUE_RE = re.compile(r"[ \u00a0]*\(|,[ \u00a0]|[ \u00a0]+of[ \u00a0]")  # "(D-Ga.)", ", R-Tenn.", " of Nebraska"
_QUOTED_NAME_RE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]++(?:[ \u00a0]+[A-Z]\.)*)[ \u00a0]+([A-Z][\w'’-]+)(?![\w'’-])")
# Searched in the 60 characters before a name: a run of at most 10 capitalised words, tried from word starts.
_ROLE_RUN_RE = re.compile(r"(?<![\w.&'’-])(?:((?:[A-Z][\w.&'’-]*+[ \u00a0]+){1,10}))?((?:[a-z][\w-]*+[ \u00a0]+){0,2})$")
_KIN_BEFORE_RE = re.compile(r"\b(?:his|her|their|its)[ \u00a0]+(?:husband|wife|son|daughter|brother|sister|"
                            r"mother|father|brother-in-law|sister-in-law|nephew|niece|cousin|widow|widower|"
                            r"partner)[,\s\u00a0]*$")
_INITIALS_ONLY_RE = re.compile(r"(?:[A-Z]\.[ \u00a0]*)+[A-Z][\w'’-]+$")  # "F. C. Meyer", "P.J. Crowley"
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|at|near|outside|across|around|towards)[ \u00a0]+$")


@dataclass
class Entity:
    """One person, organisation or place of an article, under its canonical (fullest) name."""

    canonical: str
    kind: str = "unknown"
    gender: str | None = None
    roles: set = field(default_factory=set)
    evidence: int = 0  # how strongly the kind is attested (0: a guess)
    gathered: bool = False  # evidence read from the article (see NameIndex.typed)
    description: str = ""  # for a person the article does not name: how it describes them ("one resident")
    shown: str | None = None  # the gender the article shows (an honorific, a gendered noun, "he"/"she"), never a name's
    role: str | None = None  # the role the article gives ("senator", "deputy attorney general", "lawyer")
    role_from_title: bool = False  # the role is a title before the name (it wins over an apposition's)
    party: str | None = None  # stated: "(D-Ga.)" → Democrat
    state: str | None = None  # stated: "(D-Ga.)" → Georgia
    organisation: str | None = None  # stated: "of the ACLU", "FBI Director X", "a spokeswoman for the department"
    age: int | None = None  # stated: "Denise Forbes, 52,"

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


class Entities:
    """The entities of one article, by canonical name, each typed once from the article's evidence."""

    def __init__(self, article: ArticleText, lex: Lexicon, parser: NameParser):
        self.article, self.lex, self.parser = article, lex, parser
        self._by_core: dict[str, Entity] = {}
        self._fuller: dict[str, list[tuple[int, str, tuple]]] = {}
        self._longer: dict[str, str] = {}
        self._quoted: dict[str, tuple] | None = None  # surname → its full name inside a quote (read once)

    def get(self, canonical: str) -> Entity:
        """The entity of a canonical name already met."""
        return self._by_core[canonical]

    def attest(self, entity: Entity, kind: str) -> None:
        """What an attribution showed an entity to be ("a spokeswoman for Gulfstream": an organisation)."""
        self.typed(entity)
        self._type(entity, kind, 3)

    def known(self, canonical: str) -> Entity | None:
        """The entity of a canonical name already met, or None."""
        return self._by_core.get(canonical)

    def entity_for(self, core: str, titles: tuple = (), position: int = 0) -> Entity:
        """The entity a name refers to, under the fullest form the article gives."""
        if " " not in core or _PARTICLE_SURNAME_RE.fullmatch(core):
            canonical = self._fullest(core, self._honorific_gender(titles), position)
        else:
            canonical = self._longer_organisation(core)
        entity = self._by_core.get(canonical)
        if entity is None:
            entity = self._by_core[canonical] = Entity(canonical)
        return entity

    def typed(self, entity: Entity) -> Entity:
        """The entity, with its type, gender and roles gathered from the article (once)."""
        if not entity.gathered:
            entity.gathered = True
            self._gather_evidence(entity)
        return entity

    def _fullest(self, token: str, gender: str | None, position: int) -> str:
        """The longer name a single word belongs to ("Blair" → "Tony Blair", "Xi" → "Xi Jinping", "WHO" →
        "World Health Organization"): the nearest earlier one of a compatible gender, else the first later."""
        candidates = self.fuller_names(token)
        if gender:
            candidates = [c for c in candidates if self._gender_of(c[1]) in (gender, None)] or candidates
        if not candidates:
            return token
        last = [c for c in candidates if c[1].endswith(" " + token) or c[1].split()[-1].endswith("-" + token)]
        pool = last or candidates
        spelled = [c for c in pool if not _INITIALS_ONLY_RE.match(c[1])]
        pool = spelled or pool  # "Frederick Charles Meyer" over "F. C. Meyer"
        if len({c[1] for c in pool}) > 1:  # "her husband, Paul Quist": a relative is named in full, not by surname
            kin = {c[1] for c in pool if _KIN_BEFORE_RE.search(self.article.masked, max(0, c[0] - 30), c[0])}
            pool = [c for c in pool if c[1] not in kin] or pool
        earlier = [c for c in pool if c[0] <= position]
        return (earlier[-1] if earlier else pool[0])[1]

    def _longer_organisation(self, core: str) -> str:
        """"Reserve Bank" → "Reserve Bank of Caldera" where the article writes it so; else ``core``."""
        if core.split()[-1].lower().rstrip(".") not in self.lex.org_words:
            return core
        if core not in self._longer:
            longest = core
            for start in self.article.occurrences(core, limit=10):
                tail = _OF_TAIL_RE.match(self.article.masked, start + len(core))
                if tail:
                    split = self.parser.split_name((core + tail.group(0)).split())
                    name = " ".join(split[2]) if split else core
                    longest = name if len(name) > len(longest) else longest
            self._longer[core] = longest
        return self._longer[core]

    def fuller_names(self, token: str) -> list[tuple[int, str, tuple]]:
        """``(position, name, titles)`` of every name of two words or more that holds ``token`` (or whose
        initials it is, for an acronym)."""
        if token not in self._fuller and not (token.isupper() and len(token) > 1):
            entries = []
            for start in self.article.occurrences(token, limit=40):  # read around each place the word occurs
                before = self.article.masked[caps_before(self.article.masked, start):start]
                tail = _CAPS_AFTER_RE.match(self.article.masked, start + len(token))
                after = tail.group(0) if tail else ""
                if before or after:
                    entries.append((start - len(before), before + token + after))
            self._fuller[token] = self._longer_names(token, entries) or self._quoted_fuller(token)
        if token not in self._fuller:  # an acronym: the names whose initials it is
            self._fuller[token] = self._longer_names(token, self._initial_matches(token))
        return self._fuller[token]

    def _quoted_fuller(self, token: str) -> list[tuple[int, str, tuple]]:
        """Where the article gives a surname's full name only inside a quote ("The chair of the board, Douglas
        Fairweather, told me …" in a statement; then "Fairweather added"): that full name, for the surname's
        canonical form only (names inside quotes are never antecedents)."""
        if not self.article.quotes or not token[:1].isupper() or token.isupper():
            return []
        if self._quoted is None:
            self._quoted = {}
            for start, end in self.article.quotes:
                for match in _QUOTED_NAME_RE.finditer(self.article.text, start, end):
                    first = match.group(1).split()[0]
                    if first.lower() not in self.lex.titles and first.lower() not in FUNCTION_CAPS and \
                            first not in self.lex.places and first not in self.lex.demonyms:
                        self._quoted.setdefault(match.group(2), (match.start(), match.group(0), ()))
        found = self._quoted.get(token)
        return [found] if found else []

    def _initial_matches(self, acronym: str) -> list[tuple[int, str]]:
        pattern = r"[ \u00a0]+(?:(?:of|the|and|for|on)[ \u00a0]+)*".join(
            (r"(?<![\w'’])" if i == 0 else "") + rf"{letter}[\w'’-]+" for i, letter in enumerate(acronym))
        return [(m.start(), m.group(0)) for m in re.finditer(pattern, self.article.masked)]

    def _longer_names(self, token: str, entries: list[tuple[int, str]]) -> list[tuple[int, str, tuple]]:
        found = []
        for start, surface in entries:
            split = self.parser.split_name(surface.split(), initial=True, located=self.parser.located(start))
            if split is None or len(split[2]) < 2:
                continue
            name = " ".join(split[2])
            if name not in self.lex.places and (token in split[2] or _initials(name) == token or
                                                (" " in token and name.endswith(" " + token))):
                found.append((start, name, tuple(split[1])))
        return found

    def _gender_of(self, name: str) -> str | None:
        entity = self._by_core.get(name)
        return (entity.gender if entity else None) or self.lex.given.get(name.split()[0])

    def _honorific_gender(self, titles) -> str | None:
        if not titles:
            return None
        words = {t.lower().rstrip(".") for t in titles}
        if words & self.lex.male_words:
            return "m"
        if words & self.lex.female_words:
            return "f"
        return None

    def entity_gender(self, entity: Entity) -> str | None:
        return entity.gender or self.lex.given.get(entity.tokens[0])

    def title_evidence(self, entity: Entity, titles, *, run=None) -> None:
        """What titles before a name say of it: a person, a gender (an honorific, "Congresswoman"), roles, and
        what the whole run of capitalised words states (``run``: "Georgia Republican Party Chairman")."""
        gender = self._honorific_gender(titles) or gendered_noun(titles)
        if gender and not entity.gender:
            entity.gender = gender
        entity.shown = entity.shown or gender
        entity.roles.update(t.lower().rstrip(".") for t in titles)
        if any(t.lower() in self.lex.titles for t in titles):
            self._type(entity, "person", 3)
            stated = title_statement(run or titles, self.lex)
            entity.party = entity.party or stated.party
            entity.organisation = entity.organisation or stated.organisation
            if stated.role and not entity.role_from_title:
                entity.role, entity.role_from_title = stated.role, True

    def _gather_evidence(self, entity: Entity) -> None:
        """Type an entity from its name, then from the first places the article names it."""
        lex = self.lex
        words = [w.lower().strip(".") for w in entity.tokens]
        if entity.canonical in lex.places:
            self._type(entity, "place", 4)
            return
        if words[-1] in lex.org_words or any(w in lex.org_words for w in words[1:]):
            self._type(entity, "organisation", 3)
        elif len(words) > 1 and words[-1] in lex.place_words and not (
                words[-1] in lex.surname_place_words and entity.tokens[0] in lex.given):
            self._type(entity, "place", 3)
        elif (entity.canonical.isupper() and len(entity.canonical) > 1) or words[0] in lex.org_words:
            self._type(entity, "organisation", 1)
        if entity.tokens[0] in lex.given and len(entity.tokens) > 1:
            self._type(entity, "person", 2)
            entity.gender = entity.gender or lex.given[entity.tokens[0]]
        for start in self.article.occurrences(entity.tokens[-1], limit=4):
            self._context_evidence(entity, start, start + len(entity.tokens[-1]))
        if " " in entity.canonical and entity.kind == "unknown" and not entity.canonical.isupper():
            self._type(entity, "person", 0)  # two capitalised words and nothing else: probably a person

    def _context_evidence(self, entity: Entity, start: int, end: int) -> None:
        """Evidence around one occurrence: titles and a role before it, an age or an apposition after it."""
        lex, text = self.lex, self.article.masked
        name_start = caps_before(text, start)
        if name_start < start:
            words = text[name_start:start].split()
            own = entity.tokens[:-1]
            if own and words[-len(own):] == own:  # "North State" before "Power" is the name itself
                words = words[:-len(own)]
            elif own and words and not _titled(words[-1], lex):
                return  # "Desmond Kilbride" is no evidence about Randall Kilbride
            titles = [t for i, t in enumerate(words) if t in lex.demonyms or t.lower() in lex.titles and not (
                t.lower() in lex.title_modifiers and (i + 1 == len(words) or words[i + 1].lower() not in lex.titles))]
            if titles:
                self.title_evidence(entity, titles, run=words)
        possessive = text[end:end + 2] in ("'s", "’s")
        after = text[end:end + 90]
        age = _AGE_RE.match(after)
        if age:
            self._type(entity, "person", 3)
            entity.age = entity.age or int(age.group(1))
        self._stated_evidence(entity, text, end, possessive)
        apposition = _APPOSITION_RE.match(after)
        if apposition and not possessive:
            noun = apposition.group(1) or ""
            if after.lstrip(", ").startswith(("who ", "whose ")):
                self._type(entity, "person", 2)
            elif noun in lex.org_nouns:
                self._type(entity, "organisation", 3)
            elif noun:
                entity.roles.add(noun)
                if noun in lex.person_nouns or looks_like_role(noun):
                    self._type(entity, "person", 4 if noun in lex.person_nouns else 2)  # "Ellery Banks, a … analyst"
                    entity.role = entity.role or _role_phrase(apposition.group(0), noun)
                    entity.shown = entity.shown or gendered_noun([noun])
        elif after.startswith((", which ", ", whose ")) and not possessive:
            self._type(entity, "organisation", 4)  # "Ambassador Stages, which owns the theatre": no person
        noun_after = _NOUN_AFTER_RE.match(after)
        if noun_after and noun_after.group(1) in lex.org_nouns and noun_after.group(1) not in _PERSONAL_BODIES:
            self._type(entity, "organisation", 2)  # "the United Food Workers union"
            entity.roles.add(noun_after.group(1))
        role = _ROLE_BEFORE_RE.search(text, max(0, name_start - 40), name_start)
        if role:
            self._role_evidence(entity, role.group(1), role.group(2))
            if role.group(1):  # "White House press secretary Kendra Albright", "council member Priya Castañeda"
                self._role_run(entity, text, role.start(1), role.group(1))
        if _PLACE_BEFORE_RE.search(text, max(0, name_start - 12), name_start) and name_start == start:
            self._type(entity, "place", 1)  # "in Denver", "near Talca"

    def _role_evidence(self, entity: Entity, word: str, apposition: str | None) -> None:
        lex = self.lex
        words = (apposition or word).split()
        noun = words[-1] if words else word
        if noun in lex.org_nouns and noun not in LEADER_WORDS:
            self._type(entity, "organisation", 2)
            entity.roles.add(noun)
        elif noun not in FUNCTION_CAPS and (noun in lex.person_nouns or looks_like_role(noun)):
            self._type(entity, "person", 2)
            entity.roles.add(noun)
            entity.roles.update(w for w in words[:-1] if w in lex.demonyms_lower)
            entity.role = entity.role or " ".join(words)
            entity.shown = entity.shown or gendered_noun([noun])

    def _role_run(self, entity: Entity, text: str, at: int, word: str) -> None:
        """The role words before a name, and the organisation before them: "White House press secretary"."""
        if entity.kind != "person" or entity.role_from_title:
            return
        found = _ROLE_RUN_RE.search(text, max(0, at - 60), at)
        if found is None:
            return
        extra = found.group(2).split()
        if extra and (extra[-1] in FUNCTION_CAPS or ends_with_speech_verb(extra[-1])):
            extra = []
        if entity.role == word and extra:
            entity.role = f"{extra[-1]} {word}"
        org = organisation_name(found.group(1).split(), self.lex) if found.group(1) and not extra[:-1] else None
        if org:
            entity.organisation = entity.organisation or org

    def _stated_evidence(self, entity: Entity, text: str, end: int, possessive: bool) -> None:
        """A party and state ("(D-Ga.)", ", R-Tenn.", ", Republican of Kansas") or an organisation (", president
        of the Tarrytown Neighbors Association") stated right after a name."""
        if possessive:
            return
        after = text[end:end + 40]
        if not _STATED_CUE_RE.match(after):
            return  # nothing after the name can state a party, a state or an organisation
        party, state = party_state_after(text, end)
        if party or state:
            self._type(entity, "person", 3)
            entity.party, entity.state = entity.party or party, entity.state or state
            return
        found = organisation_after(text, end) if after.startswith(",") else None
        if found and found[0] in self.lex.person_nouns | {"head"} or found and looks_like_role(found[0]):
            entity.organisation = entity.organisation or found[1]

    @staticmethod
    def _type(entity: Entity, kind: str, strength: int) -> None:
        if strength > entity.evidence or entity.kind == "unknown":
            entity.kind, entity.evidence = kind, max(strength, entity.evidence)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _titled(word: str, lex: Lexicon) -> bool:
    """Whether a capitalised word before a surname is a title (not another person's given name)."""
    bare = word.lower().rstrip(".,")
    return bare in lex.titles or bare in lex.male_words or bare in lex.female_words or word in lex.demonyms or \
        word.isupper() or word.endswith(("'s", "’s"))
