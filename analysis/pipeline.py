"""The pipeline: every step from a folder of files to the tables, each step once, in memory or streamed.

``load_corpus`` (articles, in memory) and ``score_corpus`` (everything, in memory or streamed to files) both
call :func:`run`, which takes a corpus through these steps in this order:

1. **Plan** (:func:`plan`): find the files, give each its article id (unique across the whole corpus), match
   the manifest to them.
2. **Read** (pass 1, chunks of files on an engine, :func:`read_chunk`): read and decode each file into records
   (one per article), and hash the short lines of each record for the template count. Records wait in a
   store (memory, or files), so HTML is extracted once.
3. **Count template lines** over the whole corpus (:class:`analysis.repetition.TemplateCounter`), and, when
   scoring without a codebook or an actors file, draw **provisional topics and stand-in actors** from a fixed
   sample of the corpus (:func:`provisional`), so that every corpus gets topic and actor tables.
4. **Process** (pass 2, chunks of records on an engine, :func:`process_chunk`): clean each record with its
   source's template lines into an article row; then, when scoring, split sentences with voices, score
   tone, match actors and topics; and take each article's duplicate signature.
5. **Find duplicates** over the whole corpus (:mod:`analysis.dedupe`), and **finish** the tables (a sink
   in memory, or files committed atomically: :mod:`analysis.tables`).

The steps that need the whole corpus (ids, template lines, duplicates) see the whole corpus in both modes, so
the two give the same tables, column for column (``tests/test_parity.py``).
"""
from __future__ import annotations

import hashlib
import heapq
import pickle
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from analysis.clean import Markers, load_markers
from analysis.corpus import (build_articles, match_manifest, plural, renamed_columns, repetition_group,
                             user_columns)
from analysis.dedupe import DiskDuplicateIndex, DuplicateIndex, signature
from analysis.engines import check_engine, ordered_map
from analysis.errors import CorpusError
from analysis.readers import MAX_FILE_MB, discover, read_file, relative
from analysis.repetition import TemplateCounter, repeated_keys, text_hashes
from analysis.aggregates import LEXICONS
from analysis.tables import (ACTORS, BOOL, FLOAT, INT, PROVISIONAL, STANCE, STR, TOPICS, MemorySink, aggregate_schemas, article_schema,
                             sentence_schema)

CHUNK_FILES = 250  # files read per chunk of pass 1, and articles processed per chunk of pass 2
CHUNK_BYTES = 16 * 1024 * 1024  # text per chunk of pass 2
DEFAULT_CARRY = ("source", "source_type", "published", "event", "language")


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
    carry: tuple[str, ...] = ()  # article columns repeated on every sentence, besides DEFAULT_CARRY
    max_file_mb: float = MAX_FILE_MB
    duplicate_threshold: float = 0.8
    dedupe: bool = True
    scores: bool = True  # split and score sentences (False: articles only, as load_corpus)
    provisional: bool = False  # without a codebook or actors file, draw stand-ins from the corpus (as reports do)


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


def run(settings: Settings, *, sink=None, engine: str = "local", workers: int | None = 1,
        scheduler: str | None = None, chunk_files: int = CHUNK_FILES, progress: bool | None = None,
        counts: Counts | None = None):
    """Take a corpus through every step into ``sink`` (in memory by default); return what the sink finishes."""
    check_engine(engine)
    sink = sink if sink is not None else MemorySink()
    counts = counts if counts is not None else Counts()
    try:
        check_inputs(settings)
        corpus_plan = plan(settings)
        counts.files = len(corpus_plan.files)
        show = progress if progress is not None else counts.files > 200
        sink.write("problems", pd.DataFrame(corpus_plan.problems))
        jobs = dict(engine=engine, workers=workers, scheduler=scheduler)
        store, counter, columns, skipped, sample = _read_all(settings, corpus_plan, sink, jobs, chunk_files, show)
        if store.n == 0:
            problems = sink.finish({}).get("problems") if isinstance(sink, MemorySink) else None
            raise CorpusError(no_articles_message(settings.root, len(corpus_plan.files), skipped), problems=problems)
        counts.columns = columns
        templates = counter.templates()
        codebook, actors = (provisional(settings, sample.records(), templates, sink)
                            if settings.scores and settings.provisional else (None, None))
        shared = Shared(templates=templates, columns=tuple(columns), codebook=codebook, actors=actors)
        index = _process_all(settings, store, shared, columns, sink, jobs, show, counts)
        duplicates = _duplicates(settings, index, sink)
        counts.duplicates = len(duplicates)
        return sink.finish(duplicates)
    except BaseException:
        sink.abort()
        raise


