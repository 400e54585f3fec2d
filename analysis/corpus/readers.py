"""Find the files of a corpus and read each into raw records, reporting what cannot be read.

A record is a dict with ``path`` (relative to the corpus root), ``row`` (for
tables), ``text`` (decoded, not yet cleaned), ``encoding`` and ``meta``: the
file's own metadata (a table row's other columns, an HTML page's title, date,
author, URL and site name). A problem is a dict with ``path``, ``severity`` ("warning" or
"skipped") and ``message``. Nothing is dropped without a problem row, and no
input, however broken, makes a reader raise: whatever goes wrong while reading,
decoding, parsing or extracting one file becomes a problem for that file.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import math
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.corpus.decode import INVISIBLE_RE, decode_bytes, repair_mojibake
from analysis.corpus.metadata import find_column
from analysis.errors import OptionError
from analysis.tables.files import COMPLETION_SUFFIX, REPORT_MARKER

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".parquet"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
MAX_FILE_MB = 32  # `score` peaks at about 0.3 GB + 51 times the largest text (measured: 1.9 GB for 32 MB): 2 GB holds it
# Files a corpus folder often carries besides its articles: at the root of a folder-per-outlet corpus, these are
# documentation, not news.
_DOCUMENTATION_RE = re.compile(r"(?i)^(?:readme|licen[cs]e|copying|changelog|changes|notice|authors|contributing"
                               r"|citation|manifest|index)(?:[._-].*)?$")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# HTML extraction takes time that grows with the square of the attributes on each element (one element with 16,000
# took 10 s, 40 elements with 1,600 each 4.5 s): the sum of those squares is capped (about 4 s of extraction).
MAX_ATTRIBUTE_WORK = 10_000 ** 2
CROWDED = 100  # attributes on an element from which it counts towards the cap (real pages stay far below)
_TAG_RE = re.compile(r"<[A-Za-z][^<>]*")
_QUOTED_RE = re.compile(r"\"[^\"]*\"|'[^']*'")


@dataclass
class ReadResult:
    """What reading one file gave: records and problems."""

    records: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)

    def problem(self, path: str, severity: str, message: str) -> None:
        self.problems.append({"path": path, "severity": severity, "message": message})


def check_max_file_mb(value) -> float:
    """The size limit a file, in MB: ``MAX_FILE_MB`` for None; an :class:`OptionError` unless a number above 0
    (NaN or infinity would turn the limit off)."""
    if value is None:
        return MAX_FILE_MB
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise OptionError(f"max_file_mb (--max-file-mb) must be a number of megabytes above 0, not {value!r}")
    return float(value)


def discover(root: Path, *, exclude: set[Path] = frozenset(), max_file_mb: float = MAX_FILE_MB
             ) -> tuple[list[Path], list[dict]]:
    """Files under ``root`` to read, sorted, and problems for what is passed over.

    Folder links are never followed (they may loop). A file link is read only when it resolves to a file inside
    ``root``. Files larger than ``max_file_mb`` are passed over. Where the articles sit in sub-folders (one per
    outlet), a README or licence at the root is passed over, and any other file there is read with a warning.
    A folder that cannot be listed (no permission) is a problem, and so are PressLens's own outputs found inside
    the corpus (tables listed by a completion manifest, a report folder): they are never read as articles. The
    walk keeps its own stack, so folders nested thousands deep cannot exhaust Python's recursion limit.
    """
    max_file_mb = check_max_file_mb(max_file_mb)
    problems: list[dict] = []
    root_real = root.resolve()
    excluded = {os.path.realpath(p) for p in exclude}
    if root.is_file():
        reason = _pass_over(root, root_real.parent, max_file_mb)
        return ([], [_problem(root, root, "skipped", reason)]) if reason else ([root], problems)
    files: list[Path] = []
    stack = [root]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            problems.append(_problem(here, root, "skipped", f"a folder that cannot be read ({err.strerror or err}): "
                                                            "its files are not loaded"))
            continue
        if any(e.name == REPORT_MARKER for e in entries):
            problems.append(_problem(here, root, "skipped", "a report PressLens wrote: not read as articles"))
            continue
        folders, outputs = [], own_outputs(here, entries)
        for entry in entries:
            path = here / entry.name
            if _is_folder(entry):
                if entry.is_symlink():
                    problems.append(_problem(path, root, "skipped", "link to a folder: not followed"))
                elif not entry.name.startswith("."):
                    folders.append(path)
            elif excluded and os.path.realpath(path) in excluded:
                continue
            elif entry.name in outputs:
                what = "the manifest of tables PressLens wrote" if outputs[entry.name] == entry.name else \
                    f"a table PressLens wrote (listed in {outputs[entry.name]})"
                problems.append(_problem(path, root, "skipped", f"{what}: not read as articles"))
            else:
                reason = _pass_over(path, root_real, max_file_mb)
                if reason:
                    problems.append(_problem(path, root, "skipped", reason))
                else:
                    files.append(path)
        stack.extend(reversed(folders))
    files, strays = _stray_root_files(sorted(files), root)
    return files, problems + strays


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def own_outputs(folder: Path, entries: list[os.DirEntry]) -> dict[str, str]:
    """PressLens's own tables in ``folder``: each file a completion manifest there lists (and the manifest),
    mapped to the manifest's name."""
    found = {}
    for entry in entries:
        if not entry.name.endswith(COMPLETION_SUFFIX):
            continue
        try:  # a regular file of a manifest's size only: a pipe named like one would block the read
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_size > 1024 * 1024:
                continue
            body = json.loads((folder / entry.name).read_text(encoding="utf-8"))
            tables = body["tables"] if isinstance(body, dict) and "presslens" in body else {}
            listed = [t.get("file") for t in tables.values() if isinstance(t, dict)] if isinstance(tables, dict) else []
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if listed:
            found.update({name: entry.name for name in listed if isinstance(name, str)})
            found[entry.name] = entry.name
    return found


