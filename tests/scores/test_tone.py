"""Tone summaries: intervals contain the mean and narrow as n grows; agreement; article formula."""
import numpy as np
import pandas as pd
import pytest

from analysis.scores.tone import (article_tone, bootstrap_mean_ci, extreme_sentences, spearman, tone_agreement,
                                  tone_by_position, tone_by_source)


def scored_frame(n_per_source=40, seed=1):
    rng = np.random.default_rng(seed)
    rows = []
    for source, centre in (("Up", 0.3), ("Down", -0.3)):
        for i in range(n_per_source):
            p = float(np.clip(rng.normal(centre, 0.2), -1, 1))
            rows.append({"article_id": f"{source}{i // 4}", "source": source, "sentence_no": i % 4,
                         "article_sentences": 4, "textblob": p, "vader": float(np.clip(p * 1.5, -1, 1)),
                         "no_signal": False, "text": f"s{i}", "drivers": "", "voice": "narration"})
    return pd.DataFrame(rows)


def test_interval_contains_the_mean_and_directions_are_right():
    out = tone_by_source(scored_frame()).set_index(["source", "measure"])
    for _, row in out.iterrows():
        assert row["ci_low"] <= row["mean"] <= row["ci_high"]
    assert out.loc[("Up", "textblob"), "ci_low"] > 0 > out.loc[("Down", "textblob"), "ci_high"]
    assert out.loc[("Up", "textblob"), "n_articles"] == 10
    assert out.loc[("Up", "textblob"), "resampled"] == "article"


def test_interval_narrows_as_n_grows():
    rng = np.random.default_rng(0)
    widths = []
    for n in (20, 200, 2000):
        low, high = bootstrap_mean_ci(rng.normal(0, 1, n), rng=np.random.default_rng(0))
        widths.append(high - low)
    assert widths[0] > widths[1] > widths[2]


def test_cluster_bootstrap_is_wider_than_sentence_bootstrap_for_clustered_data():
    values = np.repeat([0.5, -0.5, 0.4, -0.4, 0.3, -0.3], 20)
    clusters = np.repeat(list("abcdef"), 20)
    narrow = bootstrap_mean_ci(values)
    wide = bootstrap_mean_ci(values, clusters=clusters)
    assert (wide[1] - wide[0]) > 2 * (narrow[1] - narrow[0])


def test_too_little_data_gives_no_interval():
    assert all(np.isnan(bootstrap_mean_ci(np.array([0.2]))))


def test_no_signal_sentences_are_counted_but_not_averaged():
    frame = scored_frame(8)
    frame.loc[frame.index[:4], ["textblob", "vader", "no_signal"]] = [0.0, 0.0, True]
    row = tone_by_source(frame).set_index(["source", "measure"]).loc[("Up", "textblob")]
    assert (row["n_sentences"], row["n_scored"], row["n_no_signal"]) == (8, 4, 4)


def test_grouping_by_several_columns_and_bad_options():
    out = tone_by_source(scored_frame(), by=["source", "voice"], measures=["vader"])
    assert set(out.columns[:3]) == {"source", "voice", "measure"}
    with pytest.raises(ValueError, match="resample"):
        tone_by_source(scored_frame(), resample="bogus")
    with pytest.raises(KeyError, match="Score sentences first"):
        tone_by_source(pd.DataFrame({"source": ["x"]}))


def test_agreement_and_direction_flag():
    frame = scored_frame()
    out = tone_agreement(frame).set_index("source")
    assert out.loc["Up", "spearman"] == pytest.approx(1.0, abs=1e-3)
    assert not out["direction_disagrees"].any()
    frame.loc[frame["source"] == "Up", "vader"] *= -1
    assert tone_agreement(frame).set_index("source").loc["Up", "direction_disagrees"]


def test_spearman_matches_a_hand_computed_value():
    assert spearman(pd.Series([1, 2, 3, 4]), pd.Series([1, 3, 2, 4])) == pytest.approx(0.8)


def test_article_tone_is_the_plain_mean_of_its_sentences():
    frame = scored_frame()
    out = article_tone(frame).set_index("article_id")
    expected = frame[frame["article_id"] == "Up0"]["textblob"].mean()
    assert out.loc["Up0", "textblob"] == pytest.approx(expected)
    assert out.loc["Up0", "n_sentences"] == 4


def test_position_bins_and_extremes():
    frame = scored_frame()
    positions = tone_by_position(frame, bins=4)
    assert set(positions["position"]) == {"0-25%", "25-50%", "50-75%", "75-100%"}
    extremes = extreme_sentences(frame, n=2)
    up = extremes[extremes["source"] == "Up"]
    assert (up[up["direction"] == "most positive"]["textblob"] >= frame["textblob"].quantile(0.9)).all()


def test_large_groups_get_the_bootstraps_normal_limit(monkeypatch):
    from analysis.scores import tone

    rng = np.random.default_rng(3)
    counts = rng.integers(1, 60, size=8_000)  # articles of very different lengths, skewed tone
    sums = np.array([rng.gamma(0.5, 0.3, c).sum() - 0.1 * c for c in counts])
    normal = tone.bootstrap_from_sums(sums, counts)
    assert normal == tone.ratio_normal_ci(sums, counts)  # beyond NORMAL_ABOVE: no draws
    monkeypatch.setattr(tone, "NORMAL_ABOVE", 10**9)
    drawn = tone.bootstrap_from_sums(sums, counts, rng=np.random.default_rng(0))
    width = drawn[1] - drawn[0]
    assert abs(normal[0] - drawn[0]) < 0.05 * width and abs(normal[1] - drawn[1]) < 0.05 * width
    values = rng.normal(0.1, 1, 9_000)
    monkeypatch.setattr(tone, "NORMAL_ABOVE", 5_000)
    low, high = bootstrap_mean_ci(values)
    assert low == pytest.approx(values.mean() - 1.959964 * values.std(ddof=1) / np.sqrt(9_000), abs=1e-6)
    assert all(np.isnan(tone.ratio_normal_ci(np.array([1.0]), np.array([2.0]))))
