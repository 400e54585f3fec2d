"""Who speaks when the article names nobody: the value ``unknown``, with what the article says of them.

A quote's speaker is ``unknown`` when the article never names who speaks: "one resident said", "a senior
administration official told LNC", "the unsigned memo says", "officials said". :func:`unnamed` gives that
value with the role the article gives the person ("resident", "official", "memo") and the gender it shows ("a
woman who lives nearby", "he yelled"), so that a sources table can count unnamed sources by what they are. The
value is the string ``"unknown"`` all the same: it compares, hashes and prints as ``unknown``.
"""
from __future__ import annotations

UNKNOWN = "unknown"


class Unnamed(str):
    """``"unknown"``, with the ``role`` and ``gender`` ("m", "f" or None) the article gives its speaker."""

    role: str | None
    gender: str | None

    def __new__(cls, role: str | None = None, gender: str | None = None):
        value = super().__new__(cls, UNKNOWN)
        value.role, value.gender = role, gender
        return value


def unnamed(role: str | None = None, gender: str | None = None) -> str:
    """``unknown``, saying what the article says of the speaker; plain ``unknown`` when it says nothing."""
    return Unnamed(role, gender) if role or gender else UNKNOWN
