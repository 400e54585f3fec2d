"""The pipeline's tables: their schemas, and the two places they go (memory, or files written atomically).

Every table passes through :func:`conform` (one Arrow schema per table) and back through :func:`to_frame`,
whether it stays in memory (:class:`MemorySink`, for ``load_corpus`` and ``score_corpus(out=None)``) or goes to
files (:class:`FileSink`), so both give the same columns with the same dtypes.

Files are written atomically: everything goes to a staging folder beside the outputs, unique to the run
(``.<name>.partial-<pid>-<random>``), and is moved into place only when complete, under a lock, followed by a
completion manifest (``<name>.manifest.json``) that lists every table with its row count, size and checksum.
Readers (:func:`read_tables`) refuse a set of tables without a valid manifest, so a run killed at any point
leaves either the previous complete result or none, never a partial one that looks whole. The staging
folder is removed on every exit path; a folder left by a killed run is removed by the next run.

CSV outputs are safe to open in a spreadsheet: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return gets a leading apostrophe, as OWASP advises against formula injection (``excel_safe``).
Parquet outputs are never altered.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis.errors import OptionError, OutputError

STR, INT, FLOAT, BOOL, TIME = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.timestamp("ns")
BATCH_ROWS = 5_000  # rows read back at a time when tables are finished
FORMATS = ("parquet", "csv")
NAMES = ("sentences", "articles", "removed", "problems", "actors", "topics", "article_tone", "article_positions",
         "article_topics", "article_actors", "article_stance", "provisional")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

REMOVED = pa.schema([("article_id", STR), ("source", STR), ("text", STR), ("reason", STR)])
PROBLEMS = pa.schema([("path", STR), ("severity", STR), ("message", STR)])
ACTORS = pa.schema([("article_id", STR), ("source", STR), ("sentence_no", INT), ("actor", STR),
                    ("actor_type", STR), ("aliases", STR), ("n_mentions", INT)])
TOPICS = pa.schema([("article_id", STR), ("source", STR), ("sentence_no", INT), ("topic", STR),
                    ("mentions", INT), ("matched", STR)])
STANCE = pa.schema([("article_id", STR), ("actor", STR), ("stance", FLOAT), ("stance_label", STR), ("clear", BOOL),
                    ("n_evidence", INT), ("n_sentences", INT), ("n_by_pronoun", INT), ("near", FLOAT),
                    ("doer", FLOAT), ("target", FLOAT), ("framing", FLOAT), ("quoted_by_others", FLOAT),
                    ("own_words", FLOAT), ("headline", FLOAT), ("evidence", STR)])
PROVISIONAL = pa.schema([("kind", STR), ("name", STR), ("type", STR), ("patterns", STR), ("note", STR),
                         ("sample", INT)])
# The article columns every corpus has, in order; metadata columns follow them, then tone, then duplicates.
ARTICLE_CORE = [("article_id", STR), ("source", STR), ("published", TIME), ("title", STR), ("text", STR),
                ("path", STR), ("encoding", STR), ("n_words", INT), ("byline", STR), ("url", STR),
                ("dateline", STR), ("source_credit", STR), ("source_from", STR)]
ARTICLE_TONE = [("n_sentences", INT), ("n_scored", INT), ("textblob", FLOAT), ("vader", FLOAT)]
ARTICLE_DICTIONARY = [("dict_positive", INT), ("dict_negative", INT), ("dict_words", INT), ("dict_net", FLOAT),
                      ("dict_logratio", FLOAT)]
SENTENCE_DICTIONARY = ARTICLE_DICTIONARY + [("dict_matches", STR)]
ARTICLE_DUPLICATES = [("duplicate_of", STR), ("duplicate_similarity", FLOAT)]
SENTENCE_HEAD = [("article_id", STR)]
SENTENCE_BODY = [("sentence_no", INT), ("paragraph_no", INT), ("article_sentences", INT), ("text", STR), ("start", INT),
                 ("end", INT), ("voice", STR), ("quoted", STR), ("quoted_share", FLOAT), ("speaker", STR),
                 ("textblob", FLOAT), ("subjectivity", FLOAT), ("vader", FLOAT), ("drivers", STR),
                 ("n_drivers", INT), ("no_signal", BOOL), ("non_english", BOOL), ("no_text", BOOL)]
# Names PressLens computes: a user's column with one of these names is renamed (see analysis.corpus).
RESERVED = frozenset(name for name, _ in ARTICLE_CORE + ARTICLE_TONE + ARTICLE_DUPLICATES + SENTENCE_BODY
                     + SENTENCE_DICTIONARY) | {
    "metadata", "voice", "actor", "topic", "measure"}


def article_schema(extras: dict[str, pa.DataType], *, scored: bool, dictionary: bool = False) -> pa.Schema:
    """The articles table: core columns, the corpus's metadata columns, tone (when scored; with dictionary tone
    when a tone dictionary is given), duplicates."""
    tone = (ARTICLE_TONE + (ARTICLE_DICTIONARY if dictionary else [])) if scored else []
    return pa.schema(ARTICLE_CORE + list(extras.items()) + tone + ARTICLE_DUPLICATES)


def sentence_schema(articles: pa.Schema, carry: list[str], *, dictionary: bool = False) -> pa.Schema:
    """The sentences table, with the article columns named in ``carry`` (typed as on the articles), and the
    dictionary tone columns when a tone dictionary is given."""
    return pa.schema(SENTENCE_HEAD + [(c, articles.field(c).type) for c in carry] + SENTENCE_BODY
                     + (SENTENCE_DICTIONARY if dictionary else []))


def stat_fields(measures) -> list[tuple[str, pa.DataType]]:
    """Per measure: sentences counted, their sum, and how many were positive and negative."""
    return [(f"{m}_{s}", kind) for m in measures for s, kind in (("n", INT), ("sum", FLOAT), ("positive", INT),
                                                                  ("negative", INT))]


def aggregate_schemas(measures, *, topics: bool, actors: bool) -> dict[str, pa.Schema]:
    """The per-article sums the pipeline writes beside the sentences (see :mod:`analysis.aggregates`)."""
    stats = stat_fields(measures)
    schemas = {
        "article_tone": pa.schema([("article_id", STR), ("voice", STR), ("n_sentences", INT), *stats]),
        "article_positions": pa.schema([("article_id", STR), ("position", INT), ("n_sentences", INT), *stats]),
    }
    if topics:
        schemas["article_topics"] = pa.schema([("article_id", STR), ("topic", STR), ("sentences", INT),
                                               ("mentions", INT), ("first_sentence", INT)])
    if actors:
        schemas["article_actors"] = pa.schema([("article_id", STR), ("actor", STR), ("actor_type", STR),
                                               ("sentences", INT), ("quoted_sentences", INT), *stats])
    return schemas


def conform(frame: pd.DataFrame | None, schema: pa.Schema) -> pa.Table:
    """``frame`` as an Arrow table of exactly ``schema``: missing columns become nulls, values are cast."""
    if frame is None or frame.empty:
        return schema.empty_table()
    frame = frame.reindex(columns=schema.names)
    arrays = [_cast(frame[field.name], field.type) for field in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas, the same way for tables from memory and from files."""
    return table.replace_schema_metadata(None).to_pandas()


