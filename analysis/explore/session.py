"""One call from a folder of articles to everything the notebooks chart: :func:`analyse`.

``analyse()`` runs the pipeline of :mod:`analysis.pipeline` through the cache (:mod:`analysis.pipeline.cache`), so the
five notebooks of a report score a corpus once, and opens its tables without loading them: the articles
(without their text) come into memory, everything else stays in a :class:`analysis.tables.store.Store` that
:mod:`analysis.explore.views` queries. So the notebooks run on a million articles within a laptop's memory.

Any article column can be the grouping (``by``): a column of the export or the manifest (``desk``), or a
computed one (``source_type``). Where a corpus comes without a codebook or an actors file, the pipeline drew
provisional topics and stand-in actors from it, and says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from analysis.content.actors import load_actors
from analysis.content.dictionaries import Codebook
from analysis.content.topics import NO_STAND_INS, load_codebook
from analysis.corpus.articles import Corpus
from analysis.corpus.metadata import COLUMN_ALIASES
from analysis.corpus.readers import MAX_FILE_MB
from analysis.errors import ColumnError
from analysis.explore.colors import source_colors
from analysis.explore.views import removed_by_reason
from analysis.paths import blank, bundled_defaults, resolved
from analysis.pipeline.cache import cached_scores
from analysis.tables.files import read_tables, table_paths
from analysis.tables.schemas import to_frame
from analysis.tables.store import Store, quote

NOT_GROUPS = frozenset({"article_id", "text", "path", "title", "url", "n_words", "duplicate_of",
                        "duplicate_similarity", "n_sentences", "n_scored", "textblob", "vader", "dict_positive",
                        "dict_negative", "dict_words", "dict_net", "dict_logratio", "derived_from",
                        "reused_share"})
# The article columns the notebooks use; the others (text, path, URL, byline, …) stay in the store.
LIGHT_COLUMNS = ("article_id", "source", "published", "title", "n_words", "event", "source_type", "n_sentences",
                 "n_scored", "textblob", "vader", "dict_net", "dict_logratio", "story", "story_from", "derived_from",
                 "derivation", "reused_share")


@dataclass
class Analysis:
    """A scored corpus, ready to chart: its unique articles (without text) in memory, its other tables in a
    :class:`Store`, the grouping column, the codebook and actors (with where they came from), and one colour
    per group.

    ``articles`` holds each story once (duplicates set aside), with the columns the notebooks use (id, source,
    date, title, words, sentence counts, tone) and the ``by`` column as text labels (missing values shown as
    ``(no <by>)``). ``corpus`` (every article, the removal log and the problems) and
    ``sentences`` load whole tables: use them on small corpora; the notebooks use :mod:`analysis.explore.views`.
    """

    store: Store
    articles: pd.DataFrame
    by: str
    codebook: dict
    codebook_from: str
    actors: dict[str, dict]
    actors_from: str
    colors: dict[str, str]
    root: Path
    out: Path = field(repr=False)
    within: str | None = None  # groups are "<within> · <by>" labels: outlets compared inside each story, say

    @property
    def unique(self) -> pd.DataFrame:
        """The unique articles (the same as ``articles``)."""
        return self.articles

    @cached_property
    def corpus(self) -> Corpus:
        """Every article (with its text), the removal log and the problems, loaded whole."""
        tables = read_tables(self.out, names=("articles", "removed", "problems"))
        return Corpus(articles=tables["articles"], removed=tables["removed"], problems=tables["problems"],
                      root=self.root)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Every sentence of the unique articles, with the ``by`` column, loaded whole."""
        return self.store.sql(f"SELECT s.* EXCLUDE ({quote(self.by)}), u.{quote(self.by)} FROM sentences s "
                              "JOIN units u USING (article_id) ORDER BY s.article_id, s.sentence_no"
                              if self.by in self.store.columns("sentences") else
                              f"SELECT s.*, u.{quote(self.by)} FROM sentences s JOIN units u USING (article_id) "
                              "ORDER BY s.article_id, s.sentence_no")

    def summary(self) -> dict:
        """The counts of :meth:`analysis.corpus.articles.Corpus.summary`, counted without loading the tables, with
        ``undated`` (articles without a date) and ``removed_by_reason`` (counts by reason, the counts inside a reason left out)."""
        summary = corpus_summary(self.store)
        summary["undated"] = int(self.store.scalar("SELECT count(*) FROM articles WHERE published IS NULL"))
        reasons = removed_by_reason(self)
        summary["removed_by_reason"] = pd.Series(reasons["spans"].to_numpy(), index=reasons["reason"])
        return summary


