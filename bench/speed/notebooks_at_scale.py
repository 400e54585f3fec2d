"""Run the five notebooks on a scored corpus (a folder `presslens score --provisional` wrote) and time each cell.

For a million articles, score 100,000 and multiply the tables (bench/speed/scale_tables.py): the notebooks only read
the tables. Prints, per notebook, its wall time, its slowest cell and the peak memory of all processes (the
command and its kernel), as a Markdown table.

    .venv/bin/python bench/speed/notebooks_at_scale.py /tmp/out-1m/scores.parquet --work /tmp/nb-1m
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import ROOT  # noqa: E402
from measure import measure  # noqa: E402

BIN = Path(sys.executable).parent


def run_one(notebook: Path, scores: Path, work: Path) -> tuple[float, float, str, float]:
    """Execute one notebook with papermill; return its seconds, peak MB, slowest cell and that cell's seconds."""
    import nbformat

    executed = work / notebook.name
    command = [str(BIN / "papermill"), str(notebook), str(executed), "-k", "python3", "--cwd", str(notebook.parent),
               "-p", "scores", str(scores), "-p", "charts_dir", str(work / "charts" / notebook.stem),
               "--no-progress-bar"]
    seconds, peak = measure(command, env=dict(os.environ))
    book = nbformat.read(executed, as_version=4)
    slowest = max((c for c in book.cells if c.cell_type == "code"),
                  key=lambda c: c.metadata.get("papermill", {}).get("duration") or 0)
    first = slowest.source.strip().splitlines()[-1][:60] if slowest.source.strip() else ""
    return seconds, peak, first, slowest.metadata["papermill"]["duration"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scores", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/presslens-notebooks-at-scale"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"# {time.strftime('%Y-%m-%d')}: notebooks on {args.scores}")
    print("| notebook | seconds | peak memory, all processes (MB) | slowest cell | its seconds |")
    print("|---|---|---|---|---|")
    for notebook in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        seconds, peak, cell, cell_seconds = run_one(notebook, args.scores, args.work)
        print(f"| {notebook.stem} | {seconds:.1f} | {peak:,.0f} | `{cell}` | {cell_seconds:.1f} |", flush=True)


if __name__ == "__main__":
    main()
