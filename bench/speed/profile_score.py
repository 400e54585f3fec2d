"""Where `presslens score` spends its time: each step's share of one process's work, from cProfile.

The pipeline runs in this process (one worker, so the profiler sees every step) into a Parquet folder, and
each step's cumulative time is printed as a share of the whole run, as a Markdown table for
docs/performance.md. Shares overlap where one step calls another (voices run inside sentence splitting);
the table says which.

    .venv/bin/python bench/speed/profile_score.py /tmp/corpus-2225
    .venv/bin/python bench/speed/profile_score.py /tmp/corpus-2225 --provisional     # with stand-in topics, actors, stance
    .venv/bin/python bench/speed/profile_score.py CORPUS --codebook data/topics.yml --actors data/actors.yml
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from analysis.pipeline.run import run
from analysis.pipeline.settings import Settings
from analysis.tables.sinks import FileSink

# (label, module file within analysis/, function name); a step's time is its function's cumulative time.
STEPS = [
    ("read and decode files", "pipeline/chunks.py", "read_chunk"),
    ("template line counts (pass 1)", "corpus/repetition.py", "add_many"),
    ("template line lookups (pass 2)", "corpus/repetition.py", "repeated_keys"),
    ("stand-in topics and actors (sample)", "pipeline/run.py", "provisional"),
    ("clean (build articles)", "corpus/articles.py", "build_articles"),
    ("split sentences, with voices", "voices/voices.py", "split_sentences"),
    ("  of which voices and speakers", "voices/voices.py", "sentence_voices"),
    ("tone (TextBlob, VADER, dictionary)", "scores/sentiment.py", "score_tone"),
    ("per-article aggregates", "scores/aggregates.py", None),
    ("actor matching", "content/actors.py", "match_actors"),
    ("stance", "scores/stance/model.py", "article_stance"),
    ("topic matching", "content/topics.py", "topic_mentions"),
    ("duplicate signatures", "corpus/dedupe.py", "signature"),
    ("duplicate search", "pipeline/run.py", "_duplicates"),
    ("writing tables", "tables/sinks.py", "write"),
    ("final tables and commit", "tables/sinks.py", "finish"),
]


def shares(stats: pstats.Stats, total: float) -> list[tuple[str, float]]:
    rows = []
    for label, module, function in STEPS:
        seconds = 0.0
        for (path, _line, name), (_cc, _nc, _tt, cumulative, callers) in stats.stats.items():
            if not path.endswith(f"analysis/{module}"):
                continue
            if function is None:  # every public function of the module, called from outside it
                if name.startswith("_") or any(c[0].endswith(f"analysis/{module}") for c in callers):
                    continue
            elif name != function:
                continue
            seconds += cumulative
        rows.append((label, seconds / total))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--codebook")
    parser.add_argument("--actors")
    parser.add_argument("--provisional", action="store_true")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="presslens-profile-")) / "scores"
    settings = Settings(root=str(args.corpus), codebook=args.codebook, actors=args.actors,
                        provisional=args.provisional)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    run(settings, sink=FileSink(out), workers=1, progress=False)
    profiler.disable()
    total = time.perf_counter() - start
    shutil.rmtree(out.parent, ignore_errors=True)
    stats = pstats.Stats(profiler)
    print(f"{args.corpus.name}: {total:.1f} s in one process, under cProfile (which slows pure Python ~1.5-2x)")
    print("| step | share of the run |")
    print("|---|---|")
    for label, share in shares(stats, stats.total_tt):
        print(f"| {label} | {share:.0%} |")


if __name__ == "__main__":
    main()
