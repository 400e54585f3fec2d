"""One call from a folder of articles to everything the notebooks chart: :func:`analyse`.

``analyse()`` runs the pipeline of :mod:`analysis.pipeline` through the cache (:mod:`analysis.cache`), so the
five notebooks of a report score a corpus once, and reads back its tables. Where a corpus comes without a
codebook or an actors file, it builds provisional ones from the corpus itself (its most distinctive terms, its
most frequent proper names) and says so, so that every notebook runs on any corpus. Any article column can be
the grouping (``by``): a column of the export or the manifest (``desk``), or a computed one (``source_type``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.actors import load_actors, suggest_actors
from analysis.cache import cached_scores
from analysis.corpus import Corpus
from analysis.errors import ColumnError
from analysis.paths import bundled_defaults, resolved
from analysis.plots import source_colors
from analysis.readers import MAX_FILE_MB
from analysis.tables import read_tables
from analysis.topics import load_codebook, provisional_codebook

SUGGESTED = 12
NOT_GROUPS = frozenset({"article_id", "text", "path", "title", "url", "n_words", "duplicate_of",
                        "duplicate_similarity", "n_sentences", "n_scored", "textblob", "vader"})


@dataclass
class Analysis:
    """The inputs of every chart: the corpus, its scored sentences, the codebook and the actors.

    ``corpus`` holds every article (duplicates flagged); ``articles`` and ``sentences`` only the unique ones, each
    with the ``by`` column (missing values shown as ``(no <by>)``).
    """

    corpus: Corpus
    articles: pd.DataFrame
    sentences: pd.DataFrame
    codebook: dict[str, list[str]]
    codebook_from: str
    actors: dict[str, dict]
    actors_from: str
    by: str
    colors: dict[str, str]


def analyse(corpus: str | Path | None = None, *, manifest: str | Path | None = None,
            codebook: str | Path | None = None, actors: str | Path | None = None, by: str = "source",
            tone_dictionary: str | Path | None = None, text_col: str | None = None, max_file_mb: float | None = None, progress: bool | None = False
            ) -> Analysis:
    """Load, clean, split and score a corpus (the bundled one, with its data files, when ``corpus`` is unset).

    ``by`` is the article column to compare (``source``, ``source_type``, ``event``, a column of your export or
    manifest, …). Duplicates are set aside (see ``Analysis.corpus.articles['duplicate_of']``).
    """
    root, manifest, codebook, actors = bundled_defaults(corpus, manifest=manifest, codebook=codebook, actors=actors)
    out = cached_scores(root, manifest=manifest, codebook=codebook, actors=actors,
                        tone_dictionary=resolved(tone_dictionary), text_col=text_col or None,
                        max_file_mb=max_file_mb or MAX_FILE_MB, progress=progress)
    tables = read_tables(out)
    loaded = Corpus(articles=tables["articles"], removed=tables["removed"], problems=tables["problems"],
                    root=Path(root))
    check_grouping(loaded.articles, by)
    articles = loaded.unique
    articles[by] = group_labels(articles[by], by)
    sentences = tables["sentences"]
    sentences = sentences[sentences["article_id"].isin(set(articles["article_id"]))].reset_index(drop=True)
    sentences = sentences.drop(columns=[by], errors="ignore").merge(articles[["article_id", by]], on="article_id",
                                                                    how="left")
    topics, topics_from = _codebook(codebook, articles, by)
    people, people_from = _actors(actors, sentences)
    return Analysis(corpus=loaded, articles=articles, sentences=sentences, codebook=topics,
                    codebook_from=topics_from, actors=people, actors_from=people_from, by=by,
                    colors=source_colors(articles[by]))


def groupable(articles: pd.DataFrame) -> list[str]:
    """The article columns a corpus can be compared by."""
    return [c for c in articles.columns if c not in NOT_GROUPS]


def check_grouping(articles: pd.DataFrame, by: str) -> None:
    """A one-line :class:`ColumnError` when ``by`` is not a column the articles can be compared by."""
    if by not in articles.columns or by in NOT_GROUPS:
        raise ColumnError(f"cannot compare by {by!r}: the articles have no such column; compare by one of "
                          f"{', '.join(groupable(articles))}")


def group_labels(values: pd.Series, by: str) -> pd.Series:
    """A grouping column as text labels: dates as days, and missing values as ``(no <by>)``."""
    if pd.api.types.is_datetime64_any_dtype(values):
        labels = values.dt.strftime("%Y-%m-%d")
    else:
        labels = values.map(lambda v: v if isinstance(v, str) else None if pd.isna(v) else str(v))
    return labels.fillna(f"(no {by})").astype(object)


def _codebook(path, articles: pd.DataFrame, by: str) -> tuple[dict[str, list[str]], str]:
    if path is not None:
        return load_codebook(path), str(path)
    codebook = provisional_codebook(articles, by=by)
    return codebook, codebook.note


def _actors(path, sentences: pd.DataFrame) -> tuple[dict[str, dict], str]:
    if path is not None:
        return load_actors(path), str(path)
    names = suggest_actors(sentences, top=SUGGESTED)
    actors = {name: {"type": "suggested", "aliases": [name]} for name in names["name"]}
    note = ("provisional: no actors file was given, so the corpus's most frequent proper names stand in for "
            "actors, each with no other alias; write an actors file to group aliases")
    return actors or {"(none)": {"type": "suggested", "aliases": ["(none)"]}}, note
