"""Bytes to clean Unicode text: encodings, BOMs, NULs, line ends, invisibles, mojibake.

``decode_bytes`` never raises on bad input. It returns a :class:`Decoded` whose
``skipped`` says why the bytes are not text (empty, binary), and whose
``warnings`` say what was repaired on the way (a legacy code page, NUL bytes,
a multi-byte character cut off at the end, mojibake).

Strict UTF-8 is tried first, because detectors guess wrong on short text
(charset-normalizer has called cp1252 "cp1250", and cut UTF-8 "mac_iceland").
Bytes that are not UTF-8 are decoded with a legacy code page, and ``Decoded``
says how sure that is (``confidence``: certain, likely or a guess):

- Where most bytes above 0x7F stand alone between ASCII bytes (accented letters
  and typographic quotes inside Latin text), the code page is one of the
  single-byte Latin ones (cp1252, cp1250, cp1257, cp1254, mac_roman), never a CJK
  one: every CJK character takes two bytes above 0x7F side by side, or nearly.
  Each candidate's text is scored on what its non-ASCII characters do: letters
  inside words, with consistent case, quotes and dashes next to words and
  spaces, currency signs before digits score; lone letters, letters stuck to
  digits, control characters and rare symbols cost. Ties go to the reading
  whose accented letters best fit one language's alphabet, then to cp1252.
- Otherwise (Cyrillic, Greek, CJK …) charset-normalizer picks the code page,
  where its reading is in one script (mostly Han and kana, or Cyrillic …: not
  the half-width katakana a Cyrillic KOI8-R text becomes in cp932); else the
  single-byte code page (Latin, Cyrillic, Greek, Hebrew, Arabic or Thai) whose
  reading scores best, as above.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import ftfy
from charset_normalizer import from_bytes
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

# The single-byte Latin code pages the decoder chooses between, in order of preference on a tie.
LATIN_CODE_PAGES = ("cp1252", "cp1250", "cp1257", "cp1254", "mac_roman")
# Single-byte code pages of other scripts, tried where charset-normalizer's reading is not one script.
OTHER_SCRIPT_CODE_PAGES = ("cp1251", "koi8_r", "cp1253", "cp1255", "cp1256", "cp874")
# Code pages that a detector confuses with those on short Western text: a guess of one of these
# means "Latin text", and the choice is made among LATIN_CODE_PAGES.
_WESTERN = {"cp1250", "cp1252", "latin_1", "iso8859_1", "iso8859_15", "iso8859_2", "mac_roman",
            "mac_iceland", "mac_latin2", "cp850", "cp437", "ascii", "windows_1252", "windows_1250", "cp1257",
            "cp775", "cp857", "cp858", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13",
            "iso8859_14", "iso8859_16", "cp1254", "mac_croatian", "mac_romanian", "mac_turkish"}
# The legacy-encoding rules read at most this many bytes.
SAMPLE_BYTES = 200_000
_HIGH_RUN_RE = re.compile(rb"[\x80-\xff]{2,}")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# Share of high bytes that must stand alone for the text to count as Latin (single-byte) text.
MIN_ISOLATED_SHARE = 0.5
# Evidence needed before a legacy decoding is "likely" rather than "a guess".
MIN_LIKELY_BYTES = 8
MIN_LIKELY_MARGIN = 4
MIN_LIKELY_MULTIBYTE = 40

# The letters beyond ASCII of languages written with the Latin code pages (lower case). A code page's
# reading of a text in the wrong code page mixes the letters of several of these ("Pøedseda daì").
ALPHABETS = {
    "French": "àâæçéèêëîïôœùûüÿ", "German": "äöüß", "Spanish": "áéíñóúü", "Portuguese": "áâãàçéêíóôõú",
    "Italian": "àèéìíîòóùú", "Catalan": "àçèéíïòóúü", "Dutch": "áéèëïóöü", "Swedish": "åäöé", "Danish and Norwegian":
    "æøåé", "Finnish and Estonian": "äöåõüšž", "Icelandic and Faroese": "áðéíóúýþæö", "Polish": "ąćęłńóśźż",
    "Czech and Slovak": "áäčďéěíĺľňóôŕřšťúůýž", "Hungarian": "áéíóöőúüű", "Romanian": "ăâîșțşţ",
    "Croatian and Slovene": "čćđšž", "Lithuanian": "ąčęėįšųūž", "Latvian": "āčēģīķļņšūž", "Turkish": "çğıöşü",
    "Albanian": "çë", "Welsh": "âêîôûŵŷ", "Irish": "áéíóú",
}
# Typographic punctuation and signs, with where each belongs: "open" before a word, "close" after one,
# "apostrophe" either, "space" between spaces or digits, "number" next to a digit.
# A dash may stand between spaces, digits or words ("word—word"), so it fits anywhere.
_PUNCT = {**dict.fromkeys("“‘«„‚‹¡¿", "open"), **dict.fromkeys("”»›…", "close"), "’": "apostrophe",
          **dict.fromkeys("•·", "space"), **dict.fromkeys("£€¥$°%±×½¼¾§", "number"),
          **dict.fromkeys("–—©®™\u00a0", "any")}
# After an apostrophe inside a word: the end of a contraction or possessive ("didn’t", "world’s").
_CONTRACTION_RE = re.compile(r"(?:s|t|d|m|ll|re|ve)(?![^\W\d_])", re.IGNORECASE)
_WORD_BEFORE_RE = re.compile(r"(?<![^\W\d_])[^\W\d_]*$")  # from a run's start only: linear

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
    confidence: str = "certain"
    """How sure the choice of ``encoding`` is: ``certain`` (a byte-order mark, valid UTF-8, or ASCII),
    ``likely`` (a legacy code page with enough evidence) or ``guess`` (a legacy code page chosen from
    few non-ASCII bytes, or by a narrow margin: check the accented letters and signs)."""


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to text with LF line ends and no invisible control characters."""
    if not data.strip():
        return Decoded(None, skipped="empty file" if not data else "file holds only white space")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return Decoded(None, skipped=f"binary file ({kind}), not text")
    warnings: list[str] = []
    text, encoding, confidence = _decode(data, warnings)
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
    return Decoded(text, encoding=encoding, warnings=warnings, invisible=invisible, confidence=confidence)


