"""Articles: the corpus as tables (:class:`Corpus`), and an article row built from a record.

An article row takes its metadata, source and date from its record (the file's own columns or page metadata),
its manifest row (:mod:`analysis.corpus.manifest`) and what the cleaner found; every other column of the
export or the manifest becomes a column of its own (a name PressLens computes is renamed ``meta_<name>``).
:func:`analysis.pipeline.load.load_corpus` (what ``analysis.load_corpus`` is) runs the pipeline's steps up to
these rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.corpus.clean import Markers, clean_text
from analysis.corpus.metadata import (date_in_file_name, domain_of, find_column, parse_date, url_domain_in,
                                      year_in_file_name, year_only)
from analysis.tables.schemas import RESERVED
from analysis.text.inflect import plural
from analysis.text.tokens import count_words

ARTICLE_COLUMNS = [
    "article_id", "source", "published", "title", "text", "path", "encoding", "n_words",
    "byline", "url", "dateline", "source_credit", "source_from", "published_from", "duplicate_of",
    "duplicate_similarity",
]
REMOVED_COLUMNS = ["article_id", "source", "text", "reason"]
PROBLEM_COLUMNS = ["path", "severity", "message"]
UNKNOWN_SOURCE = "unknown"
_FIELDS = ("title", "source", "published", "url", "byline", "id")  # metadata a row's columns may give
_INTERNAL = {"path", "row", "text", "encoding", "invisible", "meta", "article_id", "group", "manifest"}


@dataclass
class Corpus:
    """A loaded corpus: ``articles`` (one row per article), ``removed`` and ``problems``."""

    articles: pd.DataFrame
    removed: pd.DataFrame
    problems: pd.DataFrame
    root: Path

    @property
    def unique(self) -> pd.DataFrame:
        """The articles without flagged duplicates: each story counted once."""
        return self.articles[self.articles["duplicate_of"].isna()].reset_index(drop=True)

    def summary(self) -> dict:
        """Counts a reader wants first: articles, sources, dates, duplicates, problems."""
        a = self.articles
        dates = a["published"].dropna()
        return {
            "articles": len(a),
            "unique_articles": int(a["duplicate_of"].isna().sum()),
            "sources": int(a["source"].nunique()),
            "words": int(a["n_words"].sum()),
            "first_date": dates.min().date().isoformat() if len(dates) else None,
            "last_date": dates.max().date().isoformat() if len(dates) else None,
            "removed_spans": len(self.removed),
            "files_skipped": int((self.problems["severity"] == "skipped").sum()),
            "warnings": int((self.problems["severity"] == "warning").sum()),
        }

    def __repr__(self) -> str:
        s = self.summary()
        dates = f"{s['first_date']} to {s['last_date']}" if s["first_date"] else "no dates"
        return (f"Corpus({plural(s['articles'], 'article')} from {plural(s['sources'], 'source')}, "
                f"{plural(s['words'], 'word')}, {dates}; {plural(s['removed_spans'], 'span')} removed, "
                f"{plural(s['files_skipped'], 'file')} skipped, {plural(s['warnings'], 'warning')})")


def user_columns(record: dict) -> dict:
    """The record's own columns that become article columns: the manifest's, then the file's.

    Columns that give a known field (title, source, date, URL, byline, id) are used as that field, not repeated;
    a name that PressLens computes is renamed ``meta_<name>`` (see :func:`renamed_columns`).
    """
    return {new: value for _, new, value in _user_items(record)}


def renamed_columns(record: dict) -> list[tuple[str, str]]:
    """``(name, new name)`` of the record's columns that were renamed because PressLens computes that name."""
    return [(old, new) for old, new, _ in _user_items(record) if old != new]


def _user_items(record: dict) -> list[tuple[str, str, object]]:
    meta = record.get("meta") or {}
    used = {meta_column(meta, field) for field in _FIELDS} - {None}
    items, seen = [], set()
    for key, value in (record.get("manifest") or {}).items():
        if key not in ("source", "published", "title", "byline", "url"):
            items.append((key, safe_name(key), value))
            seen.add(key)
    for key, value in meta.items():
        if key not in used and not key.startswith("_") and key not in seen:
            items.append((key, safe_name(key), value))
    return items


def safe_name(name: str) -> str:
    """A user's column name that cannot collide with a column PressLens computes."""
    return f"meta_{name}" if name in RESERVED or name in _INTERNAL else name


def meta_column(meta: dict, field: str) -> str | None:
    """The column of a record's metadata that gives ``field`` (the first of its known names present)."""
    return find_column(list(meta), field)


def repetition_group(record: dict, root: Path) -> str:
    """The source whose template lines this record's lines are counted with."""
    manifest = record.get("manifest") or {}
    column = meta_column(record.get("meta") or {}, "source")
    return str(manifest.get("source") or (record["meta"].get(column) if column else None)
               or folder_source(record["path"], root) or "")


def folder_source(path: str, root: Path) -> str | None:
    parts = Path(path).parts
    return parts[0] if root.is_dir() and len(parts) > 1 else None


