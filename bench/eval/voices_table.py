"""The figures of ``docs/voices.md``: every voices label set, scored with this checkout and with "before" ones.

For each ``tests/fixtures/voices/<set>/labels.jsonl`` (eval first), runs ``bench/eval/voices.py`` once with this
working tree's code and once with each ``--before REF`` (a temporary git worktree, as ``bench/speed/voices_speed.py``
makes), and prints one Markdown row per set: voice accuracy, speaker precision (of how many) and speaker recall
(of how many). The labels are always this checkout's; only the code that predicts changes.

    .venv/bin/python bench/eval/voices_table.py --before main
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import ROOT, checkout  # noqa: E402

SETS = ROOT / "tests" / "fixtures" / "voices"
_SNIPPET = """
import json, sys
sys.path.insert(0, sys.argv[1])
from helpers import voices_eval
r = voices_eval.evaluate(sys.argv[2], root=sys.argv[3])
print(json.dumps({k: r[k] for k in ("voice_accuracy", "speaker_precision", "speaker_recall", "n_labels",
                                    "n_precision", "n_recall")}))
"""


def label_sets() -> list[Path]:
    """Every label set, the independent ``eval`` first."""
    found = sorted(SETS.glob("*/labels.jsonl"))
    return sorted(found, key=lambda p: (p.parent.name != "eval", p.parent.name))


def score(tree: Path, labels: Path) -> dict:
    """The figures of one label set with ``tree``'s code (the labels and articles are this checkout's)."""
    out = subprocess.run([sys.executable, "-c", _SNIPPET, str(ROOT / "tests"), str(labels), str(ROOT)],
                         check=True, capture_output=True, text=True, cwd=tree,
                         env={**os.environ, "PYTHONPATH": str(tree)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def cell(result: dict) -> str:
    """``voice | precision of n | recall of n`` as percentages."""
    def pct(x):
        return "n/a" if x is None else f"{100 * x:.1f}%"

    return (f"{pct(result['voice_accuracy'])} | {pct(result['speaker_precision'])} of {result['n_precision']} | "
            f"{pct(result['speaker_recall'])} of {result['n_recall']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", action="append", default=[], help="git ref of a 'before' code, repeatable")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="presslens-voices-table-"))
    trees = {ref: checkout(ref, work) for ref in args.before}
    trees["after"] = ROOT
    try:
        print("| label set | labels | " + " | ".join(f"{name}: voice | precision | recall" for name in trees) + " |")
        print("|---|---" + "|---|---|---" * len(trees) + "|")
        for labels in label_sets():
            results = [score(tree, labels) for tree in trees.values()]
            print(f"| `{labels.parent.name}` | {results[-1]['n_labels']} | " +
                  " | ".join(cell(r) for r in results) + " |", flush=True)
    finally:
        for ref in args.before:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[ref])], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
