"""Sentences with their voice: quoted speech against the outlet's own narration, and who is speaking.

:func:`split_sentences` splits articles into sentences (:mod:`analysis.text.segment`) and gives each its voice.
The work is split three ways: :mod:`analysis.voices.quotes` finds quoted spans and tells speech from scare
quotes and titles; :mod:`analysis.voices.speakers` finds the attribution of each quote and resolves it to a
canonical name with :mod:`analysis.voices.names`. This module puts them together per sentence:

- ``voice`` is ``quote`` when speech makes up at least 90% of the sentence's words, or all of it but
  an attribution of at most five words (``"…," Lukashenko said.``); ``mixed`` when it holds speech and
  more of the outlet's own words; ``narration`` otherwise (scare quotes and titles are narration);
- ``speaker`` is the canonical speaker of the sentence's speech (the longest speech span's), ``unknown``
  when the speech is nobody's the article names, and None for narration.

A quote's speaker is the attribution in its own sentence(s); else that of the other paragraphs of the same
quote (a quote running over several paragraphs); else, for a quote standing alone, the speaker of the
sentence before it when that sentence reports speech ("Raman added that …"), or of the last quote within
the two paragraphs before.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

import pandas as pd

from analysis.text.segment import load_abbreviations, paragraph_sentence_spans, paragraphs
from analysis.voices.quotes import Span, has_marks, quote_spans
from analysis.voices.speakers import UNKNOWN, Attribution

_WORD_RE = re.compile(r"\w+")
MAX_TAG_WORDS = 5  # "…,” the Belarusian president told reporters." is still a quote
QUOTE_SHARE = 0.9
FLOAT_PARAGRAPHS = 2  # a quote with no attribution takes the speaker of a quote at most this far back
_NARRATION = ("narration", "", 0.0, None)
DEFAULT_CARRY = ("source", "source_type", "published", "event", "language")  # article columns on every sentence
VOICE_COLUMNS = ["voice", "quoted", "quoted_share", "speaker"]


def sentence_voices(text: str, sentences: list[tuple[int, int]], paragraphs: list[tuple[int, int]]
                    ) -> list[tuple[str, str, float, str | None]]:
    """For each sentence span: ``(voice, quoted text, quoted share of words, speaker)``.

    ``quoted text`` joins every quoted span of the sentence (speech, scare quotes, titles) with " / ";
    ``quoted share`` is the share of its words that are speech (0–1).
    """
    if not sentences or not has_marks(text):
        return [_NARRATION] * len(sentences)
    spans = quote_spans(text, paragraphs, sentences)
    if not spans:
        return [_NARRATION] * len(sentences)
    speech = [s for s in spans if s.kind == "speech"]
    speakers = _span_speakers(text, speech, spans, sentences, paragraphs)
    return _per_sentence(text, sentences, spans, speakers)


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
    the article names nobody; None for narration); see the module's docstring. Article columns named in ``carry`` (by default those
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
        blocks = list(paragraphs(text))
        spans = list(paragraph_sentence_spans(text, blocks, abbreviations))
        voices = sentence_voices(text, [(s, e) for s, e, _ in spans], blocks)
        for n, ((start, end, paragraph_no), voice) in enumerate(zip(spans, voices)):
            rows.append((article_id, *extra, n, paragraph_no, len(spans), text[start:end], start, end, *voice))
    columns = ["article_id", *carry, "sentence_no", "paragraph_no", "article_sentences", "text", "start", "end",
               *VOICE_COLUMNS]
    frame = pd.DataFrame(rows, columns=columns)
    for column in carry:  # the articles' own dtypes: dates stay datetime64[ns] even when every one is missing
        if frame[column].dtype != articles[column].dtype:
            frame[column] = frame[column].astype(articles[column].dtype)
    return frame.astype({"sentence_no": "int64", "paragraph_no": "int64", "article_sentences": "int64",
                         "start": "int64", "end": "int64", "quoted_share": "float64"})


def _per_sentence(text, sentences, spans: list[Span], speakers: dict[int, str]) -> list[tuple]:
    starts = [s.start for s in spans]
    out = []
    for s_start, s_end in sentences:
        inside = _overlapping(spans, starts, s_start, s_end)
        if not inside:
            out.append(_NARRATION)
            continue
        quoted = " / ".join(p for p in (text[max(s.start, s_start):min(s.end, s_end)].strip() for s in inside) if p)
        speech = [s for s in inside if s.kind == "speech"]
        if not speech:
            out.append(("narration", quoted, 0.0, None))
            continue
        words = _words(text, s_start, s_end) or 1
        counts = [_words(text, max(s.start, s_start), min(s.end, s_end)) for s in speech]
        share = min(sum(counts) / words, 1.0)
        main = speech[max(range(len(speech)), key=counts.__getitem__)]
        speaker = speakers.get(id(main)) or UNKNOWN
        tagged = words - sum(counts) <= MAX_TAG_WORDS
        voice = "quote" if share >= QUOTE_SHARE or tagged else "mixed"
        out.append((voice, quoted, round(share, 3), speaker))
    return out


def _span_speakers(text, speech: list[Span], spans: list[Span], sentences, paragraphs) -> dict[int, str]:
    """The canonical speaker of each speech span (keyed by ``id(span)``); UNKNOWN where none is found."""
    attribution = Attribution(text, sentences, [(s.start, s.end) for s in spans])
    sentence_starts = [s for s, _ in sentences]
    position = {id(span): k for k, span in enumerate(spans)}
    own = {id(span): _own_speaker(text, span, position[id(span)], spans, sentences, sentence_starts, attribution)
           for span in speech}
    chains: dict[int, str] = {}
    for span in speech:
        if own[id(span)] and span.chain not in chains:
            chains[span.chain] = own[id(span)]
    paragraph_starts = [p for p, _ in paragraphs]
    out: dict[int, str] = {}
    previous: tuple[int, str] | None = None  # (paragraph number, speaker) of the last attributed quote
    for span in speech:
        paragraph = bisect_right(paragraph_starts, span.start) - 1
        speaker = own[id(span)] or chains.get(span.chain)
        if not speaker:
            speaker = _floating(text, span, sentences, sentence_starts, attribution, previous, paragraph)
        out[id(span)] = speaker or UNKNOWN
        if speaker and (speaker != UNKNOWN or own[id(span)] == UNKNOWN):
            previous = (paragraph, speaker)  # a quote of someone unnamed is followed by theirs, not an earlier one's
    return out


def _own_speaker(text, span: Span, k: int, spans, sentences, sentence_starts, attribution: Attribution
                 ) -> str | None:
    """The attribution in the span's own sentence(s): after it, between two parts, before it, then weaker."""
    open_sentence = _containing(sentences, sentence_starts, span.start)
    close_sentence = _containing(sentences, sentence_starts, max(span.end - 1, span.start))
    previous_end = max((s.end + 1 for s in spans[max(0, k - 3):k] if s.end <= span.start), default=0)
    next_start = next((s.start - 1 for s in spans[k + 1:k + 4] if s.start >= span.end), len(text))  # not a quote inside
    after = (min(span.end + 1, close_sentence[1]), min(close_sentence[1], next_start))
    before = (open_sentence[0], max(span.start - 1, open_sentence[0]))
    found = attribution.tag_after(*after)
    if found is None and after[1] - after[0] < 2 and text[span.end - 1:span.end] in "?!":
        found = _next_sentence_tag(text, close_sentence, sentences, sentence_starts, attribution)
    if found is None and previous_end > open_sentence[0]:
        found = attribution.tag_after(previous_end, before[1])  # "…," she said, "…"
    if found is None:
        found = attribution.tag_before(*before)
    return found or attribution.tag_after(*after, reporting=True) or attribution.weaker(before, after)


