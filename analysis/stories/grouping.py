"""Stories: the articles, across outlets, that report the same event, found from their words, titles and dates.

:func:`find_stories` gives each article a story label. A user's own column wins (``story="event"``); without one,
stories are found by these rules, which never compare every article with every other:

1. **Terms.** Each article is reduced to its :data:`~analysis.stories.terms.KEEP_TERMS` heaviest content
   words and names (:func:`~analysis.stories.terms.article_terms`). A term's weight blends how rare it is in
   this corpus (inverse document frequency) with how rare it is in English (``data/word_weights.txt``), half and
   half (:data:`CORPUS_SHARE`), so that a corpus of five reports of one meeting still weighs "Lukashenko" above
   "meeting".
2. **Candidates.** An inverted index maps each article's :data:`KEY_TERMS` heaviest terms to the articles that
   hold them. Two articles are candidates when they share at least :data:`MIN_SHARED_KEYS` of those terms and
   were published at most :data:`WINDOW_DAYS` days apart (undated articles are not held apart by date). A term
   held by more than :data:`MAX_POSTINGS` articles says nothing about one story and finds no candidates. The
   work grows with the corpus, not with its square.
3. **Similarity.** The cosine of the two articles' weighted terms, for candidates only.
4. **Clusters.** Average linkage over the candidate pairs, most similar first: two groups merge when the mean
   similarity of all their pairs of articles (pairs that were never candidates count as 0) is at least
   :data:`SAME_STORY`, and their articles would span at most :data:`MAX_STORY_DAYS` days: a story that runs on
   for weeks is split by date into stories of a fortnight at most.

Each story is labelled with its first date and the title of its earliest article ("2023-03-01 Xi and Lukashenko
pledge …"), or its first words when no article has a title. Known weaknesses: two events of the same kind, in the
same days, told in the same words with few names can merge; a long running story whose articles drift apart in
words splits into several; an article of a few dozen words has too few terms to be grouped with anything.
"""
from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from analysis.errors import ColumnError
from analysis.stories.terms import article_terms, rarity

WINDOW_DAYS = 7  # articles further apart than this are different stories
KEY_TERMS = 20  # terms of each article used to find candidates
MIN_SHARED_KEYS = 2  # candidates share at least this many of their key terms
MAX_POSTINGS = 200  # a key term held by more articles than this finds no candidates
SAME_STORY = 0.25  # mean similarity at which two groups of articles are one story
MAX_STORY_DAYS = 14  # a story's articles span at most this many days
CORPUS_SHARE = 0.5  # weight of the corpus's own inverse document frequency against general English rarity
NO_STORY = "(no story)"
LABEL_WORDS = 9  # words of a title in a story's label
DAY_NS = 86_400_000_000_000


def find_stories(articles: pd.DataFrame, *, story: str | None = None, window_days: int = WINDOW_DAYS,
                 threshold: float = SAME_STORY) -> pd.Series:
    """A story label for each article (a Series aligned with ``articles``, named ``story``).

    ``story`` names a column of ``articles`` that already says which story each article tells: it is used as
    it is (missing values read "(no story)"). Otherwise stories are found from ``text``, ``title`` and
    ``published`` by the rules of the module docstring.
    """
    if story is not None:
        if story not in articles.columns:
            raise ColumnError(f"no column {story!r} to take stories from; the articles have: "
                              f"{', '.join(map(str, articles.columns))}")
        return stories_from_column(articles[story]).rename("story")
    titles = articles["title"].tolist() if "title" in articles.columns else [None] * len(articles)
    texts = articles["text"].tolist()
    days = publication_days(articles["published"] if "published" in articles.columns else None, len(articles))
    index = TermIndex()
    for article_id, text, title, day in zip(articles["article_id"], texts, titles, days):
        index.add(article_id, day, article_terms(text if isinstance(text, str) else "",
                                                 title if isinstance(title, str) else None))
    clusters = index.clusters(window_days=window_days, threshold=threshold)
    return pd.Series(story_labels(clusters, days, titles, texts), index=articles.index, name="story", dtype=object)


