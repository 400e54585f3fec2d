"""Numbers as news writes them, read into comparable quantities: "5%", "5 per cent", "five percent"; "$2.5bn",
"2.5 billion dollars"; "a quarter of a percentage point", "25 basis points"; "almost 9,000"; and the dates and
times a sentence gives ("Tuesday", "March 4", "2024", "9:14 p.m.").

The words come from the one tokenizer (:func:`analysis.text.tokens.scan`); what it leaves out of a word (a
currency sign before a number, a "%" after it, "bn" glued to it) is read from the characters around the number.
:func:`pieces` turns a sentence into words and numbers; :func:`read_quantities` finds the quantities among
them. A quantity has a kind (``count``, ``pct`` for percents, ``pp`` for percentage points, ``money`` with its
currency, ``measure`` and ``duration`` with their unit, ``one`` for a bare "one", which is too often a pronoun to
compare), its value, whether the sentence says it is approximate ("about", "more than"), and its resolution
("2.4m" is given to the nearest 100,000), so that a rounded figure can stand for a precise one.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from analysis.stories.lexicon import FactWords
from analysis.text.tokens import Token, compound_parts, is_compound, scan

SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "millions": 1e6,
         "billion": 1e9, "bn": 1e9, "b": 1e9, "billions": 1e9, "trillion": 1e12, "tn": 1e12, "crore": 1e7,
         "lakh": 1e5}
GLUED_ONLY = frozenset({"m", "b", "k"})  # scale letters read only when glued to the number ("2.4m")
NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12}
SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
             "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1}
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
CURRENCIES = {"$": "$", "us$": "$", "£": "£", "€": "€", "¥": "¥", "₹": "₹", "c$": "c$", "a$": "a$", "hk$": "hk$",
              "nz$": "nz$", "s$": "s$"}
DOLLAR_NATIONS = {"canadian": "c$", "australian": "a$", "us": "$", "hong": "hk$", "new": "nz$", "singapore": "s$"}
_CURRENCY_BEFORE_RE = re.compile(r"((?:[A-Z]{1,2})?[$£€¥₹])\s?$")
_GLUED_RE = re.compile(r"(\d[\d.,]*)([a-z%]{1,8})")
_YEARS_RE = re.compile(r"(\d{4})[-\u2013/](\d{2})")
_SCORE_RE = re.compile(r"(\d+)[-\u2013](\d+)")
_CLOCK_RE = re.compile(r"\d{1,2}:\d{2}")  # "9:14"; "9.14" only before "a.m."/"p.m."
_DOT_CLOCK_RE = re.compile(r"\d{1,2}\.\d{2}")
_THREE_DIGITS_RE = re.compile(r"\d{3}")
PARTY_TAG_RE = re.compile(r"[DRI]-[A-Z][A-Za-z]{1,3}")  # "D-Minn", "R-Tenn", "D-N" (of "D-N.Y.")


class Piece(NamedTuple):
    """A word or a number of a sentence, as :func:`pieces` reads it."""

    kind: str  # word, number, money, years, clock, tag (a party–state tag: "D-Minn.", "R-Tenn.")
    raw: str
    info: tuple = ()  # number: (suffix,); money: (currency, digits, suffix); years: (first, last)
    opens: bool = False  # the first piece after punctuation (or of the sentence): names never run across it


class Quantity(NamedTuple):
    """A number read with its kind and unit (module docstring)."""

    values: tuple[float, ...]  # its readings: 5% is (5, 0.05); "a quarter" is (0.25, 25)
    kind: str
    unit: str
    approximate: bool
    resolution: float
    value: float


def pieces(text: str) -> list[Piece]:
    """The words and numbers of a sentence, in order."""
    out: list[Piece] = []
    chunks = [[part for token in chunk for part in _parts(token)] for chunk in scan(text)]
    tokens = [token for chunk in chunks for token in chunk]
    openers = {id(chunk[0]) for chunk in chunks}
    skip = set()
    for k, token in enumerate(tokens):
        if k in skip:
            continue
        raw, start, end = token.raw, token.start, token.end
        if id(token) in openers:
            out.append(Piece("break", ""))
        if PARTY_TAG_RE.fullmatch(raw):
            out.append(Piece("tag", raw))
            continue
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        meridiem = following is not None and following.norm in ("a.m.", "p.m.", "am", "pm")
        if _CLOCK_RE.fullmatch(raw) or (meridiem and _DOT_CLOCK_RE.fullmatch(raw)):
            if meridiem:
                skip.add(k + 1)
                out.append(Piece("clock", raw, (raw.replace(".", ":") + following.norm[0],)))
            else:
                out.append(Piece("clock", raw, (raw.replace(".", ":"),)))
            continue
        if (match := _YEARS_RE.fullmatch(raw)) is not None:
            first = int(match.group(1))
            out.append(Piece("years", raw, (first, first // 100 * 100 + int(match.group(2)))))
            continue
        if (match := _SCORE_RE.fullmatch(raw)) is not None:
            out += [Piece("number", match.group(1), ("score",)), Piece("number", match.group(2), ("score",))]
            continue
        digits, suffix = raw, ""
        if not token.number:
            match = _GLUED_RE.fullmatch(token.norm)
            if match is None:
                out.append(Piece("word", raw))
                continue
            digits, suffix = match.group(1), match.group(2)
        elif following is not None and following.start == end and following.norm in SCALE:
            suffix = following.norm  # "2.5bn", "3.5million"
            skip.add(k + 1)
        elif following is not None and following.number and _THREE_DIGITS_RE.fullmatch(following.raw) \
                and text[end:following.start] in (" ", "\u00a0") and len(digits) <= 3 and digits.isdigit():
            digits = digits + following.raw  # "1 200": a space between the thousands
            skip.add(k + 1)
        if text[end:end + 1] == "%":
            suffix = "%"
        currency = _CURRENCY_BEFORE_RE.search(text, max(0, start - 4), start)
        if currency is not None:
            letters = currency.group(1)[:-1]
            if letters and out and out[-1].kind == "word" and out[-1].raw == letters:
                out.pop()  # "C$55bn": the C is part of the currency
            out.append(Piece("money", raw, (currency.group(1).lower(), digits, suffix)))
        else:
            out.append(Piece("number", digits, (suffix,)))
    return _mark_openers(out)


def _parts(token: Token) -> list[Token]:
    """A hyphenated word as its parts ("sixty-seven", "loss-making", "14th-century"), except a range of years,
    a score or a party–state tag, which are read whole."""
    if is_compound(token) and not (_YEARS_RE.fullmatch(token.raw) or _SCORE_RE.fullmatch(token.raw)
                                   or PARTY_TAG_RE.fullmatch(token.raw)):
        return compound_parts(token)
    return [token]


def _mark_openers(found: list[Piece]) -> list[Piece]:
    """Drop the break markers, marking the piece after each as ``opens``."""
    out, opening = [], True
    for piece in found:
        if piece.kind == "break":
            opening = True
            continue
        out.append(piece._replace(opens=opening))
        opening = False
    return out


def parse_digits(text: str) -> tuple[float | None, float]:
    """``"1,200"`` → 1200, ``"4,1"`` → 4.1 (a decimal comma), ``"1 200"`` → 1200: ``(value, resolution)``, the
    resolution being the place of the last digit given (1,200 to the nearest 100; 2.4 to the nearest 0.1)."""
    text = text.replace("\u00a0", "").replace(" ", "")
    if "," in text and "." not in text:
        whole, _, rest = text.partition(",")
        text = f"{whole}.{rest}" if text.count(",") == 1 and len(rest) in (1, 2) else text.replace(",", "")
    else:
        text = text.replace(",", "")
    if text.count(".") > 1:
        text = text.replace(".", "")
    try:
        value = float(text)
    except ValueError:
        return None, 1.0
    if "." in text:
        return value, 10.0 ** -len(text.split(".")[1])
    significant = text.lstrip("0") or "0"
    zeros = len(significant) - len(significant.rstrip("0"))
    return value, (10.0 ** zeros if value else 1.0)


def number_from_words(low: list[str], i: int) -> tuple[float, int, bool] | None:
    """A number written in words from ``low[i]``: ``(value, index after it, is a fraction)``, or None.

    "fourteen", "thirty-eight", "three hundred and fifty", "one thousand two hundred", "a quarter", "half",
    "two thirds", "six and a half", "one in six"."""
    word, n = low[i], len(low)
    if word in ("a", "one") and i + 1 < n and low[i + 1] in FRACTIONS:
        if word == "a" and low[i + 1] in ("quarter", "third") and i + 2 < n and low[i + 2] == "century":
            return None
        return FRACTIONS[low[i + 1]], i + 2, True
    if word == "half":
        return 0.5, i + 1, True
    if word not in NUMBER_WORDS:
        return None
    total = current = 0.0
    j, last = i, None
    while j < n:
        x = low[j]
        if x in NUMBER_WORDS:
            value = NUMBER_WORDS[x]
            if last is not None and last != "scale" and not (last >= 20 and last % 10 == 0 and value < 10):
                break
            current, last, j = current + value, value, j + 1
        elif x in SCALE_WORDS and j > i:
            if x == "hundred":
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * SCALE_WORDS[x], 0.0
            last, j = "scale", j + 1
        elif x == "and" and j + 1 < n and low[j + 1] in NUMBER_WORDS and last == "scale":
            last, j = None, j + 1
        else:
            break
    value = total + current
    if j < n and low[j] in ("thirds", "quarters", "fifths", "tenths") and 2 <= value <= 9:
        return value * FRACTIONS[low[j]], j + 1, True
    if j + 2 < n and low[j] == "and" and low[j + 1] == "a" and low[j + 2] in FRACTIONS:
        return value + FRACTIONS[low[j + 2]], j + 3, False
    if j + 1 < n and low[j] == "in" and low[j + 1] in NUMBER_WORDS and value in (1, 2, 3) and j == i + 1:
        return value / NUMBER_WORDS[low[j + 1]], j + 2, True
    return value, j, False


def read_quantities(parts: list[Piece], low: list[str], words: FactWords
                    ) -> tuple[list[Quantity], dict[str, set], list[bool]]:
    """The quantities among a sentence's pieces, the times it gives (``{category: values}``: year, day, clock;
    weekdays and months are read with the words), and which pieces they took."""
    quantities: list[Quantity] = []
    times: dict[str, set] = {}
    taken = [False] * len(parts)
    i = 0
    while i < len(parts):
        part = parts[i]
        if part.kind == "years":
            times.setdefault("year", set()).update(part.info)
            taken[i], i = True, i + 1
            continue
        if part.kind == "clock":
            times.setdefault("clock", set()).add(part.info[0])
            taken[i], i = True, i + 1
            continue
        found = _number_at(parts, low, i, words)
        if found is None:
            i += 1
            continue
        value, resolution, kind, unit, j, fraction, currency = found
        time = _as_time(parts, low, i, j, value, resolution, kind, words)
        if time is not None:
            category, stamp = time
            times.setdefault(category, set()).add(stamp)
            taken[i:j] = [True] * (j - i)
            i = j
            continue
        value, resolution, kind, unit, j = _with_scale_and_unit(parts, low, j, value, resolution, kind, unit, words)
        if currency is not None:
            kind, unit = "money", currency
        approximate = (i >= 1 and low[i - 1] in words.approximate) or \
            (i >= 2 and (low[i - 2], low[i - 1]) in words.approximate_pairs)
        if fraction and kind == "count":
            values, kind = (value, value * 100.0), "pct"
        elif kind == "pct":
            values = (value, value / 100.0)
        else:
            values = (value,)
        if part.kind == "word" and value == 1 and not fraction:
            kind = "one"
        quantities.append(Quantity(values, kind, unit, approximate, resolution, value))
        taken[i:j] = [True] * (j - i)
        i = j
    return quantities, times, taken


def _number_at(parts, low, i, words):
    """The number that starts at ``parts[i]``: ``(value, resolution, kind, unit, index after, is a fraction,
    currency)``, or None."""
    part = parts[i]
    kind, unit, currency = "count", "", None
    if part.kind == "money":
        currency = CURRENCIES.get(part.info[0], part.info[0])
        value, resolution = parse_digits(part.info[1])
        suffix = part.info[2]
        if value is not None and suffix in SCALE:
            value, resolution = value * SCALE[suffix], resolution * SCALE[suffix]
        return (None if value is None else (value, resolution, kind, unit, i + 1, False, currency))
    if part.kind == "number":
        value, resolution = parse_digits(part.raw)
        if value is None:
            return None
        suffix = part.info[0]
        if suffix in SCALE:
            value, resolution = value * SCALE[suffix], resolution * SCALE[suffix]
        elif suffix == "%":
            kind, unit = "pct", "%"
        elif suffix in ORDINAL_SUFFIXES:
            kind = "ordinal"
        elif suffix in words.units:
            kind, unit, multiplier = words.units[suffix]
            value, resolution = value * multiplier, resolution * multiplier
        return value, resolution, kind, unit, i + 1, False, None
    if part.kind == "word":
        found = number_from_words(low, i)
        if found is None:
            return None
        value, j, fraction = found
        if low[i] == "one" and j == i + 1 and j < len(low) and low[j] in ("of", "another", "who", "that"):
            return None  # "one of them": a pronoun
        return value, (0.0001 if fraction else 1.0), kind, unit, j, fraction, None
    return None


def _as_time(parts, low, i, j, value, resolution, kind, words) -> tuple[str, object] | None:
    """A plain whole number next to a month's name is a day ("March 4"); one from 1900 to 2100 a year."""
    if parts[i].kind != "number" or kind != "count" or parts[i].info[0] or resolution < 1:
        return None
    before = parts[i - 1].raw if i > 0 else ""
    after = parts[j].raw if j < len(parts) else ""
    month = next((w for w in (before, after) if w[:1].isupper() and words.times.get(w.lower().rstrip("."),
                                                                                   ("",))[0] == "month"), None)
    if month is not None and 1 <= value <= 31 and value == int(value):
        return "day", f"{words.times[month.lower().rstrip('.')][1]}-{int(value)}"
    if 1900 <= value <= 2100 and "," not in parts[i].raw and \
            (j >= len(low) or (low[j] not in SCALE and low[j] not in words.units)):
        return "year", int(value)
    return None


