"""What every step and chunk of the pipeline needs besides its data: the settings of a run, what pass 1 hands
to pass 2, and the data files a run names, loaded once per process.

Settings travel to worker processes with every chunk, so they are small; the data files they name (markers,
codebook, actors, tone dictionary) are read in each process the first time a chunk needs them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyarrow as pa

from analysis.content.actors import load_actors
from analysis.content.dictionaries import load_dictionary
from analysis.content.topics import load_codebook
from analysis.corpus.clean import Markers, load_markers
from analysis.corpus.readers import MAX_FILE_MB

CHUNK_FILES = 250  # files read per chunk of pass 1, and articles processed per chunk of pass 2
CHUNK_BYTES = 16 * 1024 * 1024  # text per chunk of pass 2
PROVISIONAL_SAMPLE = 1_000  # articles the provisional topics and stand-in actors are drawn from
PROVISIONAL_TOPICS = 12
PROVISIONAL_ACTORS = 12


@dataclass(frozen=True)
class Settings:
    """Everything a chunk needs besides its data; small, so it travels to workers cheaply."""

    root: str
    manifest: str | None = None
    codebook: str | None = None
    actors: str | None = None
    tone_dictionary: str | None = None
    text_col: str | None = None
    markers: str | Markers | None = None
    carry: tuple[str, ...] = ()  # article columns repeated on every sentence, besides voices.DEFAULT_CARRY
    max_file_mb: float = MAX_FILE_MB
    duplicate_threshold: float = 0.8
    dedupe: bool = True
    scores: bool = True  # split and score sentences (False: articles only, as load_corpus)
    provisional: bool = False  # without a codebook or actors file, draw stand-ins from the corpus (as reports do)
    stories: bool = True  # when scoring: group articles into stories and compare them (analysis.pipeline.compare)
    story: str | None = None  # the article column that says which story each article tells (else they are found)


@dataclass
class Plan:
    """The corpus's files with their article ids and manifest rows, and what was passed over."""

    files: list[str]
    ids: dict[str, str]
    manifest: dict[str, dict]
    problems: list[dict]


@dataclass
class Counts:
    files: int = 0
    articles: int = 0
    sentences: int = 0
    duplicates: int = 0
    columns: dict[str, pa.DataType] = field(default_factory=dict)


@dataclass(frozen=True)
class Shared:
    """What every chunk of pass 2 needs from pass 1: template lines, the user's columns (with their types),
    the carried columns, and the provisional codebook and actors when none were given."""

    templates: dict[str, frozenset[int]]
    columns: tuple[str, ...]
    carry: tuple[str, ...] = ()
    codebook: object = None
    actors: dict | None = None


def markers_of(markers) -> Markers:
    if isinstance(markers, Markers):
        return markers
    return load_markers(markers) if markers else load_markers()


@lru_cache(maxsize=4)
def actors_file(path: str) -> dict:
    return load_actors(path)


@lru_cache(maxsize=4)
def tone_dictionary_file(path: str):
    return load_dictionary(path)


@lru_cache(maxsize=4)
def codebook_file(path: str) -> dict:
    return load_codebook(path)
