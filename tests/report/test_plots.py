"""Charts: each returns its Axes or a NoChart sentence, never shows, prints `$` as `$`, shows n, stays legible with
many groups (every group still in the CSV), marks thin data, and carries alt text."""
import math

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis.content.keywords import keyness
from analysis.content.topics import topic_coverage
from analysis.explore.colors import source_colors
from analysis.explore.session import analyse
from analysis.report import charts as chart_parts
from analysis.report import plots
from analysis.scores.timeline import coverage_over_time, events
from analysis.scores.tone import actor_tone, article_tone, tone_by_position, tone_by_source

matplotlib.use("Agg")
NAN = math.nan


@pytest.fixture(scope="module")
def a():
    return analyse()


@pytest.fixture(autouse=True)
def no_show(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *_, **__: pytest.fail("plt.show() called"))
    yield
    plt.close("all")


def tone(*rows, by="source", measure="vader", voice=None):
    """Rows of (group, mean, ci_low, ci_high, n_articles, n_scored)."""
    frame = pd.DataFrame([{by: g, "measure": measure, "n_articles": na, "n_sentences": n + 1, "n_scored": n,
                           "n_no_signal": 1, "mean": m, "median": m, "share_positive": NAN, "share_negative": NAN,
                           "ci_low": lo, "ci_high": hi, "resampled": "article"} for g, m, lo, hi, na, n in rows],
                         columns=[by, "measure", "n_articles", "n_sentences", "n_scored", "n_no_signal", "mean",
                                  "median", "share_positive", "share_negative", "ci_low", "ci_high", "resampled"])
    if voice is not None:
        frame.insert(1, "voice", voice)
    return frame


def many(n=25):
    return [f"Outlet {i:02d}" for i in range(n)]


def tick_texts(ax, axis="y"):
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [" ".join(t.get_text().split()) for t in labels]


def charts(a):
    by, s = "source", a.sentences
    summary = tone_by_source(s)
    yield plots.plot_tone_by_source(summary, colors=a.colors)
    yield plots.plot_tone_distribution(s, colors=a.colors)
    yield plots.plot_tone_by_position(tone_by_position(s), colors=a.colors)
    yield plots.plot_voice_tone(tone_by_source(s, by=[by, "voice"]))
    yield plots.plot_actor_tone(actor_tone(s, a.actors), min_articles=1, min_scored=3)  # cells drawn on 5 articles
    coverage = topic_coverage(s, a.codebook)
    yield plots.plot_topic_heatmap(coverage)
    yield plots.plot_lede_vs_buried(coverage)
    yield plots.plot_keyness(keyness(a.corpus.unique, min_count=2, correction="none"), colors=a.colors)
    yield plots.plot_counts(a.corpus.removed, column="reason", xlabel="spans removed")
    yield plots.plot_over_time(coverage_over_time(article_tone(s), measure="vader"), value="tone",
                               colors=a.colors, events=events(a.articles))


def test_every_chart_returns_axes_with_a_title_its_numbers_and_alt_text(a, tmp_path):
    for i, ax in enumerate(charts(a)):
        assert isinstance(ax, matplotlib.axes.Axes), ax
        assert ax.get_title()
        assert isinstance(ax.presslens_data, pd.DataFrame) and len(ax.presslens_data)
        assert len(chart_parts.alt_text(ax)) > 40 and "Chart:" not in chart_parts.alt_text(ax)
        assert chart_parts.save_chart(ax, tmp_path, f"chart{i}") is None
        assert (tmp_path / f"chart{i}.png").stat().st_size > 1000
        assert len(pd.read_csv(tmp_path / f"chart{i}.csv")) == len(ax.presslens_data)


def test_n_stands_beside_every_bar(a):
    ax = plots.plot_tone_by_source(tone_by_source(a.sentences), colors=a.colors)
    assert all("n=" in t for t in tick_texts(ax))


