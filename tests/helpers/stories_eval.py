"""Story comparison scored against PressLens's labelled sets (``tests/fixtures/stories/``, ``pairs/``).

- :func:`grouping_scores`: stories found against the labelled stories (adjusted Rand index).
- :func:`reuse_scores`: each article's derivation (wholly, partly, none) against the labels: macro-F1 over the
  three classes, F1 of "derived" (wholly or partly) against "not derived", and the largest and mean error of the
  reused share of the derived articles.
- :func:`alignment_scores`: sentence alignment against the labelled facts: precision and recall of aligned pairs
  whose both sentences are labelled (two sentences are the same fact when a fact lists both), and precision and
  recall of additions (a labelled sentence of a fact no other outlet states) and omissions (an article that does
  not state a fact at least half of the other outlets, and at least two, state).
- :func:`pair_scores`: compare_sentences against labelled pairs: accuracy and F1 of "same".

``bench/eval/stories.py`` prints them for every set; the tests hold the development figures.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, f1_score

from analysis import compare_sentences, find_stories, text_reuse
from analysis.stories.alignment import align_story, coverage, story_facts
from analysis.stories.reuse import derivations
from analysis.voices.voices import split_sentences


def grouping_scores(articles: pd.DataFrame) -> dict:
    found = find_stories(articles)
    return {"articles": len(articles), "stories": int(articles["story_label"].nunique()),
            "found": int(found.nunique()), "ari": adjusted_rand_score(articles["story_label"], found)}


def reuse_scores(articles: pd.DataFrame) -> dict:
    frame = articles.rename(columns={"story_label": "story"})
    found = derivations(frame, text_reuse(frame))
    gold, got = articles["derivation"].tolist(), found["derivation"].tolist()
    derived = articles["derivation"] != "none"
    errors = (found.loc[derived, "reused_share"] - articles.loc[derived, "reused_share"]).abs()
    return {"derived": int(derived.sum()),
            "macro_f1": f1_score(gold, got, average="macro", labels=["wholly", "partly", "none"], zero_division=0),
            "derived_f1": f1_score([g != "none" for g in gold], [g != "none" for g in got], zero_division=0),
            "share_error_max": float(errors.max()) if len(errors) else 0.0,
            "share_error_mean": float(errors.mean()) if len(errors) else 0.0,
            "right_source": float((found.loc[derived, "derived_from"] == articles.loc[derived, "derived_from"]).mean())}


def pair_scores(pairs) -> dict:
    table = compare_sentences([p[0] for p in pairs], [p[1] for p in pairs])
    gold = np.array([p[2] for p in pairs])
    got = table["same"].to_numpy()
    return {"pairs": len(pairs), "same": int(gold.sum()), "accuracy": float((gold == got).mean()),
            "f1": f1_score(gold, got, zero_division=0)}


def alignment_scores(articles: pd.DataFrame, facts: list[dict]) -> dict:
    frame = articles.rename(columns={"story_label": "story"})
    sentences = split_sentences(frame, carry=["source", "story"])
    aligned = align_story(sentences)
    fact_of = _labelled(sentences, facts)
    outlet = dict(zip(articles["article_id"], articles["source"]))
    members = defaultdict(list)
    for key, found in fact_of.items():
        for fact in found:
            members[fact].append(key)
    gold = {(a, b) for keys in members.values() for a in keys for b in keys if outlet[a[0]] != outlet[b[0]]}
    pairs = {((r.article_id, r.sentence_no), (r.other_article_id, r.other_sentence_no)) for r in aligned.itertuples()}
    labelled = {p for p in pairs if p[0] in fact_of and p[1] in fact_of}
    hits = len(labelled & gold)
    out = {"sentences": len(sentences), "aligned_pairs": len(pairs),
           "pair_precision": hits / max(1, len(labelled)), "pair_recall": hits / max(1, len(gold))}
    matched = {key for pair in pairs for key in pair}
    gold_added = {k for k, found in fact_of.items()
                  if all(len({outlet[a] for a, _ in members[f]}) == 1 for f in found)}
    got_added = {k for k in fact_of if k not in matched}
    out.update(_precision_recall("addition", gold_added, got_added))
    out.update(_precision_recall("omission", *_omissions(articles, facts, members, sentences, aligned)))
    return out


def _labelled(sentences: pd.DataFrame, facts: list[dict]) -> dict:
    """Each labelled sentence's (article, sentence number) with the facts it states; a labelled sentence the
    splitter cut differently is found by containment."""
    exact = {(r.article_id, r.text): r.sentence_no for r in sentences.itertuples()}
    by_article = defaultdict(list)
    for r in sentences.itertuples():
        by_article[r.article_id].append((r.sentence_no, r.text))
    fact_of = defaultdict(set)
    for fact in facts:
        for article, sentence in fact["sentences"].items():
            if not sentence:
                continue
            number = exact.get((article, sentence))
            if number is None:
                number = next((n for n, t in by_article[article] if sentence in t or t in sentence), None)
            if number is not None:
                fact_of[(article, number)].add(fact["fact_id"])
    return fact_of


def _omissions(articles, facts, members, sentences, aligned) -> tuple[set, set]:
    outlet = dict(zip(articles["article_id"], articles["source"]))
    story_of = dict(zip(articles["article_id"], articles["story_label"]))
    found_facts = story_facts(aligned, sentences.assign(story=sentences["article_id"].map(story_of)))
    number = {(r.article_id, r.sentence_no): r.fact for r in found_facts.itertuples()}
    left = {(r.story, r.fact, r.source) for r in coverage(found_facts).itertuples() if r.state == "left out"}
    gold, got = set(), set()
    for fact in facts:
        outlets = {outlet[a] for a in fact["sentences"]}
        stating = {outlet[a] for a, s in fact["sentences"].items() if s}
        guess = Counter(number.get(k) for k in members[fact["fact_id"]]).most_common(1)
        for article in fact["sentences"]:
            if outlet[article] in stating:
                continue
            others = len(outlets) - 1
            if len(stating) >= 2 and len(stating) >= others / 2:
                gold.add((article, fact["fact_id"]))
            if guess and (story_of[article], guess[0][0], outlet[article]) in left:
                got.add((article, fact["fact_id"]))
    return gold, got


def _precision_recall(name: str, gold: set, got: set) -> dict:
    hits = len(gold & got)
    return {f"{name}_precision": hits / max(1, len(got)), f"{name}_recall": hits / max(1, len(gold)),
            f"{name}s": len(gold)}
