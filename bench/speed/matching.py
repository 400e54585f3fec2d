"""Speed of the one tokenizer and the one matcher, as ratios to a bare ``\\w+`` tokenization in the same run.

Sentences are the bundled corpus's (or CORPUS's), repeated to ``--repeat`` times their number. Prints
a Markdown table: seconds, sentences per second and the ratio to the baseline, for

- ``re.findall(r"\\w+")`` (the floor: what reading words costs at the least);
- ``count_words`` (the loader's ``n_words``) and ``scan`` (words with spans, in chunks);
- ``topic_mentions`` with the bundled codebook (99 patterns);
- ``dictionary_counts`` with a tone dictionary of VADER's words (about 5,600 patterns; built as in
  bench/eval/tone_dictionaries.py), and the time to compile it.

    .venv/bin/python bench/speed/matching.py [CORPUS] --repeat 40
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))  # bench/eval: tone_dictionaries.py

from tone_dictionaries import vader_words  # noqa: E402

from analysis import load_corpus, split_sentences  # noqa: E402
from analysis.content.dictionaries import Codebook  # noqa: E402
from analysis.scores.sentiment import dictionary_counts  # noqa: E402
from analysis.text.tokens import count_words, scan  # noqa: E402
from analysis.content.topics import load_codebook, topic_mentions  # noqa: E402


def timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="time the tokenizer and the matcher")
    parser.add_argument("corpus", nargs="?", default=None)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args(argv)
    sentences = split_sentences(load_corpus(args.corpus).unique)
    big = pd.concat([sentences] * args.repeat, ignore_index=True)
    texts = big["text"].tolist()
    codebook = load_codebook()
    start = time.perf_counter()
    tone = Codebook(vader_words(), source="vader-words")
    tone.matcher()
    compile_seconds = time.perf_counter() - start
    steps = {
        r"re.findall(r'\w+') (baseline)": lambda: [re.findall(r"\w+", t) for t in texts],
        "count_words": lambda: [count_words(t) for t in texts],
        "scan": lambda: [scan(t) for t in texts],
        f"topic_mentions, bundled codebook ({sum(map(len, codebook.values()))} patterns)":
            lambda: topic_mentions(big, codebook),
        f"dictionary_counts, vader-words ({sum(map(len, tone.values()))} patterns)":
            lambda: dictionary_counts(texts, tone),
    }
    results = {name: timed(step) for name, step in steps.items()}
    baseline = next(iter(results.values()))
    print(f"{len(texts):,} sentences, {sum(map(len, texts)) / 1e6:.2f} MB; compiling vader-words took "
          f"{compile_seconds:.2f} s\n")
    print("| step | seconds | sentences/s | × baseline |\n|---|---|---|---|")
    for name, seconds in results.items():
        print(f"| {name} | {seconds:.3f} | {len(texts) / seconds:,.0f} | {seconds / baseline:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
