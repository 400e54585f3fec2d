"""Boilerplate removal for scraped text that has lost its HTML, with a removal log.

The cleaner works line by line. Each line gets features (length, sentence
punctuation, stop-word density, title case, position, repetition across the
corpus, similarity to the rest of the article) and a verdict:

1. **Markers** (``data/boilerplate.yml``): well-known share labels, link lines,
   comment forms, photo credits, section labels and contributor credits.
2. **Metadata lines**: a date, byline or "SOURCE:" line in the header or footer
   moves into the metadata and out of the text.
3. **Header**: the first headline-like line becomes the title; a line that
   repeats it, and short all-capitals labels ("WORLD"), go.
4. **Dateline**: "Hong Kong (CNN)" or "BEIJING:" at the start of the first body
   paragraph moves into the metadata; the sentence stays.
5. **Footer**: a run of three or more headline-like lines after the last prose
   line is a list of other stories' headlines.
6. **Repetition**: a short line that recurs in many articles of one source is a
   template line.

Every removed span is logged with its reason, and the words of the kept text
plus the words of the removed spans are exactly the words of the input.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.datafiles import read_mapping
from analysis.errors import DataFileError
from analysis.keywords import stop_words
from analysis.paths import BOILERPLATE_YML

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_STOP_WORDS = stop_words("en")

MAX_HEADLINE_WORDS = 30
MIN_TRAILING_RUN = 3


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


@dataclass
class _Line:
    raw: str
    words: list[str]
    prose: bool
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
    """A normalised form of a line, for counting repetitions across a corpus."""
    return " ".join(_WORD_RE.findall(line.lower()))


def is_prose(line: str, words: list[str] | None = None) -> bool:
    """Whether a line reads as running prose rather than a label, headline or list item.

    Features: sentence-final punctuation, length in words, stop-word density,
    and the share of capitalised words (headlines and labels are title case).
    A line without sentence-final punctuation is prose only when it is longer
    than any headline (``MAX_HEADLINE_WORDS``).
    """
    words = _WORD_RE.findall(line) if words is None else words
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
    ``source_line``).
    """
    markers = markers or load_markers()
    lines = [_make_line(i, raw) for i, raw in enumerate(_logical_lines(text))]
    content = [ln for ln in lines if ln.raw.strip()]
    meta: dict[str, str] = {}
    _mark_markers(content, markers)
    _mark_repeated(content, repeated)
    _mark_metadata(content, markers, meta)
    body = [ln for ln in content if ln.prose and ln.reason is None]
    if body:  # with no prose at all there is no header or footer to tell apart
        _mark_header(content, meta, body[0].index)
        _mark_footer(content, _vocabulary(body))
        _take_dateline(content, markers, meta, body[0].index)
    return _assemble(lines, meta)


def repeated_lines(texts: list[str], *, min_articles: int = 3, min_share: float = 0.3,
                   max_words: int = MAX_HEADLINE_WORDS) -> frozenset[str]:
    """Short lines that recur in at least ``min_articles`` and ``min_share`` of ``texts``.

    Call it on the texts of one source: template lines of a site ("Follow us on
    …", a fixed disclaimer) recur in its articles, while a wire story's
    sentences recur across sources and are not touched. The cleaner removes
    only those that are short or do not read as prose: an outlet's repeated
    background paragraph stays.
    """
    if len(texts) < min_articles:
        return frozenset()
    counts: Counter[str] = Counter()
    for text in texts:
        keys = {line_key(ln) for ln in text.split("\n")}
        counts.update(k for k in keys if k and len(k.split()) <= max_words)
    floor = max(min_articles, min_share * len(texts))
    return frozenset(k for k, n in counts.items() if n >= floor)


def _logical_lines(text: str) -> list[str]:
    """Lines, with hard-wrapped ones (no final punctuation, next line in lower case) joined back."""
    out: list[str] = []
    for raw in text.split("\n"):
        previous = out[-1] if out else ""
        stripped = raw.lstrip()
        if previous.strip() and stripped[:1].islower() and not ends_sentence(previous):
            out[-1] = previous + "\n" + raw
        else:
            out.append(raw)
    return out


def _make_line(index: int, raw: str) -> _Line:
    words = _WORD_RE.findall(raw)
    return _Line(raw=raw, words=words, prose=is_prose(raw, words), index=index)


