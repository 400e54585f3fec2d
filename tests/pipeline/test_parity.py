"""One pipeline: in memory or streamed in many chunks, on any engine, every table is the same, column for column.

Each corpus is scored twice: in memory in one chunk (``score_corpus(out=None)``), and streamed to files in
chunks of 7 files and 7 articles (so template lines, ids and duplicates must be found across chunks). Every
column of every table must agree after sorting, dtypes included. ``load_corpus`` must give the same articles,
removals and problems as the streamed run.
"""
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_corpus, score_corpus
from analysis.paths import PROJECT_ROOT
from analysis.pipeline.scoring import read_scores
from helpers.corpora import generate


OTHER = PROJECT_ROOT / "tests" / "fixtures" / "other_corpus"
KEYS = {"sentences": ["article_id", "sentence_no"], "articles": ["article_id"],
        "removed": ["article_id", "text", "reason"], "problems": ["path", "severity", "message"],
        "actors": ["article_id", "sentence_no", "actor"], "topics": ["article_id", "sentence_no", "topic"],
        "article_tone": ["article_id", "voice"], "article_positions": ["article_id", "position"],
        "article_topics": ["article_id", "topic"], "article_actors": ["article_id", "actor"],
        "article_stance": ["article_id", "actor"], "article_sources": ["article_id", "speaker", "role", "gender"],
        "provisional": ["kind", "name"], "stories": ["story"], "reuse": ["article_id", "other_id"],
        "alignments": ["article_id", "sentence_no", "other_article_id", "other_sentence_no"]}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("generated"), 60, sources=4, seed=3)


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    """A CSV export with a desk column (some rows without one), duplicate stories and a repeated template line."""
    folder = tmp_path_factory.mktemp("export")
    story = (OTHER / "coastal-wire" / "strike-wire.txt").read_text(encoding="utf-8")
    rows = []
    for i in range(30):
        word = "alpha beta gamma delta epsilon zeta eta theta iota kappa".split()[i % 10] + f" {i // 10}"
        body = story if i % 10 == 0 else story.replace(" port ", f" {word} port ").replace("Tuesday", word)
        rows.append({"id": i, "title": f"Story {i}", "text": f"{body}\nThe Ledger Media Group owns this title",
                     "media_name": ["Ledger", "Herald", "Wire"][i % 3], "desk": [None, "metro", "business"][i % 3 - 1]
                     if i % 4 else None, "publish_date": f"2024-03-{1 + i % 28:02d}"})
    pd.DataFrame(rows).to_csv(folder / "export.csv", index=False)
    return folder / "export.csv"