def test_a_given_axes_is_used():
    _, ax = plt.subplots()
    table = tone(("A", 0.1, 0.0, 0.2, 3, 30), ("B", 0.2, 0.1, 0.3, 3, 30))
    assert plots.plot_tone_by_source(table, ax=ax) is ax


# ---------------------------------------------------------------- text is data

@pytest.mark.parametrize("text, expected", [
    ("Costs $5 and $6", "Costs $5 and $6"),
    ("$\\frac{1", "$\\frac{1"),
    ("  spaced\nout  ", "spaced out"),
])
def test_labels_keep_dollars_and_collapse_space(text, expected):
    assert chart_parts.label(text) == expected


def test_long_labels_wrap_instead_of_being_cut():
    text = "Belt and Road and multilateral bodies of the region"
    wrapped = chart_parts.label(text, width=20)
    assert "\n" in wrapped and " ".join(wrapped.split()) == text
    cut = chart_parts.label("word " * 40, width=10, lines=2)
    assert cut.count("\n") == 1 and cut.endswith("…")


def test_dollar_signs_in_names_and_in_the_grouping_column_print_as_written():
    by = "$ spend"
    table = tone(("Daily $x$ News", 0.1, 0.0, 0.2, 3, 30), ("$\\frac{1}{2", -0.1, -0.2, 0.0, 3, 30), by=by)
    ax = plots.plot_tone_by_source(table, by=by)
    ax.figure.canvas.draw()  # would raise on "$\frac{1}{2" if mathtext were parsed
    texts = ax.figure.findobj(matplotlib.text.Text)
    assert all(t.get_parse_math() is False for t in texts)
    assert any("Daily $x$ News" in t for t in tick_texts(ax))
    assert "$ spend" in ax.get_title()


def test_one_colour_per_source_for_twenty_sources():
    colors = source_colors([f"Outlet {i}" for i in range(20)])
    assert len(set(colors.values())) == 20
    assert source_colors(["b", "a"]) == source_colors(["a", "b", "a"])


# ---------------------------------------------------------------- charts that say nothing are sentences

def test_counts_that_are_all_the_same_give_a_sentence_and_a_csv(tmp_path):
    articles = pd.DataFrame({"source": ["CNN", "Reuters", "TRT"]})
    chart = plots.plot_counts(articles, column="source")
    assert isinstance(chart, chart_parts.NoChart)
    assert chart.text == ("Every source has the same number of articles, 1 each (3 values: CNN, Reuters and TRT), "
                          "so no chart is drawn.")
    assert repr(chart) == chart.text
    assert chart_parts.save_chart(chart, tmp_path, "counts") is chart
    assert not (tmp_path / "counts.png").exists()
    assert pd.read_csv(tmp_path / "counts.csv")["count"].tolist() == [1, 1, 1]
    single = plots.plot_counts(pd.DataFrame({"source": ["CNN", "CNN"]}), column="source")
    assert single.text == "One source only: CNN (articles: 2), so no chart is drawn."


@pytest.mark.parametrize("chart", [
    lambda: plots.plot_tone_by_source(tone()),
    lambda: plots.plot_tone_by_source(tone(("A", NAN, NAN, NAN, 1, 0))),
    lambda: plots.plot_voice_tone(tone(voice=[])),
    lambda: plots.plot_actor_tone(pd.DataFrame(columns=["actor", "source", "measure", "mean", "n_scored"])),
    lambda: plots.plot_counts(pd.DataFrame({"reason": []}), column="reason"),
    lambda: plots.plot_over_time(pd.DataFrame(columns=["source", "period", "n_articles", "freq"]),
                                 value="n_articles"),
    lambda: plots.plot_lede_vs_buried(pd.DataFrame(columns=["topic", "first_in_lede", "first_buried",
                                                            "articles_mentioning"])),
    lambda: plots.plot_keyness(pd.DataFrame(columns=["source", "term", "count_target", "count_reference", "g2",
                                                     "log_ratio", "significant"])),
    lambda: plots.plot_heatmap(pd.DataFrame({"r": ["a", "b"], "c": ["x", "x"], "v": [0.5, 0.5]}), rows="r",
                               columns="c", value="v", title="Same everywhere"),
])
def test_empty_or_constant_data_is_a_sentence_not_an_empty_chart(chart):
    result = chart()
    assert isinstance(result, chart_parts.NoChart)
    assert result.text.endswith(".") and len(result.text) > 20