def _cast(column: pd.Series, kind: pa.DataType) -> pa.Array:
    try:  # the common case: the column already holds the right kind of values
        if kind == TIME:
            return pa.array(pd.to_datetime(column).astype("datetime64[ns]"), TIME)
        if kind == FLOAT:
            return pa.array(pd.to_numeric(column, errors="coerce").astype("float64"), FLOAT, from_pandas=True)
        return pa.array(column, kind, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        pass
    convert = {STR: str, BOOL: bool, INT: int}[kind]
    return pa.array([None if _missing(v) else convert(v) for v in column], kind)


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


class MemorySink:
    """Keeps every table in memory; ``finish`` returns them as DataFrames."""

    def __init__(self):
        self.schemas: dict[str, pa.Schema] = {"removed": REMOVED, "problems": PROBLEMS}
        self.parts: dict[str, list[pa.Table]] = {}

    def scratch(self, name: str) -> Path | None:
        """Where a step may keep working files: nowhere (they stay in memory)."""
        return None

    def declare(self, name: str, schema: pa.Schema) -> None:
        self.schemas[name] = schema

    def write(self, name: str, frame: pd.DataFrame | None) -> None:
        self.parts.setdefault(name, []).append(conform(frame, self.schemas[name]))

    def close(self, name: str) -> None:
        """Nothing to flush in memory."""

    def fetch(self, ids: list[str], column: str) -> dict[str, str]:
        table = self._table("articles")
        mask = pc.is_in(table.column("article_id"), value_set=pa.array(sorted(set(ids)), STR))
        hits = table.filter(mask)
        return dict(zip(hits.column("article_id").to_pylist(), hits.column(column).to_pylist()))

    def finish(self, duplicates: dict[str, tuple[str, float]]) -> dict[str, pd.DataFrame]:
        tables = {name: to_frame(self._table(name)) for name in self.schemas if name not in ("articles", "sentences")}
        if "sentences" in self.schemas:
            tables = {"sentences": to_frame(self._table("sentences")), **tables}
        if "articles" in self.schemas:
            tables["articles"] = to_frame(with_duplicates(self._table("articles"), duplicates))
        return tables

    def abort(self) -> None:
        self.parts.clear()

    def _table(self, name: str) -> pa.Table:
        schema = self.schemas[name]
        parts = self.parts.get(name) or [schema.empty_table()]
        return pa.concat_tables(parts)


def with_duplicates(table: pa.Table, duplicates: dict[str, tuple[str, float]]) -> pa.Table:
    """The articles table with ``duplicate_of`` and ``duplicate_similarity`` filled in."""
    ids = table.column("article_id").to_pylist()
    of = pa.array([duplicates[i][0] if i in duplicates else None for i in ids], STR)
    similarity = pa.array([duplicates[i][1] if i in duplicates else None for i in ids], FLOAT)
    names = table.schema.names
    table = table.set_column(names.index("duplicate_of"), "duplicate_of", of)
    return table.set_column(names.index("duplicate_similarity"), "duplicate_similarity", similarity)


def output_paths(out: str | Path, fmt: str) -> dict[str, Path]:
    """Where each table of a run goes: ``scores.parquet`` for the sentences and ``scores.<table>.parquet`` beside
    it; an existing folder as ``out`` means ``<folder>/scores.<ext>``. The manifest is ``scores.manifest.json``."""
    check_format(fmt)
    out = Path(out)
    if out.is_dir():
        out = out / f"scores.{fmt}"
    suffix = f".{fmt}"
    stem = out.name[: -len(out.suffix)] if out.suffix in (".parquet", ".csv") else out.name
    paths = {"sentences": out.parent / f"{stem}{suffix}"}
    paths.update({name: out.parent / f"{stem}.{name}{suffix}" for name in NAMES if name != "sentences"})
    paths["manifest"] = out.parent / f"{stem}.manifest.json"
    return paths


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise OptionError(f"the format must be one of {', '.join(FORMATS)}, not {fmt!r}")


class FileSink:
    """Streams each table to Parquet in a staging folder; ``finish`` moves the complete set into place."""

    def __init__(self, out: str | Path, *, fmt: str = "parquet", excel_safe: bool = True):
        self.paths = output_paths(out, fmt)
        self.fmt, self.excel_safe = fmt, excel_safe
        folder = self.paths["sentences"].parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"cannot create the output folder {folder}: {err.strerror or err}") from err
        stem = self.paths["manifest"].name.removesuffix(".manifest.json")
        remove_stale_staging(folder, f".{stem}.partial-")
        self.staging = make_staging(folder, f".{stem}.partial-")
        self.schemas: dict[str, pa.Schema] = {}
        self.writers: dict[str, _ParquetWriter] = {}
        for name, schema in (("removed", REMOVED), ("problems", PROBLEMS)):
            self.declare(name, schema)

    def scratch(self, name: str) -> Path:
        """A folder for a step's working files, removed with the staging folder."""
        return self.staging / name

    def declare(self, name: str, schema: pa.Schema) -> None:
        self.schemas[name] = schema
        self.writers[name] = _ParquetWriter(self.staging / f"{name}.parquet", schema,
                                            rows_per_group=2_000 if name == "articles" else 50_000)

    def write(self, name: str, frame: pd.DataFrame | None) -> None:
        if frame is not None and not frame.empty:
            self.writers[name].write(conform(frame, self.schemas[name]))

    def close(self, name: str) -> None:
        self.writers[name].close()

    def fetch(self, ids: list[str], column: str) -> dict[str, str]:
        """``column`` of a few articles, read back from the staged article table batch by batch."""
        self.close("articles")
        wanted, found = pa.array(sorted(set(ids)), STR), {}
        source = pq.ParquetFile(self.staging / "articles.parquet")
        for batch in source.iter_batches(batch_size=BATCH_ROWS, columns=["article_id", column]):
            mask = pc.is_in(batch.column(0), value_set=wanted)
            if pc.any(mask).as_py():
                hits = batch.filter(mask)
                found.update(zip(hits.column(0).to_pylist(), hits.column(1).to_pylist()))
        return found

    def finish(self, duplicates: dict[str, tuple[str, float]]) -> dict[str, Path]:
        for writer in self.writers.values():
            writer.close()
        staged = {name: self._final(name, duplicates) for name in self.schemas}
        commit(staged, self.paths, fmt=self.fmt)
        self.abort()
        return {name: self.paths[name] for name in staged}

    def abort(self) -> None:
        for writer in self.writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _final(self, name: str, duplicates) -> Path:
        """The finished table, in the output format, still in the staging folder."""
        source = self.staging / f"{name}.parquet"
        target = self.staging / f"final.{name}.{self.fmt}"
        if name != "articles" and self.fmt == "parquet":
            source.rename(target)
            return target
        reader = pq.ParquetFile(source)
        batches = (pa.Table.from_batches([b], schema=reader.schema_arrow)
                   for b in reader.iter_batches(batch_size=BATCH_ROWS))
        if name == "articles":
            batches = (with_duplicates(t, duplicates) for t in batches)
        write_table(batches, target, schema=self.schemas[name], fmt=self.fmt, excel_safe=self.excel_safe)
        return target


