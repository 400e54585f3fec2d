"""presslens score: the streamed pipeline, its tables, and the same numbers on every engine."""
import pandas as pd
import pytest

from analysis import load_corpus, score_tone, split_sentences
from analysis.cli import main
from analysis.paths import PROJECT_ROOT
from analysis.pipeline.scoring import read_scores, score_corpus

OTHER = PROJECT_ROOT / "tests" / "fixtures" / "other_corpus"
SENTENCE_COLUMNS = {"article_id", "source", "sentence_no", "text", "voice", "textblob", "subjectivity", "vader"}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    out = tmp_path_factory.mktemp("scores") / "scores.parquet"
    result = score_corpus(out=out, workers=1, progress=False)
    return result, read_scores(out)


def test_writes_sentence_and_article_tables_beside_each_other(bundled):
    result, tables = bundled
    assert set(tables) == {"sentences", "articles", "removed", "problems", "actors", "topics", "article_tone",
                           "article_positions", "article_topics", "article_actors", "article_stance", "stories",
                           "reuse", "alignments", "article_sources"}
    assert SENTENCE_COLUMNS <= set(tables["sentences"].columns)
    assert (result.articles, result.sentences) == (5, len(tables["sentences"]))
    assert {"article_id", "source", "published", "text", "textblob", "vader", "duplicate_of", "story", "story_from",
            "derived_from", "derivation", "reused_share"} <= set(tables["articles"].columns)
    assert len(tables["removed"]) == 43 and tables["problems"].empty


def test_scores_match_the_in_memory_library(bundled):
    _, tables = bundled
    expected = score_tone(split_sentences(load_corpus().articles))
    got = tables["sentences"]
    assert got["text"].tolist() == expected["text"].tolist()
    assert got["textblob"].tolist() == expected["textblob"].tolist()
    assert got["vader"].tolist() == expected["vader"].tolist()
    assert got["voice"].tolist() == expected["voice"].tolist()


def _run(tmp_path, name, **options):
    out = tmp_path / name / "s.parquet"
    score_corpus(OTHER, out, progress=False, chunk_files=2, **options)
    return read_scores(out)


def test_every_engine_gives_the_same_numbers(tmp_path):
    one = _run(tmp_path, "one", engine="local", workers=1)
    pool = _run(tmp_path, "pool", engine="local", workers=2)
    dask = _run(tmp_path, "dask", engine="dask", workers=2)
    for name in ("sentences", "articles", "removed", "problems"):
        pd.testing.assert_frame_equal(one[name], pool[name])
        pd.testing.assert_frame_equal(one[name], dask[name])
    assert one["articles"]["duplicate_of"].notna().sum() == 1


def test_csv_format_and_the_command_line(tmp_path, capsys):
    assert main(["score", str(OTHER), "--out", str(tmp_path / "s.csv"), "--format", "csv", "--workers", "1",
                 "--quiet", "--topics", str(PROJECT_ROOT / "tests" / "fixtures" / "other_corpus_topics.yml")]) == 0
    assert "6 articles (1 flagged as duplicate), 38 sentences, 1 problem" in capsys.readouterr().out
    sentences = pd.read_csv(tmp_path / "s.csv")
    assert SENTENCE_COLUMNS <= set(sentences.columns)
    topics = pd.read_csv(tmp_path / "s.topics.csv")
    assert "Strike and industrial action" in set(topics["topic"])


def test_bad_files_are_reported_not_fatal(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("The port reopened on Monday. Ships came in.")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bad.jsonl").write_text('{"text": "Fine row here. It works."}\n{broken\n')
    out = tmp_path / "o" / "s.parquet"
    result = score_corpus(corpus, out, workers=1, progress=False)
    problems = read_scores(out)["problems"]
    assert result.articles == 2
    assert set(problems["path"]) == {"empty.txt", "bad.jsonl"}


def test_bad_options_are_clear(tmp_path):
    with pytest.raises(ValueError, match="format must be one of parquet, csv"):
        score_corpus(OTHER, tmp_path / "x.parquet", fmt="xlsx")
    with pytest.raises(ValueError, match="engine"):
        score_corpus(OTHER, tmp_path / "y.parquet", engine="spark", progress=False)
