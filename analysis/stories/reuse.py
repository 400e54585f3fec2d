"""Text reuse: which articles share text with which (wire copy republished, or rewritten lightly), and how much.

Two articles share text when long runs of one's words stand word for word in the other. For an article A and
another article B, by these rules:

- **Verbatim share**: the share of A's words that lie in a run of at least :data:`LONG_RUN` words (within one
  sentence) found word for word in B.
- **Copied sentences**: the sentences of A of which at least :data:`REWRITTEN` of the words stand in one sentence
  of B, and that share a run of at least :data:`EVIDENCE_RUN` words with it (a sentence copied, or lightly
  rewritten: "percent" made "%", "fine" made "penalty", a clause dropped).
- **Reused share**: the words of A's sentences of which at least :data:`REWRITTEN` stand in one sentence of B,
  and its verbatim words elsewhere. (Once two articles are found to share text, a sentence rewritten that far
  counts as reused even without a long run.)
- A pair is reported when A's verbatim share, or the share of its words in copied sentences, reaches
  :data:`SHARED` (:func:`text_reuse`). Independent reports of one event share names, titles, figures and short
  quotes, and often a sentence's worth of facts, but seldom eight words in a row: on PressLens's labelled
  stories, independently written articles had at most 14% of their words in such sentences, copies 17% or more.

Each article then gets a derivation, in the classes of the METER corpus of press-agency copy
(:func:`derivations`): **wholly** derived when its reused share from one other article reaches
:data:`WHOLLY` (the copy may be trimmed, retitled and lightly edited), **partly** derived when some of it is
reused text (it reaches :data:`SHARED`), else **none**. Of two articles that share text, the one derived from
the other is the later one when their dates differ; else the one whose dateline or credit line names the other's
outlet ("PORTSMOUTH, June 3 (Meridian) -" in an article of another outlet than Meridian); else the one more
contained in the other (the trimmed copy in the full text); when that ties too, the one loaded later. An
article's source is the article it reuses most. The near-duplicate flag of :mod:`analysis.corpus.dedupe` is the
strict end of the same scale.

Known weaknesses: a wire story rewritten sentence by sentence in new words is not found (it is paraphrase, not
reuse); two outlets that each copy the same wire story, when the wire story itself is not in the corpus, are
each marked derived from the other, whichever was later; quoted speech that two outlets took word for word from
the same statement counts as shared text when a quote is ten words or longer.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from analysis.text.segment import sentence_spans
from analysis.text.tokens import words

LONG_RUN = 10  # words in a row that count as copied
EVIDENCE_RUN = 8  # words in a row that a rewritten sentence shares with its original
REWRITTEN = 0.7  # share of a sentence's words in one sentence of the other article: a light rewrite
SHARED = 0.15  # verbatim share at which an article shares text with another
WHOLLY = 0.75  # reused share at which an article is a copy of another
MAX_POSTINGS = 50  # a run held by more articles than this is boilerplate, not reuse
CANDIDATES = 8  # other articles compared with each article: those sharing the most runs with it
DERIVATIONS = ("wholly", "partly", "none")
REUSE_COLUMNS = ["article_id", "other_id", "reused_share", "verbatim_share", "first"]


@dataclass(frozen=True)
class Sentences:
    """An article's sentences as lists of words, and its word count."""

    words: tuple[tuple[str, ...], ...]

    @property
    def n_words(self) -> int:
        return sum(len(sentence) for sentence in self.words)


def article_sentences(text: str) -> Sentences:
    """The words of each sentence of a text (the one tokenizer's normalised words)."""
    text = text if isinstance(text, str) else ""
    return Sentences(tuple(tuple(words(text[start:end])) for start, end, _ in sentence_spans(text)))


def runs(article: Sentences, length: int = LONG_RUN) -> set[int]:
    """Hashes of every run of ``length`` words within a sentence."""
    return {hash(sentence[i:i + length]) for sentence in article.words for i in range(len(sentence) - length + 1)}


def shares(a: Sentences, b: Sentences) -> tuple[float, float, float]:
    """``(reused share, verbatim share, copied-sentence share)`` of ``a``'s words found in ``b`` (module
    docstring)."""
    total = a.n_words
    if total == 0:
        return 0.0, 0.0, 0.0
    long_runs, evidence_runs = runs(b), runs(b, EVIDENCE_RUN)
    b_counts = [Counter(sentence) for sentence in b.words]
    holding: dict[str, list[int]] = {}
    for k, sentence in enumerate(b.words):
        for word in set(sentence):
            holding.setdefault(word, []).append(k)
    verbatim = reused = copied = 0
    for sentence in a.words:
        covered = _covered(sentence, long_runs, LONG_RUN)
        verbatim += covered
        rewritten = bool(sentence) and _best_overlap(sentence, b_counts, holding) / len(sentence) >= REWRITTEN
        if rewritten and _covered(sentence, evidence_runs, EVIDENCE_RUN):
            copied += len(sentence)
        reused += len(sentence) if rewritten else covered
    return reused / total, verbatim / total, copied / total


def _best_overlap(sentence: tuple[str, ...], b_counts: list[Counter], holding: dict[str, list[int]]) -> int:
    """The most words of ``sentence`` that one sentence of the other article holds. Only sentences that hold at
    least :data:`REWRITTEN` of its distinct words are counted out exactly."""
    distinct = set(sentence)
    hits: Counter = Counter(k for word in distinct for k in holding.get(word, ()))
    counts = Counter(sentence)
    floor = REWRITTEN * len(distinct)
    return max((sum(min(n, b_counts[k][w]) for w, n in counts.items()) for k, h in hits.items() if h >= floor),
               default=0)