def write_table(batches, path: Path, *, schema: pa.Schema, fmt: str, excel_safe: bool = True) -> None:
    """Write Arrow tables one after another to one Parquet or CSV file."""
    if fmt == "parquet":
        with pq.ParquetWriter(path, schema, write_statistics=_short_columns(schema)) as writer:
            for table in batches:
                writer.write_table(table)
        return
    header = True
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for table in batches:
            frame = to_frame(table)
            (spreadsheet_safe(frame) if excel_safe else frame).to_csv(handle, header=header, index=False)
            header = False
        if header:
            pd.DataFrame(columns=schema.names).to_csv(handle, index=False)


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which text cells that a spreadsheet would run as a formula start with an apostrophe."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START)
                                          else v)
    return out


def commit(staged: dict[str, Path], paths: dict[str, Path], *, fmt: str) -> None:
    """Move a finished set of tables into place, then write its manifest; a lock keeps two runs apart.

    The old manifest goes first, so that while files are swapped no manifest vouches for a mixed set; tables of
    an earlier run that this run does not write (an actors table, say) are removed.
    """
    manifest = paths["manifest"]
    with _locked(manifest.parent):
        entries = {name: _describe(path, paths[name]) for name, path in staged.items()}
        manifest.unlink(missing_ok=True)
        for name, path in staged.items():
            os.replace(path, paths[name])
        for name in NAMES:
            if name not in staged:
                paths[name].unlink(missing_ok=True)
        from analysis import __version__

        body = {"presslens": __version__, "format": fmt, "created": datetime.now(timezone.utc).isoformat(),
                "tables": entries}
        temporary = manifest.with_name(f".{manifest.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(body, indent=1), encoding="utf-8")
        os.replace(temporary, manifest)


def _describe(staged: Path, final: Path) -> dict:
    return {"file": final.name, "bytes": staged.stat().st_size, "blake2b": file_digest(staged),
            "rows": _rows(staged)}


def _rows(path: Path) -> int:
    if path.suffix == ".parquet":
        return pq.ParquetFile(path).metadata.num_rows
    return len(pd.read_csv(path, usecols=[0], dtype=str, keep_default_na=False))


def file_digest(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest_of(out: str | Path, fmt: str | None = None) -> tuple[dict, dict[str, Path]]:
    """The completion manifest of a run's tables and their paths; :class:`OutputError` when there is none."""
    guess = output_paths(out, fmt or _format_of(out))
    manifest = guess["manifest"]
    try:
        body = json.loads(manifest.read_text(encoding="utf-8"))
        tables = body["tables"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise OutputError(f"no complete result at {guess['sentences']}: its manifest {manifest.name} is missing "
                          "or unreadable (the run that wrote it did not finish); run presslens score again") from err
    paths = output_paths(out, body.get("format", "parquet"))
    return tables, {name: paths[name] for name in tables}


def table_paths(out: str | Path, *, fmt: str | None = None, verify: bool = False) -> dict[str, Path]:
    """The paths of a complete run's tables, checked against its manifest (sizes; checksums with ``verify``)."""
    entries, paths = read_manifest_of(out, fmt)
    for name, path in paths.items():
        entry = entries[name]
        try:
            size = path.stat().st_size
        except OSError:
            size = None
        if size != entry.get("bytes") or (verify and file_digest(path) != entry.get("blake2b")):
            raise OutputError(f"{path} does not match its manifest (changed or damaged since it was written); "
                              "run presslens score again")
    return paths


def read_tables(out: str | Path, *, fmt: str | None = None, verify: bool = False,
                names: tuple[str, ...] | None = None) -> dict[str, pd.DataFrame]:
    """Every table of a complete run, as DataFrames (only ``names``, when given)."""
    tables = {}
    for name, path in table_paths(out, fmt=fmt, verify=verify).items():
        if names is not None and name not in names:
            continue
        if path.suffix == ".parquet":
            tables[name] = to_frame(pq.read_table(path))
        else:
            tables[name] = pd.read_csv(path)
    return tables


def _format_of(out) -> str:
    return "csv" if str(out).endswith(".csv") else "parquet"


def make_staging(folder: Path, prefix: str) -> Path:
    """A new staging folder in ``folder`` named for this process and a random suffix."""
    staging = folder / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        staging.mkdir()
    except OSError as err:
        raise OutputError(f"cannot write in {folder}: {err.strerror or err}") from err
    return staging


_PID_RE = re.compile(r"-(\d+)-[0-9a-f]{8}$")


def remove_stale_staging(folder: Path, prefix: str, *, max_age_hours: float = 24) -> None:
    """Remove staging folders left by runs that were killed: their process is gone, or they are old."""
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(prefix) and p.is_dir()]
    except OSError:
        return
    for path in candidates:
        match = _PID_RE.search(path.name)
        pid = int(match.group(1)) if match else None
        try:
            old = time.time() - path.stat().st_mtime > max_age_hours * 3600
        except OSError:
            continue
        if pid is None or not _alive(pid) or old:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _locked(folder: Path):
    """An exclusive lock on the output folder itself (no lock file to leave behind), while a set is swapped."""
    import fcntl

    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)


def _short_columns(schema: pa.Schema) -> list[str]:
    # Statistics of long texts (min/max of every row group) would pile up in the footer: short columns only.
    return [f.name for f in schema if f.type != STR or f.name in ("article_id", "source", "voice")]


class _ParquetWriter:
    """Appends tables to one Parquet file, buffered into row groups of about ``rows_per_group`` rows.

    The writer keeps every row group's metadata in memory until it closes, so one row group per small chunk would
    add up over a large corpus.
    """

    def __init__(self, path: Path, schema: pa.Schema, *, rows_per_group: int = 50_000):
        self.path, self.schema, self.rows_per_group = path, schema, rows_per_group
        self.pending: list[pa.Table] = []
        self.pending_rows = 0
        self.writer = pq.ParquetWriter(path, schema, write_statistics=_short_columns(schema))
        self.closed = False

    def write(self, table: pa.Table) -> None:
        self.pending.append(table)
        self.pending_rows += table.num_rows
        if self.pending_rows >= self.rows_per_group:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.writer.write_table(pa.concat_tables(self.pending), row_group_size=max(self.pending_rows, 1))
            self.pending, self.pending_rows = [], 0

    def close(self) -> None:
        if not self.closed:
            self.flush()
            self.writer.close()
            self.closed = True
