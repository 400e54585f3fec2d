"""Terms: term counts per group, keyness, and keyword in context.

Words are :mod:`analysis.text.tokens`'s (one tokenizer for all of PressLens: see
there for hyphens, possessives, acronyms, numbers and URLs). Terms are the
normalised words and their n-grams; an n-gram never crosses punctuation, a
number, or a stop word. With ``names=True`` (the default) a multi-word proper
name ("United States", "Shanghai Cooperation Organization") is one term, and
its words are not counted again on their own (:func:`analysis.text.tokens.name_spans`).

Stop lists (``stop_list=``): ``"news"`` (the default: function words plus the
words that fill news prose whatever the story, ``data/news_stopwords.txt``),
``"function"`` (function words only) or ``"none"``. Rates are per 1,000 words
of running text, stop words included, as :func:`analysis.text.tokens.count_words`
counts them, so they agree with :func:`analysis.content.topics.topic_coverage`.
"""
from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.content.matcher import Matcher
from analysis.text.lemmas import lemma
from analysis.text.tokens import Token, name_spans, scan, stop_words, tokenize

__all__ = ["collocations", "count_terms", "keyness", "kwic", "kwic_lines", "log_likelihood", "stop_words",
           "suggest_topic_terms", "terms_of", "tokenize"]

ALPHA = 0.05
CORRECTIONS = ("holm", "bh", "none")


def terms_of(text: str, *, ngrams: tuple[int, int] = (1, 2), stops: frozenset[str] = frozenset(),
             lemmatize: bool = False, numbers: str = "drop", names: bool = False) -> tuple[Counter, int]:
    """Counts of the terms of one text, and its number of words (the denominator of rates).

    The word count is :func:`analysis.text.tokens.count_words`'s: every word,
    stop words and numbers included.
    """
    counts: Counter[str] = Counter()
    n_words = 0
    for chunk in scan(text):
        n_words += len(chunk)
        grams = _chunk_terms(chunk, stops=stops, numbers=numbers, names=names, lemmatize=lemmatize)
        for n in range(ngrams[0], ngrams[1] + 1):
            for i in range(len(grams) - n + 1):
                gram = grams[i:i + n]
                if all(gram):
                    counts[" ".join(gram)] += 1
    return counts, n_words


def _chunk_terms(chunk: list[Token], *, stops, numbers: str, names: bool, lemmatize: bool) -> list[str]:
    """The chunk's words as terms: "" for stop words and numbers (n-grams stop there); a name is one
    term in its first word's place, "" in the others (so no n-gram is built with it)."""
    words = []
    for token in chunk:
        word = "" if (numbers == "drop" and token.number) or token.norm in stops else token.norm
        words.append(lemma(word) if lemmatize and word and not token.number else word)
    if names:
        for first, stop in name_spans(chunk):
            name = " ".join(t.norm for t in chunk[first:stop])
            words[first:stop] = [""] * (stop - first)
            words += ["", name]  # after the chunk's words, behind a gap: a unigram, in no n-gram
    return words


def count_terms(frame: pd.DataFrame, *, by: str = "source", ngrams: tuple[int, int] = (1, 2),
                text_col: str = "text", language: str = "en", extra_stop_words: Iterable[str] = (),
                lemmatize: bool = False, numbers: str = "drop", min_count: int = 1, stop_list: str = "news",
                names: bool = True) -> pd.DataFrame:
    """Tidy term counts per group: ``by``, ``term``, ``n`` (words in the term), ``count``,
    ``per_1000_words`` (count per 1,000 words of the group), ``documents`` (rows holding it)
    and ``group_words``. Sorted by group, then count (descending), then term."""
    stops = stop_words(language, tuple(extra_stop_words), stop_list=stop_list)
    counts: dict[object, Counter] = {}
    words: Counter = Counter()
    documents: dict[object, Counter] = {}
    for group, text in zip(frame[by], frame[text_col]):
        if not isinstance(text, str):
            continue
        found, n_words = terms_of(text, ngrams=ngrams, stops=stops, lemmatize=lemmatize, numbers=numbers,
                                  names=names)
        counts.setdefault(group, Counter()).update(found)
        documents.setdefault(group, Counter()).update(found.keys())
        words[group] += n_words
    rows = [(group, term, term.count(" ") + 1, n, 1000 * n / max(words[group], 1), documents[group][term],
             words[group])
            for group, found in counts.items() for term, n in found.items() if n >= min_count]
    out = pd.DataFrame(rows, columns=[by, "term", "n", "count", "per_1000_words", "documents", "group_words"])
    return out.sort_values([by, "count", "term"], ascending=[True, False, True]).reset_index(drop=True)