def test_one_period_with_the_same_value_everywhere_is_a_sentence():
    frame = pd.DataFrame({"source": ["A", "B"], "period": [pd.Timestamp("2023-03-01")] * 2, "n_articles": [1, 1],
                          "freq": "M"})
    chart = plots.plot_over_time(frame, value="n_articles", ylabel="articles")
    assert chart.text == ("Every source has the same articles, 1, in the only month with articles (from "
                          "2023-03-01), so no chart is drawn.")


# ---------------------------------------------------------------- over time: coinciding points are dodged

def test_points_of_one_period_are_set_side_by_side_within_the_period():
    start = pd.Timestamp("2023-03-01")
    frame = pd.DataFrame({"source": list("ABCD") + ["E"], "period": [start] * 4 + [pd.Timestamp("2023-12-01")],
                          "n_articles": [1, 1, 1, 1, 2], "freq": "M"})
    ax = plots.plot_over_time(frame, value="n_articles")
    xs = [matplotlib.dates.num2date(line.get_xdata(orig=False)[0]).replace(tzinfo=None) for line in ax.lines[:4]]
    assert len(set(xs)) == 4
    assert all(start <= x < start + pd.Timedelta(days=31) for x in xs)
    assert ax.get_ylim()[0] == 0
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [line.get_label() for line in ax.lines[:5]]  # legend in drawing order


# ---------------------------------------------------------------- many groups

def test_many_groups_draw_the_ends_with_a_row_for_the_middle_and_keep_all_in_the_csv(tmp_path):
    groups = many(25)
    table = tone(*[(g, i / 100, i / 100 - 0.05, i / 100 + 0.05, 3, 30) for i, g in enumerate(groups)])
    ax = plots.plot_tone_by_source(table)
    labels = tick_texts(ax)
    assert len(ax.patches) == 16
    assert sum("n=" in t for t in labels) == 16
    assert any(t.startswith("… 9 more sources in between (+0.08 to +0.16") for t in labels)
    assert "the 8 highest and 8 lowest of 25 sources; all in the CSV" in " ".join(ax.get_title().split())
    assert "16 of 25 sources drawn" in chart_parts.alt_text(ax)
    chart_parts.save_chart(ax, tmp_path, "many")
    assert len(pd.read_csv(tmp_path / "many.csv")) == 25


def test_many_groups_in_counts_heatmaps_voices_lines_and_keyness():
    groups = many(22)
    counts = plots.plot_counts(pd.DataFrame({"source": [g for i, g in enumerate(groups) for _ in range(i + 1)]}),
                               column="source")
    assert len(counts.patches) == 16 and len(counts.presslens_data) == 22
    coverage = pd.DataFrame({"source": groups, "topic": "Trade", "sentence_share": np.linspace(0, 0.5, 22),
                             "n_sentences": range(10, 32), "n_articles": 3, "mentions": 1,
                             "articles_mentioning": 1, "first_in_lede": 0, "first_buried": 0})
    heat = plots.plot_topic_heatmap(coverage)
    assert len(heat.get_yticks()) == 16 and len(heat.presslens_data) == 22
    assert "(n=31 sentences)" in " ".join(tick_texts(heat))  # the largest group is drawn, with its n
    toward = tone(*[(g, 0.1 * (i % 3), 0.0, 0.2, 3, 5 + i) for i, g in enumerate(groups)]).assign(actor="China")
    actor = plots.plot_actor_tone(toward)
    assert len(actor.get_xticks()) == 16 and len(actor.presslens_data) == 22
    rows = [(g, 0.1, 0.0, 0.2, 3, 30 + i) for i, g in enumerate(groups)]
    voice = plots.plot_voice_tone(pd.concat([tone(*rows, voice="quote"), tone(*rows, voice="narration")]))
    assert len(voice.get_yticks()) == 16 and len(voice.presslens_data) == 44
    positions = pd.DataFrame([(g, "0-50%", 0.25, "vader", 0.1 * (i % 4), 10 + i) for i, g in enumerate(groups)],
                             columns=["source", "position", "position_mid", "measure", "mean", "n_sentences"])
    lines = plots.plot_tone_by_position(positions)
    assert [t.get_text() for t in lines.get_legend().get_texts()][-1].startswith("average of the other groups")
    assert len(lines.lines) == 9 + 1  # 8 groups, the pooled others, the zero line
    keys = pd.DataFrame([(g, f"term{k}", 9, 1, 20.0 - k + i, 2.0 - k / 10, True) for i, g in enumerate(groups)
                         for k in range(5)], columns=["source", "term", "count_target", "count_reference", "g2",
                                                      "log_ratio", "significant"])
    key = plots.plot_keyness(keys)
    assert len(key.patches) == 16 * 3 and len(key.presslens_data) == 110


