"""Topic coverage from a codebook: which topics each source covers, how much, and how early.

A codebook (``data/topics.yml``) names topics, each with a list of patterns:
words or phrases, matched case-insensitively on word boundaries, where a
trailing ``*`` on a word is a wildcard (``sanction*``). Matching is a single
Aho-Corasick pass over each sentence's tokens for all patterns at once, so a
codebook of hundreds of patterns costs about as much as one.

Nested terms: within one topic, overlapping matches count once, for the
longest, leftmost one ("free trade zone" is one mention of trade, not three).
Different topics count independently, so a span can mention two topics.
"""
from __future__ import annotations

from pathlib import Path

import ahocorasick
import pandas as pd

from analysis.datafiles import read_section
from analysis.errors import DataFileError
from analysis.keywords import tokenize
from analysis.paths import TOPICS_YML

LEDE_SENTENCES = 3


def load_codebook(path: str | Path = TOPICS_YML) -> dict[str, list[str]]:
    """Read and validate a codebook: ``{topic: [pattern, ...]}``, every list non-empty."""
    path = Path(path)
    topics = read_section(path, "topics", what="codebook")
    codebook = {}
    for name, patterns in topics.items():
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(f"{path}: every topic needs a name; found {name!r}")
        if not isinstance(patterns, list) or not patterns:
            raise DataFileError(f"{path}: topic {name!r} needs a non-empty list of patterns")
        for pattern in patterns:
            _check_pattern(path, name, pattern)
        codebook[name] = [str(p).strip() for p in patterns]
    return codebook