def keyness(frame: pd.DataFrame, *, by: str = "source", ngrams: tuple[int, int] = (1, 1), text_col: str = "text",
            min_count: int = 3, only_over: bool = True, language: str = "en",
            extra_stop_words: Iterable[str] = (), lemmatize: bool = False, stop_list: str = "news",
            names: bool = True, alpha: float = ALPHA, correction: str = "holm") -> pd.DataFrame:
    """Terms that set each group apart from the rest of the corpus.

    Each group (target) is compared with all other groups together
    (reference), for every term seen at least ``min_count`` times in the
    target. Columns: ``by``, ``term``, ``count_target``, ``count_reference``,
    ``words_target``, ``words_reference``, ``g2`` (Dunning's log-likelihood),
    ``p_value`` (chi-squared with 1 degree of freedom, two-sided),
    ``p_adjusted`` (corrected for testing many terms at once, over every
    test of the call, all groups together: each term of each group, those
    rarer in the target included, is one test; Holm's step-down by default,
    ``correction="bh"`` for Benjamini and Hochberg's false discovery rate,
    ``"none"``), ``significant``
    (``p_adjusted < alpha``), ``log_ratio`` (Hardie's effect size: log2 of the
    ratio of relative frequencies, 0.5 standing in for a zero count; 1 means
    twice as frequent) and ``rank`` (1 = most distinctive in its group).

    Order within a group, and the rule that breaks ties: ``g2`` (descending),
    then ``log_ratio`` (descending), then ``count_target`` (descending), then
    the term in alphabetical order. With ``only_over`` (the default) terms
    relatively rarer in the target are dropped after the correction (they
    still count as tests). With fewer than two groups it warns and returns no
    rows.

    Caveat: the test treats words as independent draws, while words cluster
    in articles, so p-values are optimistic; the correction, the minimum
    count and the log ratio beside it are the guard. A term used many times
    in one article can still be "significant" for an outlet with few articles:
    check ``documents`` in :func:`count_terms`.
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {', '.join(CORRECTIONS)}, not {correction!r}")
    counts = count_terms(frame, by=by, ngrams=ngrams, text_col=text_col, language=language,
                         extra_stop_words=extra_stop_words, lemmatize=lemmatize, stop_list=stop_list, names=names)
    columns = [by, "term", "count_target", "count_reference", "words_target", "words_reference", "g2", "p_value",
               "p_adjusted", "significant", "log_ratio", "rank"]
    groups = frame[by].dropna().nunique()
    if groups < 2:
        warnings.warn(f"keyness needs at least two groups in {by!r} to compare; found {groups}, so no term is "
                      "distinctive", stacklevel=2)
        return pd.DataFrame(columns=columns)
    target = _contingency(counts, by=by, min_count=min_count)
    # One family for the whole table: a page names the significant terms of every group at once.
    target["p_adjusted"] = adjust_p(target["p_value"].to_numpy(), method=correction)
    target["significant"] = target["p_adjusted"] < alpha
    tests = len(target)
    if only_over:
        target = target[target["log_ratio"] > 0]
    target = target.sort_values([by, "g2", "log_ratio", "count_target", "term"],
                                ascending=[True, False, False, False, True])
    target["rank"] = target.groupby(by).cumcount() + 1
    out = target[columns].reset_index(drop=True)
    out.attrs["keyness"] = {"alpha": alpha, "correction": correction, "min_count": min_count, "tests": tests}
    return out


def _contingency(counts: pd.DataFrame, *, by: str, min_count: int) -> pd.DataFrame:
    """Each group's terms with the 2×2 table against the rest, G², p and the log ratio."""
    totals = counts.groupby("term")["count"].sum()
    group_words = counts.groupby(by)["group_words"].first()
    all_words = group_words.sum()
    target = counts[counts["count"] >= min_count].copy()
    a = target["count"].to_numpy(float)
    b = target["term"].map(totals).to_numpy(float) - a
    c = target[by].map(group_words).to_numpy(float)
    d = all_words - c
    target["count_target"], target["count_reference"] = a.astype(int), b.astype(int)
    target["words_target"], target["words_reference"] = c.astype(int), d.astype(int)
    target["g2"] = log_likelihood(a, b, c, d)
    target["p_value"] = [math.erfc(math.sqrt(max(g, 0) / 2)) for g in target["g2"]]
    with np.errstate(divide="ignore", invalid="ignore"):
        target["log_ratio"] = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    return target


