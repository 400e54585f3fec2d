"""Load a corpus: files to one row per article, with a removal log and a problem report.

Every input file ends up either loaded (a row in ``articles``) or reported (a
row in ``problems``, with a reason). Every span of text the cleaner removes is
a row in ``removed``, with a reason.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis.clean import Markers, clean_text, load_markers, repeated_lines
from analysis.dedupe import find_duplicates
from analysis.errors import CorpusError, DataFileError
from analysis.metadata import COLUMN_ALIASES, domain_of, find_column, parse_date, url_domain_in
from analysis.paths import ARTICLES_DIR, SOURCES_CSV
from analysis.readers import discover, read_file, relative

ARTICLE_COLUMNS = [
    "article_id", "source", "published", "title", "text", "path", "encoding", "n_words",
    "duplicate_of", "duplicate_similarity", "byline", "url", "dateline", "source_credit", "source_from",
]
REMOVED_COLUMNS = ["article_id", "source", "text", "reason"]
PROBLEM_COLUMNS = ["path", "severity", "message"]
UNKNOWN_SOURCE = "unknown"
_WORDS_RE = re.compile(r"\w+")
_MANIFEST_FILE_COLUMNS = ("file", "filename", "file_name", "path")


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
        return (f"Corpus({s['articles']} articles from {s['sources']} sources, {s['words']:,} words, "
                f"{s['first_date']} to {s['last_date']}; {s['removed_spans']} spans removed, "
                f"{s['files_skipped']} skipped, {s['warnings']} warnings)")


def load_corpus(path: str | Path | None = None, *, manifest: str | Path | None = None,
                text_col: str | None = None, markers: Markers | str | Path | None = None,
                duplicate_threshold: float = 0.8, strict: bool = False,
                progress: bool | None = None) -> Corpus:
    """Load a folder (recursively) or a single file of articles.

    Reads ``.txt``, ``.html``/``.htm`` (main text extracted with trafilatura),
    and ``.csv``/``.tsv``/``.json``/``.jsonl``/``.parquet`` exports with one
    article per row (``text_col`` names the text column; common names such as
    ``text``, ``body`` or ``content`` are found without it).

    With no ``path``, loads the bundled corpus with its manifest
    (``data/sources.csv``). ``manifest`` is a CSV with a ``file`` column (a path
    relative to the corpus folder, or a file name); its other columns become
    article columns and win over what is inferred.

    Without a manifest, the source is the sub-folder a file sits in (for a
    corpus with one folder per outlet), else a source column, else inferred from
    the text (a dateline such as "Hong Kong (CNN)", a "SOURCE:" line, a URL
    domain), else ``"unknown"``. ``source_from`` says which.

    Problems never stop the load: each gets a row in ``problems`` (severity
    ``warning`` or ``skipped``). With ``strict=True`` any problem raises
    :class:`CorpusError` instead. ``progress`` shows a progress bar (by default
    when there are more than 200 files).
    """
    if path is None:
        path, manifest = ARTICLES_DIR, SOURCES_CSV if manifest is None else manifest
    root = Path(path)
    if not root.exists():
        raise CorpusError(f"no such file or folder: {root}")
    markers = markers if isinstance(markers, Markers) else load_markers(markers) if markers else load_markers()
    manifest_frame = read_manifest(manifest) if manifest is not None else None
    exclude = {Path(manifest).resolve()} if manifest is not None else set()
    files, problems = discover(root, exclude=exclude)
    records = []
    show = progress if progress is not None else len(files) > 200
    for file in tqdm(files, desc="Reading", unit="file", disable=not show):
        result = read_file(file, root, text_col=text_col)
        records.extend(result.records)
        problems.extend(result.problems)
    if manifest_frame is not None:
        rows = manifest_rows(manifest_frame)
        report_missing(rows, [relative(f, root) for f in files] + [p["path"] for p in problems], problems)
        attach_manifest(records, rows, problems)
    articles, removed = build_articles(records, root, markers=markers, problems=problems, progress=show)
    articles = _flag_duplicates(articles, problems, duplicate_threshold)
    problem_frame = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
    if strict and len(problem_frame):
        listed = "\n".join(f"  {p.path}: [{p.severity}] {p.message}" for p in problem_frame.head(20).itertuples())
        raise CorpusError(f"{len(problem_frame)} problem(s) loading {root} (strict=True):\n{listed}")
    if articles.empty and not strict:
        problem_frame.loc[len(problem_frame)] = [str(root), "warning", "no article could be loaded"]
    return Corpus(articles=articles, removed=pd.DataFrame(removed, columns=REMOVED_COLUMNS),
                  problems=problem_frame, root=root)


def read_manifest(path: str | Path) -> pd.DataFrame:
    """Read a manifest CSV strictly: a ``file`` column, every row as long as the header."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(f"cannot read the manifest {path}: {err}") from err
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise DataFileError(f"the manifest {path} is empty")
    header = [h.strip() for h in rows[0]]
    file_col = next((c for c in header if c.lower() in _MANIFEST_FILE_COLUMNS), None)
    if file_col is None:
        raise DataFileError(f"the manifest {path} needs a 'file' column; it has {header}")
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataFileError(f"{path}, row {number}: {len(row)} fields where the header has {len(header)}")
        body.append([cell.strip() for cell in row])
    frame = pd.DataFrame(body, columns=header).rename(columns={file_col: "file"})
    return frame.replace({"": None})


