"""Property-based: random bytes and random text never make the loader raise, and nothing is lost."""
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import CorpusError, load_corpus
from analysis.corpus.clean import clean_text
from analysis.text.segment import sentence_spans

SUFFIXES = [".txt", ".html", ".csv", ".tsv", ".json", ".jsonl", ".parquet", ".htm"]
PIECES = st.sampled_from([
    "Lukashenko said.", "“Quote,” he said.", "See also  Other story", "WORLD", "By Ann Lee", "2023-03-01",
    "<p>para</p>", "text,body\n", '"a ""b"" c"', "{\"text\": \"x\"}", "\r\n", "\n\n", "\u200b", "\x00", "â€™",
    "Share", "Hong Kong (CNN) ", "BEIJING: ", "U.S. ", "Feb. 24 ", "...", "?!", "<script>", "$x$",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=30).map("".join)


def _load(files: dict[str, bytes]):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in files.items():
            (root / name).write_bytes(data)
        try:
            corpus = load_corpus(root)
        except CorpusError as err:  # no file held an article: every one must say why
            assert "no article could be loaded" in str(err)
            assert set(files) <= set(err.problems["path"])
            assert (err.problems["severity"] == "skipped").sum() >= len(files)
            return None
        accounted = set(corpus.articles["path"]) | set(corpus.problems["path"])
        assert set(files) <= accounted
        return corpus


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=400)), min_size=1, max_size=4))
def test_random_bytes_never_raise(files):
    _load({f"f{i}{suffix}": data for i, (suffix, data) in enumerate(files)})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SUFFIXES), TEXTS), min_size=1, max_size=4))
def test_random_text_never_raises(files):
    _load({f"f{i}{suffix}": text.encode("utf-8", "surrogatepass") for i, (suffix, text) in enumerate(files)})


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_cleaner_conserves_words_and_segmenter_stays_in_bounds(text):
    text = text.replace("\r", "\n")
    cleaned = clean_text(text)
    removed = " ".join(span for span, _ in cleaned.removed)
    assert Counter(text.split()) == Counter(cleaned.text.split()) + Counter(removed.split())
    for start, end, _ in sentence_spans(cleaned.text):
        assert 0 <= start < end <= len(cleaned.text)
        assert cleaned.text[start:end].strip() == cleaned.text[start:end]