def adjust_p(p_values, *, method: str = "holm") -> np.ndarray:
    """p-values corrected for multiple tests: Holm's step-down (``"holm"``), Benjamini–Hochberg
    (``"bh"``) or none (``"none"``). Same order as the input; capped at 1."""
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    if m == 0 or method == "none":
        return p.copy()
    order = np.argsort(p, kind="stable")
    ranked = p[order]
    if method == "holm":
        adjusted = np.maximum.accumulate(np.minimum(1.0, (m - np.arange(m)) * ranked))
    elif method == "bh":
        adjusted = np.minimum.accumulate((m * ranked / np.arange(1, m + 1))[::-1])[::-1].clip(max=1.0)
    else:
        raise ValueError(f"method must be one of {', '.join(CORRECTIONS)}, not {method!r}")
    out = np.empty(m)
    out[order] = adjusted
    return out


def log_likelihood(a, b, c, d) -> np.ndarray:
    """Dunning's G² for counts ``a`` (target) and ``b`` (reference) out of ``c`` and ``d`` words."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (t1 + t2)


def kwic(frame: pd.DataFrame, pattern, *, window: int = 40, text_col: str = "text", match: str = "glob",
         regex: bool = False, limit: int | None = None) -> pd.DataFrame:
    """Keyword in context: every match of ``pattern`` with up to ``window`` characters either side.

    ``pattern`` is a word or phrase (or a list of them) matched exactly as
    codebook patterns are (:mod:`analysis.content.matcher`): a glob by default
    (``sanction*``), or ``match="fixed"`` / ``match="regex"`` (``regex=True``
    is the same as ``match="regex"``). Columns: ``article_id`` (and
    ``source``, ``sentence_no`` when present), ``left``, ``match``,
    ``right``, ``pattern``. ``left`` keeps the words next to the match, cut
    at its start with "…"; ``right`` is cut at its end.
    """
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    matcher = Matcher({"kwic": patterns}, match="regex" if regex else match)
    carry = [c for c in ("article_id", "source", "sentence_no") if c in frame.columns]
    rows = []
    for found, record in kwic_lines(frame, matcher, window=window, text_col=text_col, carry=carry):
        rows.append({**record, "left": found["left"], "match": found["match"], "right": found["right"],
                     "pattern": found["pattern"]})
        if limit is not None and len(rows) >= limit:
            break
    return pd.DataFrame(rows, columns=[*carry, "left", "match", "right", "pattern"])


def kwic_lines(frame: pd.DataFrame, matcher: Matcher, *, window: int = 40, text_col: str = "text",
               carry: list[str] = ()) -> Iterator[tuple[dict, dict]]:
    """Every match of ``matcher`` in ``frame[text_col]``, as ``(line, record)``: ``line`` has ``key``,
    ``pattern``, ``left``, ``match`` and ``right``; ``record`` the row's ``carry`` columns."""
    for values in frame[[*carry, text_col]].itertuples(index=False, name=None):
        text = values[-1]
        if not isinstance(text, str):
            continue
        for found in matcher.find(text):
            line = {"key": found.key, "pattern": found.pattern, "left": left_context(text, found.start, window),
                    "match": " ".join(found.text.split()), "right": right_context(text, found.end, window)}
            yield line, dict(zip(carry, values[:-1]))