def repair_mojibake(text: str) -> tuple[str, str]:
    """Repair UTF-8 read as a legacy code page (``Lukashenkoâ€™s``); return the text and a note."""
    if text.isascii() or not _MOJIBAKE_HINT_RE.search(text) or not badness.is_bad(text):
        return text, ""
    fixed = ftfy.fix_text(text, _FTFY_CONFIG)
    if fixed == text:
        return text, ""
    sample = _first_difference(text, fixed)
    return fixed, f"repaired mojibake (ftfy), e.g. {sample}"


def _decode(data: bytes, warnings: list[str]) -> tuple[str | None, str, str]:
    """Text, encoding and confidence; or None and the reason the bytes are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, "certain"
            except UnicodeDecodeError as err:
                warnings.append(f"invalid {encoding} at byte {err.start}; undecodable bytes replaced with U+FFFD")
                return data.decode(encoding, errors="replace"), encoding, "certain"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16, "likely"
    nuls = data.count(0)
    if nuls:
        if nuls / len(data) > 0.1:
            return None, "binary file: over 10% NUL bytes", ""
        data = data.replace(b"\x00", b"")
        warnings.append(f"removed {nuls} NUL byte(s)")
    try:
        return data.decode("utf-8"), "utf-8", "certain"
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.end == len(data):
            dropped = len(data) - err.start
            warnings.append(f"a multi-byte character was cut off at the end of the file: dropped {dropped} byte(s)")
            return data[: err.start].decode("utf-8"), "utf-8", "certain"
        text, encoding, confidence = decode_legacy(data)
        warnings.append(f"not valid UTF-8 (byte {err.start}); {_legacy_note(data, text, encoding, confidence)}")
        return text, encoding, confidence


def decode_legacy(data: bytes) -> tuple[str, str, str]:
    """Decode bytes that are not UTF-8 with the likeliest legacy code page: ``(text, encoding, confidence)``.

    See the module docstring for the rules. Never raises: bytes no code page
    accepts are decoded as Latin-1, which takes every byte.
    """
    high = _high_bytes(data)
    if _isolated_share(data) >= MIN_ISOLATED_SHARE:
        return _decode_single_byte(data, high, LATIN_CODE_PAGES)
    guess = _detector_guess(data)
    if guess is not None and guess not in _WESTERN:
        text = _try_decode(data, guess)
        if text is not None and _one_script(text):
            return text, guess, "likely" if high >= MIN_LIKELY_MULTIBYTE else "guess"
    return _decode_single_byte(data, high, LATIN_CODE_PAGES + OTHER_SCRIPT_CODE_PAGES)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _one_script(text: str) -> bool:
    """Whether 80% of the letters beyond ASCII (in a sample) belong to one script other than Latin
    (CJK counts Han, kana and Hangul together; half-width katakana, which no running text is written in, is apart)."""
    scripts = Counter(_script(ch) for ch in _NON_ASCII_RE.findall(text[:20_000]) if ch.isalpha())
    if not scripts:
        return False
    script, n = scripts.most_common(1)[0]
    return script not in ("LATIN", "HALFWIDTH", "OTHER") and n >= 0.8 * sum(scripts.values())


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """The script of a letter, from the first word of its Unicode name (LATIN, CYRILLIC, GREEK, CJK …)."""
    first = unicodedata.name(ch, "OTHER").split()[0]
    return "CJK" if first in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL") else first


def _decode_single_byte(data: bytes, high: int, code_pages: tuple[str, ...]) -> tuple[str, str, str]:
    """Score each code page's reading of a sample; decode the whole with the best that accepts every byte."""
    sample = data[:SAMPLE_BYTES]
    readings = _readings(sample, code_pages)
    scores = {enc: plausibility(text) for enc, text in readings.items()}
    ranked = sorted(readings, key=lambda enc: -scores[enc])  # stable: ties stay in order of preference
    tied = [enc for enc in ranked if scores[enc] == scores[ranked[0]]]
    decisive = True
    if len(tied) > 1:
        winner, decisive = _break_tie(readings, tied)
        ranked = [winner] + [enc for enc in ranked if enc != winner]
    for best in ranked:
        text = _try_decode(data, best)
        if text is None:
            continue
        margin = scores[best] - max((scores[enc] for enc in readings if enc != best), default=-10**9)
        sure = high >= MIN_LIKELY_BYTES and (margin >= MIN_LIKELY_MARGIN or (margin == 0 and decisive))
        return text, best, "likely" if sure else "guess"
    return data.decode("latin_1"), "latin_1", "guess"


