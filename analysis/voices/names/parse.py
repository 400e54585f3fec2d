"""Parsing a name: the article's text as names read it, and a run of capitalised words cut into a name.

:class:`ArticleText` holds one article: its text, the text with quoted words blanked (names inside quotes are
neither antecedents nor evidence), its sentences, and where a word occurs (cached). :class:`NameParser` cuts
a run of capitalised words into what is skipped, the titles, the name and a possessive ("Spain's Carla
Ruiz", "Senate Majority Leader Chuck Schumer", "Mr Blair's"). The helpers read the text around a name:
:func:`caps_before` (the capitalised words before it) and :func:`speaks_after` (a speech verb after it).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from analysis.resources.wordlists import speech_verbs
from analysis.text.patterns import alternation
from analysis.voices.names.affiliation import state_of
from analysis.voices.names.lexicon import FUNCTION_CAPS, Lexicon, looks_like_role

_TOKEN = (r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|St|Prof|Rev|Jr|Sr|Supt|Insp|Det)\.(?=\s)"
          r"|(?<![A-Z]\.)(?:[A-Z]\.){2,}+(?![\w'’-])"  # "U.S.", "F.B.I."
          r"|(?![DRI]-[A-Z])(?<![DRI]-)(?:Mc|Mac|O['’]|D['’]|[Aa]l-|[Ee]l-)?[A-Z][\w]*(?:[-'’][A-Za-z]\w*)*)")
# not a party–state tag ("D-N.Y.", "R-Tenn."), which is an affiliation, never a name
_CONNECT = r"(?:de|da|di|do|dos|du|van|von|der|den|le|la|bin|ibn|al|el|y)"
_INITIALS = r"(?:[A-Z]\.[ \u00a0]+)+"  # middle initials stay inside a name: "James B. Calloway"
NAME_RE = re.compile(rf"(?<![\w'’])(?=[A-Z]){_TOKEN}(?:[ \u00a0]+(?:{_CONNECT}[ \u00a0]+|{_INITIALS})?{_TOKEN})*")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_INNER_BREAKS = frozenset("and or but nor with like as than to from in on at by for".split())
_MULTI_TOKEN = r"(?:(?:Mr|Mrs|Ms|Dr|St|Sen|Gov|Rep|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr)\.|[A-Z]\.|(?:[A-Z]\.){2,}|[A-Z][\w'’-]*)"
_MULTI_TOKEN_RE = re.compile(_MULTI_TOKEN)
_PARTICLES = frozenset("de da van von der den du le la bin al".split())
_MID_SENTENCE_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,;:)")
_LOCATED_RE = re.compile(r"(?<![\w'’-])(?:in|at|near|from|outside|across|around|to)[ \u00a0]+$")
_LOCATED_ENDS = frozenset(("in", "at", "ar", "om", "de", "ss", "nd", "to"))  # the last letters of those words
_DOTTED_RE = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.": the last period is part of it
_INITIAL_RE = re.compile(r"[A-Z]\.")  # a middle initial: what stands before it is a given name, not a role
_PRONOUN_CAPS = frozenset("He She It They We His Her Its Their I".split())
_POSTNOMINALS = frozenset("QC KC MP MEP MSP Jr Sr II III IV OBE CBE MBE KBE DBE PhD MD Esq".split())


class ArticleText:
    """One article as names read it: ``text``, ``masked`` (quoted words blanked, offsets kept), ``sentences``
    (``(start, end)`` spans) and ``quotes`` (``(start, end)`` spans of quoted text); where a word occurs outside
    quotes, and whether it occurs after another word of its sentence, are cached."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], quotes: list[tuple[int, int]] = (), *,
                 masked: str | None = None):
        self.text = text
        self.sentences = list(sentences)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.quotes = sorted(quotes)
        self.quote_starts = [a for a, _ in self.quotes]
        self.masked = masked if masked is not None else mask_quotes(text, self.quotes)
        self._occurrences: dict[str, tuple[int, list[int]]] = {}
        self._seen_mid: dict[str, bool] = {}

    def sentence_of(self, position: int) -> int:
        return max(bisect_right(self.sentence_starts, position) - 1, 0)

    def in_quote(self, position: int) -> bool:
        k = bisect_right(self.quote_starts, position) - 1
        return k >= 0 and self.quotes[k][0] <= position < self.quotes[k][1]

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

    def seen_mid_sentence(self, token: str) -> bool:
        """Whether ``token`` occurs somewhere after another word of its sentence (then it is a name)."""
        if token not in self._seen_mid:
            text = self.masked
            self._seen_mid[token] = any(text[:start].rstrip(" \u00a0")[-1:] in _MID_SENTENCE_BEFORE
                                        for start in self.occurrences(token, limit=20) if start > 1)
        return self._seen_mid[token]


