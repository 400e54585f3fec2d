"""What a reader sees: tables formatted for a page, charts and findings shown safely, a notebook set up.

Helpers the notebooks use instead of showing raw objects (numbers are written by :mod:`analysis.report.prose`):

- **Showing** (:func:`show_table`, :func:`show_chart`, :func:`show_finding`): every piece of text taken from the
  articles reaches the page escaped: table cells and headers through ``Styler.format(escape="html")``, findings
  through :func:`html.escape`, a chart's alt text through the page template's ``escape_html``.
- **Setting up a notebook** (:func:`setup`): warnings go to a log file (or nowhere), not into the page, and
  matplotlib never reads ``$`` as mathematics.
"""
from __future__ import annotations

import html
import io
import logging
from collections.abc import Sequence
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from analysis.paths import DATA_DIR
from analysis.report.charts import DPI, NoChart, alt_text, finish_text, write_chart_files
from analysis.report.prose import MINUS, count, is_missing
from analysis.tables.sinks import spreadsheet_safe
from analysis.tables.store import Rows

TOP_ROWS = 10
FINDING_CLASS = "presslens-finding"
TABLE_CLASS = "presslens-table"


# ---------------------------------------------------------------- setting up a notebook

def setup(*, log: str | Path | None = None) -> None:
    """Prepare a notebook kernel for a report page: call it once, in the first code cell.

    - Python warnings are routed to the logging system and from there to ``log`` (a file, appended to), or
      dropped when ``log`` is None, so no warning text reaches a page. Problems a reader must see are in the
      corpus's ``problems`` table, which the pages show.
    - matplotlib never parses ``$`` as mathematics (``text.parse_math`` off), so outlet names and column names
      print as written.
    """
    matplotlib.rcParams["text.parse_math"] = False
    logging.captureWarnings(True)
    logger = logging.getLogger("py.warnings")
    for handler in list(logger.handlers):
        if getattr(handler, "presslens", False):
            logger.removeHandler(handler)
            handler.close()
    if log is not None:
        Path(log).parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log, encoding="utf-8") if log is not None else logging.NullHandler()
    handler.presslens = True
    logger.addHandler(handler)
    logger.propagate = False


# ---------------------------------------------------------------- findings and charts

def show_finding(text: str, *, record: dict | None = None) -> None:
    """Show a finding as a paragraph of the page (HTML-escaped), or as plain text outside a notebook.

    ``record`` (``data-…`` attributes of the paragraph: what table or chart it speaks of) is read by the
    page-claim test; :func:`show_chart` sets it for the sentence of a chart that is not drawn. An empty text
    shows nothing.
    """
    from IPython.display import display  # lazy: IPython is there only inside a notebook kernel

    if not text:
        return
    attributes = "".join(f' {key}="{html.escape(str(value), quote=True)}"' for key, value in (record or {}).items())
    display({"text/plain": text, "text/html": f'<p class="{FINDING_CLASS}"{attributes}>{html.escape(text)}</p>'},
            raw=True)


def show_section(title: str, note: str | None = None, *, level: int = 2) -> None:
    """Open a section that exists only when its data does: a heading and an optional note (both HTML-escaped).

    Sections that are always on a page are Markdown cells; a section whose data may be absent (dictionary tone
    without a dictionary) is opened from code, so a page never has a heading over nothing.
    """
    from IPython.display import display  # lazy: IPython is there only inside a notebook kernel

    if level not in range(1, 7):
        raise ValueError(f"heading level must be 1 to 6, not {level}")
    page = f"<h{level}>{html.escape(title)}</h{level}>"
    if note:
        page += f"<p>{html.escape(note)}</p>"
    display({"text/plain": title if not note else f"{title}\n\n{note}", "text/html": page}, raw=True)


def show_chart(chart, folder: str | Path | None = None, name: str | None = None, *, alt: str | None = None,
               finding: str | None = None) -> None:
    """Show a chart from :mod:`analysis.report.plots` with its alt text, and save it as PNG + CSV when ``folder`` is set.

    ``chart`` is an Axes from a ``plot_*`` function or a :class:`analysis.report.charts.NoChart`; for the latter its
    sentence is shown instead of a picture (and only the CSV is written). The PNG is rendered once, written to
    ``folder/name.png`` and embedded in the page with ``alt`` (default: the description the plot function
    wrote), which the page template escapes. The figure is closed, so it is not drawn a second time.

    ``finding`` is the sentence under the chart. Each sentence is written once: when the chart is not drawn
    and its sentence is the finding itself, it is shown once. The picture (or the sentence standing for it)
    records its CSV's name and rows for the page-claim test.
    """
    from IPython.display import Image, display  # lazy: IPython is there only inside a notebook kernel

    path = write_chart_files(chart, folder, name or "chart", png=None if isinstance(chart, NoChart) else
                             _png(chart))
    data = getattr(chart, "presslens_data", pd.DataFrame())
    record = {"data-rows-total": max(int(data.attrs.get("total", len(data))), len(data))}
    if path is not None:
        record.update({"data-csv": path.with_suffix(".csv").name, "data-csv-rows": len(data)})
    if isinstance(chart, NoChart):
        show_finding(chart.text, record=record)
    else:
        metadata = {key.replace("-", "_"): str(value) for key, value in record.items()}
        display(Image(data=chart.presslens_png, format="png", alt=alt or alt_text(chart), metadata=metadata))
        plt.close(chart.figure)
    if finding and not (isinstance(chart, NoChart) and finding == chart.text):
        show_finding(finding)


