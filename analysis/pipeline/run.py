"""The pipeline: every step from a folder of files to the tables, each step once, in memory or streamed.

``load_corpus`` (articles, in memory) and ``score_corpus`` (everything, in memory or streamed to files) both
call :func:`run`, which takes a corpus through these steps in this order:

1. **Plan** (:func:`plan`): find the files, give each its article id (unique across the whole corpus), match
   the manifest to them.
2. **Read** (pass 1, chunks of files on an engine, :func:`read_chunk`): read and decode each file into records
   (one per article), and hash the short lines of each record for the template count. Records wait in a
   store (memory, or files), so HTML is extracted once.
3. **Count template lines** over the whole corpus (:class:`analysis.corpus.repetition.TemplateCounter`), and, when
   scoring without a codebook or an actors file, draw **provisional topics and stand-in actors** from a fixed
   sample of the corpus (:func:`provisional`), so that every corpus gets topic and actor tables.
4. **Process** (pass 2, chunks of records on an engine, :func:`process_chunk`): clean each record with its
   source's template lines into an article row; then, when scoring, split sentences with voices, score
   tone, match actors and topics; and take each article's duplicate signature.
5. **Find duplicates** over the whole corpus (:mod:`analysis.corpus.dedupe`), and **finish** the tables (a sink
   in memory, or files committed atomically: :mod:`analysis.tables`).

The steps that need the whole corpus (ids, template lines, duplicates) see the whole corpus in both modes, so
the two give the same tables, column for column (``tests/pipeline/test_parity.py``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis.content.actors import load_actors, suggest_actors
from analysis.content.topics import load_codebook, provisional_codebook
from analysis.corpus.articles import build_articles
from analysis.corpus.clean import load_markers
from analysis.corpus.dedupe import DiskDuplicateIndex, DuplicateIndex
from analysis.corpus.manifest import match_manifest
from analysis.corpus.readers import discover, relative
from analysis.corpus.repetition import TemplateCounter, repeated_keys
from analysis.errors import CorpusError
from analysis.pipeline.chunks import ColumnSurvey, RecordStore, Sample, process_chunk, read_chunk
from analysis.pipeline.compare import StoryCollector, compare_stories, declare_tables, resolve_story_column
from analysis.pipeline.engines import check_engine, ordered_map
from analysis.pipeline.settings import (CHUNK_BYTES, CHUNK_FILES, PROVISIONAL_ACTORS, PROVISIONAL_SAMPLE,
                                        PROVISIONAL_TOPICS, Counts, Plan, Settings, Shared, markers_of,
                                        tone_dictionary_file)
from analysis.scores.aggregates import LEXICONS
from analysis.scores.sentiment import DICTIONARY_MEASURES, is_non_english, score_text, tone_poles
from analysis.tables.schemas import ACTORS, PROVISIONAL, STANCE, TOPICS, aggregate_schemas, article_schema, sentence_schema
from analysis.tables.sinks import MemorySink
from analysis.text.inflect import plural
from analysis.text.segment import load_abbreviations
from analysis.voices.voices import DEFAULT_CARRY, split_sentences

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
            passed_over = len({p["path"] for p in corpus_plan.problems if p["severity"] == "skipped"})
            raise CorpusError(no_articles_message(settings.root, len(corpus_plan.files) + passed_over, skipped),
                              problems=problems)
        counts.columns = columns
        stories = settings.scores and settings.stories
        if stories:
            settings = replace(settings, story=resolve_story_column(settings.story, columns))
        templates = counter.templates()
        codebook, actors = (provisional(settings, sample.records(), templates, sink)
                            if settings.scores and settings.provisional else (None, None))
        shared = Shared(templates=templates, columns=tuple(columns), codebook=codebook, actors=actors)
        collector = StoryCollector(settings.story)
        index = _process_all(settings, store, shared, columns, sink, jobs, show, counts, collector)
        duplicates = _duplicates(settings, index, sink)
        counts.duplicates = len(duplicates)
        filled = {"duplicate_of": {a: d[0] for a, d in duplicates.items()},
                  "duplicate_similarity": {a: d[1] for a, d in duplicates.items()}}
        if stories:
            filled.update(compare_stories(collector, duplicates, sink, jobs, show=show))
        return sink.finish(filled)
    except BaseException:
        sink.abort()
        raise


def check_inputs(settings: Settings) -> None:
    """Fail now, with a clear message, on a missing corpus or a malformed data file, not later in a worker."""
    if not Path(settings.root).exists():
        raise CorpusError(f"no such file or folder: {settings.root}")
    if settings.manifest:
        match_manifest(settings.manifest, [])
    if settings.codebook:
        load_codebook(settings.codebook)
    if settings.actors:
        load_actors(settings.actors)
    if settings.tone_dictionary:
        tone_poles(tone_dictionary_file(settings.tone_dictionary))
    markers_of(settings.markers)


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


def provisional(settings: Settings, records: list[dict], templates: dict[str, frozenset[int]], sink) -> tuple:
    """Stand-in topics and actors for a corpus given without a codebook or an actors file.

    They are drawn from a fixed sample of the corpus (:class:`Sample`): the sample is cleaned as the corpus is,
    its outlets' most distinctive terms become topics (:func:`analysis.content.topics.provisional_codebook`), its most
    mentioned names actors (:func:`analysis.content.actors.suggest_actors`); then every article is matched against
    them. Both are written to the ``provisional`` table, which says what they are.
    """
    if settings.codebook and settings.actors:
        sink.declare("provisional", PROVISIONAL)
        return None, None
    repeated = [repeated_keys(r["group"], r["text"], templates) for r in records]
    articles, _ = build_articles(records, Path(settings.root), markers=markers_of(settings.markers), repeated=repeated,
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


def _process_all(settings, store, shared: Shared, columns: dict, sink, jobs, show, counts,
                 collector: StoryCollector) -> DuplicateIndex:
    """Pass 2: clean, split, score and match every record; collect duplicate signatures and story inputs."""
    dictionary = bool(settings.tone_dictionary)
    stories = settings.scores and settings.stories
    articles = article_schema(columns, scored=settings.scores, dictionary=dictionary, stories=stories)
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
        if stories:
            declare_tables(sink)
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
            collector.add(result["stories"])
            counts.articles += len(result["tables"]["articles"])
            counts.sentences += len(result["tables"].get("sentences", ()))
            bar.update(len(result["tables"]["articles"]))
    return index


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
    """Why a corpus gave no article, in one line: how many files it holds (``n_files``, read or passed over), and
    the commonest reasons (``skipped`` counts problems by reason; a table can have several)."""
    if not n_files and not skipped:
        return f"no article could be loaded from {root}: it holds no files"
    reasons = "; ".join(f"{k} ×{n}" if n > 1 else k for k, n in skipped.most_common(3))
    more = "; …" if len(skipped) > 3 else ""
    return f"no article could be loaded from {root} ({plural(n_files, 'file')}): {reasons}{more}"


def warm_up() -> None:
    """Load the lexicons, markers and word lists every chunk needs, so forked workers inherit them."""
    load_markers()
    load_abbreviations()
    score_text("A good start.")
    is_non_english("Dockworkers walk out as port talks collapse")  # loads simplemma's English word list
