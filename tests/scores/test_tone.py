"""Tone summaries: intervals contain the mean and narrow as n grows; agreement; article formula."""
import numpy as np
import pandas as pd
import pytest

from analysis.scores.sentiment import score_tone
from analysis.scores.tone import (actor_tone, article_tone, bootstrap_mean_ci, extreme_sentences, spearman,
                                  tone_agreement, tone_by_position, tone_by_source)


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


# ---------------------------------------------------------------- grouping by a column that is also a key

@pytest.mark.parametrize("by", ["article_id", "sentence_no", ["source", "article_id"], ["article_id", "source"]])
def test_tone_by_source_groups_by_a_key_column_too(by):
    frame = scored_frame()
    keys = [by] if isinstance(by, str) else by
    out = tone_by_source(frame, by=by, n_boot=200)
    assert list(out.columns[:len(keys)]) == keys and "measure" in out
    assert len(out) == 2 * frame.groupby(keys).ngroups  # one row per group and measure


def test_tone_by_article_is_each_articles_mean():
    frame = scored_frame()
    out = tone_by_source(frame, by="article_id", measures=["textblob"], n_boot=200).set_index("article_id")
    assert (out["n_articles"] == 1).all()
    means = article_tone(frame).set_index("article_id")["textblob"]
    assert np.allclose(out["mean"], means.loc[out.index])


def test_a_column_named_twice_is_grouped_by_once():
    frame = scored_frame()
    once = tone_by_source(frame, by="source", n_boot=200)
    pd.testing.assert_frame_equal(tone_by_source(frame, by=["source", "source"], n_boot=200), once)


def test_agreement_position_and_extremes_group_by_a_key_column_too():
    frame = scored_frame()
    agreement = tone_agreement(frame, by="article_id")
    assert list(agreement["article_id"]) == sorted(frame["article_id"].unique())
    positions = tone_by_position(frame, by="article_id", bins=4)
    assert set(positions["article_id"]) == set(frame["article_id"]) and positions["n_scored"].max() == 1
    extremes = extreme_sentences(frame, by="article_id", n=1)
    assert list(extremes.columns).count("article_id") == 1
    assert set(extremes["article_id"]) == set(frame["article_id"])


ACTORS = {"Xi Jinping": {"type": "person", "aliases": ["Xi"]}, "China": {"type": "country", "aliases": ["Beijing"]}}


def actor_sentences():
    texts = ["Xi gave a wonderful speech.", "Beijing had a terrible day.", "Xi and Beijing agreed, happily.",
             "Xi was angry.", "Rain fell."]
    return score_tone(pd.DataFrame({"article_id": ["a", "a", "a", "b", "b"], "source": ["S", "S", "S", "T", "T"],
                                    "sentence_no": [0, 1, 2, 0, 1], "text": texts}))


def test_actor_tone_by_article_id():
    """Was: "The column label 'article_id' is not unique"."""
    out = actor_tone(actor_sentences(), ACTORS, by="article_id", measures=["vader"], n_boot=200)
    assert out[["article_id", "actor"]].values.tolist() == [["a", "China"], ["a", "Xi Jinping"], ["b", "Xi Jinping"]]
    assert out.set_index(["article_id", "actor"]).loc[("b", "Xi Jinping"), "mean"] < 0


def test_actor_tone_by_actor_is_the_tone_toward_each_actor_over_every_group():
    scored = actor_sentences()
    out = actor_tone(scored, ACTORS, by="actor", measures=["vader"], n_boot=200).set_index("actor")
    assert list(out.columns[:1]) == ["measure"] and out.loc["Xi Jinping", "n_scored"] == 3
    whole = actor_tone(scored.assign(source="all"), ACTORS, measures=["vader"], n_boot=200).set_index("actor")
    assert out["mean"].equals(whole["mean"])


# ---------------------------------------------------------------- thin data: no interval from a handful of sentences

def test_a_mean_over_fewer_than_ten_sentences_or_alike_sentences_gets_no_interval():
    from analysis.scores.tone import MIN_INTERVAL_SENTENCES

    frame = scored_frame(12)
    frame = frame[~((frame["source"] == "Down") & (frame["sentence_no"] > 1))]  # Down: 6 sentences, 3 articles
    frame.loc[frame["source"] == "Up", "vader"] = 0.4404  # Up: 12 sentences, all alike
    out = tone_by_source(frame).set_index(["source", "measure"])
    assert MIN_INTERVAL_SENTENCES == 10 and out.loc[("Down", "vader"), "n_scored"] == 6
    assert out.loc[("Down", ["vader", "textblob"]), ["ci_low", "ci_high"]].isna().all().all()
    assert out.loc[("Up", "vader"), ["ci_low", "ci_high"]].isna().all()  # no spread to estimate: not certainty
    assert out.loc[("Up", "textblob"), "ci_low"] < out.loc[("Up", "textblob"), "ci_high"]
    edge = tone_by_source(scored_frame(10)).set_index(["source", "measure"])
    assert edge[["ci_low", "ci_high"]].notna().all().all()  # exactly 10: an interval


def test_each_position_bin_counts_the_articles_behind_it():
    frame = scored_frame(8)  # 2 articles of 4 sentences per source
    positions = tone_by_position(frame, bins=2)
    assert positions["n_articles"].tolist() == [2] * len(positions)
    assert positions["n_scored"].tolist() == [4] * len(positions)


def test_the_drivers_of_extreme_sentences_explain_the_measure_that_ranked_them():
    frame = score_tone(pd.DataFrame({
        "source": "A", "article_id": "a1", "sentence_no": [0, 1, 2],
        "text": ["The attack was a horrible disaster and the talks failed.",
                 "A wonderful, friendly meeting.", "The minister arrived on Monday."]}))
    by_vader = extreme_sentences(frame, n=1, measure="vader").set_index("direction")
    assert by_vader.loc["most negative", "drivers"].startswith("disaster (-")  # VADER's own words and weights
    assert "attack (" in by_vader.loc["most negative", "drivers"]
    by_textblob = extreme_sentences(frame, n=1, measure="textblob").set_index("direction")
    assert by_textblob.loc["most negative", "drivers"] == frame.loc[0, "drivers"]  # TextBlob's, as scored
