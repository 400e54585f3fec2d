"""A run's tables on disk: where they go, the completion manifest that vouches for them, and reading them back.

Files are written atomically: everything goes to a staging folder beside the outputs, unique to the run
(``.<name>.partial-<pid>-<random>``), and is moved into place only when complete, under a lock, followed by a
completion manifest (``<name>.manifest.json``) that lists every table with its row count, size and checksum
(:func:`commit`). Readers (:func:`read_tables`) refuse a set of tables without a valid manifest, so a run killed
at any point leaves either the previous complete result or none, never a partial one that looks whole. The
staging folder is removed on every exit path; a folder left by a killed run is removed by the next run
(:func:`remove_stale_staging`).
"""
from __future__ import annotations

import contextlib
import fcntl
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
import pyarrow.parquet as pq

from analysis import __version__
from analysis.errors import OptionError, OutputError
from analysis.tables.schemas import to_frame

FORMATS = ("parquet", "csv")
NAMES = ("sentences", "articles", "removed", "problems", "actors", "topics", "article_tone", "article_positions",
         "article_topics", "article_actors", "article_stance", "provisional", "stories", "reuse", "alignments")


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


def read_completion_manifest(out: str | Path, fmt: str | None = None) -> tuple[dict, dict[str, Path]]:
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
    entries, paths = read_completion_manifest(out, fmt)
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
    """Every table of a complete run, as DataFrames (only ``names``, when given), with the same dtypes from CSV
    as from Parquet for the publication date (``datetime64[ns]``)."""
    tables = {}
    for name, path in table_paths(out, fmt=fmt, verify=verify).items():
        if names is not None and name not in names:
            continue
        if path.suffix == ".parquet":
            tables[name] = to_frame(pq.read_table(path))
        else:
            tables[name] = _dated(pd.read_csv(path))
    return tables


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    """A table read from CSV with its publication dates as ``datetime64[ns]`` (the CSV holds them as ISO text)."""
    if "published" in frame:
        frame["published"] = pd.to_datetime(frame["published"], format="ISO8601").astype("datetime64[ns]")
    return frame


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
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)
