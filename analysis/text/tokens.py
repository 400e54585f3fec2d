"""What "a word" is, once for all of PressLens, and the word lists that go with it.

Every count of words uses :func:`scan`: ``n_words`` of an article
(:func:`count_words`), term counts and keyness, topic and dictionary matching,
and keyword in context. So a rate "per 1,000 words" means the same thing in
every table.

The rules, in order:

- **Words** are runs of letters and digits, joined by inner hyphens or
  apostrophes: "all-weather", "re-election", "don't", "O'Neill", "12-point",
  "G20" are one word each.
- **Possessives** lose their ending in the normalised form: "China's" and
  "China’s" read "china". (So does "it's": "it", a function word anyway.)
- **Acronyms** read as one spelling, with or without dots: "F.B.I." and "FBI" read
  "fbi", "U.K." and "UK" read "uk" (their dots do not end a phrase). Where the
  plain form would be a function word, the dotted form is kept: "U.S." reads
  "u.s.", and so does "US" written in capitals among lower-case words ("WHO" reads
  "w.h.o."); in a headline in capitals, "US" is only "us".
- **Party–state tags** after a lawmaker's name ("D-N.Y.", "R-Tenn.", "R-TX"; the
  states of ``data/us_states.txt``) are punctuation, not words: no key word, no
  part of a name. Word counts count each as one word.
- **Numbers** are words ("in 2023" is two words); "3.5", "1,000" and "10:30" are
  one number each. Term counts leave numbers out; word counts do not.
- **URLs and e-mail addresses** are neither words nor part of a phrase.
- **Case and spelling:** the normalised form is lower case, with curly
  apostrophes made straight and Unicode hyphens made "-".
- **Phrases** never cross punctuation (. , ; : ! ? brackets, quotation marks,
  dashes standing alone, slashes) or a line break: the text is cut into
  *chunks* there, and n-grams and multi-word patterns stay inside one chunk.

Word lists (``data/function_words.txt``, ``data/news_stopwords.txt``; each
file explains its choices; read by :mod:`analysis.resources.wordlists`): :data:`FUNCTION_WORDS` (English
closed-class words, the one list of them), :data:`NEWS_STOP_WORDS` (those plus words that fill news
prose whatever the story: reporting verbs, written-out numbers, dates,
honorifics), and :data:`HONORIFICS`. :func:`stop_words` gives the stop list of a language: the cleaner,
term counts and keyness all take theirs from it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from stopwords import get_stopwords

from analysis.paths import DATA_DIR
from analysis.resources.wordlists import read_entries, read_word_list
from analysis.text.patterns import alternation

FUNCTION_WORDS_TXT = DATA_DIR / "function_words.txt"
NEWS_STOPWORDS_TXT = DATA_DIR / "news_stopwords.txt"

_HYPHENS = "-\u2010\u2011"
_APOSTROPHES = "'\u2019"
_WEB = r"(?P<url>(?:https?://|www\.)\S+)|(?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|"
US_STATES_TXT = DATA_DIR / "us_states.txt"
# A party–state tag after a lawmaker's name ("D-N.Y.", "R-Tenn.", "R-TX"): no word, and no part of a name.
_STATES = alternation(w for entry in read_entries(US_STATES_TXT) for w in entry.split())
_WORDS = (
    rf"(?P<tag>(?<![\w.-])[DRI]-{_STATES}(?![\w-]))"
    r"|(?P<acronym>(?<![\w.])[^\W\d_]\.(?:[^\W\d_]\.)++)"  # the first letter outside the repeat: linear
    r"|(?P<number>\d+(?:[.,:]\d+)++)"
    rf"|(?P<word>[^\W_]+(?:[{_HYPHENS}{_APOSTROPHES}][^\W_]+)*+)"  # possessive: linear on "a-a-a-…"
    r"|(?P<brk>[.,;:!?()\[\]{}\"“”„«»—–…|/\\\n]"
    rf"|(?<!\w)[{_HYPHENS}{_APOSTROPHES}‘]+|[{_HYPHENS}{_APOSTROPHES}‘]+(?!\w))"
)
_DOTTED_RE = re.compile(r"(?:[^\W\d_]\.){2,}")
_SCAN_RE = re.compile(_WEB + _WORDS)
_PLAIN_RE = re.compile(_WORDS)  # the same, for text with no "@", "://" or "www." (most text): faster
# Only the word alternatives: the same words as _PLAIN_RE finds, since a break never starts where a word could.
_COUNT_RE = re.compile(_WORDS[:_WORDS.index("|(?P<brk>")])
_WORD_KINDS = frozenset({"word", "number", "acronym"})
_BREAK_KINDS = frozenset({"brk", "url", "email", "tag"})
_NORMALISE = str.maketrans({"\u2019": "'", "\u2010": "-", "\u2011": "-"})
# lower-case words that may sit inside a name ("Bank of England"); "and" may not ("Xi and Putin" is two names)
_CONNECTORS = frozenset({"of", "de", "du", "da", "der", "la", "al", "von", "van", "bin", "ibn"})
MAX_NAME_WORDS = 4


class Token(NamedTuple):
    """One word of a text: its character span, the text as written, and the normalised form."""

    start: int
    end: int
    raw: str
    norm: str
    number: bool  # digits with no letter ("2023", "3.5")


def scan(text: str) -> list[list[Token]]:
    """The words of ``text`` as chunks (runs of words with no punctuation between them)."""
    chunks: list[list[Token]] = []
    current: list[Token] = []
    capitals = False  # the chunk holds a short word in capitals that reads as a function word ("US")
    for match in _scanner(text).finditer(text):
        kind = match.lastgroup
        if kind in _BREAK_KINDS:
            if current:
                chunks.append(_acronyms(current) if capitals else current)
                current, capitals = [], False
            continue
        raw = match.group()
        norm = normalise(raw)
        capitals = capitals or (len(raw) <= 5 and raw.isupper() and norm in FUNCTION_WORDS)
        current.append(Token(match.start(), match.end(), raw, norm, kind == "number" or raw.isdigit()))
    if current:
        chunks.append(_acronyms(current) if capitals else current)
    return chunks


def _acronyms(chunk: list[Token]) -> list[Token]:
    """A word in capitals among lower-case words is an acronym: one that would read as a function word ("US",
    "WHO", "IT") reads as its dotted form ("u.s.", "w.h.o.", "i.t."), the form "U.S." has."""
    if not any(token.raw[:1].islower() for token in chunk):
        return chunk
    return [token._replace(norm=".".join(token.norm) + ".") if 2 <= len(token.raw) <= 5 and token.raw.isupper()
            and token.raw.isalpha() and token.norm in FUNCTION_WORDS else token for token in chunk]


@lru_cache(maxsize=1 << 17)
def normalise(word: str) -> str:
    """A word's normalised form: lower case, straight apostrophes, plain hyphens, no possessive ending; a dotted
    acronym without its dots ("F.B.I." reads "fbi", as "FBI" does), unless that makes a function word ("U.S."
    stays "u.s.")."""
    if _DOTTED_RE.fullmatch(word):
        plain = word.replace(".", "").lower()
        return word.lower() if plain in FUNCTION_WORDS else plain
    norm = word.lower().translate(_NORMALISE)
    if norm.endswith("'s") and len(norm) > 2:
        norm = norm[:-2]
    return norm


def count_words(text) -> int:
    """How many words ``text`` holds, by the rules above (0 for anything but text)."""
    if not isinstance(text, str):
        return 0
    if _scanner(text) is _PLAIN_RE:
        return len(_COUNT_RE.findall(text))
    return sum(1 for match in _SCAN_RE.finditer(text) if match.lastgroup in _WORD_KINDS)


def _scanner(text: str) -> re.Pattern:
    return _SCAN_RE if "@" in text or "://" in text or "www." in text else _PLAIN_RE


def words(text: str) -> list[str]:
    """The normalised words of ``text``, in order, numbers included."""
    return [token.norm for chunk in scan(text) for token in chunk]


def tokenize(text: str, *, numbers: str = "drop") -> list[list[str]]:
    """Normalised words of ``text`` in chunks; with ``numbers="drop"`` a number becomes ``""``,
    which holds its place so that no n-gram spans it."""
    if numbers not in ("drop", "keep"):
        raise ValueError(f"numbers must be 'drop' or 'keep', not {numbers!r}")
    drop = numbers == "drop"
    return [["" if drop and t.number else t.norm for t in chunk] for chunk in scan(text)]


def is_compound(token: Token) -> bool:
    """Whether a word is hyphenated ("re-election", "free-trade")."""
    return "-" in token.norm


def compound_parts(token: Token) -> list[Token]:
    """The parts of a hyphenated word as words of their own, with their own spans."""
    parts, offset = [], token.start
    for piece in re.split(f"[{_HYPHENS}]", token.raw):
        parts.append(Token(offset, offset + len(piece), piece, normalise(piece), piece.isdigit()))
        offset += len(piece) + 1
    return parts


def name_spans(chunk: list[Token]) -> list[tuple[int, int]]:
    """Multi-word proper names in a chunk, as ``(first, stop)`` token indices.

    A name is a run of two to ``MAX_NAME_WORDS`` capitalised words ("United
    States", "Shanghai Cooperation Organization"), which may hold lower-case
    connectors inside ("Bank of England", "Ministry of Commerce"), but not
    "and" ("Xi and Putin" is two names, so "Belt and Road" is too).
    Function words, honorifics and (at the front) dates are trimmed from a
    name's ends ("The United States" is "united states", "On Wednesday Xi
    Jinping" is "xi jinping"); a name is cut after its last job title when two
    words remain ("Belarusian President Alexander Lukashenko" is "alexander
    lukashenko"). Nothing is a name in a chunk written in title case or capitals (a
    headline), where capitals say nothing.
    """
    if _headline_case(chunk):
        return []
    spans, i = [], 0
    while i < len(chunk):
        if not _capitalised(chunk[i]):
            i += 1
            continue
        j = i + 1
        while j < len(chunk) and (_capitalised(chunk[j]) or (
                chunk[j].norm in _CONNECTORS and j + 1 < len(chunk) and _capitalised(chunk[j + 1]))):
            j += 1
        span = _trim_name(chunk, i, j)
        if span is not None:
            spans.append(span)
        i = j
    return spans


def _trim_name(chunk: list[Token], i: int, j: int) -> tuple[int, int] | None:
    while i < j and chunk[i].norm in _NAME_OPENERS:
        i += 1
    while i < j and chunk[j - 1].norm in _NAME_CLOSERS:
        j -= 1
    titles = [k for k in range(i, j) if chunk[k].norm in TITLES]
    if titles and j - titles[-1] - 1 >= 2:
        i = titles[-1] + 1
        while i < j and chunk[i].norm in _CONNECTORS:
            i += 1
    if not 2 <= j - i <= MAX_NAME_WORDS:
        return None
    return i, j


def _capitalised(token: Token) -> bool:
    return token.raw[:1].isupper() and not token.number


def _headline_case(chunk: list[Token]) -> bool:
    """Four or more words and not one lower-case word but short function words ("of", "to", "in")."""
    lower = [t for t in chunk if not t.number and not _capitalised(t)
             and not (len(t.norm) <= 3 and t.norm in FUNCTION_WORDS)]
    return len(chunk) >= 4 and not lower


@lru_cache(maxsize=1)
def _news_lists() -> dict[str, frozenset[str]]:
    return read_word_list(NEWS_STOPWORDS_TXT)


FUNCTION_WORDS: frozenset[str] = read_word_list(FUNCTION_WORDS_TXT)[""]
HONORIFICS: frozenset[str] = _news_lists().get("honorifics", frozenset())
TITLES: frozenset[str] = _news_lists().get("titles", frozenset())
NEWS_STOP_WORDS: frozenset[str] = FUNCTION_WORDS.union(
    *(words for name, words in _news_lists().items() if name != "titles"))
_NAME_OPENERS = FUNCTION_WORDS | HONORIFICS | _news_lists().get("time", frozenset()) | _CONNECTORS
_NAME_CLOSERS = FUNCTION_WORDS | HONORIFICS | _CONNECTORS


def is_function_word(word: str) -> bool:
    """Whether ``word`` (any case, straight or curly apostrophe) is an English function word."""
    return word.lower().replace("\u2019", "'") in FUNCTION_WORDS


STOP_LISTS = ("news", "function", "none")


@lru_cache(maxsize=8)
def stop_words(language: str = "en", extra: tuple[str, ...] = (), *, stop_list: str = "function") -> frozenset[str]:
    """Stop words of ``language`` plus ``extra``.

    English: :data:`FUNCTION_WORDS` (``stop_list="function"``),
    or those plus news filler (``"news"``), or nothing (``"none"``). Other
    languages: the list of the ``stopwords`` package.
    """
    if stop_list not in STOP_LISTS:
        raise ValueError(f"stop_list must be one of {', '.join(STOP_LISTS)}, not {stop_list!r}")
    extra_words = frozenset(w.lower() for w in extra)
    if stop_list == "none":
        return extra_words
    if language == "en":
        return (NEWS_STOP_WORDS if stop_list == "news" else FUNCTION_WORDS) | extra_words
    return frozenset(w.lower() for w in get_stopwords(language) if w) | extra_words
