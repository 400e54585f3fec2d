"""Within a story, which sentences of one outlet state the same fact as sentences of another.

For every sentence of every article of a story, :func:`align_story` finds its counterpart in each article of
the other outlets: the sentence there that states the same fact (:func:`~analysis.stories.similarity.similarity`
at least the fitted threshold, ``model().same_at``), the most similar one when several do. It never compares
every sentence with every other: two sentences are compared only when they share a content word that is rare in
English (:data:`RARE`) or a quantity. The match is **verbatim** when the two sentences have the same words in
the same order (:data:`VERBATIM` of their word sequences alike), **rewritten** when most of their content is
shared (:data:`REWRITTEN` of it), else a **paraphrase**.

:func:`story_facts` then groups aligned sentences into facts: two sentences of different outlets that are each
other's counterparts state one fact, and so does everything joined to them that way. A sentence with no
counterpart in any other outlet is that outlet's **addition**; a fact that at least half of the other outlets
report (and at least two), and this outlet does not, is its **omission**. Neither says why: an addition may be
the outlet's own reporting, an omission the fact it chose to leave out or a later deadline.

A story told by more than :data:`MAX_ARTICLES` articles is aligned on the first article of each outlet, the
outlets with most articles first, up to that many: a running story over weeks is compared on the articles that
opened it.
"""
from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

import pandas as pd

from analysis.stories.similarity import model, overlap, similarity_reaching
from analysis.stories.statements import Statement, statement
from analysis.stories.terms import rarity
from analysis.text.tokens import words

RARE = 0.55  # a content word at least this rare (analysis.stories.terms.rarity) makes two sentences candidates
VERBATIM = 0.9  # word sequences this alike: the same sentence
REWRITTEN = 0.6  # content shared (F) from which a match is a light rewrite
MAX_ARTICLES = 20



KINDS = ("verbatim", "rewritten", "paraphrase")
ALIGNMENT_COLUMNS = ["story", "article_id", "source", "sentence_no", "other_article_id", "other_source",
                     "other_sentence_no", "similarity", "kind"]
FACT_COLUMNS = ["story", "fact", "article_id", "source", "sentence_no"]


def align_story(sentences: pd.DataFrame, *, story: str | None = None, by: str = "source") -> pd.DataFrame:
    """The counterparts of every sentence in the other outlets' articles (module docstring): one row per
    sentence and other article where a counterpart was found, with ``story``, ``article_id``, ``source``,
    ``sentence_no``, ``other_article_id``, ``other_source``, ``other_sentence_no``, ``similarity`` and ``kind``.

    ``sentences`` has one row per sentence (``article_id``, ``sentence_no``, ``text``, the ``by`` column that
    says who told it, and ``story``). ``story`` picks one story; without it, every story is aligned.
    """
    if story is not None:
        sentences = sentences[sentences["story"] == story]
    rows = []
    for name, group in sentences.groupby("story", sort=True, observed=True):
        rows.extend(_align_one(name, _bounded(group, by), by))
    out = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    if by != "source":
        out = out.rename(columns={"source": by, "other_source": f"other_{by}"})
    return out


def _bounded(group: pd.DataFrame, by: str) -> pd.DataFrame:
    """At most :data:`MAX_ARTICLES` articles: each outlet's first, the outlets with most articles first."""
    articles = group.drop_duplicates("article_id")
    if len(articles) <= MAX_ARTICLES:
        return group
    sizes = articles.groupby(by, observed=True)["article_id"].count()
    firsts = articles.drop_duplicates(by).assign(_n=lambda d: d[by].map(sizes))
    keep = firsts.sort_values(["_n", by], ascending=[False, True], kind="stable")["article_id"].head(MAX_ARTICLES)
    return group[group["article_id"].isin(set(keep))]


def _align_one(story, group: pd.DataFrame, by: str) -> list[tuple]:
    keys = list(zip(group["article_id"], group["sentence_no"]))
    texts = dict(zip(keys, group["text"]))
    outlet = dict(zip(group["article_id"], group[by]))
    read = {key: statement(text) for key, text in texts.items()}
    best: dict[tuple, tuple[float, int]] = {}
    same_at = model().same_at
    for a, b in candidate_pairs(read, outlet):
        score = similarity_reaching(read[a], read[b], same_at)
        if score is None:
            continue
        for mine, other in ((a, b), (b, a)):
            slot = (mine, other[0])
            if slot not in best or score > best[slot][0] or (score == best[slot][0] and other[1] < best[slot][1]):
                best[slot] = (score, other[1])
    rows = []
    sequences: dict[tuple, list[str]] = {}  # each sentence's words, read once however many matches it has
    for ((article, sentence_no), other_article), (score, other_no) in sorted(best.items()):
        mine, other = (article, sentence_no), (other_article, other_no)
        for key in (mine, other):
            if key not in sequences:
                sequences[key] = words(texts[key])
        kind = match_kind(sequences[mine], sequences[other], read[mine], read[other])
        rows.append((story, article, outlet[article], sentence_no, other_article, outlet[other_article], other_no,
                     score, kind))
    return rows


