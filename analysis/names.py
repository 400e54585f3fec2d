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
    "during under over into through against about between among without within despite amid like unlike "
    "including according however meanwhile moreover nevertheless instead because whether although speaking "
    "asked told said says earlier later now today yesterday tonight last next either neither whether".split())
_INNER_BREAKS = frozenset("and or but nor with like as than to from in on at by for".split())
_HE = frozenset({"he", "him", "his", "himself"})
_SHE = frozenset({"she", "her", "hers", "herself"})
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]imself|[Hh]erself)\b")
_AGE_RE = re.compile(r"^,\s*\d{1,3},")
_APPOSITION_RE = re.compile(r"^,\s*(?:who\b|whose\b|(?:a|an|the|its|his|her|their|[A-Z][\w'’.-]*['’]s?)\s+"
                            r"(?:[\w'’-]+\s+){0,5}?([a-z][\w-]*)(?=\s*[,.;]|\s+(?:of|at|for|in|with|from|who)\b))")
_ROLE_BEFORE_RE = re.compile(r"(?:^|[\s(])(?:([a-z][\w-]+),?|[Tt]he[ \u00a0]+((?:[a-z][\w-]*[ \u00a0]+){0,3}[a-z][\w-]*),)"
                             r"[ \u00a0]+$")  # "coach Gary Stead", "The education secretary, Charles Clarke"
_MULTI_TOKEN = r"(?:(?:Mr|Mrs|Ms|Dr|St|Sen|Gov|Rep|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr)\.|[A-Z][\w'’-]*)"
_CAPS_AFTER_RE = re.compile(r"(?:[ \u00a0]+(?:(?:de|da|van|von|der|bin|al)[ \u00a0]+)?[A-Z][\w'’-]*)*")
_MULTI_TOKEN_RE = re.compile(_MULTI_TOKEN)
_PARTICLES = frozenset("de da van von der den du le la bin al".split())
_MID_SENTENCE_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,;:)")
_LEADING = " \"“‘'«„「『([—–-\0"
_PRONOUN_CAPS = frozenset("He She It They We His Her Its Their I".split())
_POSTNOMINALS = frozenset("QC KC MP MEP MSP Jr Sr II III IV OBE CBE MBE KBE DBE PhD MD Esq".split())
_MALE_NOUNS = frozenset("man boy frenchman englishman welshman irishman dutchman scot king prince".split())
_FEMALE_NOUNS = frozenset("woman girl actress frenchwoman englishwoman queen princess".split())
_THE_RE = re.compile(r"\b[Tt]he[ \u00a0]([a-z][\w-]*)(?![’'])(?:[ \u00a0]([a-z][\w-]*)(?![’']))?"
                     r"(?:[ \u00a0]([a-z][\w-]*)(?![’']))?")
_NAME_AFTER_ROLE = r"[A-Z][\w'’.-]*(?:[ \u00a0][A-Z][\w'’.-]*){0,3}"
_ROLE_THEN_NAME_RE = re.compile(rf"[ \u00a0]+({_NAME_AFTER_ROLE})")
_ROLE_COMMA_NAME_RE = re.compile(rf",[ \u00a0]+({_NAME_AFTER_ROLE}),")
_NAME_COMMA_THE_RE = re.compile(rf"({_NAME_AFTER_ROLE}),[ \u00a0]+(?:the|a|an|its|his|her|their|[A-Z][\w-]*['’]s)"
                                rf"(?:[ \u00a0][\w'’-]+){{0,4}}?[ \u00a0]$")
_PREPOSITION_RE = re.compile(r"[ \u00a0]+(?:at|of|in|on|for|from|with|to|who|which|that)[ \u00a0]")
_NOUN_AFTER_RE = re.compile(r"[ \u00a0]+([a-z]+)\b(?![ \u00a0]+[A-Z])")
_PERSONAL_BODIES = frozenset("administration government team side camp family campaign office".split())
_ORG_TAIL_RE = re.compile(r"[ \u00a0]+(of|for|and|&)[ \u00a0]+(the[ \u00a0]+)?[A-Z][\w'’-]*(?:[ \u00a0]+[A-Z][\w'’-]*)*")
_OF_TAIL_RE = re.compile(r"(?:[ \u00a0]+(?:of|for)(?:[ \u00a0]+the)?(?:[ \u00a0]+[A-Z][\w'’-]*)+)+")
_PARTICLE_SURNAME_RE = re.compile(r"(?:de|da|di|van|von|der|den|du|le|la|al|el|bin|ibn)[ \u00a0]+[A-Z][\w'’-]+")
_QUALIFIERS = frozenset("shadow deputy vice assistant junior former acting interim ex-".split())
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|at|near|outside|across|around|towards)[ \u00a0]+$")
_INTRODUCED_RE = re.compile(r",[ \u00a0]+(?:the|a|an|its|which|who)[ \u00a0]")
_DOCUMENTS = frozenset("report statement study paper letter survey document readout filing complaint lawsuit "
                       "analysis poll memo ruling judgment judgement release email post article book order".split())
