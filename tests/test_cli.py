"""The presslens command: one-line errors with exit code 2 and nothing left behind; a summary a reader can use;
every loading option on every command; any article column to compare by."""
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main, printable
from analysis.paths import PROJECT_ROOT

OTHER = PROJECT_ROOT / "tests" / "fixtures" / "other_corpus"
PRESSLENS = [sys.executable, "-m", "analysis.cli"]


def _cli(args, cwd, **options):
    return subprocess.run([*PRESSLENS, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600,
                          **options)


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _one_line_error(result, *needles):
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("presslens: "), result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "empty").mkdir()
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (junk / "blank.txt").write_text("   \n")
    return tmp_path


@pytest.mark.parametrize("command", ["load", "score", "report"])
@pytest.mark.parametrize("corpus, needle", [("empty", "holds no files"), ("missing", "no such file or folder"),
                                            ("junk", "no article could be loaded")])
def test_a_corpus_with_no_article_is_one_line_and_leaves_nothing(workdir, command, corpus, needle):
    before = _listing(workdir)
    extra = ["--out", "out.parquet"] if command == "score" else ["--out", "report"] if command == "report" else []
    result = _cli([command, corpus, *extra], cwd=workdir, env={**os.environ, "PRESSLENS_CACHE": str(workdir / ".c")})
    _one_line_error(result, needle)
    assert _listing(workdir) - {".c"} == before, "nothing may be left behind"
    if (workdir / ".c").exists():
        assert not list((workdir / ".c").iterdir()), "no staging folder left in the cache"


def test_unknown_grouping_column_is_refused_before_any_notebook(tmp_path):
    result = _cli(["report", OTHER, "--by", "nope", "--out", tmp_path / "r"], cwd=tmp_path)
    _one_line_error(result, "cannot compare by 'nope'", "source")
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("args, needle", [
    (["score", "--out", "x.parquet", "--workers", "-1"], "workers must be 1 or more"),
    (["score", "--out", "afile/x.parquet"], "cannot create the output folder"),
    (["report", "--out", "afile"], "is a file"),
    (["report", "--out", "full"], "not an earlier PressLens report"),
])
def test_bad_options_and_outputs_are_one_line(tmp_path, args, needle):
    (tmp_path / "afile").write_text("x")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "thesis.docx").write_text("mine")
    _one_line_error(_cli(args, cwd=tmp_path), needle)
    assert (tmp_path / "full" / "thesis.docx").read_text() == "mine"


def test_out_as_an_existing_folder_writes_inside_it(tmp_path, capsys):
    (tmp_path / "results").mkdir()
    assert main(["score", str(OTHER), "--out", str(tmp_path / "results"), "--workers", "1", "--quiet"]) == 0
    assert (tmp_path / "results" / "scores.parquet").exists()
    assert (tmp_path / "results" / "scores.manifest.json").exists()
    assert not (tmp_path / "results.parquet").exists()


def test_load_prints_a_summary_table(capsys):
    assert main(["load"]) == 0
    out = capsys.readouterr().out
    assert "(bundled, with its manifest)" in out
    for label in ("files with articles", "articles", "sources", "dates", "removed spans", "problems"):
        assert f"\n  {label} " in out, label
    assert "\n      15  trailing list of 15 headlines of other stories" in out
    assert "5 articles (0 duplicates flagged)" in out and "2023-03-01 to 2023-12-04" in out


