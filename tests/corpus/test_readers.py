"""A folder of bad files: each case gets a clear problem row, and the rest of the corpus still loads."""
import json
import os

import pandas as pd
import pytest

from analysis import CorpusError, load_corpus

GOOD = "Belarus and China signed a trade deal on Wednesday. The leaders met in Beijing for three hours.\n"
HTML = """<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour reopens</h1>
<p>The harbour reopened on Monday after a storm closed it for a week, officials said.</p>
<p>Ships queued outside the breakwater for most of the morning before the pilots came aboard.</p>
<p>Port authorities said traffic would be back to normal by the end of the month.</p>
</article><footer>Copyright 2024</footer></body></html>"""


@pytest.fixture()
def messy(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("   \n\n\t  \n")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "Minsk hosted talks on Tuesday. Both sides said they were pleased.".encode())
    (root / "utf16.txt").write_bytes("Beijing welcomed the guests on Monday. The talks lasted two days.".encode("utf-16"))
    (root / "cp1252.txt").write_bytes("Lukashenko’s café visit was brief. He left on Friday – early.".encode("cp1252"))
    (root / "nul.txt").write_bytes(b"The port\x00 reopened on Monday. Ships waited outside.")
    (root / "cut.txt").write_bytes("The summit ended on Thursday. Talks will resume – ".encode() + "’".encode()[:2])
    (root / "crlf.txt").write_bytes("The first line ends here.\r\nThe second line\u200b ends here.\rThe third too.".encode())
    (root / "mojibake.txt").write_text("Lukashenkoâ€™s visit went well. The talks ended on Friday.", encoding="utf-8")
    (root / "page.txt").write_text(HTML)
    (root / "page.html").write_text(HTML.replace("Harbour", "Airport").replace("harbour", "airport"))
    (root / "notes.docx").write_bytes(b"PK\x03\x04rest")
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    (root / "no_text.csv").write_text("headline,date\nA,2024-01-01\n")
    (root / "export.csv").write_text(
        'title,text,publish_date,media_name\n'
        '"One","A story about ""quotes"" that runs\nover two lines. It ends here.",2024-01-02,Gazette\n'
        '"Two","Too many fields here. Really.",2024-01-03,Gazette,EXTRA\n'
        '"Three","A third story. It is short.",03/04/2024,Herald\n')
    (root / "feed.jsonl").write_text(
        json.dumps({"text": "First JSONL story. It loads.", "source": "Wire"}) + "\n"
        + '{"text": "broken line\n'
        + json.dumps({"text": "Third JSONL story. It loads too.", "source": "Wire"}) + "\n")
    (root / "list.json").write_text(json.dumps([{"body": "A JSON story here. It loads fine.", "outlet": "Post"}]))
    pd.DataFrame({"content": ["A Parquet story here. It loads."], "media_name": ["Times"]}).to_parquet(
        root / "table.parquet")
    (root / "copy_of_good.txt").write_text(GOOD)
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD)
    os.symlink(outside, root / "link_out.txt")
    os.symlink(root / "loop_b.txt", root / "loop_a.txt")
    os.symlink(root / "loop_a.txt", root / "loop_b.txt")
    (root / "sub").mkdir()
    os.symlink(root, root / "sub" / "back_to_root")
    return root


def _problems(corpus):
    out = {}
    for p in corpus.problems.itertuples():
        out[(p.path, p.severity)] = out.get((p.path, p.severity), "") + p.message + "\n"
    return out


def test_every_file_is_loaded_or_reported(messy):
    corpus = load_corpus(messy)
    loaded = set(corpus.articles["path"])
    reported = set(corpus.problems["path"])
    every = {p.relative_to(messy).as_posix() for p in messy.rglob("*") if not p.is_dir() or p.is_symlink()}
    assert every <= loaded | reported


