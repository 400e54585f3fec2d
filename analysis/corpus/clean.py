"""Boilerplate removal for scraped text that has lost its HTML, with a removal log.

The cleaner works on logical lines (physical lines, hard-wrapped ones joined by
:func:`analysis.text.lines.continues_line`, the rule the sentence splitter uses too).
Each line gets features (length, sentence punctuation, stop-word density,
title case, the shape of a headline or of a data row, position, repetition
across the corpus, similarity to the rest of the article) and a verdict:

1. **Markers** (``data/boilerplate.yml``): well-known share labels, related-links
   labels and link lines, navigation, advertisement and newsletter prompts,
   comment forms, reading-time labels, photo credits and contributor credits.
   Headline-shaped lines right under a related-links label are links too.
2. **Repetition**: a short line that recurs in many articles of one source is a
   template line; numbers count, and an article is never emptied this way.
3. **Metadata lines**: a short date, byline or "SOURCE:" line moves into the
   metadata, unless it heads or sits in a table (a fixture list's date).
4. **Header**: the first headline-like line above the body becomes the title; a
   line that repeats it, and short all-capitals labels ("WORLD"), go.
5. **Dateline**: "Hong Kong (CNN)" or "BEIJING:" at the start of the first body
   paragraph moves into the metadata; the sentence stays.
6. **Footer**: after the last line of prose, a run of headline-shaped lines is
   a list of other stories' headlines when a related-links or navigation label
   introduces it, or when it has three lines or more that share little of the
   article's vocabulary. Rows of data (line-ups, scores, results, winners,
   names) are never headline-shaped, and a list that a line ending in ":"
   introduces belongs to the article: both are kept.

Every removed span is logged with its reason, and the words of the kept text
plus the words of the removed spans are exactly the words of the input. Where
a rule is unsure, the text stays.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.errors import DataFileError
from analysis.paths import BOILERPLATE_YML
from analysis.resources.datafiles import read_mapping
from analysis.text.lines import WORD_RE, data_features, is_headline, logical_lines
from analysis.text.tokens import stop_words

_KEY_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_STOP_WORDS = stop_words("en")

MAX_HEADLINE_WORDS = 30
MIN_TRAILING_RUN = 3
MAX_TEMPLATE_PROSE_WORDS = 12
# A trailing list whose lines share less than this of their content words with the body is unrelated to it.
UNRELATED_OVERLAP = 0.5

LINK_LABEL = "related-links label"
LINK_UNDER_LABEL = "link line (headline under a related-links label)"
TEMPLATE = "line repeated across the source's articles (template)"
# Labels that introduce a list of links to other stories.
_LIST_INTRODUCERS = frozenset({LINK_LABEL, "navigation label"})


@dataclass(frozen=True)
class Markers:
    """Compiled boilerplate markers; see ``data/boilerplate.yml``."""

    lines: tuple[tuple[str, re.Pattern], ...]
    inline_prefix: tuple[tuple[str, re.Pattern], ...]
    metadata: tuple[tuple[str, re.Pattern], ...]
    datelines: tuple[re.Pattern, ...]


@dataclass
class Cleaned:
    """A cleaned article: the kept text, the removal log and the metadata found."""

    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(eq=False)
class _Line:
    raw: str
    words: list[str]
    prose: bool
    headline: bool
    index: int
    reason: str | None = None
    prefix: str = ""


@lru_cache(maxsize=8)
def load_markers(path: str | Path = BOILERPLATE_YML) -> Markers:
    """Read and compile a boilerplate marker file (see ``data/boilerplate.yml``)."""
    spec = read_mapping(path, what="boilerplate markers")

    def compile_group(name: str, flags: int) -> tuple[tuple[str, re.Pattern], ...]:
        group = spec.get(name) or {}
        if not isinstance(group, dict):
            raise DataFileError(f"{path}: '{name}' must map reasons to lists of patterns")
        out = []
        for reason, patterns in group.items():
            for pattern in patterns or []:
                try:
                    out.append((str(reason), re.compile(pattern, flags)))
                except re.error as err:
                    raise DataFileError(f"{path}: bad pattern under {name}/{reason}: {pattern!r}: {err}") from err
        return tuple(out)

    return Markers(
        lines=compile_group("lines", re.IGNORECASE),
        inline_prefix=compile_group("inline_prefix", re.IGNORECASE),
        metadata=compile_group("metadata", 0),
        datelines=tuple(re.compile(p) for p in spec.get("datelines") or []),
    )


def ends_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does: ``.!?…:;``, maybe behind closing quotes, or a closing quote."""
    line = line.rstrip()
    if line[-1:] in "\"”»":
        return True
    return line.rstrip("\"'”’»)]*")[-1:] in (".", "!", "?", "…", ":", ";")


