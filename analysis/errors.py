"""Exceptions PressLens raises on purpose, each with a message a user can act on."""
from __future__ import annotations


class PressLensError(Exception):
    """Base class of PressLens's own errors."""


class CorpusError(PressLensError):
    """A corpus cannot be loaded (or, with ``strict=True``, a file has a problem)."""


class DataFileError(PressLensError, ValueError):
    """A data file (manifest, boilerplate markers, codebook, actors) is malformed."""