def _png(chart) -> bytes:
    """The chart rendered once (kept on it as ``presslens_png``, for the page and the PNG file alike)."""
    figure = chart.figure
    buffer = io.BytesIO()
    finish_text(figure)
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    chart.presslens_png = buffer.getvalue()
    return chart.presslens_png


def short_path(path) -> str:
    """A data file's path as a page may show it: ``bundled data/actors.yml`` for a bundled file, else its name.

    Pages never show the machine's absolute paths; a provisional description (any text that is not a path to an
    existing file) is returned unchanged.
    """
    if path is None:
        return "none"
    text = str(path)
    candidate = Path(text)
    if not candidate.is_absolute() or not candidate.exists():
        return text
    try:
        return f"bundled data/{candidate.resolve().relative_to(DATA_DIR.resolve()).as_posix()}"
    except ValueError:
        return candidate.name


# ---------------------------------------------------------------- tables

def show_table(frame: pd.DataFrame | Rows, *, columns: Sequence[str] | None = None, labels: dict | None = None,
               percent: Sequence[str] = (), signed: Sequence[str] = (), decimals: int = 2, top: int | None = TOP_ROWS,
               per: str | None = None, caption: str | None = None, folder: str | Path | None = None,
               name: str | None = None):
    """A table formatted for readers: a pandas Styler that a notebook cell shows as its result.

    - ``frame`` is a DataFrame or a :class:`analysis.tables.store.Rows` (a query over a scored corpus, of any
      size: the page reads only the rows it shows, and the CSV is written batch by batch). A DataFrame that is
      only the first rows of a longer table says how long in ``attrs["total"]``; the caption then says so, and
      never calls the CSV whole.
    - ``columns`` picks and orders the columns (default: all); ``labels`` renames them for the page (default:
      the column name with spaces for underscores, so a header can wrap). The CSV keeps the original names.
    - Numbers: integers with thousands separators; floats with ``decimals`` places; columns in ``percent``
      (shares from 0 to 1) as ``40.7%``; columns in ``signed`` (tones) with their sign (:func:`signed`); dates as
      ``YYYY-MM-DD``; True/False as yes/no; missing values as ``–``.
    - No index column; long text wraps inside its cell (never cut); a wide table scrolls in its own box.
    - ``top`` rows are shown (None: all); with ``per`` (a column of a DataFrame), the first ``top`` rows of each
      of its values. With ``folder`` and ``name``, the whole table (every row and column) is written to
      ``folder/name.csv``, spreadsheet-safe. The caption says what is shown and what the CSV holds, by file name
      only (:func:`table_note`).
    - The ``<table>`` records what it shows, for the page-claim test: ``data-rows-shown``, ``data-rows-total``,
      ``data-csv`` and ``data-csv-rows`` (``tests/report/test_claims.py``).
    - Every cell and header is HTML-escaped: text from the articles is shown, never run.
    """
    if isinstance(frame, Rows):
        if per is not None:
            raise ValueError("show_table shows the first rows of each group only of a DataFrame, not of Rows")
        total = frame.count()
        head = frame.head(top)
    else:
        total = max(int(frame.attrs.get("total", len(frame))), len(frame))
        head = frame if top is None else frame.groupby(per, sort=False, observed=True, dropna=False).head(top) \
            if per is not None else frame.head(top)
    shown = head[list(columns)] if columns is not None else head
    written, csv_rows = _write_table(frame, folder, name)
    text = pd.DataFrame({str(c): _column_text(shown[c], percent=c in percent, signed=c in signed,
                                               decimals=decimals) for c in shown.columns}, index=range(len(shown)))
    labels = {str(c): str((labels or {}).get(c, str(c).replace("_", " "))) for c in shown.columns}
    if len(set(labels.values())) < len(labels) or len(set(labels)) < len(shown.columns):
        raise ValueError(f"show_table needs distinct column names and labels, not {list(labels.values())}")
    text = text.rename(columns=labels)
    note = table_note(len(shown), total, written, csv_rows=csv_rows,
                      per=None if per is None or top is None else (per, top))
    styler = text.style.hide(axis="index").format(escape="html").format_index(escape="html", axis=1)
    record = {"data-rows-shown": len(shown), "data-rows-total": total}
    if written:
        record.update({"data-csv": written, "data-csv-rows": csv_rows})
    attributes = " ".join(f'{key}="{html.escape(str(value), quote=True)}"' for key, value in record.items())
    styler = styler.set_table_attributes(f'class="{TABLE_CLASS}" {attributes}')
    for column in shown.columns:
        shown_as = labels[str(column)]
        styler = styler.set_properties(subset=[shown_as], **_column_css(shown[column]))
    numeric = {labels[str(c)] for c in shown.columns if _is_number(shown[c])}
    styler = styler.map_index(lambda name: "text-align: right" if name in numeric else "text-align: left", axis=1)
    full_caption = " ".join(part for part in (caption, note) if part)
    return styler.set_caption(html.escape(full_caption)) if full_caption else styler


