"""Load a corpus: files to one row per article, with a removal log and a problem report.

Every input file ends up either loaded (a row in ``articles``) or reported (a
row in ``problems``, with a reason). Every span of text the cleaner removes is
a row in ``removed``, with a reason. :func:`load_corpus` runs the steps of
:mod:`analysis.pipeline` (the same steps ``presslens score`` streams) up to the
articles, and keeps the tables in memory.

This module holds the corpus-level pieces those steps use: the manifest (read
strictly, matched to the files safely), and the building of an article row from
a record (metadata, source, date, and the user's own columns as real columns).
"""
from __future__ import annotations

import csv
import io
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.clean import Markers, clean_text
from analysis.errors import CorpusError, DataFileError
from analysis.metadata import domain_of, find_column, parse_date, url_domain_in
from analysis.readers import MAX_FILE_MB
from analysis.tables import RESERVED
from analysis.tokens import count_words

ARTICLE_COLUMNS = [
    "article_id", "source", "published", "title", "text", "path", "encoding", "n_words",
    "byline", "url", "dateline", "source_credit", "source_from", "duplicate_of", "duplicate_similarity",
]
REMOVED_COLUMNS = ["article_id", "source", "text", "reason"]
PROBLEM_COLUMNS = ["path", "severity", "message"]
UNKNOWN_SOURCE = "unknown"
_MANIFEST_FILE_COLUMNS = ("file", "filename", "file_name", "path")
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


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1,250 articles``."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def load_corpus(path: str | Path | None = None, *, manifest: str | Path | None = None,
                text_col: str | None = None, markers: Markers | str | Path | None = None,
                duplicate_threshold: float = 0.8, strict: bool = False, progress: bool | None = None,
                max_file_mb: float = MAX_FILE_MB, workers: int = 1) -> Corpus:
    """Load a folder (recursively) or a single file of articles.

    Reads ``.txt``, ``.html``/``.htm`` (main text extracted with trafilatura),
    and ``.csv``/``.tsv``/``.json``/``.jsonl``/``.parquet`` exports with one
    article per row (``text_col`` names the text column; common names such as
    ``text``, ``body`` or ``content`` are found without it).

    With no ``path``, loads the bundled corpus with its manifest
    (``data/sources.csv``). ``manifest`` is a CSV with a ``file`` column (a path
    relative to the corpus folder, or a file name); its other columns become
    article columns and win over what is inferred. Every other column of an
    export or a manifest is kept as a column of its own; one whose name
    PressLens computes (``polarity``, ``n_words``, …) is renamed ``meta_<name>``.

    Without a manifest, the source is the sub-folder a file sits in (for a
    corpus with one folder per outlet), else a source column, else inferred from
    the text (a dateline such as "Hong Kong (CNN)", a "SOURCE:" line, a URL
    domain), else ``"unknown"``. ``source_from`` says which.

    Problems never stop the load: each gets a row in ``problems`` (severity
    ``warning`` or ``skipped``). With ``strict=True`` any problem raises
    :class:`CorpusError` instead. A corpus with no loadable article raises
    :class:`CorpusError`. ``progress`` shows progress bars (by default when
    there are more than 200 files). These are the same steps, in the same
    order, as ``presslens score``, kept in memory.
    """
    from analysis.paths import bundled_defaults
    from analysis.pipeline import Settings, run

    root, manifest, _, _ = bundled_defaults(path, manifest=manifest)
    settings = Settings(root=root, manifest=manifest, text_col=text_col, markers=markers,
                        duplicate_threshold=duplicate_threshold, max_file_mb=max_file_mb, scores=False)
    tables = run(settings, workers=workers, progress=progress)
    corpus = Corpus(articles=tables["articles"], removed=tables["removed"], problems=tables["problems"],
                    root=Path(root))
    if strict and len(corpus.problems):
        first = corpus.problems.iloc[0]
        raise CorpusError(f"{plural(len(corpus.problems), 'problem')} loading {root} (strict); the first: "
                          f"{first['path']}: [{first['severity']}] {first['message']}")
    return corpus


def read_manifest(path: str | Path) -> pd.DataFrame:
    """Read a manifest CSV strictly: a ``file`` column, every row as long as the header."""
    header, rows = manifest_lines(path)
    return pd.DataFrame([row for _, row in rows], columns=header)


