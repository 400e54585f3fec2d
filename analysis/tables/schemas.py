"""The pipeline's tables and their schemas: one Arrow schema per table, the same in memory and on disk.

Every table passes through :func:`conform` (one Arrow schema per table) and back through :func:`to_frame`,
whether it stays in memory or goes to files (:mod:`analysis.tables.sinks`), so both give the same columns with
the same dtypes. :data:`RESERVED` names the columns PressLens computes: a user's column of that name is renamed
(see :mod:`analysis.corpus.articles`).
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

STR, INT, FLOAT, BOOL, TIME = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.timestamp("ns")
REMOVED = pa.schema([("article_id", STR), ("source", STR), ("text", STR), ("reason", STR)])
PROBLEMS = pa.schema([("path", STR), ("severity", STR), ("message", STR)])
ACTORS = pa.schema([("article_id", STR), ("source", STR), ("sentence_no", INT), ("actor", STR),
                    ("actor_type", STR), ("aliases", STR), ("n_mentions", INT)])
TOPICS = pa.schema([("article_id", STR), ("source", STR), ("sentence_no", INT), ("topic", STR),
                    ("mentions", INT), ("matched", STR)])
STANCE = pa.schema([("article_id", STR), ("actor", STR), ("stance", FLOAT), ("stance_label", STR), ("clear", BOOL),
                    ("n_evidence", INT), ("n_sentences", INT), ("n_by_pronoun", INT), ("toward", FLOAT),
                    ("toward_quoted", FLOAT), ("own_share", FLOAT), ("near", FLOAT), ("doer", FLOAT),
                    ("framing", FLOAT), ("quoted_by_others", FLOAT), ("own_words", FLOAT), ("headline", FLOAT),
                    ("happened", STR), ("evidence", STR), ("evidence_sentence", INT),
                    ("evidence_toward", FLOAT)])
ARTICLE_SOURCES = pa.schema([("article_id", STR), ("speaker", STR), ("kind", STR), ("role", STR),
                             ("affiliation", STR), ("gender", STR), ("official", BOOL), ("n_quotes", INT)])
PROVISIONAL = pa.schema([("kind", STR), ("name", STR), ("type", STR), ("patterns", STR), ("note", STR),
                         ("sample", INT)])
STORIES = pa.schema([("story", STR), ("n_articles", INT), ("n_sources", INT), ("n_wholly_derived", INT),
                     ("first_published", TIME), ("last_published", TIME), ("story_from", STR), ("aligned", BOOL)])
REUSE = pa.schema([("story", STR), ("article_id", STR), ("source", STR), ("other_id", STR), ("other_source", STR),
                   ("reused_share", FLOAT), ("verbatim_share", FLOAT), ("first", STR)])
ALIGNMENTS = pa.schema([("story", STR), ("article_id", STR), ("source", STR), ("sentence_no", INT),
                        ("other_article_id", STR), ("other_source", STR), ("other_sentence_no", INT),
                        ("similarity", FLOAT), ("kind", STR)])
# The article columns every corpus has, in order; metadata columns follow them, then tone, then duplicates.
ARTICLE_CORE = [("article_id", STR), ("source", STR), ("published", TIME), ("title", STR), ("text", STR),
                ("path", STR), ("encoding", STR), ("n_words", INT), ("byline", STR), ("url", STR),
                ("dateline", STR), ("source_credit", STR), ("source_from", STR), ("published_from", STR)]
ARTICLE_TONE = [("n_sentences", INT), ("n_scored", INT), ("textblob", FLOAT), ("vader", FLOAT)]
ARTICLE_DICTIONARY = [("dict_positive", INT), ("dict_negative", INT), ("dict_words", INT), ("dict_net", FLOAT),
                      ("dict_logratio", FLOAT)]
SENTENCE_DICTIONARY = ARTICLE_DICTIONARY + [("dict_matches", STR)]
ARTICLE_DUPLICATES = [("duplicate_of", STR), ("duplicate_similarity", FLOAT)]
ARTICLE_STORIES = [("story", STR), ("story_from", STR), ("derived_from", STR), ("derivation", STR),
                   ("reused_share", FLOAT)]
SENTENCE_HEAD = [("article_id", STR)]
SENTENCE_BODY = [("sentence_no", INT), ("paragraph_no", INT), ("article_sentences", INT), ("text", STR), ("start", INT),
                 ("end", INT), ("voice", STR), ("quoted", STR), ("quoted_share", FLOAT), ("speaker", STR),
                 ("speaker_kind", STR), ("speaker_role", STR), ("speaker_affiliation", STR), ("speaker_gender", STR),
                 ("textblob", FLOAT), ("subjectivity", FLOAT), ("vader", FLOAT), ("drivers", STR),
                 ("n_drivers", INT), ("no_signal", BOOL), ("non_english", BOOL), ("no_text", BOOL)]
# Names PressLens computes: a user's column with one of these names is renamed (see analysis.corpus.articles).
RESERVED = frozenset(name for name, _ in ARTICLE_CORE + ARTICLE_TONE + ARTICLE_DUPLICATES + ARTICLE_STORIES
                     + SENTENCE_BODY + SENTENCE_DICTIONARY) | {
    "metadata", "voice", "actor", "topic", "measure"}


def article_schema(extras: dict[str, pa.DataType], *, scored: bool, dictionary: bool = False,
                   stories: bool = False) -> pa.Schema:
    """The articles table: core columns, the corpus's metadata columns, tone (when scored; with dictionary tone
    when a tone dictionary is given), duplicates, and stories (when they are found or given)."""
    tone = (ARTICLE_TONE + (ARTICLE_DICTIONARY if dictionary else [])) if scored else []
    return pa.schema(ARTICLE_CORE + list(extras.items()) + tone + ARTICLE_DUPLICATES
                     + (ARTICLE_STORIES if stories else []))


def sentence_schema(articles: pa.Schema, carry: list[str], *, dictionary: bool = False) -> pa.Schema:
    """The sentences table, with the article columns named in ``carry`` (typed as on the articles), and the
    dictionary tone columns when a tone dictionary is given."""
    return pa.schema(SENTENCE_HEAD + [(c, articles.field(c).type) for c in carry] + SENTENCE_BODY
                     + (SENTENCE_DICTIONARY if dictionary else []))


def stat_fields(measures) -> list[tuple[str, pa.DataType]]:
    """Per measure: sentences counted, their sum, and how many were positive and negative."""
    return [(f"{m}_{s}", kind) for m in measures for s, kind in (("n", INT), ("sum", FLOAT), ("positive", INT),
                                                                  ("negative", INT))]


def aggregate_schemas(measures, *, topics: bool, actors: bool) -> dict[str, pa.Schema]:
    """The per-article sums the pipeline writes beside the sentences (see :mod:`analysis.scores.aggregates`)."""
    stats = stat_fields(measures)
    schemas = {
        "article_tone": pa.schema([("article_id", STR), ("voice", STR), ("n_sentences", INT), *stats]),
        "article_positions": pa.schema([("article_id", STR), ("position", INT), ("n_sentences", INT), *stats]),
        "article_sources": ARTICLE_SOURCES,
    }
    if topics:
        schemas["article_topics"] = pa.schema([("article_id", STR), ("topic", STR), ("sentences", INT),
                                               ("mentions", INT), ("first_sentence", INT)])
    if actors:
        schemas["article_actors"] = pa.schema([("article_id", STR), ("actor", STR), ("actor_type", STR),
                                               ("sentences", INT), ("quoted_sentences", INT), *stats])
    return schemas


def conform(frame: pd.DataFrame | None, schema: pa.Schema) -> pa.Table:
    """``frame`` as an Arrow table of exactly ``schema``: missing columns become nulls, values are cast."""
    if frame is None or frame.empty:
        return schema.empty_table()
    frame = frame.reindex(columns=schema.names)
    arrays = [_cast(frame[field.name], field.type) for field in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as pandas, the same way for tables from memory and from files."""
    return table.replace_schema_metadata(None).to_pandas()


def _cast(column: pd.Series, kind: pa.DataType) -> pa.Array:
    try:  # the common case: the column already holds the right kind of values
        if kind == TIME:
            return pa.array(pd.to_datetime(column).astype("datetime64[ns]"), TIME)
        if kind == FLOAT:
            return pa.array(pd.to_numeric(column, errors="coerce").astype("float64"), FLOAT, from_pandas=True)
        return pa.array(column, kind, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        pass  # an integer above 2**63 in a user's column, say: converted value by value below
    convert = {STR: str, BOOL: bool, INT: int}[kind]
    return pa.array([None if _missing(v) else convert(v) for v in column], kind)


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value