def manifest_rows(manifest: pd.DataFrame) -> dict[str, dict]:
    """The manifest's rows keyed by their normalised ``file`` (a relative path or a file name)."""
    return {str(row["file"]).replace("\\", "/").lstrip("./"): row for row in manifest.to_dict("records")}


def report_missing(rows: dict[str, dict], paths: list[str], problems: list[dict]) -> None:
    """A warning for each manifest row that names no file of the corpus."""
    names = {Path(p).name for p in paths} | set(paths)
    for key in rows:
        if key not in names:
            problems.append({"path": key, "severity": "warning",
                             "message": "listed in the manifest but not found in the corpus"})


def attach_manifest(records: list[dict], rows: dict[str, dict], problems: list[dict]) -> None:
    """Give each record its manifest row; a warning for each file the manifest does not list."""
    reported = set()
    for record in records:
        row = rows.get(record["path"]) or rows.get(Path(record["path"]).name)
        if row is None:
            if record["path"] not in reported:
                problems.append({"path": record["path"], "severity": "warning",
                                 "message": "not listed in the manifest: metadata inferred from the text"})
                reported.add(record["path"])
            continue
        record["_manifest"] = {k: v for k, v in row.items() if k != "file" and v is not None}


def build_articles(records: list[dict], root: Path, *, markers: Markers, problems: list[dict],
                   progress: bool = False) -> tuple[pd.DataFrame, list[tuple]]:
    """Clean each record into an article row; return the articles frame and the removal log rows.

    Template lines are those repeated across the articles of one source among ``records``.
    """
    group_of = [_repetition_group(r, root) for r in records]
    texts_by_group = defaultdict(list)
    for group, record in zip(group_of, records):
        texts_by_group[group].append(record["text"])
    repeated = {g: repeated_lines(t) for g, t in texts_by_group.items()}
    ids = _article_ids(records)
    rows, removed = [], []
    for article_id, group, record in tqdm(list(zip(ids, group_of, records)), desc="Cleaning", unit="article",
                                          disable=not progress):
        cleaned = clean_text(record["text"], markers=markers, repeated=repeated[group])
        row = _article_row(article_id, record, cleaned, root, problems)
        rows.append(row)
        if record.get("invisible"):
            removed.append((article_id, row["source"], record["invisible"],
                            f"{len(record['invisible'])} invisible control character(s) (zero-width, bidi)"))
        removed.extend((article_id, row["source"], span, reason) for span, reason in cleaned.removed)
    frame = pd.DataFrame(rows)
    for column in ARTICLE_COLUMNS:
        if column not in frame:
            frame[column] = None
    extra = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    frame = frame[ARTICLE_COLUMNS + extra]
    frame["published"] = pd.to_datetime(frame["published"])
    frame["n_words"] = frame["n_words"].astype("int64")
    return frame, removed