def test_a_generic_heatmap_keeps_the_largest_groups_when_told_which_side_holds_them():
    shares = pd.DataFrame([(g, v, 10 + i, 0.5) for i, g in enumerate(many(21)) for v in ("quote", "narration")],
                          columns=["source", "voice", "sentences", "share"]).assign(share=lambda f: f.index / 100)
    ax = plots.plot_heatmap(shares, rows="source", columns="voice", value="share", count="sentences",
                            title="Share of sentences in each voice", groups="rows")
    assert len(ax.get_yticks()) == 16 and "Outlet 20" in tick_texts(ax) and "Outlet 04" not in tick_texts(ax)
    assert "the 16 largest of 21 sources; all in the CSV" in " ".join(ax.get_title().split())
    assert len(ax.presslens_data) == 42


def test_many_groups_over_time_pool_the_smaller_ones():
    groups = many(21)
    frame = pd.DataFrame({"source": groups * 2, "period": [pd.Timestamp("2024-01-01")] * 21 +
                          [pd.Timestamp("2024-02-01")] * 21, "n_articles": list(range(1, 22)) * 2, "freq": "M"})
    ax = plots.plot_over_time(frame, value="n_articles")
    others = [line for line in ax.lines if line.get_label().startswith("average of the other groups")]
    assert len(others) == 1 and list(others[0].get_ydata()) == [7.0] * 2  # the 13 smallest: 1..13, per group
    assert ax.get_ylim()[1] >= 21
    assert len(ax.presslens_data) == 42


# ---------------------------------------------------------------- thin data, error bars, legends, heatmap labels

def test_groups_with_too_little_data_are_hatched_and_missing_intervals_are_not_drawn():
    table = tone(("Big", 0.3, 0.2, 0.4, 5, 50), ("One article", 0.2, 0.1, 0.3, 1, 50),
                 ("No interval", 0.1, NAN, NAN, 5, 50))
    ax = plots.plot_tone_by_source(table)
    hatched = {bar.get_y() + bar.get_height() / 2: bool(bar.get_hatch()) for bar in ax.patches}
    assert sorted(hatched.values()) == [False, True, True]
    bars = [c for c in ax.containers if isinstance(c, matplotlib.container.ErrorbarContainer)]
    assert len(bars) == 1 and len(bars[0].lines[2][0].get_segments()) == 2
    assert "hatched: too little data" in ax.get_xlabel()


