"""Score PressLens's voices and speakers against hand labels (tests/helpers/voices_eval.py, which the tests use).

Prints, per labels file, voice accuracy, speaker precision and recall against the goal, the confusion matrix
and the errors by class (the protocol is in the helper's docstring).

    .venv/bin/python bench/eval/voices.py tests/fixtures/voices/dev/labels.jsonl [--errors 40]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
import common  # noqa: E402,F401  (puts tests/ on the path)
from helpers.voices_eval import evaluate, report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="+", type=Path)
    parser.add_argument("--errors", type=int, default=40, help="how many errors to list (default 40)")
    args = parser.parse_args(argv)
    for labels in args.labels:
        print(f"## {labels}")
        print(report(evaluate(labels), show_errors=args.errors))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