def analyse(corpus: str | Path | None = None, *, manifest: str | Path | None = None,
            codebook: str | Path | None = None, actors: str | Path | None = None, by: str = "source",
            tone_dictionary: str | Path | None = None, text_col: str | None = None,
            max_file_mb: float | None = None, progress: bool | None = False,
            scores: str | Path | None = None, story: str | None = None, within: str | None = None) -> Analysis:
    """Load, clean, split and score a corpus (the bundled one, with its data files, when ``corpus`` is unset),
    and open its tables for charting.

    ``by`` is the article column to compare (``source``, ``source_type``, ``event``, a column of your export or
    manifest, …); an export's name for a column PressLens renames is accepted (``media_name`` compares by
    ``source``, the column it became: ``Analysis.by`` says which). Duplicates are set aside (see ``Analysis.corpus.articles['duplicate_of']``). With ``scores``
    (what ``presslens score --provisional --out`` wrote), that result is opened instead, without scoring:
    give the codebook and actors file it was scored with, if any. ``story`` names the article column that says
    which story each article tells (else stories are found: :mod:`analysis.stories.grouping`); ``within`` compares
    the ``by`` groups inside each value of another column (``by="source", within="story"``: each outlet's
    coverage of each story is a group, labelled "story · outlet").
    """
    within = None if blank(within) else within
    if not blank(scores):
        return open_scores(scores, by=by, codebook=resolved(codebook), actors=resolved(actors),
                           root=resolved(corpus), within=within)
    root, manifest, codebook, actors = bundled_defaults(corpus, manifest=manifest, codebook=codebook, actors=actors)
    out = cached_scores(root, manifest=manifest, codebook=codebook, actors=actors,
                        tone_dictionary=resolved(tone_dictionary), text_col=text_col or None,
                        max_file_mb=max_file_mb or MAX_FILE_MB, progress=progress,
                        story=None if blank(story) else story)
    return open_scores(out, by=by, codebook=codebook, actors=actors, root=root, within=within)


def open_scores(out: str | Path, *, by: str = "source", codebook: str | Path | None = None,
                actors: str | Path | None = None, root: str | Path | None = None,
                within: str | None = None) -> Analysis:
    """An :class:`Analysis` of tables :func:`analysis.score_corpus` wrote to ``out``: the articles (without text)
    in memory, the rest in a store. ``codebook`` and ``actors`` are the files it was scored with, if any."""
    paths = table_paths(out)
    store = Store.from_paths(paths)
    columns = store.columns("articles")
    by = grouping_column(columns, by)
    check_grouping(columns, by)
    if within is not None:
        check_grouping(columns, within)
    light = [c for c in columns if c in LIGHT_COLUMNS or c in (by, within)]
    articles = store.sql(f"SELECT {', '.join(quote(c) for c in light)} FROM articles WHERE duplicate_of IS NULL "
                         "ORDER BY article_id")
    articles[by] = group_labels(articles[by], by)
    if within is not None and within != by:
        articles[by] = group_labels(articles[within], within) + " · " + articles[by]
    store.register("units", articles[["article_id", by]])
    provisional = to_frame(_provisional_table(paths)) if "provisional" in paths else pd.DataFrame()
    topics, topics_from = _codebook(codebook, provisional)
    people, people_from = _actors(actors, provisional)
    return Analysis(store=store, articles=articles, by=by, codebook=topics, codebook_from=topics_from, actors=people,
                    actors_from=people_from, colors=source_colors(articles[by]),
                    root=Path(root) if root is not None else Path(out).parent, out=Path(out), within=within)