def manifest_lines(path: str | Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """A manifest's header (its file column named ``file``) and its rows with their line numbers."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(f"cannot read the manifest {path}: {err}") from err
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise DataFileError(f"the manifest {path} is not a readable CSV: {err}") from err
    if not rows:
        raise DataFileError(f"the manifest {path} is empty")
    header = [h.strip() for h in rows[0]]
    file_col = next((c for c in header if c.lower() in _MANIFEST_FILE_COLUMNS), None)
    if file_col is None:
        raise DataFileError(f"the manifest {path} needs a 'file' column; it has {header}")
    header = _manifest_header(header, file_col, path)
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            if len(row) > len(header) and not any(c.strip() for c in row[len(header):]):
                row = row[:len(header)]  # trailing empty cells, as spreadsheets write them
            else:
                raise DataFileError(f"{path}, row {number}: {len(row)} fields where the header has {len(header)}")
        body.append((number, {h: (c.strip() or None) for h, c in zip(header, row)}))
    return header, body


def _manifest_header(header: list[str], file_col: str, path: Path) -> list[str]:
    """Name the file column ``file``; refuse empty (but for trailing ones) and repeated names."""
    while len(header) > 1 and not header[-1]:
        header = header[:-1]
    for number, name in enumerate(header, start=1):
        if not name:
            raise DataFileError(f"{path}: column {number} of the header has no name")
    repeated = [n for n, k in Counter(header).items() if k > 1]
    if repeated:
        raise DataFileError(f"{path}: the header repeats {', '.join(map(repr, repeated))}")
    return ["file" if h == file_col else h for h in header]


@dataclass
class ManifestMatch:
    """Which manifest row describes which file, and what did not match."""

    rows: dict[str, dict]  # corpus path -> the row's columns (without ``file``)
    problems: list[dict]


def match_manifest(path: str | Path, files: list[str]) -> ManifestMatch:
    """Match a manifest's rows to the corpus's files (paths relative to its root).

    A row's ``file`` is normalised (``./a/../b.txt`` is ``b.txt``); one that leads outside the corpus folder is
    ignored with a warning. Repeated rows for one file are warnings naming both rows (the first is used). A path
    matches the file at that path; a bare file name matches the one file of that name, and is a warning when it
    names several. Rows that match no file, and files no row describes, are warnings.
    """
    _, rows = manifest_lines(path)
    problems: list[dict] = []
    by_key: dict[str, tuple[int, dict]] = {}
    for line, row in rows:
        key = _normalise(row["file"])
        if key is None:
            problems.append(_warning(row["file"], f"manifest row {line}: the path leads outside the corpus "
                                                  "folder: ignored"))
            continue
        if key in by_key:
            first, kept = by_key[key]
            what = "repeats" if kept == row else "conflicts with"
            problems.append(_warning(key, f"manifest row {line} {what} row {first} for the same file: "
                                          f"row {first} is used"))
            continue
        by_key[key] = (line, row)
    names = defaultdict(list)
    for file in files:
        names[posixpath.basename(file)].append(file)
    matched: dict[str, dict] = {}
    used = set()
    for key, (line, row) in by_key.items():
        targets = [key] if key in set(files) else names.get(key, []) if "/" not in key else []
        if len(targets) > 1:
            problems.append(_warning(key, f"manifest row {line} names {len(targets)} files "
                                          f"({', '.join(targets[:3])}{', …' if len(targets) > 3 else ''}): "
                                          "give the path within the corpus folder; not applied"))
            used.add(key)
            continue
        for target in targets:
            if target not in matched:
                matched[target] = {k: v for k, v in row.items() if k != "file" and v is not None}
                used.add(key)
    for key, (line, _) in by_key.items():
        if key not in used:
            problems.append(_warning(key, "listed in the manifest but not found in the corpus"))
    for file in files:
        if file not in matched:
            problems.append(_warning(file, "not listed in the manifest: metadata inferred from the text"))
    return ManifestMatch(rows=matched, problems=problems)


def _normalise(file: str | None) -> str | None:
    if not file:
        return None
    path = posixpath.normpath(file.replace("\\", "/"))
    if path.startswith(("/", "../")) or path == ".." or re.match(r"^[A-Za-z]:", path):
        return None
    return path


def _warning(path: str, message: str) -> dict:
    return {"path": path, "severity": "warning", "message": message}


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

    ``repeated`` holds each record's template lines (see :mod:`analysis.repetition`); ``columns`` are the
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
    published = _resolve_date(manifest.get("published"), fields.get("published"), found.get("published"),
                              path, problems)
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


def _resolve_date(*values_and_context) -> pd.Timestamp | None:
    *values, path, problems = values_and_context
    for value in values:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        stamp, warning = parse_date(value)
        if warning:
            problems.append({"path": path, "severity": "warning", "message": f"published: {warning}"})
        if stamp is not None:
            return stamp
    return None


def _first(*values):
    return next((v for v in values if v is not None and not (isinstance(v, float) and pd.isna(v)) and v != ""),
                None)
