"""What one line of plain text is: the end of a sentence, half of a hard-wrapped sentence, or a row of data.

Scraped and exported news text keeps one paragraph per line, except where a
tool wrapped it at a fixed width. The cleaner (:mod:`analysis.corpus.clean`) and the
sentence splitter (:mod:`analysis.text.segment`) both ask :func:`continues_line`
whether a line goes on from the previous one, so they always agree on what a
paragraph is.

The line shapes (:func:`data_features`, :func:`is_headline`) tell a row of a
table or list (a line-up, a score, a list of winners) from a headline: the
cleaner keeps the first and may remove lists of the second.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

# A line that ends with sentence (or clause) punctuation, maybe behind closing quotes or brackets.
_STOP_RE = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
_FIRST_WORD_RE = re.compile(r"\S+")
# The last word (with its apostrophes) and what follows it, if nothing but non-words: tried only from the start of
# a run that holds a letter or digit, whole, so that the scans to the end never overlap (linear).
_LAST_WORD_RE = re.compile(r"(?<![\w’'])([’']*+\w[\w’']*+)\W*+$")

# Hard wrapping: the widest line is at most this wide, and this many lines at least end mid-phrase.
MAX_WRAP_WIDTH = 120
MIN_WRAPPED_LINES = 3
# Words that end a line only when a tool broke the sentence there (a headline does not end on them).
_BREAK_WORDS = frozenset(
    "a an the of to in on at by for from with and or but as that which who whose than into over about "
    "after before under between against during his her its their our my your this these those is are was "
    "were be been has have had will would could should can may said".split())

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
NUMBER_RE = re.compile(r"(?<![\w.])[£$€¥]?\d[\d,.]*(?:%|[a-zA-Z]{1,2}\b)?")
_SCORE_RE = re.compile(r"(?<![\d.,:/-])\d{1,3} ?[-–] ?\d{1,3}(?![\d.,:/-]|\s*(?:[ap]m|GMT|BST)\b)")
# "Arsenal v Chelsea": a word from a capital at a word boundary, then v or vs; each word tried once (atomic).
_VERSUS_RE = re.compile(r"(?<![\w.'’-])(?>[\w.'’-]*?\b[A-Z])[\w.'’-]*+\s+(?:v|vs\.?)\s+[A-Z]")
_BRACKETED_NUMBER_RE = re.compile(r"\([^()]{0,30}\d[^()]{0,30}\)")
_LABEL_RE = re.compile(r"^\W{0,3}(?P<label>[^\W\d_][^:;,.!?]{0,40}?)\s?:\s*(?P<value>\S.*)$")
_COLUMNS_RE = re.compile(r"\S(?:\t| {3,})\S")
_BULLET_RE = re.compile(r"^\s*(?:[-*•·–—▪►]|\d{1,2}[.)])\s+")
# A sentence ending inside the line ("… a stand-up guy. Such a …"), or a social-media post's "(@handle)".
_INNER_STOP_RE = re.compile(r"\w[.!?][\"'”’]?\s+[\"“‘]?[A-Z]")
_POST_RE = re.compile(r"\(@\w+\)|pic\.twitter\.com/|\s[—–-]\s@\w+")


def ends_with_stop(line: str) -> bool:
    """Whether a line ends with ``.!?…:;`` (maybe behind closing quotes or brackets)."""
    return _STOP_RE.search(line) is not None


def continues_line(previous: str, line: str, *, width: int | None = None) -> bool:
    """Whether ``line`` goes on from ``previous``: the two are one hard-wrapped paragraph.

    The rule: ``previous`` has text and does not end with ``.!?…:;``, and
    ``line`` has text and either starts with a lower-case letter, or the text
    is hard-wrapped at ``width`` (see :func:`wrap_width`) and the first word of
    ``line`` would not have fitted on ``previous``.
    """
    previous, following = previous.rstrip(), line.strip()
    if not previous.strip() or not following or ends_with_stop(previous):
        return False
    if following[0].islower():
        return True
    if width is None:
        return False
    first_word = _FIRST_WORD_RE.match(following).group(0)
    return len(previous) + 1 + len(first_word) > width


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width at which a text was hard-wrapped, or None when it was not.

    A text counts as hard-wrapped when no line is wider than ``MAX_WRAP_WIDTH``
    characters, and at least ``MIN_WRAPPED_LINES`` lines (and a fifth of the
    lines with text) are *broken*: within a word's length of the widest line,
    followed by another line of text, and ending on a comma or on a word that
    cannot end a sentence or a headline ("the", "of", "and", …). One paragraph
    per line, lists and headlines never look like this.
    """
    widths = [len(ln.rstrip()) for ln in lines if ln.strip()]
    if len(widths) < MIN_WRAPPED_LINES or max(widths) > MAX_WRAP_WIDTH:
        return None
    width = max(widths)
    broken = sum(_is_broken(ln, nxt, width) for ln, nxt in zip(lines, lines[1:]))
    return width if broken >= max(MIN_WRAPPED_LINES, len(widths) / 5) else None


