"""One matcher for every dictionary: topic counts, dictionary tone and keyword in context.

Patterns are matched against the words of :func:`analysis.text.tokens.scan`, word
by word, as quanteda's ``tokens_lookup`` does; a pattern of several words
matches consecutive words of one chunk (phrases never cross punctuation).

**Match types** (quanteda's ``valuetype``), one per dictionary:

- ``glob`` (the default): ``*`` stands for any run of characters (also none),
  ``?`` for exactly one: ``sanction*`` matches "sanction", "sanctions",
  "sanctioned"; ``*deceit*`` matches "deceitful". A glob word needs two
  characters that are not wildcards.
- ``fixed``: the word exactly; ``*`` and ``?`` are plain characters.
- ``regex``: a Python regular expression searched for in each word (not
  anchored: add ``^`` and ``$``), case-insensitive. Patterns that could
  backtrack for exponential time are refused (:func:`regex_problem`), and a
  word over ``MAX_REGEX_WORD`` characters is never tried against a regex.
  Every regex also runs on a time budget (``REGEX_SECONDS`` a word, with the
  ``regex`` module's timeout): it is tried first on words built from its own
  characters, and refused when one takes longer (``(?:a|aa)`` thirty times
  then ``c`` on a run of ``a``, which no rule above catches); a word of a
  text that takes longer stops the run with a :class:`PatternError` that
  names the pattern and the word.

**Case.** Matching ignores case, except that in a dictionary that uses lower
case at all, a glob or fixed word written in capitals (two or more letters,
none lower case) matches only words written in capitals: ``US`` matches "US"
and "U.S.", never "us" or "Us"; ``WHO`` matches the organisation, not the
pronoun. (A dictionary written entirely in capitals, as WordStat's are, is
read case-insensitively.)

**Hyphens.** A hyphenated word in the text ("re-election", "free-trade",
"Kremlin-backed") is matched both as a whole and as its parts, so
``election*`` matches "re-election", ``trade`` and ``free trade`` match
"free-trade", and ``kremlin`` matches "Kremlin-backed"; a whole word is also
matched with its hyphens taken out (``cooperation`` matches "co-operation").
A hyphenated pattern word (``free-trade``, ``co-operation``) matches the same
three spellings: "free-trade", "free trade" and "freetrade".

**Possessives.** "China's" is the word "china" (see :mod:`analysis.text.tokens`).

**Overlaps.** With ``scope="key"`` (topics), overlapping matches of one key
count once, for the longest, then leftmost ("free trade zone" is one mention
of trade, not three); different keys count independently. With
``scope="dictionary"`` (tone), overlapping matches of any keys count once,
for the longest: "not good" under a negation key hides the "good" inside it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from re import _constants as sre_constants  # the regex parser's own view of a pattern (Python 3.11+)
from re import _parser as sre_parse
from typing import NamedTuple

import ahocorasick
import regex

from analysis.errors import PressLensError
from analysis.text.tokens import Token, compound_parts, is_compound, normalise, scan

MATCH_TYPES = ("glob", "regex", "fixed")
MAX_REGEX_WORD = 100
MAX_UNBOUNDED_REPEATS = 3
REGEX_SECONDS = 0.05  # a regex pattern's budget for one word (words are at most MAX_REGEX_WORD characters)
MAX_HYPHENATED = 4  # hyphenated words per pattern: each has three spellings, so a pattern has up to 3**4
_CACHE_LIMIT = 200_000
_GATE_NORMALISE = str.maketrans({"\u2019": "'", "\u2010": "-", "\u2011": "-"})  # as tokens.normalise does


class Match(NamedTuple):
    """One match: the key and pattern, its character span, the matched text, and the words before it."""

    key: str
    pattern: str
    start: int
    end: int
    text: str
    before: tuple[str, ...]  # normalised words before the match in its chunk, nearest last


class _Slot(NamedTuple):
    kind: str  # "exact", "caps", "prefix", "glob", "regex"
    value: object


class PatternError(PressLensError, ValueError):
    """A pattern that cannot be used, with the reason."""


class NotAWordError(PatternError):
    """A pattern word that no word of any text can be (punctuation, an emoticon, "24/7")."""


def pattern_alternatives(pattern: str, *, match: str = "glob", caps: bool = True) -> list[list[_Slot]]:
    """The word slots of a pattern, one list per spelling (hyphenated words have three).

    Raises :class:`PatternError` with a reason a user can act on.
    """
    if match not in MATCH_TYPES:
        raise PatternError(f"the match type must be one of {', '.join(MATCH_TYPES)}, not {match!r}")
    pieces = pattern.split()
    if not pieces:
        raise PatternError("the pattern is empty")
    if match == "regex":
        return [[_regex_slot(piece) for piece in pieces]]
    per_word = [_word_spellings(piece, match=match, caps=caps) for piece in pieces]
    if sum(len(spellings) > 1 for spellings in per_word) > MAX_HYPHENATED:
        raise PatternError(f"the pattern has more than {MAX_HYPHENATED} hyphenated words; split it")
    alternatives: list[list[_Slot]] = [[]]
    for spellings in per_word:
        alternatives = [done + list(spelling) for done in alternatives for spelling in spellings]
    return alternatives


def _word_spellings(piece: str, *, match: str, caps: bool) -> list[list[_Slot]]:
    literal = piece.replace("*", "").replace("?", "") if match == "glob" else piece
    if match == "glob" and len(literal) < 2 and literal != piece:
        raise PatternError(f"{piece!r} needs at least two characters that are not wildcards")
    chunks = scan(literal)
    if len(chunks) != 1 or len(chunks[0]) != 1 or chunks[0][0].end - chunks[0][0].start != len(literal):
        raise NotAWordError(f"{piece!r} is not one word: a pattern word holds letters, digits, inner hyphens or "
                           "apostrophes" + (", and * or ? as wildcards" if match == "glob" else ""))
    word = piece.lower().translate(str.maketrans({"\u2019": "'", "\u2010": "-", "\u2011": "-"}))
    if not ("*" in word or "?" in word) or match == "fixed":
        word = normalise(piece)
    spellings = [[_word_slot(piece, word, match=match, caps=caps)]]
    if "-" in word and all(part.strip("*?") for part in word.split("-")):
        parts = piece.replace("\u2010", "-").replace("\u2011", "-").split("-")
        spellings.append([_word_slot(p, w, match=match, caps=caps) for p, w in zip(parts, word.split("-"))])
        spellings.append([_word_slot(piece.replace("-", ""), word.replace("-", ""), match=match, caps=caps)])
    return spellings


def _word_slot(piece: str, word: str, *, match: str, caps: bool) -> _Slot:
    if caps and _all_capitals(piece) and not ("*" in word or "?" in word):
        return _Slot("caps", normalise(piece).upper().replace(".", ""))
    if match == "fixed" or not ("*" in word or "?" in word):
        return _Slot("exact", word)
    if word.endswith("*") and "*" not in word[:-1] and "?" not in word:
        return _Slot("prefix", word[:-1])
    return _Slot("glob", word)


def _all_capitals(piece: str) -> bool:
    letters = [c for c in piece if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _regex_slot(piece: str) -> _Slot:
    problem = regex_problem(piece)
    if problem:
        raise PatternError(problem)
    compiled = regex.compile(piece, regex.IGNORECASE | regex.VERSION0)
    for word in _probe_words(piece):
        regex_search(compiled, word)
    return _Slot("regex", compiled)


def regex_search(compiled, word: str):
    """``compiled.search(word)`` within ``REGEX_SECONDS``; a :class:`PatternError` naming both when it takes longer."""
    try:
        return compiled.search(word, timeout=REGEX_SECONDS)
    except TimeoutError:
        raise PatternError(f"{compiled.pattern[:80]!r} takes over {REGEX_SECONDS:g} s to match the word "
                           f"{word[:30] + ('…' if len(word) > 30 else '')!r} (it backtracks); simplify the "
                           "pattern") from None


def _probe_words(pattern: str) -> list[str]:
    """Words a backtracking pattern is slowest on: runs of each character it names, and of pairs of them."""
    chars = sorted({c for c in _literals(_sre_parse(pattern)) if c.isalnum() or c in "'’-"} | {"a"})[:12]
    units = chars + [a + b for a in chars[:6] for b in chars[:6] if a != b]
    return [unit * (MAX_REGEX_WORD // len(unit)) for unit in units]


def _literals(items) -> Iterable[str]:
    c = sre_constants
    for op, arg in items:
        if op is c.LITERAL:
            yield chr(arg)
        elif op is c.IN:
            yield from (chr(value) for kind, value in arg if kind is c.LITERAL)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            yield from _literals(arg[2])
        elif op is c.SUBPATTERN:
            yield from _literals(arg[-1])
        elif op is c.BRANCH:
            for branch in arg[1]:
                yield from _literals(branch)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            yield from _literals(arg[1])


def regex_problem(pattern: str) -> str | None:
    """Why a regular expression may not be used as a pattern, or None.

    Refused: invalid syntax; backreferences; a quantifier on a group that
    itself holds a quantifier or an alternation (``(a+)+``, ``(a|ab)*``), which
    can take exponential time; and more than ``MAX_UNBOUNDED_REPEATS``
    unbounded quantifiers (``a*a*a*a*``), which take polynomial time of that
    degree. Words are also capped at ``MAX_REGEX_WORD`` characters.
    """
    try:
        parsed = _sre_parse(pattern)
    except re.error as err:
        return f"{pattern!r} is not a valid regular expression: {err}"
    unbounded = [0]
    problem = _walk_regex(parsed, pattern, unbounded, inside_repeat=False)
    if problem:
        return problem
    if unbounded[0] > MAX_UNBOUNDED_REPEATS:
        return (f"{pattern!r} has {unbounded[0]} unbounded quantifiers (*, +, {{n,}}); at most "
                f"{MAX_UNBOUNDED_REPEATS} are allowed, so that matching stays fast")
    return None


def _sre_parse(pattern: str):
    return sre_parse.parse(pattern, re.IGNORECASE)


def _walk_regex(items, pattern: str, unbounded: list[int], *, inside_repeat: bool) -> str | None:
    c = sre_constants
    for op, arg in items:
        if op in (c.GROUPREF, c.GROUPREF_EXISTS):
            return f"{pattern!r} uses a backreference, which PressLens does not allow in patterns"
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, high, body = arg
            repeats = high is c.MAXREPEAT or high > 1
            if repeats and inside_repeat:
                return f"{pattern!r} puts a quantifier inside a quantified group, which can take exponential time"
            unbounded[0] += high is c.MAXREPEAT
            problem = _walk_regex(body, pattern, unbounded, inside_repeat=inside_repeat or repeats)
        elif op is c.BRANCH:
            if inside_repeat:
                return f"{pattern!r} quantifies an alternation (a|b)*, which can take exponential time"
            problem = next((p for branch in arg[1] if (p := _walk_regex(
                branch, pattern, unbounded, inside_repeat=inside_repeat))), None)
        elif op is c.SUBPATTERN:
            problem = _walk_regex(arg[-1], pattern, unbounded, inside_repeat=inside_repeat)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            problem = _walk_regex(arg[1], pattern, unbounded, inside_repeat=inside_repeat)
        elif op is getattr(c, "ATOMIC_GROUP", None):
            problem = _walk_regex(arg, pattern, unbounded, inside_repeat=inside_repeat)
        else:
            problem = None
        if problem:
            return problem
    return None


def glob_match(glob: str, word: str) -> bool:
    """Whether ``word`` matches ``glob`` (``*`` any run, ``?`` one character), in O(len × len) time."""
    g = w = 0
    star, mark = -1, 0
    while w < len(word):
        if g < len(glob) and (glob[g] == "?" or glob[g] == word[w]):
            g, w = g + 1, w + 1
        elif g < len(glob) and glob[g] == "*":
            star, mark, g = g, w, g + 1
        elif star >= 0:
            mark += 1
            g, w = star + 1, mark
        else:
            return False
    while g < len(glob) and glob[g] == "*":
        g += 1
    return g == len(glob)


class Matcher:
    """Every pattern of a dictionary, compiled for one pass over each text.

    ``entries`` is ``{key: [pattern, ...]}``; ``match`` the match type;
    ``caps`` whether capitals make a word case-sensitive (see above; by
    default, when any pattern has a lower-case letter).
    """

    def __init__(self, entries: Mapping[str, Sequence[str]], *, match: str = "glob", scope: str = "key",
                 caps: bool | None = None):
        if scope not in ("key", "dictionary"):
            raise ValueError(f"scope must be 'key' or 'dictionary', not {scope!r}")
        self.scope = scope
        self.match = match
        if caps is None:
            caps = any(ch.islower() for patterns in entries.values() for p in patterns for ch in p)
        self._slots: dict[_Slot, int] = {}
        self._patterns: list[tuple[str, str]] = []
        self._by_first: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
        for key, patterns in entries.items():
            for pattern in dict.fromkeys(patterns):
                self._add(key, pattern, match=match, caps=caps)
        self._index_slots()
        self._cache: dict[str, frozenset[int]] = {}
        self._gate = self._build_gate()

    def _build_gate(self):
        """An Aho-Corasick automaton of every literal a first word can need (exact words, prefixes, capitals), to
        pass over a text none of them occurs in without tokenizing it; None when a pattern's first word is a
        general glob or a regex, which no literal can stand for."""
        firsts = {slot_id for slot_id in self._by_first}
        literal = {slot_id: slot for slot, slot_id in self._slots.items() if slot_id in firsts}
        if not literal or any(slot.kind in ("glob", "regex") for slot in literal.values()):
            return None
        gate = ahocorasick.Automaton()
        for slot in literal.values():
            needle = str(slot.value).lower()
            gate.add_word(needle, needle)
        gate.make_automaton()
        return gate

    def _may_match(self, text: str) -> bool:
        """False only when no first word of any pattern can match a word of ``text``."""
        lowered = text.lower().translate(_GATE_NORMALISE)
        for variant in (lowered, lowered.replace("-", ""), lowered.replace(".", "")):
            for _ in self._gate.iter(variant):
                return True
        return False

    def _add(self, key: str, pattern: str, *, match: str, caps: bool) -> None:
        pattern_id = len(self._patterns)
        self._patterns.append((key, pattern))
        seen = set()
        for alternative in pattern_alternatives(pattern, match=match, caps=caps):
            ids = tuple(self._slots.setdefault(slot, len(self._slots)) for slot in alternative)
            if ids not in seen:
                seen.add(ids)
                self._by_first.setdefault(ids[0], []).append((pattern_id, ids))

    def _index_slots(self) -> None:
        self._exact: dict[str, list[int]] = {}
        self._caps: dict[str, list[int]] = {}
        self._prefix: dict[int, dict[str, list[int]]] = {}
        self._scan_slots: list[tuple[int, _Slot]] = []
        for slot, slot_id in self._slots.items():
            if slot.kind == "exact":
                self._exact.setdefault(slot.value, []).append(slot_id)
            elif slot.kind == "caps":
                self._caps.setdefault(slot.value, []).append(slot_id)
            elif slot.kind == "prefix":
                self._prefix.setdefault(len(slot.value), {}).setdefault(slot.value, []).append(slot_id)
            else:
                self._scan_slots.append((slot_id, slot))

    @property
    def patterns(self) -> list[tuple[str, str]]:
        """Every ``(key, pattern)`` in order."""
        return list(self._patterns)

    def slots_of(self, raw: str, norm: str) -> frozenset[int]:
        """The slots a word matches (cached by the word as written)."""
        found = self._cache.get(raw)
        if found is None:
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[raw] = frozenset(self._resolve(raw, norm))
        return found

    def _resolve(self, raw: str, norm: str) -> Iterable[int]:
        yield from self._exact.get(norm, ())
        if self._caps and _all_capitals(raw):
            bare = raw.replace(".", "")
            yield from self._caps.get(bare[:-2] if bare.endswith(("'S", "’S", "'s", "’s")) else bare, ())
        for length, table in self._prefix.items():
            if len(norm) >= length:
                yield from table.get(norm[:length], ())
        for slot_id, slot in self._scan_slots:
            if slot.kind == "glob" and glob_match(slot.value, norm):
                yield slot_id
            elif slot.kind == "regex" and len(norm) <= MAX_REGEX_WORD and regex_search(slot.value, norm):
                yield slot_id

    def find(self, text: str, *, context: int = 0) -> list[Match]:
        """Every match in ``text`` after the overlap rule of this matcher's scope, in text order."""
        if not isinstance(text, str) or not self._by_first:
            return []
        if self._gate is not None and not self._may_match(text):
            return []
        found = []
        for chunk in scan(text):
            found.extend(self._find_in_chunk(text, chunk, context))
        return self._resolve_overlaps(found)

    def _find_in_chunk(self, text: str, chunk: list[Token], context: int) -> list[Match]:
        units, wholes = self._units(chunk)
        out = []
        for start in range(len(units)):
            if not units[start][1] and start not in wholes:
                continue
            for stop, pattern_id in self._matches_from(units, wholes, start):
                key, pattern = self._patterns[pattern_id]
                first, last = units[start][0], units[stop - 1][0]
                before = tuple(u[0].norm for u in units[max(0, start - context):start]) if context else ()
                out.append(Match(key, pattern, first.start, last.end, text[first.start:last.end], before))
        return out

    def _units(self, chunk: list[Token]) -> tuple[list[tuple[Token, frozenset[int]]], dict[int, tuple]]:
        """Words as matching units (hyphenated words as their parts), and where a whole word spans parts."""
        units, wholes = [], {}
        for token in chunk:
            slots = self.slots_of(token.raw, token.norm)
            if not is_compound(token):
                units.append((token, slots))
                continue
            joined = token.norm.replace("-", "")
            slots = slots | self.slots_of(token.raw.replace("-", ""), joined)
            parts = compound_parts(token)
            if slots:
                wholes[len(units)] = (len(units) + len(parts), slots)
            units.extend((part, self.slots_of(part.raw, part.norm)) for part in parts)
        return units, wholes

    def _matches_from(self, units, wholes, start: int) -> Iterable[tuple[int, int]]:
        firsts = [(start + 1, units[start][1])]
        if start in wholes:
            firsts.append(wholes[start])
        seen = set()
        for stop, slots in firsts:
            for slot in slots:
                for pattern_id, ids in self._by_first.get(slot, ()):
                    for end in self._rest(units, wholes, stop, ids, 1):
                        if (end, pattern_id) not in seen:
                            seen.add((end, pattern_id))
                            yield end, pattern_id

    def _rest(self, units, wholes, at: int, ids: tuple[int, ...], k: int) -> Iterable[int]:
        if k == len(ids):
            yield at
            return
        if at >= len(units):
            return
        if ids[k] in units[at][1]:
            yield from self._rest(units, wholes, at + 1, ids, k + 1)
        whole = wholes.get(at)
        if whole is not None and ids[k] in whole[1]:
            yield from self._rest(units, wholes, whole[0], ids, k + 1)

    def _resolve_overlaps(self, found: list[Match]) -> list[Match]:
        found.sort(key=lambda m: (m.start, -(m.end - m.start), m.key, m.pattern))
        kept, reach = [], {}
        for match in found:
            group = match.key if self.scope == "key" else ""
            last = reach.get(group)
            if last is None or match.start >= last[1] or (
                    self.scope == "dictionary" and (match.start, match.end) == last[:2] and match.key != last[2]):
                kept.append(match)
                reach[group] = (match.start, match.end, match.key)
        return sorted(kept, key=lambda m: (m.start, m.key))
