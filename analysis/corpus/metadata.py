"""Article metadata: the column names of common exports, strict dates, and where a source comes from."""
from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

import pandas as pd

# The first name found in a table wins. Media Cloud, GDELT, NewsAPI and common scraper exports.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article_text", "full_text", "fulltext", "story_text", "article", "maintext"),
    "title": ("title", "headline", "heading"),
    "source": ("source", "media_name", "outlet", "publisher", "source_name", "site_name",
               "media", "domain", "sourcecommonname"),
    "published": ("published", "publish_date", "published_at", "publication_date", "pub_date", "date",
                  "datetime", "seendate", "date_published", "publishedat"),
    "url": ("url", "link", "article_url", "source_url", "documentidentifier"),
    "byline": ("byline", "author", "authors", "creator"),
    "id": ("article_id", "id", "stories_id", "story_id", "guid", "uid"),
}

_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_NUMERIC_RE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_WEEKDAY_RE = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_NAMED_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y")
_URL_RE = re.compile(r"https?://([^/\s\"'<>)]+)", re.IGNORECASE)
# Timestamps are stored at nanosecond precision (pandas, Arrow), which covers these dates only.
FIRST_DATE, LAST_DATE = pd.Timestamp("1678-01-01"), pd.Timestamp("2261-12-31")


def find_column(columns, field: str, *, explicit: str | None = None) -> str | None:
    """The column of ``columns`` that holds ``field`` (``explicit`` wins; else the first alias present)."""
    if explicit is not None:
        return explicit if explicit in columns else None
    lower = {str(c).strip().lower(): c for c in columns}
    return next((lower[a] for a in COLUMN_ALIASES[field] if a in lower), None)


def parse_date(value) -> tuple[pd.Timestamp | None, str | None]:
    """Parse a publication date strictly. Returns ``(timestamp or None, warning or None)``.

    Accepted: ISO 8601 (``2023-03-01``, ``2023-03-01T10:00:00Z``; time zones are
    converted to UTC), dates with a month name (``March 1, 2023``,
    ``1 Mar 2023``), and day/month/year numbers only where they cannot be read
    two ways (``25/12/2023``). ``03/04/2024`` is ambiguous: it gets a warning
    and no date, never a guess. Dates outside 1678-2261 (which pandas and Arrow
    cannot store, such as the placeholder ``9999-12-31``) are left missing, with
    a warning.
    """
    stamp, warning = _parse(value)
    if stamp is not None and not FIRST_DATE <= stamp <= LAST_DATE:
        return None, (f"date {str(value).strip()!r} is outside the years 1678-2261 that can be stored "
                      "(a placeholder such as 9999-12-31?): left missing")
    return stamp, warning


def _parse(value) -> tuple[pd.Timestamp | None, str | None]:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None, None
    if isinstance(value, (pd.Timestamp, datetime)):
        return _naive(pd.Timestamp(value)), None
    text = str(value).strip()
    if not text:
        return None, None
    if _ISO_RE.fullmatch(text):
        try:
            return _naive(pd.Timestamp(text)), None
        except ValueError:
            return None, f"invalid date {text!r}"
    numeric = _NUMERIC_RE.fullmatch(text)
    if numeric:
        return _parse_numeric(text, *numeric.groups())
    named = _WEEKDAY_RE.sub("", text).replace(",", " ").replace(".", " ")
    named = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", " ".join(named.split()))
    for fmt in _NAMED_FORMATS:
        try:
            return pd.Timestamp(datetime.strptime(named, fmt)), None
        except ValueError:
            continue
    return None, f"unrecognised date {text!r} (expected ISO 8601 such as 2023-03-01)"


_FILE_DATE_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_YEAR_RE = re.compile(r"\s*(\d{4})\s*")


def date_in_file_name(path: str) -> tuple[pd.Timestamp | None, str | None]:
    """The ISO date in a file's name (``2024-03-04-port-strike.txt``, ``strike_2024-03-04.txt``), with a warning
    when it is not a valid date or the name holds two different dates. Only ISO dates are read: ``04-03-2024``
    could be either way round, and is left alone."""
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    found = {m.group(0) for m in _FILE_DATE_RE.finditer(name)}
    if not found:
        return None, None
    if len(found) > 1:
        return None, f"the file name {name!r} holds two dates ({', '.join(sorted(found))}); neither is used"
    stamp, warning = parse_date(found.pop())
    return stamp, (f"{warning} in the file name {name!r}" if warning else None)


_NAME_YEAR_RE = re.compile(r"(?<![\d])(19\d\d|20\d\d)(?![\d])")


def year_in_file_name(path: str) -> int | None:
    """The year a file's name gives: its ISO date's, or a lone year (``strike-2024.txt``, ``2024_port.txt``); None
    when it gives none, or two different ones."""
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    years = {int(y) for y in _NAME_YEAR_RE.findall(name)}
    return years.pop() if len(years) == 1 else None


def year_only(value) -> int | None:
    """A value that is a year and nothing else (``2024``, ``"2024"``, a manifest's ``year`` column), else None."""
    if value is None or isinstance(value, bool) or (isinstance(value, float) and (pd.isna(value) or value % 1)):
        return None
    match = _YEAR_RE.fullmatch(str(int(value)) if isinstance(value, float) else str(value))
    year = int(match.group(1)) if match else None
    return year if year is not None and FIRST_DATE.year <= year <= LAST_DATE.year else None


def domain_of(url: str) -> str | None:
    """The host of a URL without ``www.``: ``https://www.cnn.com/x`` gives ``cnn.com``."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def url_domain_in(text: str) -> str | None:
    """The domain of the first URL written in ``text``, if any."""
    match = _URL_RE.search(text[:20_000])
    return domain_of(match.group(0)) if match else None


def _naive(ts: pd.Timestamp) -> pd.Timestamp:
    return ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo is not None else ts


def _parse_numeric(text: str, a: str, b: str, year: str) -> tuple[pd.Timestamp | None, str | None]:
    first, second = int(a), int(b)
    if len(year) == 2:
        return None, f"ambiguous date {text!r}: two-digit year; not guessed"
    if first <= 12 and second <= 12 and first != second:
        return None, f"ambiguous date {text!r}: day and month could be either way round; not guessed"
    day, month = (first, second) if first > 12 else (second, first) if second > 12 else (first, second)
    try:
        return pd.Timestamp(year=int(year), month=month, day=day), None
    except ValueError:
        return None, f"invalid date {text!r}"
