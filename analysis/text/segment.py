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
:func:`analysis.voices.voices.split_sentences` turns these spans into a table of sentences, each with its voice.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from analysis.paths import ABBREVIATIONS_TXT
from analysis.resources.wordlists import read_entries
from analysis.text.lines import logical_lines
from analysis.text.tokens import FUNCTION_WORDS

# A run of end marks is tried once, from its start and whole (a shorter run never ends a sentence): linear on
# "Wait......(" where trying every start and length was quadratic.
_CANDIDATE_RE = re.compile(r"(?<![.!?…])([.!?…]++)([\"'”’»」』“)\]]*+)"
                           r"(?:\s+(?=[\"“‘«„「『(\[]*\S)|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]+\s))")
_NEXT_WORD_RE = re.compile(r"[\w’']+")
_DOTTED_RE = re.compile(r"(?:[a-z]\.)+[a-z]")
_OPENING_MARKS = "\"'“‘«„「『([”’"  # ” and ’ after a space open a quote in spun copies that curl marks the wrong way
_TOKEN_BEFORE_RE = re.compile(r"(?<!\S)(\S+)$")  # search a slice: the look-behind sees no further
# Words that open a sentence after a dotted abbreviation ("…in the U.S. The talks…"): the one list of function
# words (analysis.text.tokens).
_OPENERS = FUNCTION_WORDS
# The lede, in sentences. Its two uses are kept apart because they differ and outputs depend on both:
LEDE_SENTENCES = 3  # a topic first mentioned this early is "in the lede" (topic coverage, page 4)
STANCE_LEDE_SENTENCES = 2  # the lede the stance model reads: its weights (data/stance_model.json) were fitted so


@lru_cache(maxsize=4)
def load_abbreviations(path: str | Path = ABBREVIATIONS_TXT) -> tuple[frozenset[str], frozenset[str]]:
    """Return (abbreviations, abbreviations that may also end a sentence)."""
    plain, final = set(), set()
    for line in read_entries(path):
        line = line.lower()
        if line.startswith("!"):
            final.add(line[1:])
        else:
            plain.add(line)
    return frozenset(plain | final), frozenset(final)


def sentence_spans(text: str, *, abbreviations: tuple[frozenset[str], frozenset[str]] | None = None
                   ) -> Iterator[tuple[int, int, int]]:
    """Yield ``(start, end, paragraph_no)`` for each sentence of ``text``; ``text[start:end]`` is the sentence."""
    yield from paragraph_sentence_spans(text, paragraphs(text), abbreviations or load_abbreviations())


def paragraph_sentence_spans(text: str, blocks, abbreviations) -> Iterator[tuple[int, int, int]]:
    """:func:`sentence_spans` for paragraphs already found (``blocks``, from :func:`paragraphs`)."""
    for paragraph_no, (p_start, p_end) in enumerate(blocks):
        start = p_start
        for match in _CANDIDATE_RE.finditer(text, p_start, p_end):
            if _is_boundary(text, match, start, abbreviations):
                yield from _span(text, start, match.end(2), paragraph_no)
                start = match.end()
        yield from _span(text, start, p_end, paragraph_no)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Blocks of text: each line is a block unless it was hard-wrapped (:func:`analysis.text.lines.continues_line`)."""
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
    token = _TOKEN_BEFORE_RE.search(text[max(sentence_start, match.start() - 60):match.start()])
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
