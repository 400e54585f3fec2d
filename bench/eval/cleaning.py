"""What the cleaner removes, by reason, and how fast: this checkout against an earlier commit.

    .venv/bin/python bench/eval/cleaning.py [--against REV] [PATH ...]

Each PATH is a folder of .txt articles, or a CSV with TITLE and DOCUMENT columns (the PerSenT news
set in $PERSENT_DIR, whose articles are clean running text: whatever is removed from them
is a loss). Without PATH: the fixture articles of tests/fixtures/cleaning. ``--against`` checks
out that git revision in a temporary worktree (default: b21d8f1, the cleaner before tabular data was
kept) and prints both tables, each version's cleaner and markers run in a process of its own, with
articles per second from one run of each over the same texts.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import ROOT, checkout  # noqa: E402  (also puts tests/ on the path)
from helpers import FIXTURES  # noqa: E402

CLEANING = FIXTURES / "cleaning"


def read_texts(path: Path) -> list[str]:
    if path.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))]
    frame = pd.read_csv(path)
    return [f"{title}\n{doc}" for title, doc in zip(frame["TITLE"], frame["DOCUMENT"])]


_SNIPPET = """
import json, sys, time
from collections import Counter
try:
    from analysis.corpus.clean import clean_text, load_markers
except ImportError:  # before the layers (issue 19)
    from analysis.clean import clean_text, load_markers
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
markers = load_markers()
counts, start = Counter(), time.perf_counter()
for text in texts:
    for _, reason in clean_text(text, markers=markers).removed:
        counts[" ".join("N" if w.isdigit() else w for w in reason.split())] += 1
print(json.dumps({"counts": counts, "speed": len(texts) / (time.perf_counter() - start)}))
"""


def tally(tree: Path, texts_file: Path) -> tuple[Counter, float]:
    """Removed spans by reason (the count in "trailing list of N …" dropped), and articles per second, with the
    cleaner and markers of the checkout ``tree``."""
    out = subprocess.run([sys.executable, "-c", _SNIPPET, str(texts_file)], check=True, capture_output=True, text=True,
                         cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return Counter(result["counts"]), result["speed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[CLEANING])
    parser.add_argument("--against", default="b21d8f1")
    args = parser.parse_args()
    texts = [t for path in args.paths for t in read_texts(path)]
    with tempfile.TemporaryDirectory() as folder:
        texts_file = Path(folder) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        trees = {args.against: checkout(args.against, Path(folder)), "this checkout": ROOT}
        for label, tree in trees.items():
            counts, speed = tally(tree, texts_file)
            print(f"\n{label}: {len(texts)} articles, {sum(counts.values())} spans removed, {speed:,.0f} articles/s")
            for reason, n in counts.most_common():
                print(f"  {n:6d}  {reason}")
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[args.against])], check=False)


if __name__ == "__main__":
    sys.exit(main())