def _with_scale_and_unit(parts, low, j, value, resolution, kind, unit, words):
    """Scale words after a number ("2.5 billion"), then its unit ("per cent", "percentage points", "dollars",
    "Canadian dollars", "years"): ``(value, resolution, kind, unit, index after)``."""
    n = len(parts)
    while j < n and parts[j].kind == "word" and low[j] in SCALE and low[j] not in GLUED_ONLY:
        value, resolution, j = value * SCALE[low[j]], resolution * SCALE[low[j]], j + 1
    if kind == "count" and j + 1 < n and low[j] == "per" and low[j + 1] == "cent":
        kind, unit, j = "pct", "%", j + 2
    elif kind == "count" and j < n:
        word = low[j]
        if parts[j].kind == "word" and word in words.units:
            unit_kind, unit_name, multiplier = words.units[word]
            if word in ("percentage", "basis"):
                if j + 1 < n and low[j + 1] in ("point", "points"):
                    kind, unit = "pp", "pp"
                    value, resolution, j = value * multiplier, resolution * multiplier, j + 2
            elif word != "per" and not (unit_kind == "measure" and word == "p"):
                kind, unit = unit_kind, unit_name
                value, resolution, j = value * multiplier, resolution * multiplier, j + 1
        elif word in DOLLAR_NATIONS and j + 1 < n and low[j + 1] in ("dollar", "dollars"):
            kind, unit, j = "money", DOLLAR_NATIONS[word], j + 2
        else:
            k = j
            while k < n and k < j + 2 and low[k] in ("a", "of"):
                k += 1
            if k > j and k + 1 < n and low[k] == "percentage" and low[k + 1] in ("point", "points"):
                kind, unit, j = "pp", "pp", k + 2
    if kind == "count" and j < n and parts[j].kind == "word" and words.units.get(low[j], ("",))[0] == "duration":
        kind, unit = "duration", words.units[low[j]][1]
    elif kind == "count" and j + 1 < n and low[j] not in words.stop and parts[j + 1].kind == "word" \
            and words.units.get(low[j + 1], ("",))[0] == "duration":
        kind, unit = "duration", words.units[low[j + 1]][1]  # "31 long years"
    return value, resolution, kind, unit, j
