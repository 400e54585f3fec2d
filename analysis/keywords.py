"""Terms: tokenization, term counts per group, keyness, and keyword in context.

Tokenization is PressLens's own regular expressions (no NLTK download):
lower case; URLs and e-mail addresses are dropped; numbers are dropped or kept
(``numbers="keep"``); possessive ``'s`` is cut ("China's" -> "china");
dotted acronyms keep their dots ("U.S." -> "u.s.");
hyphenated words stay whole ("all-weather"). N-grams never cross punctuation,
and an n-gram is dropped when any of its words is a stop word or a number.
Stop words are the English list of the ``stopwords`` package (it ships its
lists inside the package), extended with ``extra_stop_words``.
"""
from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_CHUNK_RE = re.compile(r"[.,;:!?()\[\]{}\"“”«»—–…|/]+|\s[-‘’']+|[-‘’']+\s")
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’\u2024][^\W_]+)*\u2024?")
_ACRONYM_RE = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}")  # "U.S.", "e.g.": their dots do not end a chunk
_POSSESSIVE = ("'s", "’s")


@lru_cache(maxsize=8)
def stop_words(language: str = "en", extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The stop-word list of ``language`` (from the ``stopwords`` package), plus ``extra``.

    The English list is the classic 175 function words ("the", "of", "said" is not one).
    """
    from stopwords import get_stopwords

    return frozenset(w.lower() for w in get_stopwords(language) if w) | frozenset(w.lower() for w in extra)


def tokenize(text: str, *, numbers: str = "drop") -> list[list[str]]:
    """Lower-cased tokens of ``text``, as chunks that punctuation separates (n-grams stay inside a chunk)."""
    if numbers not in ("drop", "keep"):
        raise ValueError(f"numbers must be 'drop' or 'keep', not {numbers!r}")
    text = _URL_RE.sub(" , ", text.lower())
    text = _ACRONYM_RE.sub(lambda m: m.group(0).replace(".", "\u2024"), text)
    chunks = []
    for chunk in _CHUNK_RE.split(f" {text} "):
        tokens = [t[:-2] if t.endswith(_POSSESSIVE) else t for t in _TOKEN_RE.findall(chunk)]
        if "\u2024" in chunk:
            tokens = [t.replace("\u2024", ".") for t in tokens]
        if numbers == "drop":
            tokens = [t if not t.replace("-", "").isdigit() else "" for t in tokens]
        if any(tokens):
            chunks.append(tokens)
    return chunks


def terms_of(text: str, *, ngrams: tuple[int, int] = (1, 2), stops: frozenset[str] = frozenset(),
             lemmatize: bool = False, numbers: str = "drop") -> tuple[Counter, int]:
    """Counts of the terms of one text, and its number of word tokens (the denominator of rates)."""
    counts: Counter[str] = Counter()
    n_words = 0
    for chunk in tokenize(text, numbers=numbers):
        if lemmatize:
            chunk = [_lemma(t) if t else t for t in chunk]
        n_words += sum(1 for t in chunk if t)
        for n in range(ngrams[0], ngrams[1] + 1):
            for i in range(len(chunk) - n + 1):
                gram = chunk[i:i + n]
                if all(t and t not in stops and not t.isdigit() for t in gram):
                    counts[" ".join(gram)] += 1
    return counts, n_words


def count_terms(frame: pd.DataFrame, *, by: str = "source", ngrams: tuple[int, int] = (1, 2),
                text_col: str = "text", language: str = "en", extra_stop_words: Iterable[str] = (),
                lemmatize: bool = False, numbers: str = "drop", min_count: int = 1) -> pd.DataFrame:
    """Tidy term counts per group: ``by``, ``term``, ``n`` (words in the term), ``count``,
    ``per_1000_words`` (count per 1,000 word tokens of the group), ``documents`` (rows holding it)
    and ``group_words``. Sorted by group, then count."""
    stops = stop_words(language, tuple(extra_stop_words))
    counts: dict[object, Counter] = {}
    words: Counter = Counter()
    documents: dict[object, Counter] = {}
    for group, text in zip(frame[by], frame[text_col]):
        if not isinstance(text, str):
            continue
        found, n_words = terms_of(text, ngrams=ngrams, stops=stops, lemmatize=lemmatize, numbers=numbers)
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
            extra_stop_words: Iterable[str] = (), lemmatize: bool = False) -> pd.DataFrame:
    """Terms that set each group apart from the rest of the corpus.

    Each group (target) is compared with all other groups together
    (reference). Columns: ``by``, ``term``, ``count_target``,
    ``count_reference``, ``words_target``, ``words_reference``, ``g2``
    (Dunning's log-likelihood), ``p_value`` (chi-squared, 1 degree of
    freedom) and ``log_ratio`` (Hardie's effect size: log2 of the ratio of
    relative frequencies, with 0.5 for a zero count). Terms seen fewer than
    ``min_count`` times in the target are left out; with ``only_over`` (the
    default) so are those relatively rarer in the target than in the reference.
    Works for any number of groups from two up (with one, it warns and returns
    no rows); sorted by group, then ``g2``.
    """
    counts = count_terms(frame, by=by, ngrams=ngrams, text_col=text_col, language=language,
                         extra_stop_words=extra_stop_words, lemmatize=lemmatize)
    columns = [by, "term", "count_target", "count_reference", "words_target", "words_reference", "g2", "p_value",
               "log_ratio"]
    if counts[by].nunique() < 2:
        warnings.warn(f"keyness needs at least two groups in {by!r} to compare; found "
                      f"{counts[by].nunique()}, so no term is distinctive", stacklevel=2)
        return pd.DataFrame(columns=columns)
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
    target["log_ratio"] = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    if only_over:
        target = target[target["log_ratio"] > 0]
    return target[columns].sort_values([by, "g2"], ascending=[True, False]).reset_index(drop=True)


def log_likelihood(a, b, c, d) -> np.ndarray:
    """Dunning's G² for counts ``a`` (target) and ``b`` (reference) out of ``c`` and ``d`` words."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (t1 + t2)


def kwic(frame: pd.DataFrame, pattern: str, *, window: int = 60, text_col: str = "text", regex: bool = False,
         ignore_case: bool = True, limit: int | None = None) -> pd.DataFrame:
    """Keyword in context: every match of ``pattern`` with ``window`` characters either side.

    ``pattern`` is a word or phrase, with ``*`` as a wildcard at the end of a
    word (``sanction*``), matched on word boundaries; or a regular expression
    with ``regex=True``. Columns: ``article_id`` (and ``source``,
    ``sentence_no`` when present), ``left``, ``match``, ``right``.
    """
    compiled = re.compile(pattern if regex else glob_to_regex(pattern), re.IGNORECASE if ignore_case else 0)
    keep = [c for c in ("article_id", "source", "sentence_no") if c in frame.columns]
    rows = []
    for record in frame[[*keep, text_col]].itertuples(index=False, name=None):
        text = record[-1]
        if not isinstance(text, str):
            continue
        for match in compiled.finditer(text):
            left = text[max(0, match.start() - window):match.start()]
            right = text[match.end():match.end() + window]
            rows.append((*record[:-1], " ".join(left.split()), match.group(0), " ".join(right.split())))
            if limit is not None and len(rows) >= limit:
                return pd.DataFrame(rows, columns=[*keep, "left", "match", "right"])
    return pd.DataFrame(rows, columns=[*keep, "left", "match", "right"])


def glob_to_regex(pattern: str) -> str:
    """A word or phrase with trailing-``*`` wildcards as a regular expression on word boundaries."""
    words = pattern.strip().split()
    parts = [re.escape(w[:-1]) + r"[\w'’-]*" if w.endswith("*") else re.escape(w) for w in words]
    return r"(?<![\w])" + r"[\s\-]+".join(parts) + r"(?![\w])"


@lru_cache(maxsize=200_000)
def _lemma(token: str) -> str:
    import simplemma

    return simplemma.lemmatize(token, lang="en")


def collocations(frame: pd.DataFrame, *, text_col: str = "text", min_count: int = 3, top: int = 30,
                 language: str = "en") -> pd.DataFrame:
    """Two-word terms that occur together more than chance predicts (pointwise mutual information).

    Columns: ``term``, ``count``, ``pmi`` (log2 of observed over expected);
    only bigrams seen at least ``min_count`` times. A help for drafting a codebook.
    """
    stops = stop_words(language)
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
    return out.sort_values(["pmi", "count"], ascending=False).head(top).reset_index(drop=True)


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
