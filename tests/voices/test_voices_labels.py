"""The voices evaluation set (tests/fixtures/voices/eval/) stays valid, in sync and big enough.

This checks the labels, not the code they evaluate: every labelled sentence is
found exactly once in its cleaned article, the committed articles and labels are
what the annotated sources build, and the set keeps the sizes its README promises.
"""
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES

VOICES = FIXTURES / "voices"


def _load(name: str):
    """Import a script of tests/fixtures/voices/ (not a package) by file name."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, VOICES / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


check_labels = _load("check_labels")
build_eval = _load("build_eval")


@pytest.fixture(scope="module")
def labels():
    return [json.loads(line) for line in check_labels.LABELS.read_text(encoding="utf-8").splitlines()]


def test_every_label_passes_the_checker():
    assert check_labels.check() == []


BUILT = [name for name in build_eval.SETS if (VOICES / name / "annotated").is_dir()]


@pytest.mark.parametrize("name", BUILT)
def test_committed_files_are_what_the_annotated_sources_build(name):
    folder = VOICES / name
    texts, labels_text = build_eval.build(folder)
    committed = {p.name: p.read_text(encoding="utf-8") for p in (folder / "articles").glob("*.txt")}
    assert committed == texts, f"run tests/fixtures/voices/build_eval.py {name} after editing {name}/annotated/"
    assert (folder / "labels.jsonl").read_text(encoding="utf-8") == labels_text


@pytest.mark.parametrize("name", [n for n in BUILT if n != "eval"])
def test_every_label_of_the_other_sets_passes_the_checker(name):
    assert check_labels.check(VOICES / name / "labels.jsonl") == []


@pytest.mark.parametrize("name", [n for n in BUILT if (VOICES / n / "sources.jsonl").exists()])
def test_the_sources_labels_name_every_labelled_speaker_once(name):
    """sources.jsonl (one row per quoted source per article) agrees with the labels it was made from."""
    folder = VOICES / name
    labels = [json.loads(line) for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    sources = [json.loads(line) for line in (folder / "sources.jsonl").read_text(encoding="utf-8").splitlines()]
    speech = [lab for lab in labels if lab["voice"] != "narration"]
    named = {(Path(lab["file"]).name, lab["speaker"]) for lab in speech if lab["speaker"]}
    rows = [(row["file"], row["speaker"]) for row in sources if row["speaker"] is not None]
    assert sorted(rows) == sorted(named)
    assert sum(row["n_quotes"] for row in sources) == len(speech)


@pytest.mark.parametrize(("what", "keep", "minimum"), [
    ("labelled sentences", lambda lab: True, 420),
    ("speech sentences", lambda lab: lab["voice"] != "narration", 220),
    ("sentences whose marks are not speech", lambda lab: lab["marks"] not in ("speech", "none"), 50),
    ("plain narration sentences", lambda lab: lab["voice"] == "narration" and lab["marks"] == "none", 150),
    ("articles", None, 45),
])
def test_the_set_keeps_its_promised_size(labels, what, keep, minimum):
    count = len({lab["file"] for lab in labels if "eval/" in lab["file"]}) if keep is None else \
        sum(map(keep, labels))
    assert count >= minimum, f"{count} {what}, fewer than {minimum}"


@pytest.mark.parametrize(("label", "problem"), [
    ({"file": "x", "sentence": "s", "voice": "speech", "marks": "none", "speaker": None}, "voice 'speech'"),
    ({"file": "x", "sentence": "s", "voice": "narration", "marks": "none", "speaker": "Ann Lee"}, "no speaker"),
    ({"file": "x", "sentence": "s", "voice": "quote", "marks": "title", "speaker": None}, "speech marks or none"),
    ({"file": "x", "sentence": "s", "voice": "quote", "marks": "speech", "speaker": ""}, "a name or null"),
    ({"file": "x", "sentence": "s", "voice": "quote", "marks": "speech", "speaker": None, "cases": ["x"]},
     "unknown case"),
    ({"file": "x", "sentence": "s", "voice": "quote", "marks": "speech"}, "missing field 'speaker'"),
])
def test_the_checker_names_what_is_wrong(label, problem):
    assert any(problem in p for p in check_labels.field_problems(label))


def test_the_checker_finds_a_sentence_missing_from_its_article(tmp_path):
    path = tmp_path / "labels.jsonl"
    row = {"file": "data/articles/000_8b1c9f11a3e874e0.txt", "sentence": "Nobody wrote this sentence.",
           "voice": "narration", "marks": "none", "speaker": None}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert any("found 0 times" in p for p in check_labels.check(path))
