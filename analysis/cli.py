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
    args = parser.parse_args(argv)
    try:
        if args.command == "load":
            return _load(args)
        from analysis.report import build_reports

        index = build_reports(args.corpus, manifest=args.manifest, codebook=args.topics, actors=args.actors,
                              by=args.by, out=args.out, show_code=args.show_code, only=args.only)
        print(f"Report written to {index}")
        return 0
    except PressLensError as err:
        print(f"presslens: {err}", file=sys.stderr)
        return 2


def _load(args) -> int:
    from analysis.corpus import load_corpus

    corpus = load_corpus(args.corpus, manifest=args.manifest, text_col=args.text_col, strict=args.strict)
    print(corpus)
    for row in corpus.problems.itertuples():
        print(f"  {row.severity:8} {row.path}: {row.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
