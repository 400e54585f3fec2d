"""The work of one chunk, in a worker process: pass 1 reads files into records, pass 2 turns records into
articles and (when scoring) sentences with voices and tone, actor and topic mentions and stance.

Also the containers that hold records between the passes (:class:`RecordStore`), survey the user's columns
(:class:`ColumnSurvey`) and draw a fixed sample of the corpus (:class:`Sample`).
"""
from __future__ import annotations

import hashlib
import heapq
import pickle
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.content.actors import match_actors, speaker_actor
from analysis.content.topics import topic_mentions
from analysis.corpus.articles import build_articles, meta_column, renamed_columns, repetition_group, user_columns
from analysis.corpus.dedupe import signature
from analysis.corpus.readers import read_file
from analysis.corpus.repetition import repeated_keys, text_hashes
from analysis.pipeline.compare import story_inputs
from analysis.pipeline.settings import (CHUNK_BYTES, CHUNK_FILES, Settings, Shared, actors_file, codebook_file,
                                        markers_of, tone_dictionary_file)
from analysis.scores import aggregates
from analysis.scores.sentiment import article_dictionary_tone, score_tone
from analysis.scores.stance.model import article_stance
from analysis.scores.tone import article_tone
from analysis.tables.schemas import BOOL, FLOAT, INT, STR
from analysis.voices.sources import article_sources
from analysis.voices.voices import split_sentences

def read_chunk(job: tuple[list[tuple], Settings]) -> dict:
    """Pass 1 on one chunk of files: records (with id, manifest row and source group) and line hashes."""
    files, settings = job
    root = Path(settings.root)
    records, problems, hashes = [], [], []
    for file, base, manifest in files:
        result = read_file(Path(file), root, text_col=settings.text_col)
        problems.extend(result.problems)
        for record, article_id in zip(result.records, row_ids(base, result.records)):
            record["article_id"], record["manifest"] = article_id, manifest
            record["group"] = repetition_group(record, root)
            records.append(record)
            hashes.append(text_hashes(record["group"], record["text"]))
    return {"records": records, "problems": problems, "hashes": hashes, "n_files": len(files)}


def row_ids(base: str, records: list[dict]) -> list[str]:
    """Ids of a file's records: the file's id, or for table rows ``file#id`` (the row's id column, else its line
    or row number), with ``@line`` added where a table repeats an id."""
    if len(records) == 1 and records[0].get("row") is None:
        return [base]
    ids = []
    for record in records:
        column = meta_column(record["meta"], "id")
        value = record["meta"].get(column) if column else None
        ids.append(f"{base}#{value if value not in (None, '') and value == value else record['row']}")
    repeated = {i for i, k in pd.Series(ids).value_counts().items() if k > 1}
    return [f"{i}@{r['row']}" if i in repeated else i for i, r in zip(ids, records)]


class Sample:
    """A fixed sample of a corpus's records: the ``size`` whose article ids hash lowest, whatever the order."""

    def __init__(self, size: int):
        self.size, self.heap = size, []

    def add(self, record: dict) -> None:
        key = -int.from_bytes(hashlib.blake2b(record["article_id"].encode("utf-8", "replace"),
                                              digest_size=8).digest(), "little")
        if len(self.heap) < self.size:
            heapq.heappush(self.heap, (key, record["article_id"], record))
        elif key > self.heap[0][0]:
            heapq.heapreplace(self.heap, (key, record["article_id"], record))

    def records(self) -> list[dict]:
        """The sample, in article id order."""
        return [record for _, _, record in sorted(self.heap, key=lambda item: item[1])]


class ColumnSurvey:
    """The user's columns across the corpus, in order of first appearance, each with the type of its values."""

    def __init__(self):
        self.kinds: dict[str, set] = {}
        self.warned: set[tuple[str, str]] = set()

    def add(self, records: list[dict]) -> list[dict]:
        problems = []
        for record in records:
            for name, value in user_columns(record).items():
                kinds = self.kinds.setdefault(name, set())
                if value is not None and not (isinstance(value, float) and value != value):
                    kinds.add(_kind(value))
            problems.extend(self._renamed(record))
        return problems

    def _renamed(self, record: dict) -> list[dict]:
        out = []
        for key, new in renamed_columns(record):
            if (record["path"], key) not in self.warned:
                self.warned.add((record["path"], key))
                out.append({"path": record["path"], "severity": "warning",
                            "message": f"column {key!r} is a name PressLens computes: kept as {new!r}"})
        return out

    def columns(self) -> dict[str, pa.DataType]:
        return {name: _arrow_kind(kinds) for name, kinds in self.kinds.items()}


def _kind(value) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "int" if -2 ** 63 <= int(value) < 2 ** 63 else "str"  # beyond 64 bits: kept as its digits
    if isinstance(value, (float, np.floating)):
        return "float"
    return "str"