def table_note(shown: int, total: int, written: str | None = None, *, csv_rows: int | None = None,
               per: tuple[str, int] | None = None) -> str:
    """What a table's caption says about its rows, by these rules:

    - no rows: "No rows.";
    - every row shown: "All 5 rows shown; they are also in articles.csv, beside the charts." (one row: "The
      only row is shown; …"), or nothing without a CSV;
    - some shown: "Showing the first 20 of 43 rows; all 43 are in removed.csv, beside the charts." (with
      ``per=(column, n)``: "Showing the first 3 rows of each source, 15 of 50 rows; …");
    - a CSV that holds fewer rows than the table (``csv_rows`` below ``total``): "these 20 are in …", never
      "all".
    """
    if total == 0:
        return "No rows."
    whole = csv_rows is None or csv_rows >= total
    if shown >= total:
        if not written:
            return ""
        head = "The only row is shown" if total == 1 else f"All {count(total, 'row')} shown"
        return f"{head}; {'it is' if total == 1 else 'they are'} also in {written}, beside the charts."
    which = (f"the first {count(per[1], 'row')} of each {per[0]}, {shown:,} of {count(total, 'row')}" if per
             else f"the first {shown:,} of {count(total, 'row')}")
    if not written:
        return f"Showing {which}."
    where = f"all {total:,} are in {written}" if whole else f"these {csv_rows:,} are in {written}"
    return f"Showing {which}; {where}, beside the charts."


def _column_text(values: pd.Series, *, percent: bool, signed: bool, decimals: int) -> list[str]:
    if pd.api.types.is_bool_dtype(values):
        return [_cell(v, lambda b: "yes" if b else "no") for v in values]
    if pd.api.types.is_datetime64_any_dtype(values):
        with_time = bool((values.dropna() != values.dropna().dt.normalize()).any())
        return [_cell(v, lambda d: d.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")) for v in values]
    if percent:
        return [_cell(v, lambda x: f"{100 * x:.{max(decimals - 1, 0)}f}%") for v in values]
    if signed:
        return [_cell(v, lambda x: _signed_fixed(x, decimals)) for v in values]
    if pd.api.types.is_integer_dtype(values):
        return [_cell(v, lambda x: f"{int(x):,}") for v in values]
    if pd.api.types.is_float_dtype(values):
        return [_cell(v, lambda x: f"{x:,.{decimals}f}".replace("-", MINUS)) for v in values]
    return [_cell(v, str) for v in values]


def _column_css(values: pd.Series) -> dict[str, str]:
    """Numbers right-aligned on one line; dates and short labels on one line; longer text wraps at a readable
    width (never cut)."""
    if _is_number(values):
        return {"text-align": "right", "white-space": "nowrap"}
    if pd.api.types.is_datetime64_any_dtype(values) or pd.api.types.is_bool_dtype(values):
        return {"text-align": "left", "white-space": "nowrap"}
    longest = int(values.dropna().astype(str).str.len().max()) if values.notna().any() else 0
    if longest <= 24:
        return {"text-align": "left", "white-space": "nowrap"}
    return {"text-align": "left", "white-space": "normal", "overflow-wrap": "break-word",
            "min-width": "18em" if longest > 120 else "9em", "max-width": "36em"}


def _signed_fixed(value: float, decimals: int) -> str:
    text = f"{value:+.{decimals}f}"
    return text.replace("-", MINUS) if float(text) != 0 or value < 0 else text


def _cell(value, format_value) -> str:
    if is_missing(value):
        return "–"
    return " ".join(format_value(value).split()) if isinstance(value, str) else format_value(value)


def _is_number(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _write_table(frame, folder, name: str | None) -> tuple[str | None, int | None]:
    """Write every row of ``frame`` (a DataFrame, or :class:`Rows` batch by batch) to ``folder/name.csv``,
    spreadsheet-safe; return the file's name and how many rows it holds."""
    if folder is None or not str(folder).strip() or not name:
        return None, None
    path = Path(folder) / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not isinstance(frame, Rows):
        spreadsheet_safe(frame).to_csv(path, index=False)
        return path.name, len(frame)
    rows, header = 0, True
    with path.open("w", encoding="utf-8", newline="") as out:
        for batch in frame.batches():
            spreadsheet_safe(batch).to_csv(out, index=False, header=header)
            rows, header = rows + len(batch), False
        if header:
            frame.head(0).to_csv(out, index=False)
    return path.name, rows