class NameParser:
    """Cuts runs of capitalised words of one article into names (see :meth:`split_name`)."""

    def __init__(self, article: ArticleText, lex: Lexicon):
        self.article, self.lex = article, lex

    def split_name(self, tokens: list[str], *, initial: bool = False, located: bool = False):
        """``(skipped, titles, name tokens, possessive)`` of a run of capitalised words, or None.

        Skipped: leading function words ("The"), a leading possessor ("Spain's Carla Ruiz"), a role word
        opening a sentence ("Producer Sam Okoro"), a place glued before a name in text whose commas were removed
        ("In New Jersey Trump said"); a place of one word only after a function word, where ``located`` (a
        preposition stands before the run: "in Delaware Biden said") or before a given name ("Russia Eugene
        Kaspersky"), so that "Jordan Whitfield" and "Chad Copley" stay whole. Titles: every token up to the last title word
        ("Senate Majority Leader Chuck Schumer", "China President Xi Jinping"), unless what remains is an
        organisation or a place ("Home Office", "General Motors"). Post-nominals ("QC") and pronouns at the
        end are dropped; a final "'s" is removed and flagged.
        """
        lex = self.lex
        tokens = list(tokens)
        skip = 0
        while tokens and not (tokens[0].isupper() and len(tokens[0]) > 1) and tokens[0].lower() in FUNCTION_CAPS:
            tokens.pop(0)
            skip += 1
        while len(tokens) > 1 and (tokens[0].lower() in lex.not_names or  # "On Tuesday Trump said"
                                   (tokens[0].lower() in FUNCTION_CAPS and not tokens[0].isupper())):
            tokens.pop(0)  # "Thursday the NYPD said"
            skip += 1
        for size in (3, 2, 1):  # "In New Jersey Trump said": a place before a name, with no comma
            if len(tokens) > size and " ".join(tokens[:size]) in lex.places and tokens[0] not in lex.given and \
                    tokens[-1].lower() not in lex.org_words and tokens[-1].lower() not in lex.place_words and \
                    (size > 1 or skip or located or (len(tokens) > 2 and tokens[1] in lex.given) or
                     self._alone_elsewhere(tokens[0], tokens[1])):
                del tokens[:size]
                skip += size
                while len(tokens) > 1 and tokens[0].lower() in lex.not_names:
                    tokens.pop(0)  # "Seoul Wednesday Trump"
                    skip += 1
                break
        if "of" in tokens[1:] and tokens[tokens.index("of", 1) - 1].lower() not in lex.org_words and \
                not _opened_organisation(tokens[:tokens.index("of", 1)], lex.org_words):  # "Office for the District of"
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
        elif len(tokens) > 1 and _POSSESSIVE_RE.search(tokens[0]) and state_of(_POSSESSIVE_RE.sub("", tokens[0])):
            tokens[0] = _POSSESSIVE_RE.sub("", tokens[0])  # "Michigan's Supreme Court" is the Michigan Supreme Court
        if initial and len(tokens) > 2 and tokens[0] not in lex.given and not _INITIAL_RE.fullmatch(tokens[1]) and \
                (looks_like_role(tokens[0].lower()) or tokens[0].lower() in lex.person_nouns) \
                and not self.article.seen_mid_sentence(tokens[0]):
            tokens.pop(0)
            skip += 1
        if not tokens:
            return None
        cut = self._title_prefix(tokens)
        titles, tokens = tokens[:cut], tokens[cut:]
        possessive = len(tokens[-1]) > 2 and _POSSESSIVE_RE.search(tokens[-1]) is not None
        if possessive:
            tokens[-1] = _POSSESSIVE_RE.sub("", tokens[-1])
        tokens = [t.rstrip(".") if len(t) > 3 and not _DOTTED_RE.fullmatch(t) else t for t in tokens]
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

    def _alone_elsewhere(self, place: str, following: str) -> bool:
        """Whether a place the article writes before a name ("Japan Feng") also stands alone in it ("enter
        Japan"), so that it is a place glued to the name, not a given name ("Jordan Whitfield")."""
        return len(self.article.occurrences(place, limit=6)) > len(self.article.occurrences(f"{place} {following}",
                                                                                                limit=6))

    def located(self, start: int) -> bool:
        """Whether a preposition of place stands right before ``start`` ("in Delaware Biden said")."""
        before = self.article.masked[max(0, start - 12):start].rstrip(" \u00a0")
        return before[-2:] in _LOCATED_ENDS and _LOCATED_RE.search(before + " ") is not None

    def core_of(self, surface: str) -> tuple[str, tuple, bool] | None:
        """``(core name, titles, possessive)`` of a name as written ("Mr Blair's" → "Blair", ("Mr",), True)."""
        split = self.split_name(surface.split(), initial=True)
        if split is None:
            return None
        _, titles, tokens, possessive = split
        return " ".join(tokens), tuple(titles), possessive


def _opened_organisation(tokens: list[str], org_words: frozenset) -> bool:
    """Whether ``tokens`` already hold an organisation's "of" or "for" ("U.S. Attorney's Office for the
    District"), so that a later "of" stays inside the name."""
    return any(tokens[j].lower().rstrip(".") in org_words and tokens[j + 1].lower() in ("of", "for")
               for j in range(len(tokens) - 1))


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


def caps_before(text: str, start: int, *, limit: int = 80) -> int:
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
def _speech_verb_forms() -> frozenset:
    return frozenset(speech_verbs())


def ends_with_speech_verb(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1] in _speech_verb_forms()


@lru_cache(maxsize=1)
def _speaks_re() -> re.Pattern:
    verbs = alternation(speech_verbs())
    return re.compile(rf"^(?:,[^,]{{1,90}},)?[ \u00a0]+(?:\w+[ \u00a0]+){{0,2}}?{verbs}\b")


def speaks_after(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is the subject of a speech verb ("Lukashenko stressed")."""
    return _speaks_re().match(text[end:end + 120]) is not None