def _stray_root_files(files: list[Path], root: Path) -> tuple[list[Path], list[dict]]:
    """Documentation files at the root of a folder-per-outlet corpus are not articles; other root files are
    read, with a warning that no folder names their outlet."""
    at_root = [f for f in files if f.parent == root]
    if not at_root or len(at_root) == len(files):
        return files, []
    problems, keep = [], []
    for file in files:
        if file.parent == root and _DOCUMENTATION_RE.match(file.name):
            problems.append(_problem(file, root, "skipped", "a documentation file at the corpus root, beside the "
                                                             "outlets' folders: not read as an article"))
            continue
        if file.parent == root:
            problems.append(_problem(file, root, "warning", "at the corpus root while the other articles sit in "
                                                            "outlet folders: its outlet is inferred from its text"))
        keep.append(file)
    return keep, problems


def read_file(path: Path, root: Path, *, text_col: str | None = None) -> ReadResult:
    """Read one file of any supported kind. Never raises: a failure is a ``skipped`` problem for the file."""
    rel = relative(path, root)
    try:
        return _read(path, rel, text_col)
    except Exception as err:  # noqa: BLE001 - one bad file must never stop a corpus
        result = ReadResult()
        result.problem(rel, "skipped", f"could not be read ({type(err).__name__}: {_first_line(err)})")
        return result


def _read(path: Path, rel: str, text_col: str | None) -> ReadResult:
    result = ReadResult()
    if _SURROGATE_RE.search(rel):
        result.problem(rel, "warning", "the file name is not valid UTF-8: undecodable bytes are shown as U+FFFD")
    try:
        data = path.read_bytes()
    except OSError as err:
        result.problem(rel, "skipped", f"cannot read the file: {err.strerror or err}")
        return result
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        _read_parquet(data, rel, result, text_col)
        return result
    decoded = decode_bytes(data)
    for message in decoded.warnings:
        result.problem(rel, "warning", message)
    if decoded.skipped:
        result.problem(rel, "skipped", decoded.skipped)
        return result
    text = decoded.text
    if suffix in TABLE_SUFFIXES:
        reader = {".csv": _read_csv, ".tsv": _read_csv, ".json": _read_json}.get(suffix, _read_jsonl)
        reader(text, rel, result, text_col, delimiter="\t" if suffix == ".tsv" else None)
        for record in result.records:
            record["encoding"] = decoded.encoding
        if not result.records:
            result.problem(rel, "skipped", "no article rows could be loaded from this table")
        return result
    record = {"path": rel, "row": None, "encoding": decoded.encoding, "invisible": decoded.invisible, "meta": {}}
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        if suffix not in HTML_SUFFIXES:
            result.problem(rel, "warning", "an HTML page saved as text: its main text was extracted")
        most, work = attribute_work(text)
        if work > MAX_ATTRIBUTE_WORK:
            result.problem(rel, "skipped", f"HTML elements with too many attributes ({most:,} on one): not read, "
                                           "their extraction would take minutes or more")
            return result
        extracted = _extract_or_none(text)
        if extracted is None:
            result.problem(rel, "skipped", "no article text found in the HTML")
            return result
        text, record["meta"] = extracted
    record["text"] = text
    result.records.append(record)
    return result