def stories_from_column(values: pd.Series) -> pd.Series:
    """A user's story column as labels: text, with missing values read :data:`NO_STORY`."""
    return pd.Series([NO_STORY if value is None or (isinstance(value, float) and value != value) or value is pd.NA
                      or str(value).strip() == "" else str(value) for value in values], index=values.index,
                     dtype=object)


def publication_days(published, n: int) -> list[int | None]:
    """Each article's day number (days since 1970), or None when it has no date."""
    if published is None:
        return [None] * n
    stamps = pd.to_datetime(pd.Series(published), errors="coerce", utc=True)
    return [None if pd.isna(stamp) else int(stamp.value // DAY_NS) for stamp in stamps]


class TermIndex:
    """Articles' terms, held compactly (term numbers and weights in arrays) so that a whole corpus's fit in
    memory while its stories are grouped; filled article by article, in any number of steps."""

    def __init__(self):
        self.vocabulary: dict[str, int] = {}
        self.terms: list[np.ndarray] = []
        self.counts: list[np.ndarray] = []
        self.days: list[int | None] = []
        self.article_ids: list[str] = []

    def __len__(self) -> int:
        return len(self.article_ids)

    def add(self, article_id: str, day: int | None, terms: dict[str, float]) -> None:
        numbers = [self.vocabulary.setdefault(term, len(self.vocabulary)) for term in terms]
        order = np.argsort(numbers)
        self.terms.append(np.asarray(numbers, dtype=np.int32)[order])
        self.counts.append(np.asarray(list(terms.values()), dtype=np.float32)[order])
        self.days.append(day)
        self.article_ids.append(article_id)

    def clusters(self, *, window_days: int = WINDOW_DAYS, threshold: float = SAME_STORY) -> list[int]:
        """A cluster number for each article, in the order added (the position of the cluster's first article)."""
        vectors = self._weighted()
        pairs = self._similar_pairs(vectors, window_days=window_days, floor=threshold)
        return average_linkage(vectors, pairs, threshold=threshold, days=self.days)

    def _weighted(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each article's terms weighed by corpus and general rarity (rule 1), scaled to unit length."""
        n = len(self)
        df = np.bincount(np.concatenate(self.terms), minlength=len(self.vocabulary)) if n else np.zeros(0)
        general = np.array([rarity(term) for term in self.vocabulary], dtype=np.float64)
        corpus = np.clip(np.log((n + 1) / (df + 0.5)) / math.log(n + 1), 0, None) if n > 1 else np.ones(len(df))
        blend = CORPUS_SHARE * corpus + (1 - CORPUS_SHARE) * general
        vectors = []
        for terms, counts in zip(self.terms, self.counts):
            weights = counts.astype(np.float64) * blend[terms]
            norm = float(np.sqrt(weights @ weights)) or 1.0
            vectors.append((terms, weights / norm))
        return vectors

    def _similar_pairs(self, vectors, *, window_days: int, floor: float) -> tuple[np.ndarray, ...]:
        """The candidate pairs (rule 2) whose similarity reaches ``floor``, as arrays ``(left, right,
        similarity)`` with ``left < right``. Each article's candidates are counted and compared in turn, so that
        memory holds the pairs found, not every candidate."""
        keys = [terms[np.argsort(-weights, kind="stable")[:KEY_TERMS]].tolist() for terms, weights in vectors]
        postings: dict[int, list[int]] = defaultdict(list)
        for i, terms in enumerate(keys):
            for term in terms:
                postings[term].append(i)  # in increasing order of i
        usable = {term: ids for term, ids in postings.items() if 2 <= len(ids) <= MAX_POSTINGS}
        left, right, found = array("q"), array("q"), array("d")
        for i, terms in enumerate(keys):
            shared: Counter = Counter()
            for term in terms:
                ids = usable.get(term)
                if ids is not None:
                    shared.update(ids[bisect_right(ids, i):])
            for j, n in shared.items():
                if n >= MIN_SHARED_KEYS and near_in_time(self.days[i], self.days[j], window_days):
                    similarity = sparse_dot(vectors[i], vectors[j])
                    if similarity >= floor:
                        left.append(i)
                        right.append(j)
                        found.append(similarity)
        return np.array(left, dtype=np.int64), np.array(right, dtype=np.int64), np.array(found, dtype=np.float64)


def near_in_time(a: int | None, b: int | None, window_days: int) -> bool:
    """Rule 2's test of dates: at most ``window_days`` days apart; an undated article is near every other."""
    return a is None or b is None or abs(a - b) <= window_days


def sparse_dot(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    """The dot product of two sparse vectors given as (sorted term numbers, weights)."""
    _, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(a[1][ia] @ b[1][ib])


def average_linkage(vectors, pairs: tuple[np.ndarray, np.ndarray, np.ndarray], *, threshold: float,
                    days: list[int | None] | None = None) -> list[int]:
    """Rule 4. The mean similarity of two groups is the dot product of their summed vectors over the product of
    their sizes (the vectors have unit length), so it is exact and needs no table of every pair."""
    label = list(range(len(vectors)))
    members = {i: [i] for i in range(len(vectors))}
    sums: dict[int, dict[int, float]] = {}
    span = {i: (d, d) for i, d in enumerate(days or [None] * len(vectors))}

    def summed(group: int) -> dict[int, float]:
        if group not in sums:
            terms, weights = vectors[group]
            sums[group] = dict(zip(terms.tolist(), weights.tolist()))
        return sums[group]

    left, right, similarity = pairs
    for k in np.lexsort((right, left, -similarity)):  # the most similar first; ties by position
        a, b = label[int(left[k])], label[int(right[k])]
        if a == b:
            continue
        joined = _joined_span(span[a], span[b])
        if joined[0] is not None and joined[1] - joined[0] > MAX_STORY_DAYS:
            continue
        first, second = summed(a), summed(b)
        small, large = (first, second) if len(first) <= len(second) else (second, first)
        mean = sum(x * large.get(term, 0.0) for term, x in small.items()) / (len(members[a]) * len(members[b]))
        if mean < threshold:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for k in members[b]:
            label[k] = a
        members[a].extend(members.pop(b))
        span[a] = joined
        into = summed(a)
        for term, x in sums.pop(b).items():
            into[term] = into.get(term, 0.0) + x
    first_of: dict[int, int] = {}
    return [first_of.setdefault(root, position) for position, root in enumerate(label)]


def _joined_span(a: tuple, b: tuple) -> tuple:
    """The first and last day of two groups together (undated groups take the other's span)."""
    starts = [d for d in (a[0], b[0]) if d is not None]
    ends = [d for d in (a[1], b[1]) if d is not None]
    return (min(starts), max(ends)) if starts else (None, None)


def story_labels(clusters: list[int], days: list[int | None], titles: list, texts: list) -> list[str]:
    """A readable, unique label for each cluster: its first date and the title (or first words) of its
    earliest article."""
    members: dict[int, list[int]] = defaultdict(list)
    for position, cluster in enumerate(clusters):
        members[cluster].append(position)
    names: dict[int, str] = {}
    used: dict[str, int] = defaultdict(int)
    for cluster, positions in members.items():
        earliest = min(positions, key=lambda p: (days[p] is None, days[p] or 0, p))
        day = days[earliest]
        date = "undated" if day is None else str(np.datetime64(day, "D"))
        title = titles[earliest] if isinstance(titles[earliest], str) and titles[earliest].strip() else texts[earliest]
        words = " ".join(str(title or "").split()[:LABEL_WORDS]) or "(no text)"
        label = f"{date} {words}"
        used[label] += 1
        names[cluster] = label if used[label] == 1 else f"{label} ({used[label]})"
    return [names[cluster] for cluster in clusters]