def _sorted(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    keys = [k for k in KEYS[name] if k in frame.columns]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def _same(one: dict, two: dict) -> None:
    assert set(one) == set(two)
    for name in one:
        pd.testing.assert_frame_equal(_sorted(one[name], name), _sorted(two[name], name), check_exact=True,
                                      obj=name)


CASES = {
    "bundled": dict(corpus=None),
    "other": dict(corpus=OTHER, codebook=PROJECT_ROOT / "tests" / "fixtures" / "other_corpus_topics.yml",
                  actors=PROJECT_ROOT / "tests" / "fixtures" / "other_corpus_actors.yml"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_fixture_corpora_stream_to_the_same_tables(case, tmp_path):
    options = CASES[case]
    memory = score_corpus(**options, out=None, workers=1, progress=False, chunk_files=10_000).tables
    score_corpus(**options, out=tmp_path / "s.parquet", workers=1, progress=False, chunk_files=2)
    _same(memory, read_scores(tmp_path / "s.parquet"))


def test_a_generated_corpus_in_many_chunks_on_a_pool(generated, tmp_path):
    memory = score_corpus(generated, out=None, workers=1, progress=False, chunk_files=10_000, provisional=True).tables
    score_corpus(generated, out=tmp_path / "s.parquet", workers=2, progress=False, chunk_files=7, provisional=True)
    _same(memory, read_scores(tmp_path / "s.parquet"))


def test_an_export_with_a_user_column_and_duplicates(export, tmp_path):
    memory = score_corpus(export, out=None, workers=1, progress=False, carry=("desk",)).tables
    score_corpus(export, out=tmp_path / "s.parquet", workers=1, progress=False, chunk_files=7, carry=("desk",))
    streamed = read_scores(tmp_path / "s.parquet")
    _same(memory, streamed)
    articles = streamed["articles"]
    assert "desk" in articles.columns and "metadata" not in articles.columns
    assert articles["desk"].isna().any() and set(articles["desk"].dropna()) == {"metro", "business"}
    assert "desk" in streamed["sentences"].columns
    assert articles["duplicate_of"].notna().sum() == 2  # rows 10 and 20 repeat row 0
    templates = streamed["removed"].loc[streamed["removed"]["reason"].str.contains("template"), "text"]
    assert len(templates) == 30 and set(templates) == {"The Ledger Media Group owns this title"}  # found across chunks
    duplicate_warnings = streamed["problems"]["message"].str.contains("duplicate_of").sum()
    assert duplicate_warnings == 2


@pytest.mark.parametrize("corpus", ["bundled", "generated", "export"])
def test_load_corpus_is_the_same_steps(corpus, generated, export, tmp_path):
    path = {"bundled": None, "generated": generated, "export": export}[corpus]
    loaded = load_corpus(path)
    score_corpus(path, out=tmp_path / "s.parquet", workers=1, progress=False, chunk_files=7)
    streamed = read_scores(tmp_path / "s.parquet")
    columns = list(loaded.articles.columns)
    _same({"articles": loaded.articles, "removed": loaded.removed, "problems": loaded.problems},
          {"articles": streamed["articles"][columns], "removed": streamed["removed"],
           "problems": streamed["problems"]})


def test_ids_are_unique_across_chunks(tmp_path):
    corpus = tmp_path / "c"
    (corpus / "cnn").mkdir(parents=True)
    for word in ("port", "mine", "mill", "farm", "dock", "yard"):
        (corpus / "cnn" / f"{word}.txt").write_text(f"The {word} opened on Monday. It went on for a while.\n")
    (corpus / "cnn" / "page.txt").write_text("The first page of the story is here. It says a lot.\n")
    (corpus / "cnn" / "zz").mkdir()
    (corpus / "cnn" / "page.html").write_text("<html><body><article><p>The second page of the story is here, "
                                               "with more to say about it.</p></article></body></html>")
    tables = score_corpus(corpus, out=None, workers=1, progress=False, chunk_files=2).tables
    ids = tables["articles"]["article_id"]
    assert ids.is_unique
    assert {"cnn/page.txt", "cnn/page.html"} <= set(ids)
    assert set(tables["sentences"]["article_id"]) == set(ids)


def test_template_lines_are_counted_over_the_whole_corpus():
    """Three articles of one source repeat a line: in chunks of one article each, it is still a template line."""
    from analysis.corpus.clean import repeated_lines
    from analysis.corpus.repetition import TemplateCounter, repeated_keys, text_hashes

    texts = [f"A story about the {w} port.\nFollow us on social media\nMore about {w} here." for w in "abcde"]
    counter = TemplateCounter()
    for text in texts:
        counter.add("Ledger", text_hashes("Ledger", text))
    templates = counter.templates()
    assert repeated_keys("Ledger", texts[0], templates) == repeated_lines(texts) == {"follow us on social media"}
    assert repeated_keys("Herald", texts[0], templates) == frozenset()  # another source's line is not a template


def test_on_disk_template_counts_equal_in_memory(tmp_path):
    from analysis.corpus.repetition import TemplateCounter, text_hashes

    memory, disk = TemplateCounter(), TemplateCounter(tmp_path / "t")
    for i in range(40):
        text = f"Line {i % 7}\nShared footer\nUnique {i}"
        for counter in (memory, disk):
            counter.add(f"s{i % 2}", text_hashes(f"s{i % 2}", text))
    assert memory.templates() == disk.templates() and memory.templates()
    assert set(memory.templates()) == {"s0", "s1"}


def test_in_memory_scores_equal_the_documented_api():
    from analysis import score_tone, split_sentences

    tables = score_corpus(None, out=None, workers=1, progress=False).tables
    expected = score_tone(split_sentences(load_corpus().articles))
    got = tables["sentences"]
    for column in ("text", "voice", "speaker", "textblob", "vader", "drivers"):
        assert got[column].tolist() == expected[column].tolist(), column


def test_entry_points_agree_on_the_problems(export, tmp_path):
    """load, score and the report's summary count the same problems."""
    from analysis.cli import main
    from analysis.explore.session import analyse

    loaded = load_corpus(export)
    scored = score_corpus(export, out=tmp_path / "s.parquet", workers=1, progress=False)
    analysis = analyse(export)
    assert len(loaded.problems) == scored.problems == len(analysis.corpus.problems)
    assert main(["load", str(export)]) == 0


def test_files_are_never_shared_between_passes_of_different_runs(tmp_path):
    """The staging folder is unique to a run and gone after it."""
    score_corpus(OTHER, out=tmp_path / "s.parquet", workers=1, progress=False)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
