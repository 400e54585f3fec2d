"""One call from a folder of articles to everything the notebooks chart.

``analyse()`` loads the corpus, sets duplicates aside, splits sentences (with
voices and speakers), scores tone, and reads the codebook and actors file.
The scoring is the streamed pipeline of :mod:`analysis.scoring`, cached by
corpus content and settings (:mod:`analysis.cache`), so the five notebooks of
a report score a corpus once, and a corpus of any size fits.
Where a corpus comes without a codebook or an actors file, it builds
provisional ones from the corpus itself (its most distinctive terms and its
most frequent proper names) and says so, so that every notebook runs on any
corpus.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.actors import load_actors, suggest_actors
from analysis.cache import cached_scores
from analysis.corpus import Corpus
from analysis.errors import CorpusError
from analysis.keywords import suggest_topic_terms
from analysis.paths import ACTORS_YML, ARTICLES_DIR, SOURCES_CSV, TOPICS_YML
from analysis.plots import source_colors
from analysis.scoring import read_scores
from analysis.topics import load_codebook

SUGGESTED = 12


@dataclass
class Analysis:
    """The inputs of every chart: the corpus, its scored sentences, the codebook and the actors."""

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
            text_col: str | None = None) -> Analysis:
    """Load, clean, split and score a corpus (the bundled one when ``corpus`` is None or empty).

    With no ``corpus``, the bundled manifest, codebook and actors file are used
    unless others are given. ``by`` is the column to compare (``source``,
    ``source_type``, ``event``, …). Duplicates are set aside (see
    ``analysis.corpus.articles['duplicate_of']``).
    """
    corpus, manifest, codebook, actors = (_blank(x) for x in (corpus, manifest, codebook, actors))
    if corpus is None:
        manifest = manifest or SOURCES_CSV
        codebook = codebook or TOPICS_YML
        actors = actors or ACTORS_YML
    root = Path(corpus) if corpus else ARTICLES_DIR
    if not root.exists():
        raise CorpusError(f"no such file or folder: {root}")
    tables = read_scores(cached_scores(root, manifest=manifest, codebook=codebook, actors=actors,
                                       text_col=text_col))
    loaded = Corpus(articles=tables["articles"], removed=tables["removed"], problems=tables["problems"], root=root)
    articles = loaded.unique
    if by not in articles.columns:
        raise KeyError(f"cannot compare by {by!r}: the articles have columns {list(articles.columns)}")
    sentences = tables["sentences"]
    sentences = sentences[sentences["article_id"].isin(set(articles["article_id"]))].reset_index(drop=True)
    if by not in sentences.columns:
        sentences = sentences.merge(articles[["article_id", by]], on="article_id", how="left")
    topics, topics_from = _codebook(codebook, articles, by)
    people, people_from = _actors(actors, sentences)
    return Analysis(corpus=loaded, articles=articles, sentences=sentences, codebook=topics,
                    codebook_from=topics_from, actors=people, actors_from=people_from, by=by,
                    colors=source_colors(articles[by]))


def _blank(value):
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _codebook(path, articles: pd.DataFrame, by: str) -> tuple[dict[str, list[str]], str]:
    if path is not None:
        return load_codebook(path), str(path)
    groups = articles[by] if articles[by].nunique() >= 2 else pd.Series("all", index=articles.index)
    suggestions = suggest_topic_terms(articles.assign(_group=groups), by="_group", top=SUGGESTED)
    terms = suggestions.sort_values("count", ascending=False)["term"].drop_duplicates().head(SUGGESTED)
    topics = {term: [term] for term in terms}
    note = ("provisional: no codebook was given, so each of the corpus's most frequent distinctive terms and "
            "collocations stands for a topic of its own; write a codebook to measure real topics")
    return topics or {"(no terms)": ["(no terms)"]}, note


def _actors(path, sentences: pd.DataFrame) -> tuple[dict[str, dict], str]:
    if path is not None:
        return load_actors(path), str(path)
    names = suggest_actors(sentences, top=SUGGESTED)
    actors = {name: {"type": "suggested", "aliases": [name]} for name in names["name"]}
    note = ("provisional: no actors file was given, so the corpus's most frequent proper names stand in for "
            "actors, each with no other alias; write an actors file to group aliases")
    return actors or {"(none)": {"type": "suggested", "aliases": ["(none)"]}}, note
