"""Dictionary tone (Lexicoder-style counting) against VADER, for docs/dictionaries.md.

The Lexicoder Sentiment Dictionary's licence allows non-commercial academic use only, so PressLens
ships no tone dictionary. To measure what counting words does against VADER's rules, this script
builds two tone dictionaries at run time from lexicons already installed with PressLens, writes
them as Lexicoder ``.lc3`` files (so the reader is exercised too), and scores a corpus with each:

- ``vader-words``: VADER's own word list (MIT licence), words with a mean rating of +1.0 or more as
  positive and -1.0 or less as negative (VADER rates from -4 to +4). Comparing it with VADER
  isolates VADER's rules (intensifiers, capitals, "but", graded negation) from its vocabulary.
- ``textblob-words``: TextBlob's adjective lexicon (pattern's en-sentiment.xml, BSD licence), word
  forms whose mean polarity is +0.25 or more, or -0.25 or less.

Negation uses PressLens's three-word window (neither dictionary has Lexicoder's neg_ keys).

    .venv/bin/python bench/eval/tone_dictionaries.py            # the bundled corpus
    .venv/bin/python bench/eval/tone_dictionaries.py CORPUS_DIR
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import load_corpus, split_sentences
from analysis.content.matcher import PatternError, pattern_alternatives
from analysis.scores.sentiment import article_dictionary_tone, score_tone


def vader_words() -> dict[str, list[str]]:
    import vaderSentiment

    path = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    poles: dict[str, list[str]] = {"positive": [], "negative": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, mean = line.split("\t")[:2]
        pole = "positive" if float(mean) >= 1.0 else "negative" if float(mean) <= -1.0 else None
        if pole and _usable(word):
            poles[pole].append(word)
    return poles


def textblob_words() -> dict[str, list[str]]:
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-sentiment.xml"
    ratings: dict[str, list[float]] = defaultdict(list)
    for node in ET.parse(path).getroot().iter("word"):
        ratings[node.get("form", "").lower()].append(float(node.get("polarity", 0)))
    poles: dict[str, list[str]] = {"positive": [], "negative": []}
    for word, values in sorted(ratings.items()):
        mean = float(np.mean(values))
        pole = "positive" if mean >= 0.25 else "negative" if mean <= -0.25 else None
        if pole and _usable(word):
            poles[pole].append(word)
    return poles


def _usable(word: str) -> bool:
    if "*" in word or "?" in word:
        return False
    try:
        pattern_alternatives(word, match="glob")
    except PatternError:
        return False
    return True


def write_lc3(poles: dict[str, list[str]], path: Path) -> Path:
    lines = []
    for pole, words in poles.items():
        lines += [f"+{pole}", *sorted(set(words))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def compare(sentences: pd.DataFrame, dictionary: Path, *, by: str) -> dict:
    scored = score_tone(sentences, dictionary=dictionary)
    scored = scored[~(scored["no_text"] | scored["non_english"])]
    both = scored[(scored["dict_net"] != 0) & (scored["vader"] != 0)]
    agree = (np.sign(both["dict_net"]) == np.sign(both["vader"])).mean()
    articles = article_dictionary_tone(scored, carry=[by])
    per_source = articles.groupby(by)[["dict_positive", "dict_negative", "dict_words"]].sum()
    per_source["net"] = (per_source["dict_positive"] - per_source["dict_negative"]) / per_source["dict_words"]
    per_source["vader"] = scored.groupby(by)["vader"].mean()
    return {
        "sentences": len(scored),
        "no match": (scored["dict_positive"] + scored["dict_negative"] == 0).mean(),
        "VADER 0": (scored["vader"] == 0).mean(),
        "rho sentences": spearman(scored["dict_net"], scored["vader"]),
        "sign agrees": agree,
        "n both signed": len(both),
        "rho sources": spearman(per_source["net"], per_source["vader"]),
        "sources same sign": (np.sign(per_source["net"]) == np.sign(per_source["vader"])).mean(),
        "n sources": len(per_source),
        "table": per_source[["dict_positive", "dict_negative", "dict_words", "net", "vader"]],
    }


def spearman(a: pd.Series, b: pd.Series) -> float:
    """Spearman's rank correlation (Pearson's on average ranks; no SciPy needed)."""
    return a.rank().corr(b.rank())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=None, help="folder of articles (default: the bundled corpus)")
    parser.add_argument("--by", default="source")
    args = parser.parse_args(argv)
    sentences = split_sentences(load_corpus(args.corpus).unique)
    with tempfile.TemporaryDirectory() as folder:
        results = {name: compare(sentences, write_lc3(build(), Path(folder) / f"{name}.lc3"), by=args.by)
                   for name, build in (("vader-words", vader_words), ("textblob-words", textblob_words))}
    print("| dictionary | sentences | no match | VADER exactly 0 | Spearman ρ, sentences | same sign (both ≠ 0) "
          "| Spearman ρ, sources | sources with the same sign |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['sentences']} | {r['no match']:.0%} | {r['VADER 0']:.0%} | {r['rho sentences']:.2f} "
              f"| {r['sign agrees']:.0%} of {r['n both signed']} | {r['rho sources']:.2f} "
              f"| {r['sources same sign']:.0%} of {r['n sources']} |")
    for name, r in results.items():
        print(f"\n{name}: net tone per {args.by} (counts summed over its sentences) against mean VADER\n")
        print(r["table"].round(3).to_markdown() if _has_tabulate() else r["table"].round(3).to_string())
    return 0


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
