"""PressLens: compare how news outlets cover the same story.

The public API is re-exported here, so notebooks write ``from analysis import load_corpus``. The names are
imported on first use (PEP 562), so that ``import analysis`` and the ``presslens`` command start fast, and a
Ctrl-C while they start is handled like any other.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "analysis.actors": ["actor_tone", "actor_voice", "load_actors", "match_actors", "suggest_actors"],
    "analysis.clean": ["clean_text", "load_markers"],
    "analysis.corpus": ["Corpus", "load_corpus", "read_manifest"],
    "analysis.errors": ["ColumnError", "CorpusError", "DataFileError", "OptionError", "OutputError",
                        "PressLensError"],
    "analysis.explore": ["Analysis", "analyse"],
    "analysis.keywords": ["collocations", "count_terms", "keyness", "kwic", "suggest_topic_terms", "tokenize"],
    "analysis.metadata": ["parse_date"],
    "analysis.segment": ["split_sentences"],
    "analysis.scoring": ["read_scores", "score_corpus"],
    "analysis.sentiment": ["score_tone"],
    "analysis.topics": ["load_codebook", "topic_coverage", "topic_mentions"],
    "analysis.tone": ["article_tone", "extreme_sentences", "tone_agreement", "tone_by_position", "tone_by_source"],
}
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
