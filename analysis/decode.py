"""Bytes to clean Unicode text: encodings, BOMs, NULs, line ends, invisibles, mojibake.

``decode_bytes`` never raises on bad input. It returns a :class:`Decoded` whose
``skipped`` says why the bytes are not text (empty, binary), and whose
``warnings`` say what was repaired on the way (a legacy code page, NUL bytes,
a multi-byte character cut off at the end, mojibake).

Strict UTF-8 is tried first, because detectors guess wrong on short text
(charset-normalizer has called cp1252 "cp1250", and cut UTF-8 "mac_iceland").
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import ftfy
from ftfy import badness

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
)

# Code pages that a detector confuses with cp1252 on short Western text.
_WESTERN = {"cp1250", "cp1252", "latin_1", "iso8859_1", "iso8859_15", "iso8859_2", "mac_roman",
            "mac_iceland", "mac_latin2", "cp850", "cp437", "ascii", "windows_1252", "windows_1250"}

# Unicode category Cc (C0, DEL and C1 controls) without tab, line feed, form feed and carriage return.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

# Zero-width and bidirectional control characters. ZWJ/ZWNJ are kept: they carry
# meaning in emoji sequences and in Persian and Indic scripts.
INVISIBLE_RE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")

# A UTF-8 lead byte read as Latin-1/cp1252, followed by a continuation byte read the same way.
# A cheap gate before ftfy's own (slower) badness check.
_MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]")

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # never turn &lt;script&gt; into a live <script>
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)


@dataclass
class Decoded:
    """The outcome of decoding one file's bytes."""

    text: str | None
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    invisible: str = ""
    skipped: str | None = None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to text with LF line ends and no invisible control characters."""
    if not data.strip():
        return Decoded(None, skipped="empty file" if not data else "file holds only white space")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return Decoded(None, skipped=f"binary file ({kind}), not text")
    warnings: list[str] = []
    text, encoding = _decode(data, warnings)
    if text is None:
        return Decoded(None, skipped=encoding)
    if _control_share(text) > 0.05:
        return Decoded(None, encoding=encoding, skipped="binary file: over 5% control characters")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    invisible = "".join(INVISIBLE_RE.findall(text))
    if invisible:
        text = INVISIBLE_RE.sub("", text)
    text, fixed = repair_mojibake(text)
    if fixed:
        warnings.append(fixed)
    if not text.strip():
        return Decoded(None, encoding=encoding, warnings=warnings, skipped="no text after decoding")
    return Decoded(text, encoding=encoding, warnings=warnings, invisible=invisible)


def repair_mojibake(text: str) -> tuple[str, str]:
    """Repair UTF-8 read as a legacy code page (``Lukashenkoâ€™s``); return the text and a note."""
    if text.isascii() or not _MOJIBAKE_HINT_RE.search(text) or not badness.is_bad(text):
        return text, ""
    fixed = ftfy.fix_text(text, _FTFY_CONFIG)
    if fixed == text:
        return text, ""
    sample = _first_difference(text, fixed)
    return fixed, f"repaired mojibake (ftfy), e.g. {sample}"


def _decode(data: bytes, warnings: list[str]) -> tuple[str | None, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as err:
                warnings.append(f"invalid {encoding} at byte {err.start}; undecodable bytes replaced with U+FFFD")
                return data.decode(encoding, errors="replace"), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    nuls = data.count(0)
    if nuls:
        if nuls / len(data) > 0.1:
            return None, "binary file: over 10% NUL bytes"
        data = data.replace(b"\x00", b"")
        warnings.append(f"removed {nuls} NUL byte(s)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.end == len(data):
            dropped = len(data) - err.start
            warnings.append(f"a multi-byte character was cut off at the end of the file: dropped {dropped} byte(s)")
            return data[: err.start].decode("utf-8"), "utf-8"
        encoding = _guess_legacy(data)
        warnings.append(f"not valid UTF-8 (byte {err.start}); decoded as {encoding}")
        return data.decode(encoding, errors="replace"), encoding


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _guess_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    guess = codecs.lookup(best.encoding).name.replace("-", "_") if best else "cp1252"
    if guess in _WESTERN or guess.startswith("mac_"):
        guess = "cp1252"
    try:
        data.decode(guess)
    except (UnicodeDecodeError, LookupError):
        return "latin_1" if guess == "cp1252" else guess
    return guess


def _control_share(text: str) -> float:
    """Share of control characters (Unicode category Cc, less tab, line ends and form feed) and U+FFFD."""
    sample = text[:20_000]
    controls = len(_CONTROL_RE.findall(sample))
    replaced = sample.count("\ufffd")
    return (controls + replaced) / max(len(sample), 1)


def _first_difference(before: str, after: str, width: int = 12) -> str:
    i = next((k for k, (a, b) in enumerate(zip(before, after)) if a != b), 0)
    start = max(i - width, 0)
    return f"{before[start:i + width]!r} -> {after[start:i + width]!r}"
