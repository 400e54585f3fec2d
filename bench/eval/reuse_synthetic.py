"""Text reuse on copies derived by rule from real news articles (PerSenT, $PERSENT_DIR): docs/stories.md.

    PERSENT_DIR=/path/to/persent .venv/bin/python bench/eval/reuse_synthetic.py [--stories 300]

For each of ``--stories`` real articles (the "wire" text, from random_test.csv), one other outlet's article is
made by one of these rules, a third each, and the wire text and the copy (dated a day later) form a story:

- **wholly derived**: the wire text, its last paragraph dropped one time in two, every tenth word swapped for a
  synonym or a house-style spelling ("percent" → "%", "said" → "told reporters"), a new first sentence of eight
  words one time in two;
- **partly derived**: one to three paragraphs of the wire text (lightly edited as above), with the paragraphs of
  another article (a different story) around them;
- **not derived**: another article of the corpus (a different story).

The true reused share is the words taken from the wire text over the copy's words. Prints macro-F1 over the
three classes, F1 of derived against not derived, and the error of the reused share (largest and mean).
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import pandas as pd
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import persent_dir  # noqa: E402

from analysis import text_reuse  # noqa: E402
from analysis.stories.reuse import SHARED, derivations  # noqa: E402

SWAPS = {"percent": "%", "said": "told reporters", "says": "said", "about": "around", "million": "mn",
         "government": "administration", "officials": "authorities", "people": "residents", "also": "too",
         "Monday": "on Monday", "year": "12 months", "company": "firm", "police": "officers", "show": "suggest"}


def paragraphs(document: str) -> list[str]:
    parts = [p.strip() for p in document.split("\n") if len(p.split()) >= 8]
    return parts if len(parts) >= 3 else [" ".join(document.split()[i:i + 60])
                                          for i in range(0, len(document.split()), 60)]


def edit(text: str, rng: random.Random) -> str:
    words = text.split()
    for i in range(rng.randrange(10), len(words), 10):
        words[i] = SWAPS.get(words[i], words[i])
    return " ".join(words)


def make(documents: list[str], n: int, seed: int = 0) -> tuple[pd.DataFrame, list[dict]]:
    rng = random.Random(seed)
    rows, truth = [], []
    for k in range(n):
        wire = paragraphs(documents[k])
        other = paragraphs(documents[(k + n) % len(documents)])
        kind = ("wholly", "partly", "none")[k % 3]
        if kind == "wholly":
            kept = wire[:-1] if rng.random() < 0.5 and len(wire) > 3 else wire
            copy = [edit(p, rng) for p in kept]
            lead = ["Officials confirmed the news late on the same day."] if rng.random() < 0.5 else []
            body, reused = lead + copy, sum(len(p.split()) for p in copy)
        elif kind == "partly":
            start = rng.randrange(max(1, len(wire) - 2))
            taken = [edit(p, rng) for p in wire[start:start + rng.randint(1, 3)]]
            body = other[:2] + taken + other[2:5]
            reused = sum(len(p.split()) for p in taken)
        else:
            body, reused = other[:6], 0
        text = "\n\n".join(body)
        rows += [{"article_id": f"w{k}", "source": "Wire", "published": "2024-01-01", "story": f"s{k}",
                  "text": "\n\n".join(wire)},
                 {"article_id": f"c{k}", "source": "Outlet", "published": "2024-01-02", "story": f"s{k}", "text": text}]
        truth.append({"article_id": f"c{k}", "derivation": kind, "share": reused / max(1, len(text.split()))})
    return pd.DataFrame(rows), truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    args = parser.parse_args()
    documents = pd.read_csv(persent_dir() / "random_test.csv")["DOCUMENT"].dropna().tolist()
    articles, truth = make(documents, min(args.stories, len(documents) // 2))
    found = derivations(articles, text_reuse(articles)).set_index(articles["article_id"])
    gold = [t["derivation"] for t in truth]
    got = [found.loc[t["article_id"], "derivation"] for t in truth]
    errors = pd.Series([abs(found.loc[t["article_id"], "reused_share"] - t["share"]) for t in truth
                        if t["derivation"] != "none"])
    print(f"copies: {len(truth)} ({pd.Series(gold).value_counts().to_dict()})")
    print(f"macro-F1 (wholly/partly/none): {f1_score(gold, got, average='macro'):.3f}")
    print(f"F1 derived vs not: {f1_score([g != 'none' for g in gold], [g != 'none' for g in got]):.3f}")
    print(f"reused share error: max {errors.max():.3f}, mean {errors.mean():.3f}, within 0.15: "
          f"{(errors <= 0.15).mean():.1%}")
    big = [(t, g) for t, g in zip(truth, got) if t["derivation"] != "none" and t["share"] >= SHARED]
    print(f"copies reusing at least {SHARED:.0%} of their words found as derived: "
          f"{sum(g != 'none' for _, g in big)} of {len(big)}")
    print(pd.crosstab(pd.Series(gold, name="label"), pd.Series(got, name="found")))


if __name__ == "__main__":
    main()