@pytest.mark.parametrize("path, severity, words", [
    ("empty.txt", "skipped", "empty file"),
    ("blank.txt", "skipped", "white space"),
    ("image.txt", "skipped", "PNG"),
    ("notes.docx", "skipped", "unsupported file type"),
    (".DS_Store", "skipped", "hidden file"),
    ("link_out.txt", "skipped", "leads out of the corpus folder"),
    ("loop_a.txt", "skipped", "loops"),
    ("sub/back_to_root", "skipped", "not followed"),
    ("cp1252.txt", "warning", "cp1252"),
    ("nul.txt", "warning", "NUL"),
    ("cut.txt", "warning", "cut off"),
    ("mojibake.txt", "warning", "mojibake"),
    ("page.txt", "warning", "HTML page saved as text"),
    ("good.txt", "warning", "the same text as copy_of_good"),
])
def test_bad_file_gets_a_clear_problem_row(messy, path, severity, words):
    problems = _problems(load_corpus(messy))
    assert words in problems[(path, severity)]


def test_csv_problems_name_columns_and_line_numbers(messy):
    problems = _problems(load_corpus(messy))
    assert "['headline', 'date']" in problems[("no_text.csv", "skipped")]
    assert "line 4: 5 fields where the header has 4" in problems[("export.csv", "skipped")]
    assert "ambiguous date '03/04/2024'" in problems[("export.csv", "warning")]


def test_csv_cells_keep_newlines_and_quotes(messy):
    articles = load_corpus(messy).articles.set_index("article_id")
    assert articles.loc["export#2", "text"] == 'A story about "quotes" that runs\nover two lines. It ends here.'
    assert articles.loc["export#2", ["source", "source_from"]].tolist() == ["Gazette", "column"]
    assert articles.loc["export#2", "published"] == pd.Timestamp("2024-01-02")
    assert pd.isna(articles.loc["export#5", "published"])


def test_jsonl_broken_line_is_reported_and_the_rest_loads(messy):
    corpus = load_corpus(messy)
    assert "line 2: invalid JSON" in _problems(corpus)[("feed.jsonl", "skipped")]
    assert {"feed#1", "feed#3"} <= set(corpus.articles["article_id"])


def test_json_and_parquet_recognise_common_column_names(messy):
    articles = load_corpus(messy).articles.set_index("article_id")
    assert articles.loc["list#1", ["text", "source"]].tolist() == ["A JSON story here. It loads fine.", "Post"]
    assert articles.loc["table#1", "source"] == "Times"


def test_repaired_files_load_with_clean_text(messy):
    articles = load_corpus(messy).articles.set_index("article_id")
    assert articles.loc["bom", "text"].startswith("Minsk hosted talks")
    assert articles.loc["utf16", "encoding"] == "utf-16"
    assert articles.loc["cp1252", "text"] == "Lukashenko’s café visit was brief. He left on Friday – early."
    assert articles.loc["crlf", "text"] == "The first line ends here.\nThe second line ends here.\nThe third too."
    assert articles.loc["mojibake", "text"].startswith("Lukashenko’s visit")


def test_html_main_text_is_extracted_without_navigation(messy):
    articles = load_corpus(messy).articles.set_index("article_id")
    text = articles.loc["page.txt", "text"]
    assert "harbour reopened on Monday" in text and "Home" not in text and "Copyright" not in text
    assert articles.loc["page.txt", "title"] == "Harbour reopens"
    assert articles.loc["page.html", "text"].startswith("The airport reopened on Monday")


def test_unreadable_file_is_reported(messy, monkeypatch):
    from pathlib import Path

    real = Path.read_bytes

    def refuse(self):
        if self.name == "good.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    problems = _problems(load_corpus(messy))
    assert "Permission denied" in problems[("good.txt", "skipped")]


def test_strict_raises_instead(messy):
    with pytest.raises(CorpusError, match=r"problems loading .* \(strict\); the first: .DS_Store: \[skipped\]"):
        load_corpus(messy, strict=True)


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")


def test_near_identical_wire_copies_are_flagged(tmp_path):
    story = " ".join(f"Sentence number {i} of the wire story says something about the trade talks." for i in range(40))
    (tmp_path / "a.txt").write_text(story)
    (tmp_path / "b.txt").write_text(story.replace("number 7", "No. 7").replace("number 30", "item 30"))
    (tmp_path / "c.txt").write_text("An unrelated report about a football match. The home side won 2-0.")
    articles = load_corpus(tmp_path).articles.set_index("article_id")
    assert articles.loc["b", "duplicate_of"] == "a"
    assert 0.8 <= articles.loc["b", "duplicate_similarity"] < 1
    assert pd.isna(articles.loc["c", "duplicate_of"])


