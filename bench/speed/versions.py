"""`presslens score` of this checkout against an earlier commit, on the same corpus, in the same run.

The earlier commit is checked out into a temporary git worktree and run with this checkout's virtual
environment (its dependencies are the same), so the two differ only in PressLens's code (`-P` keeps the working directory off the import path). Runs alternate
(baseline, current, baseline, current, ...) so that load on a shared machine falls on both alike, and the
best of the repeats is kept. Three option sets are timed: plain, with a codebook and actors file (topics,
actor matching and, today, stance), and today's `--provisional` (stand-in topics and actors drawn from the
corpus, as reports score), which the baseline did not have.

    .venv/bin/python bench/speed/versions.py /tmp/corpus-20000 --baseline b21d8f1 --repeats 2
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import ROOT  # noqa: E402
from measure import measure  # noqa: E402

PYTHON = sys.executable
LAUNCH = "import sys; sys.argv[0] = 'presslens'; from analysis.cli import main; sys.exit(main())"
OPTIONS = {
    "plain": [],
    "codebook and actors": ["--topics", str(ROOT / "data" / "topics.yml"), "--actors", str(ROOT / "data" / "actors.yml")],
}


def timed(code: Path, corpus: Path, options: list[str], out: Path, workers: int) -> tuple[float, float]:
    shutil.rmtree(out.parent, ignore_errors=True)
    out.parent.mkdir(parents=True)
    env = {"PYTHONPATH": str(code), "PATH": str(Path(PYTHON).parent), "HOME": str(Path.home())}
    return measure([PYTHON, "-P", "-c", LAUNCH, "score", str(corpus), "--out", str(out), "--workers", str(workers),
                    "--quiet", *options], env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--baseline", default="b21d8f1", help="the earlier commit")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    articles = sum(1 for p in args.corpus.rglob("*") if p.is_file())
    work = Path(tempfile.mkdtemp(prefix="presslens-versions-"))
    baseline = work / "baseline"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(baseline), args.baseline],
                   check=True, capture_output=True)
    try:
        print(f"{args.corpus} ({articles:,} files), {args.workers} workers, best of {args.repeats}")
        print("| options | baseline s | baseline articles/s | current s | current articles/s | current / baseline |")
        print("|---|---|---|---|---|---|")
        sets = dict(OPTIONS)
        sets["--provisional (current only)"] = ["--provisional"]
        for label, options in sets.items():
            best = {"baseline": float("inf"), "current": float("inf")}
            for _ in range(args.repeats):
                for name, code in (("baseline", baseline), ("current", ROOT)):
                    if name == "baseline" and options == ["--provisional"]:
                        continue
                    seconds, _ = timed(code, args.corpus, options, work / name / "s.parquet", args.workers)
                    best[name] = min(best[name], seconds)
            base, now = best["baseline"], best["current"]
            if base == float("inf"):
                print(f"| {label} | | | {now:.1f} | {articles / now:.0f} | |", flush=True)
            else:
                print(f"| {label} | {base:.1f} | {articles / base:.0f} | {now:.1f} | {articles / now:.0f} | "
                      f"{base / now:.2f}× |", flush=True)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True)  # however it ended


if __name__ == "__main__":
    main()