_LEADER_ROLES = ["leader", "president", "premier", "prime minister", "chancellor", "king", "queen"]
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
    street_titles: frozenset = frozenset()
    title_modifiers: frozenset = frozenset()
    surname_place_words: frozenset = frozenset()
    state_bodies: frozenset = frozenset()


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
                   street_titles=words("street_titles"), title_modifiers=words("title_modifiers"),
                   surname_place_words=words("surname_place_words"), state_bodies=words("state_bodies"),
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
    gathered: bool = False  # evidence read from the article (see NameIndex.typed)
    description: str = ""  # for a person the article does not name: how it describes them ("one resident")

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
    """The names of one article (outside quotes), resolved lazily: only what a query needs is read.

    ``sentences`` are ``(start, end)`` spans; ``quotes`` are ``(start, end)`` spans of quoted text, whose
    names are neither antecedents nor evidence. A sentence's names are scanned the first time a query
    looks at that sentence, and an entity's evidence is gathered (from every place its name occurs) the
    first time it is met, so the cost follows the number of attributions, not the number of names.
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]], quotes: list[tuple[int, int]] = (), *,
                 masked: str | None = None):
        self.text = text
        self.lex = lexicon()
        self.sentences = list(sentences)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.quotes = sorted(quotes)
        self.quote_starts = [a for a, _ in self.quotes]
        self.masked = masked if masked is not None else mask_quotes(text, self.quotes)
        self._by_core: dict[str, Entity] = {}
        self._sentence_mentions: dict[int, list[Mention]] = {}
        self._descriptions: dict[int, list[Mention]] = {}
        self._anonymous: dict[int, list[Mention]] = {}
        self._speaking: dict[int, bool] = {}
        self._occurrences: dict[str, tuple[int, list[int]]] = {}
        self._seen_mid: dict[str, bool] = {}
        self._fuller: dict[str, list[tuple[int, str, tuple]]] = {}
        self._longer: dict[str, str] = {}
        self._roles: dict[tuple, list[tuple[int, str]]] = {}
        self._lower: str | None = None

    # -- scanning, one sentence at a time -------------------------------------------------------------
    def sentence_of(self, position: int) -> int:
        return max(bisect_right(self.sentence_starts, position) - 1, 0)

    def mentions_in(self, k: int) -> list[Mention]:
        """The names of sentence ``k`` (outside quotes), each with its entity."""
        if k not in self._sentence_mentions:
            start, end = self.sentences[k]
            found, cursor = [], start
            for match in NAME_RE.finditer(self.masked, start, end):
                token = match.group(0)
                if match.start() < cursor or (" " not in token and token.lower() in _FUNCTION_CAPS):
                    continue
                cursor = self._organisation_end(match.start(), match.end())
                mention = self._mention(match.start(), self.masked[match.start():cursor],
                                        initial=not self.masked[start:match.start()].strip(_LEADING))
                if mention is not None:
                    found.append(mention)
            self._sentence_mentions[k] = found
        return self._sentence_mentions[k]

    def descriptions_in(self, k: int) -> list[Mention]:
        """"the prime minister", "the company" in sentence ``k``, where they resolve to an entity."""
        if k not in self._descriptions:
            nouns = self.lex.person_nouns | self.lex.org_nouns
            start, end = self.sentences[k]
            found = []
            for match in _THE_RE.finditer(self.masked, start, end):
                words = [w for w in match.groups() if w]
                head = next((i for i, w in enumerate(words) if w in nouns), None)
                if head is None:
                    continue
                stop = match.start(head + 1) + len(words[head])
                phrase = self.text[match.start():stop]
                entity = self.resolve_description(phrase, match.start(), fallback=False, descriptions=False)
                if entity is not None:
                    found.append(Mention(match.start(), stop, phrase, entity.canonical, entity))
            self._descriptions[k] = found
        return self._descriptions[k]

    def anonymous_in(self, k: int) -> list[Mention]:
        """People sentence ``k`` describes without naming, as the subject of a sentence or after a verb
        of saying: "A woman who lives nearby said", "said one resident", "One parent held up …". Their
        entity's ``canonical`` is "unknown" and its ``description`` the words used."""
        if k not in self._anonymous:
            start, end = self.sentences[k]
            found = []
            for match in _INDEFINITE_RE.finditer(self.masked, start, end):
                head = anonymous_head(match.group(1), self.lex)
                if head is None or not self._speaker_position(start, match.start()):
                    continue
                gender = "m" if head in _MALE_NOUNS else "f" if head in _FEMALE_NOUNS else None
                stop = match.start(1) + match.group(1).index(head) + len(head)
                entity = Entity("unknown", "person", gender, {head}, 3, True, self.text[match.start():stop])
                reach = _PHRASE_END_RE.search(self.masked, stop, end)  # the description runs to a comma or verb
                found.append(Mention(match.start(), reach.start() if reach else end, entity.description, "", entity))
            self._anonymous[k] = found
        return self._anonymous[k]

    def _speaker_position(self, sentence_start: int, position: int) -> bool:
        """Whether a phrase at ``position`` opens its sentence or follows a verb of saying."""
        before = self.masked[sentence_start:position].strip(_LEADING + ",.;:!?…”’\"' \u00a0")
        return not before or _ends_with_speech_verb(before)

    @property
    def mentions(self) -> list[Mention]:
        """Every name and resolved description of the article, in order (scans the whole article)."""
        out = []
        for k in range(len(self.sentences)):
            out += self.mentions_in(k) + self.descriptions_in(k)
        return sorted(out, key=lambda m: m.start)

    def _organisation_end(self, start: int, end: int) -> int:
        """Where a name starting at ``start`` ends, once "of"/"for"/"and" inside an organisation's name
        are read too: "Bank of Norland", "Centre for Transport Safety", "Department of Health and Social
        Care", "Fire and Rescue Service" (but "Xi and Lukashenko", "Rovers and Castleton" stay apart)."""
        org_words, opened = self.lex.org_words, False
        while True:
            tail = _ORG_TAIL_RE.match(self.masked, end)
            if tail is None:
                return end
            before = self.masked[start:end].split()[-1].lower().rstrip(".")
            last = tail.group(0).split()[-1].lower().rstrip(".")
            if tail.group(1) in ("of", "for") and before in org_words:
                opened = True
            elif not (tail.group(1) in ("and", "&") and not tail.group(2) and
                      (opened or (before not in org_words and last in org_words))):
                return end
            end = tail.end()

    def _mention(self, start: int, surface: str, *, initial: bool) -> Mention | None:
        parts = [(start + t.start(), start + t.end(), t.group(0)) for t in re.finditer(r"\S+", surface)]
        split = self.split_name([p[2] for p in parts], initial=initial)
        if split is None:
            return None
        skip, titles, tokens, possessive = split
        if not self._is_name(tokens, titles, initial and skip == 0):
            return None
        last = parts[skip + len(titles) + len(tokens) - 1]
        end = last[0] + len(tokens[-1]) if possessive else last[1]
        start = parts[skip][0]
        core = " ".join(tokens)
        entity = self.entity_for(core, tuple(titles), start)
        mention = Mention(start, end, self.text[start:end], core, entity, tuple(titles), possessive)
        if titles:
            self._title_evidence(entity, titles)
        return mention

    def _is_name(self, tokens: list[str], titles, initial: bool) -> bool:
        if len(tokens) > 1 or titles:
            return True
        word, lex = tokens[0].lower(), self.lex
        if word in lex.not_names or word in lex.titles or tokens[0] in lex.demonyms or word in lex.person_nouns:
            return False
        return not initial or self.seen_mid_sentence(tokens[0]) or tokens[0] in lex.given or \
            self._introduced(tokens[0])

    def _introduced(self, token: str) -> bool:
        """A sentence's first word that is a name all the same: "Brightway, the supermarket chain, said"."""
        text = self.masked
        if token.endswith("s") and token.lower()[:-1] not in self.lex.org_words:  # "Economists said": a noun
            return False
        return any(_INTRODUCED_RE.match(text, start + len(token)) or _speaks(text, start + len(token))
                   for start in self.occurrences(token, limit=4))

    def seen_mid_sentence(self, token: str) -> bool:
        """Whether ``token`` occurs somewhere after another word of its sentence (then it is a name)."""
        if token not in self._seen_mid:
            text = self.masked
            self._seen_mid[token] = any(text[:start].rstrip(" \u00a0")[-1:] in _MID_SENTENCE_BEFORE
                                        for start in self.occurrences(token, limit=20) if start > 1)
        return self._seen_mid[token]

    def occurrences(self, word: str, *, limit: int) -> list[int]:
        """Where ``word`` occurs as a whole word outside quotes (at most ``limit`` places; cached)."""
        known = self._occurrences.get(word)
        if known is not None and (known[0] >= limit or len(known[1]) < known[0]):
            return known[1][:limit]
        found = self._find_occurrences(word, limit)
        self._occurrences[word] = (limit, found)
        return found

    def _find_occurrences(self, word: str, limit: int) -> list[int]:
        text, out, start = self.masked, [], 0
        while len(out) < limit:
            start = text.find(word, start)
            if start < 0:
                break
            before = text[start - 1] if start else " "
            after = text[start + len(word):start + len(word) + 1]
            if not (before.isalnum() or before in "'’-") and not (after.isalnum() or after == "-"):
                out.append(start)
            start += len(word)
        return out

    def split_name(self, tokens: list[str], *, initial: bool = False):
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
        while len(tokens) > 1 and (tokens[0].lower() in lex.not_names or  # "On Tuesday Trump said"
                                   (tokens[0].lower() in _FUNCTION_CAPS and not tokens[0].isupper())):
            tokens.pop(0)  # "Thursday the NYPD said"
            skip += 1
        for size in (3, 2, 1):  # "In New Jersey Trump said": a place before a name, with no comma
            if len(tokens) > size and " ".join(tokens[:size]) in lex.places and tokens[0] not in lex.given and \
                    tokens[-1].lower() not in lex.org_words and tokens[-1].lower() not in lex.place_words:
                del tokens[:size]
                skip += size
                break
        if "of" in tokens[1:] and tokens[tokens.index("of", 1) - 1].lower() not in lex.org_words:
            head = tokens[:tokens.index("of", 1)]  # "Joe Musselman of The Honor Foundation": Joe Musselman
            if all(w.lower() in lex.titles for w in head):
                return None  # "Director of Public Policy Polling", "Secretary of State": a post, no name
            tokens = head
        cut_at = next((i for i, w in enumerate(tokens) if i and w.lower() in _INNER_BREAKS
                       and not _joins_organisation(tokens, i, lex.org_words)), None)
        if cut_at is not None:  # "Ukraine And France" in spun text: two names
            tokens = tokens[:cut_at]
        while len(tokens) > 1 and (tokens[-1].rstrip(".,") in _POSTNOMINALS or tokens[-1] in _PRONOUN_CAPS):
            tokens.pop()
        if len(tokens) > 1 and len(tokens[0]) > 2 and _POSSESSIVE_RE.search(tokens[0]) and \
                tokens[-1].lower() not in lex.org_words:
            tokens.pop(0)
            skip += 1
        if initial and len(tokens) > 2 and tokens[0] not in lex.given and \
                (_looks_like_role(tokens[0].lower()) or tokens[0].lower() in lex.person_nouns) \
                and not self.seen_mid_sentence(tokens[0]):
            tokens.pop(0)
            skip += 1
        if not tokens:
            return None
        cut = self._title_prefix(tokens)
        titles, tokens = tokens[:cut], tokens[cut:]
        possessive = len(tokens[-1]) > 2 and _POSSESSIVE_RE.search(tokens[-1]) is not None
        if possessive:
            tokens[-1] = _POSSESSIVE_RE.sub("", tokens[-1])
        tokens = [t.rstrip(".") if len(t) > 3 else t for t in tokens]
        return skip, titles, tokens, possessive

    def _title_prefix(self, tokens: list[str]) -> int:
        """How many leading tokens are titles (with whatever stands before the last title)."""
        lex = self.lex
        cut = 0
        for i, token in enumerate(tokens[:-1]):
            word = token.lower()
            if word in lex.titles or (word.endswith("-elect") and word[:-6] in lex.titles):
                if word in lex.title_modifiers and tokens[i + 1].lower() not in lex.titles:
                    continue  # "North State Power": "State" qualifies no title here
                cut = i + 1
        while cut == 0 and len(tokens) > 2 and tokens[0] in lex.demonyms and tokens[1] in lex.given:
            cut = 1  # "Spanish Carla Ruiz"
        rest = [w.lower().rstrip(".") for w in tokens[cut:]]
        street = len(rest) == 1 and rest[0] in lex.place_words and tokens[cut - 1].lower().rstrip(".") in \
            lex.street_titles  # "King Street", but "Mrs Hill" and "Judge Hall" are people
        if cut and (rest[-1] in lex.org_words or street):
            return 0
        return cut

    def in_quote(self, position: int) -> bool:
        k = bisect_right(self.quote_starts, position) - 1
        return k >= 0 and self.quotes[k][0] <= position < self.quotes[k][1]

    # -- entities -------------------------------------------------------------------------------------
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
        candidates = self._fuller_names(token)
        if gender:
            candidates = [c for c in candidates if self._gender_of(c[1]) in (gender, None)] or candidates
        if not candidates:
            return token
        last = [c for c in candidates if c[1].endswith(" " + token) or c[1].split()[-1].endswith("-" + token)]
        pool = last or candidates
        earlier = [c for c in pool if c[0] <= position]
        return (earlier[-1] if earlier else pool[0])[1]

    def _longer_organisation(self, core: str) -> str:
        """"Reserve Bank" → "Reserve Bank of Caldera" where the article writes it so; else ``core``."""
        if core.split()[-1].lower().rstrip(".") not in self.lex.org_words:
            return core
        if core not in self._longer:
            longest = core
            for start in self.occurrences(core, limit=10):
                tail = _OF_TAIL_RE.match(self.masked, start + len(core))
                if tail:
                    split = self.split_name((core + tail.group(0)).split())
                    name = " ".join(split[2]) if split else core
                    longest = name if len(name) > len(longest) else longest
            self._longer[core] = longest
        return self._longer[core]

    def _fuller_names(self, token: str) -> list[tuple[int, str, tuple]]:
        """``(position, name, titles)`` of every name of two words or more that holds ``token`` (or whose
        initials it is, for an acronym)."""
        if token not in self._fuller and not (token.isupper() and len(token) > 1):
            entries = []
            for start in self.occurrences(token, limit=40):  # read around each place the word occurs
                before = self.masked[_caps_before(self.masked, start):start]
                tail = _CAPS_AFTER_RE.match(self.masked, start + len(token))
                after = tail.group(0) if tail else ""
                if before or after:
                    entries.append((start - len(before), before + token + after))
            self._fuller[token] = self._longer_names(token, entries)
        if token not in self._fuller:  # an acronym: the names whose initials it is
            self._fuller[token] = self._longer_names(token, self._initial_matches(token))
        return self._fuller[token]

    def _initial_matches(self, acronym: str) -> list[tuple[int, str]]:
        pattern = r"[ \u00a0]+(?:(?:of|the|and|for|on)[ \u00a0]+)*".join(
            (r"(?<![\w'’])" if i == 0 else "") + rf"{letter}[\w'’-]+" for i, letter in enumerate(acronym))
        return [(m.start(), m.group(0)) for m in re.finditer(pattern, self.masked)]

    def _longer_names(self, token: str, entries: list[tuple[int, str]]) -> list[tuple[int, str, tuple]]:
        found = []
        for start, surface in entries:
            split = self.split_name(surface.split(), initial=True)
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

    def _entity_gender(self, entity: Entity) -> str | None:
        return entity.gender or self.lex.given.get(entity.tokens[0])

    def _title_evidence(self, entity: Entity, titles) -> None:
        gender = self._honorific_gender(titles)
        if gender and not entity.gender:
            entity.gender = gender
        entity.roles.update(t.lower().rstrip(".") for t in titles)
        if any(t.lower() in self.lex.titles for t in titles):
            self._type(entity, "person", 3)

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
        for start in self.occurrences(entity.tokens[-1], limit=4):
            self._context_evidence(entity, start, start + len(entity.tokens[-1]))
        if " " in entity.canonical and entity.kind == "unknown" and not entity.canonical.isupper():
            self._type(entity, "person", 0)  # two capitalised words and nothing else: probably a person

    def _context_evidence(self, entity: Entity, start: int, end: int) -> None:
        """Evidence around one occurrence: titles and a role before it, an age or an apposition after it."""
        lex, text = self.lex, self.masked
        name_start = _caps_before(text, start)
        if name_start < start:
            words = text[name_start:start].split()
            own = entity.tokens[:-1]
            if own and words[-len(own):] == own:  # "North State" before "Power" is the name itself
                words = words[:-len(own)]
            titles = [t for i, t in enumerate(words) if t in lex.demonyms or t.lower() in lex.titles and not (
                t.lower() in lex.title_modifiers and (i + 1 == len(words) or words[i + 1].lower() not in lex.titles))]
            if titles:
                self._title_evidence(entity, titles)
        possessive = text[end:end + 2] in ("'s", "’s")
        after = text[end:end + 90]
        if _AGE_RE.match(after):
            self._type(entity, "person", 3)
        apposition = _APPOSITION_RE.match(after)
        if apposition and not possessive:
            noun = apposition.group(1) or ""
            if after.lstrip(", ").startswith(("who ", "whose ")):
                self._type(entity, "person", 2)
            elif noun in lex.org_nouns:
                self._type(entity, "organisation", 3)
            elif noun:
                entity.roles.add(noun)
                if noun in lex.person_nouns or _looks_like_role(noun):
                    self._type(entity, "person", 2)
        elif after.startswith((", which ", ", whose ")) and not possessive:
            self._type(entity, "organisation", 4)  # "Ambassador Stages, which owns the theatre": no person
        noun_after = _NOUN_AFTER_RE.match(after)
        if noun_after and noun_after.group(1) in lex.org_nouns and noun_after.group(1) not in _PERSONAL_BODIES:
            self._type(entity, "organisation", 2)  # "the United Food Workers union"
            entity.roles.add(noun_after.group(1))
        role = _ROLE_BEFORE_RE.search(text, max(0, name_start - 40), name_start)
        if role:
            self._role_evidence(entity, role.group(1), role.group(2))
        if _PLACE_BEFORE_RE.search(text, max(0, name_start - 12), name_start) and name_start == start:
            self._type(entity, "place", 1)  # "in Denver", "near Talca"

    def _role_evidence(self, entity: Entity, word: str, apposition: str | None) -> None:
        lex = self.lex
        words = (apposition or word).split()
        noun = words[-1] if words else word
        if noun in lex.org_nouns and noun not in _LEADER_WORDS:
            self._type(entity, "organisation", 2)
            entity.roles.add(noun)
        elif noun not in _FUNCTION_CAPS and (noun in lex.person_nouns or _looks_like_role(noun)):
            self._type(entity, "person", 2)
            entity.roles.add(noun)
            entity.roles.update(w for w in words[:-1] if w in lex.demonyms_lower)

    @staticmethod
    def _type(entity: Entity, kind: str, strength: int) -> None:
        if strength > entity.evidence or entity.kind == "unknown":
            entity.kind, entity.evidence = kind, max(strength, entity.evidence)

    # -- lookups --------------------------------------------------------------------------------------
    def core_of(self, surface: str) -> tuple[str, tuple, bool] | None:
        """``(core name, titles, possessive)`` of a name as written ("Mr Blair's" → "Blair", ("Mr",), True)."""
        split = self.split_name(surface.split(), initial=True)
        if split is None:
            return None
        _, titles, tokens, possessive = split
        return " ".join(tokens), tuple(titles), possessive

    def canonical(self, surface: str, position: int) -> Entity | None:
        """The entity a name written at ``position`` refers to ("Mr Blair" → Tony Blair), or None when it
        is no name (a sentence's first word never seen as a name elsewhere: "Critics", "Observers")."""
        parsed = self.core_of(surface)
        if parsed is None:
            return None
        core, titles, possessive = parsed
        tokens = core.split()
        if not self._is_name(tokens, titles, True):
            acronym = core.isupper() and len(core) > 1
            if not (acronym or self._fuller_names(core)):
                return None
        entity = self.entity_for(core, titles, position)
        if titles:
            self._title_evidence(entity, titles)
        return entity

    def nearest(self, position: int, *, kind: str = "person", gender: str | None = None,
                roles: set | None = None, sentences: int = 12, descriptions: bool = True,
                anonymous: bool = False) -> Entity | None:
        """The nearest entity of ``kind`` mentioned before ``position`` (outside quotes), looking back at
        most ``sentences`` sentences; with ``anonymous``, a person the article does not name ("one
        resident said") counts too, where the sentence names no one else who fits.

        Within the nearest sentence that mentions one, the subject of a speech verb wins ("…, Lukashenko
        stressed"), then a well-attested one, then the first (the subject)."""
        k = self.sentence_of(position)
        for j in range(k, max(k - sentences, -1), -1):
            candidates = self.mentions_in(j) + (self.descriptions_in(j) if descriptions and k - 2 <= j < k else [])
            found = [m for m in sorted(candidates, key=lambda m: m.start) if m.start < position and
                     not m.possessive and (self._fits(m.entity, kind, gender, roles) or
                                           (kind == "person" and not roles and m.entity.kind == "unknown"
                                            and self.speaks_at(m.end)))]
            unnamed = self.anonymous_in(j) if anonymous else []
            if unnamed:  # "A woman from the town of Sela said …": Sela is no antecedent
                found = [m for m in found if not any(u.start < m.start < u.end for u in unnamed)]
            if unnamed and not found:  # "A man who farms nearby said …. "…," he said": nobody named
                found = [m for m in unnamed if m.start < position and
                         (gender is None or m.entity.gender in (None, gender))]
            if found:
                speaking = [m for m in found if self.speaks_at(m.end)]
                attested = [m for m in found if m.entity.evidence > 0]
                return (speaking or attested or found)[0].entity
        return None

    def speaks_at(self, end: int) -> bool:
        """Whether the name ending at ``end`` is the subject of a speech verb (cached)."""
        if end not in self._speaking:
            self._speaking[end] = _speaks(self.text, end)
        return self._speaking[end]

    def _fits(self, entity: Entity, kind: str, gender: str | None, roles: set | None) -> bool:
        self.typed(entity)
        if kind == "person":
            if entity.kind != "person":
                return False
            found = self._entity_gender(entity)
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
        words = [w for w in words if w not in _FUNCTION_CAPS]
        if not words:
            return None
        head, modifiers = words[-1], set(words[:-1])
        if head in self.lex.org_nouns and head not in _LEADER_WORDS:
            return self._organisation(head, modifiers, position)
        if not _person_noun(head, self.lex):
            return None
        unnamed = self._unnamed_with(head, position)
        if unnamed is not None:  # "A Western diplomat said …. "…," the diplomat said": still nobody named
            return unnamed
        entity = self._role_holder(head, modifiers, position)
        possessed = re.match(r"(?i:his|her|their|its|our|my)\b|\S+['’]s\b", description.strip()) is not None
        if entity is None and fallback and not possessed and \
                _person_noun(head, self.lex):
            gender = "m" if head in _MALE_NOUNS else "f" if head in _FEMALE_NOUNS else None
            entity = self.nearest(position, gender=gender, descriptions=descriptions)
        return entity

    def _unnamed_with(self, head: str, position: int) -> Entity | None:
        """A person described with this noun but not named ("a Western diplomat") within the three
        sentences before ``position``, if the article names nobody with that role in between."""
        k = self.sentence_of(position)
        for j in range(k, max(k - 4, -1), -1):
            for mention in reversed(self.anonymous_in(j)):
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
        if not earlier and self.sentence_of(holders[0][0]) - self.sentence_of(position) > 2:
            return None
        chosen = earlier[-1] if earlier else holders[0]  # else one named just after ("the home secretary, X, said")
        entity = self.entity_for(chosen[1], (), chosen[0])
        return entity if self.typed(entity).kind in ("person", "unknown") else None

    def _find_role_holders(self, head: str, modifiers: set) -> list[tuple[int, str]]:
        if self._lower is None:
            self._lower = self.masked.lower()
        demonyms = [m for m in modifiers if m in self.lex.demonyms_lower]
        found = []
        for role in _LEADER_ROLES if head in _LEADER_WORDS else [head]:
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
        if before_word and before_word.group(1) in _QUALIFIERS and before_word.group(1) not in modifiers:
            return []
        text, out = self.masked, []
        for match in (_ROLE_THEN_NAME_RE.match(text, end), _ROLE_COMMA_NAME_RE.match(text, end)
                      if self._lower[max(0, start - 40):start].rfind("the") >= 0 else None):
            if match:
                out.append((match.start(1), match.group(1)))
        before = _NAME_COMMA_THE_RE.search(text, max(0, start - 100), start)
        if before:
            out.append((before.start(1), before.group(1)))
        names = []
        for position, surface in out:
            split = self.split_name(surface.split())
            if split is not None:
                names.append((position, " ".join(split[2])))
        return names

    def _organisation(self, head: str, modifiers: set, position: int) -> Entity | None:
        before = [m for k in range(self.sentence_of(position) + 1) for m in self.mentions_in(k)
                  if m.start < position and self.typed(m.entity).kind == "organisation"]
        named = [m for m in before if head in m.entity.canonical.lower().split() or head in m.entity.roles]
        if named:  # the one sharing most words with the description, the latest among equals
            shared = [len(modifiers & set(m.entity.canonical.lower().split())) for m in named]
            return named[max(range(len(named)), key=lambda i: (shared[i], i))].entity
        if modifiers - self.lex.demonyms_lower:  # "the health board", with no board named: nobody
            return None
        k = self.sentence_of(position)
        for j in range(k, max(k - 3, -1), -1):  # "Real Sociedad said …. "…," the club said"
            for mention in self.mentions_in(j):
                entity = self.typed(mention.entity)
                speaks = _speaks(self.text, mention.end) or _speaks(self.text, mention.end + 1) and \
                    self.text.startswith(", ", mention.start - 2) and self.text[mention.end] == ","  # "The buyer, X, said"
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
        return self._by_core[best]