def _covered(sentence: tuple[str, ...], hashed: set[int], length: int) -> int:
    """How many words of a sentence lie in a run of ``length`` words that ``hashed`` holds."""
    covered = [False] * len(sentence)
    for i in range(len(sentence) - length + 1):
        if hash(sentence[i:i + length]) in hashed:
            covered[i:i + length] = [True] * length
    return sum(covered)


def text_reuse(articles: pd.DataFrame, *, within: str | None = "story") -> pd.DataFrame:
    """One row per ordered pair of articles that share text (``article_id``'s verbatim or copied-sentence share
    in ``other_id`` reaches :data:`SHARED`): ``article_id``, ``other_id``, ``reused_share`` and
    ``verbatim_share`` (of ``article_id``'s words), and ``first``, the id of the earlier-published of the two
    (missing when their dates tie or are unknown).

    Pairs are looked for among articles that share a run of :data:`EVIDENCE_RUN` words (each article against
    the :data:`CANDIDATES` that share most runs with it), within each value of the
    ``within`` column when the frame has it (stories: a copy tells the same story), else across the whole
    frame. Never every article against every other.
    """
    if articles.empty:
        return pd.DataFrame(columns=REUSE_COLUMNS)
    parsed = {aid: article_sentences(text) for aid, text in zip(articles["article_id"], articles["text"])}
    dates = dict(zip(articles["article_id"], pd.to_datetime(articles["published"], errors="coerce", utc=True))) \
        if "published" in articles.columns else {}
    groups = articles.groupby(within, sort=False)["article_id"] if within in articles.columns \
        else [(None, articles["article_id"])]
    rows = []
    for _, ids in groups:
        rows.extend(_group_reuse(list(ids), parsed, dates))
    return pd.DataFrame(rows, columns=REUSE_COLUMNS)


def _group_reuse(ids: list, parsed: dict, dates: dict) -> list[tuple]:
    hashed = {aid: runs(parsed[aid], EVIDENCE_RUN) for aid in ids}
    postings: dict[int, list] = {}
    for aid in ids:
        for run in hashed[aid]:
            postings.setdefault(run, []).append(aid)
    shared: Counter = Counter()
    for holders in postings.values():
        if 2 <= len(holders) <= MAX_POSTINGS:
            shared.update((a, b) for a in holders for b in holders if a != b)
    position = {aid: i for i, aid in enumerate(ids)}
    best: dict = {}
    for (a, b), n in shared.items():
        best.setdefault(a, []).append((-n, position[b], b))
    candidates = {(a, b) for a, found in best.items() for _, _, b in sorted(found)[:CANDIDATES]}
    rows = []
    for a, b in sorted(candidates, key=lambda pair: (position[pair[0]], position[pair[1]])):
        reused, verbatim, copied = shares(parsed[a], parsed[b])
        if max(verbatim, copied) >= SHARED:
            rows.append((a, b, reused, verbatim, _first(a, b, dates)))
    return rows


def _first(a, b, dates: dict):
    da, db = dates.get(a), dates.get(b)
    if da is None or db is None or pd.isna(da) or pd.isna(db) or da == db:
        return None
    return a if da < db else b


def derivations(articles: pd.DataFrame, reuse: pd.DataFrame) -> pd.DataFrame:
    """For each article: ``derived_from`` (the article it reuses most, or missing), ``derivation`` (wholly,
    partly or none) and ``reused_share`` (of its words, from that article; 0 when none), by the rules of the
    module docstring. Aligned with ``articles``."""
    order = {aid: position for position, aid in enumerate(articles["article_id"])}
    share = {(r.article_id, r.other_id): r.reused_share for r in reuse.itertuples(index=False)}
    credits = _credits(articles)
    derived = [r for r in reuse.itertuples(index=False) if _is_derived(r, share, order, credits)]
    copies = {r.article_id for r in derived}
    best: dict = {}
    for r in derived:  # the most reused source; on a tie, an original before a copy of it, then the first loaded
        rank = (-round(r.reused_share, 2), r.other_id in copies, order[r.other_id])
        if r.article_id not in best or rank < best[r.article_id][0]:
            best[r.article_id] = (rank, r.other_id, r.reused_share)
    source = [best[aid][1:] if aid in best else (None, 0.0) for aid in articles["article_id"]]
    return pd.DataFrame({
        "derived_from": pd.Series([s for s, _ in source], index=articles.index, dtype=object),
        "derivation": ["wholly" if r >= WHOLLY else "partly" if s is not None else "none" for s, r in source],
        "reused_share": [float(r) for _, r in source],
    }, index=articles.index)


def _credits(articles: pd.DataFrame) -> tuple[dict, dict]:
    """``({article_id: outlet}, {article_id: the outlet its dateline or credit line names})``, case-folded,
    where the frame has those columns."""
    def folded(column: str) -> dict:
        if column not in articles.columns:
            return {}
        return {a: v.casefold() for a, v in zip(articles["article_id"], articles[column]) if isinstance(v, str) and v}
    return folded("source"), folded("source_credit")


def _is_derived(row, share: dict, order: dict, credits: tuple[dict, dict]) -> bool:
    """Whether ``row.article_id`` is the derived one of its pair (module docstring)."""
    if row.first is not None and not pd.isna(row.first):
        return row.first == row.other_id
    outlet, credit = credits
    for derived, source in ((row.article_id, row.other_id), (row.other_id, row.article_id)):
        named = credit.get(derived)
        if named and named != outlet.get(derived) and named == outlet.get(source):
            return derived == row.article_id
    back = share.get((row.other_id, row.article_id), 0.0)
    if row.reused_share != back:
        return row.reused_share > back
    return order[row.article_id] > order[row.other_id]