def looks_like_html(text: str) -> bool:
    """Whether text saved as .txt is really an HTML page."""
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return True
    sample = text[:20_000]
    tags = sample.count("</") + sample.count("/>")
    return tags >= 10 and ("<p" in sample or "<div" in sample)


def attribute_work(html: str) -> tuple[int, int]:
    """The most attributes one element of the page has, and the sum of the squares of the attribute counts of
    its elements with over ``CROWDED`` (an upper bound: every word outside quotes in a tag counts), in one
    linear pass."""
    most = work = 0
    for tag in _TAG_RE.finditer(html):
        if tag.end() - tag.start() > 2 * CROWDED:
            count = len(_QUOTED_RE.sub(" ", tag.group()).split()) - 1
            most = max(most, count)
            work += count * count if count > CROWDED else 0
    return most, work


def extract_html(html: str) -> tuple[str, dict] | None:
    """The main text of an HTML page (trafilatura) and its metadata, or None."""
    import trafilatura  # lazy: trafilatura and lxml load only for HTML files
    from lxml import html as lxml_html

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # a failed page is our problem row, not a log line

    text = trafilatura.extract(html, include_comments=False, include_tables=False, deduplicate=False)
    if not text:  # trafilatura gives up on very deep nesting; lxml's huge_tree recovers it
        try:
            tree = lxml_html.fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
            text = trafilatura.extract(tree, include_comments=False, include_tables=False)
        except (ValueError, TypeError):
            text = None
    if not text or not text.strip():
        return None
    meta = {}
    info = trafilatura.extract_metadata(html)
    if info is not None:
        for key, attr in (("title", "title"), ("published", "date"), ("byline", "author"),
                          ("url", "url"), ("_sitename", "sitename")):
            value = getattr(info, attr, None)
            if value:
                meta[key] = value
    return text, meta


def relative(path: Path, root: Path) -> str:
    """``path`` relative to the corpus root, as a POSIX string (its name when root is the file).

    File names that are not valid UTF-8 (a Latin-1 ``café.txt``) come back with U+FFFD for the bad bytes, so
    the name can be written to any table.
    """
    if root.is_file() or path == root:
        name = path.name
    else:
        try:
            name = path.relative_to(root).as_posix()
        except ValueError:
            name = path.as_posix()
    return scrub(name)