def _mark_markers(lines: list[_Line], markers: Markers) -> None:
    after_link_label = False
    for ln in lines:
        stripped = ln.raw.strip()
        for reason, pattern in markers.lines:
            if pattern.fullmatch(stripped):
                ln.reason = reason
                break
        if ln.reason is None and after_link_label and not ln.prose and len(ln.words) <= MAX_HEADLINE_WORDS:
            ln.reason = "link line (headline under a link label)"
        after_link_label = ln.reason == "link line" and len(ln.words) <= 3
        if ln.reason is None:
            for reason, pattern in markers.inline_prefix:
                match = pattern.match(stripped)
                if match and match.end() < len(stripped):
                    ln.prefix, ln.reason = match.group(0), reason
                    break


def _mark_repeated(lines: list[_Line], repeated: frozenset[str]) -> None:
    if not repeated:
        return
    for ln in lines:
        if ln.reason is None and (not ln.prose or len(ln.words) <= 12) and line_key(ln.raw) in repeated:
            ln.reason = "line repeated across the source's articles (template)"


def _mark_metadata(lines: list[_Line], markers: Markers, meta: dict[str, str]) -> None:
    for ln in lines:
        if ln.reason or ln.prose or len(ln.words) > 12:
            continue
        stripped = ln.raw.strip()
        for key, pattern in markers.metadata:
            match = pattern.fullmatch(stripped)
            if match and key not in meta:
                meta[key] = match.group("value").strip()
                ln.reason = f"{key.removesuffix('_line')} line (moved to metadata)"
                break


def _mark_header(lines: list[_Line], meta: dict[str, str], first_body: int) -> None:
    title_key = None
    for ln in lines:
        if ln.index >= first_body or ln.reason:
            continue
        key = line_key(ln.raw)
        if title_key is not None and key == title_key:
            ln.reason = "repeated title line"
        elif ln.raw.strip().isupper() and len(ln.words) <= 4:
            ln.reason = "section label"
        elif title_key is None and 0 < len(ln.words) <= MAX_HEADLINE_WORDS and not ln.prose:
            title_key = key
            meta.setdefault("title", ln.raw.strip())
            ln.reason = "title line (moved to metadata)"
    if title_key is None:
        return
    title_words = len(title_key.split())
    for ln in lines:  # the title repeated further down, e.g. above the photo
        if (ln.reason is None and ln.index >= first_body and len(ln.words) == title_words
                and line_key(ln.raw) == title_key):
            ln.reason = "repeated title line"


def _vocabulary(lines: list[_Line]) -> set[str]:
    return {w.lower() for ln in lines for w in ln.words if w.lower() not in _STOP_WORDS}


def _similarity(line: _Line, vocabulary: set[str]) -> float | None:
    """Share of a line's content words that also occur in the article body."""
    content = {w.lower() for w in line.words if w.lower() not in _STOP_WORDS}
    return len(content & vocabulary) / len(content) if len(content) >= 3 else None


def _mark_footer(lines: list[_Line], vocabulary: set[str]) -> None:
    """Mark a run of headline-like lines at the end that has little to do with the body."""
    run: list[_Line] = []
    for ln in reversed(lines):
        if ln.reason:  # a label such as "Explore" does not break the run
            continue
        if ln.prose or len(ln.words) > MAX_HEADLINE_WORDS:
            break
        run.append(ln)
    scores = [s for s in (_similarity(ln, vocabulary) for ln in run) if s is not None]
    mean = sum(scores) / len(scores) if scores else 0.0
    if len(run) >= MIN_TRAILING_RUN and mean < 0.5:
        for ln in run:
            ln.reason = f"trailing list of {len(run)} headlines of other stories"
        return
    for ln, score in zip(run, (_similarity(ln, vocabulary) for ln in run)):
        if score is not None and score < 0.2:
            ln.reason = "trailing line unrelated to the article"


def _take_dateline(lines, markers, meta, first_body) -> None:
    first = next((ln for ln in lines if ln.index >= first_body and ln.reason in (None, "photo credit or caption")), None)
    if first is None or first.reason is not None:
        return
    stripped = first.raw.strip()
    for pattern in markers.datelines:
        match = pattern.match(stripped)
        if match and match.end() < len(stripped) and stripped[match.end()].isupper():
            meta["dateline"] = match.group("place").strip()
            if "source" in pattern.groupindex and match.group("source"):
                meta["dateline_source"] = match.group("source").strip()
            first.prefix, first.reason = match.group(0), "dateline (moved to metadata)"
            return


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
