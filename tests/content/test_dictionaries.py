"""Every dictionary format researchers bring reads into the same codebook; bad files are one-line errors."""
import pickle
import re
import shutil
import warnings
from pathlib import Path

import pytest

from analysis.content.dictionaries import Codebook, as_codebook, detect_format, load_dictionary
from analysis.content.topics import load_codebook
from analysis.errors import DataFileError
from analysis.paths import TOPICS_YML
from helpers import FIXTURES as FIXTURES_DIR

FIXTURES = FIXTURES_DIR / "dictionaries"
SAME = ["quanteda_nested.yml", "quanteda_flat.yml", "presslens_topics.yml", "liwc_cp1252.dic", "lexicoder.lc3",
        "lexicoder.lcd", "yoshikoder.ykd", "wordstat.cat"]
EXPECTED = {"economy.trade": ["trade", "free trade", "export*"], "economy.sanctions": ["sanction*", "embargo"],
            "conflict": ["war", "peace talks", "détente", "troop*"], "us": ["US", "united states", "washington"]}


@pytest.mark.parametrize("name", SAME)
def test_every_format_gives_the_same_codebook(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the LIWC fixture is Windows-1252 on purpose
        codebook = load_codebook(FIXTURES / name)
    assert dict(codebook) == EXPECTED
    assert codebook.match == "glob"
    assert codebook.line_of("conflict", "war") is not None


@pytest.mark.parametrize("name, kind", [
    ("quanteda_flat.yml", "yaml"), ("liwc_cp1252.dic", "liwc"), ("lexicoder.lc3", "lexicoder"),
    ("yoshikoder.ykd", "yoshikoder"), ("wordstat.cat", "wordstat"),
])
def test_formats_are_told_by_content_when_the_extension_says_nothing(tmp_path, name, kind):
    path = tmp_path / "dictionary.txt"
    shutil.copy(FIXTURES / name, path)
    assert detect_format(path) == kind


def test_lexicoder_lcd_may_be_xml(tmp_path):
    path = tmp_path / "old.lcd"
    shutil.copy(FIXTURES / "yoshikoder.ykd", path)
    assert dict(load_codebook(path)) == EXPECTED


def test_windows_1252_is_read_with_a_warning():
    with pytest.warns(UserWarning, match="not UTF-8 .*Windows-1252"):
        codebook = load_codebook(FIXTURES / "liwc_cp1252.dic")
    assert "détente" in codebook["conflict"]


def test_an_all_capitals_wordstat_dictionary_ignores_case():
    codebook = load_codebook(FIXTURES / "wordstat_capitals.cat")
    assert dict(codebook) == {"POSITIVE": ["GOOD*", "WIN"], "NEGATIVE": ["BAD", "CRISIS"]}
    assert [m.text for m in codebook.matcher().find("a good win, a bad Crisis")] == ["good", "win", "bad", "Crisis"]


def test_match_type_from_the_file_or_the_caller(tmp_path):
    path = tmp_path / "codebook.yml"
    path.write_text("match: regex\ntopics:\n  Trade: ['^trade(s|d)?$']\n")
    assert load_codebook(path).match == "regex"
    flat = tmp_path / "flat.yml"
    flat.write_text("Trade: ['trade']\n")
    assert load_codebook(flat, match="fixed").match == "fixed"


def test_liwc_nesting_and_conditional_entries(tmp_path):
    path = tmp_path / "nested.dic"
    path.write_text("%\n1\taffect\n\t2\tposemo\n%\nhappy\t2\nlike\t02 134)02/125)464\ngood 1 2\n")
    with pytest.warns(UserWarning, match="skipped 1 LIWC conditional"):
        codebook = load_codebook(path)
    assert dict(codebook) == {"affect": ["good"], "affect.posemo": ["happy", "good"]}


@pytest.mark.parametrize("name, text, line, message", [
    ("a.yml", "topics: [", 2, "not valid YAML"),  # libyaml finds the missing ] at the end
    ("b.yml", "topics: {}", 1, "non-empty 'topics:'"),
    ("c.yml", "topics:\n  Trade: []\n", 2, "has no patterns"),
    ("d.yml", "Trade: [trade]\nTrade: [export]\n", 2, "repeats the key 'Trade'"),
    ("e.yml", "Trade:\n  - '*'\n", 2, "two characters"),
    ("g.yml", "Trade:\n  - [trade]\n", 2, "not text"),
    ("h.yml", "match: regex\ntopics:\n  T: ['(a+)+']\n", 3, "exponential"),
    ("i.yml", "Economy: {}\n", 1, "is empty"),
    ("a.dic", "1\ttrade\n%\ntrade\t1\n", 1, "between two lines holding only %"),
    ("b.dic", "%\ntrade\n%\ntrade\t1\n", 2, "number and a name"),
    ("c.dic", "%\n1\ttrade\n%\ntrade\t7\n", 4, "category 7"),
    ("d.dic", "%\n1\ttrade\n1\tagain\n%\ntrade\t1\n", 3, "defined twice"),
    ("e.dic", "%\n1\ttrade\n2\tempty\n%\ntrade\t1\n", 3, "has no patterns"),
    ("f.dic", "%\n1\ttrade\n%\ntrade\n", 4, "followed by category numbers"),
    ("a.lc3", "trade\n+trade\n", 1, "before the first +category"),
    ("b.lc3", "+trade\n+sanctions\nembargo\n", 1, "has no patterns"),
    ("c.lc3", "+trade\ntrade\n+trade\nexport\n", 3, "appears twice"),
    ("d.lc3", "+\ntrade\n", 1, "needs a category name"),
    ("e.lc3", "+smileys\n:)\n:-(\n", 1, "has no pattern that can match a word"),
    ("a.ykd", "<dictionary><cnode name='d'><cnode name='x'>\n<pnode name='a'/></dictionary>", 2, "not valid XML"),
    ("b.ykd", "<!DOCTYPE d [<!ENTITY e 'x'>]><dictionary/>", 1, "DTDs and entities"),
    ("c.ykd", "<dictionary><cnode name='d'>\n<cnode name='x'/></cnode></dictionary>", 2, "has no patterns"),
    ("a.cat", "\ttrade (1)\nTRADE\n", 1, "before any category"),
    ("b.cat", "TRADE\n\ttrade (1)\nTRADE\n\texport (1)\n", 3, "appears twice"),
    ("c.cat", "TRADE\n\ttrade (1)\nEMPTY\n", 3, "has no patterns"),
])
def test_invalid_files_are_one_line_errors_naming_file_and_line(tmp_path, name, text, line, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(message)) as caught:
        load_codebook(path)
    assert str(caught.value).startswith(f"{path}, line {line}:")
    assert "\n" not in str(caught.value)


def test_undecodable_and_unknown_files(tmp_path):
    path = tmp_path / "x.dic"
    path.write_bytes(b"%\n1\ttrade\n%\ntr\x81de\t1\n")  # 0x81 is undefined in Windows-1252
    with pytest.raises(DataFileError, match=re.escape(f"{path}, line 4: neither UTF-8 nor Windows-1252")):
        load_codebook(path)
    other = tmp_path / "x.bin"
    other.write_text("just words\n")
    with pytest.raises(DataFileError, match="cannot tell the dictionary format"):
        load_codebook(other)
    with pytest.raises(DataFileError, match="no dictionary at"):
        load_codebook(tmp_path / "missing.dic")


def test_codebook_is_a_mapping_that_carries_its_match_type():
    codebook = Codebook({"Trade": ["trade", "trade", "export*"]}, match="glob", source="mine")
    assert dict(codebook) == {"Trade": ["trade", "export*"]}  # duplicates within a key collapse
    assert as_codebook({"Trade": ["trade"]}) == {"Trade": ["trade"]}
    assert as_codebook(codebook) is codebook
    again = pickle.loads(pickle.dumps(codebook))
    assert again == codebook and again.match == "glob"
    with pytest.raises(DataFileError, match="mine: the category 'Empty' has no patterns"):
        Codebook({"Empty": []}, source="mine")
    with pytest.raises(TypeError):
        as_codebook(42)


def test_the_bundled_codebook_loads():
    codebook = load_dictionary(TOPICS_YML)
    assert "Sanctions" in codebook and codebook.match == "glob"


def test_patterns_no_word_can_match_are_skipped_with_one_warning(tmp_path):
    path = tmp_path / "liwc.dic"
    path.write_text("%\n1\tposemo\n2\tnumbers\n%\ngood\t1\n:)\t1\n24/7\t2\nseven\t2\n")
    with pytest.warns(UserWarning, match=r"skipped 2 patterns that no word can match.*':\)' \(line 6\)"):
        codebook = load_codebook(path)
    assert dict(codebook) == {"posemo": ["good"], "numbers": ["seven"]}


def test_a_wordstat_line_of_spaces_is_read_in_linear_time_and_errors_stay_short(tmp_path):
    """Issue 23: a WordStat line with 200,000 inner spaces took 32 s (a lazy word before ``\\s*``), and its error
    quoted the whole 200 KB line."""
    import time

    path = tmp_path / "spaces.cat"
    path.write_text("TRADE\n  tariff (1)\n  free" + " " * 200_000 + "x (1)\n" + "  " + "y" * 200_000 + "\n")
    start = time.perf_counter()
    try:
        load_dictionary(path)
    except DataFileError as err:
        assert len(str(err)) < 400, len(str(err))
    assert time.perf_counter() - start < 5.0
    heading = tmp_path / "long.cat"
    heading.write_text(("Z" * 200_000 + "\n  tariff (1)\n") * 2)
    with pytest.raises(DataFileError, match="appears twice") as caught:
        load_dictionary(heading)
    assert len(str(caught.value)) < 400
