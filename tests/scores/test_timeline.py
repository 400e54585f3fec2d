"""Over time: periods chosen from the date range keep a chart to about 60 points, at any corpus size."""
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.scores.timeline import choose_frequency, coverage_over_time, events, period_width, spans_several_dates


@pytest.mark.parametrize("days, expected", [
    (0, "D"), (31, "D"), (32, "W"), (182, "W"), (183, "M"), (5 * 366, "M"), (5 * 366 + 1, "Q"),
    (15 * 366, "Q"), (15 * 366 + 1, "Y"), (40 * 365, "Y"),
])
def test_frequency_from_the_span_of_dates(days, expected):
    start = pd.Timestamp("2001-01-01")
    assert choose_frequency(pd.Series([start, start + pd.Timedelta(days=days)])) == expected


def test_no_dates_and_zoned_dates():
    assert choose_frequency(pd.Series([pd.NaT, pd.NaT])) == "D"
    zoned = pd.Series(pd.to_datetime(["2024-01-01T23:30:00+02:00", "2024-03-01T00:00:00+00:00"], utc=True))
    assert choose_frequency(zoned.dt.tz_convert("Europe/Berlin")) == "W"


def articles(n, *, years, sources=5, seed=0):
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2000-01-01")
    offsets = pd.to_timedelta(rng.integers(0, int(years * 365.25 * 24), n), unit="h")
    return pd.DataFrame({"article_id": np.arange(n), "source": rng.choice([f"S{i}" for i in range(sources)], n),
                         "published": start + offsets, "vader": rng.uniform(-1, 1, n)})


@pytest.mark.parametrize("years, freq", [(0.05, "D"), (0.4, "W"), (3, "M"), (12, "Q"), (30, "Y")])
def test_a_hundred_thousand_articles_bin_to_a_readable_number_of_points(years, freq):
    frame = articles(100_000, years=years)
    out = coverage_over_time(frame, measure="vader")
    assert out["freq"].unique().tolist() == [freq]
    assert out.groupby("source")["period"].nunique().max() <= 62
    assert out["n_articles"].sum() == 100_000
    assert set(out.columns) == {"source", "period", "n_articles", "tone", "freq"}


def test_weeks_start_on_monday_and_zoned_dates_raise_no_warning():
    frame = pd.DataFrame({"article_id": [1, 2, 3], "source": "A", "vader": [0.1, 0.2, 0.3],
                          "published": pd.to_datetime(["2024-01-03T10:00:00+05:00", "2024-01-07T23:00:00+00:00",
                                                       "2024-03-01T00:00:00+00:00"], utc=True)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = coverage_over_time(frame)
    assert out["freq"].iloc[0] == "W"
    assert (out["period"].dt.day_of_week == 0).all()
    assert out["n_articles"].tolist() == [2, 1]


def test_undated_articles_are_left_out_and_counting_needs_no_tone():
    frame = pd.DataFrame({"article_id": [1, 2], "source": ["A", "B"],
                          "published": [pd.Timestamp("2024-01-01"), pd.NaT]})
    out = coverage_over_time(frame, measure=None)
    assert out[["source", "n_articles"]].values.tolist() == [["A", 1]] and "tone" not in out


@pytest.mark.parametrize("freq, days", [("D", 1), ("W", 7), ("M", 30.44), ("Y", 365.25)])
def test_period_width(freq, days):
    assert period_width(freq) == pd.Timedelta(days=days)


def test_events_and_spans():
    frame = pd.DataFrame({"article_id": [1, 2, 3], "event": ["talks", "talks", None],
                          "published": pd.to_datetime(["2024-01-02", "2024-01-01", "2024-02-01"])})
    table = events(frame)
    assert table.to_dict("records") == [{"event": "talks", "start": pd.Timestamp("2024-01-01"),
                                         "end": pd.Timestamp("2024-01-02"), "n_articles": 2}]
    assert events(frame.drop(columns="event")).empty
    assert spans_several_dates(frame) and not spans_several_dates(frame.iloc[:1])
