"""No page says "all", "every", "complete" or "full" of a table it cut (rules in :mod:`helpers.claims`).

The reports of two stories are read as an editor reads them, every clause with one of those words checked against
the table or chart it refers to, and every table's and chart's recorded rows against its CSV. The checker itself is
tested first on pages that overstate as PressLens's pages once did.
"""
import pytest

from helpers.claims import clauses, page_blocks, violations

PAGES = ["01-corpus.html", "02-tone.html", "03-voices-and-actors.html", "04-topics.html", "05-keywords.html",
         "06-stories.html"]


def table(caption, shown, total, csv=None, csv_rows=None):
    data = f'data-rows-shown="{shown}" data-rows-total="{total}"'
    if csv:
        data += f' data-csv="{csv}" data-csv-rows="{csv_rows}"'
    return f'<table class="presslens-table" {data}><caption>{caption}</caption><tr><td>x</td></tr></table>'


def page(*parts):
    return "<html><body><h1>1. The corpus</h1>" + "".join(parts) + "</body></html>"


def test_the_old_page_one_is_caught_twice_over():
    old = page("<p><strong>Caveats.</strong> Every span the cleaner removed is counted below with its reason.</p>",
               "<h2>What the cleaner removed</h2>",
               table("All 20 rows shown; the full table is in removed.csv, beside the charts.", 20, 43,
                     "removed.csv", 20))
    found = violations(page_blocks(old))
    assert any("introduction" in f and "Every span" in f for f in found)
    assert any("All 20 rows shown" in f and "20 of 43" in f for f in found)
    assert any("the full table is in removed.csv" in f and "holds 20 of 43" in f for f in found)


def test_a_finding_that_says_every_of_a_cut_table_is_caught_and_a_whole_one_passes():
    cut = page("<h2>Loading problems</h2>", '<p class="presslens-finding">Every problem is listed below.</p>',
               table("Showing the first 50 of 1,000 rows; these 50 are in problems.csv, beside the charts.", 50, 1000,
                     "problems.csv", 50))
    assert len(violations(page_blocks(cut))) == 1
    whole = page("<h2>Removed</h2>", "<p>The kept text plus the removed spans account for every word of each file.</p>",
                 table("Showing the first 20 of 43 rows; all 43 are in removed.csv, beside the charts.", 20, 43,
                       "removed.csv", 43))
    assert violations(page_blocks(whole)) == []
    chart = page("<h2>Actors</h2>", '<p class="presslens-finding" data-rows-total="53" data-csv="a.csv" '
                 'data-csv-rows="53">No chart; every cell\'s mean is in the chart\'s CSV.</p>')
    assert violations(page_blocks(chart)) == []
    assert clauses("All 5 rows shown; they are also in a.csv. Next one.") == [
        "All 5 rows shown", "they are also in a.csv.", "Next one."]


@pytest.mark.parametrize("name", PAGES)
def test_no_page_says_all_of_a_table_it_cut(story_report, name):
    html = (story_report / name).read_text(encoding="utf-8")
    blocks = page_blocks(html)
    assert any(b.kind == "table" and b.holds_data for b in blocks)  # tables record what they hold
    assert violations(blocks, story_report / "charts" / name.removesuffix(".html")) == []


def test_page_one_shows_the_first_removed_spans_and_writes_them_all(story_report):
    blocks = page_blocks((story_report / "01-corpus.html").read_text(encoding="utf-8"))
    removed = next(b for b in blocks if b.attrs.get("data-csv") == "removed.csv")
    total = removed.number("data-rows-total")
    assert removed.number("data-csv-rows") == total > 0
    summary = next(b for b in blocks if b.kind == "finding")
    assert f"The cleaner removed {total} spans" in summary.text  # the page's own count, the CSV's rows


def test_the_rule_for_too_little_data_is_stated_once_per_page_that_draws_it(story_report):
    for name in ("02-tone.html", "03-voices-and-actors.html"):
        text = " ".join(b.text for b in page_blocks((story_report / name).read_text(encoding="utf-8")))
        assert text.count("Too little data: a mean over fewer than 2 articles or 20 scored sentences") == 1, name
        assert text.count("20 scored sentences") == 1 + text.count("no cell reaches the rule"), name


def test_the_table_above_is_the_one_before_in_any_section():
    cut = page("<h2>The stories</h2>", table("Showing the first 15 of 40 rows; all 40 are in stories.csv.", 15, 40,
                                             "stories.csv", 40),
               "<h2>The stories told by the most outlets</h2>", "<p>The table above lists every story.</p>",
               table("All 3 rows shown.", 3, 3))
    assert len(violations(page_blocks(cut))) == 1
