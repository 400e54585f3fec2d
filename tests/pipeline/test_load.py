"""load_corpus: what an empty or odd path means."""
import pytest

from analysis import CorpusError, load_corpus, score_corpus


@pytest.mark.parametrize("path", ["", "   "])
def test_an_empty_corpus_path_is_an_error_not_the_bundled_corpus(path, tmp_path):
    """Issue 23, break 4: ``load_corpus("")`` silently analysed the bundled corpus."""
    with pytest.raises(CorpusError, match="the corpus path is empty; give a folder or file, or None"):
        load_corpus(path)
    with pytest.raises(CorpusError, match="the corpus path is empty"):
        score_corpus(path, tmp_path / "s.parquet", workers=1, progress=False)
    assert list(tmp_path.iterdir()) == []


def test_none_is_the_bundled_corpus():
    assert len(load_corpus(None).articles) == 5