def line_key(line: str) -> str:
    """A normalised form of a line, for counting repetitions across a corpus: its words and numbers, lower-cased.

    Lines that differ only in a number ("Row 17", "Row 18") have different keys.
    """
    return " ".join(_KEY_RE.findall(line.lower()))


def line_keys(text: str, *, max_words: int = MAX_HEADLINE_WORDS) -> set[str]:
    """The :func:`line_key` forms of one article's logical lines of 1 to ``max_words`` words and numbers.

    These are what :func:`repeated_lines` counts, once per article; a streamed
    count over a corpus should count the same sets.
    """
    keys = {line_key(text[start:end]) for start, end in logical_lines(text)}
    return {k for k in keys if k and len(k.split()) <= max_words}


def is_prose(line: str, words: list[str] | None = None) -> bool:
    """Whether a line reads as running prose rather than a label, headline or list item.

    Features: sentence-final punctuation, length in words, stop-word density,
    and the share of capitalised words (headlines and labels are title case).
    A line without sentence-final punctuation is prose only when it is longer
    than any headline (``MAX_HEADLINE_WORDS``).
    """
    words = WORD_RE.findall(line) if words is None else words
    if not words:
        return False
    if not ends_sentence(line):
        return len(words) > MAX_HEADLINE_WORDS
    score = 2 + (len(words) >= 8) + (len(words) >= 15)
    score += sum(w.lower() in _STOP_WORDS for w in words) / len(words) >= 0.3
    score -= sum(w[0].isupper() for w in words) / len(words) > 0.6 and len(words) > 2
    score -= line.isupper() and len(words) > 1
    return score >= 3


def clean_text(text: str, *, markers: Markers | None = None, repeated: frozenset[str] = frozenset()) -> Cleaned:
    """Remove boilerplate from one article's text.

    ``repeated`` holds :func:`line_key` forms of lines that recur across many
    articles of the same source (see :func:`repeated_lines`). Returns the kept
    text, the removal log as ``(span, reason)`` pairs, and the metadata found
    (``title``, ``byline``, ``published``, ``dateline``, ``dateline_source``,
    ``dateline_date`` (the date a dateline gives, "May 6" or "4 March 2024"), ``source_line``).
    """
    markers = markers or load_markers()
    lines = [_make_line(i, text[start:end]) for i, (start, end) in enumerate(logical_lines(text))]
    content = [ln for ln in lines if ln.raw.strip()]
    meta: dict[str, str] = {}
    _mark_markers(content, markers)
    _mark_links_under_labels(content)
    _mark_repeated(content, repeated)
    _mark_metadata(content, markers, meta)
    body = [ln for ln in content if ln.prose and ln.reason is None]
    if body:  # with no prose at all there is no header or footer to tell apart
        _mark_header(content, meta, body[0].index)
        _mark_footer(content, body)
        _take_dateline(content, markers, meta, body[0].index)
    return _assemble(lines, meta)


TEMPLATE_MIN_ARTICLES = 3  # a template line recurs in at least this many of a source's articles …
TEMPLATE_MIN_SHARE = 0.3  # … and in at least this share of them


def repeated_lines(texts: list[str], *, min_articles: int = TEMPLATE_MIN_ARTICLES,
                   min_share: float = TEMPLATE_MIN_SHARE, max_words: int = MAX_HEADLINE_WORDS) -> frozenset[str]:
    """Short lines that recur in at least ``min_articles`` and ``min_share`` of ``texts``.

    Call it on the texts of one source: template lines of a site ("Follow us on
    …", a fixed disclaimer) recur in its articles, while a wire story's
    sentences recur across sources and are not touched. Lines are compared by
    :func:`line_key`, numbers included, so rows that differ only in their
    numbers are different lines. The cleaner removes only those that are short
    or do not read as prose, and never the last words of an article: an
    outlet's repeated background paragraph stays. The pipeline applies the same
    rule to a whole corpus in bounded memory (:mod:`analysis.corpus.repetition`).
    """
    if len(texts) < min_articles:
        return frozenset()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(line_keys(text, max_words=max_words))
    floor = max(min_articles, min_share * len(texts))
    return frozenset(k for k, n in counts.items() if n >= floor)


