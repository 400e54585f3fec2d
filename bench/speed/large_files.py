"""Loading time against file size: one article of 2, 10 and 30 MB (it should grow linearly).

    .venv/bin/python bench/speed/large_files.py
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from analysis import load_corpus

PARAGRAPH = ("Lukashenko’s visit to Beijing was “warm and friendly”, Xinhua said. The two leaders signed "
             "agreements on trade, industry and agriculture, and Mr. Xi praised the U.S.-free partnership.\n\n")


def main() -> None:
    print("| file size | seconds | MB/s |")
    print("|---|---|---|")
    for megabytes in (2, 10, 30):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "big.txt"
            data = (PARAGRAPH * (megabytes * 1_000_000 // len(PARAGRAPH.encode()))).encode()
            path.write_bytes(data)
            start = time.perf_counter()
            corpus = load_corpus(path)
            seconds = time.perf_counter() - start
            assert len(corpus.articles) == 1
            print(f"| {len(data) / 1e6:.0f} MB | {seconds:.1f} | {len(data) / 1e6 / seconds:.1f} |")


if __name__ == "__main__":
    main()
