"""One bad input never stops a run: every path that reads input never raises, and every file is accounted for.

A corpus of the cases seen in the field (a bare <!DOCTYPE html>, half an emoji in JSON, a Latin-1 file name,
placeholder dates, colliding ids and columns, oversized files, a README beside outlet folders, bidi overrides in
a folder name), plus property-based corpora of random files, go through ``load_corpus`` and the streamed
``score_corpus``; both must account for every file and agree. The manifest is matched safely.
"""
import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import CorpusError, DataFileError, load_corpus, score_corpus
from analysis.pipeline.scoring import read_scores

STORY = "The port reopened on Monday after a long strike. Ships queued outside the harbour all day.\n"


def _write(root: Path, files: dict) -> None:
    for name, data in files.items():
        path = root / os.fsdecode(name) if isinstance(name, bytes) else root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.fixture
def awkward(tmp_path):
    root = tmp_path / "corpus"
    _write(root, {
        "wire/doctype.html": "<!DOCTYPE html>",
        "wire/bare.htm": "<html",
        "wire/prolog.html": "<?xml version='1.0'?>",
        "wire/surrogate.jsonl": '{"text": "Fans cheered \\ud83d at the port after the strike ended on Monday.", '
                                '"title": "Half \\ud83d emoji"}\n',
        "wire/placeholder.csv": "text,published\n" + STORY.strip() + ",9999-12-31\n"
                                "The mine reopened on Tuesday after the long dispute ended.,\"March 1, 1500\"\n",
        "wire/page.txt": STORY,
        "wire/page.html": f"<html><body><article><p>{STORY} The second page says more about ships.</p>"
                          "</article></body></html>",
        "wire/columns.csv": "text,textblob,vader,n_sentences,metadata,,,desk,desk\n"
                            f"{STORY.strip()},0.9,0.9,4,x,,,metro,city\n",
        "README.md": "This corpus was collected for a class. https://example.org/about\n",
        "readme.txt": "Notes about the corpus. See https://example.org for more. It is for teaching.\n",
        "\u202eevil\u202c/story.txt": "The mill reopened on Monday after a long strike. Workers came back.\n",
    })
    latin = os.fsencode(root / "wire") + b"/caf\xe9.txt"
    with open(latin, "wb") as handle:
        handle.write(b"The cafe by the port reopened on Monday after the long strike ended.\n")
    (root / "wire" / "huge.txt").write_bytes(b"a " * (2 * 1024 * 1024))
    return root


def test_awkward_inputs_are_loaded_or_reported(awkward, tmp_path):
    corpus = load_corpus(awkward, max_file_mb=1)
    problems = corpus.problems
    reported = dict(zip(problems["path"], problems["message"]))
    for name in ("wire/doctype.html", "wire/bare.htm", "wire/prolog.html"):
        assert name in reported and name not in set(corpus.articles["path"])
    assert "over the limit of 1 MB" in reported["wire/huge.txt"]
    assert "documentation file at the corpus root" in reported["readme.txt"]
    assert "unsupported file type '.md'" in reported["README.md"]
    assert "lone surrogate" in reported["wire/surrogate.jsonl"]
    assert any("outside the years 1678-2261" in m for m in problems["message"])
    assert any(p.endswith("caf\ufffd.txt") for p in corpus.articles["path"])
    articles = corpus.articles.set_index("article_id")
    assert {"wire/page.txt", "wire/page.html"} <= set(articles.index)
    assert articles["published"].isna().sum() >= 2
    assert "\ufffd" in articles.loc["wire/surrogate#1", "text"]
    assert {"meta_textblob", "meta_vader", "meta_n_sentences", "meta_metadata", "column_6", "column_7", "desk",
            "desk_2"} <= set(corpus.articles.columns)
    assert any("is a name PressLens computes" in m for m in problems["message"])
    assert any("repeated header 'desk'" in m for m in problems["message"])
    assert "evil" in set(corpus.articles["source"])  # bidi overrides stripped from a folder's outlet name
    assert not any("\u202e" in s for s in corpus.articles["source"])
    scored = score_corpus(awkward, tmp_path / "s.parquet", workers=1, progress=False, max_file_mb=1)
    tables = read_scores(tmp_path / "s.parquet")
    assert tables["articles"]["textblob"].notna().all(), "the export's own polarity column never masks the tone"
    assert len(tables["problems"]) == len(problems) == scored.problems


def test_a_folder_with_nothing_loadable_says_why(tmp_path):
    corpus = tmp_path / "c"
    _write(corpus, {"a.docx": b"PK\x03\x04", "b.txt": b"", "c.html": "<!DOCTYPE html>"})
    with pytest.raises(CorpusError, match=r"no article could be loaded from .* \(3 files\)") as caught:
        load_corpus(corpus)
    assert set(caught.value.problems["path"]) == {"a.docx", "b.txt", "c.html"}
    with pytest.raises(CorpusError, match=r"no article could be loaded from .* \(3 files\)"):
        score_corpus(corpus, tmp_path / "out" / "s.parquet", workers=1, progress=False)
    assert not (tmp_path / "out").exists(), "a failed run leaves no empty output folder"


