"""What the stories step costs: presslens score with and without it, on generated corpora of growing size.

For each size it generates a corpus (bench/data/generate.py; outlets' articles re-sample real sentences, so
every article looks like every other: the hardest case for story grouping), then times, in the same run:

- ``presslens score --no-stories`` (the baseline: every other step);
- ``presslens score`` (with stories: grouping, text reuse, sentence alignment);

and prints the ratio of wall times and of CPU times (user and system, over every process: on a machine that other
work shares, the CPU time is the steadier figure; the issue's bound: no more than twice the baseline's time at
100,000 articles), and peak memory summed over every process (the bound: 2 GB). The growth of the stories step's
own CPU time from one size to the next is printed too (the bound: at most 7× for 4× the articles).

    .venv/bin/python bench/speed/stories.py --sizes 25000 100000 --work /tmp/presslens-stories
    .venv/bin/python bench/speed/stories.py --corpus /tmp/persent-corpus    # real news (bench/data/real_corpus.py)
    .venv/bin/python bench/speed/stories.py --sizes 25000 --memory pss     # memory without double counting
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
from measure import measure_cpu  # noqa: E402

BIN = Path(sys.executable).parent


def _corpora(args) -> list[tuple[int, Path]]:
    """``(articles, folder)``: the folders given, with their number of files, or the generated sizes."""
    if args.corpus:
        return [(sum(1 for p in folder.rglob("*") if p.is_file()), folder) for folder in args.corpus]
    return [(size, args.work / f"corpus-{size}") for size in args.sizes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25000, 100000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/presslens-stories"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory", choices=["rss", "pss"], default="rss",
                        help="sum resident memory (rss, the default: counts pages workers share with their parent "
                             "in each) or proportional set size (pss: what the processes hold together)")
    parser.add_argument("--corpus", type=Path, nargs="+", default=[],
                        help="existing corpus folders to time instead of generated ones (bench/data/real_corpus.py "
                             "writes one of real news)")
    args = parser.parse_args()
    print(f"# {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {args.workers} workers, peak memory as summed {args.memory.upper()}")
    print("| articles | without stories (s) | with stories (s) | ratio | CPU without (s) | CPU with (s) | CPU ratio | "
          "stories step, CPU (s) | peak memory without / with (MB) |")
    print("|---|---|---|---|---|---|---|---|---|")
    previous = None
    for size, corpus in _corpora(args):
        if not corpus.exists():
            subprocess.run([str(BIN / "python"), str(GENERATE), "--articles", str(size), "--out", str(corpus)],
                           check=True, stdout=subprocess.DEVNULL)
        times, peaks, cpu = {}, {}, {}
        for label, extra in (("without", ["--no-stories"]), ("with", [])):
            out = args.work / f"out-{label}-{size}"
            shutil.rmtree(out, ignore_errors=True)
            command = [str(BIN / "presslens"), "score", str(corpus), "--out", str(out / "scores.parquet"),
                       "--workers", str(args.workers), "--quiet", *extra]
            times[label], peaks[label], cpu[label] = measure_cpu(command, memory=args.memory)
            shutil.rmtree(out, ignore_errors=True)
        step = cpu["with"] - cpu["without"]
        growth = f" ({step / previous[1]:.1f}× the step at {previous[0]:,})" if previous else ""
        print(f"| {size:,} | {times['without']:.0f} | {times['with']:.0f} | {times['with'] / times['without']:.2f}× | "
              f"{cpu['without']:.0f} | {cpu['with']:.0f} | {cpu['with'] / cpu['without']:.2f}× | {step:.0f}{growth} | "
              f"{peaks['without']:,.0f} / {peaks['with']:,.0f} |", flush=True)
        previous = (size, step)


if __name__ == "__main__":
    main()
