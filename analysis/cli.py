"""The ``presslens`` command: ``load``, ``score`` and ``report``.

Every command takes the same loading options. Errors a user can fix are one line on standard error with exit
code 2, and leave nothing behind (every temporary folder is removed on failure, Ctrl-C and SIGTERM); Ctrl-C
exits 130. File names and messages are printed with control characters escaped, so a file name cannot move
the cursor or recolour the terminal.
"""
from __future__ import annotations

import argparse
import atexit
import importlib
import multiprocessing
import multiprocessing.util
import os
import re
import signal
import sys
import warnings
from pathlib import Path

from analysis.errors import PressLensError
from analysis.text.inflect import plural

# Each command's module is named here, and imported when the command runs, as ``analysis/__init__.py`` does for
# the public names: ``presslens --help`` answers at once, and a Ctrl-C or SIGTERM while a command's libraries
# load (pandas, Arrow, the lexicons: a second or two) is handled like one during its work. tests/test_structure.py
# counts these as imports of this module (they point down the layers, and close no cycle).
COMMANDS = {"load": ("analysis.pipeline.load", "load_corpus"), "score": ("analysis.pipeline.scoring", "score_corpus"),
            "report": ("analysis.report.build", "build_reports")}

# Every control character (tabs and newlines too: a file name with a newline could forge an output line) and the
# characters that change the direction of text.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_MESSAGE = 400  # characters of an error message printed: a message that quotes a hostile file stays one line


def run() -> None:
    """The ``presslens`` command. A Ctrl-C or SIGTERM that lands after the work is done, while Python shuts
    down, is ignored. After an interruption the exit handlers run (temporary folders are removed) and the
    process exits 130 at once: Python's own shutdown would otherwise, now and then, end it by the signal
    (exit -2) instead."""
    code = main()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if code == 130:
        _end_children()
        # multiprocessing's own exit handler joins the thread that feeds a pool's task queue, which waits for
        # ever when the interruption left it writing a task nobody will read (seen under load): the children
        # are ended above, so only PressLens's handlers (temporary folders) run.
        atexit.unregister(getattr(multiprocessing.util, "_exit_function", None))
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def _end_children() -> None:
    """End every process this one started and has not ended (a pool worker the interruption caught while it
    started): Python's exit handlers would otherwise wait for it for ever."""
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(timeout=5)
    for child in children:  # one that ignored SIGTERM (caught before its handlers were set)
        if child.is_alive():
            child.kill()
            child.join(timeout=5)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    shown, warnings.showwarning = warnings.showwarning, _warning
    try:
        return {"load": _load, "score": _score, "report": _report}[args.command](args)
    except PressLensError as err:
        _error(str(err))
        return 2
    except KeyboardInterrupt:
        _error("interrupted; nothing was left behind")
        return 130
    except BrokenPipeError:  # `presslens load … | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    except OSError as err:  # the machine refused: a full disk, no permission, a path that is a folder
        where = f" ({err.filename})" if getattr(err, "filename", None) else ""
        _error(f"{err.strerror or err}{where}; nothing was changed")
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
        warnings.showwarning = shown


class _Parser(argparse.ArgumentParser):
    """argparse with its errors in one line (``--help`` still prints the whole usage)."""

    def error(self, message: str):
        _error(f"{message} (see {self.prog} --help)")
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="presslens", description="Compare how news outlets cover the same story.")
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="load a corpus and print what was read, removed and reported")
    _loading_options(load)
    load.add_argument("--strict", action="store_true", help="fail on the first problem instead of reporting it")
    load.add_argument("--rows", type=int, default=ARTICLE_ROWS, help=f"articles to list (default {ARTICLE_ROWS}; "
                      "0 lists every one)")
    report_help = "article column to compare (default: source; an export's media_name, outlet, … is source)"
    score = commands.add_parser("score", help="run the whole pipeline and write sentence- and article-level tables")
    _loading_options(score)
    _data_options(score)
    score.add_argument("--out", type=Path, required=True, help="sentence table, e.g. scores.parquet (the other "
                       "tables are written beside it), or an existing folder to write scores.* into")
    score.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="output format")
    score.add_argument("--raw-csv", action="store_true", help="write CSV cells as they are (by default a cell "
                       "that a spreadsheet would run as a formula gets a leading apostrophe)")
    score.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local: a process pool on this machine; dask: a dask.distributed cluster")
    score.add_argument("--workers", type=int, help="processes (default: the cores available)")
    score.add_argument("--scheduler", help="address of a running dask scheduler (with --engine dask)")
    score.add_argument("--chunk-files", type=int, default=250, help="files per chunk of work (default 250)")
    score.add_argument("--carry", action="append", default=[], metavar="COLUMN",
                       help="an article column to repeat on every sentence (repeatable)")
    score.add_argument("--no-dedupe", action="store_true", help="skip the duplicate check")
    score.add_argument("--no-stories", action="store_true", help="skip grouping articles into stories and comparing "
                       "them (no stories, reuse and alignments tables)")
    score.add_argument("--provisional", action="store_true", help="without --codebook or --actors, draw provisional "
                       "topics and stand-in actors from the corpus and match them, as the report does")
    score.add_argument("--quiet", action="store_true", help="no progress bars")
    report = commands.add_parser("report", help="build the HTML reports")
    _loading_options(report)
    _data_options(report)
    report.add_argument("--by", default="source", help=report_help)
    report.add_argument("--within", metavar="COLUMN", help="compare the --by groups inside each value of this "
                        "column: --by source --within story compares outlets story by story")
    report.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    report.add_argument("--show-code", action="store_true", help="show the notebooks' code in the pages")
    report.add_argument("--only", action="append", help="build only notebooks whose name contains this")
    report.add_argument("--keep-executed", action="store_true", help="keep the executed notebooks in "
                        "OUT/executed (they hold this machine's paths)")
    return parser


