"""What a reader sees: numbers written for prose, tables formatted for a page, charts and findings shown safely.

Three kinds of helpers, all used by the notebooks instead of showing raw objects:

- **Writing numbers** (:func:`signed`, :func:`interval`, :func:`percent`, :func:`count`, :func:`names`,
  :func:`measure_name`): one way to print a tone, an interval, a share or a count everywhere. A number and its
  unit, and the two ends of an interval, are joined by no-break spaces (U+00A0) so a page never wraps inside
  them; negative numbers take the minus sign U+2212, which no browser breaks after.
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
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from analysis.corpus import plural

NBSP = "\u00a0"
MINUS = "\u2212"
MAX_NAMED = 8
TOP_ROWS = 10
MEASURE_NAMES = {"vader": "VADER", "textblob": "TextBlob", "polarity": "TextBlob", "dict_net": "dictionary net tone",
                 "dict_logratio": "dictionary log ratio", "stance": "stance",
                 "subjectivity": "TextBlob subjectivity"}
AXIS_NAMES = {"vader": "VADER compound", "textblob": "TextBlob polarity", "polarity": "TextBlob polarity"}
FINDING_CLASS = "presslens-finding"
TABLE_CLASS = "presslens-table"


# ---------------------------------------------------------------- writing numbers

def signed(value, *, decimals: int = 2) -> str:
    """A tone written with its sign: ``+0.28``, ``−0.09`` (U+2212), ``0.00`` for exactly zero, ``n/a`` for NaN.

    A value that is not zero but would print as zero gets more decimals (up to 4) so its sign stays visible:
    ``+0.001``, ``−0.0004``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    value = float(value)
    if value == 0:
        return f"{0:.{decimals}f}"
    while round(abs(value), decimals) == 0 and decimals < 4:
        decimals += 1
    text = f"{abs(value):.{decimals}f}"
    return ("+" if value > 0 else MINUS) + text


def interval(low, high, *, decimals: int = 2) -> str:
    """``95% CI [+0.08, +0.47]`` held together by no-break spaces, or ``no interval`` when either end is NaN."""
    if _missing(low) or _missing(high):
        return f"no{NBSP}interval"
    return f"95%{NBSP}CI{NBSP}[{signed(low, decimals=decimals)},{NBSP}{signed(high, decimals=decimals)}]"


def percent(share) -> str:
    """A share (0–1) as a whole percentage: ``0%``, ``<1%`` (not zero, but below 0.5%), ``12%``, ``>99%``, ``100%``."""
    if _missing(share):
        return "n/a"
    value = 100 * float(share)
    rounded = round(value)
    if rounded == 0 and value > 0:
        return "<1%"
    if rounded == 100 and value < 100:
        return ">99%"
    return f"{rounded:.0f}%"


