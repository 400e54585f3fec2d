"""Sentence splitting that needs no downloaded models.

TextBlob's ``.sentences`` needs NLTK's punkt data, which a fresh offline
machine cannot fetch. This splitter is rule based: paragraphs first (each line
of scraped text is a block, and hard-wrapped lines are joined back), then
sentence-final punctuation (with any closing quotation marks, including
``」`` and the German closing ``“``) followed by a capital, whether or not an
opening mark (``„``, ``«``, ``「``) stands before it, minus the periods of known
abbreviations (``data/abbreviations.txt``), initials ("J. Smith"), and dotted
acronyms ("U.S.") when the next word does not open a sentence. In scraped text
a sentence glued to the next ("palace.Observers said") is split too.
See ``docs/sentence-splitting.md`` for how it compares with other splitters.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.lines import logical_lines
from analysis.paths import ABBREVIATIONS_TXT
from analysis.tokens import FUNCTION_WORDS
from analysis.voices import sentence_voices

_CANDIDATE_RE = re.compile(r"([.!?…]+)([\"'”’»」』“)\]]*)(?:\s+(?=[\"“‘«„「『(\[]*\S)|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]+\s))")
_NEXT_WORD_RE = re.compile(r"[\w’']+")
_DOTTED_RE = re.compile(r"(?:[a-z]\.)+[a-z]")
_OPENING_MARKS = "\"'“‘«„「『([”’"  # ” and ’ after a space open a quote in spun copies that curl marks the wrong way
_TOKEN_BEFORE_RE = re.compile(r"(\S+)$")
# Words that open a sentence after a dotted abbreviation ("…in the U.S. The talks…"): the one list of function
# words (analysis.tokens).
_OPENERS = FUNCTION_WORDS
DEFAULT_CARRY = ("source", "source_type", "published", "event", "language")
VOICE_COLUMNS = ["voice", "quoted", "quoted_share", "speaker"]


@lru_cache(maxsize=4)
def load_abbreviations(path: str | Path = ABBREVIATIONS_TXT) -> tuple[frozenset[str], frozenset[str]]:
    """Return (abbreviations, abbreviations that may also end a sentence)."""
    plain, final = set(), set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            final.add(line[1:])
        else:
            plain.add(line)
    return frozenset(plain | final), frozenset(final)


def sentence_spans(text: str, *, abbreviations: tuple[frozenset[str], frozenset[str]] | None = None
                   ) -> Iterator[tuple[int, int, int]]:
    """Yield ``(start, end, paragraph_no)`` for each sentence of ``text``; ``text[start:end]`` is the sentence."""
    yield from _sentence_spans(text, _paragraphs(text), abbreviations or load_abbreviations())


def _sentence_spans(text: str, paragraphs, abbreviations) -> Iterator[tuple[int, int, int]]:
    for paragraph_no, (p_start, p_end) in enumerate(paragraphs):
        start = p_start
        for match in _CANDIDATE_RE.finditer(text, p_start, p_end):
            if _is_boundary(text, match, start, abbreviations):
                yield from _span(text, start, match.end(2), paragraph_no)
                start = match.end()
        yield from _span(text, start, p_end, paragraph_no)


def split_sentences(articles: pd.DataFrame, *, text_col: str = "text",
                    carry: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per sentence, with its voice.

    Columns: ``article_id``, the carried article columns, ``sentence_no``,
    ``paragraph_no``, ``article_sentences`` (sentences in the article), ``text``, ``start``/``end``
    (character offsets into the article's text), ``voice`` (``narration``,
    ``quote`` or ``mixed``), ``quoted`` (the quoted spans, joined by " / "),
    ``quoted_share`` (quoted words / words, 0–1) and ``speaker`` (the canonical
    name of whoever speaks the sentence's quoted speech, the fullest form the
    article gives, e.g. "Tony Blair" for "Mr Blair" or "he"; ``unknown`` when
    the article names nobody; None for narration); see :mod:`analysis.voices`. Article columns named in ``carry`` (by default those
    of ``DEFAULT_CARRY`` that exist, starting with ``source``) are repeated on
    every sentence. Works on any frame with ``article_id`` and ``text_col``;
    empty or missing text gives no rows.
    """
    missing = {"article_id", text_col} - set(articles.columns)
    if missing:
        raise KeyError(f"split_sentences needs columns {sorted(missing)}; the frame has {list(articles.columns)}")
    carry = [c for c in (DEFAULT_CARRY if carry is None else carry) if c in articles.columns]
    abbreviations = load_abbreviations()
    rows = []
    for record in articles[["article_id", text_col, *carry]].itertuples(index=False, name=None):
        article_id, text, extra = record[0], record[1], record[2:]
        if not isinstance(text, str):
            continue
        paragraphs = list(_paragraphs(text))
        spans = list(_sentence_spans(text, paragraphs, abbreviations))
        voices = sentence_voices(text, [(s, e) for s, e, _ in spans], paragraphs)
        for n, ((start, end, paragraph_no), voice) in enumerate(zip(spans, voices)):
            rows.append((article_id, *extra, n, paragraph_no, len(spans), text[start:end], start, end, *voice))
    columns = ["article_id", *carry, "sentence_no", "paragraph_no", "article_sentences", "text", "start", "end",
               *VOICE_COLUMNS]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"sentence_no": "int64", "paragraph_no": "int64", "article_sentences": "int64",
                         "start": "int64", "end": "int64", "quoted_share": "float64"})


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Blocks of text: each line is a block unless it was hard-wrapped (:func:`analysis.lines.continues_line`)."""
    for start, end in logical_lines(text):
        if text[start:end].strip():
            yield start, end


def _is_boundary(text: str, match: re.Match, sentence_start: int, abbreviations) -> bool:
    after = text[match.end():match.end() + 40]
    first = after.lstrip(_OPENING_MARKS)[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    if match.group(1) != ".":
        return True
    token = _TOKEN_BEFORE_RE.search(text, max(sentence_start, match.start() - 60), match.start())
    if token is None:
        return True
    word = token.group(1).lstrip(_OPENING_MARKS).lower()
    plain, final = abbreviations
    next_word = _NEXT_WORD_RE.match(after.lstrip(_OPENING_MARKS))
    opens = next_word is not None and next_word.group(0).lower() in _OPENERS
    if word in final or (_DOTTED_RE.fullmatch(word) is not None):
        return opens
    if word in plain:
        return False
    if len(word) == 1 and word.isalpha() and text[match.start() - 1].isupper():
        return first.isdigit()  # an initial: "J. Smith"
    return True


def _span(text: str, start: int, end: int, paragraph_no: int) -> Iterator[tuple[int, int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end, paragraph_no