def candidate_pairs(read: dict[tuple, Statement], outlet: dict) -> list[tuple]:
    """Pairs of sentences of different outlets that share a rare content word or a quantity's value."""
    postings: dict[object, list] = defaultdict(list)
    for key, found in read.items():
        for word in found.weights:
            if rarity(word) >= RARE:
                postings[word].append(key)
        for value in found.values:
            postings[("#", value)].append(key)
    pairs = set()
    for holders in postings.values():
        for i, a in enumerate(holders):
            for b in holders[i + 1:]:
                if outlet[a[0]] != outlet[b[0]]:
                    pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def match_kind(words_a: list[str], words_b: list[str], a: Statement, b: Statement) -> str:
    """verbatim, rewritten or paraphrase (module docstring), from the two sentences' words
    (:func:`analysis.text.tokens.words`) and statements."""
    if SequenceMatcher(None, words_a, words_b, autojunk=False).ratio() >= VERBATIM:
        return "verbatim"
    return "rewritten" if overlap(a, b)["f"] >= REWRITTEN else "paraphrase"


def story_facts(alignments: pd.DataFrame, sentences: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """The facts of each story: one row per sentence that belongs to a fact (``story``, ``fact``, numbered from
    1 in order of the first article that states it, ``article_id``, the ``by`` column, ``sentence_no``). Every
    sentence of an aligned story is in the table: a sentence no other outlet states is a fact of its own."""
    mutual = alignments.merge(
        alignments[["article_id", "sentence_no", "other_article_id", "other_sentence_no"]].rename(columns={
            "article_id": "other_article_id", "sentence_no": "other_sentence_no",
            "other_article_id": "article_id", "other_sentence_no": "sentence_no"}),
        on=["article_id", "sentence_no", "other_article_id", "other_sentence_no"])
    parent: dict[tuple, tuple] = {}

    def root(key):
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    for row in mutual.itertuples(index=False):
        a, b = root((row.article_id, row.sentence_no)), root((row.other_article_id, row.other_sentence_no))
        if a != b:
            parent[max(a, b)] = min(a, b)
    aligned_stories = set(alignments["story"]) if not alignments.empty else set()
    rows = []
    for story, group in sentences[sentences["story"].isin(aligned_stories)].groupby("story", sort=True, observed=True):
        order = {aid: i for i, aid in enumerate(group.drop_duplicates("article_id")["article_id"])}
        numbered: dict[tuple, int] = {}
        for article, sentence_no, who in sorted(zip(group["article_id"], group["sentence_no"], group[by]),
                                                key=lambda item: (order[item[0]], item[1])):
            fact = numbered.setdefault(root((article, sentence_no)), len(numbered) + 1)
            rows.append((story, fact, article, who, sentence_no))
    return pd.DataFrame(rows, columns=["story", "fact", "article_id", by, "sentence_no"])


def coverage(facts: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """For each story, fact and outlet: ``reported`` (the outlet states it), ``added`` (only this outlet
    states it) or ``left out`` (at least half of the other outlets, and at least two, state it; this one does
    not); a fact this outlet does not state and too few others do is not listed. One row per story, fact and
    outlet, with ``n_outlets`` (how many outlets state the fact) and ``n_others`` (how many other outlets tell
    the story)."""
    outlets = facts.groupby("story", observed=True)[by].unique()
    stating = facts.groupby(["story", "fact"], observed=True)[by].unique()
    rows = []
    for (story, fact), who in stating.items():
        told = set(who)
        for outlet in outlets[story]:
            others = len(outlets[story]) - 1
            state = "reported" if outlet in told else None
            if state and len(told) == 1 and others > 0:
                state = "added"
            if state is None and len(told) >= 2 and len(told) >= others / 2:
                state = "left out"
            if state:
                rows.append((story, fact, outlet, state, len(told), others))
    return pd.DataFrame(rows, columns=["story", "fact", by, "state", "n_outlets", "n_others"])