def count(n, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1,250 articles``, with a no-break space between the number and the word."""
    return plural(int(n), word, many).replace(" ", NBSP, 1)


def names(items: Iterable, *, limit: int = MAX_NAMED) -> str:
    """``A``, ``A and B``, ``A, B and C``; past ``limit`` items: ``A, B, … and 12 more``."""
    items = [str(i) for i in items]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def measure_name(measure: str) -> str:
    """The display name of a tone measure: ``VADER``, ``TextBlob``, ``dictionary net tone``, ``stance``, …"""
    return MEASURE_NAMES.get(measure, str(measure))


def axis_name(measure: str) -> str:
    """The name of a measure on a chart's axis, with its score: ``VADER compound``, ``TextBlob polarity``."""
    return AXIS_NAMES.get(measure, measure_name(measure))


def tone_table(summary: pd.DataFrame) -> pd.DataFrame:
    """A tone summary with the current column names, whichever version of ``tone_by_source`` made it.

    Current tables (``n_scored`` present) come back unchanged. Older ones, where ``n_sentences`` counted only the
    scored sentences and TextBlob was ``polarity``, get ``n_scored`` = that count, ``n_sentences`` = scored plus
    ``n_no_signal``, and ``textblob`` for ``polarity`` (in ``measure`` and in ``polarity_mean``). The shim goes
    once every producer writes the new names.
    """
    if "n_scored" in summary.columns or summary.empty and "measure" not in summary.columns:
        return summary
    out = summary.copy()
    if "n_sentences" in out.columns:
        out["n_scored"] = out["n_sentences"]
        if "n_no_signal" in out.columns:
            out["n_sentences"] = out["n_scored"] + out["n_no_signal"]
    if "measure" in out.columns:
        out["measure"] = out["measure"].replace({"polarity": "textblob"})
    return out.rename(columns={"polarity_mean": "textblob_mean"})


def _missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------- setting up a notebook

def setup(*, log: str | Path | None = None) -> None:
    """Prepare a notebook kernel for a report page: call it once, in the first code cell.

    - Python warnings are routed to the logging system and from there to ``log`` (a file, appended to), or
      dropped when ``log`` is None, so no warning text reaches a page. Problems a reader must see are in the
      corpus's ``problems`` table, which the pages show.
    - matplotlib never parses ``$`` as mathematics (``text.parse_math`` off), so outlet names and column names
      print as written.
    """
    import matplotlib

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

def show_finding(text: str) -> None:
    """Show a finding as a paragraph of the page (HTML-escaped), or as plain text outside a notebook."""
    from IPython.display import display

    display({"text/plain": text, "text/html": f'<p class="{FINDING_CLASS}">{html.escape(text)}</p>'}, raw=True)


def show_section(title: str, note: str | None = None, *, level: int = 2) -> None:
    """Open a section that exists only when its data does: a heading and an optional note (both HTML-escaped).

    Sections that are always on a page are Markdown cells; a section whose data may be absent (dictionary tone
    without a dictionary) is opened from code, so a page never has a heading over nothing.
    """
    from IPython.display import display

    if level not in range(1, 7):
        raise ValueError(f"heading level must be 1 to 6, not {level}")
    page = f"<h{level}>{html.escape(title)}</h{level}>"
    if note:
        page += f"<p>{html.escape(note)}</p>"
    display({"text/plain": title if not note else f"{title}\n\n{note}", "text/html": page}, raw=True)


def show_chart(chart, folder: str | Path | None = None, name: str | None = None, *, alt: str | None = None) -> None:
    """Show a chart from :mod:`analysis.plots` with its alt text, and save it as PNG + CSV when ``folder`` is set.

    ``chart`` is an Axes from a ``plot_*`` function or a :class:`analysis.plots.NoChart`; for the latter its
    sentence is shown instead of a picture (and only the CSV is written). The PNG is rendered once, written to
    ``folder/name.png`` and embedded in the page with ``alt`` (default: the description the plot function
    wrote), which the page template escapes. The figure is closed, so it is not drawn a second time.
    """
    from IPython.display import Image, display

    from analysis import plots

    if isinstance(chart, plots.NoChart):
        plots.save_chart(chart, folder, name or "chart")
        show_finding(chart.text)
        return
    figure = chart.figure
    buffer = io.BytesIO()
    plots.finish_text(figure)
    figure.savefig(buffer, format="png", dpi=plots.DPI, bbox_inches="tight")
    png = buffer.getvalue()
    plots.write_chart_files(chart, folder, name or "chart", png=png)
    display(Image(data=png, format="png", alt=alt or plots.alt_text(chart)))
    import matplotlib.pyplot as plt

    plt.close(figure)


def short_path(path) -> str:
    """A data file's path as a page may show it: ``bundled data/actors.yml`` for a bundled file, else its name.

    Pages never show the machine's absolute paths; a provisional description (any text that is not a path to an
    existing file) is returned unchanged.
    """
    from analysis.paths import DATA_DIR

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

def show_table(frame: pd.DataFrame, *, columns: Sequence[str] | None = None, labels: dict | None = None,
               percent: Sequence[str] = (), signed: Sequence[str] = (), decimals: int = 2, top: int | None = TOP_ROWS,
               caption: str | None = None, folder: str | Path | None = None, name: str | None = None):
    """A table formatted for readers: a pandas Styler that a notebook cell shows as its result.

    - ``columns`` picks and orders the columns (default: all); ``labels`` renames them for the page (default:
      the column name with spaces for underscores, so a header can wrap). The CSV keeps the original names.
    - Numbers: integers with thousands separators; floats with ``decimals`` places; columns in ``percent``
      (shares from 0 to 1) as ``40.7%``; columns in ``signed`` (tones) with their sign (:func:`signed`); dates as
      ``YYYY-MM-DD``; True/False as yes/no; missing values as ``–``.
    - No index column; long text wraps inside its cell (never cut); a wide table scrolls in its own box.
    - ``top`` rows are shown (None: all). With ``folder`` and ``name``, the whole table (every row and column of
      ``frame``) is written to ``folder/name.csv``, spreadsheet-safe, and the caption says where it is, by file
      name only.
    - Every cell and header is HTML-escaped: text from the articles is shown, never run.
    """
    picked = frame[list(columns)] if columns is not None else frame
    written = _write_table(frame, folder, name)
    shown = picked.head(top) if top is not None else picked
    text = pd.DataFrame({str(c): _column_text(shown[c], percent=c in percent, signed=c in signed,
                                               decimals=decimals) for c in shown.columns}, index=range(len(shown)))
    labels = {str(c): str((labels or {}).get(c, str(c).replace("_", " "))) for c in shown.columns}
    if len(set(labels.values())) < len(labels) or len(set(labels)) < len(shown.columns):
        raise ValueError(f"show_table needs distinct column names and labels, not {list(labels.values())}")
    text = text.rename(columns=labels)
    note = _table_note(len(shown), len(picked), written)
    styler = text.style.hide(axis="index").format(escape="html").format_index(escape="html", axis=1)
    styler = styler.set_table_attributes(f'class="{TABLE_CLASS}"')
    for column in shown.columns:
        shown_as = labels[str(column)]
        styler = styler.set_properties(subset=[shown_as], **_column_css(shown[column]))
    numeric = {labels[str(c)] for c in shown.columns if _is_number(shown[c])}
    styler = styler.map_index(lambda name: "text-align: right" if name in numeric else "text-align: left", axis=1)
    full_caption = " ".join(part for part in (caption, note) if part)
    return styler.set_caption(html.escape(full_caption)) if full_caption else styler


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
    if _missing(value):
        return "–"
    return " ".join(format_value(value).split()) if isinstance(value, str) else format_value(value)


def _is_number(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _write_table(frame: pd.DataFrame, folder, name: str | None) -> str | None:
    if folder is None or not str(folder).strip() or not name:
        return None
    from analysis.tables import spreadsheet_safe

    path = Path(folder) / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    spreadsheet_safe(frame).to_csv(path, index=False)
    return path.name


def _table_note(shown: int, total: int, written: str | None) -> str:
    where = f"; the full table is in {written}, beside the charts" if written else ""
    if total == 0:
        return "No rows."
    if shown < total:
        return f"Showing the first {shown} of {count(total, 'row')}{where}."
    return f"All {count(total, 'row')} shown{where}." if written else ""