def check_inputs(settings: Settings) -> None:
    """Fail now, with a clear message, on a missing corpus or a malformed data file, not later in a worker."""
    from analysis.actors import load_actors
    from analysis.topics import load_codebook

    if not Path(settings.root).exists():
        raise CorpusError(f"no such file or folder: {settings.root}")
    if settings.manifest:
        match_manifest(settings.manifest, [])
    if settings.codebook:
        load_codebook(settings.codebook)
    if settings.actors:
        load_actors(settings.actors)
    if settings.tone_dictionary:
        from analysis.sentiment import tone_poles

        tone_poles(_dictionary(settings.tone_dictionary))
    _markers(settings.markers)


def plan(settings: Settings) -> Plan:
    """Find the files, name their articles, and match the manifest."""
    root = Path(settings.root)
    exclude = {Path(settings.manifest)} if settings.manifest else set()
    files, problems = discover(root, exclude=exclude, max_file_mb=settings.max_file_mb)
    names = [relative(f, root) for f in files]
    manifest = {}
    if settings.manifest:
        matched = match_manifest(settings.manifest, names)
        manifest, problems = matched.rows, problems + matched.problems
    return Plan(files=[str(f) for f in files], ids=file_ids(names), manifest=manifest, problems=problems)


def file_ids(names: list[str]) -> dict[str, str]:
    """Each file's article id: its path without the suffix (``cnn/story``), unique across the corpus.

    Where two files differ only by suffix (``page.txt``, ``page.html``), both keep it.
    """
    bases = [_strip_suffix(n) for n in names]
    taken = {b for b, k in pd.Series(bases).value_counts().items() if k > 1} if bases else set()
    return {n: (n if b in taken else b) for n, b in zip(names, bases)}


def _strip_suffix(name: str) -> str:
    suffix = Path(name).suffix
    return name[: -len(suffix)] if suffix else name


def _read_all(settings, corpus_plan, sink, jobs, chunk_files, show):
    """Pass 1: read every file into records, count template lines, survey the user's columns."""
    root = Path(settings.root)
    store = RecordStore(sink.scratch("records"), chunk_articles=chunk_files)
    counter = TemplateCounter(sink.scratch("templates"))
    survey = ColumnSurvey()
    sample = Sample(PROVISIONAL_SAMPLE)
    skipped = Counter(_reason(p) for p in corpus_plan.problems if p["severity"] == "skipped")
    chunks = _file_chunks(corpus_plan, root, chunk_files)
    with tqdm(total=len(corpus_plan.files), unit="file", desc="Reading", disable=not show) as bar:
        for result in ordered_map(read_chunk, ((chunk, settings) for chunk in chunks), **jobs):
            sink.write("problems", pd.DataFrame(result["problems"]))
            skipped.update(_reason(p) for p in result["problems"] if p["severity"] == "skipped")
            sink.write("problems", pd.DataFrame(survey.add(result["records"])))
            counter.add_many([r["group"] for r in result["records"]], result["hashes"])
            for record in result["records"]:
                store.add(record)
                sample.add(record)
            bar.update(result["n_files"])
    return store, counter, survey.columns(), skipped, sample


PROVISIONAL_SAMPLE = 1_000  # articles the provisional topics and stand-in actors are drawn from
PROVISIONAL_TOPICS = 12
PROVISIONAL_ACTORS = 12


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


def provisional(settings: Settings, records: list[dict], templates: dict[str, frozenset[int]], sink) -> tuple:
    """Stand-in topics and actors for a corpus given without a codebook or an actors file.

    They are drawn from a fixed sample of the corpus (:class:`Sample`): the sample is cleaned as the corpus is,
    its outlets' most distinctive terms become topics (:func:`analysis.topics.provisional_codebook`), its most
    mentioned names actors (:func:`analysis.actors.suggest_actors`); then every article is matched against
    them. Both are written to the ``provisional`` table, which says what they are.
    """
    from analysis.actors import suggest_actors
    from analysis.segment import split_sentences
    from analysis.topics import provisional_codebook

    if settings.codebook and settings.actors:
        sink.declare("provisional", PROVISIONAL)
        return None, None
    repeated = [repeated_keys(r["group"], r["text"], templates) for r in records]
    articles, _ = build_articles(records, Path(settings.root), markers=_markers(settings.markers), repeated=repeated,
                                 columns=[], problems=[])
    rows, codebook, actors = [], None, None
    if not settings.codebook:
        codebook = provisional_codebook(articles, by="source", max_topics=PROVISIONAL_TOPICS)
        rows += [("topic", name, "", " | ".join(patterns), codebook.note, len(records))
                 for name, patterns in codebook.items()]
    if not settings.actors:
        found = suggest_actors(split_sentences(articles), top=PROVISIONAL_ACTORS)
        actors = {row["name"]: {"type": row.get("type") or "unknown", "aliases": list(row.get("aliases") or [])
                                or [row["name"]]} for row in found.to_dict("records")}
        rows += [("actor", name, entry["type"], " | ".join(entry["aliases"]), STAND_IN_NOTE, len(records))
                 for name, entry in actors.items()]
    sink.declare("provisional", PROVISIONAL)
    sink.write("provisional", pd.DataFrame(rows, columns=PROVISIONAL.names))
    return codebook, actors