def scrub(text: str) -> str:
    """Text with lone surrogates (undecodable file-name bytes, half an emoji from JSON) replaced by U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", text) if _SURROGATE_RE.search(text) else text


def _first_line(err: Exception) -> str:
    text = str(err).strip().splitlines()
    return scrub(text[0][:200]) if text else "no message"


def _extract_or_none(html: str) -> tuple[str, dict] | None:
    try:
        return extract_html(html)
    except (ValueError, TypeError, AttributeError):  # lxml: "Document is empty" for a bare <!DOCTYPE html>
        return None


def _pass_over(path: Path, root_real: Path, max_file_mb: float = MAX_FILE_MB) -> str | None:
    if path.name.startswith("."):
        return "hidden file: not read"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "link that loops or leads nowhere: not followed"
        if not target.is_relative_to(root_real):
            return "link that leads out of the corpus folder: not followed"
        if not target.is_file():
            return "link to something that is not a file: not followed"
    elif not path.is_file():
        return "not a regular file (device, pipe or socket)"
    if path.suffix.lower() not in SUPPORTED:
        kinds = ", ".join(sorted(SUPPORTED))
        return f"unsupported file type {scrub(path.suffix) or '(none)'!r}; PressLens reads {kinds}"
    try:
        size = path.stat().st_size
    except OSError as err:
        return f"cannot read the file: {err.strerror or err}"
    if size > max_file_mb * 1024 * 1024:
        return (f"{size / 1024 / 1024:,.0f} MB, over the limit of {max_file_mb:g} MB a file "
                "(split the file, or raise the limit with --max-file-mb)")
    return None


def _problem(path: Path, root: Path, severity: str, message: str) -> dict:
    return {"path": relative(path, root), "severity": severity, "message": message}


def _rows_to_records(rows: Iterator[tuple[int, dict]], columns: list, rel: str, result: ReadResult,
                     text_col: str | None) -> None:
    columns = [str(c) for c in columns]
    column = find_column(columns, "text", explicit=text_col)
    if column is None:
        wanted = f"text column {text_col!r}" if text_col else "text column (text, body, content, …)"
        result.problem(rel, "skipped", f"no {wanted}; the columns are {columns}. "
                                       "Name the text column with --text-col (text_col= in Python)")
        return
    scrubbed = False
    for line, row in rows:
        if any(isinstance(v, str) and _SURROGATE_RE.search(v) for v in row.values()):
            row = {k: scrub(v) if isinstance(v, str) else v for k, v in row.items()}
            scrubbed = True
        value = row.get(column)
        if not isinstance(value, str) or not value.strip():
            result.problem(rel, "skipped", f"{_where(line)}: empty or missing text in column {column!r}")
            continue
        value, fixed = repair_mojibake(INVISIBLE_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n")))
        if fixed:
            result.problem(rel, "warning", f"{_where(line)}: {fixed}")
        meta = {str(k): v for k, v in row.items() if k != column}
        result.records.append({"path": rel, "row": abs(line), "text": value, "meta": meta})
    if scrubbed:
        result.problem(rel, "warning", "lone surrogate characters (half an emoji or a bad escape) replaced by U+FFFD")


def _where(line: int) -> str:
    return f"line {line}" if line > 0 else f"row {-line}"


def _read_csv(text: str, rel: str, result: ReadResult, text_col: str | None, delimiter: str | None = None) -> None:
    csv.field_size_limit(sys.maxsize)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as err:
        result.problem(rel, "skipped", f"no header row could be read: {err or 'empty table'}")
        return
    header = clean_header([h.strip() for h in header], rel, result)

    def rows() -> Iterator[tuple[int, dict]]:
        start = reader.line_num + 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                result.problem(rel, "skipped", f"line {start}: unreadable CSV ({err}); row not loaded")
                start = reader.line_num + 1
                continue
            if fields and len(fields) != len(header):
                result.problem(rel, "skipped", f"line {start}: {len(fields)} fields where the header has "
                                               f"{len(header)}; row not loaded")
            elif any(f.strip() for f in fields):
                yield start, {h: (f if f.strip() else None) for h, f in zip(header, fields)}
            start = reader.line_num + 1

    _rows_to_records(rows(), header, rel, result, text_col)


def _read_json(text: str, rel: str, result: ReadResult, text_col: str | None, delimiter=None) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        result.problem(rel, "skipped", f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}")
        return
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list):
        result.problem(rel, "skipped", "JSON holds neither an object nor a list of objects")
        return
    objects = [(-(i + 1), x) for i, x in enumerate(data) if isinstance(x, dict)]
    for i, x in enumerate(data):
        if not isinstance(x, dict):
            result.problem(rel, "skipped", f"row {i + 1}: not a JSON object")
    columns = list(dict.fromkeys(k for _, x in objects for k in x))
    _rows_to_records(iter(objects), columns, rel, result, text_col)


def clean_header(names: list[str], rel: str, result: ReadResult) -> list[str]:
    """Header names made usable: an empty one becomes ``column_N``, a repeated one ``name_2``, with a warning."""
    out, seen = [], set()
    for number, name in enumerate(names, start=1):
        fixed = name or f"column_{number}"
        if fixed in seen:
            fixed = next(f"{fixed}_{k}" for k in range(2, len(names) + 2) if f"{fixed}_{k}" not in seen)
        if fixed != name:
            what = "an empty header" if not name else f"a repeated header {name!r}"
            result.problem(rel, "warning", f"column {number} has {what}: named {fixed!r}")
        seen.add(fixed)
        out.append(fixed)
    return out


def _read_jsonl(text: str, rel: str, result: ReadResult, text_col: str | None, delimiter=None) -> None:
    objects = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            result.problem(rel, "skipped", f"line {number}: invalid JSON ({err.msg}); row not loaded")
            continue
        if isinstance(value, dict):
            objects.append((number, value))
        else:
            result.problem(rel, "skipped", f"line {number}: not a JSON object; row not loaded")
    columns = list(dict.fromkeys(k for _, x in objects for k in x))
    _rows_to_records(iter(objects), columns, rel, result, text_col)


def _read_parquet(data: bytes, rel: str, result: ReadResult, text_col: str | None) -> None:
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as err:  # pyarrow raises many types for a bad file
        result.problem(rel, "skipped", f"unreadable Parquet file: {type(err).__name__}: {err}")
        return
    rows = ((-(i + 1), row) for i, row in enumerate(frame.to_dict("records")))
    _rows_to_records(rows, list(frame.columns), rel, result, text_col)
    for record in result.records:
        record["encoding"] = "parquet"
    if not result.records:
        result.problem(rel, "skipped", "no article rows could be loaded from this table")