def test_voice_bars_keep_n_clear_of_error_bars_and_the_legend_in_drawing_order():
    rows = [("A", 0.5, -0.9, 0.95, 3, 30), ("B", -0.2, -0.3, -0.1, 3, 30)]
    table = pd.concat([tone(*rows, voice="narration"), tone(*rows, voice="mixed"), tone(*rows, voice="quote")])
    ax = plots.plot_voice_tone(table)
    n_texts = [t for t in ax.texts if t.get_text().startswith("n=")]
    assert len(n_texts) == 6 and all(t.get_position()[0] > 1 for t in n_texts)  # right of the plot area
    assert ax.yaxis_inverted()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["narration", "mixed", "quote"]
    first_group = sorted((bar.get_y(), bar) for bar in ax.patches if bar.get_y() + bar.get_height() / 2 < 0.9)
    assert [bar.get_facecolor()[:3] for _, bar in first_group] == [
        matplotlib.colors.to_rgb(chart_parts.VOICE_COLORS[v]) for v in legend]  # top to bottom, as in the legend


def test_actor_cells_with_too_little_data_are_marked_not_coloured():
    table = tone(("A", 0.5, 0.4, 0.6, 3, 19), ("B", -0.5, -0.6, -0.4, 2, 20), ("C", 0.1, 0.0, 0.2, 1, 40))
    ax = plots.plot_actor_tone(table.assign(actor="China"))
    texts = {t.get_text() for t in ax.texts}
    assert "too few\nn=19" in texts and "-0.50\nn=20" in texts and "too few\nn=40" in texts  # 1 article
    image = ax.images[0].get_array()
    assert image.mask[0, 0] and not image.mask[0, 1] and image.mask[0, 2]


def test_an_actor_chart_with_no_cell_at_the_rule_says_which_threshold_and_what_would_fill_it():
    table = tone(("A", 0.5, 0.4, 0.6, 1, 12), ("B", -0.5, -0.6, -0.4, 3, 7)).assign(actor="China")
    chart = plots.plot_actor_tone(table)
    assert isinstance(chart, chart_parts.NoChart) and len(chart.presslens_data) == 2
    assert chart.text.replace("\u00a0", " ") == (
        "No chart of the tone toward each actor: no cell reaches the rule (2 articles and 20 scored sentences "
        "naming the actor, in one source); the fullest is China in A (12 scored sentences in 1 article). More "
        "articles per source that name the actors would fill it; every cell's mean is in the chart's CSV.")


def test_heatmap_labels_wrap_and_keep_every_word():
    topic = "Belt and Road and multilateral bodies"
    frame = pd.DataFrame({"source": ["A", "A"], "topic": [topic, "Trade"], "sentence_share": [0.1, 0.3],
                          "n_sentences": 10, "n_articles": 2})
    ax = plots.plot_topic_heatmap(frame)
    assert topic in tick_texts(ax, "x")
    assert any("\n" in t.get_text() for t in ax.get_xticklabels())


def test_tone_distribution_keeps_summary_numbers_for_every_group():
    scored = pd.DataFrame({"source": ["A"] * 4 + ["B"] * 2, "vader": [0.1, 0.2, 0.3, 0.4, -0.5, NAN],
                           "article_id": 1, "no_signal": False})
    ax = plots.plot_tone_distribution(scored)
    data = ax.presslens_data.set_index("source")
    assert data.loc["A", "n_scored"] == 4 and data.loc["B", "n_scored"] == 1
    assert data.loc["A", "median"] == pytest.approx(0.25)
    with pytest.raises(KeyError, match="no 'stance' scores"):
        plots.plot_tone_distribution(scored, measure="stance")


def test_save_chart_without_a_folder_writes_nothing(tmp_path):
    ax = plots.plot_counts(pd.DataFrame({"source": ["A", "A", "B"]}), column="source")
    assert chart_parts.save_chart(ax, None, "x") is None
    assert not list(tmp_path.iterdir())


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
    assert none.text.startswith("No term is significantly more frequent in any source")