STAND_IN_NOTE = ("provisional: no actors file was given, so the corpus's most mentioned people, organisations and "
                 "places stand in for actors; write an actors file to choose them")


def _reason(problem: dict) -> str:
    """A problem's message without its details, to count problems by kind."""
    return re.split(r"[;:(]", problem["message"], maxsplit=1)[0].strip()


def _file_chunks(corpus_plan: Plan, root: Path, chunk_files: int) -> Iterator[list[tuple]]:
    chunk, size = [], 0
    for file in corpus_plan.files:
        name = relative(Path(file), root)
        try:
            size_of = Path(file).stat().st_size
        except OSError:
            size_of = 0
        if chunk and (len(chunk) >= chunk_files or size + size_of > CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append((file, corpus_plan.ids[name], corpus_plan.manifest.get(name)))
        size += size_of
    if chunk:
        yield chunk


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
    from analysis.corpus import meta_column

    if len(records) == 1 and records[0].get("row") is None:
        return [base]
    ids = []
    for record in records:
        column = meta_column(record["meta"], "id")
        value = record["meta"].get(column) if column else None
        ids.append(f"{base}#{value if value not in (None, '') and value == value else record['row']}")
    repeated = {i for i, k in pd.Series(ids).value_counts().items() if k > 1}
    return [f"{i}@{r['row']}" if i in repeated else i for i, r in zip(ids, records)]


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
        return "int"
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


def _process_all(settings, store, shared: Shared, columns: dict, sink, jobs, show, counts) -> DuplicateIndex:
    """Pass 2: clean, split, score and match every record; collect duplicate signatures."""
    from analysis.sentiment import DICTIONARY_MEASURES

    dictionary = bool(settings.tone_dictionary)
    articles = article_schema(columns, scored=settings.scores, dictionary=dictionary)
    carry = [c for c in (*DEFAULT_CARRY, *settings.carry) if c in articles.names]
    sink.declare("articles", articles)
    if settings.scores:
        sink.declare("sentences", sentence_schema(articles, list(dict.fromkeys(carry)), dictionary=dictionary))
        has_topics = bool(settings.codebook or shared.codebook)
        has_actors = bool(settings.actors or shared.actors)
        if has_actors:
            sink.declare("actors", ACTORS)
            sink.declare("article_stance", STANCE)
        if has_topics:
            sink.declare("topics", TOPICS)
        measures = [*LEXICONS, *(DICTIONARY_MEASURES if dictionary else ())]
        for name, schema in aggregate_schemas(measures, topics=has_topics, actors=has_actors).items():
            sink.declare(name, schema)
    scratch = sink.scratch("dedupe")
    index = DiskDuplicateIndex(scratch) if scratch is not None else DuplicateIndex()
    shared = replace(shared, carry=tuple(dict.fromkeys(carry)))
    with tqdm(total=store.n, unit="article", desc="Scoring" if settings.scores else "Cleaning",
              disable=not show) as bar:
        for result in ordered_map(process_chunk, ((chunk, settings, shared) for chunk in store.chunks()), **jobs):
            for name, frame in result["tables"].items():
                sink.write(name, frame)
            if settings.dedupe:
                for article_id, published, (exact, minhash) in result["signatures"]:
                    index.add_signature(article_id, exact, minhash, published)
            counts.articles += len(result["tables"]["articles"])
            counts.sentences += len(result["tables"].get("sentences", ()))
            bar.update(len(result["tables"]["articles"]))
    return index


@dataclass(frozen=True)
class Shared:
    """What every chunk of pass 2 needs from pass 1: template lines, the user's columns (with their types),
    the carried columns, and the provisional codebook and actors when none were given."""

    templates: dict[str, frozenset[int]]
    columns: tuple[str, ...]
    carry: tuple[str, ...] = ()
    codebook: object = None
    actors: dict | None = None


def process_chunk(job: tuple[list[dict], Settings, Shared]) -> dict:
    """Pass 2 on one chunk of records: clean, and when scoring split, score and match; take signatures."""
    records, settings, shared = job
    root = Path(settings.root)
    problems: list[dict] = []
    repeated = [repeated_keys(r["group"], r["text"], shared.templates) for r in records]
    articles, removed = build_articles(records, root, markers=_markers(settings.markers), repeated=repeated,
                                       columns=list(shared.columns), problems=problems)
    tables = {"articles": articles, "removed": pd.DataFrame(removed, columns=["article_id", "source", "text",
                                                                              "reason"])}
    if settings.scores:
        tables.update(score_articles(articles, settings, list(shared.carry), codebook=shared.codebook,
                                     actors=shared.actors))
    tables["problems"] = pd.DataFrame(problems, columns=["path", "severity", "message"])
    signatures = [(a, None if pd.isna(p) else p, signature(t))
                  for a, p, t in zip(articles["article_id"], articles["published"], articles["text"])]
    return {"tables": tables, "signatures": signatures}


def score_articles(articles: pd.DataFrame, settings: Settings, carry: list[str], *, codebook=None,
                   actors: dict | None = None) -> dict[str, pd.DataFrame]:
    """Sentences with voices and tone, article tone, and actor and topic mentions, for some articles.

    ``codebook`` and ``actors`` stand in for the settings' files when those are not given (see
    :func:`provisional`)."""
    from analysis import aggregates
    from analysis.actors import match_actors, speaker_actor
    from analysis.stance import article_stance
    from analysis.segment import split_sentences
    from analysis.sentiment import article_dictionary_tone, score_tone
    from analysis.tone import article_tone
    from analysis.topics import topic_mentions

    dictionary = _dictionary(settings.tone_dictionary) if settings.tone_dictionary else None
    sentences = score_tone(split_sentences(articles, carry=carry), dictionary=dictionary)
    tone = article_tone(sentences)[["article_id", "n_sentences", "n_scored", "textblob", "vader"]]
    if dictionary is not None:
        by_dictionary = article_dictionary_tone(sentences, carry=())
        tone = tone.merge(by_dictionary.drop(columns=["n_sentences"]), on="article_id", how="left")
    out = {"sentences": sentences, "articles": articles.merge(tone, on="article_id", how="left"),
           "article_tone": aggregates.article_tone(sentences),
           "article_positions": aggregates.article_positions(sentences)}
    keys = sentences[["article_id", "source", "sentence_no"]]
    actors = _actors(settings.actors) if settings.actors else actors or {}
    codebook = _codebook(settings.codebook) if settings.codebook else codebook or {}
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


def _duplicates(settings: Settings, index: DuplicateIndex, sink) -> dict[str, tuple[str, float]]:
    """Near and exact duplicates over the whole corpus, each with a warning in the problems."""
    if not settings.dedupe:
        sink.close("articles")
        return {}
    found = index.duplicates(threshold=settings.duplicate_threshold, fetch=lambda ids: sink.fetch(ids, "text"))
    paths = sink.fetch(list(found), "path") if found else {}
    rows = []
    for article_id, (first, similarity) in found.items():
        kind = "the same text as" if similarity == 1.0 else f"a near copy ({similarity:.0%} shared 5-word runs) of"
        rows.append({"path": paths.get(article_id, article_id), "severity": "warning",
                     "message": f"{article_id} is {kind} {first}: flagged in duplicate_of"})
    sink.write("problems", pd.DataFrame(rows))
    return found


def no_articles_message(root: str, n_files: int, skipped: Counter) -> str:
    """Why a corpus gave no article, in one line."""
    if not n_files and not skipped:
        return f"no article could be loaded from {root}: it holds no files"
    reasons = "; ".join(f"{k} ×{n}" if n > 1 else k for k, n in skipped.most_common(3))
    more = "; …" if len(skipped) > 3 else ""
    return (f"no article could be loaded from {root} ({plural(n_files + sum(skipped.values()), 'file')}): "
            f"{reasons}{more}")


def _markers(markers) -> Markers:
    if isinstance(markers, Markers):
        return markers
    return load_markers(markers) if markers else load_markers()


@lru_cache(maxsize=4)
def _actors(path: str) -> dict:
    from analysis.actors import load_actors

    return load_actors(path)


@lru_cache(maxsize=4)
def _dictionary(path: str):
    from analysis.dictionaries import load_dictionary

    return load_dictionary(path)


@lru_cache(maxsize=4)
def _codebook(path: str) -> dict:
    from analysis.topics import load_codebook

    return load_codebook(path)


def warm_up() -> None:
    """Load the lexicons, markers and word lists every chunk needs, so forked workers inherit them."""
    from analysis.segment import load_abbreviations
    from analysis.sentiment import is_non_english, score_text

    load_markers()
    load_abbreviations()
    score_text("A good start.")
    is_non_english("Dockworkers walk out as port talks collapse")  # loads simplemma's English word list

