"""Outputs that never lie: a result is complete or absent, whatever kills the run, and re-runs always work.

Also: spreadsheet-safe CSV, a cache that checks its tables, and staging folders that never pile up.
"""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import OutputError, score_corpus
from analysis.paths import PROJECT_ROOT
from analysis.tables.files import read_tables
from analysis.tables.sinks import spreadsheet_safe
from helpers.corpora import generate


OTHER = PROJECT_ROOT / "tests" / "fixtures" / "other_corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("kill") / "corpus", 600, sources=5, seed=1)


def _state(out: Path):
    """'complete' when the result reads back whole, 'none' when it is refused."""
    try:
        tables = read_tables(out, verify=True)
    except OutputError:
        return "none", None
    manifest = json.loads(out.with_name("s.manifest.json").read_text())
    for name, entry in manifest["tables"].items():
        assert len(tables[name]) == entry["rows"]
    return "complete", tables


def _orphans(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                command = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if marker in command:
                found.append(int(entry))
    return found


@pytest.mark.parametrize("sig, delay", [(signal.SIGINT, 1.0), (signal.SIGKILL, 1.5), (signal.SIGKILL, 3.0),
                                        (signal.SIGINT, 4.0), (signal.SIGKILL, 6.0), (signal.SIGTERM, 2.5)])
def test_killed_runs_leave_a_complete_result_or_none_and_reruns_work(corpus, tmp_path, sig, delay):
    out = tmp_path / "results" / "s.parquet"
    command = [sys.executable, "-m", "analysis.cli", "score", str(corpus), "--out", str(out), "--workers", "2",
               "--chunk-files", "25", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=120)
    state, _ = _state(out)
    assert state in ("none", "complete")
    if sig != signal.SIGKILL and process.returncode != 0:
        assert "Traceback" not in stderr and process.returncode in (2, 130), stderr[-2000:]
        staged = [p for p in out.parent.iterdir() if ".partial-" in p.name] if out.parent.exists() else []
        assert not staged, "staging removed on Ctrl-C/TERM"
    deadline = time.monotonic() + 10
    while _orphans(str(out)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _orphans(str(out)) == [], "pool workers must not outlive their parent"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert _state(out)[0] == "complete"
    assert not [p for p in out.parent.iterdir() if ".partial-" in p.name], "a stale staging folder is cleaned"


def test_a_crash_while_swapping_files_leaves_no_result_that_looks_complete(tmp_path, monkeypatch):
    out = tmp_path / "s.parquet"
    score_corpus(OTHER, out, workers=1, progress=False)
    assert _state(out)[0] == "complete"
    calls = {"n": 0}
    real = os.replace

    def crash_after_two(source, target):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(source, target)

    monkeypatch.setattr(os, "replace", crash_after_two)
    with pytest.raises(OSError):
        score_corpus(OTHER, out, workers=1, progress=False, codebook=OTHER.parent / "other_corpus_topics.yml")
    monkeypatch.setattr(os, "replace", real)
    assert _state(out)[0] == "none"
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]
    score_corpus(OTHER, out, workers=1, progress=False)
    state, tables = _state(out)
    assert state == "complete" and "topics" not in tables
    assert not out.with_name("s.topics.parquet").exists(), "a table of an earlier run is not left beside the new set"


def test_a_changed_table_is_refused(tmp_path):
    out = tmp_path / "s.parquet"
    score_corpus(OTHER, out, workers=1, progress=False)
    articles = out.with_name("s.articles.parquet")
    data = bytearray(articles.read_bytes())
    data[len(data) // 2] ^= 0x01
    articles.write_bytes(bytes(data))
    with pytest.raises(OutputError, match="does not match its manifest"):
        read_tables(out, verify=True)
    articles.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(OutputError, match="does not match its manifest"):
        read_tables(out)


def test_csv_cells_cannot_run_as_formulas(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    pd.DataFrame({"title": ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1 rise", "@SUM(A1)", "Plain"],
                  "text": [f"The {w} reopened on Monday after a strike. Ships came in." for w in ("port", "mine",
                                                                                                    "mill", "dock")],
                  "desk": ["-metro", "\tcity", "=1+1", "ok"]}).to_csv(corpus / "export.csv", index=False)
    score_corpus(corpus, tmp_path / "o" / "s.csv", fmt="csv", workers=1, progress=False)
    articles = pd.read_csv(tmp_path / "o" / "s.articles.csv", keep_default_na=False)
    assert set(articles["title"]) == {"'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1 rise", "'@SUM(A1)",
                                      "Plain"}
    assert set(articles["desk"]) == {"'-metro", "'\tcity", "'=1+1", "ok"}
    assert (articles["n_words"] > 0).all(), "numbers stay numbers"
    score_corpus(corpus, tmp_path / "p" / "s.parquet", workers=1, progress=False)
    parquet = read_tables(tmp_path / "p" / "s.parquet")["articles"]
    assert "=1+1" in set(parquet["desk"]), "Parquet keeps the text as it is"


def test_spreadsheet_safe_leaves_numbers_alone():
    frame = pd.DataFrame({"a": ["-5 degrees", "fine", None], "b": [-5.0, 2.0, 3.0]})
    safe = spreadsheet_safe(frame)
    assert safe["a"].tolist()[:2] == ["'-5 degrees", "fine"] and safe["b"].tolist() == [-5.0, 2.0, 3.0]


def test_the_cache_rescores_a_damaged_table(tmp_path, monkeypatch):
    from analysis.pipeline.cache import cached_scores

    monkeypatch.setenv("PRESSLENS_CACHE", str(tmp_path / "cache"))
    out = cached_scores(str(OTHER))
    target = out.with_name("scores.sentences.parquet") if out.with_name("scores.sentences.parquet").exists() else out
    data = bytearray(target.read_bytes())
    data[100] ^= 0x04
    target.write_bytes(bytes(data))
    with pytest.warns(UserWarning, match="damaged"):
        again = cached_scores(str(OTHER))
    assert read_tables(again, verify=True)["sentences"].shape[0] > 0
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(".scoring-")]


def test_the_cache_key_changes_with_the_code(tmp_path):
    import shutil

    from analysis.pipeline.cache import code_digest
    from analysis.paths import DATA_DIR, PACKAGE_DIR

    copy = shutil.copytree(PACKAGE_DIR, tmp_path / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    data = shutil.copytree(DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("articles"))
    before = code_digest(copy, data)
    assert before == code_digest(PACKAGE_DIR, DATA_DIR)
    segment = copy / "text" / "segment.py"
    segment.write_text(segment.read_text() + "\n# an edit\n")
    assert code_digest.__wrapped__(copy, data) != before
    segment.write_text(segment.read_text().replace("\n# an edit\n", "\n"))
    (data / "abbreviations.txt").write_text((data / "abbreviations.txt").read_text() + "zzz.\n")
    assert code_digest.__wrapped__(copy, data) != before


def test_stale_staging_of_dead_runs_is_removed(tmp_path):
    from analysis.tables.files import remove_stale_staging

    dead = tmp_path / ".s.partial-999999-0123abcd"
    alive = tmp_path / f".s.partial-{os.getpid()}-0123abcd"
    dead.mkdir()
    alive.mkdir()
    remove_stale_staging(tmp_path, ".s.partial-")
    assert not dead.exists() and alive.exists()


def test_a_formula_as_a_column_name_is_prefixed_like_a_cell(tmp_path):
    """Issue 23, break 5: a column called ``=HYPERLINK(…)`` was written live in the CSV header (the chart CSVs:
    tests/report/test_plots.py)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    evil = '=HYPERLINK("http://evil.example";"x")'
    (corpus / "e.csv").write_text(f'text,{evil}\n"Talks went well in the capital on Monday.",1\n')
    score_corpus(corpus, tmp_path / "o" / "s.csv", fmt="csv", workers=1, progress=False)
    for table in (tmp_path / "o").glob("*.csv"):
        header = table.read_text().splitlines()[0]
        assert not any(cell.startswith(("=", "\"=")) for cell in header.split(",")), (table.name, header)
    assert "'" + evil in pd.read_csv(tmp_path / "o" / "s.articles.csv").columns
    assert read_tables(tmp_path / "o" / "s.csv")["articles"].shape[0] == 1


@pytest.mark.parametrize("damage", [
    lambda body: body.update(tables={("tablez" if k == "articles" else k): v for k, v in body["tables"].items()}),
    lambda body: body["tables"]["articles"].pop("bytes"),
    lambda body: body["tables"]["articles"].update(file="s.sentences.parquet"),
    lambda body: body.update(format="xlsx"),
    lambda body: body.update(tables=[]),
    lambda body: body["tables"].update(articles="s.articles.parquet"),
])
def test_a_valid_but_damaged_manifest_is_refused_and_the_cache_rescores(tmp_path, monkeypatch, damage):
    """Issue 23, break 12: a manifest with a renamed key made every later report fail until the cache was
    deleted by hand."""
    from analysis.pipeline.cache import cached_scores

    out = tmp_path / "s.parquet"
    score_corpus(OTHER, out, workers=1, progress=False)
    manifest = out.with_name("s.manifest.json")
    body = json.loads(manifest.read_text())
    damage(body)
    manifest.write_text(json.dumps(body))
    with pytest.raises(OutputError, match="is not one PressLens wrote"):
        read_tables(out)
    monkeypatch.setenv("PRESSLENS_CACHE", str(tmp_path / "cache"))
    cached = cached_scores(str(OTHER))
    cached_manifest = cached.with_name("scores.manifest.json")
    body = json.loads(cached_manifest.read_text())
    damage(body)
    cached_manifest.write_text(json.dumps(body))
    with pytest.warns(UserWarning, match="damaged"):
        again = cached_scores(str(OTHER))
    assert read_tables(again, verify=True)["articles"].shape[0] > 0


def test_two_scores_started_together_both_succeed(tmp_path):
    """Issue 23 (done when): two ``score`` runs started together on one machine, into one output and into two,
    all succeed; the shared output is one complete result, and no staging folder is left."""
    command = [sys.executable, "-m", "analysis.cli", "score", str(OTHER), "--workers", "1", "--quiet", "--out"]
    outs = [tmp_path / "same" / "s.parquet", tmp_path / "same" / "s.parquet", tmp_path / "other" / "s.parquet"]
    runs = [subprocess.Popen([*command, str(out)], stderr=subprocess.PIPE, text=True) for out in outs]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    first, second = (read_tables(out, verify=True)["articles"] for out in outs[1:])
    assert first.equals(second) and len(first) > 0
    assert not [p for p in (tmp_path / "same").iterdir() if p.name.startswith(".")]
