"""Speed of the voices, before and after: ``split_sentences`` (which runs them) and the whole ``presslens score``.

"Before" is one or more other checkouts of PressLens (``--before REF``, repeatable; by default the commit
where this branch left ``main``), each a temporary git worktree; "after" is this one. All are measured in
the same run, alternating, on:

- the generated bench corpus (``bench/data/generate.py``, re-sampled sentences of the bundled corpora: quote-heavy);
- real news: the PerSenT articles (``/work/shared/data/persent/*.csv``, column ``DOCUMENT``), written one file
  per article to a temporary folder (never into the project).

Each figure is the best of ``--repeat`` runs. ``split_sentences`` is timed in one process by CPU time
(``time.process_time``), which a busy shared machine disturbs less than wall time. ``presslens score`` is
timed as a whole command (Python start-up included, ``--workers 2``) by wall time and by the CPU time of the
command and all its processes (``RUSAGE_CHILDREN``). Articles/s = articles / seconds.

    .venv/bin/python bench/speed/voices_speed.py --before b21d8f1 --before main --articles 1000 --repeat 3
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import ROOT, checkout, make_corpora  # noqa: E402
_SPLIT_SNIPPET = """
import json, sys, time
from analysis import load_corpus, split_sentences
articles = load_corpus(sys.argv[1], progress=False).articles
best = min(_time(articles) for _ in range(int(sys.argv[2])))
print(json.dumps({"articles": len(articles), "seconds": best}))
"""
_TIME_SNIPPET = """
def _time(articles):
    start = time.process_time()
    split_sentences(articles)
    return time.process_time() - start
"""


def split_speed(tree: Path, corpus: Path, repeat: int) -> dict:
    """Best CPU seconds of ``split_sentences`` over the corpus, with ``tree``'s code."""
    code = _TIME_SNIPPET + _SPLIT_SNIPPET
    out = subprocess.run([sys.executable, "-c", code, str(corpus), str(repeat)], check=True, capture_output=True,
                         text=True, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def score_speed(tree: Path, corpus: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (all processes) of ``presslens score`` with ``tree``'s code."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-c", "import sys; from analysis.cli import main; sys.exit(main())", "score",
               str(corpus), "--out", str(out / "scores.parquet"), "--quiet", "--workers", "2"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", action="append", default=None,
                        help="git ref of a 'before' code, repeatable (default: merge-base with main)")
    parser.add_argument("--articles", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="presslens-voices-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    refs = args.before or [subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], check=True,
                                          capture_output=True, text=True).stdout.strip()]
    trees = {ref: checkout(ref, work) for ref in refs}
    trees["after"] = ROOT
    try:
        report(trees, make_corpora(work, args.articles), args.repeat, work)
    finally:
        for ref in refs:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[ref])], check=False)
    return 0


def report(trees: dict[str, Path], corpora: dict[str, Path], repeat: int, work: Path) -> None:
    """One row per corpus and measure: articles/s of every "before" and of "after", and after / before."""
    befores = [k for k in trees if k != "after"]
    print(f"# {time.strftime('%Y-%m-%d')}, after = working tree, best of {repeat}, same run, alternating")
    print("| corpus | articles | measure | " + " | ".join(befores) + " | after | " +
          " | ".join(f"after / {b}" for b in befores) + " |")
    print("|---" * (4 + 2 * len(befores)) + "|")
    for name, corpus in corpora.items():
        split = {k: [] for k in trees}
        for _ in range(repeat):
            for key, tree in trees.items():
                split[key].append(split_speed(tree, corpus, 1))
        n = split["after"][0]["articles"]
        _row(name, n, "split_sentences, articles/s (CPU)",
             {k: n / min(r["seconds"] for r in runs) for k, runs in split.items()})
        runs = {k: [] for k in trees}
        for _ in range(repeat):
            for key, tree in trees.items():
                runs[key].append(score_speed(tree, corpus, work / f"out-{key.replace('/', '-')}"))
        _row(name, n, "presslens score, articles/s (wall)", {k: n / min(r[0] for r in v) for k, v in runs.items()})
        _row(name, n, "presslens score, articles/s (CPU, all processes)",
             {k: n / min(r[1] for r in v) for k, v in runs.items()})


def _row(corpus: str, n: int, measure: str, speeds: dict[str, float]) -> None:
    befores = [k for k in speeds if k != "after"]
    cells = [f"{speeds[k]:,.0f}" for k in befores] + [f"{speeds['after']:,.0f}"]
    cells += [f"{speeds['after'] / speeds[k]:.2f}" for k in befores]
    print(f"| {corpus} | {n:,} | {measure} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
