"""Where the pipeline's tables go as they are made: memory (:class:`MemorySink`), or files written atomically
(:class:`FileSink`, through :mod:`analysis.tables.files`).

``load_corpus`` and ``score_corpus(out=None)`` keep their tables in memory; ``presslens score`` streams them to
Parquet in a staging folder and commits the finished set. CSV outputs are safe to open in a spreadsheet: a text
cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, as OWASP
advises against formula injection (``excel_safe``, :func:`spreadsheet_safe`). Parquet outputs are never altered.
"""
from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis.errors import OutputError
from analysis.tables.files import commit, make_staging, output_paths, remove_stale_staging
from analysis.tables.schemas import PROBLEMS, REMOVED, STR, conform, to_frame

BATCH_ROWS = 5_000  # rows read back at a time when tables are finished
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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

    def scan(self, name: str, columns: list[str]) -> Iterator[pd.DataFrame]:
        """A table's ``columns``, in batches (here, one)."""
        yield to_frame(self._table(name).select(columns))

    def finish(self, filled: dict[str, dict] | None = None) -> dict[str, pd.DataFrame]:
        """The tables, the articles with the columns found over the whole corpus (``filled``: ``{column:
        {article_id: value}}``, such as ``duplicate_of``) filled in."""
        tables = {name: to_frame(self._table(name)) for name in self.schemas if name not in ("articles", "sentences")}
        if "sentences" in self.schemas:
            tables = {"sentences": to_frame(self._table("sentences")), **tables}
        if "articles" in self.schemas:
            tables["articles"] = to_frame(with_columns(self._table("articles"), filled or {}))
        return tables

    def abort(self) -> None:
        self.parts.clear()

    def _table(self, name: str) -> pa.Table:
        schema = self.schemas[name]
        parts = self.parts.get(name) or [schema.empty_table()]
        return pa.concat_tables(parts)


def with_columns(table: pa.Table, filled: dict[str, dict]) -> pa.Table:
    """The articles table with columns found over the whole corpus filled in: ``{column: {article_id:
    value}}`` (an article missing from a column's mapping gets null)."""
    ids = table.column("article_id").to_pylist()
    names = table.schema.names
    for column, values in filled.items():
        if column in names:
            kind = table.schema.field(column).type
            table = table.set_column(names.index(column), column, pa.array([values.get(i) for i in ids], kind))
    return table


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

    def scan(self, name: str, columns: list[str]) -> Iterator[pd.DataFrame]:
        """A staged table's ``columns``, batch by batch (its writer is closed first)."""
        self.close(name)
        source = pq.ParquetFile(self.staging / f"{name}.parquet")
        for batch in source.iter_batches(batch_size=BATCH_ROWS * 10, columns=columns):
            yield to_frame(pa.Table.from_batches([batch]))

    def finish(self, filled: dict[str, dict] | None = None) -> dict[str, Path]:
        for writer in self.writers.values():
            writer.close()
        staged = {name: self._final(name, filled or {}) for name in self.schemas}
        commit(staged, self.paths, fmt=self.fmt)
        self.abort()
        return {name: self.paths[name] for name in staged}

    def abort(self) -> None:
        for writer in self.writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _final(self, name: str, filled: dict[str, dict]) -> Path:
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
            batches = (with_columns(t, filled) for t in batches)
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