def test_a_single_file_can_be_loaded(messy):
    corpus = load_corpus(messy / "export.csv")
    assert set(corpus.articles["article_id"]) == {"export#2", "export#5"}


# ---------------------------------------------------------------- issue 23: hostile files and folders

TALKS = "Talks went well in the capital on Monday, the minister said after the long meeting.\n"
DEAL = "A terrible deal was signed in the capital on Tuesday, critics of the government said.\n"


def _outlets(root):
    for outlet, text in (("a", TALKS), ("b", DEAL)):
        (root / outlet).mkdir(parents=True, exist_ok=True)
        (root / outlet / "1.txt").write_text(text)
    return root


def test_presslens_outputs_inside_a_corpus_are_never_read_as_articles(tmp_path):
    """Issue 23, break 1: tables a run wrote (listed by their completion manifest), copied into the corpus, and a
    report folder there, are reported and passed over; the count of articles stays 2."""
    from analysis import score_corpus

    corpus = _outlets(tmp_path / "c")
    score_corpus(corpus, tmp_path / "out" / "s.csv", fmt="csv", workers=1, progress=False)
    for table in (tmp_path / "out").iterdir():
        (corpus / "a" / table.name).write_bytes(table.read_bytes())
    (corpus / "report").mkdir()
    (corpus / "report" / ".presslens-report").write_text("")
    (corpus / "report" / "index.html").write_text(f"<html><body><p>{TALKS * 5}</p></body></html>")
    os.mkfifo(corpus / "b" / "x.manifest.json")  # named like a manifest: never opened (it would block)
    loaded = load_corpus(corpus)
    assert len(loaded.articles) == 2
    reported = dict(zip(loaded.problems["path"], loaded.problems["message"]))
    assert "a table PressLens wrote (listed in s.manifest.json)" in reported["a/s.articles.csv"]
    assert "the manifest of tables PressLens wrote" in reported["a/s.manifest.json"]
    assert "a report PressLens wrote" in reported["report"]
    assert reported["b/x.manifest.json"] == "not a regular file (device, pipe or socket)"


