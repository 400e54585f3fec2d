"""Benchmark the pipeline against the naive notebook baseline, in the same run, on generated corpora.

For each size (default 1,000, 10,000 and 100,000 articles) it generates a corpus (bench/data/generate.py),
then times, as whole commands with Python start-up included:

- the naive baseline (bench/speed/naive.py: pandas + TextBlob and VADER on whole articles + CSV);
- ``presslens score`` with ``--engine local`` (a process pool of 2 workers);
- ``presslens score`` with ``--engine dask`` (a LocalCluster of 2 workers).

Peak memory is the largest sum of the resident memory of the command and all its child processes,
sampled every 0.2 s. Results are printed as a Markdown table; docs/performance.md records them.

    .venv/bin/python bench/speed/run.py --sizes 1000 10000 100000 --work /tmp/presslens-bench
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import GENERATE, ROOT  # noqa: E402
from measure import measure  # noqa: E402

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/presslens-bench"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-naive-above", type=int, default=None,
                        help="skip the baseline for larger corpora (it is slow); its rate is then not measured")
    args = parser.parse_args()
    python, presslens = str(BIN / "python"), str(BIN / "presslens")
    print(f"# {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print("| articles | MB | command | seconds | articles/s | peak memory (MB) | speed-up over naive |")
    print("|---|---|---|---|---|---|---|")
    for size in args.sizes:
        corpus = args.work / f"corpus-{size}"
        if not corpus.exists():
            subprocess.run([python, str(GENERATE), "--articles", str(size), "--out",
                            str(corpus)], check=True, stdout=subprocess.DEVNULL)
        megabytes = sum(p.stat().st_size for p in corpus.rglob("*.txt")) / 1e6
        runs = []
        if args.skip_naive_above is None or size <= args.skip_naive_above:
            runs.append(("naive baseline", [python, str(ROOT / "bench" / "speed" / "naive.py"), str(corpus),
                                            str(args.work / "naive.csv")]))
        for engine in ("local", "dask"):
            out = args.work / f"out-{engine}-{size}"
            shutil.rmtree(out, ignore_errors=True)
            runs.append((f"presslens score --engine {engine}",
                         [presslens, "score", str(corpus), "--out", str(out / "scores.parquet"), "--engine", engine,
                          "--workers", str(args.workers), "--quiet"]))
        baseline = None
        for name, command in runs:
            seconds, peak = measure(command)
            baseline = seconds if name == "naive baseline" else baseline
            ratio = f"{baseline / seconds:.1f}×" if baseline and name != "naive baseline" else ""
            print(f"| {size:,} | {megabytes:.0f} | {name} | {seconds:.1f} | {size / seconds:,.0f} | {peak:,.0f} | "
                  f"{ratio} |", flush=True)


if __name__ == "__main__":
    main()
