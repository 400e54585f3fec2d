"""The manifest of a corpus: a CSV that describes its files, read strictly and matched to the files safely.

A manifest (``--manifest``, ``data/sources.csv``) has a ``file`` column (a path within the corpus folder, or a
file name) and any other columns (``source``, ``published``, ``desk``, …), which win over what is inferred.
Missing files, unlisted files, repeated or conflicting rows, and paths outside the corpus are reported.
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

from analysis.errors import DataFileError
from analysis.resources.datafiles import read_capped

_MANIFEST_FILE_COLUMNS = ("file", "filename", "file_name", "path")
MAX_MANIFEST_BYTES = 256 * 1024 * 1024  # a CSV row a file: millions of files, and never a device read forever


def read_manifest(path: str | Path) -> pd.DataFrame:
    """Read a manifest CSV strictly: a ``file`` column, every row as long as the header."""
    header, rows = manifest_lines(path)
    return pd.DataFrame([row for _, row in rows], columns=header)


def manifest_lines(path: str | Path) -> tuple[list[str], list[tuple[int, dict]]]:
    """A manifest's header (its file column named ``file``) and its rows with their line numbers."""
    path = Path(path)
    try:
        text = read_capped(path, max_bytes=MAX_MANIFEST_BYTES, what="manifest").decode("utf-8-sig")
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
