"""PressLens's labelled sets for story comparison (``tests/fixtures/stories/``, ``tests/fixtures/pairs/``).

- **Stories** (``stories/dev``, ``stories/test``): invented articles from several outlets and house styles, with
  each article's story, its wire source and derivation (wholly, partly, none) and the share of its words reused,
  and for each story the facts and the sentence that states each in each article (or none).
- **Sentence pairs** (``pairs/dev.jsonl``, ``pairs/test.jsonl``): pairs written as near-copies with one change,
  or as paraphrases, labelled same fact or not; ``pairs/news_style.tsv``: pairs in the style of news sentence
  pairs drawn from one event, with heavy word overlap.
- **Natural pairs** (:func:`story_pairs`): from a stories set, two outlets' sentences listed for the same fact
  are the same fact; two sentences of different facts of one story that share at least three content words are
  not.

All were written for PressLens by helpers who never saw the code (each folder's README says how). Tests, the
fit (``bench/fit/same_fact.py``) and the evaluation (``bench/eval/stories.py``) read them from here.
"""
from __future__ import annotations

import itertools
import json
from collections import defaultdict

import pandas as pd

from analysis.stories.statements import statement
from helpers import FIXTURES

STORIES = FIXTURES / "stories"
PAIRS = FIXTURES / "pairs"
MIN_SHARED = 3


def _jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def stories_set(name: str) -> tuple[pd.DataFrame, list[dict]]:
    """``(articles, facts)`` of a stories set: the articles as a frame (``article_id``, ``source``,
    ``published``, ``title``, ``text``, and the labels ``story_label``, ``related_to``, ``derived_from``,
    ``derivation``, ``reused_share``), and the facts as written."""
    folder = STORIES / name
    labels = {row["article_id"]: row for row in _jsonl(folder / "labels.jsonl")}
    rows = []
    for article in _jsonl(folder / "articles.jsonl"):
        label = labels[article["article_id"]]
        rows.append({"article_id": article["article_id"], "source": article["outlet"],
                     "published": article["published"], "title": article["title"], "text": article["text"],
                     "story_label": label["story"], "related_to": label["related_to"],
                     "derived_from": label["derived_from"], "derivation": label["derivation"],
                     "reused_share": float(label["reused_share"])})
    return pd.DataFrame(rows), _jsonl(folder / "facts.jsonl")


def sentence_pairs(name: str) -> list[tuple[str, str, bool, list[str]]]:
    """``(left, right, same, kinds)`` of ``pairs/<name>.jsonl``."""
    return [(row["left"], row["right"], row["same"], row["kinds"]) for row in _jsonl(PAIRS / f"{name}.jsonl")]


def news_style_pairs() -> list[tuple[str, str, bool, list[str]]]:
    """The pairs of ``pairs/news_style.tsv`` (``label<TAB>left<TAB>right``)."""
    out = []
    for line in (PAIRS / "news_style.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            out.append((parts[1], parts[2], parts[0] == "1", ["news-style"]))
    return out


def story_pairs(name: str, *, content=None) -> list[tuple[str, str, bool, list[str]]]:
    """Natural pairs of a stories set (module docstring); ``content(sentence) -> set of words`` decides what
    two sentences share (by default the content words :func:`analysis.stories.statements.statement` reads)."""
    content = content or (lambda sentence: set(statement(sentence).weights))
    _, facts = stories_set(name)
    by_story = defaultdict(list)
    for fact in facts:
        by_story[fact["story"]].append(fact)
    out = []
    for story in sorted(by_story):
        facts_of: dict[tuple[str, str], set] = {}
        for fact in by_story[story]:
            for article in sorted(fact["sentences"]):
                sentence = fact["sentences"][article]
                if sentence:
                    facts_of.setdefault((article, sentence), set()).add(fact["fact_id"])
        for (key_a, facts_a), (key_b, facts_b) in itertools.combinations(facts_of.items(), 2):
            if key_a[0] == key_b[0]:
                continue
            if facts_a & facts_b:
                out.append((key_a[1], key_b[1], True, [story]))
            elif len(content(key_a[1]) & content(key_b[1])) >= MIN_SHARED:
                out.append((key_a[1], key_b[1], False, [story]))
    return out
