"""The ``presslens`` command."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import PressLensError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="presslens", description="Compare how news outlets cover the same story.")
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="load a corpus and print what was loaded, removed and reported")
    load.add_argument("corpus", nargs="?", type=Path, help="folder or file (default: the bundled corpus)")
    load.add_argument("--manifest", type=Path, help="CSV with a 'file' column describing each file")
    load.add_argument("--text-col", help="name of the text column in CSV/JSON/Parquet exports")
    load.add_argument("--strict", action="store_true", help="fail on the first problem instead of reporting it")
    report = commands.add_parser("report", help="build the HTML reports")
    report.add_argument("corpus", nargs="?", type=Path, help="folder or file (default: the bundled corpus)")
    report.add_argument("--manifest", type=Path, help="CSV with a 'file' column describing each file")
    report.add_argument("--topics", type=Path, help="codebook YAML (default: bundled, or suggested terms)")
    report.add_argument("--actors", type=Path, help="actors YAML (default: bundled, or frequent names)")
    report.add_argument("--by", default="source", help="column to compare (default: source)")
    report.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    report.add_argument("--show-code", action="store_true", help="show the notebooks' code in the pages")
    report.add_argument("--only", action="append", help="build only notebooks whose name contains this")
    score = commands.add_parser("score", help="run the whole pipeline and write sentence- and article-level tables")
    score.add_argument("corpus", nargs="?", type=Path, help="folder or file (default: the bundled corpus)")
    score.add_argument("--out", type=Path, required=True, help="sentence table, e.g. scores.parquet; the other "
                       "tables are written beside it (scores.articles.parquet, …)")
    score.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="output format")
    score.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local: a process pool on this machine; dask: a dask.distributed cluster")
    score.add_argument("--workers", type=int, help="processes (default: the cores available)")
    score.add_argument("--scheduler", help="address of a running dask scheduler (with --engine dask)")
    score.add_argument("--manifest", type=Path, help="CSV with a 'file' column describing each file")
    score.add_argument("--topics", type=Path, help="codebook YAML: topic mentions per sentence")
    score.add_argument("--actors", type=Path, help="actors YAML: actor mentions per sentence")
    score.add_argument("--text-col", help="name of the text column in CSV/JSON/Parquet exports")
    score.add_argument("--chunk-files", type=int, default=250, help="files per chunk of work (default 250)")
    score.add_argument("--no-dedupe", action="store_true", help="skip the duplicate check (saves memory)")
    score.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        if args.command == "load":
            return _load(args)
        if args.command == "score":
            return _score(args)
        from analysis.report import build_reports

        index = build_reports(args.corpus, manifest=args.manifest, codebook=args.topics, actors=args.actors,
                              by=args.by, out=args.out, show_code=args.show_code, only=args.only)
        print(f"Report written to {index}")
        return 0
    except PressLensError as err:
        print(f"presslens: {err}", file=sys.stderr)
        return 2


def _score(args) -> int:
    from analysis.scoring import score_corpus

    result = score_corpus(args.corpus, args.out, manifest=args.manifest, codebook=args.topics, actors=args.actors,
                          text_col=args.text_col, fmt=args.format, engine=args.engine, workers=args.workers,
                          scheduler=args.scheduler, chunk_files=args.chunk_files, dedupe=not args.no_dedupe,
                          progress=not args.quiet)
    print(result)
    return 0


def _load(args) -> int:
    from analysis.corpus import load_corpus

    corpus = load_corpus(args.corpus, manifest=args.manifest, text_col=args.text_col, strict=args.strict)
    print(corpus)
    for row in corpus.problems.itertuples():
        print(f"  {row.severity:8} {row.path}: {row.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
