"""Exceptions PressLens raises on purpose, each with a message a user can act on."""
from __future__ import annotations


class PressLensError(Exception):
    """Base class of PressLens's own errors."""


class CorpusError(PressLensError):
    """A corpus cannot be loaded (or, with ``strict=True``, a file has a problem).

    ``problems`` holds the problems found on the way, when there were any (a DataFrame, as ``Corpus.problems``).
    """

    def __init__(self, message: str, *, problems=None):
        super().__init__(message)
        self.problems = problems


class DataFileError(PressLensError, ValueError):
    """A data file (manifest, boilerplate markers, codebook, actors) is malformed."""


class OutputError(PressLensError):
    """Results cannot be written, or a result on disk is incomplete or damaged."""


class ColumnError(PressLensError, KeyError):
    """A column a user named (``--by``, ``--text-col``) is not there."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class OptionError(PressLensError, ValueError):
    """An option has a value PressLens cannot use (an unknown engine or format, workers below one)."""