def _next_sentence_tag(text, sentence, sentences, sentence_starts, attribution: Attribution) -> str | None:
    """``"Why now?" Smith asked.``: a short next sentence that is only an attribution."""
    k = bisect_right(sentence_starts, sentence[0])
    if k >= len(sentences):
        return None
    start, end = sentences[k]
    if _words(text, start, end) > 8:
        return None
    found = attribution.tag_after(start, end)
    return found if found != UNKNOWN else None


def _floating(text, span: Span, sentences, sentence_starts, attribution: Attribution, previous,
              paragraph: int) -> str | None:
    """A quote with no attribution: its sentence's subject ("Judge Ainsworth reminded the jury to decide
    "…""), else the speaker the sentence before reports ("Raman added that …"), else the last quote's."""
    k = bisect_right(sentence_starts, span.start) - 1
    subject = attribution.subject_of(sentences[k][0], span.start, opening=True) \
        if k >= 0 and sentences[k][0] < span.start - 1 else None
    if subject:
        return subject
    if k >= 1:
        start, end = sentences[k - 1]
        reported = attribution.tag_before(start, end)
        if reported and reported != UNKNOWN and not attribution.in_quote(start + 1):
            return reported
    if previous and paragraph - previous[0] <= FLOAT_PARAGRAPHS:
        return previous[1]
    return None


def _containing(sentences, starts, position: int) -> tuple[int, int]:
    k = max(bisect_right(starts, position) - 1, 0)
    return sentences[k] if k < len(sentences) else (position, position)


def _overlapping(spans: list[Span], starts: list[int], s_start: int, s_end: int) -> list[Span]:
    out = []
    k = max(bisect_right(starts, s_start) - 1, 0)
    while k < len(spans) and spans[k].start < s_end:
        span = spans[k]
        if span.end > s_start and span.start < s_end:
            out.append(span)
        k += 1
    return out


def _words(text: str, start: int, end: int) -> int:
    """Words (runs of letters or digits) in ``text[start:end]``."""
    return len(_WORD_RE.findall(text, start, end))


def voice_shares(sentences: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Share of each group's sentences in each voice: ``by``, ``voice``, ``sentences``, ``share``."""
    counts = sentences.groupby([by, "voice"]).size().rename("sentences").reset_index()
    counts["share"] = counts["sentences"] / counts.groupby(by)["sentences"].transform("sum")
    return counts
