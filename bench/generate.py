"""Generate a large, realistic corpus by re-sampling real sentences.

The sentences are those of the bundled corpus and of the test fixture corpus, after cleaning. Each
generated article has a headline, a varied number of sentences (log-normal, 3 to 80, median about 18)
grouped in paragraphs of one to four sentences, sometimes a byline, a date line, a dateline, a share
label or a trailing list of headlines (the boilerplate the cleaner must remove), and belongs to one of
``--sources`` outlets, one sub-folder each.

    .venv/bin/python bench/generate.py --articles 10000 --out /tmp/corpus-10k
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

from analysis import load_corpus, split_sentences
from analysis.paths import PROJECT_ROOT

BOILERPLATE_TAIL = ["Share this article", "Leave a Reply", "READ MORE: Markets rally as talks resume",
                    "Your email address will not be published. Required fields are marked *"]


def sentence_pool() -> tuple[list[str], list[str]]:
    """Real sentences (narration and quotes) and real headlines to re-sample."""
    sentences, headlines = [], []
    for path in (None, PROJECT_ROOT / "tests" / "fixtures" / "other_corpus"):
        corpus = load_corpus(path)
        sentences += split_sentences(corpus.articles)["text"].tolist()
        headlines += [t for t in corpus.articles["title"].dropna() if t]
        headlines += corpus.removed.loc[corpus.removed["reason"].str.startswith("trailing"), "text"].tolist()
    return sentences, headlines


def article(rng: random.Random, sentences: list[str], headlines: list[str], outlet: str, day: int) -> str:
    n = max(3, min(80, int(rng.lognormvariate(2.9, 0.6))))
    body = rng.sample(sentences, min(n, len(sentences))) + rng.choices(sentences, k=max(0, n - len(sentences)))
    paragraphs, i = [], 0
    while i < len(body):
        size = rng.randint(1, 4)
        paragraphs.append(" ".join(body[i:i + size]))
        i += size
    lines = [rng.choice(headlines), ""]
    if rng.random() < 0.5:
        lines += [f"By {rng.choice(['Ann Lee', 'Omar Haddad', 'Li Wei', 'Maria Rossi'])}", ""]
    if rng.random() < 0.7:
        lines += [f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}", ""]
    if rng.random() < 0.3:
        paragraphs[0] = f"LONDON ({outlet}) - {paragraphs[0]}"
    lines += [p + "\n" for p in paragraphs]
    if rng.random() < 0.4:
        lines.append(rng.choice(BOILERPLATE_TAIL))
    if rng.random() < 0.2:
        lines += rng.sample(headlines, min(4, len(headlines)))
    return "\n".join(lines) + "\n"


def generate(out: Path, articles: int, *, sources: int = 20, seed: int = 0) -> Path:
    rng = random.Random(seed)
    sentences, headlines = sentence_pool()
    outlets = [f"Outlet {chr(65 + i % 26)}{i // 26 or ''}" for i in range(sources)]
    for outlet in outlets:
        (out / outlet).mkdir(parents=True, exist_ok=True)
    for k in range(articles):
        outlet = outlets[rng.randrange(sources)]
        text = article(rng, sentences, headlines, outlet, rng.randrange(300))
        (out / outlet / f"{k:07d}.txt").write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.articles, sources=args.sources, seed=args.seed)
    print(f"{args.articles} articles from {args.sources} outlets in {args.out}")


if __name__ == "__main__":
    main()
