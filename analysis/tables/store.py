"""Tables to query without loading them: a scored corpus's Parquet files, or DataFrames, behind one SQL engine.

A :class:`Store` is a DuckDB connection in which the tables of a scored corpus (``sentences``, ``articles``,
``article_tone``, ``article_positions``, ``article_topics``, ``article_actors``, ``topics``, ``actors``,
``removed``, ``problems``) are views over their Parquet files, or over DataFrames. Queries run out of core
(DuckDB streams the files and spills to disk past its memory limit), so a notebook can ask for a million
articles' most negative sentences and get back a few rows. The same query runs on frames in memory, which is
how the library's DataFrame functions and the notebooks' views share one implementation.

Each query names the columns it needs, so only those are read; text columns are read only by queries that
return a few rows (``LIMIT``).
"""
from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

MEMORY_LIMIT = "1GB"  # DuckDB spills to disk past this, so a kernel stays within a laptop's memory


class Store:
    """Named tables behind one DuckDB connection (see the module docstring)."""

    def __init__(self, *, threads: int | None = None, memory_limit: str = MEMORY_LIMIT):
        import duckdb  # lazy: DuckDB loads only when a store is opened (the views, tone agreement, extremes)

        # DuckDB spills to ``.tmp`` in the working directory by default (the notebooks' folder, in a report):
        # give it a folder of its own, removed with the store.
        spill = tempfile.mkdtemp(prefix="presslens-store-")
        self._cleanup = weakref.finalize(self, shutil.rmtree, spill, ignore_errors=True)
        # DuckDB's allocator keeps freed memory for reuse up to a threshold: a low one gives it back between
        # queries, so a kernel's resident memory follows what it holds, not its largest query.
        self.con = duckdb.connect(":memory:", config={"memory_limit": memory_limit, "temp_directory": spill,
                                                      "allocator_flush_threshold": "32MB",
                                                      **({"threads": threads} if threads else {})})
        self.tables: set[str] = set()
        self._frames: dict[str, pd.DataFrame] = {}

    @classmethod
    def from_paths(cls, paths: dict[str, Path], **options) -> Store:
        """A store over Parquet files, one per table name."""
        store = cls(**options)
        for name, path in paths.items():
            if Path(path).suffix == ".parquet":
                literal = "'" + str(path).replace("'", "''") + "'"
                store.con.execute(f"CREATE VIEW {_name(name)} AS SELECT * FROM read_parquet({literal})")
                store.tables.add(name)
        return store

    @classmethod
    def from_frames(cls, **frames: pd.DataFrame) -> Store:
        """A store over DataFrames (they are not copied)."""
        store = cls(threads=1)
        for name, frame in frames.items():
            if frame is not None:
                store.register(name, frame)
        return store

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """Add (or replace) a table backed by a DataFrame."""
        self._frames[name] = frame
        self.con.register(_name(name), frame)
        self.tables.add(name)

    def has(self, name: str) -> bool:
        return name in self.tables

    def columns(self, name: str) -> list[str]:
        return [row[0] for row in self.con.execute(f"DESCRIBE {_name(name)}").fetchall()]

    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        """The result of a query as a DataFrame."""
        out = self.con.execute(query, params or []).df()
        _release()
        return out

    def frame(self, query: str, params: list | None = None, *, categories: tuple[str, ...] = ()) -> pd.DataFrame:
        """The result of a query as a DataFrame whose ``categories`` columns are pandas categoricals, their
        categories sorted: a million rows repeating a few dozen names take a byte or two each, not a string
        object each. Sorting and grouping give the same order as on the plain strings."""
        table = self.con.sql(query, params=params or None).to_arrow_table()
        columns = {}
        for name in table.column_names:
            column = table[name]
            if name in categories and (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
                column = pc.dictionary_encode(column).combine_chunks()
            columns[name] = column
        out = pa.table(columns).to_pandas()
        for name in categories:
            if name in out and isinstance(out[name].dtype, pd.CategoricalDtype):
                out[name] = out[name].cat.reorder_categories(sorted(out[name].cat.categories))
        del table, columns
        _release()
        return out

    def scalar(self, query: str, params: list | None = None):
        rows = self.con.execute(query, params or []).fetchall()  # fetch to the end: the connection is then free
        return rows[0][0] if rows else None

    def close(self) -> None:
        self.con.close()
        self._cleanup()


@dataclass(frozen=True)
class Rows:
    """The rows of one query over a :class:`Store`, counted, previewed and streamed, never held whole.

    What a page shows in part and writes to its CSV in full, however many rows there are (the cleaner's
    removals in a million articles): :func:`analysis.report.show.show_table` takes it in place of a DataFrame.
    ``query`` ends with its ``ORDER BY`` (a fixed order, so the preview is the start of the stream) and no
    ``LIMIT``.
    """

    store: Store
    query: str
    params: tuple = ()

    def count(self) -> int:
        """How many rows the query gives."""
        return int(self.store.scalar(f"SELECT count(*) FROM ({self.query})", list(self.params)))

    def head(self, n: int | None = None) -> pd.DataFrame:
        """The first ``n`` rows (every row when ``n`` is None)."""
        limit = "" if n is None else f" LIMIT {int(n)}"
        return self.store.sql(f"{self.query}{limit}", list(self.params))

    def batches(self, size: int = 100_000) -> Iterator[pd.DataFrame]:
        """Every row, ``size`` rows at a time, in the query's order."""
        result = self.store.con.execute(self.query, list(self.params))
        # newer DuckDB names it to_arrow_reader (fetch_record_batch is deprecated); older releases only have the latter
        reader = result.to_arrow_reader(size) if hasattr(result, "to_arrow_reader") else result.fetch_record_batch(size)
        for batch in reader:
            yield batch.to_pandas()
        _release()


def _release() -> None:
    """Give the memory Arrow freed while converting a result back to the system (its pool keeps it otherwise)."""
    pa.default_memory_pool().release_unused()


def _name(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a table name: {name!r}")
    return name


def quote(identifier: str) -> str:
    """A column name quoted for SQL (any user column name, ``desk`` or ``Desk $``, is safe)."""
    return '"' + str(identifier).replace('"', '""') + '"'
