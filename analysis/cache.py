"""Scored corpora cached by content and settings, so the notebooks of a report score a corpus once.

The key hashes the PressLens version, every setting, the bytes of the manifest, codebook, actors and
boilerplate files, and the path and bytes of every file of the corpus: change any of them and the corpus
is scored again. Cached tables live in ``.cache/scores/<key>/`` under the project (or under
``$PRESSLENS_CACHE``); delete the folder to clear them.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from analysis.paths import BOILERPLATE_YML, PROJECT_ROOT
from analysis.readers import discover, relative


def cache_dir() -> Path:
    """Where cached scores go: ``$PRESSLENS_CACHE`` or ``.cache/scores`` in the project."""
    return Path(os.environ.get("PRESSLENS_CACHE", PROJECT_ROOT / ".cache" / "scores"))


def corpus_key(corpus: Path, **settings) -> str:
    """A hash of the corpus's files and every setting that changes the scores."""
    digest = hashlib.blake2b(digest_size=16)
    from analysis import __version__

    digest.update(f"presslens {__version__}\n".encode())
    for name, value in sorted(settings.items()):
        digest.update(f"{name}={value}\n".encode())
        if value and Path(str(value)).is_file():
            digest.update(Path(str(value)).read_bytes())
    digest.update(BOILERPLATE_YML.read_bytes())
    exclude = {Path(settings["manifest"]).resolve()} if settings.get("manifest") else set()
    files, _ = discover(corpus, exclude=exclude)
    for file in files:
        digest.update(relative(file, corpus).encode() + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def cached_scores(corpus: Path, *, manifest=None, codebook=None, actors=None, text_col=None,
                  progress: bool = False) -> Path:
    """The path of the sentence table for this corpus and these settings, scoring it first if needed."""
    from analysis.engines import default_workers
    from analysis.scoring import score_corpus

    settings = {"manifest": _str(manifest), "codebook": _str(codebook), "actors": _str(actors),
                "text_col": text_col}
    folder = cache_dir() / corpus_key(corpus, **settings)
    out = folder / "scores.parquet"
    if out.exists():
        return out
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".scoring-"))
    files, _ = discover(corpus)
    workers = 1 if len(files) < 400 else default_workers()  # a pool costs more than it saves on small corpora
    score_corpus(corpus, staging / "scores.parquet", manifest=manifest, codebook=codebook, actors=actors,
                 text_col=text_col, workers=workers, progress=progress)
    try:
        staging.rename(folder)
    except OSError:  # another process cached it first
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _str(value) -> str | None:
    return str(Path(value).resolve()) if value not in (None, "") else None
