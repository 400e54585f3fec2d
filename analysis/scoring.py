"""The whole pipeline over a corpus of any size, streamed to Parquet (or CSV) in chunks.

``score_corpus`` loads, cleans, splits, scores tone (with voices), finds actor
and topic mentions, and flags duplicates, chunk by chunk of files. Chunks run
on an engine (:mod:`analysis.engines`); their results are written as they
arrive, so peak memory depends on the chunk size, not on the corpus size.
The duplicate index keeps its signatures in files beside the output while
the run lasts (:class:`analysis.dedupe.DiskDuplicateIndex`).

Outputs, for ``--out scores.parquet``:

- ``scores.parquet``: one row per sentence (``article_id``, ``source``,
  ``sentence_no``, ``text``, ``voice``, ``speaker``, ``polarity``,
  ``subjectivity``, ``vader``, ``drivers``, flags, …);
- ``scores.articles.parquet``: one row per article, with its metadata, clean
  text, sentence-mean tone and ``duplicate_of``;
- ``scores.removed.parquet`` and ``scores.problems.parquet``: the removal log
  and the loading problems;
- ``scores.actors.parquet`` and ``scores.topics.parquet``: actor and topic
  mentions per sentence, when an actors file or codebook is given.

With ``fmt="csv"`` each is a ``.csv`` instead. Template lines (repeated across
a source's articles) are detected within each chunk of files, so on a corpus
larger than one chunk they can differ slightly from ``load_corpus``.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from tqdm import tqdm

from analysis.actors import load_actors, match_actors
from analysis.clean import load_markers
from analysis.corpus import (ARTICLE_COLUMNS, attach_manifest, build_articles, manifest_rows, read_manifest,
                             report_missing)
from analysis.dedupe import DiskDuplicateIndex, signature
from analysis.engines import ENGINES, ordered_map
from analysis.errors import CorpusError
from analysis.paths import ACTORS_YML, ARTICLES_DIR, SOURCES_CSV, TOPICS_YML
from analysis.readers import discover, read_file, relative
from analysis.segment import split_sentences
from analysis.sentiment import score_tone
from analysis.tone import article_tone
from analysis.topics import load_codebook, topic_mentions

CHUNK_FILES = 250
CHUNK_BYTES = 32 * 1024 * 1024
BATCH_ROWS = 5_000  # rows read back at a time when tables are finished
CARRY = ["source", "source_type", "published", "event"]

_STR, _INT, _FLOAT, _BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_TIME = pa.timestamp("ns")
SCHEMAS = {
    "sentences": pa.schema([
        ("article_id", _STR), ("source", _STR), ("source_type", _STR), ("published", _TIME), ("event", _STR),
        ("sentence_no", _INT), ("paragraph_no", _INT), ("n_sentences", _INT), ("text", _STR), ("start", _INT),
        ("end", _INT), ("voice", _STR), ("quoted", _STR), ("quoted_share", _FLOAT), ("speaker", _STR),
        ("polarity", _FLOAT), ("subjectivity", _FLOAT), ("vader", _FLOAT), ("drivers", _STR),
        ("n_drivers", _INT), ("no_signal", _BOOL), ("non_english", _BOOL), ("no_text", _BOOL)]),
    "removed": pa.schema([("article_id", _STR), ("source", _STR), ("text", _STR), ("reason", _STR)]),
    "problems": pa.schema([("path", _STR), ("severity", _STR), ("message", _STR)]),
    "actors": pa.schema([("article_id", _STR), ("source", _STR), ("sentence_no", _INT), ("actor", _STR),
                         ("actor_type", _STR), ("aliases", _STR), ("n_mentions", _INT)]),
    "topics": pa.schema([("article_id", _STR), ("source", _STR), ("sentence_no", _INT), ("topic", _STR),
                         ("mentions", _INT), ("matched", _STR)]),
}
TONE_COLUMNS = [("n_sentences", _INT), ("n_scored", _INT), ("polarity", _FLOAT), ("vader", _FLOAT)]
_CORE_TYPES = {"published": _TIME, "n_words": _INT, "duplicate_similarity": _FLOAT}


@dataclass(frozen=True)
class Settings:
    """Everything a chunk needs besides its files; small, so it travels to workers cheaply."""

    root: str
    manifest: str | None = None
    codebook: str | None = None
    actors: str | None = None
    text_col: str | None = None
    markers: str | None = None
    extra_columns: tuple[str, ...] = ()


@dataclass
class ScoreResult:
    """What ``score_corpus`` wrote, and counts for a summary line."""

    outputs: dict[str, Path]
    articles: int
    sentences: int
    duplicates: int
    problems: int

    def __str__(self) -> str:
        return (f"{self.articles} articles ({self.duplicates} duplicates flagged), {self.sentences} sentences, "
                f"{self.problems} problems; written to {self.outputs['sentences']} and beside it")


def score_corpus(corpus: str | Path | None = None, out: str | Path = "scores.parquet", *,
                 manifest: str | Path | None = None, codebook: str | Path | None = None,
                 actors: str | Path | None = None, text_col: str | None = None, fmt: str = "parquet",
                 engine: str = "local", workers: int | None = None, scheduler: str | None = None,
                 chunk_files: int = CHUNK_FILES, dedupe: bool = True, progress: bool = True) -> ScoreResult:
    """Run the pipeline over ``corpus`` (the bundled one when None) and write its tables beside ``out``."""
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"fmt must be 'parquet' or 'csv', not {fmt!r}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if corpus is None:
        corpus, manifest = ARTICLES_DIR, manifest or SOURCES_CSV
        codebook, actors = codebook or TOPICS_YML, actors or ACTORS_YML
    root = Path(corpus)
    if not root.exists():
        raise CorpusError(f"no such file or folder: {root}")
    manifest_frame = read_manifest(manifest) if manifest else None
    settings = Settings(root=str(root), manifest=_str(manifest), codebook=_str(codebook), actors=_str(actors),
                        text_col=text_col,
                        extra_columns=tuple(c for c in manifest_frame.columns if c != "file"
                                            and c not in ARTICLE_COLUMNS) if manifest_frame is not None else ())
    if codebook:
        load_codebook(codebook)  # fail now, with a clear message, rather than in a worker
    if actors:
        load_actors(actors)
    files, discovered = discover(root, exclude={Path(manifest).resolve()} if manifest else set())
    paths = _outputs(Path(out), fmt)
    staging = paths["sentences"].parent / f".{paths['sentences'].name}.partial"
    staging.mkdir(parents=True, exist_ok=True)
    writers = {name: _Writer(staging / f"{name}.parquet", schema) for name, schema in SCHEMAS.items()}
    writers["articles"] = _Writer(staging / "articles.parquet", _article_schema(settings.extra_columns),
                                  rows_per_group=2_000)
    writers["problems"].write(pd.DataFrame(discovered, columns=["path", "severity", "message"]))
    if manifest_frame is not None:
        missing: list[dict] = []
        report_missing(manifest_rows(manifest_frame),
                       [relative(f, root) for f in files] + [p["path"] for p in discovered], missing)
        writers["problems"].write(pd.DataFrame(missing, columns=["path", "severity", "message"]))
    if engine == "local":
        warm_up()  # forked workers inherit the loaded lexicons instead of each loading them again
    index = DiskDuplicateIndex(staging / "dedupe")  # signatures on disk: memory does not grow with the corpus
    counts = {"articles": 0, "sentences": 0}
    chunks = _chunks(files, chunk_files)
    n_files = len(files)
    del files
    bar = tqdm(total=n_files, unit="file", desc="Scoring", disable=not progress)
    try:
        for result in ordered_map(process_chunk, ((chunk, settings) for chunk in chunks), engine=engine,
                                  workers=workers, scheduler=scheduler):
            for name, frame in result["tables"].items():
                writers[name].write(frame)
            for article_id, published, (exact, minhash) in result["signatures"]:
                if dedupe:
                    index.add_signature(article_id, exact, minhash, published)
            counts["articles"] += len(result["tables"]["articles"])
            counts["sentences"] += len(result["tables"]["sentences"])
            bar.update(result["n_files"])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        bar.close()
        for writer in writers.values():
            writer.close()
    duplicates = index.duplicates(fetch=lambda ids: _fetch_texts(staging / "articles.parquet", ids)) if dedupe else {}
    _finish(staging, paths, duplicates, fmt)
    problems = pq.ParquetFile(paths["problems"]).metadata.num_rows if fmt == "parquet" else None
    shutil.rmtree(staging, ignore_errors=True)
    return ScoreResult(outputs=paths, articles=counts["articles"], sentences=counts["sentences"],
                       duplicates=len(duplicates),
                       problems=problems if problems is not None else _csv_rows(paths["problems"]))


def warm_up() -> None:
    """Load the lexicons, markers and word lists every chunk needs."""
    from analysis.segment import load_abbreviations
    from analysis.sentiment import is_non_english, score_text

    load_markers()
    load_abbreviations()
    score_text("A good start.")
    is_non_english("Dockworkers walk out as port talks collapse")  # loads simplemma's English word list


def process_chunk(job: tuple[list[str], Settings]) -> dict:
    """Load, clean, split, score and match one chunk of files: the unit of work of every engine."""
    files, settings = job
    root = Path(settings.root)
    problems: list[dict] = []
    records: list[dict] = []
    for file in files:
        result = read_file(Path(file), root, text_col=settings.text_col)
        records.extend(result.records)
        problems.extend(result.problems)
    if settings.manifest:
        attach_manifest(records, _manifest(settings.manifest), problems)
    markers = load_markers(settings.markers) if settings.markers else load_markers()
    articles, removed = build_articles(records, root, markers=markers, problems=problems)
    carry = [c for c in CARRY if c in articles.columns]
    sentences = score_tone(split_sentences(articles, carry=carry)) if len(articles) else _empty("sentences")
    tables = {
        "sentences": sentences,
        "articles": _with_tone(articles, sentences, settings.extra_columns),
        "removed": pd.DataFrame(removed, columns=["article_id", "source", "text", "reason"]),
        "problems": pd.DataFrame(problems, columns=["path", "severity", "message"]),
    }
    if settings.actors and len(sentences):
        found = match_actors(sentences[["article_id", "source", "sentence_no", "text"]], _actors(settings.actors))
        tables["actors"] = found.drop(columns=["text"])
    if settings.codebook and len(sentences):
        found = topic_mentions(sentences, _codebook(settings.codebook))
        keys = sentences[["article_id", "source", "sentence_no"]]
        tables["topics"] = found.join(keys, on="_row").drop(columns=["_row"])
    published = [None if pd.isna(p) else p for p in articles["published"]] if len(articles) else []
    signatures = [(a, p, signature(t)) for a, p, t in zip(articles.get("article_id", []), published,
                                                          articles.get("text", []))]
    return {"tables": tables, "signatures": signatures, "n_files": len(files)}


def read_scores(out: str | Path, *, fmt: str = "parquet") -> dict[str, pd.DataFrame]:
    """Read back every table ``score_corpus`` wrote for ``out``."""
    tables = {}
    for name, path in _outputs(Path(out), fmt).items():
        if path.exists():
            tables[name] = pd.read_parquet(path) if fmt == "parquet" else pd.read_csv(path)
    return tables


def _with_tone(articles: pd.DataFrame, sentences: pd.DataFrame, extra_columns: tuple[str, ...]) -> pd.DataFrame:
    out = articles.copy()
    if len(sentences):
        tone = article_tone(sentences)[["article_id", "n_sentences", "n_scored", "polarity", "vader"]]
        out = out.merge(tone, on="article_id", how="left")
    known = set(ARTICLE_COLUMNS) | set(extra_columns) | {name for name, _ in TONE_COLUMNS}
    others = [c for c in out.columns if c not in known]
    out["metadata"] = [json.dumps({c: _jsonable(row[c]) for c in others if not _missing(row[c])}, ensure_ascii=False)
                       if others else "{}" for _, row in out.iterrows()] if len(out) else []
    return out


def _fetch_texts(path: Path, ids: list[str]) -> dict[str, str]:
    """The clean texts of a few articles, read back from the staged article table batch by batch."""
    wanted, found = pa.array(sorted(set(ids)), _STR), {}
    for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=["article_id", "text"]):
        mask = pc.is_in(batch.column(0), value_set=wanted)
        if pc.any(mask).as_py():
            hits = batch.filter(mask)
            found.update(zip(hits.column(0).to_pylist(), (t or "" for t in hits.column(1).to_pylist())))
    return found


def _article_schema(extra_columns: tuple[str, ...]) -> pa.Schema:
    fields = [(c, _CORE_TYPES.get(c, _STR)) for c in ARTICLE_COLUMNS if c not in ("duplicate_of",
                                                                                  "duplicate_similarity")]
    fields += [(c, _STR) for c in extra_columns] + TONE_COLUMNS + [("metadata", _STR)]
    return pa.schema(fields)


class _Writer:
    """Appends frames to one Parquet file under a fixed schema (missing columns become nulls).

    Frames are buffered into row groups of about ``rows_per_group`` rows: the writer keeps every row
    group's metadata in memory until it closes, so one row group per small chunk would add up.
    """

    def __init__(self, path: Path, schema: pa.Schema, *, rows_per_group: int = 50_000):
        self.path, self.schema = path, schema
        self.rows_per_group = rows_per_group
        self.pending: list[pa.Table] = []
        self.pending_rows = 0
        # Column statistics of long texts (min/max of every row group) would pile up in the file footer,
        # which the writer keeps in memory until it closes: keep statistics for short columns only.
        short = [f.name for f in schema if f.type != _STR or f.name in ("article_id", "source", "voice")]
        self.writer = pq.ParquetWriter(path, schema, write_statistics=short)

    def write(self, frame: pd.DataFrame) -> None:
        if frame is None or frame.empty:
            return
        frame = frame.reindex(columns=self.schema.names)
        for field in self.schema:
            column = frame[field.name]
            if field.type == _STR:
                frame[field.name] = column.astype("string")
            elif field.type == _INT:
                frame[field.name] = pd.to_numeric(column).astype("Int64")
            elif field.type == _FLOAT:
                frame[field.name] = pd.to_numeric(column, errors="coerce").astype("float64")
            elif field.type == _BOOL:
                frame[field.name] = column.astype("boolean")
            elif field.type == _TIME:
                frame[field.name] = pd.to_datetime(column)
        self.pending.append(pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False))
        self.pending_rows += len(frame)
        if self.pending_rows >= self.rows_per_group:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.writer.write_table(pa.concat_tables(self.pending), row_group_size=max(self.pending_rows, 1))
            self.pending, self.pending_rows = [], 0

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _finish(staging: Path, paths: dict[str, Path], duplicates: dict, fmt: str) -> None:
    """Move the staged tables to their places; add ``duplicate_of`` to the articles on the way."""
    for name, final in paths.items():
        source = pq.ParquetFile(staging / f"{name}.parquet")
        schema = source.schema_arrow
        if name == "articles":
            schema = schema.append(pa.field("duplicate_of", _STR)).append(pa.field("duplicate_similarity", _FLOAT))
        short = [f.name for f in schema if f.type != _STR or f.name in ("article_id", "source", "voice")]
        writer = pq.ParquetWriter(final, schema, write_statistics=short) if fmt == "parquet" else None
        header = True
        if fmt == "csv" and final.exists():
            final.unlink()
        for batch in source.iter_batches(batch_size=BATCH_ROWS):
            table = pa.Table.from_batches([batch])
            if name == "articles":
                ids = table.column("article_id").to_pylist()
                table = table.append_column("duplicate_of", pa.array(
                    [duplicates[i][0] if i in duplicates else None for i in ids], _STR))
                table = table.append_column("duplicate_similarity", pa.array(
                    [duplicates[i][1] if i in duplicates else None for i in ids], _FLOAT))
            if writer is not None:
                writer.write_table(table)
            else:
                table.to_pandas().to_csv(final, mode="a", header=header, index=False)
                header = False
        if writer is not None:
            writer.close()
        elif header:  # no rows at all: still write the header
            pd.DataFrame(columns=schema.names).to_csv(final, index=False)


def _outputs(out: Path, fmt: str) -> dict[str, Path]:
    suffix = ".parquet" if fmt == "parquet" else ".csv"
    stem = out.name[: -len(out.suffix)] if out.suffix in (".parquet", ".csv") else out.name
    folder = out.parent
    folder.mkdir(parents=True, exist_ok=True)
    names = {"sentences": f"{stem}{suffix}"}
    names.update({name: f"{stem}.{name}{suffix}" for name in ("articles", "removed", "problems", "actors",
                                                                "topics")})
    return {name: folder / file for name, file in names.items()}


def _chunks(files: list[Path], chunk_files: int) -> list[list[str]]:
    chunks, current, size = [], [], 0
    for file in files:
        try:
            bytes_ = file.stat().st_size
        except OSError:
            bytes_ = 0
        if current and (len(current) >= chunk_files or size + bytes_ > CHUNK_BYTES):
            chunks.append(current)
            current, size = [], 0
        current.append(str(file))
        size += bytes_
    if current:
        chunks.append(current)
    return chunks


@lru_cache(maxsize=4)
def _manifest(path: str) -> dict[str, dict]:
    return manifest_rows(read_manifest(path))


@lru_cache(maxsize=4)
def _actors(path: str) -> dict:
    return load_actors(path)


@lru_cache(maxsize=4)
def _codebook(path: str) -> dict:
    return load_codebook(path)


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=SCHEMAS[name].names)


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _jsonable(value):
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _str(value) -> str | None:
    return str(Path(value).resolve()) if value not in (None, "") else None


def _csv_rows(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        return max(sum(1 for _ in handle) - 1, 0)
