"""PressLens: compare how news outlets cover the same story.

The public API is re-exported here, so notebooks write ``from analysis import load_corpus``.
"""
from analysis.clean import clean_text, load_markers
from analysis.corpus import Corpus, load_corpus, read_manifest
from analysis.errors import CorpusError, DataFileError, PressLensError
from analysis.metadata import parse_date
from analysis.segment import split_sentences

__all__ = [
    "Corpus", "CorpusError", "DataFileError", "PressLensError",
    "clean_text", "load_corpus", "load_markers", "parse_date", "read_manifest", "split_sentences",
]
__version__ = "0.1.0"