def test_one_unreadable_parquet_file_is_one_file():
    """Issue 23: a corrupt Parquet file was counted as several files in the message."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "x.parquet").write_bytes(b"PAR1 garbage, not a Parquet file")
        with pytest.raises(CorpusError, match=r"\(1 file\): unreadable Parquet file"):
            load_corpus(folder)


SUFFIXES = [".txt", ".html", ".csv", ".tsv", ".json", ".jsonl", ".parquet"]
PIECES = st.sampled_from([
    STORY, "<!DOCTYPE html>", "<html", "<?xml version='1.0'?>", '{"text": "\\ud83d x y z w"}', "text,published\n",
    "9999-12-31", ",,,", "\x00", "\ufeff", "\u202e", "“Quote,” he said.", "=HYPERLINK(1)", "\r\n", "\n\n",
    '"a ""b"" c"', "[1, 2]", "{}", "null",
])
CONTENT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=12).map("".join)


def _account(root: Path, names: list[str]):
    try:
        corpus = load_corpus(root)
    except CorpusError as err:
        assert set(names) <= set(err.problems["path"])
        return None
    assert set(names) <= set(corpus.articles["path"]) | set(corpus.problems["path"])
    return corpus


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SUFFIXES), CONTENT), min_size=1, max_size=5))
def test_random_corpora_never_raise_and_both_paths_agree(files):
    names = [f"o{i % 2}/f{i}{suffix}" for i, (suffix, _) in enumerate(files)]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "c"
        _write(root, {n: text.encode("utf-8", "surrogatepass") for n, (_, text) in zip(names, files)})
        corpus = _account(root, names)
        if corpus is None:
            return
        streamed = score_corpus(root, Path(folder) / "out" / "s.parquet", workers=1, progress=False, chunk_files=1)
        assert streamed.articles == len(corpus.articles)
        assert streamed.problems == len(corpus.problems)


# The manifest: normalised paths that must stay inside the corpus; repeats and conflicts named; bare names only
# where they name one file.

def _manifest(tmp_path, rows) -> Path:
    path = tmp_path / "manifest.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def folders(tmp_path):
    root = tmp_path / "corpus"
    _write(root, {"cnn/page.txt": STORY, "bbc/page.txt": STORY.replace("port", "mill"),
                  "bbc/other.txt": STORY.replace("port", "mine"), "etc/passwd.txt": STORY.replace("port", "dock")})
    return root


def test_manifest_paths_stay_inside_the_corpus(folders, tmp_path):
    manifest = _manifest(tmp_path, ["file,source", "../../etc/passwd.txt,Evil", "./cnn/../cnn/page.txt,CNN"])
    corpus = load_corpus(folders, manifest=manifest)
    sources = dict(zip(corpus.articles["path"], corpus.articles["source"]))
    assert sources["etc/passwd.txt"] != "Evil" and sources["cnn/page.txt"] == "CNN"
    assert any("leads outside the corpus folder" in m for m in corpus.problems["message"])


def test_manifest_repeats_and_conflicts_are_named(folders, tmp_path):
    manifest = _manifest(tmp_path, ["file,source", "cnn/page.txt,CNN", "cnn/page.txt,CNN",
                                    "bbc/other.txt,BBC", "bbc/other.txt,Beeb"])
    corpus = load_corpus(folders, manifest=manifest)
    messages = " | ".join(corpus.problems["message"])
    assert "row 3 repeats row 2" in messages and "row 5 conflicts with row 4" in messages
    assert dict(zip(corpus.articles["path"], corpus.articles["source"]))["bbc/other.txt"] == "BBC"


def test_a_bare_name_applies_only_when_it_names_one_file(folders, tmp_path):
    manifest = _manifest(tmp_path, ["file,source", "page.txt,Which?", "other.txt,BBC"])
    corpus = load_corpus(folders, manifest=manifest)
    sources = dict(zip(corpus.articles["path"], corpus.articles["source"]))
    assert "Which?" not in sources.values() and sources["bbc/other.txt"] == "BBC"
    assert any("names 2 files" in m for m in corpus.problems["message"])


def test_manifest_column_names_are_checked(folders, tmp_path):
    with pytest.raises(DataFileError, match="repeats 'source'"):
        load_corpus(folders, manifest=_manifest(tmp_path, ["file,source,source", "cnn/page.txt,a,b"]))
    corpus = load_corpus(folders, manifest=_manifest(tmp_path, ["file,source,vader,,", "cnn/page.txt,CNN,1,,"]))
    assert "meta_vader" in corpus.articles.columns


def test_json_duplicate_keys_and_nested_values_do_not_stop_a_load(tmp_path):
    (tmp_path / "feed.json").write_text(json.dumps([{"text": STORY, "tags": ["a", "b"], "extra": {"k": 1}}]))
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == 1 and corpus.articles.loc[0, "tags"] == "['a', 'b']"
    frame = pd.DataFrame({"text": [STORY], "when": [pd.Timestamp("2024-01-02")]})
    frame.to_parquet(tmp_path / "feed.parquet")
    assert len(load_corpus(tmp_path).articles) == 2