def _article_ids(records: list[dict]) -> list[str]:
    """Stable ids: the path without its suffix (``cnn/story``), plus ``#id`` or ``#line`` for table rows.

    Where two files differ only by suffix (``page.txt``, ``page.html``) their ids keep it; where a
    table repeats an id, the line number is added (``feed#17@3``).
    """
    def make(record: dict, keep_suffix: bool) -> str:
        path = record["path"]
        base = path if keep_suffix or not Path(path).suffix else path[: -len(Path(path).suffix)]
        if record.get("row") is None:
            return base
        id_column = find_column([k for k in record if k not in ("path", "row", "text")], "id")
        row_id = record.get(id_column) if id_column else None
        return f"{base}#{row_id if row_id not in (None, '') else record['row']}"

    ids = [make(r, False) for r in records]
    counts = Counter(ids)
    ids = [make(r, True) if counts[i] > 1 else i for i, r in zip(ids, records)]
    counts = Counter(ids)
    return [f"{i}@{r['row']}" if counts[i] > 1 and r.get("row") is not None else i for i, r in zip(ids, records)]


def _repetition_group(record: dict, root: Path) -> str:
    manifest = record.get("_manifest") or {}
    column = find_column(record, "source")
    return str(manifest.get("source") or (record.get(column) if column else None) or _folder_source(record, root)
               or "")


def _folder_source(record: dict, root: Path) -> str | None:
    parts = Path(record["path"]).parts
    return parts[0] if root.is_dir() and len(parts) > 1 else None


def _article_row(article_id: str, record: dict, cleaned, root: Path, problems: list[dict]) -> dict:
    manifest = record.get("_manifest") or {}
    meta = cleaned.meta
    consumed = {"path", "row", "text", "encoding", "invisible", "_manifest"}
    fields = {}
    for field in ("title", "source", "published", "url", "byline", "id"):
        column = find_column([k for k in record if k not in consumed], field)
        if column is not None:
            fields[field] = record[column]
            consumed.add(column)
    path = record["path"]
    source, source_from = _infer_source(record, fields, manifest, meta, root, cleaned.text)
    published = _resolve_date(manifest.get("published"), fields.get("published"), meta.get("published"),
                              path, problems)
    row = {
        "article_id": article_id,
        "source": source,
        "published": published,
        "title": _first(manifest.get("title"), fields.get("title"), meta.get("title")),
        "text": cleaned.text,
        "path": path,
        "encoding": record.get("encoding"),
        "n_words": len(_WORDS_RE.findall(cleaned.text)),
        "byline": _first(manifest.get("byline"), fields.get("byline"), meta.get("byline")),
        "url": _first(manifest.get("url"), fields.get("url")),
        "dateline": meta.get("dateline"),
        "source_credit": _first(meta.get("dateline_source"), meta.get("source_line")),
        "source_from": source_from,
    }
    for key, value in manifest.items():
        if key not in row:
            row[key] = value
    for key in record:
        if key not in consumed and key not in COLUMN_ALIASES and not key.startswith("_"):
            row[key if key not in row else f"meta_{key}"] = record[key]
    if not cleaned.text:
        problems.append({"path": path, "severity": "warning",
                         "message": f"{article_id}: the cleaner removed all of the text (see Corpus.removed)"})
    return row


def _infer_source(record, fields, manifest, meta, root, text) -> tuple[str, str]:
    candidates = (
        (manifest.get("source"), "manifest"),
        (fields.get("source"), "column"),
        (_folder_source(record, root), "folder"),
        (meta.get("dateline_source"), "dateline"),
        (meta.get("source_line"), "source line"),
        (record.get("_sitename"), "html metadata"),
        (domain_of(str(fields["url"])) if fields.get("url") else None, "url"),
        (url_domain_in(text), "url in text"),
    )
    for value, origin in candidates:
        if value is not None and str(value).strip() and not (isinstance(value, float) and pd.isna(value)):
            return str(value).strip(), origin
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


def _flag_duplicates(articles: pd.DataFrame, problems: list[dict], threshold: float) -> pd.DataFrame:
    if articles.empty:
        return articles
    published = [None if pd.isna(p) else p for p in articles["published"]]
    found = find_duplicates(articles["article_id"].tolist(), articles["text"].tolist(), threshold=threshold,
                            published=published)
    articles["duplicate_of"] = articles["article_id"].map(lambda a: found[a][0] if a in found else None)
    articles["duplicate_similarity"] = articles["article_id"].map(lambda a: found[a][1] if a in found else None)
    paths = dict(zip(articles["article_id"], articles["path"]))
    for article_id, (first, similarity) in found.items():
        kind = "the same text as" if similarity == 1.0 else f"a near copy ({similarity:.0%} shared 5-word runs) of"
        problems.append({"path": paths[article_id], "severity": "warning",
                         "message": f"{article_id} is {kind} {first}: flagged in duplicate_of"})
    return articles