def _readings(sample: bytes, code_pages: tuple[str, ...]) -> dict[str, str]:
    """Each code page's reading of ``sample``; one that reads it exactly as an earlier one is left out."""
    readings: dict[str, str] = {}
    for encoding in code_pages:
        text = _try_decode(sample, encoding)
        if text is not None and text not in readings.values():
            readings[encoding] = text
    return readings


def plausibility(text: str) -> int:
    """How much the non-ASCII characters of ``text`` behave as they do in real text (higher is better).

    A letter (upper or lower case; not a modifier such as "ˇ") inside a word
    scores 2, or -2 where its case or script clashes with the letter beside it
    ("cafŽ", "ìWe", "inflaЌo"); a lone letter scores -1, and a letter stuck to a
    digit ("Ł15") 2 less. Typographic punctuation and signs in their
    place (an opening quote before a word, an apostrophe ending a contraction, a
    currency sign before a digit; a dash anywhere) score 2 as letters do, out of
    place -1. Control and private characters
    score -5, other symbols -2.
    """
    score = 0
    for match in _NON_ASCII_RE.finditer(text):
        i, ch = match.start(), match.group(0)
        before, after = text[i - 1:i] or " ", text[i + 1:i + 2] or " "
        if unicodedata.category(ch) in ("Lu", "Ll"):
            score += _letter_score(ch, before, after)
        elif ch in _PUNCT:
            fits = _apostrophe_fits(text, i) if ch == "’" else _punct_fits(_PUNCT[ch], before, after)
            score += 2 if fits else -1
        elif unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd":
            score -= 5
        else:
            score -= 2
    return score