def _arrow_kind(kinds: set) -> pa.DataType:
    if kinds == {"bool"}:
        return BOOL
    if kinds == {"int"}:
        return INT
    if kinds and kinds <= {"int", "float"}:
        return FLOAT
    return STR


class RecordStore:
    """Records between the passes, in chunks for pass 2: in memory, or pickled to files in ``folder``."""

    def __init__(self, folder: Path | None = None, *, chunk_articles: int = CHUNK_FILES):
        self.folder, self.chunk_articles = folder, chunk_articles
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self.n = 0
        self.done: list[list[dict] | Path] = []
        self.buffer: list[dict] = []
        self.buffer_bytes = 0

    def add(self, record: dict) -> None:
        size = len(record["text"])
        if self.buffer and (len(self.buffer) >= self.chunk_articles or self.buffer_bytes + size > CHUNK_BYTES):
            self._flush()
        self.buffer.append(record)
        self.buffer_bytes += size
        self.n += 1

    def chunks(self) -> Iterator[list[dict]]:
        self._flush()
        for chunk in self.done:
            if isinstance(chunk, Path):
                with open(chunk, "rb") as handle:
                    yield pickle.load(handle)  # our own file, written by this run
            else:
                yield chunk

    def _flush(self) -> None:
        if not self.buffer:
            return
        if self.folder is None:
            self.done.append(self.buffer)
        else:
            path = self.folder / f"{len(self.done):06d}.pickle"
            with open(path, "wb") as handle:
                pickle.dump(self.buffer, handle, protocol=pickle.HIGHEST_PROTOCOL)
            self.done.append(path)
        self.buffer, self.buffer_bytes = [], 0


def process_chunk(job: tuple[list[dict], Settings, Shared]) -> dict:
    """Pass 2 on one chunk of records: clean, and when scoring split, score and match; take signatures."""
    records, settings, shared = job
    root = Path(settings.root)
    problems: list[dict] = []
    repeated = [repeated_keys(r["group"], r["text"], shared.templates) for r in records]
    articles, removed = build_articles(records, root, markers=markers_of(settings.markers), repeated=repeated,
                                       columns=list(shared.columns), problems=problems)
    tables = {"articles": articles, "removed": pd.DataFrame(removed, columns=["article_id", "source", "text",
                                                                              "reason"])}
    if settings.scores:
        tables.update(score_articles(articles, settings, list(shared.carry), codebook=shared.codebook,
                                     actors=shared.actors))
    tables["problems"] = pd.DataFrame(problems, columns=["path", "severity", "message"])
    signatures = [(a, None if pd.isna(p) else p, signature(t))
                  for a, p, t in zip(articles["article_id"], articles["published"], articles["text"])]
    stories = story_inputs(articles, settings.story) if settings.scores and settings.stories else []
    return {"tables": tables, "signatures": signatures, "stories": stories}


def score_articles(articles: pd.DataFrame, settings: Settings, carry: list[str], *, codebook=None,
                   actors: dict | None = None) -> dict[str, pd.DataFrame]:
    """Sentences with voices and tone, article tone, and actor and topic mentions, for some articles.

    ``codebook`` and ``actors`` stand in for the settings' files when those are not given (see
    :func:`analysis.pipeline.run.provisional`)."""
    dictionary = tone_dictionary_file(settings.tone_dictionary) if settings.tone_dictionary else None
    sentences = score_tone(split_sentences(articles, carry=carry), dictionary=dictionary)
    tone = article_tone(sentences)[["article_id", "n_sentences", "n_scored", "textblob", "vader"]]
    if dictionary is not None:
        by_dictionary = article_dictionary_tone(sentences, carry=())
        tone = tone.merge(by_dictionary.drop(columns=["n_sentences"]), on="article_id", how="left")
    out = {"sentences": sentences, "articles": articles.merge(tone, on="article_id", how="left"),
           "article_tone": aggregates.article_tone_sums(sentences),
           "article_positions": aggregates.article_positions(sentences),
           "article_sources": article_sources(sentences)}
    keys = sentences[["article_id", "source", "sentence_no"]]
    actors = actors_file(settings.actors) if settings.actors else actors or {}
    codebook = codebook_file(settings.codebook) if settings.codebook else codebook or {}
    if actors:
        found = match_actors(sentences[["article_id", "source", "sentence_no", "text"]], actors)
        out["actors"] = found.drop(columns=["text"])
        found = aggregates.article_actors(sentences, out["actors"], speaker_actor(sentences["speaker"], actors))
        out["article_actors"] = found.assign(actor_type=found["actor"].map({k: v["type"] for k, v in actors.items()}))
        out["article_stance"] = article_stance(sentences, actors, articles=articles)
    if codebook:
        found = topic_mentions(sentences, codebook)
        out["topics"] = found.join(keys, on="_row").drop(columns=["_row"])
        out["article_topics"] = aggregates.article_topics(out["topics"])
    return out