def _loading_options(command) -> None:
    command.add_argument("corpus", nargs="?", type=_corpus_path, help="folder or file (default: the bundled corpus)")
    command.add_argument("--manifest", type=Path, help="CSV with a 'file' column describing each file")
    command.add_argument("--text-col", help="name of the text column in CSV/JSON/Parquet exports")
    command.add_argument("--max-file-mb", type=_megabytes, default=32,
                         help="skip files larger than this (default 32: a file needs about 51 times its size in memory)")


def _data_options(command) -> None:
    command.add_argument("--codebook", "--topics", dest="codebook", type=Path,
                         help="codebook of topics (default: the bundled one for the bundled corpus, else "
                              "provisional topics from the corpus's distinctive terms)")
    command.add_argument("--actors", type=Path, help="actors YAML (default: the bundled one for the bundled corpus, "
                                                     "else the corpus's frequent names)")
    command.add_argument("--tone-dictionary", type=Path, help="a tone dictionary (Lexicoder, LIWC, quanteda YAML, "
                         "WordStat): adds dictionary tone beside VADER and TextBlob (docs/dictionaries.md)")
    command.add_argument("--story", metavar="COLUMN", help="the article column (of the export or manifest) that says "
                         "which story each article tells; without it, stories are found from the articles' words, "
                         "titles and dates (docs/stories.md)")


def _corpus_path(value: str) -> Path:
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty corpus path names no folder; leave it out for the bundled corpus")
    return Path(value)


