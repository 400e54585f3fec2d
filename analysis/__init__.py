"""PressLens: compare how news outlets cover the same story.

The public API is re-exported here, so notebooks write ``from analysis import load_corpus``.
"""
from analysis.actors import actor_tone, actor_voice, load_actors, match_actors, suggest_actors
from analysis.clean import clean_text, load_markers
from analysis.corpus import Corpus, load_corpus, read_manifest
from analysis.errors import ColumnError, CorpusError, DataFileError, OutputError, PressLensError
from analysis.explore import Analysis, analyse
from analysis.keywords import collocations, count_terms, keyness, kwic, suggest_topic_terms, tokenize
from analysis.metadata import parse_date
from analysis.segment import split_sentences
from analysis.scoring import read_scores, score_corpus
from analysis.sentiment import score_tone
from analysis.topics import load_codebook, topic_coverage, topic_mentions
from analysis.tone import article_tone, extreme_sentences, tone_agreement, tone_by_position, tone_by_source

__all__ = [
    "Analysis", "ColumnError", "Corpus", "CorpusError", "DataFileError", "OutputError", "PressLensError", "analyse",
    "read_scores", "score_corpus",
    "actor_tone", "actor_voice", "article_tone", "clean_text", "collocations", "count_terms", "extreme_sentences",
    "keyness", "kwic", "load_actors", "load_codebook", "load_corpus", "load_markers", "match_actors",
    "parse_date", "read_manifest", "score_tone", "split_sentences", "suggest_actors", "suggest_topic_terms",
    "tokenize", "tone_agreement", "tone_by_position", "tone_by_source", "topic_coverage", "topic_mentions",
]
__version__ = "0.1.0"
