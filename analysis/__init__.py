"""PressLens: compare how news outlets cover the same story.

The public API is re-exported here, so notebooks write ``from analysis import load_corpus``. The names are
imported on first use (PEP 562), so that ``import analysis`` and the ``presslens`` command start fast, and a
Ctrl-C while they start is handled like any other.

The package is built in layers, each a subpackage that imports only from the layers below it (see
``CONTRIBUTING.md`` and ``docs/architecture.md``; ``tests/test_structure.py`` checks it)::

    errors, paths   exceptions and where bundled files live
    resources       the data files' readers: hardened YAML, plain word lists
    tables          the tables' schemas, where they go (memory, files), a SQL store over them
    text            words, lines, sentences, regex helpers
    corpus          files to clean article rows: decoding, reading, metadata, cleaning, duplicates, manifest
    voices          quoted speech against narration, speakers, names
    content         codebooks and dictionaries, keywords, topics, actors
    scores          tone (TextBlob, VADER, dictionaries), summaries with intervals, stance
    stories         the same story across outlets: grouping, sentences aligned, shared text
    pipeline        every step once, in memory or streamed: load_corpus, score_corpus, the cache
    explore         analyse() and the views the notebooks read
    report          prose, charts, findings, pages
    cli             the presslens command
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "analysis.content.actors": ["actor_voice", "load_actors", "match_actors", "suggest_actors"],
    "analysis.content.keywords": ["collocations", "count_terms", "keyness", "kwic", "suggest_topic_terms", "tokenize"],
    "analysis.content.topics": ["load_codebook", "topic_coverage", "topic_mentions"],
    "analysis.corpus.articles": ["Corpus"],
    "analysis.corpus.clean": ["clean_text", "load_markers"],
    "analysis.corpus.manifest": ["read_manifest"],
    "analysis.corpus.metadata": ["parse_date"],
    "analysis.errors": ["ColumnError", "CorpusError", "DataFileError", "OptionError", "OutputError",
                        "PressLensError"],
    "analysis.explore.session": ["Analysis", "analyse"],
    "analysis.pipeline.load": ["load_corpus"],
    "analysis.pipeline.scoring": ["read_scores", "score_corpus"],
    "analysis.scores.sentiment": ["score_tone"],
    "analysis.scores.sourcing": ["source_summary"],
    "analysis.scores.stance.target_model": ["target_sentiment"],
    "analysis.scores.tone": ["actor_tone", "article_tone", "extreme_sentences", "tone_agreement", "tone_by_position",
                             "tone_by_source"],
    "analysis.stories.alignment": ["align_story"],
    "analysis.stories.grouping": ["find_stories"],
    "analysis.stories.reuse": ["text_reuse"],
    "analysis.stories.similarity": ["compare_sentences"],
    "analysis.voices.sources": ["quoted_sources"],
    "analysis.voices.voices": ["split_sentences"],
}
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_HOME)
# Modules the notebooks and the README use by name (``from analysis import views``): imported on first use too.
_MODULES = {"views": "analysis.explore.views"}


def __getattr__(name: str):
    if name in _HOME or name in _MODULES:
        value = importlib.import_module(_MODULES[name]) if name in _MODULES else \
            getattr(importlib.import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
