"""The stories step: once every article is scored, group them into stories and compare each story's articles.

While pass 2 scores the chunks, each article's story terms (or its value in the user's story column) come back
with its chunk (:func:`story_inputs`) and wait in a :class:`StoryCollector`, a few hundred bytes an article.
When every chunk is done, :func:`compare_stories`:

1. **groups** the articles into stories (:class:`analysis.stories.grouping.TermIndex`), or takes the user's
   column, and labels them;
2. **sorts** the articles and sentences of every story told by two or more articles into buckets (by a hash of
   the story, so a story is never split), read back from the tables already written, batch by batch, and kept
   in the sink's scratch folder, one Parquet file a bucket (:class:`Buckets`): memory holds the buckets in
   flight, not the corpus;
3. **compares** each bucket on the engine: which articles share text (:func:`analysis.stories.reuse.text_reuse`)
   and which sentences of one outlet state the facts of another (:func:`analysis.stories.alignment.align_story`);
4. writes the ``stories``, ``reuse`` and ``alignments`` tables, and returns the article columns it found
   (``story``, ``story_from``, ``derived_from``, ``derivation``, ``reused_share``), which the sink fills in.

Buckets are made and compared in a fixed order, so the tables are the same in memory and streamed, whatever the
number of workers. Articles flagged as duplicates (``duplicate_of``) keep their story but are left out of the
comparison: a copy is not a second account.
"""
from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from analysis.corpus.articles import safe_name
from analysis.errors import ColumnError
from analysis.pipeline.engines import default_workers, ordered_map
from analysis.stories.alignment import align_story
from analysis.stories.grouping import (LABEL_WORDS, NO_STORY, TermIndex, publication_days, stories_from_column,
                                       story_labels)
from analysis.stories.reuse import derivations, text_reuse
from analysis.stories.terms import article_terms
from analysis.tables.schemas import ALIGNMENTS, INT, REUSE, STORIES, STR, TIME, conform, to_frame

ARTICLES_PER_BUCKET = 2_000  # articles of multi-article stories compared together in one job
FOUND = "found"  # story_from when PressLens grouped the articles


def resolve_story_column(name: str | None, columns) -> str | None:
    """The article column that holds the user's stories: ``name`` as the user wrote it (a name PressLens
    computes is kept as ``meta_<name>``), or, when none is given, a column the corpus calls ``story``; a one-line
    error when ``name`` is no column."""
    columns = list(columns)
    if name is None:
        return safe_name("story") if safe_name("story") in columns else None
    for candidate in (name, safe_name(name)):
        if candidate in columns:
            return candidate
    shown = ", ".join(c for c in columns) or "none"
    raise ColumnError(f"--story: no article column {name!r}; the corpus's own columns are: {shown}")


def story_inputs(articles: pd.DataFrame, column: str | None) -> list[tuple]:
    """What the stories step needs of each article: ``(article_id, day, terms or the column's value, title,
    first words)``."""
    days = publication_days(articles["published"], len(articles))
    titles = articles["title"].tolist()
    texts = articles["text"].tolist()
    values = stories_from_column(articles[column]).tolist() if column else None
    out = []
    for k, (article_id, day, title, text) in enumerate(zip(articles["article_id"], days, titles, texts)):
        text = text if isinstance(text, str) else ""
        title = title if isinstance(title, str) and title.strip() else None
        found = values[k] if values is not None else article_terms(text, title)
        out.append((article_id, day, found, title, " ".join(text.split()[:LABEL_WORDS])))
    return out


@dataclass
class StoryCollector:
    """Each article's story inputs, gathered chunk by chunk in the main process."""

    column: str | None
    index: TermIndex = field(default_factory=TermIndex)
    values: list[str] = field(default_factory=list)
    days: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    leads: list = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    def add(self, inputs: list[tuple]) -> None:
        for article_id, day, found, title, lead in inputs:
            if self.column:
                self.values.append(found)
            else:
                self.index.add(article_id, day, found)
            self.article_ids.append(article_id)
            self.days.append(day)
            self.titles.append(title)
            self.leads.append(lead)

    def labels(self) -> dict[str, str]:
        """``{article_id: story}``."""
        if self.column:
            return dict(zip(self.article_ids, self.values))
        clusters = self.index.clusters()
        return dict(zip(self.article_ids, story_labels(clusters, self.days, self.titles, self.leads)))

    def story_from(self) -> str:
        return f"column {self.column}" if self.column else FOUND


