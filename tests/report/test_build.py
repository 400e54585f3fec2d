"""Reports: built from untrusted text, nothing in them is live; they render in a browser without errors."""
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from analysis.report.build import ReportError, build_reports
from helpers import FIXTURES

ATTACKS = [
    "<script>document.body.appendChild(document.createElement('div')).id='pwned'</script>",
    "<img src=x onerror=\"this.id='pwned'\">",
    "[click me](javascript:alert(1)) and <a href=\"javascript:alert(2)\">link</a>",
    "Prices rose $5 to $10 and $\\frac{1}{2}$ of $x^2$ was lost.",
    "{{ 7*7 }} {% for x in y %} ${{ '{{' }} <% code %>",
    "# Heading injected\n\n**bold** _under_ `code` <!-- comment --> <iframe src=\"https://evil.example\"></iframe>",
]


def _injection_corpus(root: Path) -> Path:
    outlets = {"Daily <b onmouseover=alert(1)>Bugle": 0, "Evil $x$ {{News}}": 3}
    for outlet, start in outlets.items():
        folder = root / outlet
        folder.mkdir(parents=True)
        for i in range(3):
            attack = ATTACKS[(start + i) % len(ATTACKS)]
            (folder / f"story{i}.txt").write_text(
                f"Headline with {attack}\n\nThe council met on Monday and praised the wonderful new budget. "
                f"Critics said the plan was a terrible failure. {attack} The mayor said: \"We will win "
                f"this fight for the city's future.\" Officials in Springfield said talks would go on.\n")
    return root


class _LiveContent(HTMLParser):
    def __init__(self):
        super().__init__()
        self.live = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "base", "form"):
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.live.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith(("javascript:", "http")):
                self.live.append(f"{tag} {name}={value}")
            if name == "id" and value == "pwned":
                self.live.append("id=pwned")


@pytest.fixture(scope="module")
def injected_report(tmp_path_factory):
    root = _injection_corpus(tmp_path_factory.mktemp("corpus") / "corpus")
    out = tmp_path_factory.mktemp("report")
    build_reports(root, out=out, progress=False)
    return out


def test_report_has_an_index_and_a_page_per_notebook(injected_report):
    names = {p.name for p in injected_report.glob("*.html")}
    assert {"index.html", "01-corpus.html", "02-tone.html", "03-voices-and-actors.html", "04-topics.html",
            "05-keywords.html"} <= names
    assert list((injected_report / "charts" / "02-tone").glob("*.png"))
    assert list((injected_report / "charts" / "02-tone").glob("*.csv"))


def test_untrusted_text_is_never_live_in_the_html(injected_report):
    for page in injected_report.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        parser = _LiveContent()
        parser.feed(text)
        assert parser.live == [], page.name
        assert "<script" not in text.lower(), page.name
        assert "<b onmouseover" not in text


def test_untrusted_text_is_shown_escaped(injected_report):
    corpus_page = (injected_report / "01-corpus.html").read_text(encoding="utf-8")
    assert "Daily &lt;b onmouseover=alert(1)&gt;Bugle" in corpus_page
    assert "&lt;script&gt;document.body" in corpus_page
    assert "&lt;img src=x onerror=" in corpus_page
    assert "{{ 7*7 }}" in corpus_page  # template syntax stays text, never evaluated to 49


def test_no_external_resources(injected_report):
    for page in injected_report.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for needle in ("require.js", "mathjax", "cdn.jsdelivr", "unpkg.com", "cdnjs"):
            assert needle not in text.lower(), (page.name, needle)


def _chromium():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; `make test` installs Debian's chromium package")
        pytest.skip("chromium is not installed (make test installs it)")
    return found


@pytest.mark.parametrize("page", ["index.html", "01-corpus.html", "02-tone.html", "03-voices-and-actors.html"])
def test_report_renders_in_headless_chromium_without_script_errors(injected_report, tmp_path, page):
    browser = _chromium()
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path}",
         "--enable-logging=stderr", "--v=0", "--dump-dom", (injected_report / page).as_uri()],
        capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<h1" in result.stdout
    assert 'id="pwned"' not in result.stdout
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console