def test_counts_of_one_and_no_dates_read_well(tmp_path, capsys):
    (tmp_path / "one.txt").write_text("The port reopened on Monday after a long strike. Ships came in.\n")
    assert main(["load", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 article (0 duplicates flagged)" in out and "none found" in out
    assert "1 articles" not in out and "None to None" not in out


def test_a_broken_pipe_is_not_an_error(tmp_path):
    result = subprocess.run(f"{sys.executable} -m analysis.cli load | head -n 1", shell=True, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_file_names_cannot_drive_the_terminal(tmp_path, capsys):
    (tmp_path / "evil\x1b[31mred.docx").write_text("x")
    (tmp_path / "ok.txt").write_text("The port reopened on Monday after a long strike. Ships came in.\n")
    assert main(["load", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "evil\\x1b[31mred.docx" in out
    assert printable("a\u202eb\x07c") == "a\\u202eb\\x07c"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    rows = []
    for path in sorted(OTHER.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for k, desk in enumerate(["Metro", "Business", None]):
            rows.append({"story": text.replace("strike", ["walkout", "stoppage", "strike"][k]),
                         "outlet": path.parent.name, "desk": desk, "published": f"2024-05-0{1 + k}"})
    pd.DataFrame(rows).to_csv(folder / "export.csv", index=False)
    return folder / "export.csv"


def test_report_by_an_export_column_with_missing_values_and_a_text_column(export, tmp_path):
    result = _cli(["report", export, "--text-col", "story", "--by", "desk", "--out", tmp_path / "r"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    tone = (tmp_path / "r" / "02-tone.html").read_text(encoding="utf-8")
    assert "Metro" in tone and "Business" in tone and "(no desk)" in tone


def test_report_by_a_manifest_column(tmp_path):
    manifest = tmp_path / "manifest.csv"
    files = sorted(p.relative_to(OTHER).as_posix() for p in OTHER.rglob("*.txt"))
    pd.DataFrame({"file": files, "desk": ["Ports", "Ports", None, "City", "City", "City"][:len(files)]}).to_csv(
        manifest, index=False)
    result = _cli(["report", OTHER, "--manifest", manifest, "--by", "desk", "--out", tmp_path / "r",
                   "--only", "01", "--only", "03"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "r" / "03-voices-and-actors.html").read_text(encoding="utf-8")
    assert "Ports" in page and "City" in page


def test_load_prints_the_articles_as_a_table_with_where_each_date_came_from(capsys):
    assert main(["load", str(OTHER)]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.strip().startswith("article_id"))
    assert header.split() == ["article_id", "source", "published", "published_from", "n_words", "duplicate_of",
                              "title"]
    row = next(line for line in out.splitlines() if "daily-ledger/port-deal" in line)
    assert row.split()[:5] == ["daily-ledger/port-deal", "daily-ledger", "2024-05-11", "published", "line"]
    assert "Port strike ends with a deal after five days" in row
    copy = next(line for line in out.splitlines() if line.strip().startswith("coastal-wire/strike-wire "))
    assert "coastal-wire/strike-wire-update" in copy  # the article it duplicates
    assert main(["load", "--rows", "2"]) == 0
    out = capsys.readouterr().out
    assert "… the first 2 of 5\u00a0articles; --rows 0 lists every one" in out or \
        "… the first 2 of 5 articles; --rows 0 lists every one" in out
    assert main(["load", "--rows", "0"]) == 0
    assert "… the first" not in capsys.readouterr().out


def test_report_by_an_exports_own_name_for_the_source_column(tmp_path):
    rows = [{"text": p.read_text(encoding="utf-8"), "media_name": p.parent.name} for p in sorted(OTHER.rglob("*.txt"))]
    pd.DataFrame(rows).to_csv(tmp_path / "export.csv", index=False)
    result = _cli(["report", tmp_path / "export.csv", "--by", "media_name", "--out", tmp_path / "r", "--only", "01"],
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "r" / "01-corpus.html").read_text(encoding="utf-8")
    assert "harbour-herald" in page and "Compared by:</strong> source" in (tmp_path / "r" / "index.html").read_text()


def test_stories_from_a_column_of_the_export_or_found(tmp_path):
    export = tmp_path / "export.csv"
    pd.DataFrame({"text": ["The council approved the Lakeside bridge budget on Monday after a long debate.",
                           "Lakeside's council approved the bridge budget on Monday, ending a long debate.",
                           "Mereford's chess club won the regional cup on Saturday."],
                  "source": ["A", "B", "A"], "published": ["2024-05-06", "2024-05-06", "2024-05-04"],
                  "event": ["bridge", "bridge", None]}).to_csv(export, index=False)
    result = _cli(["score", export, "--out", tmp_path / "given" / "s.parquet", "--story", "event", "--quiet"],
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    articles = pd.read_parquet(tmp_path / "given" / "s.articles.parquet")
    assert articles["story"].tolist() == ["bridge", "bridge", "(no story)"]
    assert set(articles["story_from"]) == {"column event"}
    unknown = _cli(["score", export, "--out", tmp_path / "bad" / "s.parquet", "--story", "desk"], cwd=tmp_path)
    _one_line_error(unknown)
    assert "--story: no article column 'desk'" in unknown.stderr
    found = _cli(["score", export, "--out", tmp_path / "found" / "s.parquet", "--quiet"], cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    stories = pd.read_parquet(tmp_path / "found" / "s.stories.parquet")
    assert len(stories) == 2 and stories["n_sources"].max() == 2 and set(stories["story_from"]) == {"found"}
