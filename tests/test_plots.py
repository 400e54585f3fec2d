"""Charts: each returns its Axes, never shows, labels are safe, n is shown, and PNG + CSV can be saved."""
import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import plots
from analysis.actors import actor_tone
from analysis.keywords import keyness
from analysis.explore import analyse
from analysis.timeline import coverage_over_time, events
from analysis.tone import article_tone, tone_by_position, tone_by_source
from analysis.topics import topic_coverage

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def a():
    return analyse()


@pytest.fixture(autouse=True)
def no_show(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *_, **__: pytest.fail("plt.show() called"))
    yield
    plt.close("all")


def charts(a):
    by, s = "source", a.sentences
    summary = tone_by_source(s)
    yield plots.plot_tone_by_source(summary, colors=a.colors)
    yield plots.plot_tone_distribution(s, colors=a.colors)
    yield plots.plot_tone_by_position(tone_by_position(s), colors=a.colors)
    yield plots.plot_voice_tone(tone_by_source(s, by=[by, "voice"]))
    yield plots.plot_actor_tone(actor_tone(s, a.actors))
    coverage = topic_coverage(s, a.codebook)
    yield plots.plot_topic_heatmap(coverage)
    yield plots.plot_lede_vs_buried(coverage)
    yield plots.plot_keyness(keyness(a.articles, min_count=2), colors=a.colors)
    yield plots.plot_counts(a.articles, column="source", colors=a.colors)
    yield plots.plot_over_time(coverage_over_time(article_tone(s), measure="vader"), value="tone",
                               colors=a.colors, events=events(a.articles))


def test_every_chart_returns_axes_with_a_title_and_its_numbers(a, tmp_path):
    for i, ax in enumerate(charts(a)):
        assert isinstance(ax, matplotlib.axes.Axes)
        assert ax.get_title()
        assert isinstance(ax.presslens_data, pd.DataFrame) and len(ax.presslens_data)
        plots.save_chart(ax, tmp_path, f"chart{i}")
        assert (tmp_path / f"chart{i}.png").stat().st_size > 1000
        assert len(pd.read_csv(tmp_path / f"chart{i}.csv")) == len(ax.presslens_data)


def test_n_stands_beside_every_bar(a):
    ax = plots.plot_tone_by_source(tone_by_source(a.sentences), colors=a.colors)
    assert all("n=" in t.get_text() for t in ax.get_yticklabels())


def test_a_given_axes_is_used(a):
    _, ax = plt.subplots()
    assert plots.plot_counts(a.articles, column="source", ax=ax) is ax


def test_labels_escape_mathtext_and_shorten():
    assert plots.label("Costs $5 and $6") == r"Costs \$5 and \$6"
    assert len(plots.label("x" * 100)) == plots.MAX_LABEL


def test_one_colour_per_source_for_twenty_sources():
    colors = plots.source_colors([f"Outlet {i}" for i in range(20)])
    assert len(set(colors.values())) == 20
    assert plots.source_colors(["b", "a"]) == plots.source_colors(["a", "b", "a"])


def test_save_chart_without_a_folder_writes_nothing(a, tmp_path):
    ax = plots.plot_counts(a.articles, column="source")
    assert plots.save_chart(ax, None, "x") is None
    assert not list(tmp_path.iterdir())


def test_empty_heatmap_says_so():
    empty = pd.DataFrame(columns=["actor", "source", "mean", "n_scored", "measure"])
    ax = plots.plot_actor_tone(empty)
    assert "nothing to show" in ax.texts[0].get_text()


def test_keyness_draws_only_significant_terms_with_length_and_order_from_one_measure():
    keys = pd.DataFrame({"source": ["A", "A", "A", "B"], "term": ["tariffs", "harbour", "grain", "strike"],
                         "count_target": [9, 6, 4, 3], "count_reference": [1, 0, 2, 1], "g2": [12.0, 9.0, 2.0, 2.5],
                         "log_ratio": [2.0, 3.0, 1.0, 1.2], "significant": [True, True, False, False]})
    ax = plots.plot_keyness(keys)
    assert ax.presslens_data["term"].tolist() == ["harbour", "tariffs"]  # by log ratio, the bar length
    widths = [bar.get_width() for bar in ax.patches]
    assert widths[:2] == [3.0, 2.0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any("B: no significant term" in t for t in labels) and not any("grain" in t for t in labels)
    none = plots.plot_keyness(keys.assign(significant=False))
    assert "No term is significantly distinctive" in none.texts[0].get_text()