def _megabytes(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of megabytes above 0, not {value!r}") from None
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of megabytes above 0, not {value!r}")
    return number


def command_function(name: str):
    """The function behind a command (see ``COMMANDS``), its module imported now.

    Ctrl-C and SIGTERM are held back while the libraries load, then delivered: a C extension among them (SciPy's
    HiGHS solver, which TextBlob's NLTK loads) can swallow a signal that arrives while it initialises, or end the
    process by it, leaving nothing to clean up but no clean exit either."""
    module, function = COMMANDS[name]
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        loaded = importlib.import_module(module)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return getattr(loaded, function)


def _load(args) -> int:
    corpus = command_function("load")(args.corpus, manifest=args.manifest, text_col=args.text_col, strict=args.strict,
                         max_file_mb=args.max_file_mb)
    print(load_summary(corpus, manifest=args.manifest, bundled=args.corpus is None, rows=args.rows))
    return 0


ARTICLE_ROWS = 50
ARTICLE_TABLE = (("article_id", 32), ("source", 24), ("published", 10), ("published_from", 16), ("n_words", 7),
                 ("duplicate_of", 32), ("title", 48))


def load_summary(corpus, *, manifest=None, bundled: bool = False, rows: int | None = ARTICLE_ROWS) -> str:
    """What was read, removed and reported: a small table of counts, the articles as a table (one row each: id,
    source, date and where it came from, words, the article it duplicates, title; the first ``rows``, or every
    one with ``rows`` 0 or None, and the line under it says how many are left out), then the removals by reason,
    then each problem."""
    s = corpus.summary()
    a, problems = corpus.articles, corpus.problems
    where = " (bundled, with its manifest)" if bundled else f" (manifest {manifest})" if manifest else ""
    duplicates = s["articles"] - s["unique_articles"]
    summary_rows = [("files with articles", f"{a['path'].nunique():,}"),
            ("articles", f"{plural(s['articles'], 'article')} ({plural(duplicates, 'duplicate')} flagged)"),
            ("sources", f"{s['sources']:,}"),
            ("dates", f"{s['first_date']} to {s['last_date']}" if s["first_date"] else "none found"),
            ("words", f"{s['words']:,}"),
            ("removed spans", f"{s['removed_spans']:,}"),
            ("problems", f"{len(problems):,} ({plural(s['files_skipped'], 'file')} skipped, "
                          f"{plural(s['rows_skipped'], 'row')} skipped, {plural(s['warnings'], 'warning')})")]
    lines = [printable(f"Corpus: {corpus.root}{where}")]
    lines += [f"  {label:<21}{value}" for label, value in summary_rows]
    lines += article_table(a, rows=rows)
    reasons = corpus.removed["reason"].value_counts()
    if len(reasons):
        lines.append("Removed spans by reason:")
        lines += [f"  {n:>6,}  {printable(str(reason))}" for reason, n in reasons.items()]
    if len(problems):
        lines.append("Problems:")
        lines += [f"  {row.severity:8} {printable(str(row.path))}: {printable(str(row.message))}"
                  for row in problems.itertuples()]
    return "\n".join(lines)


def article_table(articles, *, rows: int | None = ARTICLE_ROWS) -> list[str]:
    """The articles as lines of a fixed-width table (:data:`ARTICLE_TABLE`: each column cut to its width with
    "…"), dates as ISO days, missing values as "-"; the first ``rows`` (all with 0 or None), then a line that says
    how many were left out."""
    if articles.empty:
        return ["Articles: none"]
    shown = articles if not rows else articles.head(rows)
    columns = [(name, width) for name, width in ARTICLE_TABLE if name in articles.columns]
    lines = ["Articles:", "  " + "  ".join(f"{name:<{width}}" for name, width in columns).rstrip()]
    for record in shown[[name for name, _ in columns]].itertuples(index=False):
        cells = [_cell(value, width) for value, (_, width) in zip(record, columns)]
        lines.append(printable("  " + "  ".join(cells).rstrip()))
    if len(shown) < len(articles):
        lines.append(f"  … the first {len(shown):,} of {plural(len(articles), 'article')}; --rows 0 lists every one")
    return lines


def _cell(value, width: int) -> str:
    if value is None or (not isinstance(value, str) and value != value):  # None, NaN, NaT
        text = "-"
    elif hasattr(value, "strftime"):  # a date: the day, and the time only when it has one
        text = value.strftime("%Y-%m-%d %H:%M" if (value.hour, value.minute, value.second) != (0, 0, 0) else "%Y-%m-%d")
    else:
        text = " ".join(str(value).split())
    text = text if len(text) <= width else text[:width - 1] + "…"
    return f"{text:>{width}}" if isinstance(value, (int, float)) and not isinstance(value, bool) and text != "-" \
        else f"{text:<{width}}"


def _score(args) -> int:
    result = command_function("score")(args.corpus, args.out, manifest=args.manifest, codebook=args.codebook, actors=args.actors,
                          tone_dictionary=args.tone_dictionary,
                          text_col=args.text_col, fmt=args.format, engine=args.engine, workers=args.workers,
                          scheduler=args.scheduler, chunk_files=args.chunk_files, dedupe=not args.no_dedupe,
                          progress=False if args.quiet else None, excel_safe=not args.raw_csv, max_file_mb=args.max_file_mb,
                          carry=tuple(args.carry), provisional=args.provisional, story=args.story,
                          stories=not args.no_stories)
    print(printable(str(result)))
    return 0


def _report(args) -> int:
    index = command_function("report")(args.corpus, manifest=args.manifest, codebook=args.codebook, actors=args.actors,
                          tone_dictionary=args.tone_dictionary,
                          by=args.by, out=args.out, show_code=args.show_code, only=args.only,
                          keep_executed=args.keep_executed, story=args.story, within=args.within,
                          text_col=args.text_col, max_file_mb=args.max_file_mb)
    print(f"Report written to {printable(str(index))}")
    return 0


def printable(text: str) -> str:
    """Text safe to print to a terminal: control and direction-changing characters shown as escapes."""
    return _CONTROL_RE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _error(message: str) -> None:
    first = printable(message.strip()) or "failed"  # escaped whole: a path with a newline is not cut at it
    if len(first) > MAX_MESSAGE:
        first = first[:MAX_MESSAGE - 1] + "…"
    print(f"presslens: {first}", file=sys.stderr)


def _warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning in one line, escaped like any printed path (Python's own format adds the source line)."""
    text = printable(str(message).strip()) or category.__name__
    text = text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1] + "…"
    print(f"presslens: warning: {text}", file=file or sys.stderr)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    run()
