"""Quoted speech against the outlet's own narration, and who is speaking.

Quotes are found per paragraph, so a quote can run over several sentences.
Curly quotes give their direction when they are balanced; otherwise (scraped
and spun text often writes ``that” China is…``) the double quotation marks of
a paragraph are paired in order, and an unclosed quote ends with its
paragraph. Single quotes count only as ``‘…’`` pairs that open after a space.

Only quotes of four words or more count as speech: a scare-quoted phrase
("an “all-weather” partnership") does not make a sentence speech, though it
is listed in ``quoted``. A sentence's ``voice`` is ``quote`` when speech makes
up at least 90% of its words, or all of it but an attribution of at most
five words (``“…,” Lukashenko said.``); ``mixed`` when it holds speech and
more of the outlet's own words; ``narration`` otherwise.
"""
from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd

_DOUBLE = {"“": "open", "„": "open", "«": "open", "”": "close", "»": "close", '"': "either"}
_DOUBLE_RE = re.compile("[" + "".join(_DOUBLE) + "]")
_SINGLE_RE = re.compile(r"(?:(?<=\s)|^)‘([^‘’\n]{1,300}?)’(?![\w])")
_WORD_RE = re.compile(r"\w+")
_VERBS = (
    "said|says|say|told|tells|added|adds|stressed|stresses|noted|notes|declared|declares|stated|states|"
    "warned|warns|urged|urges|asked|asks|wrote|writes|insisted|insists|argued|argues|claimed|claims|"
    "emphasized|emphasised|emphasizes|emphasises|reiterated|reiterates|announced|announces|explained|"
    "explains|replied|replies|acknowledged|admitted|suggested"
)
_INVERTED = "said|says|added|asked|wrote|explained|replied|told reporters"
_NAME = r"(?:[A-Z][\w’'.\-]+(?:\s+(?:[A-Z][\w’'.\-]+|al|bin|de|van|von|der|la|le|du))*)"
_PRONOUN = r"(?:he|she|they|He|She|They)"
_SPEAKER_PATTERNS = [
    re.compile(rf"(?P<who>{_NAME}|{_PRONOUN})\s+(?:(?:also|later|then|has|had|have|once|repeatedly)\s+)?"
               rf"(?:{_VERBS})\b"),
    re.compile(rf"\b(?:{_INVERTED})\s+(?P<who>{_NAME})(?=\s*[,.;]|\s*$)"),
    re.compile(rf"(?P<who>{_NAME}) (?:was|were|has been|had been) (?:quoted|cited) as saying"),
    re.compile(rf"\b(?:cited|quoted) (?P<who>{_NAME}) as saying"),
    re.compile(r"\b(?i:according to)\s+(?:the |a |an )?(?P<who>[A-Z][^,.;:“”\"]{1,60}?)(?=\s*[,.;:“”\"]|\s*$)"),
]
_HINT_RE = re.compile(rf"\b(?:{_VERBS}|{_INVERTED}|cited|quoted|(?i:according to))\b")
_NOT_SPEAKERS = frozenset("The This That These Those It There Here In On At For From With By As But And Or "
                          "So Yet If When While After Before Since Although Though Why What Who How".split())
_SUBJECT_RE = re.compile(rf"(?P<who>{_NAME})\s+[a-z]")
MIN_MIXED_WORDS = 4
MAX_TAG_WORDS = 5  # "…,” the Belarusian president told reporters." is still a quote
QUOTE_SHARE = 0.9


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of quoted text (without the marks), within each paragraph."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        marks = [(m.start(), _DOUBLE[m.group(0)]) for m in _DOUBLE_RE.finditer(text, p_start, p_end)]
        spans.extend(_pair(marks, p_end))
        for match in _SINGLE_RE.finditer(text, p_start, p_end):
            spans.append((match.start(1), match.end(1)))
    return sorted(spans)


def find_speaker(text: str) -> str | None:
    """The speaker a sentence (or a stretch of text outside quotes) names: "Xi told…", "according to Xinhua"."""
    if not _HINT_RE.search(text):  # no speech verb, "according to" or "cited": no speaker
        return None
    for pattern in _SPEAKER_PATTERNS:
        for match in pattern.finditer(text):
            who = match.group("who").strip(" .,’'")
            first = who.split()[0] if who else ""
            if who and first not in _NOT_SPEAKERS and not who.endswith(("’s", "'s")):
                return re.sub(r"\s+", " ", who)
    return None