def corpus_summary(store: Store) -> dict:
    """Articles, sources, words, dates, removals and problems, counted in the store."""
    counts = store.sql("""SELECT count(*) AS articles, count(*) FILTER (WHERE duplicate_of IS NULL) AS unique_articles,
                                 count(DISTINCT source) AS sources, coalesce(sum(n_words), 0)::BIGINT AS words,
                                 min(published) AS first, max(published) AS last FROM articles""").iloc[0]
    problems = store.sql("SELECT severity, count(*) AS n FROM problems GROUP BY severity")
    by_severity = dict(zip(problems["severity"], problems["n"]))
    return {
        "articles": int(counts["articles"]), "unique_articles": int(counts["unique_articles"]),
        "sources": int(counts["sources"]), "words": int(counts["words"]),
        "first_date": None if pd.isna(counts["first"]) else pd.Timestamp(counts["first"]).date().isoformat(),
        "last_date": None if pd.isna(counts["last"]) else pd.Timestamp(counts["last"]).date().isoformat(),
        "removed_spans": int(store.scalar("SELECT count(*) FROM removed")),
        "files_skipped": int(by_severity.get("skipped", 0)), "warnings": int(by_severity.get("warning", 0)),
    }


def groupable(columns) -> list[str]:
    """The article columns a corpus can be compared by."""
    return [c for c in columns if c not in NOT_GROUPS]


def grouping_column(columns, by: str) -> str:
    """The article column ``by`` names: itself, or, for a column of an export that PressLens reads as one of its own
    fields and renames (``media_name``, ``publish_date``, ``outlet``: :data:`analysis.corpus.metadata.COLUMN_ALIASES`),
    the column it became (``source``, ``published``). A column of that name that the articles kept is itself."""
    if by in columns:
        return by
    name = str(by).strip().lower()
    for field, aliases in COLUMN_ALIASES.items():
        if name in aliases and field in columns:
            return field
    return by


def check_grouping(columns, by: str) -> None:
    """A one-line :class:`ColumnError` when ``by`` is not a column the articles can be compared by."""
    if by not in columns:
        raise ColumnError(f"cannot compare by {by!r}: the articles have no such column; compare by one of "
                          f"{', '.join(groupable(columns))}")
    if by in NOT_GROUPS:
        why = "it names each article, so every group would be one article" if by == "article_id" else \
            "it holds each article's own text, number or score, not a group"
        raise ColumnError(f"cannot compare by {by!r}: {why}; compare by one of {', '.join(groupable(columns))}")


def group_labels(values: pd.Series, by: str) -> pd.Series:
    """A grouping column as text labels: dates as days, and missing values as ``(no <by>)``."""
    if pd.api.types.is_datetime64_any_dtype(values):
        labels = values.dt.strftime("%Y-%m-%d")
    else:
        labels = values.map(lambda v: v if isinstance(v, str) else None if pd.isna(v) else str(v))
    return labels.fillna(f"(no {by})").astype(object)


def _provisional_table(paths: dict):
    return pq.read_table(paths["provisional"])


NO_TOPICS = NO_STAND_INS  # the pipeline writes no row for an empty stand-in codebook: its note is this one
NO_ACTORS = "provisional: no actors file was given, and no name was mentioned often enough to stand in for an actor"


def _codebook(path, provisional: pd.DataFrame):
    if path is not None:
        return load_codebook(path), str(path)
    rows = provisional[provisional["kind"] == "topic"] if len(provisional) else provisional
    note = rows["note"].iloc[0] if len(rows) else NO_TOPICS
    codebook = Codebook({r.name: r.patterns.split(" | ") for r in rows.itertuples()}, match="fixed",
                        source="provisional codebook", format="provisional", provisional=True, note=note)
    return codebook, note


def _actors(path, provisional: pd.DataFrame) -> tuple[dict[str, dict], str]:
    if path is not None:
        return load_actors(path), str(path)
    rows = provisional[provisional["kind"] == "actor"] if len(provisional) else provisional
    actors = {r.name: {"type": r.type, "aliases": r.patterns.split(" | ")} for r in rows.itertuples()}
    return actors, rows["note"].iloc[0] if len(rows) else NO_ACTORS