def _make_line(index: int, raw: str) -> _Line:
    words = WORD_RE.findall(raw)
    prose = is_prose(raw, words)
    return _Line(raw=raw, words=words, prose=prose, headline=not prose and is_headline(raw), index=index)


def _mark_markers(lines: list[_Line], markers: Markers) -> None:
    for ln in lines:
        stripped = ln.raw.strip()
        ln.reason = next((reason for reason, pattern in markers.lines if pattern.fullmatch(stripped)), None)
        if ln.reason is None:
            for reason, pattern in markers.inline_prefix:
                match = pattern.match(stripped)
                if match and match.end() < len(stripped):
                    ln.prefix, ln.reason = match.group(0), reason
                    break


def _mark_links_under_labels(lines: list[_Line]) -> None:
    """Headline-shaped lines right under a related-links label ("RECOMMENDED", "Related stories") are links."""
    under_label = False
    for ln in lines:
        if ln.reason is None and under_label and ln.headline:
            ln.reason = LINK_UNDER_LABEL
        under_label = ln.reason in (LINK_LABEL, LINK_UNDER_LABEL)


def _mark_repeated(lines: list[_Line], repeated: frozenset[str]) -> None:
    """Mark template lines; the article's only prose, and its last words, are never template lines."""
    if not repeated:
        return
    found = [ln for ln in lines if ln.reason is None and (not ln.prose or len(ln.words) <= MAX_TEMPLATE_PROSE_WORDS)
             and line_key(ln.raw) in repeated]
    rest = [ln for ln in lines if ln.reason is None and ln not in found]
    if not any(ln.prose for ln in rest):
        found = [ln for ln in found if not ln.prose]
        rest = [ln for ln in lines if ln.reason is None and ln not in found]
    if not any(ln.words for ln in rest):
        return
    for ln in found:
        ln.reason = TEMPLATE


def _mark_metadata(lines: list[_Line], markers: Markers, meta: dict[str, str]) -> None:
    for i, ln in enumerate(lines):
        if ln.reason or ln.prose or len(ln.words) > 12:
            continue
        match = _metadata_match(ln, markers)
        if match and match[0] not in meta and not _in_table(lines, i, markers):
            key, value = match
            meta[key] = value
            ln.reason = f"{key.removesuffix('_line')} line (moved to metadata)"


def _metadata_match(ln: _Line, markers: Markers) -> tuple[str, str] | None:
    stripped = ln.raw.strip()
    for key, pattern in markers.metadata:
        match = pattern.fullmatch(stripped)
        if match:
            return key, match.group("value").strip()
    return None


def _in_table(lines: list[_Line], i: int, markers: Markers) -> bool:
    """Whether a line next to ``lines[i]`` is a row of data (and not another date or byline): a table's heading."""
    neighbours = lines[i + 1:i + 2] + lines[max(i - 1, 0):i]
    return any(not ln.prose and data_features(ln.raw) and _metadata_match(ln, markers) is None for ln in neighbours)


def _mark_header(lines: list[_Line], meta: dict[str, str], first_body: int) -> None:
    title_key, title_words = None, 0
    for ln in lines:
        if ln.index >= first_body or ln.reason:
            continue
        key, stripped = line_key(ln.raw), ln.raw.strip()
        if title_key is not None and key == title_key:
            ln.reason = "repeated title line"
        elif stripped.isupper() and len(ln.words) <= 4 and stripped[-1:] not in ":;,":
            ln.reason = "section label"
        elif title_key is None and _could_be_title(ln):
            title_key, title_words = key, len(ln.words)
            meta.setdefault("title", stripped)
            ln.reason = "title line (moved to metadata)"
    if title_key is None:
        return
    for ln in lines:  # the title repeated further down, e.g. above the photo (same words, so as many)
        if (ln.reason is None and ln.index >= first_body and len(ln.words) == title_words
                and line_key(ln.raw) == title_key):
            ln.reason = "repeated title line"


def _could_be_title(ln: _Line) -> bool:
    """A line above the body that is not prose, and does not end as a label or list item (``:;,``)."""
    return 0 < len(ln.words) <= MAX_HEADLINE_WORDS and not ln.prose and ln.raw.strip()[-1:] not in ":;,"


def _content_words(words: list[str]) -> set[str]:
    """Lower-cased words that are not stop words, with a plural or possessive "s" taken off ("engineers")."""
    lowered = (w.lower() for w in words)
    return {w.removesuffix("'s").removesuffix("’s").rstrip("s") or w for w in lowered if w not in _STOP_WORDS}


def _vocabulary(lines: list[_Line]) -> set[str]:
    return set().union(*(_content_words(ln.words) for ln in lines))