def sentence_voices(text: str, sentences: list[tuple[int, int]], paragraphs: list[tuple[int, int]]
                    ) -> list[tuple[str, str, float, str | None]]:
    """For each sentence span: ``(voice, quoted text, quoted share of words, speaker)``."""
    spans = quote_spans(text, paragraphs)
    span_words = [_words(text, a, b) for a, b in spans]
    sentence_starts = [s for s, _ in sentences]
    speakers = [_span_speaker(text, span, sentences, sentence_starts) for span in spans]
    starts = [s for s, _ in spans]
    out = []
    last_named: str | None = None
    for s_start, s_end in sentences:
        inside = _overlapping(spans, starts, s_start, s_end)
        speech = [(a, b, k) for a, b, k in inside if span_words[k] >= MIN_MIXED_WORDS]
        words = _words(text, s_start, s_end) or 1
        quoted_parts = [text[max(a, s_start):min(b, s_end)].strip() for a, b, _ in inside]
        quoted_words = sum(_words(text, max(a, s_start), min(b, s_end)) for a, b, _ in speech)
        share = min(quoted_words / words, 1.0)
        outside = _outside_quotes(text, s_start, s_end, inside)
        speaker = next((speakers[k] for _, _, k in speech if speakers[k]), None) or find_speaker(outside)
        if not speech:
            voice = "narration"
        elif share >= QUOTE_SHARE or (words - quoted_words <= MAX_TAG_WORDS and find_speaker(outside)):
            voice = "quote"
        else:
            voice = "mixed"
        if speaker in ("he", "she", "they", "He", "She", "They"):
            speaker = last_named
        named = speaker or _subject(outside)
        if named:
            last_named = named
        out.append((voice, " / ".join(p for p in quoted_parts if p), round(share, 3), speaker))
    return out


def _subject(text: str) -> str | None:
    """The name that opens a narration sentence ("Blinken spoke …"), for resolving a later "he said"."""
    match = _SUBJECT_RE.match(text.strip())
    if match and match.group("who").split()[0] not in _NOT_SPEAKERS:
        return match.group("who")
    return None


def _pair(marks: list[tuple[int, str]], paragraph_end: int) -> list[tuple[int, int]]:
    directional = [kind for _, kind in marks if kind != "either"]
    balanced = (not any(kind == "either" for _, kind in marks) and _well_nested(directional))
    spans, open_at = [], None
    for position, kind in marks:
        opening = (kind == "open") if balanced else open_at is None
        if opening and open_at is None:
            open_at = position + 1
        elif not opening and open_at is not None:
            if position > open_at:
                spans.append((open_at, position))
            open_at = None
    if open_at is not None and paragraph_end > open_at:
        spans.append((open_at, paragraph_end))
    return spans


def _well_nested(kinds: list[str]) -> bool:
    depth = 0
    for kind in kinds:
        depth += 1 if kind == "open" else -1
        if depth not in (0, 1):
            return False
    return depth == 0


def _overlapping(spans, starts, s_start, s_end) -> list[tuple[int, int, int]]:
    out = []
    k = max(bisect_right(starts, s_start) - 1, 0)
    while k < len(spans) and spans[k][0] < s_end:
        a, b = spans[k]
        if b > s_start and a < s_end:
            out.append((a, b, k))
        k += 1
    return out


def _words(text: str, start: int, end: int) -> int:
    """Words (runs of letters or digits) in ``text[start:end]``."""
    return len(_WORD_RE.findall(text, start, end))


def _containing(sentences, starts, position) -> tuple[int, int] | None:
    k = bisect_right(starts, position) - 1
    if k >= 0 and sentences[k][0] <= position < sentences[k][1]:
        return sentences[k]
    return None


def _span_speaker(text: str, span: tuple[int, int], sentences: list[tuple[int, int]],
                  starts: list[int]) -> str | None:
    """The speaker named next to a quote: after it to the end of its sentence, else before it."""
    a, b = span
    after_sentence = _containing(sentences, starts, b)
    end = after_sentence[1] if after_sentence else min(len(text), b + 200)
    after = text[b + 1:end]
    before_sentence = _containing(sentences, starts, a - 1)
    start = before_sentence[0] if before_sentence else max(0, a - 200)
    before = text[start:max(a - 1, start)]
    return find_speaker(after) or find_speaker(before)


def _outside_quotes(text: str, s_start: int, s_end: int, inside) -> str:
    pieces, cursor = [], s_start
    for a, b, _ in inside:
        pieces.append(text[cursor:max(a - 1, cursor)])
        cursor = max(cursor, b + 1)
    pieces.append(text[cursor:s_end])
    return " … ".join(p for p in pieces if p.strip())


def voice_shares(sentences: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Share of each group's sentences in each voice: ``by``, ``voice``, ``sentences``, ``share``."""
    counts = sentences.groupby([by, "voice"]).size().rename("sentences").reset_index()
    counts["share"] = counts["sentences"] / counts.groupby(by)["sentences"].transform("sum")
    return counts
