"""Build the HTML reports: score the corpus once, run every notebook headless on it, render each page.

The corpus is scored first, through the cache (:mod:`analysis.pipeline.cache`), so the notebooks only read it, and a
grouping column that does not exist is refused before any kernel starts. Each notebook in ``notebooks/`` is then
executed with papermill (kernel ``python3``, the Python running PressLens), its ``parameters`` cell given the
corpus, manifest, codebook, actors file, grouping column and text column, and rendered with nbconvert's HTML
exporter through the ``presslens`` template, which loads no external script (no require.js, MathJax or Mermaid)
and hides the code by default. An ``index.html`` links the pages, with a one-paragraph summary of the corpus.

The report is built in a staging folder beside ``out`` and moved into place when every page is done, so a
failed or interrupted build leaves the previous report (or none), never half of one. ``out`` must be a new or
empty folder, or an earlier PressLens report (it is replaced): a folder holding anything else is refused.
"""
from __future__ import annotations

import html
import logging
import os
import shutil
import sys
import tempfile
import uuid
import warnings
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from analysis.errors import OutputError, PressLensError
from analysis.paths import NOTEBOOKS_DIR, TEMPLATES_DIR, bundled_defaults, resolved
from analysis.explore.session import analyse
from analysis.report.findings import corpus_finding
from analysis.tables.files import make_staging, remove_stale_staging

KERNEL = "python3"
MARKER = ".presslens-report"


class ReportError(PressLensError):
    """A notebook failed while the report was being built."""


def notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The report's notebooks, in their numbered order."""
    return sorted(p for p in Path(folder).glob("[0-9]*.ipynb") if not p.name.startswith("."))


def build_reports(corpus: str | Path | None = None, *, manifest: str | Path | None = None,
                  codebook: str | Path | None = None, actors: str | Path | None = None, by: str = "source",
                  out: str | Path = "reports", show_code: bool = False, progress: bool = True,
                  only: list[str] | None = None, notebooks_dir: str | Path = NOTEBOOKS_DIR,
                  text_col: str | None = None, max_file_mb: float | None = None,
                  tone_dictionary: str | Path | None = None, keep_executed: bool = False,
                  story: str | None = None, within: str | None = None) -> Path:
    """Score the corpus, execute and render every notebook into ``out``; return the path of ``index.html``.

    ``only`` restricts the build to notebooks whose names contain one of its strings. The executed notebooks
    are kept in ``out/executed`` only with ``keep_executed`` (they hold this machine's paths in their
    parameters). ``story`` and ``within`` are :func:`analysis.explore.session.analyse`'s.
    """
    out = Path(out).resolve()
    _check_out(out)
    selected = [nb for nb in notebooks(Path(notebooks_dir)) if not only or any(key in nb.name for key in only)]
    if not selected:
        raise ReportError(f"no notebooks to run in {notebooks_dir}" + (f" matching {only}" if only else ""))
    root, manifest, codebook, actors = bundled_defaults(corpus, manifest=manifest, codebook=codebook, actors=actors)
    tone_dictionary = resolved(tone_dictionary)
    analysis = analyse(root, manifest=manifest, codebook=codebook, actors=actors, by=by, text_col=text_col,
                       tone_dictionary=tone_dictionary, story=story, within=within,
                       max_file_mb=max_file_mb, progress=None if progress else False)
    by = analysis.by  # an export's name for a renamed column (media_name) is compared under PressLens's (source)
    parameters = {"corpus": root, "manifest": manifest, "codebook": codebook, "actors": actors, "by": by,
                  "tone_dictionary": tone_dictionary, "text_col": text_col, "max_file_mb": max_file_mb,
                  "story": story, "within": within}
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out.parent, f".{out.name}.partial-")
    staging = make_staging(out.parent, f".{out.name}.partial-")
    # Kernels run in a folder of their own (working folder, connection files, IPC sockets): two reports at
    # once never share a socket, and a read-only install can report.
    workdir = Path(tempfile.mkdtemp(prefix="presslens-kernels-"))
    try:
        pages = _build_pages(selected, staging, parameters, show_code=show_code, progress=progress,
                             workdir=workdir, keep_executed=keep_executed)
        (staging / "index.html").write_text(_index_html(pages, analysis, corpus, by), encoding="utf-8")
        (staging / MARKER).write_text("A report built by PressLens: `presslens report` replaces this folder.\n")
        _replace(out, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)
    return out / "index.html"


def _build_pages(selected: list[Path], staging: Path, parameters: dict, *, show_code: bool, progress: bool,
                 workdir: Path, keep_executed: bool) -> list[tuple[str, str]]:
    pages = []
    for notebook in tqdm(selected, desc="Building report", unit="notebook", disable=not progress, file=sys.stderr):
        executed = (staging if keep_executed else workdir) / "executed" / notebook.name
        executed.parent.mkdir(exist_ok=True)
        charts = staging / "charts" / notebook.stem
        _execute(notebook, executed, {**parameters, "charts_dir": str(charts)}, workdir=workdir)
        page = staging / f"{notebook.stem}.html"
        page.write_text(render_html(executed, show_code=show_code), encoding="utf-8")
        pages.append((page.name, _title(executed)))
    return pages


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file; give a folder for the report")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(f"--out {out} is a folder that holds other files, not an earlier PressLens report; "
                          "give a new or empty folder")