def build_articles(records: list[dict], root: Path, *, markers: Markers, repeated: list[frozenset[str]],
                   columns: list[str], problems: list[dict]) -> tuple[pd.DataFrame, list[tuple]]:
    """Clean each record into an article row; return the articles frame and the removal log rows.

    ``repeated`` holds each record's template lines (see :mod:`analysis.corpus.repetition`); ``columns`` are the
    corpus's user columns, in order, so every chunk of a streamed corpus has the same columns.
    """
    rows, removed = [], []
    for record, templates in zip(records, repeated):
        cleaned = clean_text(record["text"], markers=markers, repeated=templates)
        row = article_row(record, cleaned, root, problems)
        extras = user_columns(record)
        row.update({c: extras.get(c) for c in columns})
        rows.append(row)
        if record.get("invisible"):
            removed.append((row["article_id"], row["source"], record["invisible"],
                            f"{len(record['invisible'])} invisible control character(s) (zero-width, bidi)"))
        removed.extend((row["article_id"], row["source"], span, reason) for span, reason in cleaned.removed)
    return pd.DataFrame(rows), removed


def article_row(record: dict, cleaned, root: Path, problems: list[dict]) -> dict:
    """One article's core columns, from its record, its manifest row and what the cleaner found."""
    manifest = record.get("manifest") or {}
    meta = record.get("meta") or {}
    found = cleaned.meta
    fields = {field: meta[column] for field in _FIELDS if (column := meta_column(meta, field)) is not None}
    path = record["path"]
    source, source_from = _infer_source(record, fields, manifest, found, root, cleaned.text)
    published, published_from = resolve_date(manifest, fields.get("published"), found, path, problems)
    if not cleaned.text:
        problems.append({"path": path, "severity": "warning",
                         "message": f"{record['article_id']}: the cleaner removed all of the text (see removed)"})
    return {
        "article_id": record["article_id"],
        "source": source,
        "published": published,
        "title": _first(manifest.get("title"), fields.get("title"), found.get("title")),
        "text": cleaned.text,
        "path": path,
        "encoding": record.get("encoding"),
        "n_words": count_words(cleaned.text),
        "byline": _first(manifest.get("byline"), fields.get("byline"), found.get("byline")),
        "url": _first(manifest.get("url"), fields.get("url")),
        "dateline": found.get("dateline"),
        "source_credit": _first(found.get("dateline_source"), found.get("source_line")),
        "source_from": source_from,
        "published_from": published_from,
    }


_BIDI_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _infer_source(record, fields, manifest, found, root, text) -> tuple[str, str]:
    candidates = (
        (manifest.get("source"), "manifest"),
        (fields.get("source"), "column"),
        (folder_source(record["path"], root), "folder"),
        (found.get("dateline_source"), "dateline"),
        (found.get("source_line"), "source line"),
        ((record.get("meta") or {}).get("_sitename"), "html metadata"),
        (domain_of(str(fields["url"])) if fields.get("url") else None, "url"),
        (url_domain_in(text), "url in text"),
    )
    for value, origin in candidates:
        if value is not None and not (isinstance(value, float) and pd.isna(value)):
            name = " ".join(_BIDI_RE.sub("", str(value)).split())  # no invisible or direction-changing characters
            if name:
                return name, origin
    return UNKNOWN_SOURCE, "unknown"


def resolve_date(manifest: dict, column, found: dict, path: str, problems: list[dict]
                 ) -> tuple[pd.Timestamp | None, str | None]:
    """An article's publication date and where it came from (``published_from``), never guessed.

    The first of these that gives a valid date wins:

    1. the manifest's ``published`` (``"manifest"``);
    2. the export's or the page's own date column (``"column"``);
    3. a published line in the text, "March 1, 2023" or "2024-05-06" (``"published line"``);
    4. a dateline with its year, "LONDON, 4 March 2024 (Reuters) -" (``"dateline"``);
    5. an ISO date in the file's name, ``2024-03-04-port-strike.txt`` (``"file name"``);
    6. a dateline without a year, "PORTVILLE, May 6 (Coastal Wire) -", dated in the year the file's name gives
       (``strike-2024.txt``: ``"dateline, year from file name"``) or the manifest's ``year`` (or a ``published``
       that is only a year: ``"dateline, year from manifest"``).

    A value that cannot be read as a date (an ambiguous "03/04/2024", a "February 30") is reported in
    ``problems`` and passed over; "4/3" is never a dateline. Without any, the article is undated (None, None).
    """
    manifest_published = manifest.get("published")
    manifest_year = year_only(manifest.get("year")) or year_only(manifest_published)
    if manifest_year:
        manifest_published = None  # a bare year dates no day: it only gives a dateline its year
    named, named_warning = date_in_file_name(path)
    if named_warning:
        problems.append({"path": path, "severity": "warning", "message": f"published: {named_warning}"})
    dateline = found.get("dateline_date")
    candidates = (
        (manifest_published, "manifest"),
        (column, "column"),
        (found.get("published"), "published line"),
        (dateline if dateline and re.search(r"\d{4}", dateline) else None, "dateline"),
        (named, "file name"),
        (_with_year(dateline, year_in_file_name(path)), "dateline, year from file name"),
        (_with_year(dateline, manifest_year), "dateline, year from manifest"),
    )
    for value, origin in candidates:
        if value is None or (isinstance(value, float) and pd.isna(value)) or (isinstance(value, str) and
                                                                               not value.strip()):
            continue
        stamp, warning = parse_date(value)
        if warning:
            problems.append({"path": path, "severity": "warning", "message": f"published: {warning}"})
        if stamp is not None:
            return stamp, origin
    return None, None


def _with_year(dateline: str | None, year: int | None) -> str | None:
    """A dateline's "May 6" or "6 May" with a year added, or None (no dateline, one with its own year, or no year)."""
    if not dateline or year is None or re.search(r"\d{4}", dateline):
        return None
    return f"{dateline} {year}"


def _first(*values):
    return next((v for v in values if v is not None and not (isinstance(v, float) and pd.isna(v)) and v != ""),
                None)