def test_other_corpus_with_manifestless_folders_codebook_and_actors(tmp_path):
    index = build_reports(FIXTURES / "other_corpus", codebook=FIXTURES / "other_corpus_topics.yml",
                          actors=FIXTURES / "other_corpus_actors.yml", out=tmp_path, progress=False)
    text = (tmp_path / "04-topics.html").read_text(encoding="utf-8")
    assert "Strike and industrial action" in text
    summary = index.read_text(encoding="utf-8").replace("\u00a0", " ")  # findings join numbers to units with NBSP
    assert "harbour-herald" in summary or "3 sources" in summary


def test_a_tone_dictionary_and_a_flat_quanteda_codebook_reach_the_pages(tmp_path):
    codebook = tmp_path / "flat.yml"  # quanteda's flat YAML: no `topics:` wrapper, glob patterns
    codebook.write_text("strike: [strike*, walkout, picket*]\nwages: [wage*, pay, deal]\n", encoding="utf-8")
    build_reports(FIXTURES / "other_corpus", codebook=codebook, tone_dictionary=FIXTURES / "dictionaries" / "tone.lc3",
                  out=tmp_path / "out", only=["02", "04"], progress=False)
    tone = (tmp_path / "out" / "02-tone.html").read_text(encoding="utf-8")
    assert "<h2>Dictionary tone</h2>" in tone
    assert (tmp_path / "out" / "charts" / "02-tone" / "dictionary_tone.csv").exists()
    topics = (tmp_path / "out" / "04-topics.html").read_text(encoding="utf-8")
    assert "strike" in topics and "wages" in topics


def test_a_single_outlet_corpus_builds_every_page(tmp_path):
    corpus = tmp_path / "one-outlet"
    shutil.copytree(FIXTURES / "other_corpus" / "harbour-herald", corpus / "harbour-herald")
    build_reports(corpus, out=tmp_path / "out", progress=False)
    pages = {p.name for p in (tmp_path / "out").glob("*.html")}
    assert {"02-tone.html", "05-keywords.html"} <= pages
    assert "at least two groups" in (tmp_path / "out" / "05-keywords.html").read_text(encoding="utf-8")


def test_a_failing_notebook_names_the_notebook_and_the_cell(tmp_path):
    book = nbformat.v4.new_notebook()
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    book.cells = [nbformat.v4.new_code_cell("corpus = None", metadata={"tags": ["parameters"]}),
                  nbformat.v4.new_code_cell("1 / 0")]
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(book, folder / "01-broken.ipynb")
    with pytest.raises(ReportError, match=r"01-broken.ipynb failed in cell 2 \(ZeroDivisionError"):
        build_reports(out=tmp_path / "out", notebooks_dir=folder, progress=False)


# Every printed finding agrees with the table it summarises: each finding the pages show is recomputed from the
# full table written beside the page (charts/<page>/<table>.csv), on the bundled corpus and on another story.

def _findings(executed) -> list[str]:
    book = nbformat.read(executed, as_version=4)
    texts = []
    for cell in book.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            if 'class="presslens-finding"' in html:
                texts.append(output["data"]["text/plain"])
    return texts