def compare_stories(collector: StoryCollector, duplicates: dict, sink, jobs: dict, *, show: bool = False
                    ) -> dict[str, dict]:
    """Steps 1–4 of the module docstring; returns the article columns found."""
    labels = collector.labels()
    source = {}
    for frame in sink.scan("articles", ["article_id", "source"]):
        source.update(zip(frame["article_id"], frame["source"]))
    counted = Counter(story for article_id, story in labels.items() if article_id not in duplicates)
    compared = {story for story, n in counted.items() if n >= 2 and story != NO_STORY}
    order = sorted(compared)
    n_compared = sum(counted[s] for s in order)
    buckets = max(1, -(-n_compared // ARTICLES_PER_BUCKET))
    bucket_of = {story: zlib.crc32(story.encode("utf-8")) % buckets for story in order}
    article_bucket = {article_id: bucket_of[story] for article_id, story in labels.items()
                      if story in bucket_of and article_id not in duplicates}
    scratch = sink.scratch("stories")
    articles = Buckets(sink, "articles", ARTICLE_COLUMNS, article_bucket, buckets, scratch)
    sentences = Buckets(sink, "sentences", SENTENCE_COLUMNS, article_bucket, buckets, scratch)
    # No more workers than buckets: starting a worker (the library, the word lists) costs more than comparing a
    # small corpus's single bucket, which then runs in this process.
    if jobs.get("engine", "local") == "local":
        jobs = {**jobs, "workers": min(jobs.get("workers") or default_workers(), buckets)}
    derived: dict[str, tuple] = {}
    jobs_in = (_job(articles.read(b), sentences.read(b), labels) for b in range(buckets))
    with tqdm(total=n_compared, unit="article", desc="Comparing stories", disable=not show) as bar:
        for reuse, found, alignments in ordered_map(compare_bucket, jobs_in, **jobs):
            sink.write("reuse", reuse)
            sink.write("alignments", alignments)
            derived.update(found)
            bar.update(len(found))
    sink.write("stories", story_table(labels, source, collector, derived, duplicates, compared))
    return {"story": labels, "story_from": {a: collector.story_from() for a in labels},
            "derived_from": {a: d[0] for a, d in derived.items() if d[0] is not None},
            "derivation": {a: derived.get(a, (None, "none", 0.0))[1] for a in labels if a not in duplicates},
            "reused_share": {a: derived.get(a, (None, "none", 0.0))[2] for a in labels if a not in duplicates}}


def declare_tables(sink) -> None:
    for name, schema in (("stories", STORIES), ("reuse", REUSE), ("alignments", ALIGNMENTS)):
        sink.declare(name, schema)


ARTICLE_COLUMNS = pa.schema([("article_id", STR), ("source", STR), ("source_credit", STR), ("published", TIME),
                             ("text", STR)])
SENTENCE_COLUMNS = pa.schema([("article_id", STR), ("sentence_no", INT), ("text", STR)])


class Buckets:
    """The rows of a staged table whose article is compared, sorted into buckets, in table order: in memory, or,
    when the sink gives a scratch folder, in one Parquet file per bucket, so that memory holds one bucket at a
    time and not the corpus."""

    def __init__(self, sink, name: str, schema: pa.Schema, bucket: dict[str, int], buckets: int,
                 scratch: Path | None):
        self.schema = schema
        self.parts: list[list[pa.Table]] = [[] for _ in range(buckets)]
        self.paths = [scratch / f"{name}-{b}.parquet" for b in range(buckets)] if scratch is not None else None
        writers: dict[int, pq.ParquetWriter] = {}
        if scratch is not None:
            scratch.mkdir(parents=True, exist_ok=True)
        try:
            for frame in sink.scan(name, schema.names):
                where = frame["article_id"].map(bucket)
                kept = frame[where.notna()]
                for b, rows in kept.groupby(where[where.notna()].astype(int), sort=True):
                    table = conform(rows, schema)
                    if self.paths is None:
                        self.parts[b].append(table)
                        continue
                    if b not in writers:
                        writers[b] = pq.ParquetWriter(self.paths[b], schema)
                    writers[b].write_table(table)
        finally:
            for writer in writers.values():
                writer.close()

    def read(self, b: int) -> pd.DataFrame:
        """Bucket ``b``'s rows."""
        if self.paths is None:
            parts = self.parts[b]
            self.parts[b] = []  # handed on: the bucket is compared once
            return to_frame(pa.concat_tables(parts) if parts else self.schema.empty_table())
        path = self.paths[b]
        if not path.exists():
            return to_frame(self.schema.empty_table())
        frame = to_frame(pq.read_table(path))
        path.unlink()
        return frame


def _job(articles: pd.DataFrame, sentences: pd.DataFrame, labels: dict) -> tuple:
    """One bucket's job: its rows, and the story of each of its articles only (not the corpus's)."""
    return articles, sentences, {a: labels[a] for a in articles["article_id"]}


def compare_bucket(job: tuple) -> tuple[pd.DataFrame, dict, pd.DataFrame]:
    """Text reuse and sentence alignment for the stories of one bucket (run on the engine)."""
    articles, sentences, labels = job
    articles = articles.assign(story=articles["article_id"].map(labels))
    reuse = text_reuse(articles, within="story")
    source = dict(zip(articles["article_id"], articles["source"]))
    reuse.insert(0, "story", reuse["article_id"].map(labels))
    reuse.insert(2, "source", reuse["article_id"].map(source))
    reuse.insert(4, "other_source", reuse["other_id"].map(source))
    found = derivations(articles, reuse)
    derived = {a: (d, kind, share) for a, d, kind, share in
               zip(articles["article_id"], found["derived_from"], found["derivation"], found["reused_share"])}
    sentences = sentences.assign(story=sentences["article_id"].map(labels),
                                 source=sentences["article_id"].map(source))
    return reuse, derived, align_story(sentences)


def story_table(labels: dict, source: dict, collector: StoryCollector, derived: dict, duplicates: dict,
                compared: set) -> pd.DataFrame:
    """One row per story: articles (duplicates set aside), outlets, wholly derived copies, first and last date."""
    day_of = dict(zip(collector.article_ids, collector.days))
    members: dict[str, list[str]] = defaultdict(list)
    for article_id, story in labels.items():
        if article_id not in duplicates:
            members[story].append(article_id)
    rows = []
    for story in sorted(members):
        ids = members[story]
        days = [day_of[a] for a in ids if day_of.get(a) is not None]
        rows.append((story, len(ids), len({source.get(a) for a in ids}),
                     sum(derived.get(a, (None, "none"))[1] == "wholly" for a in ids),
                     pd.Timestamp(min(days), unit="D") if days else None,
                     pd.Timestamp(max(days), unit="D") if days else None, collector.story_from(), story in compared))
    return pd.DataFrame(rows, columns=STORIES.names)
