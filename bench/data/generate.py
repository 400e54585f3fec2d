"""Generate a large, realistic corpus by re-sampling real sentences (tests/helpers/corpora.py, which the tests use).

The sentences are those of the bundled corpus and of the test fixture corpus, after cleaning. Each generated
article has a headline, a varied number of sentences, sometimes boilerplate the cleaner must remove, and belongs
to one of ``--sources`` outlets, one sub-folder each.

    .venv/bin/python bench/data/generate.py --articles 10000 --out /tmp/corpus-10k
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
import common  # noqa: E402,F401  (puts tests/ on the path)
from helpers.corpora import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.articles, sources=args.sources, seed=args.seed)
    print(f"{args.articles} articles from {args.sources} outlets in {args.out}")


if __name__ == "__main__":
    main()