def _person_noun(word: str, lex: Lexicon) -> bool:
    """"teenager", "37-year-old", "fly-half", "left-armer": a noun for a person (not "report", "statement")."""
    if word in lex.person_nouns or re.fullmatch(r"\d+-year-old", word):
        return True
    return word not in lex.org_nouns and word not in _DOCUMENTS and ("-" in word or _looks_like_role(word))


_INDEFINITE_RE = re.compile(r"(?<![\w'’])(?:[Aa]n?|[Oo]ne|[Aa]nother)((?:[ \u00a0]+[\w'’-]+){1,4})")
_PHRASE_END_RE = re.compile(r"[,;:]|\b(?:said|says|told|tells|added|wrote|asked|was|is|had|has)\b")
_ANONYMOUS_STOPS = frozenset("who whose which that of from in at near on with said says told added".split())


def anonymous_head(words: str, lex: Lexicon) -> str | None:
    """The noun for a person in the words after "a"/"one"/"another" ("senior Vetrian official" →
    "official"), read up to a relative pronoun or preposition; None when there is none."""
    head = None
    for word in words.split():
        bare = word.rstrip(",.;:")
        if bare.lower() in _ANONYMOUS_STOPS:
            break
        word = bare.lower() if bare.isupper() and len(bare) > 1 else bare  # "one MP who …"
        if word.islower() and _person_noun(word, lex) and word not in _QUALIFIERS and word not in ("former", "retired"):
            head = word
        if bare != word:
            break
    return head


