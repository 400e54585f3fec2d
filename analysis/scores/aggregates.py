"""Per-article sums of what the notebooks chart, taken once while the sentences are scored.

The pipeline writes these small tables beside the sentence table, so a notebook can chart a million articles
without reading a million articles' sentences: a group's mean tone is the sum of its articles' sums over the
sum of their counts, and a bootstrap that resamples articles needs only each article's sum and count.

Sums are added in sentence order (``numpy.bincount``), so an article's sum is the same to the last bit
however the corpus was chunked; group totals are added with ``math.fsum``, which does not depend on order.

Measures: ``textblob`` and ``vader`` count a sentence when it carries a signal (see
:func:`analysis.scores.tone.usable`); dictionary measures count every scored sentence. For each measure ``m``:
``m_n`` (sentences counted), ``m_sum``, ``m_positive`` and ``m_negative`` (sentences above +0.05 or below
−0.05, the convention of VADER's authors).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.scores.sentiment import DICTIONARY_MEASURES

NEUTRAL_BAND = 0.05
POSITION_BINS = 5
LEXICONS = ("textblob", "vader")
ALL_VOICES = "all"


def measures_of(sentences: pd.DataFrame) -> list[str]:
    """The tone measures a scored sentence table holds, in a fixed order."""
    return [m for m in (*LEXICONS, *DICTIONARY_MEASURES) if m in sentences.columns]


def counted(sentences: pd.DataFrame, measure: str, *, include_no_signal: bool = False) -> np.ndarray:
    """Which sentences a measure counts: a score exists and, for the lexicons, the sentence has a signal."""
    ok = sentences[measure].notna().to_numpy().copy()
    if measure in LEXICONS and not include_no_signal and "no_signal" in sentences:
        ok &= ~sentences["no_signal"].astype(bool).to_numpy()
    return ok


def tone_sums(sentences: pd.DataFrame, keys: Sequence[str], *, measures: Sequence[str] | None = None,
              include_no_signal: bool = False) -> pd.DataFrame:
    """One row per distinct combination of ``keys`` (in order of first appearance): ``n_sentences`` and, per
    measure, ``m_n``, ``m_sum``, ``m_positive``, ``m_negative``. Sums are added in row order."""
    keys = list(keys)
    measures = list(measures) if measures is not None else measures_of(sentences)
    if sentences.empty:
        return pd.DataFrame(columns=[*keys, "n_sentences", *_stat_columns(measures)])
    codes, uniques = _factorize(sentences, keys)
    size = len(uniques)
    out = uniques.copy()
    out["n_sentences"] = np.bincount(codes, minlength=size)
    for measure in measures:
        ok = counted(sentences, measure, include_no_signal=include_no_signal)
        values = sentences[measure].to_numpy(dtype=float)
        used, picked = codes[ok], values[ok]
        out[f"{measure}_n"] = np.bincount(used, minlength=size)
        out[f"{measure}_sum"] = np.bincount(used, weights=picked, minlength=size)
        out[f"{measure}_positive"] = np.bincount(used[picked > NEUTRAL_BAND], minlength=size)
        out[f"{measure}_negative"] = np.bincount(used[picked < -NEUTRAL_BAND], minlength=size)
    return out


def _stat_columns(measures: Sequence[str]) -> list[str]:
    return [f"{m}_{s}" for m in measures for s in ("n", "sum", "positive", "negative")]


def _factorize(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer codes of each row's key combination, and the combinations in order of first appearance."""
    if len(keys) == 1:
        codes, uniques = pd.factorize(frame[keys[0]], sort=False, use_na_sentinel=False)
        return codes, pd.DataFrame({keys[0]: uniques})
    codes = frame.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    return codes, frame[keys].drop_duplicates().reset_index(drop=True)


def position_of(sentences: pd.DataFrame, *, bins: int = POSITION_BINS) -> np.ndarray:
    """Each sentence's place in its article, as a bin from 0 (the lede) to ``bins - 1`` (the end)."""
    relative = sentences["sentence_no"].to_numpy() / np.maximum(sentences["article_sentences"].to_numpy(), 1)
    return np.minimum((relative * bins).astype(int), bins - 1)


def article_tone_sums(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article and voice (``all`` for every sentence): counts and sums of every measure (the
    ``article_tone`` table of a scored corpus; :func:`analysis.scores.tone.article_tone` gives each article's
    mean tone)."""
    every = tone_sums(sentences, ["article_id"]).assign(voice=ALL_VOICES)
    by_voice = tone_sums(sentences, ["article_id", "voice"]) if "voice" in sentences else every.iloc[0:0]
    out = pd.concat([every, by_voice], ignore_index=True)
    return out[["article_id", "voice", *[c for c in out.columns if c not in ("article_id", "voice")]]]


def article_positions(sentences: pd.DataFrame, *, bins: int = POSITION_BINS) -> pd.DataFrame:
    """Per article and position bin (0 = lede): counts and sums of every measure."""
    framed = sentences.assign(position=position_of(sentences, bins=bins))
    return tone_sums(framed, ["article_id", "position"])


def article_topics(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per article and topic, from one row per sentence and topic (``article_id``, ``sentence_no``, ``topic``,
    ``mentions``): ``sentences`` mentioning it, ``mentions``, and ``first_sentence`` (where it first appears)."""
    if mentions.empty:
        return pd.DataFrame(columns=["article_id", "topic", "sentences", "mentions", "first_sentence"])
    grouped = mentions.groupby(["article_id", "topic"], sort=False)
    return grouped.agg(sentences=("sentence_no", "size"), mentions=("mentions", "sum"),
                       first_sentence=("sentence_no", "min")).reset_index()


def article_actors(sentences: pd.DataFrame, mentions: pd.DataFrame, speakers: pd.Series) -> pd.DataFrame:
    """Per article and actor: ``sentences`` mentioning it, ``quoted_sentences`` (sentences of quoted speech whose
    speaker is the actor), and the tone counts and sums of the sentences that mention it.

    ``mentions`` has one row per sentence and actor (``article_id``, ``sentence_no``, ``actor``,
    ``actor_type``); ``speakers`` gives, for each sentence of ``sentences``, the actor its speaker is (or None).
    """
    measures = measures_of(sentences)
    keyed = sentences.set_index(["article_id", "sentence_no"])
    rows = keyed.loc[list(zip(mentions["article_id"], mentions["sentence_no"]))].reset_index()
    rows["actor"], rows["actor_type"] = mentions["actor"].to_numpy(), mentions["actor_type"].to_numpy()
    tone = tone_sums(rows, ["article_id", "actor"], measures=measures).rename(columns={"n_sentences": "sentences"})
    types = rows.drop_duplicates(["article_id", "actor"])[["article_id", "actor", "actor_type"]]
    tone = tone.merge(types, on=["article_id", "actor"], how="left")
    quoted = sentences.assign(actor=speakers.to_numpy())
    quoted = quoted[quoted["voice"].isin(["quote", "mixed"]) & quoted["actor"].notna()]
    quotes = quoted.groupby(["article_id", "actor"], sort=False).size().rename("quoted_sentences").reset_index()
    out = tone.merge(quotes, on=["article_id", "actor"], how="outer")
    out["sentences"] = out["sentences"].fillna(0).astype("int64")
    out["quoted_sentences"] = out["quoted_sentences"].fillna(0).astype("int64")
    for column in _stat_columns(measures):
        out[column] = out[column].fillna(0)
    return out[["article_id", "actor", "actor_type", "sentences", "quoted_sentences", *_stat_columns(measures)]]
