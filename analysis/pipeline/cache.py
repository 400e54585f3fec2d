"""Scored corpora cached by content, settings and code, so the notebooks of a report score a corpus once.

The key hashes the code that computes the numbers (every module of the package and every bundled data file
the pipeline reads, such as the boilerplate markers and abbreviations), every setting, the bytes of the
manifest, codebook and actors files, and the path and bytes of every file of the corpus: change any of
them and the corpus is scored again, so a cached result can never be stale.

Cached tables live in ``<cache>/<key>/`` where ``<cache>`` is ``$PRESSLENS_CACHE`` or the user's cache folder
(``platformdirs.user_cache_dir("presslens")/scores``). A result is scored into a staging folder and renamed
into place when complete; its manifest records a checksum of each table, verified when it is read: a table
changed or damaged since it was written is scored again, with a warning. Delete the folder to clear the cache.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import warnings
from functools import lru_cache
from pathlib import Path

import platformdirs

from analysis.corpus.readers import MAX_FILE_MB, discover, relative
from analysis.errors import OutputError
from analysis.paths import DATA_DIR, PACKAGE_DIR
from analysis.pipeline.scoring import score_corpus
from analysis.tables.files import make_staging, remove_stale_staging, table_paths

_SCORES = "scores.parquet"


def cache_dir() -> Path:
    """Where cached scores go: ``$PRESSLENS_CACHE``, else the user's cache folder."""
    if os.environ.get("PRESSLENS_CACHE"):
        return Path(os.environ["PRESSLENS_CACHE"])
    return Path(platformdirs.user_cache_dir("presslens")) / "scores"


@lru_cache(maxsize=4)
def code_digest(package_dir: Path = PACKAGE_DIR, data_dir: Path = DATA_DIR) -> str:
    """A hash of the package's modules and its bundled data files (not the bundled articles)."""
    digest = hashlib.blake2b(digest_size=16)
    files = sorted(package_dir.rglob("*.py")) + sorted(p for p in data_dir.glob("*")
                                                        if p.is_file() and p.name != "README.md")
    for file in files:
        digest.update(file.relative_to(package_dir.parent if file.suffix == ".py" else data_dir.parent).as_posix()
                      .encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()


def corpus_key(corpus: Path, **settings) -> str:
    """A hash of the code, the corpus's files and every setting that changes the scores."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"code {code_digest()}\n".encode())
    for name, value in sorted(settings.items()):
        digest.update(f"{name}={value}\n".encode())
        if isinstance(value, str) and value and Path(value).is_file():
            digest.update(Path(value).read_bytes())
    exclude = {Path(settings["manifest"])} if settings.get("manifest") else set()
    files, _ = discover(corpus, exclude=exclude, max_file_mb=settings.get("max_file_mb") or MAX_FILE_MB)
    for file in files:
        digest.update(relative(file, corpus).encode("utf-8", "replace") + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def cached_scores(corpus: str | Path, *, manifest: str | None = None, codebook: str | None = None,
                  actors: str | None = None, tone_dictionary: str | None = None, text_col: str | None = None,
                  carry: tuple[str, ...] = (), story: str | None = None,
                  max_file_mb: float = MAX_FILE_MB, progress: bool | None = False) -> Path:
    """The path of the scored corpus (its sentence table, for :func:`analysis.tables.files.read_tables`), scoring it
    first when no valid cached result exists. Paths must be absolute (see :func:`analysis.paths.bundled_defaults`).
    """
    corpus = Path(corpus)
    settings = {"manifest": manifest, "codebook": codebook, "actors": actors, "tone_dictionary": tone_dictionary,
                "text_col": text_col,
                "carry": ",".join(carry), "max_file_mb": max_file_mb, "story": story}
    root = cache_dir()
    folder = root / corpus_key(corpus, **settings)
    out = folder / _SCORES
    if folder.exists():
        try:
            table_paths(out, verify=True)
            return out
        except OutputError as err:
            warnings.warn(f"the cached scores of {corpus} were damaged ({err}); scoring the corpus again",
                          stacklevel=2)
            shutil.rmtree(folder, ignore_errors=True)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"cannot create the cache folder {root}: {err.strerror or err}; "
                          "set PRESSLENS_CACHE to a folder you can write") from err
    remove_stale_staging(root, ".scoring-")
    staging = make_staging(root, ".scoring-")
    try:
        files, _ = discover(corpus, max_file_mb=max_file_mb)
        workers = 1 if len(files) < 400 else None  # a pool costs more than it saves on small corpora
        score_corpus(corpus, staging / _SCORES, manifest=manifest, codebook=codebook, actors=actors,
                     tone_dictionary=tone_dictionary,
                     text_col=text_col, carry=carry, max_file_mb=max_file_mb, workers=workers, progress=progress,
                     provisional=True, story=story)
        try:
            staging.rename(folder)
        except OSError:  # another process cached it first: use theirs
            pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out