def build_matcher(codebook: dict[str, list[str]]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over space-delimited token sequences of every pattern."""
    automaton = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str, int, bool]]] = {}
    for topic, patterns in codebook.items():
        for pattern in patterns:
            words = [w for chunk in tokenize(pattern.replace("*", ""), numbers="keep") for w in chunk if w]
            if not words:
                continue
            prefix = pattern.endswith("*")
            key = " " + " ".join(words) + ("" if prefix else " ")
            entries.setdefault(key, []).append((topic, len(words), prefix))
    for key, values in entries.items():
        automaton.add_word(key, (key, values))
    automaton.make_automaton()
    return automaton


def topic_mentions(sentences: pd.DataFrame, codebook: dict[str, list[str]], *, text_col: str = "text"
                   ) -> pd.DataFrame:
    """One row per sentence and topic it mentions: ``_row`` (the sentence's index), ``topic``,
    ``mentions`` and ``matched`` (the matched text, joined by " / ")."""
    automaton = build_matcher(codebook)
    rows = []
    for index, text in zip(sentences.index, sentences[text_col]):
        if not isinstance(text, str):
            continue
        for topic, (count, matched) in match_topics(text, automaton).items():
            rows.append((index, topic, count, " / ".join(dict.fromkeys(matched))))
    return pd.DataFrame(rows, columns=["_row", "topic", "mentions", "matched"])


def match_topics(text: str, automaton: ahocorasick.Automaton) -> dict[str, tuple[int, list[str]]]:
    """Mentions of each topic in one text: ``{topic: (count, matched strings)}``."""
    tokens = [w for chunk in tokenize(text, numbers="keep") for w in chunk + ["|"] if w]
    joined = " " + " ".join(tokens) + " "
    spans: dict[str, list[tuple[int, int, str]]] = {}
    if len(joined) < 3 or not automaton.kind:
        return {}
    for end, (key, values) in automaton.iter(joined):
        start = end - len(key) + 1
        for topic, _n_words, prefix in values:
            stop = end + 1 if not prefix else joined.find(" ", end + 1)
            spans.setdefault(topic, []).append((start, stop, joined[start:stop].strip()))
    out = {}
    for topic, found in spans.items():
        found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        kept, reach = [], -1
        for start, stop, matched in found:
            if start >= reach:
                kept.append(matched)
                reach = stop - 1  # the delimiting space may be shared with the next match
        out[topic] = (len(kept), kept)
    return out


def topic_coverage(sentences: pd.DataFrame, codebook: dict[str, list[str]], *, by: str = "source",
                   lede_sentences: int = LEDE_SENTENCES, text_col: str = "text") -> pd.DataFrame:
    """Long form, one row per group and topic (every topic, mentioned or not).

    Columns: ``by``, ``topic``, ``sentence_share`` (share of the group's
    sentences that mention the topic), ``mentions``, ``per_1000_words``,
    ``articles_mentioning``, ``n_articles``, ``article_share``, ``first_in_lede``
    (articles whose first mention is in their first ``lede_sentences``
    sentences), ``first_buried`` (articles whose first mention comes in their
    second half), ``n_sentences`` and ``words``.
    """
    for column in (by, "article_id", "sentence_no", text_col):
        if column not in sentences.columns:
            raise KeyError(f"topic_coverage needs column {column!r}; the frame has {list(sentences.columns)}")
    found = topic_mentions(sentences, codebook, text_col=text_col)
    base = sentences[[by, "article_id", "sentence_no"]].copy()
    base["n_sentences_article"] = (sentences["n_sentences"] if "n_sentences" in sentences
                                   else base.groupby("article_id")["sentence_no"].transform("max") + 1)
    base["words"] = sentences[text_col].map(lambda t: sum(len(c) for c in tokenize(t)) if isinstance(t, str) else 0)
    hits = found.join(base, on="_row")
    groups = base.groupby(by).agg(n_sentences=("article_id", "size"), n_articles=("article_id", "nunique"),
                                  words=("words", "sum"))
    first = hits.sort_values("sentence_no").groupby([by, "topic", "article_id"], as_index=False).first()
    first["lede"] = first["sentence_no"] < lede_sentences
    first["buried"] = first["sentence_no"] >= first["n_sentences_article"] / 2
    rows = []
    for group, info in groups.iterrows():
        for topic in codebook:
            h = hits[(hits[by] == group) & (hits["topic"] == topic)]
            f = first[(first[by] == group) & (first["topic"] == topic)]
            rows.append((group, topic, len(h) / info["n_sentences"], int(h["mentions"].sum()),
                         1000 * h["mentions"].sum() / max(info["words"], 1), len(f), int(info["n_articles"]),
                         len(f) / info["n_articles"], int(f["lede"].sum()), int(f["buried"].sum()),
                         int(info["n_sentences"]), int(info["words"])))
    return pd.DataFrame(rows, columns=[by, "topic", "sentence_share", "mentions", "per_1000_words",
                                       "articles_mentioning", "n_articles", "article_share", "first_in_lede",
                                       "first_buried", "n_sentences", "words"])


def _check_pattern(path: Path, topic: str, pattern) -> None:
    if not isinstance(pattern, str) or not pattern.strip():
        raise DataFileError(f"{path}: topic {topic!r} has an empty or non-text pattern: {pattern!r}")
    body = pattern.strip()
    if "*" in body[:-1] or "?" in body or "[" in body:
        raise DataFileError(f"{path}: topic {topic!r}, pattern {pattern!r}: only a trailing * is supported "
                            "as a wildcard")
    if body.endswith("*") and len(body.rstrip("*")) < 3:
        raise DataFileError(f"{path}: topic {topic!r}, pattern {pattern!r}: a wildcard needs at least "
                            "three letters before it")


def kwic_samples(sentences: pd.DataFrame, codebook: dict[str, list[str]], *, by: str = "source",
                 per_topic: int = 3, window: int = 60) -> pd.DataFrame:
    """A few keyword-in-context lines per topic, to audit what its patterns really matched.

    Columns: ``topic``, ``by``, ``article_id``, ``left``, ``match``, ``right``;
    at most ``per_topic`` lines per topic, from as many groups as possible.
    """
    from analysis.keywords import glob_to_regex, kwic

    parts = []
    for topic, patterns in codebook.items():
        regex = "|".join(f"(?:{glob_to_regex(p)})" for p in patterns)
        found = kwic(sentences, regex, window=window, regex=True)
        if found.empty:
            continue
        found = found.drop_duplicates(subset=[by] if by in found else None).head(per_topic)
        parts.append(found.assign(topic=topic))
    columns = ["topic", by, "article_id", "left", "match", "right"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[[c for c in columns if c in parts[0].columns or c == "topic"]]