def _letter_score(ch: str, before: str, after: str) -> int:
    if not (before.isalpha() or after.isalpha()):
        score = -1
    elif (ch.isupper() and before.islower()) or (ch.islower() and after.isupper()):
        score = -2
    elif any(n.isalpha() and _script(n) != _script(ch) for n in (before, after)):
        score = -2  # a Cyrillic letter inside a Latin word: "inflaЌ‹o"
    else:
        score = 2
    return score - 2 * (before.isdigit() or after.isdigit())


def _apostrophe_fits(text: str, i: int) -> bool:
    """An apostrophe or closing single quote at ``text[i]``: next to a word, or inside one as a contraction
    or possessive ("didn’t", "world’s"), before a capital ("O’Brien") or after an elided word ("l’état")."""
    before, after = text[i - 1:i], text[i + 1:i + 2]
    if not (before.isalpha() and after.isalpha()):
        return before.isalnum() or after.isalnum()
    if after.isupper() or _CONTRACTION_RE.match(text, i + 1):
        return True
    return len(_WORD_BEFORE_RE.search(text[max(0, i - 12):i]).group(0)) <= 2


def _punct_fits(place: str, before: str, after: str) -> bool:
    if place == "open":
        return after.isalnum() and not before.isalnum()
    if place == "close":
        return not after.isalnum() and not before.isspace()
    if place == "space":
        return before.isspace() or after.isspace() or before.isdigit() or after.isdigit()
    if place == "number":
        return before.isdigit() or after.isdigit() or after.isspace() or before.isspace()
    return True


def _break_tie(readings: dict[str, str], tied: list[str]) -> tuple[str, bool]:
    """Among code pages whose readings score the same, the one whose accented letters best fit one language's
    alphabet (:data:`ALPHABETS`), else the first; and whether that is clear (it fits 95% of them, the next less)."""
    fits = {enc: alphabet_fit(readings[enc]) for enc in tied}
    ranked = sorted(tied, key=lambda enc: -fits[enc])  # stable: equal fits keep the order of preference
    best, second = fits[ranked[0]], fits[ranked[1]]
    return ranked[0], best >= 0.95 and best - second >= 0.02


def alphabet_fit(text: str) -> float:
    """The largest share of the non-ASCII letters of ``text`` that one language's alphabet holds (1.0 if none)."""
    letters = Counter(ch.lower() for ch in _NON_ASCII_RE.findall(text) if unicodedata.category(ch) in ("Lu", "Ll"))
    total = sum(letters.values())
    if not total:
        return 1.0
    return max(sum(n for ch, n in letters.items() if ch in alphabet) for alphabet in ALPHABETS.values()) / total


def _detector_guess(data: bytes) -> str | None:
    best = from_bytes(data[:SAMPLE_BYTES]).best()
    return codecs.lookup(best.encoding).name.replace("-", "_") if best else None


def _high_bytes(data: bytes) -> int:
    return len(data) - len(data.translate(None, bytes(range(128, 256))))


def _isolated_share(data: bytes) -> float:
    """Share of the bytes above 0x7F (in a sample) whose neighbours are both ASCII (1.0 when there are none)."""
    sample = data[:SAMPLE_BYTES]
    high = _high_bytes(sample)
    if not high:
        return 1.0
    in_runs = sum(len(run) for run in _HIGH_RUN_RE.findall(sample))
    return (high - in_runs) / high


def _legacy_note(data: bytes, text: str, encoding: str, confidence: str) -> str:
    """"decoded as cp1252 (a guess from 1 non-ASCII byte: check the £)"."""
    high = _high_bytes(data)
    seen = sorted({ch for ch in text if ch >= "\x80"}, key=text.index)[:12]
    byte_s = "byte" if high == 1 else "bytes"
    how = "a guess" if confidence == "guess" else "likely"
    return f"decoded as {encoding} ({how} from {high} non-ASCII {byte_s}: check the {' '.join(seen)})"


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
