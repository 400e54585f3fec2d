"""One dtype for the publication date everywhere (``datetime64[ns]``, time zones converted to UTC), and ISO dates in
every CSV, whether a corpus is dated or not."""
import pandas as pd
import pytest

from analysis import article_tone, load_corpus, score_corpus, score_tone, split_sentences
from analysis.explore.session import analyse
from analysis.tables.files import read_tables
from helpers import FIXTURES

UNDATED = FIXTURES / "other_corpus" / "coastal-wire"


@pytest.mark.parametrize("corpus", [None, FIXTURES / "other_corpus", UNDATED], ids=["bundled", "other", "undated"])
def test_published_is_datetime64_ns_in_every_table(corpus, tmp_path):
    loaded = load_corpus(corpus)
    scored = score_tone(split_sentences(loaded.unique))
    frames = {"articles": loaded.articles, "sentences": scored, "article tone": article_tone(scored),
              **{f"memory {k}": v for k, v in score_corpus(corpus, None, workers=1, progress=False).tables.items()}}
    score_corpus(corpus, tmp_path / "csv" / "scores.csv", fmt="csv", workers=1, progress=False)
    score_corpus(corpus, tmp_path / "pq" / "scores.parquet", workers=1, progress=False)
    frames.update({f"csv {k}": v for k, v in read_tables(tmp_path / "csv" / "scores.csv").items()})
    frames.update({f"parquet {k}": v for k, v in read_tables(tmp_path / "pq" / "scores.parquet").items()})
    frames["analyse"] = analyse(corpus).articles
    dtypes = {name: str(frame["published"].dtype) for name, frame in frames.items() if "published" in frame}
    assert set(dtypes.values()) == {"datetime64[ns]"}, dtypes
    assert {"articles", "sentences", "csv articles", "csv sentences", "analyse"} <= set(dtypes)
    written = pd.read_csv(tmp_path / "csv" / "scores.articles.csv", dtype=str, keep_default_na=False)["published"]
    assert written.str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()  # ISO days, or empty for an undated article
    assert (written != "").sum() == loaded.articles["published"].notna().sum()