@lru_cache(maxsize=1)
def _speech_verb_forms() -> frozenset:
    from analysis.speakers import speech_verbs

    return frozenset(speech_verbs())


def _ends_with_speech_verb(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1] in _speech_verb_forms()


def _caps_before(text: str, start: int, *, limit: int = 80) -> int:
    """Where the run of capitalised words (titles, names, particles between them) that ends, with a
    space, right before ``start`` begins; ``start`` when there is none. Reads at most ``limit`` characters."""
    floor, head, cursor, particle = max(0, start - limit), start, start, False
    while cursor > floor:
        end = cursor
        while end > floor and text[end - 1] in " \u00a0":
            end -= 1
        word_start = end
        while word_start > floor and not text[word_start - 1].isspace():
            word_start -= 1
        if end == cursor or end == word_start or (word_start == floor and floor > 0):
            break
        word = text[word_start:end]
        if _MULTI_TOKEN_RE.fullmatch(word):
            head, particle = word_start, False
        elif word in _PARTICLES and not particle:
            particle = True  # counts only with a capitalised word before it ("Pieter de Vries")
        else:
            break
        cursor = word_start
    return head


def _joins_organisation(tokens: list[str], i: int, org_words: frozenset) -> bool:
    """Whether the small word ``tokens[i]`` is inside an organisation's name rather than between two
    names: "Institute for Fiscal Studies", "Department of Health and Social Care", "Fire and Rescue
    Service" (but "Ukraine And France", "Rovers and Castleton United" are two names)."""
    word, before = tokens[i].lower(), tokens[i - 1].lower().rstrip(".")
    if word in ("of", "for"):
        return before in org_words
    if word not in ("and", "&") or i + 1 >= len(tokens):
        return False
    opened = any(tokens[j].lower().rstrip(".") in org_words and tokens[j + 1].lower() in ("of", "for")
                 for j in range(i - 1))
    return opened or (before not in org_words and tokens[-1].lower().rstrip(".") in org_words)


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
    out = [(m.start, m.end, text[m.start:m.end], m.entity.canonical, index.typed(m.entity).kind)
           for m in index.mentions]
    for match in _PRONOUN_RE.finditer(text):
        if index.in_quote(match.start()):
            continue
        entity = index.resolve_pronoun(match.group(0), match.start())
        if entity is not None and not entity.description:
            out.append((match.start(), match.end(), match.group(0), entity.canonical, entity.kind))
    return sorted(out)