def left_context(text: str, start: int, window: int) -> str:
    """Up to ``window`` characters before ``start``, whole words only, cut at the start with "…"."""
    low = max(0, start - window)
    piece = text[low:start]
    if low > 0 and not text[low - 1].isspace() and not piece[:1].isspace():
        piece = piece.split(None, 1)[1] if len(piece.split(None, 1)) > 1 else ""  # drop the cut word
    body = " ".join(piece.split())
    return "…" + body if low > 0 else body


def right_context(text: str, end: int, window: int) -> str:
    """Up to ``window`` characters after ``end``, whole words only, cut at the end with "…"."""
    high = min(len(text), end + window)
    piece = text[end:high]
    if high < len(text) and not text[high].isspace() and not piece[-1:].isspace():
        piece = piece.rsplit(None, 1)[0] if len(piece.rsplit(None, 1)) > 1 else ""  # drop the cut word
    body = " ".join(piece.split())
    return body + "…" if high < len(text) else body



def collocations(frame: pd.DataFrame, *, text_col: str = "text", min_count: int = 3, top: int = 30,
                 language: str = "en", stop_list: str = "news") -> pd.DataFrame:
    """Two-word terms that occur together more than chance predicts (pointwise mutual information).

    Columns: ``term``, ``count``, ``pmi`` (log2 of observed over expected);
    only bigrams seen at least ``min_count`` times. A help for drafting a codebook.
    """
    stops = stop_words(language, stop_list=stop_list)
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    for text in frame[text_col]:
        if not isinstance(text, str):
            continue
        found, _ = terms_of(text, ngrams=(1, 2), stops=stops)
        for term, n in found.items():
            (bigrams if " " in term else unigrams)[term] += n
    total = max(sum(unigrams.values()), 1)
    rows = []
    for term, n in bigrams.items():
        if n < min_count:
            continue
        first, second = term.split()
        expected = unigrams[first] * unigrams[second] / total
        rows.append((term, n, math.log2(n / expected) if expected else np.nan))
    out = pd.DataFrame(rows, columns=["term", "count", "pmi"])
    return out.sort_values(["pmi", "count", "term"], ascending=[False, False, True]).head(top).reset_index(drop=True)


def suggest_topic_terms(frame: pd.DataFrame, *, by: str = "source", top: int = 10,
                        text_col: str = "text") -> pd.DataFrame:
    """Candidate terms for a new codebook: each group's most distinctive terms plus corpus collocations.

    Columns: ``kind`` ("distinctive" or "collocation"), ``group`` (empty for
    collocations), ``term``, ``count``, ``score`` (G² or PMI).
    """
    parts = []
    if frame[by].nunique() >= 2:
        keys = keyness(frame, by=by, ngrams=(1, 2), text_col=text_col, min_count=2)
        keys = keys.groupby(by).head(top)
        parts.append(pd.DataFrame({"kind": "distinctive", "group": keys[by], "term": keys["term"],
                                   "count": keys["count_target"], "score": keys["g2"]}))
    coll = collocations(frame, text_col=text_col, min_count=2, top=top * 2)
    parts.append(pd.DataFrame({"kind": "collocation", "group": "", "term": coll["term"], "count": coll["count"],
                               "score": coll["pmi"]}))
    return pd.concat(parts, ignore_index=True)