def _similarity(line: _Line, vocabulary: set[str]) -> float | None:
    """Share of a line's content words that also occur in the article body (None under three content words)."""
    content = _content_words(line.words)
    return len(content & vocabulary) / len(content) if len(content) >= 3 else None


def _mark_footer(lines: list[_Line], body: list[_Line]) -> None:
    """Mark a run of headline-shaped lines at the end, where its features say it lists other stories."""
    run, intro = _trailing_headlines(lines)
    reason = _headline_list_reason(run, intro, body)
    for ln in run if reason else ():
        ln.reason = reason


def _trailing_headlines(lines: list[_Line]) -> tuple[list[_Line], _Line | None]:
    """The headline-shaped lines after the last other line (marked labels do not break the run),
    and the line just above the first of them."""
    run: list[_Line] = []
    for ln in reversed(lines):
        if ln.reason is None and not ln.headline:
            break
        if ln.reason is None:
            run.append(ln)
    run.reverse()
    if not run:
        return run, None
    above = [ln for ln in lines if ln.index < run[0].index]
    return run, above[-1] if above else None


def _headline_list_reason(run: list[_Line], intro: _Line | None, body: list[_Line]) -> str | None:
    if not run or _introduces_own_list(intro):
        return None
    if intro is not None and intro.reason in _LIST_INTRODUCERS:
        label = intro.raw.strip()
        return f"trailing list of {len(run)} headlines of other stories (after the label {label!r})"
    if len(run) < MIN_TRAILING_RUN:
        return None
    vocabulary = _vocabulary(body)
    scores = [s for s in (_similarity(ln, vocabulary) for ln in run) if s is not None]
    if scores and sum(scores) / len(scores) < UNRELATED_OVERLAP:
        return f"trailing list of {len(run)} headlines of other stories (little vocabulary shared with the article)"
    return None


def _introduces_own_list(intro: _Line | None) -> bool:
    """A line that presents a list as the article's own: it ends in ":" ("The winners:"), or it is a short
    label that is no boilerplate marker ("Key facts", "Timeline"). Lists of other stories carry marked labels."""
    if intro is None or intro.reason is not None:
        return False
    return intro.raw.rstrip().endswith(":") or (not intro.prose and not intro.headline and len(intro.words) <= 5)


def _take_dateline(lines: list[_Line], markers: Markers, meta: dict[str, str], first_body: int) -> None:
    first = next((ln for ln in lines if ln.index >= first_body and ln.reason in (None, "photo credit or caption")), None)
    if first is None or first.reason is not None:
        return
    for pattern in markers.datelines:
        match = _dateline_match(pattern, first.raw)
        if match is None:
            continue
        if any(ln is not first and ln.reason is None and _dateline_match(pattern, ln.raw) for ln in lines):
            return  # "CHANG:" opening line after line is a transcript's speaker, not a place
        place = match.group("place").strip()
        if "date" in pattern.groupindex and match.group("date"):
            meta["dateline_date"] = match.group("date").strip()
        if _DATE_ONLY_RE.fullmatch(place):  # "March 4 (Reuters) -": a date where the place would be
            meta.setdefault("dateline_date", place)
        else:
            meta["dateline"] = place
        if "source" in pattern.groupindex and match.group("source"):
            meta["dateline_source"] = match.group("source").strip()
        first.prefix, first.reason = match.group(0), "dateline (moved to metadata)"
        return


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_ONLY_RE = re.compile(rf"(?i:{_MONTH}) \d{{1,2}}(?:,? \d{{4}})?|\d{{1,2}} (?i:{_MONTH})(?: \d{{4}})?")


def _dateline_match(pattern: re.Pattern, raw: str) -> re.Match | None:
    """A dateline at the start of ``raw``, followed by a sentence that starts with a capital."""
    stripped = raw.strip()
    match = pattern.match(stripped)
    return match if match and match.end() < len(stripped) and stripped[match.end()].isupper() else None


def _assemble(lines: list[_Line], meta: dict[str, str]) -> Cleaned:
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    for ln in lines:
        raw = ln.raw
        if ln.reason and ln.prefix:
            stripped = raw.strip()
            removed.append((ln.prefix.strip(), ln.reason))
            raw = stripped[len(ln.prefix):]
        elif ln.reason:
            removed.append((raw.strip(), ln.reason))
            continue
        kept.append("\n".join(_SPACE_RE.sub(" ", part).strip() for part in raw.split("\n")))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return Cleaned(text=text, removed=[r for r in removed if r[0]], meta=meta)