_NICKNAME_RE = re.compile("[ \u00a0][\"“‘'«]\0{1,30}[\"”’'»][ \u00a0](?=[A-Z])")
_WORD_BEFORE_RE = re.compile(r"(?<![\w'’])[A-Z][a-z][\w'’-]*$")


def mask_quotes(text: str, quotes: list[tuple[int, int]]) -> str:
    """The text with every quoted character replaced by NUL (offsets are kept); a nickname between a
    given name and a surname (Marcus "Tank" Reilly) becomes spaces, so that the name reads whole."""
    pieces, cursor = [], 0
    for start, end in sorted(quotes):
        start = max(start, cursor)
        if end <= start:
            continue
        pieces += [text[cursor:start], "\0" * (end - start)]
        cursor = end
    pieces.append(text[cursor:])
    masked = "".join(pieces)
    nicknames = [m.span() for m in _NICKNAME_RE.finditer(masked) if _WORD_BEFORE_RE.search(masked, max(0, m.start() - 40), m.start())]
    for start, end in reversed(nicknames):  # Marcus "Tank" Reilly: a given name, a nickname, a surname
        masked = masked[:start] + " " * (end - start) + masked[end:]
    return masked


@lru_cache(maxsize=1)
def _speaks_re() -> re.Pattern:
    from analysis.speakers import alternation, speech_verbs

    verbs = alternation(speech_verbs())
    return re.compile(rf"^(?:,[^,]{{1,90}},)?[ \u00a0]+(?:\w+[ \u00a0]+){{0,2}}?{verbs}\b")


def _speaks(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is the subject of a speech verb ("Lukashenko stressed")."""
    return _speaks_re().match(text[end:end + 120]) is not None
