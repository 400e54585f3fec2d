"""Compare offline sentence splitters for accuracy and speed.

Accuracy: the cases of tests/fixtures/sentence_cases.yml (40 English "golden rules" cases and 12 news
cases); a case counts when the splitter returns exactly the expected sentences.
Speed: the bundled corpus's cleaned articles, repeated to 2,000 articles, in articles per second.

    .venv/bin/python bench/eval/splitters.py
"""
from __future__ import annotations

import platform
import re
import time
from pathlib import Path

import yaml

from analysis import load_corpus
from analysis.text.segment import sentence_spans

CASES = yaml.safe_load((Path(__file__).parents[1] / "tests" / "fixtures" / "sentence_cases.yml").read_text())


def presslens(text):
    return [text[s:e] for s, e, _ in sentence_spans(text)]


def naive(text):
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text) if s]


def splitters():
    out = {"presslens (rules)": presslens, "naive regex": naive}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        out["pysbd"] = lambda t: [s.strip() for s in seg.segment(t)]
    except ImportError:
        pass
    try:
        import blingfire

        out["blingfire"] = lambda t: blingfire.text_to_sentences(t).split("\n")
    except ImportError:
        pass
    try:
        from nupunkt import sent_tokenize

        out["nupunkt"] = sent_tokenize
    except ImportError:
        pass
    try:
        from simplemma.sentences import split_sentences

        out["simplemma"] = lambda t: list(split_sentences(t))
    except ImportError:
        pass
    return out


def accuracy(split) -> tuple[int, int, int]:
    golden = sum(_ok(split, c) for c in CASES["golden"])
    news = sum(_ok(split, c) for c in CASES["news"])
    return golden, news, len(CASES["golden"]) + len(CASES["news"])


def _ok(split, expected) -> bool:
    try:
        got = [s.strip() for s in split(" ".join(expected)) if s.strip()]
    except Exception:
        return False
    return got == [e.strip() for e in expected]


def speed(split, texts) -> float:
    start = time.perf_counter()
    for text in texts:
        split(text)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    articles = load_corpus().articles["text"].tolist()
    texts = (articles * 400)[:2000]
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"{len(texts)} articles ({sum(map(len, texts)) / 1e6:.1f} MB)")
    print("| splitter | golden rules (of 40) | news cases (of 12) | articles/s |")
    print("|---|---|---|---|")
    for name, split in splitters().items():
        golden, news, _ = accuracy(split)
        print(f"| {name} | {golden} | {news} | {speed(split, texts):,.0f} |")


if __name__ == "__main__":
    main()