def _is_broken(line: str, following: str, width: int) -> bool:
    line = line.rstrip()
    if not following.strip() or len(line) < width - 15:
        return False
    if line.endswith(","):
        return True
    last = _LAST_WORD_RE.search(line)
    return last is not None and last.group(1).lower() in _BREAK_WORDS


def logical_lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` offsets of the logical lines of ``text``: physical lines, hard-wrapped ones joined.

    Blank lines are yielded too (as empty spans), so that the caller sees paragraph breaks.
    """
    lines = text.split("\n")
    width = wrap_width(lines)
    start = pos = 0
    for i, line in enumerate(lines):
        end = pos + len(line)
        if i + 1 == len(lines) or not continues_line(line, lines[i + 1], width=width):
            yield start, end
            start = end + 1
        pos = end + 1


def data_features(line: str) -> list[str]:
    """The features that make a line a row of a table or list rather than a headline or a sentence.

    ``score`` ("2-1", "3 – 0"), ``versus`` ("Wales v France"), ``bracketed number``
    ("(67)", "(35.2%)"), ``label: list`` (a short label, a colon, then a list, a
    number or a short name: "Booked: Kilbane, Carsley", "Att: 38,664", "Best film:
    The Aviator"), ``list of names`` (two or more commas, or a semicolon, between
    short items), ``columns`` (a tab, or three spaces between cells) and
    ``numbers`` (two or more numbers, a fifth of the tokens or more).
    """
    return [name for name, found in _DATA_FEATURES if found(line)]


def _has_columns(line: str) -> bool:
    return _COLUMNS_RE.search(line.strip()) is not None


def _has_numbers(line: str) -> bool:
    numbers = len(NUMBER_RE.findall(line))
    return numbers >= 2 and numbers >= 0.2 * (numbers + len(WORD_RE.findall(line)))


def _is_label_list(line: str) -> bool:
    match = _LABEL_RE.match(line.strip())
    if match is None or len(match.group("label").split()) > 4:
        return False
    value = match.group("value").rstrip(" .")
    words = WORD_RE.findall(value)
    short_name = len(words) <= 3 and all(w[0].isupper() for w in words)
    return short_name or NUMBER_RE.search(value) is not None or _is_name_list(value)


def _is_name_list(text: str) -> bool:
    items = [item.strip() for item in re.split(r"[,;]", text.strip().rstrip("."))]
    if len(items) < 3 and ";" not in text:
        return False
    items = [item for item in items if item]
    return len(items) >= 2 and all(len(item.split()) <= 4 for item in items)


_DATA_FEATURES = (
    ("score", _SCORE_RE.search),
    ("versus", _VERSUS_RE.search),
    ("bracketed number", _BRACKETED_NUMBER_RE.search),
    ("label: list", _is_label_list),
    ("list of names", _is_name_list),
    ("columns", _has_columns),
    ("numbers", _has_numbers),
)


def is_headline(line: str) -> bool:
    """Whether a line is shaped like a headline: 3–25 words, one phrase, and no feature of a data row.

    One phrase: no final ``.,;:`` and no sentence ending inside it. Not a data
    row: none of :func:`data_features`, and no social-media "(@handle)". A
    headline also has a lower-case word or five words or more: shorter lines of
    capitalised words only are names ("Jamie Foxx", "Manchester United").
    """
    stripped = _BULLET_RE.sub("", line.strip())
    words = WORD_RE.findall(stripped)
    if not 3 <= len(words) <= 25 or stripped[-1:] in ".,;:" or _INNER_STOP_RE.search(stripped):
        return False
    if _POST_RE.search(stripped) or data_features(stripped):
        return False
    return len(words) >= 5 or any(w[0].islower() for w in words)
