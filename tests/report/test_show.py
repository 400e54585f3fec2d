"""What a reader sees: numbers written once, tables formatted and escaped, charts with alt text, no warnings."""
import base64
from html import escape
import logging
import math
import warnings
from html.parser import HTMLParser

import matplotlib
import nbformat
import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from analysis.paths import ACTORS_YML
from analysis.report import charts, plots, prose, show
from analysis.report.build import render_html

matplotlib.use("Agg")
NAN = math.nan
ATTACKS = ["<script>document.body.id='pwned'</script>", "<img src=x onerror=\"this.id='pwned'\">",
           "[click](javascript:alert(1))", "Prices rose $5 to $10 and $\\frac{1}{2}$", "{{ 7*7 }} {% if x %}",
           "\" onload=\"alert(1)"]


class LiveContent(HTMLParser):
    """Tags and attributes that would run: none may come from the data."""

    def __init__(self):
        super().__init__()
        self.live = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "base", "form"):
            self.live.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (name in ("href", "src") and value and "javascript:" in value.lower()):
                self.live.append(f"{tag} {name}")


def live(html: str) -> list[str]:
    parser = LiveContent()
    parser.feed(html)
    return parser.live


# ---------------------------------------------------------------- writing numbers

@pytest.mark.parametrize("value, expected", [
    (0.28, "+0.28"), (-0.094, "\u22120.09"), (0.0, "0.00"), (0.001, "+0.001"), (-0.001, "\u22120.001"),
    (0.00004, "+0.0000"), (-0.0004, "\u22120.0004"), (NAN, "n/a"), (None, "n/a"), (1, "+1.00"),
])
def test_signed(value, expected):
    assert prose.signed(value) == expected


@pytest.mark.parametrize("low, high, expected", [
    (0.08, 0.47, "95%\u00a0CI\u00a0[+0.08,\u00a0+0.47]"),
    (-0.28, 0.1, "95%\u00a0CI\u00a0[\u22120.28,\u00a0+0.10]"),
    (NAN, 0.1, "no\u00a0interval"),
])
def test_interval_is_one_unbreakable_unit(low, high, expected):
    assert prose.interval(low, high) == expected


@pytest.mark.parametrize("share, expected", [
    (0, "0%"), (0.004, "<1%"), (0.005, "<1%"), (0.015, "2%"), (0.12, "12%"),
    (0.996, ">99%"), (1, "100%"), (NAN, "n/a"),
])
def test_percent(share, expected):
    assert prose.percent(share) == expected


@pytest.mark.parametrize("n, word, expected", [
    (1, "article", "1\u00a0article"), (2, "article", "2\u00a0articles"), (1250, "word", "1,250\u00a0words"),
    (0, "file", "0\u00a0files"),
])
def test_count(n, word, expected):
    assert prose.count(n, word) == expected


