"""Strict dates, export column names and URL domains."""
import pandas as pd
import pytest

from analysis.corpus.metadata import domain_of, find_column, parse_date, url_domain_in


@pytest.mark.parametrize("value, expected", [
    ("2023-03-01", "2023-03-01"),
    ("2023-03-01T23:30:00Z", "2023-03-01 23:30:00"),
    ("2023-03-02T01:30:00+02:00", "2023-03-01 23:30:00"),
    ("March 1, 2023", "2023-03-01"),
    ("Wednesday, March 1, 2023", "2023-03-01"),
    ("1 Mar 2023", "2023-03-01"),
    ("Mar. 1st, 2023", "2023-03-01"),
    ("25/12/2023", "2023-12-25"),
    ("12/25/2023", "2023-12-25"),
    (pd.Timestamp("2023-03-01 10:00", tz="UTC"), "2023-03-01 10:00:00"),
])
def test_unambiguous_dates_parse(value, expected):
    stamp, warning = parse_date(value)
    assert (stamp, warning) == (pd.Timestamp(expected), None)


@pytest.mark.parametrize("value, words", [
    ("03/04/2024", "ambiguous"),
    ("03.04.24", "two-digit year"),
    ("2023-02-30", "invalid date"),
    ("last Tuesday", "unrecognised date"),
])
def test_ambiguous_or_bad_dates_are_never_guessed(value, words):
    stamp, warning = parse_date(value)
    assert stamp is None and words in warning


@pytest.mark.parametrize("value", [None, "", float("nan")])
def test_missing_dates_are_silent(value):
    assert parse_date(value) == (None, None)


@pytest.mark.parametrize("columns, field, expected", [
    (["stories_id", "publish_date", "title", "url", "media_name", "text"], "published", "publish_date"),
    (["stories_id", "publish_date", "title", "url", "media_name", "text"], "source", "media_name"),
    (["Headline", "Body"], "text", "Body"),
    (["a", "b"], "text", None),
])
def test_common_export_columns_are_recognised(columns, field, expected):
    assert find_column(columns, field) == expected


def test_explicit_column_wins_or_is_missing():
    assert find_column(["x", "text"], "text", explicit="x") == "x"
    assert find_column(["text"], "text", explicit="missing") is None


def test_domains():
    assert domain_of("https://www.cnn.com/2023/03/01/x.html") == "cnn.com"
    assert url_domain_in("Read it at https://news.example.org/a?b=1 today") == "news.example.org"
    assert url_domain_in("no link here") is None


# ---------------------------------------------------------------- dates in file names and datelines

@pytest.mark.parametrize("path, expected, warned", [
    ("2024-03-04-port-strike.txt", "2024-03-04", None),
    ("harbour/strike_2024-03-04.txt", "2024-03-04", None),
    ("2024-03-04/strike.txt", None, None),             # a folder's date is not the file's
    ("04-03-2024-strike.txt", None, None),             # day and month either way round: never read
    ("strike-20240304.txt", None, None),               # not ISO
    ("2024-13-45-strike.txt", None, "invalid date"),   # wrong: reported, not used
    ("2024-03-04-to-2024-03-09.txt", None, "two dates"),
])
def test_only_an_iso_date_in_a_file_name_is_read(path, expected, warned):
    from analysis.corpus.metadata import date_in_file_name

    stamp, warning = date_in_file_name(path)
    assert stamp == (pd.Timestamp(expected) if expected else None)
    assert (warned is None and warning is None) or warned in warning


@pytest.mark.parametrize("value, expected", [(2024, 2024), ("2024", 2024), (" 1999 ", 1999), (2024.0, 2024),
                                             ("2024-03-01", None), ("24", None), (None, None), (True, None),
                                             (float("nan"), None), ("9999", None)])
def test_a_year_only_value_gives_a_year(value, expected):
    from analysis.corpus.metadata import year_only

    assert year_only(value) == expected