def test_points_on_too_little_data_are_hollow_and_the_rule_is_stated_once_with_its_numbers():
    positions = pd.DataFrame([("A", "0-50%", 0.25, "vader", 0.1, 25, 3), ("A", "50-100%", 0.75, "vader", 0.2, 6, 3),
                              ("B", "0-50%", 0.25, "vader", -0.1, 30, 1)],
                             columns=["source", "position", "position_mid", "measure", "mean", "n_scored",
                                      "n_articles"])
    ax = plots.plot_tone_by_position(positions)
    hollow = [(list(line.get_xdata()), line.get_markerfacecolor()) for line in ax.lines
              if line.get_linestyle() == "None"]
    assert sorted(x for xs, _ in hollow for x in xs) == [25.0, 75.0] and all(c == "white" for _, c in hollow)
    assert "hollow points: too little data" in ax.get_xlabel()
    over = pd.DataFrame({"source": ["A", "A"], "period": pd.to_datetime(["2024-01-01", "2024-02-01"]),
                         "n_articles": [3, 1], "n_scored": [60, 30], "tone": [0.1, 0.2], "freq": "M"})
    chart = plots.plot_over_time(over, value="tone")
    assert sum(line.get_linestyle() == "None" for line in chart.lines) == 1  # the one-article month
    counts = plots.plot_over_time(over, value="n_articles")  # counts are not means: never hollow
    assert not any(line.get_linestyle() == "None" for line in counts.lines)
    rule = chart_parts.thin_data_rule().replace("\u00a0", " ")
    assert rule == ("Too little data: a mean over fewer than 2 articles or 20 scored sentences is not compared with "
                    "others, and is drawn hatched (a bar), hollow (a point) or grey and marked “too few” (a cell); a "
                    "95% interval is given only for a mean over at least 10 scored sentences that are not all alike.")
    assert "20" not in chart_parts.THIN_NOTE and "20" not in chart_parts.HOLLOW_NOTE  # the page states it once


def test_a_formula_as_a_column_name_is_prefixed_in_chart_csvs(tmp_path):
    """Issue 23, break 5: ``report --by`` a column called ``=HYPERLINK(…)`` put it live in 24 chart CSV headers."""
    from analysis.report.charts import NoChart, write_chart_files

    evil = '=HYPERLINK("http://evil.example";"x")'
    write_chart_files(NoChart("nothing to draw", data=pd.DataFrame({evil: ["=1+1"], "mean": [0.5]})),
                      tmp_path, "tone")
    written = pd.read_csv(tmp_path / "tone.csv")
    assert list(written.columns) == ["'" + evil, "mean"] and written.iloc[0, 0] == "'=1+1"


def stance_cells(*rows, by="source"):
    """Rows of (group, actor, mean, n_clear), as views.actor_stance gives them."""
    return pd.DataFrame([{by: g, "actor": actor, "n_articles": max(n, 1), "n_clear": n, "mean": m}
                         for g, actor, m, n in rows])


def test_the_stance_colour_scale_is_fixed_at_one_whatever_the_data():
    ax = plots.plot_stance(stance_cells(("A", "X", -0.16, 3), ("B", "X", 0.05, 2), ("A", "Y", 0.1, 2)))
    norm = ax.images[0].norm
    assert (norm.vmin, norm.vmax) == (-plots.STANCE_SCALE, plots.STANCE_SCALE) == (-1.0, 1.0)


def test_a_stance_cell_without_enough_clear_articles_says_which_rule_it_missed():
    ax = plots.plot_stance(stance_cells(("A", "X", -0.6, 1), ("B", "X", 0.4, 3)), min_clear=2)
    texts = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert any(t.startswith("no clear stance") and "1 clear, 2 needed" in t for t in texts), texts
    assert "−0.60" not in " ".join(texts) and "-0.60" not in " ".join(texts)  # no bare mean beside it


def test_a_heatmap_without_a_limit_still_fits_its_scale_to_the_data():
    frame = pd.DataFrame({"r": ["x", "x"], "c": ["a", "b"], "v": [-0.2, 0.1]})
    ax = plots.plot_heatmap(frame, rows="r", columns="c", value="v", diverging=True)
    assert ax.images[0].norm.vmax == pytest.approx(0.2)
