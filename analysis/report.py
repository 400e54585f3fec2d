"""Build the HTML reports: run every notebook headless on a corpus, render each to a self-contained page.

Each notebook in ``notebooks/`` is executed with papermill (kernel ``python3``,
the Python running PressLens), its ``parameters`` cell given the corpus,
manifest, codebook, actors file and grouping column. Each executed notebook is
rendered with nbconvert's HTML exporter through the ``presslens`` template,
which loads no external script (no require.js, MathJax or Mermaid) and hides
the code by default. An ``index.html`` links the pages, with a one-paragraph
summary of the corpus. A notebook that fails stops the build with an error
naming the notebook and the cell.
"""
from __future__ import annotations

import html
import sys
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from analysis.errors import PressLensError
from analysis.paths import NOTEBOOKS_DIR

TEMPLATES = Path(__file__).parent / "templates"
KERNEL = "python3"


class ReportError(PressLensError):
    """A notebook failed while the report was being built."""


def notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The report's notebooks, in their numbered order."""
    return sorted(p for p in folder.glob("[0-9]*.ipynb") if not p.name.startswith("."))


def build_reports(corpus: str | Path | None = None, *, manifest: str | Path | None = None,
                  codebook: str | Path | None = None, actors: str | Path | None = None, by: str = "source",
                  out: str | Path = "reports", show_code: bool = False, progress: bool = True,
                  only: list[str] | None = None, notebooks_dir: str | Path = NOTEBOOKS_DIR) -> Path:
    """Execute and render every notebook into ``out``; return the path of ``index.html``.

    ``only`` restricts the build to notebooks whose names contain one of its strings.
    """
    out = Path(out).resolve()
    executed_dir = out / "executed"
    executed_dir.mkdir(parents=True, exist_ok=True)
    parameters = {
        "corpus": _path_or_none(corpus), "manifest": _path_or_none(manifest),
        "codebook": _path_or_none(codebook), "actors": _path_or_none(actors), "by": by,
    }
    selected = [nb for nb in notebooks(Path(notebooks_dir)) if not only or any(key in nb.name for key in only)]
    if not selected:
        raise ReportError(f"no notebooks to run in {notebooks_dir}")
    pages = []
    for notebook in tqdm(selected, desc="Building report", unit="notebook", disable=not progress,
                         file=sys.stderr):
        executed = executed_dir / notebook.name
        charts = out / "charts" / notebook.stem
        _execute(notebook, executed, {**parameters, "charts_dir": str(charts)})
        page = out / f"{notebook.stem}.html"
        page.write_text(render_html(executed, show_code=show_code), encoding="utf-8")
        pages.append((page, _title(executed)))
    index = out / "index.html"
    index.write_text(_index_html(pages, corpus, manifest, by), encoding="utf-8")
    return index


def render_html(notebook: Path, *, show_code: bool = False) -> str:
    """One executed notebook as a self-contained HTML page."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="presslens", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=not show_code, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    return body


def _execute(notebook: Path, executed: Path, parameters: dict) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        papermill.execute_notebook(str(notebook), str(executed), parameters=parameters, kernel_name=KERNEL,
                                   cwd=str(notebook.parent), progress_bar=False, log_output=False)
    except PapermillExecutionError as err:
        number = _original_cell_number(executed, err.cell_index)
        first_line = (err.source or "").strip().splitlines()[0][:80] if (err.source or "").strip() else ""
        raise ReportError(f"notebook {notebook.name} failed in cell {number} ({err.ename}: {err.evalue}); "
                          f"the cell begins `{first_line}`; the partly run notebook is {executed}") from err


def _original_cell_number(executed: Path, cell_index: int) -> int:
    """The 1-based number of a cell in the notebook as written, not counting papermill's injected cell."""
    import nbformat

    cells = [c for c in nbformat.read(executed, as_version=4).cells
             if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])]
    return 1 + sum("injected-parameters" not in c.get("metadata", {}).get("tags", []) for c in cells[:cell_index])


def _title(notebook: Path) -> str:
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def _index_html(pages: list[tuple[Path, str]], corpus, manifest, by: str) -> str:
    from analysis.findings import corpus_finding
    from analysis.pipeline import analyse

    summary = corpus_finding(analyse(corpus, manifest=manifest, by=by).corpus)
    name = str(corpus) if corpus else "the bundled corpus (data/articles, with data/sources.csv)"
    items = "\n".join(f'    <li><a href="{html.escape(page.name, quote=True)}">{html.escape(title)}</a></li>'
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


def _path_or_none(value) -> str | None:
    return str(Path(value).resolve()) if value not in (None, "") else None
