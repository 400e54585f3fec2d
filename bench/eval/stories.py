"""Story comparison against PressLens's labelled sets: the figures of docs/stories.md.

    .venv/bin/python bench/eval/stories.py [--sets dev test blind]

For each stories set (tests/fixtures/stories/<set>: invented multi-outlet stories written by helpers who never saw
the code), the grouping of articles into stories (adjusted Rand index), the derivation of wire copies (macro-F1
over wholly / partly / none, F1 of derived against not, error of the reused share) and the alignment of sentences
(pair precision and recall against the labelled facts; additions and omissions). For the sentence pairs
(tests/fixtures/pairs), compare_sentences' accuracy and F1: the near-copy pairs (dev, test), the news-style pairs,
and the natural pairs of each stories set. Which sets were seen while the code was written is in docs/stories.md.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
import common  # noqa: E402,F401  (puts tests/ on the path)
from helpers.stories_eval import alignment_scores, grouping_scores, pair_scores, reuse_scores  # noqa: E402
from helpers.stories_sets import news_style_pairs, sentence_pairs, stories_set, story_pairs  # noqa: E402


def row(values: dict) -> str:
    return ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in values.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["dev", "test", "blind"])
    args = parser.parse_args()
    for name in args.sets:
        articles, facts = stories_set(name)
        started = time.perf_counter()
        print(f"## stories/{name}: {len(articles)} articles")
        print("grouping:  ", row(grouping_scores(articles)))
        print("reuse:     ", row(reuse_scores(articles)))
        print("alignment: ", row(alignment_scores(articles, facts)))
        print("pairs (natural):", row(pair_scores(story_pairs(name))))
        print(f"({time.perf_counter() - started:.1f} s)")
    together = [stories_set(name)[0].assign(story_label=lambda d, n=name: n + ":" + d["story_label"])
                for name in args.sets]
    import pandas as pd
    print("## every stories set as one corpus:", row(grouping_scores(pd.concat(together, ignore_index=True))))
    print("## pairs/dev (near copies):", row(pair_scores(sentence_pairs("dev"))))
    print("## pairs/test (near copies):", row(pair_scores(sentence_pairs("test"))))
    print("## pairs/news_style.tsv:", row(pair_scores(news_style_pairs())))


if __name__ == "__main__":
    main()
