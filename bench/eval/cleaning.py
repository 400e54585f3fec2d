"""What the cleaner removes, by reason, and how fast: this checkout against an earlier commit.

    .venv/bin/python bench/eval/cleaning.py [--against REV] [PATH ...]

Each PATH is a folder of .txt articles, or a CSV with TITLE and DOCUMENT columns (the PerSenT news
set in ../shared/data/persent, whose articles are clean running text: whatever is removed from them
is a loss). Without PATH: the fixture articles of tests/fixtures/cleaning. ``--against`` loads
``analysis/clean.py`` and ``data/boilerplate.yml`` from that git revision (default: b21d8f1, the
cleaner before tabular data was kept) and prints both tables, with articles per second from one run
of each over the same texts.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
import common  # noqa: E402,F401  (puts tests/ on the path)
from helpers import FIXTURES  # noqa: E402

from analysis.corpus.clean import clean_text, load_markers  # noqa: E402
from analysis.paths import PROJECT_ROOT  # noqa: E402

CLEANING = FIXTURES / "cleaning"


def read_texts(path: Path) -> list[str]:
    if path.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))]
    frame = pd.read_csv(path)
    return [f"{title}\n{doc}" for title, doc in zip(frame["TITLE"], frame["DOCUMENT"])]


def old_cleaner(rev: str, folder: Path):
    """``clean_text`` and markers as they were at ``rev``."""
    for name, target in (("analysis/clean.py", "old_clean.py"), ("data/boilerplate.yml", "boilerplate.yml")):
        source = subprocess.run(["git", "show", f"{rev}:{name}"], cwd=PROJECT_ROOT, check=True,
                                capture_output=True, text=True).stdout
        (folder / target).write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_clean", folder / "old_clean.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_clean"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    markers = module.load_markers(folder / "boilerplate.yml")
    return lambda text: module.clean_text(text, markers=markers)


def tally(clean, texts: list[str]) -> tuple[Counter, float]:
    """Removed spans by reason (the count in "trailing list of N …" dropped), and articles per second."""
    counts: Counter = Counter()
    start = time.perf_counter()
    for text in texts:
        for _, reason in clean(text).removed:
            counts[" ".join("N" if w.isdigit() else w for w in reason.split())] += 1
    return counts, len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[CLEANING])
    parser.add_argument("--against", default="b21d8f1")
    args = parser.parse_args()
    texts = [t for path in args.paths for t in read_texts(path)]
    markers = load_markers()
    with tempfile.TemporaryDirectory() as folder:
        runs = {args.against: old_cleaner(args.against, Path(folder)),
                "this checkout": lambda text: clean_text(text, markers=markers)}
        for label, clean in runs.items():
            counts, speed = tally(clean, texts)
            print(f"\n{label}: {len(texts)} articles, {sum(counts.values())} spans removed, {speed:,.0f} articles/s")
            for reason, n in counts.most_common():
                print(f"  {n:6d}  {reason}")


if __name__ == "__main__":
    sys.exit(main())
