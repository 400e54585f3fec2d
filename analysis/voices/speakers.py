"""Who is speaking: the attribution next to a quote, resolved to a canonical name within the article.

The attribution is looked for in the text outside quotes of the quote's own sentence(s), in this order:

1. a tag after the quote: ``…," Lukashenko said``, ``…," said Amara Okafor, Nigeria's trade minister``,
   ``…," Ellison, who joined last year, said``, ``…," the prime minister told reporters``, and the same
   tag between two parts of one quote (``"…," she said, "…"``);
2. a tag before it: ``Mr Blair said: "…``, ``Xi said the two sides should "…"``;
3. ``cited X as saying``, ``described as "…" by X``, then ``according to X`` (which names a source of
   the report, so it yields to any other attribution in the sentence).

Speech verbs come from ``data/speech_verbs.txt`` (built from evidence: see its header). The speaker
found is resolved with :class:`analysis.voices.names.index.NameIndex`: names to their fullest form, "he"/"she" to the
nearest earlier person of that gender, "it" and "the company" to the nearest organisation, "the prime
minister" to the person the article gave that title, "a Treasury spokeswoman" to the Treasury. Where an
attribution names nobody ("one fan wrote", "officials said") the speaker is ``unknown``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis.resources.wordlists import speech_verbs
from analysis.text.patterns import alternation
from analysis.voices.descriptions import NAME_PATTERN, TRAILING_RE, Describer
from analysis.voices.documents import INTERNAL, ISSUED
from analysis.voices.names.affiliation import affiliation_text
from analysis.voices.names.index import NameIndex
from analysis.voices.names.lexicon import person_noun
from analysis.voices.names.parse import mask_quotes
from analysis.voices.unnamed import UNKNOWN


_NAME = NAME_PATTERN
_PRON = r"(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ww]e|I)"
_MEDIA = (r"(?:[A-Z][a-z]+[ \u00a0])?(?:state|official|local|national|government|foreign|international)[ \u00a0]"
          r"(?:media|television|TV|news[ \u00a0]agency|press|radio|broadcaster)")  # a body, named as such
_DESC_START = (r"(?<![\w'’-])(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Ss]everal|[Ss]ome|"
               r"[Mm]any|[Tt]wo|[Tt]hree|[Oo]ther|[A-Z][\w-]*['’]s)")
_DESC_WORD = (r"[ \u00a0](?!(?:he|she|it|they|we|I|would|will|had|has|have|was|were|is|are|could|should|"
              r"may|might|can|did|does|must|but|and|or|while|then|yet)\b)[\w'’.-]+")  # "the Financial Times he insisted": not one
_DESC = rf"(?:{_DESC_START}(?:{_DESC_WORD}){{1,6}})"  # greedy: after a verb ("said the club's coach")
_DESC_LAZY = rf"(?:{_DESC_START}(?:{_DESC_WORD}){{1,9}}?)"  # lazy: before a verb ("the company said")
_PREFIX = (r"(?:(?!(?:according|to|by|of|in|on|at|for|from|with|and|or|but|as)\b)[\w'’.-]+[ \u00a0]){0,4}?")
# a role before a name: "Argentine negotiator Luis Ferreyra"
_PARTY = r"(?:[ \u00a0]\([^()]{1,20}\))?"  # "Rep. Adam Schiff (D-CA) argued"
_TEAM_BODY = r"[ \u00a0]and[ \u00a0](?:his|her|their|its)[ \u00a0][\w-]+"
_TEAM = rf"(?:{_TEAM_BODY})?"  # "Sorensen and her colleagues"
_ONE = r"(?:[Oo]ne|[Aa]nother)(?=[ \u00a0]*[,.;:!?]|$)"  # "wrote another", "said one, who asked not to be named"
_ROLE_WORDS = (r"(?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)[ \u00a0]+)?"
               r"(?:(?!(?:the|an?|its|his|her|their|of|for|at|in|to|on|by|with|from|about|after|before)\b|\w+ing\b)"
               r"[a-z][\w'’-]*[ \u00a0]+){1,3}")  # "the novelist ", not "speaking to "
_TAG_END = (r"(?![\w'’-])[ \u00a0]*(?:$|[,.;:!?)—–-]|(?:[a-z][\w'’-]*[ \u00a0]+){1,3}[A-Z]|(?:a|an|the|on|in|at|of|for|after|before|during|while|when|to|from|with|who|whose|"
            r"as|outside|inside|yesterday|today|tonight|last|this|earlier|later|through|via|and|but|\w+ly|\w+ing)\b)")
# what may follow the speaker of an inverted tag ("…," said Ana Lupu, …); not a verb ("said the buyer would")
_REPORTING = frozenset({"report", "reported", "reports"})
_NAME_RE, _PRON_RE, _MEDIA_RE = re.compile(_NAME), re.compile(_PRON), re.compile(_MEDIA)
_TEAM_RE = re.compile(_TEAM_BODY)
_POSSESSOR_RE = re.compile(r"['’]s(?:[ \u00a0]+[a-z]|$)")
_ADV = (r"(?:also|later|then|again|simply|quickly|once|repeatedly|has|had|have|would|will|previously|earlier|"
        r"yesterday|today|tonight|on[ \u00a0]+[A-Z]\w+day|last[ \u00a0]+\w+|this[ \u00a0]+\w+|in[ \u00a0]+a[ \u00a0]+statement)")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    verb = alternation([v for v in speech_verbs() if not v.split()[0].endswith("ing")])  # "saying" is no tag
    documents = alternation(sorted(ISSUED | INTERNAL))
    who = rf"(?<![\w'’.-])(?P<who>{_DESC_LAZY}|{_ONE}|{_NAME}|{_PRON})"
    who_after = rf"(?P<who>{_MEDIA}|{_DESC}|{_ONE}|{_NAME}|{_PRON})"
    chunk = r"(?:[^,\"“”«»„「」\0]|[\"“”«»„「」‘’']\0+[\"“”«»„「」‘’'])"  # a quote inside is blanked out
    apposition = rf"(?P<app>(?:,[ \u00a0]{chunk}{{1,90}}){{1,2}},|,[ \u00a0]who(?=[ \u00a0]))?"
    return {
        "after_subject": re.compile(rf"^[\s,;:—–-]*+{_PREFIX}{who}{_TEAM}{_PARTY}{apposition}[ \u00a0]+(?:{_ADV}[ \u00a0]+){{0,3}}"
                                    rf"(?P<verb>{verb})\b"),
        "after_inverted": re.compile(rf"^[\s,;:—–-]*(?:{_ADV}[ \u00a0]+)?(?P<verb>{verb})[ \u00a0]+{_PREFIX}{who_after}"
                                     rf"{_PARTY}(?={_TAG_END})(?:,[ \u00a0](?P<app>(?:{_ROLE_WORDS})?{_NAME})(?=$|[\s,.;]))?"),
        "subject": re.compile(rf"{who}{_TEAM}{_PARTY}{apposition}[ \u00a0]+(?:{_ADV}[ \u00a0]+){{0,3}}(?P<verb>{verb})\b"),
        "cited": re.compile(rf"\b(?:cited|quoted)[ \u00a0]+{who}[ \u00a0]+as[ \u00a0]+say"),
        "cited_passive": re.compile(rf"{who}[ \u00a0]+(?:was|were|has been|had been|is|are)[ \u00a0]+"
                                    rf"(?:quoted|cited)[ \u00a0]+as[ \u00a0]+say"),
        "by": re.compile(rf"^[\s,]*by[ \u00a0]+{who_after}"),
        "verb_at_end": re.compile(rf"(?<![\w'’-])(?:{verb})\b{_CLOSE_TO_QUOTE_RE.pattern}$"),
        "with": re.compile(rf"\bwith[ \u00a0]+{who}[ \u00a0]+(?:{_PARTICIPLES})\b"),
        "conjoined": re.compile(rf"\b(?:but|and)[ \u00a0]+(?:{_ADV}[ \u00a0]+)?(?P<verb>{verb})\b"),
        "according": re.compile(rf"\b[Aa]ccording[ \u00a0]+to[ \u00a0]+{who_after}"),
        "according_document": re.compile(
            rf"\b[Aa]ccording[ \u00a0]+to[ \u00a0]+(?P<who>(?:(?:an?|the|its|his|her|their)[ \u00a0]+|"
            rf"[A-Z][\w.'’-]*['’]s[ \u00a0]+)?(?:[\w'’.-]+[ \u00a0]+){{0,4}}?(?:{documents})s?\b"
            rf"(?:[ \u00a0]+(?:from|by|of|(?:issued|released|filed|signed|written|sent|brought)[ \u00a0]+by)[ \u00a0]+"
            rf"(?:the[ \u00a0]+)?{_NAME})?)"),
        "verb_after_name": re.compile(rf"(?<![ \u00a0]){_PARTY}(?:,[^,\0]{{1,90}},)?[ \u00a0]+(?:{_ADV}[ \u00a0]+){{0,3}}(?P<verb>{verb})\b"),
    }


_CLOSE_TO_QUOTE_RE = re.compile(r"(?:[ \u00a0]+[\w'’-]+){0,3}[ \u00a0:,]*+[\"“”‘’'«„「]?\0*[ \u00a0]*")
# a lower-case word before a description's closing name that leaves the name no subject ("near Canterbury")
# "a dejected Jorge Rodriguez, 55" (a name that ends the phrase; not "a former Marston compliance officer")
_PASSIVE_CUE_RE = re.compile(r"\b(?:described|called|termed|branded|labelled|labeled|hailed|dismissed)\b")
_PARTY_STATE_RE = re.compile(r"\b[A-Z]-[A-Z]")  # "Sen. Rand Paul, R-Ky., said"
_COORDINATED_RE = re.compile(r"[ \u00a0]+(?:and|&)[ \u00a0]+[A-Z]")
_WEAK_CUE_RE = re.compile(r"cited|quoted|ccording|\bby\b")
_OPENING_RE = re.compile(r"[\s\"“‘']*+(?:(?!(?:in|on|at|of|for|from|with|by|during|after|before|to|as)\b)"
                         r"[\w'’-]++[ \u00a0]+){0,3}")  # "The website Tech Review …", not "Described in a …"
_AFTER_INTRO_RE = re.compile(r"[\s\"“‘']*[A-Z][^,]{0,120},[ \u00a0]+(?:[\w'’-]+[ \u00a0]+){0,3}")  # "In a clip, Li …"
_PARTICIPLES = (r"telling|saying|adding|insisting|warning|arguing|declaring|noting|stressing|explaining|calling|"
                r"describing|urging|accusing|promising|vowing")
_PARTICIPLE_RE = re.compile(rf",[ \u00a0]+(?:{_PARTICIPLES})\b")
_PART_OF_GROUP_RE = re.compile(r"\b(?:and|of|with)[ \u00a0]+$")


class Attribution:
    """Finds and resolves the speaker of quotes in one article; the name index is built on first need."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], quotes: list[tuple[int, int]]):
        self.text, self.sentences, self.quotes = text, sentences, quotes
        self.masked = mask_quotes(text, quotes)  # quoted words blanked: attributions are looked for outside quotes
        self._index: NameIndex | None = None
        self._names: dict[str, str] = {}
        self.describer = Describer(self)

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex(self.text, self.sentences, self.quotes, masked=self.masked)
        return self._index

    def tag_after(self, start: int, end: int, *, reporting: bool = False) -> str | None:
        """The speaker of an attribution that opens ``text[start:end]`` ("…," said X / X said). A
        reporting verb ("…, Xinhua reported") counts only with ``reporting=True``: it names a source."""
        segment = self.masked[start:end]
        if not _has_speech_verb(segment):
            return None
        patterns = _patterns()
        for name in ("after_subject", "after_inverted"):
            match = patterns[name].match(segment)
            if match and (reporting or match.group("verb") not in _REPORTING):
                return self._who(match, start)
        return self._named_subject(start, end, reporting=reporting)

    def _named_subject(self, start: int, end: int, *, reporting: bool) -> str | None:
        """A tag whose subject is a name the patterns cannot read whole but the names can: "…," the Office of
        Management and Budget said; "…," the Michigan Health and Hospital Council warned."""
        lead = _LEAD_RE.match(self.masked, start, end)
        at = lead.end()
        if at >= end or not self.masked[at].isupper() or not _JOINED_NAME_RE.search(self.masked, at, min(end, at + 100)):
            return None  # the patterns read every name that holds no "of", "for" or "and"
        for mention in self.index.mentions_in(self.index.sentence_of(at)):
            if mention.start == at:
                verb = _patterns()["verb_after_name"].match(self.masked, mention.end, end)
                if verb and (reporting or verb.group("verb") not in _REPORTING):
                    return mention.entity.canonical
                return None
        return None

    def tag_before(self, start: int, end: int) -> str | None:
        """The speaker of the first "X said" in ``text[start:end]`` that names someone (the outermost
        speaker of "X said the two sides had agreed to "…""), unless a later one's verb stands right
        before the quote ("…, which Whitlock called "…""); ``unknown`` when none names anyone."""
        segment = self.masked[start:end]
        if not _has_speech_verb(segment):
            with_participle = _patterns()["with"].search(segment) if "with" in segment else None
            return self._who(with_participle, start) if with_participle else None  # "with Loud calling it"
        found = None
        matches = (m for m in _patterns()["subject"].finditer(segment) if m.group("verb") not in _REPORTING)
        if _patterns()["verb_at_end"].search(segment, max(0, len(segment) - 80)):  # a verb right before the quote
            matches = list(matches)
            if len(matches) > 1 and _CLOSE_TO_QUOTE_RE.fullmatch(segment, matches[-1].end("verb")) and \
                    not _PRON_RE.fullmatch(matches[-1].group("who")):
                matches.insert(0, matches.pop())  # "Skyward said it would drop routes, which Whitlock called "…""
        for match in matches:
            who = self._who(match, start)
            if who and who != UNKNOWN:
                return who
            found = found or who
        if found is None:
            inverted = _patterns()["after_inverted"].search(segment)
            if inverted:
                return self._who(inverted, start)
            participle = _PARTICIPLE_RE.search(segment)
            if participle:  # "Tony Blair mounted a defence, telling teachers that …": the clause's subject
                return self.subject_of(start, start + participle.start())
            with_participle = _patterns()["with"].search(segment)
            if with_participle:  # "with the magazine Loud calling it "…""
                return self._who(with_participle, start)
            conjoined = _patterns()["conjoined"].search(segment)
            if conjoined and "," not in segment[:conjoined.start()]:  # "X praised the screen but said …"
                return self.subject_of(start, start + conjoined.start(), opening=True)
        return found

    def subject_of(self, start: int, end: int, *, opening: bool = False) -> str | None:
        """The first person or organisation named in ``text[start:end]`` (a sentence's subject); with
        ``opening``, only one that opens the sentence (after at most three words, no comma). A pronoun that
        opens the sentence, or its main clause, is its subject ("In a statement, she thanked Mr. Calloway …")."""
        index = self.index
        mentions = index.mentions_in(index.sentence_of(start))
        pronoun = _PRONOUN_SUBJECT_RE.match(self.masked, start, end)
        if pronoun and not any(start <= m.start < pronoun.start("p") for m in mentions):
            entity = index.resolve_pronoun(pronoun.group("p"), pronoun.start("p"))
            if entity is not None:
                return UNKNOWN if entity.description else entity.canonical
        for mention in mentions:
            if opening and mention.start >= start and not (_OPENING_RE.fullmatch(self.masked, start, mention.start) or
                                                           _AFTER_INTRO_RE.fullmatch(self.masked, start, mention.start)):
                return None
            role = _ROLE_NAME_RE.match(self.masked, mention.end)
            if role and self._is_role(role.group(1)):
                continue  # "Northbridge City manager Tom Ashby": the manager is the subject
            if start <= mention.start < end and index.typed(mention.entity).kind in ("person", "organisation"):
                if _COORDINATED_RE.match(self.masked, mention.end):
                    return None  # "Xi and Lukashenko both expressed …": a group
                return mention.entity.canonical
        return None

    def in_quote(self, position: int) -> bool:
        return 0 <= position < len(self.masked) and self.masked[position] == "\0"

    def weaker(self, before: tuple[int, int], after: tuple[int, int]) -> str | None:
        """``cited X as saying``, ``described as "…" by X``, ``according to X``, in that order."""
        patterns, text = _patterns(), self.masked
        if not any(_WEAK_CUE_RE.search(text, start, end) for start, end in (before, after)):
            return None
        for start, end in (before, after):
            match = patterns["cited"].search(text, start, end) or patterns["cited_passive"].search(text, start, end)
            if match:
                return self._who(match, 0)
        by = patterns["by"].match(text[after[0]:after[1]])
        if by and _PASSIVE_CUE_RE.search(text, before[0], before[1]):
            return self._who(by, after[0])
        for start, end in (after, before):
            match = patterns["according_document"].search(text, start, end) or \
                patterns["according"].search(text, start, end)
            if match:
                return self._who(match, 0)
        return None

    def profile(self, speaker: str | None) -> tuple[str | None, str | None, str | None, str | None]:
        """``(kind, role, affiliation, gender)`` of a speaker of this article, as the article states them.

        ``kind``: ``person``, ``organisation`` (a place that speaks, "China said", is one too) or ``unnamed``
        (``unknown``: nobody named). ``role``: the role the article gives ("senator", "lawyer", for an unnamed
        source "official"). ``affiliation``: a party and state ("Democrat, Georgia") or an organisation ("FBI").
        ``gender``: ``female`` or ``male`` only where the article shows it (an honorific, a gendered noun such
        as "spokeswoman", or "he"/"she" in an attribution), never from a given name. All None for no speaker."""
        if speaker is None:
            return None, None, None, None
        if speaker == UNKNOWN:
            return "unnamed", getattr(speaker, "role", None), None, _GENDERS.get(getattr(speaker, "gender", None))
        entity = self.index.entities.known(speaker) if self._index is not None else None
        if entity is None:  # "the Teague campaign", "Chinese state media", "Marenian Foreign Ministry"
            return "organisation", None, None, None
        entity = self.index.typed(entity)
        person = entity.kind == "person" or (entity.kind == "unknown" and (" " in speaker or entity.shown) and
                                             not speaker.isupper())
        if not person:
            return "organisation", None, None, None
        return ("person", entity.role, affiliation_text(entity.party, entity.state, entity.organisation),
                _GENDERS.get(entity.shown))

    def is_person(self, canonical: str) -> bool:
        """Whether a speaker found in this article is a person (not an organisation, a place or nobody)."""
        entity = self.index.entities.known(canonical)
        return entity is not None and self.index.typed(entity).kind == "person"

    # -- resolution -----------------------------------------------------------------------------------
    def _who(self, match: re.Match, offset: int) -> str | None:
        who = TRAILING_RE.sub("", match.group("who"))
        position = offset + match.start("who")
        app = match.groupdict().get("app") or ""
        relative = app.startswith(", who")  # "… with Xi, who then declared": Xi, whatever comes before
        grouped = match.re is not _patterns()["with"] and not relative and \
            _PART_OF_GROUP_RE.search(self.text, max(0, position - 5), position)
        if grouped or (self.text.startswith(" and ", offset + match.end("who")) and
                       not _TEAM_RE.match(self.text, offset + match.end("who"))):
            return UNKNOWN  # "the ministers of India and China said": a group, not China
        named = self._is_name(who)
        role = _ROLE_NAME_RE.match(self.masked, offset + match.end("who")) if named else None
        if role and self._is_role(role.group(1)):  # "said Comets coach Lena Marsh": the coach, not the club
            return self.resolve(role.group(2), role.start(2))
        app = match.groupdict().get("app")
        found = _apposition_name(app) if app and not named and not _PRON_RE.fullmatch(who) else None
        if found:  # "the US Secretary of State, Antony Blinken, said", "Another, Neil Lee, said": the name
            name, at = found
            return self.resolve(name, offset + match.start("app") + at)
        return self.resolve(who, position)

    def _is_name(self, who: str) -> bool:
        """A name, not "One"/"Another" nor a post alone ("Defence Secretary")."""
        if not _NAME_RE.fullmatch(who) or _ONE_RE.fullmatch(who):
            return False
        titles = self.index.lex.titles
        return not all(w.lower().rstrip(".") in titles for w in who.split())

    def _is_role(self, words: str) -> bool:
        """Whether lower-case words before a name are a role ("coach", "general manager", "boss")."""
        last = words.split()[-1]
        return person_noun(last, self.index.lex)

    def resolve(self, who: str, position: int) -> str:
        """A speaker as written ("Mr Blair", "he", "the company", "a Treasury spokeswoman") → canonical."""
        if _MEDIA_RE.fullmatch(who):
            return who
        if _PRON_RE.fullmatch(who):
            entity = self.index.resolve_pronoun(who, position)
            if entity is not None and entity.description:  # "one resident said …; "…," she said"
                return self.describer.describe(entity.description, position)
            if entity is not None and who.lower() in ("he", "she"):
                entity.shown = entity.shown or ("m" if who.lower() == "he" else "f")  # "she said": the article shows it
            return entity.canonical if entity else UNKNOWN
        if _ONE_RE.fullmatch(who):
            return UNKNOWN
        if _NAME_RE.fullmatch(who) and not _POSSESSOR_RE.search(who):
            if who not in self._names:  # a name resolves the same way throughout an article
                entity = self.index.canonical(who, position)
                self._names[who] = entity.canonical if entity else UNKNOWN
            return self._names[who]
        return self.describer.describe(who, position)

