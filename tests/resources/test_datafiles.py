"""YAML with limits: strings for keys, no aliases, no duplicates, bounded depth and size, parsed once."""
import re
import time
from pathlib import Path

import pytest

from analysis.content.actors import load_actors
from analysis.content.topics import load_codebook
from analysis.corpus.clean import load_markers
from analysis.errors import DataFileError
from analysis.resources import datafiles
from analysis.resources.datafiles import parse_yaml_text, read_mapping, read_section, read_yaml, read_yaml_lines

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    + ["actors: {X: {aliases: *i}}"])


@pytest.mark.parametrize("text, expected", [
    ("NO: [Norway]\nOff: x\nyes: y\n", {"NO": ["Norway"], "Off": "x", "yes": "y"}),
    ("2023: a\nnull: b\ntrue: c\n", {"2023": "a", "null": "b", "true": "c"}),
    ("a: [NO, yes, on, 2023-01-01, '1', 2, 1.5, true, False, ~]\n",
     {"a": ["NO", "yes", "on", "2023-01-01", "1", 2, 1.5, True, False, None]}),
    ("a: !!str 5\n", {"a": "5"}),
    ("", None),
])
def test_keys_are_strings_and_values_keep_yaml_1_2_types(text, expected):
    assert parse_yaml_text(text)[0] == expected


@pytest.mark.parametrize("text, message", [
    ("a: 1\nb: 2\na: 3\n", "line 3: repeats the key 'a' (first at line 1)"),
    ("a: &x [1]\n", "line 1: defines an anchor"),
    ("a: *x\n", "line 1: uses an alias"),
    ("a: !!python/object/apply:os.system [ls]\n", "line 1: uses the tag"),
    ("a: 1\n---\nb: 2\n", "line 2: holds more than one YAML document"),
    ("? [a, b]\n: c\n", "line 1: uses a list or mapping as a key"),
    ("a: [\n", "not valid YAML"),
])
def test_malformed_yaml_is_a_one_line_error_with_its_line(text, message):
    with pytest.raises(DataFileError, match=re.escape(message)) as caught:
        parse_yaml_text(text, source="f.yml")
    assert "\n" not in str(caught.value) and str(caught.value).startswith("f.yml")


def test_billion_laughs_fails_fast_without_expanding(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text(BILLION_LAUGHS)
    assert len(BILLION_LAUGHS) < 700
    start = time.perf_counter()
    for load in (load_actors, load_codebook, lambda p: read_yaml(p, what="file")):
        with pytest.raises(DataFileError, match="anchor") as caught:
            load(path)
        assert len(str(caught.value)) < 300
    assert time.perf_counter() - start < 10.0  # a hang guard: expanding the aliases would never end


def test_deep_nesting_is_an_error_not_a_recursion_error():
    for text in ("[" * 50_000 + "]" * 50_000, "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200))):
        with pytest.raises(DataFileError, match="nested more than"):
            parse_yaml_text(text)


def test_size_cap(tmp_path, monkeypatch):
    path = tmp_path / "big.yml"
    path.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(DataFileError, match="over the limit of 1,000"):
        read_yaml(path, what="codebook", max_bytes=1000)


def test_each_file_is_parsed_once_and_again_after_an_edit(tmp_path, monkeypatch):
    path = tmp_path / "a.yml"
    path.write_text("k: [v]\n")
    calls = []
    original = datafiles.parse_yaml_text
    monkeypatch.setattr(datafiles, "parse_yaml_text", lambda *a, **k: calls.append(1) or original(*a, **k))
    first = read_yaml(path, what="file")
    first["k"].append("mutated")
    assert read_yaml(path, what="file") == {"k": ["v"]}  # each call gets its own copy
    assert len(calls) == 1
    path.write_text("k: [v, w]\n")
    assert read_yaml(path, what="file") == {"k": ["v", "w"]}
    assert len(calls) == 2


def test_line_map_points_at_keys_and_items():
    _, lines = parse_yaml_text("topics:\n  Trade:\n    - trade\n    - export*\n")
    assert lines[("topics", "Trade")] == 2 and lines[("topics", "Trade", 1)] == 4


def test_read_section_and_mapping_keep_their_messages(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("topics: {}\n")
    with pytest.raises(DataFileError, match="non-empty 'topics:'"):
        read_section(path, "topics", what="codebook")
    path.write_text("- a\n- b\n")
    with pytest.raises(DataFileError, match="must be a YAML mapping"):
        read_mapping(path, what="codebook")
    with pytest.raises(DataFileError, match="no codebook at"):
        read_mapping(tmp_path / "missing.yml", what="codebook")
    (tmp_path / "bad.yml").write_bytes(b"a: caf\xe9\n")
    with pytest.raises(DataFileError, match="not UTF-8"):
        read_yaml_lines(tmp_path / "bad.yml", what="codebook")


def test_norway_stays_an_actor(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text("actors:\n  NO:\n    aliases: [Norway, Oslo]\n  Off:\n    aliases: [Off]\n")
    assert set(load_actors(path)) == {"NO", "Off"}


def test_boilerplate_markers_read_through_the_same_reader(tmp_path):
    path = tmp_path / "markers.yml"
    path.write_text("lines:\n  share: ['share']\nlines:\n  x: ['y']\n")
    with pytest.raises(DataFileError, match="line 3: repeats the key 'lines'"):
        load_markers(path)
    assert load_markers().lines


def test_a_large_file_parses_to_what_pyyaml_reads():
    import yaml

    text = "topics:\n" + "".join(f"  topic{i}:\n" + "".join(f"    - word{i}_{j}*\n" for j in range(20))
                                 for i in range(1500))
    data, _ = parse_yaml_text(text)
    assert data == yaml.safe_load(text) and len(data["topics"]) == 1500


def test_a_data_file_that_never_ends_is_refused_at_its_cap():
    """Issue 23, break 13: ``--actors /dev/zero`` grew without limit (its size says 0). Every data file a user
    gives (actors, codebooks, tone dictionaries, manifests) is read no further than its cap."""
    from analysis.content.dictionaries import MAX_DICTIONARY_BYTES, read_text
    from analysis.corpus.manifest import read_manifest
    from analysis.resources.datafiles import MAX_YAML_BYTES, read_capped

    started = time.perf_counter()
    with pytest.raises(DataFileError, match=f"/dev/zero: the actors file is over the limit of {MAX_YAML_BYTES:,}"):
        load_actors("/dev/zero")
    with pytest.raises(DataFileError, match=f"over the limit of {MAX_DICTIONARY_BYTES:,} bytes"):
        read_text(Path("/dev/zero"))
    with pytest.raises(DataFileError, match="/dev/zero: the manifest is over the limit"):
        read_manifest("/dev/zero")
    with pytest.raises(DataFileError, match="the test file is over the limit of 10 bytes"):
        read_capped("/dev/zero", max_bytes=10, what="test file")
    assert time.perf_counter() - started < 30