def test_an_unreadable_folder_is_a_reported_problem(tmp_path, monkeypatch):
    """Issue 23, break 3: a folder that cannot be listed (chmod 000 for a non-root user; simulated here, since
    root reads every folder) is a problem row, and its siblings still load."""
    corpus = _outlets(tmp_path / "c")
    locked = corpus / "b" / "locked"
    locked.mkdir()
    (locked / "2.txt").write_text(DEAL)
    real = os.scandir

    def scandir(path="."):
        if os.path.realpath(path) == os.path.realpath(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    loaded = load_corpus(corpus)
    assert sorted(loaded.articles["path"]) == ["a/1.txt", "b/1.txt"]
    reported = dict(zip(loaded.problems["path"], loaded.problems["message"]))
    assert reported["b/locked"] == ("a folder that cannot be read (Permission denied): its files are not loaded")
    assert loaded.summary()["files_skipped"] == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode")
def test_an_unreadable_folder_is_reported_for_real(tmp_path):
    corpus = _outlets(tmp_path / "c")
    locked = corpus / "b" / "locked"
    locked.mkdir()
    (locked / "2.txt").write_text(DEAL)
    locked.chmod(0)
    try:
        problems = load_corpus(corpus).problems
    finally:
        locked.chmod(0o755)
    assert "b/locked" in set(problems["path"])


def test_folders_a_thousand_deep_load_without_recursion(tmp_path):
    """Issue 23, break 10: folders 1,000 deep raised RecursionError."""
    corpus = _outlets(tmp_path / "c")
    deep = str(corpus / "a")
    for _ in range(1000):  # one at a time: Path.mkdir(parents=True) itself recurses
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    with open(os.path.join(deep, "deep.txt"), "w") as handle:
        handle.write("The harbour reopened on Monday after the storm, officials said.\n")
    try:
        loaded = load_corpus(corpus)
    finally:  # bottom up, one at a time: shutil.rmtree (and so pytest's clean-up) recurses too
        os.remove(os.path.join(deep, "deep.txt"))
        while deep != str(corpus / "a"):
            os.rmdir(deep)
            deep = os.path.dirname(deep)
    assert len(loaded.articles) == 3 and loaded.problems.empty


def test_html_elements_with_huge_attribute_counts_are_reported_at_once(tmp_path):
    """Issue 23, break 9: a 3 MB page with 200,000 attributes on one element held ``load`` for over 300 s. The
    work is capped by the sum of the squares of the counts, so 40 elements of 2,000 are refused too."""
    import time

    from analysis.corpus.readers import MAX_ATTRIBUTE_WORK, attribute_work

    corpus = _outlets(tmp_path / "c")

    def page(elements, attributes):
        crowded = " ".join(f'a{i}="x y"' for i in range(attributes))
        return "<html><body>" + "".join(f"<p {crowded}>{TALKS}</p>" for _ in range(elements)) + "</body></html>"

    (corpus / "a" / "one.html").write_text(page(1, 200_000))
    (corpus / "a" / "many.html").write_text(page(40, 2_000))
    (corpus / "a" / "few.html").write_text(page(3, 1_000).replace(TALKS, DEAL.replace("Tuesday", "Friday"), 1))
    (corpus / "a" / "fine.html").write_text(HTML)
    started = time.perf_counter()
    loaded = load_corpus(corpus)
    assert time.perf_counter() - started < 60
    reported = dict(zip(loaded.problems["path"], loaded.problems["message"]))
    assert reported["a/one.html"].startswith("HTML elements with too many attributes (200,000 on one): not read")
    assert reported["a/many.html"].startswith("HTML elements with too many attributes (2,000 on one)")
    assert {"a/fine.html", "a/few.html"} <= set(loaded.articles["path"])
    assert attribute_work(HTML) == (0, 0) and attribute_work(page(3, 1_000))[1] < MAX_ATTRIBUTE_WORK


def test_integers_above_two_to_the_63_are_kept_as_text(tmp_path):
    """Issue 23, break 10: an integer above 2**63 in a JSON, JSONL or Parquet column raised OverflowError."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis import score_corpus
    from analysis.pipeline.scoring import read_scores

    corpus = tmp_path / "c"
    (corpus / "a").mkdir(parents=True)
    huge = 2 ** 64 + 1
    (corpus / "a" / "x.json").write_text(f'[{{"text": {json.dumps(TALKS)}, "n": {huge}}}]')
    (corpus / "a" / "y.jsonl").write_text(f'{{"text": {json.dumps(DEAL)}, "n": {huge}}}\n')
    pq.write_table(pa.table({"text": [TALKS + " More."], "n": pa.array([2 ** 64 - 1], pa.uint64())}),
                   corpus / "a" / "z.parquet")
    loaded = load_corpus(corpus)
    assert len(loaded.articles) == 3
    assert set(loaded.articles["n"].astype(str)) == {str(huge), str(2 ** 64 - 1)}
    score_corpus(corpus, tmp_path / "s.parquet", workers=1, progress=False)
    assert len(read_scores(tmp_path / "s.parquet")["articles"]) == 3


def test_a_table_row_and_a_file_that_get_the_same_id_are_both_kept(tmp_path):
    """Issue 23, break 10: ``feed.csv`` row 1 and ``feed#1.txt`` both give ``a/feed#1``; the run crashed with a
    TypeError in ``pipeline.Sample``."""
    from analysis import score_corpus
    from analysis.pipeline.scoring import read_scores

    corpus = tmp_path / "c"
    (corpus / "a").mkdir(parents=True)
    pd.DataFrame({"text": [TALKS, DEAL]}).to_csv(corpus / "a" / "feed.csv", index=False)
    (corpus / "a" / "feed#1.txt").write_text("The harbour reopened on Monday after the storm, officials said.\n")
    loaded = load_corpus(corpus)
    assert len(loaded.articles) == 3 and loaded.articles["article_id"].is_unique
    for provisional in (False, True):
        score_corpus(corpus, tmp_path / f"s{provisional}.parquet", workers=1, progress=False, provisional=provisional)
        articles = read_scores(tmp_path / f"s{provisional}.parquet")["articles"]
        assert len(articles) == 3 and articles["article_id"].is_unique
