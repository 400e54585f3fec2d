"""Where things live. Every bundled file is found through the package, so an installed wheel works anywhere.

In a checkout (and an editable install) the bundled data and notebooks are the project's ``data/`` and
``notebooks/`` folders. A built wheel carries the same files inside the package, as
``analysis/bundled_data`` and ``analysis/bundled_notebooks`` (see ``pyproject.toml``); the constants below
point at whichever exists. Nothing resolves a path against the current folder (papermill runs kernels in
the folder it is started from, nbconvert in the notebook's).
"""
from __future__ import annotations

from pathlib import Path

from analysis.errors import CorpusError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent  # the checkout; meaningful only when running from one


def _bundled(inside: str, checkout: str) -> Path:
    installed = PACKAGE_DIR / inside
    return installed if installed.is_dir() else PROJECT_ROOT / checkout


DATA_DIR = _bundled("bundled_data", "data")
NOTEBOOKS_DIR = _bundled("bundled_notebooks", "notebooks")
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"
ARTICLES_DIR = DATA_DIR / "articles"
SOURCES_CSV = DATA_DIR / "sources.csv"
TOPICS_YML = DATA_DIR / "topics.yml"
ACTORS_YML = DATA_DIR / "actors.yml"
BOILERPLATE_YML = DATA_DIR / "boilerplate.yml"
ABBREVIATIONS_TXT = DATA_DIR / "abbreviations.txt"
FRAMING_VERBS_TSV = DATA_DIR / "framing_verbs.tsv"
STANCE_MODEL_JSON = DATA_DIR / "stance_model.json"


def blank(value) -> bool:
    """Whether an option was left unset: None, or an empty or all-space string (as notebook parameters come)."""
    return value is None or (isinstance(value, str) and not value.strip())


def resolved(value) -> str | None:
    """An option's path made absolute (so it means the same in a kernel or a worker), or None when unset."""
    return None if blank(value) else str(Path(value).resolve())


def bundled_defaults(corpus, *, manifest=None, codebook=None, actors=None) -> tuple:
    """The corpus and data files to use: with no corpus, the bundled corpus with its manifest, codebook and
    actors file (each unless given); with a corpus, only what was given.

    Returns ``(corpus, manifest, codebook, actors)`` as absolute path strings, or None where unset. An empty
    corpus path ("") is an error (:class:`analysis.errors.CorpusError`): it names no folder, and would otherwise
    read the current one or the bundled corpus.
    """
    if isinstance(corpus, (str, Path)) and not str(corpus).strip():
        raise CorpusError("the corpus path is empty; give a folder or file, or None for the bundled corpus")
    if blank(corpus):
        corpus = ARTICLES_DIR
        manifest = SOURCES_CSV if blank(manifest) else manifest
        codebook = TOPICS_YML if blank(codebook) else codebook
        actors = ACTORS_YML if blank(actors) else actors
    return resolved(corpus), resolved(manifest), resolved(codebook), resolved(actors)