_GENDERS = {"m": "male", "f": "female"}
_ONE_RE = re.compile(_ONE + "|One|Another")
_ROLE_NAME_RE = re.compile(rf"[ \u00a0]+((?:[a-z][\w'’-]*[ \u00a0]+){{0,2}}[a-z][\w'’-]*)[ \u00a0]+({_NAME})(?=$|[\s,.;:!?])")
_APPOSITION_PART_RE = re.compile(rf"(?:{_ROLE_WORDS})?({_NAME})")


def _apposition_name(app: str) -> tuple[str, int] | None:
    """The first part of an apposition that is a name, or a role and a name ("the novelist Gregory
    Lamb"), with its offset in ``app``; None when no part is ("the MP for Ashford West")."""
    cursor = 0
    for part in app.split(","):
        stripped = TRAILING_RE.sub("", part.strip())
        match = _APPOSITION_PART_RE.fullmatch(stripped)
        if stripped and match and not _PRON_RE.fullmatch(match.group(1)) and not _PARTY_STATE_RE.search(stripped) \
                and not _ONE_RE.fullmatch(match.group(1)):
            return match.group(1), cursor + part.index(match.group(1))
        cursor += len(part) + 1
    return None


_PRONOUN_SUBJECT_RE = re.compile(r"[\s\"“‘']*(?:[A-Z][^,\0]{0,120},[ \u00a0]+)?(?P<p>[Hh]e|[Ss]he|[Ii]t)\b(?![’'])")
_JOINED_NAME_RE = re.compile(r"[ \u00a0](?:and|&|of|for)[ \u00a0]+(?:the[ \u00a0]+)?[A-Z]")
_LEAD_RE = re.compile(r"[\s,;:—–-]*(?:[Tt]he[ \u00a0]+)?")
_LOWER_WORD_RE = re.compile(r"[a-z]+")
@lru_cache(maxsize=1)
def _verb_words() -> frozenset:
    return frozenset(word for verb in speech_verbs() for word in verb.split()[:1])


def _has_speech_verb(segment: str) -> bool:
    """A cheap test before the attribution patterns: does any word of a speech verb occur?"""
    return not _verb_words().isdisjoint(_LOWER_WORD_RE.findall(segment))