@pytest.mark.parametrize("items, expected", [
    ([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
    ([str(i) for i in range(11)], "0, 1, 2, 3, 4, 5, 6, 7 and 3 more"),
])
def test_names(items, expected):
    assert prose.names(items) == expected


@pytest.mark.parametrize("measure, name", [("vader", "VADER"), ("textblob", "TextBlob"), ("polarity", "TextBlob"),
                                           ("dict_net", "dictionary net tone"),
                                           ("dict_logratio", "dictionary log ratio"), ("stance", "stance"),
                                           ("other", "other")])
def test_measure_names(measure, name):
    assert prose.measure_label(measure) == name


def test_tone_table_maps_the_older_names_and_leaves_current_tables_alone():
    old = pd.DataFrame({"source": ["A"], "measure": ["polarity"], "n_sentences": [10], "n_no_signal": [3],
                        "mean": [0.1]})
    new = prose.tone_table(old)
    assert new[["measure", "n_scored", "n_sentences"]].values.tolist() == [["textblob", 10, 13]]
    current = new.copy()
    assert prose.tone_table(current) is current


# ---------------------------------------------------------------- tables

def table():
    return pd.DataFrame({"source": ["CNN", "Reuters, London", "TRT"], "n_articles": [1200, 3, 1],
                         "mean": [0.031, -0.094, NAN], "share_positive": [0.407, 0.5, 1.0],
                         "published": pd.to_datetime(["2023-03-01", "2023-03-02", None]),
                         "duplicate": [True, False, False],
                         "text": ["word " * 60, "short", None]})


def test_show_table_formats_numbers_for_readers_and_hides_the_index():
    html = show.show_table(table(), percent=["share_positive"], signed=["mean"], top=None).to_html()
    for text in ("1,200", "+0.03", "\u22120.09", "40.7%", "100.0%", "2023-03-01", "yes", "no", "–"):
        assert text in html, text
    assert "0.031048" not in html and ">0<" not in html  # no raw floats, no index column
    assert ("word " * 59 + "word") in html  # long text is wrapped by CSS, never cut
    assert "white-space: normal" in html and 'class="presslens-table"' in html


def test_show_table_shows_the_top_rows_and_writes_the_whole_table_beside_the_charts(tmp_path):
    frame = pd.DataFrame({"term": [f"t{i}" for i in range(25)], "count": range(25), "extra": "x"})
    styler = show.show_table(frame, columns=["term", "count"], labels={"count": "uses"}, top=10,
                                folder=tmp_path, name="terms")
    html = styler.to_html()
    assert "t9" in html and "t10" not in html and ">uses<" in html and "extra" not in html
    assert "Showing the first 10 of 25\u00a0rows; all 25 are in terms.csv, beside the charts." in html
    assert 'data-rows-shown="10"' in html and 'data-rows-total="25"' in html and 'data-csv-rows="25"' in html
    assert str(tmp_path) not in html  # never a path of the machine
    written = pd.read_csv(tmp_path / "terms.csv")
    assert len(written) == 25 and list(written.columns) == ["term", "count", "extra"]
    assert "Showing" not in show.show_table(frame, top=None).to_html()
    assert "No rows." in show.show_table(frame.iloc[0:0]).to_html()


@pytest.mark.parametrize("shown, total, written, csv_rows, per, expected", [
    (0, 0, "t.csv", 0, None, "No rows."),
    (5, 5, "t.csv", 5, None, "All 5 rows shown; they are also in t.csv, beside the charts."),
    (1, 1, "t.csv", 1, None, "The only row is shown; it is also in t.csv, beside the charts."),
    (5, 5, None, None, None, ""),
    (20, 43, "removed.csv", 43, None, "Showing the first 20 of 43 rows; all 43 are in removed.csv, beside the charts."),
    (20, 43, None, None, None, "Showing the first 20 of 43 rows."),
    (50, 1000, "p.csv", 50, None, "Showing the first 50 of 1,000 rows; these 50 are in p.csv, beside the charts."),
    (15, 50, "k.csv", 50, ("source", 3), "Showing the first 3 rows of each source, 15 of 50 rows; all 50 are in "
                                         "k.csv, beside the charts."),
])
def test_a_table_caption_says_what_is_shown_and_what_the_csv_holds(shown, total, written, csv_rows, per, expected):
    note = show.table_note(shown, total, written, csv_rows=csv_rows, per=per).replace("\u00a0", " ")
    assert note == expected


def test_a_cut_table_and_rows_of_a_store_are_never_called_whole(tmp_path):
    from analysis.tables.store import Rows, Store

    frame = pd.DataFrame({"term": [f"t{i}" for i in range(5)], "group": ["A", "A", "A", "B", "B"]})
    frame.attrs["total"] = 40  # the first 5 rows of a table of 40
    html = show.show_table(frame, top=None, folder=tmp_path, name="cut").to_html().replace("\u00a0", " ")
    assert "Showing the first 5 of 40 rows; these 5 are in cut.csv" in html and "All" not in html
    per = show.show_table(frame.drop(columns=[]), top=2, per="group").to_html()
    assert "t1" in per and "t2" not in per and "t3" in per and "t4" in per
    store = Store.from_frames(removed=pd.DataFrame({"text": [f"=span {i}" for i in range(250)], "n": range(250)}))
    rows = Rows(store, "SELECT text, n FROM removed ORDER BY n")
    written = show.show_table(rows, top=20, folder=tmp_path, name="removed").to_html().replace("\u00a0", " ")
    assert "Showing the first 20 of 250 rows; all 250 are in removed.csv" in written
    assert 'data-rows-total="250"' in written and 'data-csv-rows="250"' in written and "span 19" in written
    csv = pd.read_csv(tmp_path / "removed.csv")
    assert len(csv) == 250 and csv["text"].iloc[0] == "'=span 0"  # spreadsheet-safe, every row
    empty = Rows(store, "SELECT text, n FROM removed WHERE n < 0 ORDER BY n")
    assert "No rows." in show.show_table(empty, folder=tmp_path, name="none").to_html()
    assert list(pd.read_csv(tmp_path / "none.csv").columns) == ["text", "n"]


def test_show_table_escapes_every_cell_header_and_caption(tmp_path):
    frame = pd.DataFrame({attack: [attack, 1.5] for attack in ATTACKS})
    html = show.show_table(frame, caption=ATTACKS[0], folder=tmp_path, name="=cmd").to_html()
    assert live(html) == []
    assert "&lt;script&gt;" in html and "{{ 7*7 }}" in html
    assert pd.read_csv(tmp_path / "=cmd.csv").columns[0] == ATTACKS[0]


# ---------------------------------------------------------------- charts, findings, setup

@pytest.fixture
def shown(monkeypatch):
    import IPython.display

    captured = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: captured.append((objs, kw)))
    return captured


def chart():
    summary = pd.DataFrame({"source": ["A", "B"], "measure": "vader", "n_articles": 3, "n_sentences": 30,
                            "n_scored": 30, "n_no_signal": 0, "mean": [0.2, -0.1], "ci_low": [0.1, -0.2],
                            "ci_high": [0.3, 0.0]})
    return plots.plot_tone_by_source(summary)


def test_show_chart_embeds_the_png_with_alt_text_and_saves_png_and_csv(shown, tmp_path):
    ax = chart()
    show.show_chart(ax, tmp_path, "tone")
    (image,), _ = shown[0]
    assert image.alt == charts.alt_text(ax) and image.alt.startswith("Horizontal bar chart of the mean VADER tone")
    assert (tmp_path / "tone.png").read_bytes() == image.data
    assert len(pd.read_csv(tmp_path / "tone.csv")) == 2
    assert not matplotlib.pyplot.fignum_exists(ax.figure.number)  # closed: not drawn a second time
    show.show_chart(chart(), None, "x", alt="Custom")
    assert shown[1][0][0].alt == "Custom"


def test_show_chart_prints_a_nochart_sentence(shown, tmp_path):
    nothing = plots.plot_counts(pd.DataFrame({"source": ["A", "B"]}), column="source")
    show.show_chart(nothing, tmp_path, "counts")
    (bundle,), kw = shown[0]
    assert kw == {"raw": True} and bundle["text/plain"] == nothing.text
    assert (tmp_path / "counts.csv").exists() and not (tmp_path / "counts.png").exists()


def test_show_finding_escapes(shown):
    show.show_finding(ATTACKS[0])
    (bundle,), _ = shown[0]
    assert bundle["text/html"] == ('<p class="presslens-finding">&lt;script&gt;document.body.id=&#x27;pwned&#x27;'
                                   '&lt;/script&gt;</p>')


def test_show_section_escapes_its_heading_and_note(shown):
    show.show_section(ATTACKS[0], "Note <b>bold</b>", level=3)
    (bundle,), _ = shown[0]
    assert bundle["text/html"] == ("<h3>&lt;script&gt;document.body.id=&#x27;pwned&#x27;&lt;/script&gt;</h3>"
                                   "<p>Note &lt;b&gt;bold&lt;/b&gt;</p>")
    show.show_section("Title")
    assert shown[1][0][0]["text/html"] == "<h2>Title</h2>"
    with pytest.raises(ValueError, match="heading level"):
        show.show_section("Title", level=7)


def test_setup_sends_warnings_to_a_log_not_to_the_page(tmp_path, capsys):
    log = tmp_path / "warnings.log"
    try:
        show.setup(log=log)
        warnings.warn("a warning a reader should not see on the page", UserWarning)
        assert matplotlib.rcParams["text.parse_math"] is False
    finally:
        logging.captureWarnings(False)
        matplotlib.rcParams["text.parse_math"] = True
        for handler in list(logging.getLogger("py.warnings").handlers):
            if getattr(handler, "presslens", False):
                logging.getLogger("py.warnings").removeHandler(handler)
                handler.close()
    assert "a reader should not see" not in capsys.readouterr().err
    assert "a reader should not see" in log.read_text()


def test_short_path_never_shows_the_machine():
    assert show.short_path(ACTORS_YML) == "bundled data/actors.yml"
    assert show.short_path(__file__) == "test_show.py"
    note = "provisional: no actors file was given"
    assert show.short_path(note) == note
    assert show.short_path(None) == "none"


# ---------------------------------------------------------------- the page template

def bundle(obj):
    data, metadata = InteractiveShell.instance().display_formatter.format(obj)
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata)


def test_pages_carry_alt_text_escaped_and_tables_and_findings_escaped(tmp_path):
    from IPython.display import Image

    ax = chart()
    png = tmp_path / "x.png"
    ax.figure.savefig(png)
    attack = ATTACKS[5] + ATTACKS[0]
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [bundle(Image(data=png.read_bytes(), format="png", alt=attack)),
                    bundle(show.show_table(pd.DataFrame({"a": ATTACKS}))),
                    nbformat.v4.new_output("display_data", data={
                        "text/plain": attack, "text/html": f'<p class="presslens-finding">{escape(attack)}</p>'})]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Page"), cell])
    path = tmp_path / "page.ipynb"
    nbformat.write(notebook, path)
    page = render_html(path)
    assert live(page) == []
    assert 'alt="&quot; onload=&quot;alert(1)&lt;script&gt;' in page
    assert "No description has been provided" not in page
    assert "word-break: normal" in page and "overflow-x: auto" in page
    assert base64.b64encode(png.read_bytes()).decode()[:40] in page
