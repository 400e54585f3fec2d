"""Benchmark the whole report: `presslens report` with the cache empty, then again with it warm.

For each size it generates a corpus (bench/data/generate.py) unless one is given, then times, as whole commands:

- `presslens report CORPUS` with an empty cache (scoring included);
- the same again, the cache warm (the five notebooks only).

It records wall time and the peak memory of all processes together (the command, its pool workers and the
notebook kernels, summed over the process tree), and prints a Markdown table for docs/performance.md.

    .venv/bin/python bench/speed/report.py --sizes 2225 20000 100000 --work /tmp/presslens-report-bench
    .venv/bin/python bench/speed/report.py --corpus /tmp/persent-corpus --work /tmp/prb   # real text
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
from common import GENERATE  # noqa: E402
from measure import measure  # noqa: E402

BIN = Path(sys.executable).parent


def report_runs(corpus: Path, work: Path, label: str) -> list[str]:
    """Cold and warm report runs on one corpus: Markdown rows."""
    cache = work / f"cache-{label}"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "PRESSLENS_CACHE": str(cache)}
    rows = []
    articles = sum(1 for _ in corpus.rglob("*.txt"))
    megabytes = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
    for state in ("cold", "warm"):
        out = work / f"report-{label}-{state}"
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak = measure([str(BIN / "presslens"), "report", str(corpus), "--out", str(out)], env=env)
        rows.append(f"| {label} | {articles:,} | {megabytes:.0f} | {state} cache | {seconds:.1f} | {peak:,.0f} |")
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2225, 20000, 100000])
    parser.add_argument("--corpus", type=Path, help="a corpus to time instead of generated ones")
    parser.add_argument("--work", type=Path, default=Path("/tmp/presslens-report-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"# {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print("| corpus | articles | MB | run | seconds | peak memory, all processes (MB) |")
    print("|---|---|---|---|---|---|")
    if args.corpus:
        report_runs(args.corpus, args.work, args.corpus.name)
        return
    for size in args.sizes:
        corpus = args.work / f"corpus-{size}"
        if not corpus.exists():
            subprocess.run([str(BIN / "python"), str(GENERATE), "--articles", str(size),
                            "--out", str(corpus)], check=True, stdout=subprocess.DEVNULL)
        report_runs(corpus, args.work, f"generated {size:,}")


if __name__ == "__main__":
    main()
