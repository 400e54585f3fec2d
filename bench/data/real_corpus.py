"""Write a corpus of real, varied news text for the benchmarks, from the PerSenT articles (not bundled).

PerSenT (Bastan et al., COLING 2020) holds about 2,000 news articles from many US outlets. They are read from
``$PERSENT_DIR`` and written to a folder outside the project, one file per
article (its title, then its text), in ten folders chosen by a hash of the article's index (the outlets are
not recorded). The dataset's authors removed the commas. Nothing of it is committed.

    .venv/bin/python bench/data/real_corpus.py --out /tmp/persent-corpus
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import persent_dir  # noqa: E402


def write(out: Path) -> int:
    count = 0
    for split in ("dev", "random_test", "fixed_test"):
        frame = pd.read_csv(persent_dir() / f"{split}.csv", usecols=["DOCUMENT_INDEX", "TITLE", "DOCUMENT"])
        for row in frame.itertuples():
            folder = out / f"set-{int(hashlib.md5(str(row.DOCUMENT_INDEX).encode()).hexdigest(), 16) % 10}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{split}-{row.DOCUMENT_INDEX}.txt").write_text(f"{row.TITLE}\n\n{row.DOCUMENT}\n", encoding="utf-8")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(f"{write(args.out):,} articles in {args.out}")


if __name__ == "__main__":
    main()