def _replace(out: Path, staging: Path) -> None:
    """Put the finished report in place of ``out`` (an earlier report there is removed)."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    try:
        staging.rename(out)
    except OSError as err:
        if old.exists():
            old.rename(out)
        raise OutputError(f"cannot write the report to {out}: {err.strerror or err}") from err
    shutil.rmtree(old, ignore_errors=True)


def render_html(notebook: Path, *, show_code: bool = False) -> str:
    """One executed notebook as a self-contained HTML page."""
    import nbformat  # lazy: the Jupyter stack loads only to build a report
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="presslens", extra_template_basedirs=[str(TEMPLATES_DIR)],
                            exclude_input=not show_code, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    return body


def _execute(notebook: Path, executed: Path, parameters: dict, *, workdir: Path) -> None:
    """Run one notebook. A kernel that fails to start or stops answering is tried once more, then reported in
    one line; a cell that raises is reported with its number and first line."""
    import papermill  # lazy: the Jupyter stack loads only to build a report
    from papermill.exceptions import PapermillExecutionError

    for attempt in (1, 2):
        with _quiet_kernels():
            try:
                papermill.execute_notebook(str(notebook), str(executed), parameters=parameters, kernel_name=KERNEL,
                                           cwd=str(workdir), progress_bar=False, log_output=False,
                                           kernel_manager_class=_private_kernel_manager(workdir))
                return
            except PapermillExecutionError as err:
                number = _original_cell_number(executed, err.cell_index)
                first_line = (err.source or "").strip().splitlines()[0][:80] if (err.source or "").strip() else ""
                raise ReportError(f"notebook {notebook.name} failed in cell {number} ({err.ename}: {err.evalue}); "
                                  f"the cell begins `{first_line}`") from err
            except (KeyboardInterrupt, PressLensError):
                raise
            except Exception as err:  # the kernel did not start, died, or stopped answering
                if attempt == 2:
                    detail = (str(err).strip().splitlines() or [""])[0][:120]
                    raise ReportError(f"the Jupyter kernel for {notebook.name} failed twice "
                                      f"({type(err).__name__}: {detail})") from err


def _private_kernel_manager(workdir: Path):
    """A kernel manager whose kernel talks over local sockets (IPC, not TCP: nothing listens on the network)
    named after a connection file in ``workdir``, a folder of this report's own."""
    from jupyter_client.manager import AsyncKernelManager  # lazy: the Jupyter stack loads only to build a report
    from traitlets import default

    class PrivateKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self):
            return "ipc"

        @default("connection_file")
        def _connection_file_default(self):
            return str(workdir / f"kernel-{uuid.uuid4().hex[:12]}.json")

    return PrivateKernelManager


class _quiet_kernels:
    """Silence what Jupyter's machinery logs on every kernel start and stop (not PressLens's own messages)."""

    NAMES = ("traitlets", "papermill", "jupyter_client", "nbclient", "asyncio")

    def __enter__(self):
        self.levels = {name: logging.getLogger(name).level for name in self.NAMES}
        for name in self.NAMES:
            logging.getLogger(name).setLevel(logging.CRITICAL)
        self.warnings = warnings.catch_warnings()
        self.warnings.__enter__()
        warnings.filterwarnings("ignore", message=".*TCP without encryption.*")
        return self

    def __exit__(self, *exc):
        self.warnings.__exit__(*exc)
        for name, level in self.levels.items():
            logging.getLogger(name).setLevel(level)
        return False


def _original_cell_number(executed: Path, cell_index: int) -> int:
    """The 1-based number of a cell in the notebook as written, not counting papermill's injected cell."""
    import nbformat  # lazy: the Jupyter stack loads only to build a report

    cells = [c for c in nbformat.read(executed, as_version=4).cells
             if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])]
    return 1 + sum("injected-parameters" not in c.get("metadata", {}).get("tags", []) for c in cells[:cell_index])


def _title(notebook: Path) -> str:
    import nbformat  # lazy: the Jupyter stack loads only to build a report

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def _index_html(pages: list[tuple[str, str]], analysis, corpus, by: str) -> str:
    summary = corpus_finding(analysis.summary())
    name = Path(str(corpus)).name if corpus else "the bundled corpus (data/articles, with data/sources.csv)"
    items = "\n".join(f'    <li><a href="{html.escape(page, quote=True)}">{html.escape(title)}</a></li>'
                      for page, title in pages)
    built = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>PressLens report</title>
<style>body {{ font: 16px/1.5 sans-serif; max-width: 760px; margin: 2rem auto; padding: 0 1rem; }}</style>
</head>
<body>
<h1>PressLens report</h1>
<p><strong>Corpus:</strong> {html.escape(name)}. <strong>Compared by:</strong> {html.escape(by)}.</p>
<p>{html.escape(summary)}</p>
<p>Tone is measured with two English sentiment lexicons (TextBlob and VADER) on each sentence. Lexicons miss
sarcasm and irony, read domain senses literally ("hard work", "cold war") and catch negation only next to its
word; every tone figure comes with a 95% bootstrap interval, and small samples give wide ones.</p>
<ol>
{items}
</ol>
<p><small>Built {built} with PressLens. Each chart's numbers are in <code>charts/</code> as CSV beside its
PNG.</small></p>
</body>
</html>
"""