def test_every_finding_agrees_with_the_table_it_summarises(story_report):
    import pandas as pd

    from analysis.report.findings import (actor_finding, agreement_finding, tone_finding, topic_finding, voice_finding, voice_share_finding)

    def table(page, name):
        return pd.read_csv(story_report / "charts" / page / f"{name}.csv", keep_default_na=False,
                           na_values=["", "NaN", "nan"])

    checks = {
        "02-tone": [tone_finding(table("02-tone", "tone_summary"), measure="vader", by="source"),
                    agreement_finding(table("02-tone", "agreement"), by="source")],
        "03-voices-and-actors": [voice_finding(table("03-voices-and-actors", "voice_tone"), measure="vader",
                                               by="source"),
                                 voice_share_finding(table("03-voices-and-actors", "voice_tone_totals")),
                                 actor_finding(table("03-voices-and-actors", "actor_voice"), by="source")],
        "04-topics": [topic_finding(table("04-topics", "topic_coverage"), by="source")],
    }
    for page, expected in checks.items():
        printed = _findings(story_report / "executed" / f"{page}.ipynb")
        for finding in expected:
            assert finding in printed, (page, finding, printed)


def test_no_dictionary_section_without_a_tone_dictionary(story_report):
    tone = (story_report / "02-tone.html").read_text(encoding="utf-8")
    findings = _findings(story_report / "executed" / "02-tone.ipynb")
    assert "Dictionary tone" not in tone and not any("dictionary" in finding.lower() for finding in findings)
    assert not (story_report / "charts" / "02-tone" / "dictionary_tone.csv").exists()


def test_no_page_shows_a_machine_path_or_warning_text(story_report):
    for page in story_report.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "/work/" not in text and "/tmp/" not in text and "/root/" not in text, page.name
        for needle in ("Warning:", "UserWarning", "FutureWarning", "DeprecationWarning", "Traceback"):
            assert needle not in text, (page.name, needle)


def test_executed_notebooks_are_kept_only_when_asked(tmp_path):
    out = tmp_path / "report"
    build_reports(FIXTURES / "other_corpus", out=out, progress=False, only=["01-"])
    assert (out / "01-corpus.html").exists() and not (out / "executed").exists()


def test_a_kernel_that_fails_to_start_is_tried_again_then_reported_in_one_line(tmp_path, monkeypatch):
    import papermill

    real = papermill.execute_notebook
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ValueError("Invalid Signature: b'0123'")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    build_reports(FIXTURES / "other_corpus", out=tmp_path / "r1", progress=False, only=["01-"])
    assert calls["n"] == 2 and (tmp_path / "r1" / "01-corpus.html").exists()

    def broken(*args, **kwargs):
        raise RuntimeError("Kernel didn't respond in 60 seconds\nand a long traceback")

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    with pytest.raises(ReportError) as caught:
        build_reports(FIXTURES / "other_corpus", out=tmp_path / "r2", progress=False, only=["01-"])
    assert str(caught.value) == ("the Jupyter kernel for 01-corpus.ipynb failed twice "
                                 "(RuntimeError: Kernel didn't respond in 60 seconds)")
    assert not (tmp_path / "r2").exists() and not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_two_reports_at_once_and_from_a_read_only_install(tmp_path):
    import sys

    from analysis.report.build import notebooks

    readonly = tmp_path / "notebooks"
    readonly.mkdir()
    for notebook in notebooks()[:2]:
        shutil.copy(notebook, readonly / notebook.name)
    readonly.chmod(0o555)
    try:
        command = [sys.executable, "-c", "import sys; from analysis.report.build import build_reports; "
                   "build_reports(sys.argv[1], out=sys.argv[2], progress=False, notebooks_dir=sys.argv[3])"]
        runs = [subprocess.Popen(command + [str(corpus), str(tmp_path / f"r{i}"), str(readonly)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for i, corpus in enumerate([FIXTURES / "other_corpus", FIXTURES / "other_corpus" / "coastal-wire"])]
        for run in runs:
            _, stderr = run.communicate(timeout=600)
            assert run.returncode == 0, stderr[-2000:]
    finally:
        readonly.chmod(0o755)
    for i in range(2):
        assert sorted(p.name for p in (tmp_path / f"r{i}").glob("*.html")) == ["01-corpus.html", "02-tone.html",
                                                                              "index.html"]
    assert sorted(p.name for p in readonly.iterdir()) == [nb.name for nb in notebooks()[:2]]
