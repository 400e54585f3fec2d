"""``score_corpus``: the whole pipeline over a corpus of any size, streamed to files (or kept in memory).

It runs every step of :mod:`analysis.pipeline` (load, clean, split, tone with voices, actor and topic
mentions, duplicates) in chunks on an engine (:mod:`analysis.pipeline.engines`), writing results as they arrive, so
peak memory depends on the chunk size, not on the corpus size.

Outputs, for ``out="scores.parquet"`` (an existing folder means ``<folder>/scores.parquet``):

- ``scores.parquet``: one row per sentence (``article_id``, ``source``, carried article columns,
  ``sentence_no``, ``text``, ``voice``, ``speaker``, ``polarity``, ``subjectivity``, ``vader``, ``drivers``,
  flags, …);
- ``scores.articles.parquet``: one row per article, with its metadata (every column of the export or the
  manifest as a column of its own), clean text, sentence-mean tone and ``duplicate_of``;
- ``scores.removed.parquet`` and ``scores.problems.parquet``: the removal log and the problems;
- ``scores.actors.parquet`` and ``scores.topics.parquet``: actor and topic mentions per sentence, when an
  actors file or codebook is given;
- ``scores.manifest.json``, written last: the tables of this run with their checksums. A result without
  it is incomplete (see :mod:`analysis.tables`).

With ``fmt="csv"`` each table is a ``.csv`` instead, safe to open in a spreadsheet (``excel_safe``).
With ``out=None`` nothing is written: the tables come back in memory, in :attr:`ScoreResult.tables`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.corpus.readers import MAX_FILE_MB
from analysis.paths import blank, bundled_defaults, resolved
from analysis.pipeline.engines import check_engine, check_workers
from analysis.pipeline.run import run, warm_up
from analysis.pipeline.settings import CHUNK_FILES, Counts, Settings
from analysis.tables.files import check_format, read_tables
from analysis.tables.sinks import FileSink, MemorySink


@dataclass
class ScoreResult:
    """What ``score_corpus`` wrote (or kept), with counts for a summary line."""

    outputs: dict[str, Path]
    articles: int
    sentences: int
    duplicates: int
    problems: int
    tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def __str__(self) -> str:
        where = f"; written to {self.outputs['sentences']} and beside it" if self.outputs else ""
        return (f"{self.articles:,} article{'s' * (self.articles != 1)} ({self.duplicates:,} flagged as "
                f"duplicate{'s' * (self.duplicates != 1)}), {self.sentences:,} sentence{'s' * (self.sentences != 1)}, "
                f"{self.problems:,} problem{'s' * (self.problems != 1)}{where}")


def score_corpus(corpus: str | Path | None = None, out: str | Path | None = "scores.parquet", *,
                 manifest: str | Path | None = None, codebook: str | Path | None = None,
                 actors: str | Path | None = None, tone_dictionary: str | Path | None = None,
                 text_col: str | None = None, fmt: str = "parquet",
                 engine: str = "local", workers: int | None = None, scheduler: str | None = None,
                 chunk_files: int = CHUNK_FILES, dedupe: bool = True, progress: bool | None = None,
                 excel_safe: bool = True, max_file_mb: float = MAX_FILE_MB,
                 carry: tuple[str, ...] = (), provisional: bool = False, story: str | None = None,
                 stories: bool = True) -> ScoreResult:
    """Run the pipeline over ``corpus`` (the bundled one, with its data files, when None) into ``out``.

    ``tone_dictionary`` (a dictionary file in any format :func:`analysis.content.dictionaries.load_dictionary` reads)
    adds dictionary tone per sentence and per article (see :func:`analysis.scores.sentiment.score_tone`).
    ``carry`` names article columns (``desk``, …) to repeat on every sentence, besides source, source type,
    date, event and language. ``workers`` processes (default: every core) run the chunks on ``engine``.
    ``progress`` shows progress bars (by default, for corpora of more than 200 files). With ``provisional``,
    a corpus given without a codebook or an actors file gets provisional topics and stand-in actors drawn
    from a fixed sample of it (:func:`analysis.pipeline.run.provisional`), with their mentions and stance, as the
    report needs. ``story`` names the article column that says which story each article tells (a column of the
    export or the manifest); without it, stories are found (:mod:`analysis.stories.grouping`); ``stories=False``
    skips the stories step (no ``stories``, ``reuse`` or ``alignments`` tables).
    """
    check_format(fmt)
    check_engine(engine)
    check_workers(workers)
    root, manifest, codebook, actors = bundled_defaults(corpus, manifest=manifest, codebook=codebook, actors=actors)
    settings = Settings(root=root, manifest=manifest, codebook=codebook, actors=actors,
                        tone_dictionary=resolved(tone_dictionary), text_col=text_col,
                        carry=tuple(carry), max_file_mb=max_file_mb, dedupe=dedupe, provisional=provisional,
                        story=None if blank(story) else story, stories=stories)
    if engine == "local" and workers != 1:
        warm_up()  # forked workers inherit the loaded lexicons instead of each loading them again
    sink = MemorySink() if out is None else FileSink(out, fmt=fmt, excel_safe=excel_safe)
    counts = Counts()
    finished = run(settings, sink=sink, engine=engine, workers=workers, scheduler=scheduler,
                   chunk_files=chunk_files, progress=progress, counts=counts)
    tables = finished if out is None else {}
    outputs = {} if out is None else finished
    problems = len(tables["problems"]) if out is None else len(read_tables(out, fmt=fmt, names=("problems",))
                                                                ["problems"])
    return ScoreResult(outputs=outputs, articles=counts.articles, sentences=counts.sentences,
                       duplicates=counts.duplicates, problems=problems, tables=tables)


def read_scores(out: str | Path, *, fmt: str | None = None, verify: bool = False) -> dict[str, pd.DataFrame]:
    """Read back every table ``score_corpus`` wrote for ``out`` (refused when the run did not finish)."""
    return read_tables(out, fmt=fmt, verify=verify)
