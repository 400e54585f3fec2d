"""The stance model: the features of an article toward an actor, the shipped weights, and the readings.

:func:`article_stance` is the entry point (see :mod:`analysis.scores.stance`); :func:`stance_summary` sums it
up per group. The weights are ``data/stance_model.json``, fitted by ``bench/fit/stance.py`` (``make fit``).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import DataFileError
from analysis.paths import STANCE_MODEL_JSON
from analysis.content.actors import merged_actors
from analysis.scores.stance.reading import EVIDENCE_VALUES, sentence_vader, stance_evidence
from analysis.scores.tone import bootstrap_mean_ci

MIN_EVIDENCE = 2  # sentences with evidence below which the report says "no clear stance" (docs/stance.md)
MIN_CLEAR_ARTICLES = 2  # clear articles a group needs before stance_summary gives a reading
STANCE_COLUMNS = ["article_id", "actor", "stance", "stance_label", "clear", "n_evidence", "n_sentences",
                  "n_by_pronoun", "toward", "toward_quoted", "own_share", "near", "doer", "framing",
                  "quoted_by_others", "own_words", "headline", "happened", "evidence", "evidence_sentence",
                  "evidence_toward"]
FEATURES = {"tone": None, "near": "proximity", "events": "proximity", "doer": "roles", "framing": "framing",
            "near_quoted": "quotes", "own_words": "quotes", "headline_tone": "article",
            "headline_evidence": "article", "lede": "article", "context_tone": "article",
            "context_negative": "article", "toward": "toward", "toward_negative": "toward",
            "toward_positive": "toward", "toward_quoted": "toward", "toward_own": "toward",
            "toward_headline": "toward", "toward_lede": "toward", "own_share": "quotes"}
CONFIDENT = 0.5  # |toward| from which a sentence's tone toward the actor counts as evidence, and as negative or positive
NEGATIVE_SENTENCE = -0.05  # VADER's own cut for a negative sentence


@lru_cache(maxsize=4)
def load_stance_model(path: str | Path = STANCE_MODEL_JSON) -> dict:
    """The shipped weights: ``parts``, ``features``, ``mean``, ``scale``, ``coef`` (3 × features),
    ``intercept`` (3), ``classes`` and ``thresholds`` (see ``bench/fit/stance.py``)."""
    path = Path(path)
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataFileError(f"cannot read the stance model at {path}: {err}") from err
    missing = {"parts", "features", "mean", "scale", "coef", "intercept", "classes", "thresholds"} - set(model)
    if missing:
        raise DataFileError(f"{path}: the stance model lacks {sorted(missing)}; rerun bench/fit/stance.py")
    return model


def stance_features(evidence: pd.DataFrame, tones: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article and actor: the model's inputs, from :func:`stance_evidence`.

    Tone toward the actor, sentence by sentence (the ``toward`` part, :mod:`analysis.scores.stance.target_model`,
    events done to the actor neutralised): ``toward``, its mean over the outlet's narration (the sentences that
    refer to the actor outside quotes), ``toward_negative`` and ``toward_positive``, the shares of those
    sentences read confidently negative or positive (``|toward| >= CONFIDENT``); ``toward_quoted``, its mean
    where the actor is named in someone else's quoted words (their stance, weighed apart),
    ``toward_own`` in the actor's own words, ``toward_headline`` and ``toward_lede`` (the first two sentences).

    The earlier evidence: ``tone``, the mean VADER of the sentences referring to the actor; ``near``,
    ``events``, ``doer`` and ``framing``, means over the same sentences (what was done to the actor, ``target``,
    is left out: it is not how the outlet tells it); ``near_quoted``, the mean ``near`` of the actor's mentions
    inside others' quoted words; ``own_words``, the mean VADER of the actor's own quoted words; ``own_share``,
    the share of the actor's sentences that are its own quoted words (who is given the microphone).
    ``headline_tone`` and ``headline_evidence`` (the sum of the evidence values) read the headline, ``lede``
    the evidence of the first two sentences. With ``tones`` (``article_id``, ``sentence_no``, ``vader`` of
    every sentence), ``context_tone`` and ``context_negative`` are the mean VADER and the share of negative
    sentences (below -0.05) among the sentences that refer to the actor and their neighbours (one before, one
    after). A feature with no sentence to read is 0. Also ``n_sentences``, ``n_by_pronoun`` and
    ``n_evidence`` (sentences, headline included, with an evidence word or a confident ``toward``).
    """
    keys = ["article_id", "actor"]
    if evidence.empty:
        return pd.DataFrame(columns=[*keys, *FEATURES, "n_sentences", "n_by_pronoun", "n_evidence"])
    toward = evidence["toward"]
    ev = evidence.assign(_evidence=evidence[EVIDENCE_VALUES].ne(0).any(axis=1) | toward.abs().ge(CONFIDENT),
                         _sum=evidence[EVIDENCE_VALUES].sum(axis=1), _negative=toward.le(-CONFIDENT).astype(float),
                         _positive=toward.ge(CONFIDENT).astype(float), own_share=evidence["channel"].eq("own").astype(float))
    body = ev[ev["channel"] != "headline"]
    out = body.groupby(keys)[["vader", *EVIDENCE_VALUES, "own_share"]].mean().rename(columns={"vader": "tone"})
    told = body[body["channel"] == "narration"].groupby(keys).agg(
        toward=("toward", "mean"), toward_negative=("_negative", "mean"), toward_positive=("_positive", "mean"))
    out = out.join(told, how="outer")
    for channel, column, name in (("quoted", "near", "near_quoted"), ("own", "vader", "own_words"),
                                  ("quoted", "toward", "toward_quoted"), ("own", "toward", "toward_own")):
        out = out.join(_channel_mean(body, channel, column, name), how="outer")
    head = ev[ev["channel"] == "headline"].set_index(keys)
    out = out.join(head[["vader", "_sum", "toward"]].rename(
        columns={"vader": "headline_tone", "_sum": "headline_evidence", "toward": "toward_headline"}), how="outer")
    lede = body[body["lede"]].groupby(keys).agg(lede=("_sum", "mean"), toward_lede=("toward", "mean"))
    out = out.join(lede, how="outer")
    if tones is not None:
        out = out.join(_context(body, tones), how="outer")
    out = out.reindex(columns=list(FEATURES)).fillna(0.0)
    counts = ev.assign(_body=ev["channel"] != "headline", _pronoun=ev["mention"] == "pronoun").groupby(keys).agg(
        n_sentences=("_body", "sum"), n_by_pronoun=("_pronoun", "sum"), n_evidence=("_evidence", "sum"))
    return out.join(counts, how="outer").fillna(0.0).reset_index().astype(
        {"n_sentences": "int64", "n_by_pronoun": "int64", "n_evidence": "int64"})


def _context(body: pd.DataFrame, tones: pd.DataFrame) -> pd.DataFrame:
    """Mean VADER and share of negative sentences over each actor's sentences and their neighbours."""
    keys = ["article_id", "actor"]
    mentioned = body[[*keys, "sentence_no"]].drop_duplicates()
    around = pd.concat([mentioned.assign(sentence_no=mentioned["sentence_no"] + d) for d in (-1, 0, 1)])
    around = around.drop_duplicates().merge(tones[["article_id", "sentence_no", "vader"]],
                                            on=["article_id", "sentence_no"])
    around["_negative"] = (around["vader"] < NEGATIVE_SENTENCE).astype(float)
    return around.groupby(keys).agg(context_tone=("vader", "mean"), context_negative=("_negative", "mean"))


def _channel_mean(frame: pd.DataFrame, channel: str, column: str, name: str) -> pd.Series:
    return frame[frame["channel"] == channel].groupby(["article_id", "actor"])[column].mean().rename(name)


def score_features(features: pd.DataFrame, model: dict) -> np.ndarray:
    """The model's class probabilities (columns in ``model["classes"]`` order) for each row of features."""
    x = features[model["features"]].to_numpy(dtype=float)
    z = (x - np.asarray(model["mean"])) / np.asarray(model["scale"])
    logits = z @ np.asarray(model["coef"]).T + np.asarray(model["intercept"])
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def stance_from_probabilities(p: np.ndarray, classes: list[str]) -> np.ndarray:
    """``P(positive) - P(negative)``: in [-1, 1], 0 when the two are equally likely."""
    return p[:, classes.index("positive")] - p[:, classes.index("negative")]


def stance_label(stance: np.ndarray, thresholds: tuple[float, float]) -> np.ndarray:
    """``negative`` below ``thresholds[0]``, ``positive`` above ``thresholds[1]``, else ``neutral``."""
    low, high = thresholds
    return np.where(stance < low, "negative", np.where(stance > high, "positive", "neutral"))


def article_stance(sentences: pd.DataFrame, actors: dict[str, dict], *, articles: pd.DataFrame | None = None,
                   model: dict | str | Path | None = None) -> pd.DataFrame:
    """Stance of each article toward each actor it refers to.

    ``sentences``: rows of :func:`analysis.split_sentences` (``article_id``,
    ``sentence_no``, ``text``; ``voice``, ``speaker`` and ``vader`` when
    present) for any number of articles; each article is read on its own.
    ``actors``: ``{name: {"type": ..., "aliases": [...]}}``. ``articles``
    (optional): ``article_id`` and ``title``, for the headline.

    Actors that name a part of another ("Trump Presidency", "Trump administration") or a lone surname of
    another ("Trump" beside "Donald Trump") are merged into it first
    (:func:`analysis.content.actors.merged_actors`): one person is one row.

    Columns: ``article_id``, ``actor``, ``stance`` (in [-1, 1], higher = more
    favourable), ``stance_label`` (``negative``/``neutral``/``positive`` by
    the model's thresholds), ``clear`` (``n_evidence >= MIN_EVIDENCE``),
    ``n_evidence``, ``n_sentences`` (sentences referring to the actor),
    ``n_by_pronoun``, ``toward`` (the mean tone of the outlet's sentences toward the actor),
    ``toward_quoted`` (in others' quoted words), ``own_share`` (the share of its sentences in its own quoted
    words), the evidence means ``near``, ``doer``, ``framing``, ``quoted_by_others`` (``near`` in others'
    quotes), ``own_words`` (tone of the actor's own quoted words), ``headline`` (evidence in the headline),
    ``happened`` (what was done to the actor, kept apart and not counted: "fired, arrested"), ``evidence``:
    the strongest evidence words with their values, e.g. ``"praised (+0.55); lied (doer) (-1.50)"``, and
    ``evidence_sentence``: the ``sentence_no`` of the sentence whose tone toward the actor is strongest (-1:
    the headline), where a reader can see why, and ``evidence_toward``: that sentence's tone toward the actor
    (P(positive) − P(negative) of :func:`analysis.scores.stance.target_model.target_sentiment`).
    """
    model = model if isinstance(model, dict) else load_stance_model(model or STANCE_MODEL_JSON)
    actors = merged_actors(actors)[0]
    evidence = stance_evidence(sentences, actors, articles=articles, parts=model["parts"])
    features = stance_features(evidence, sentence_tones(sentences) if "article" in model["parts"] else None)
    if features.empty:
        return pd.DataFrame(columns=STANCE_COLUMNS)
    stance = stance_from_probabilities(score_features(features, model), model["classes"])
    out = features.assign(stance=np.round(stance, 4),
                          stance_label=stance_label(stance, tuple(model["thresholds"])),
                          clear=features["n_evidence"] >= MIN_EVIDENCE,
                          quoted_by_others=features["near_quoted"], headline=features["headline_evidence"])
    out = out.merge(evidence_summary(evidence), on=["article_id", "actor"], how="left")
    return out[STANCE_COLUMNS].reset_index(drop=True)


def evidence_summary(evidence: pd.DataFrame, *, top: int = 6) -> pd.DataFrame:
    """Per article and actor: ``evidence``, the ``top`` strongest evidence words as one string; ``happened``,
    the event words done to the actor; ``evidence_sentence``, the sentence with the strongest tone toward the
    actor (else with the largest evidence)."""
    pairs: dict[tuple, list] = {}
    for article_id, actor, sentence_no, words, event, toward, strength in zip(
            evidence["article_id"], evidence["actor"], evidence["sentence_no"], evidence["words"],
            evidence["event"], evidence["toward"],
            evidence["toward"].abs() + evidence[EVIDENCE_VALUES].abs().sum(axis=1) / 10):
        found = pairs.setdefault((article_id, actor), [[], [], (-1.0, -1, 0.0)])
        if words:
            found[0].extend(words.split("; "))
        if event:
            found[1].extend(event.split(", "))
        if strength > found[2][0]:
            found[2] = (strength, sentence_no, toward)
    rows = []
    for (article_id, actor), (words, events, (_, sentence_no, toward)) in pairs.items():
        words.sort(key=lambda p: -abs(float(p.rsplit("(", 1)[1].rstrip(")"))))
        rows.append((article_id, actor, "; ".join(dict.fromkeys(words[:top])), ", ".join(dict.fromkeys(events)),
                     int(sentence_no), round(float(toward), 4)))
    return pd.DataFrame(rows, columns=["article_id", "actor", "evidence", "happened", "evidence_sentence",
                                       "evidence_toward"])


def sentence_tones(sentences: pd.DataFrame) -> pd.DataFrame:
    """``article_id``, ``sentence_no`` and ``vader`` of every sentence: the ``vader`` column when the sentences
    were scored (:func:`analysis.score_tone`), else computed here."""
    if "vader" in sentences.columns:
        tones = sentences[["article_id", "sentence_no", "vader"]]
        return tones[tones["vader"].notna()]
    texts = sentences["text"].where(sentences["text"].map(lambda t: isinstance(t, str)), "")
    return sentences[["article_id", "sentence_no"]].assign(vader=[sentence_vader(t) for t in texts])


def stance_summary(stance: pd.DataFrame, articles: pd.DataFrame, *, by: str = "source", n_boot: int = 2000,
                   level: float = 0.95, min_clear: int = MIN_CLEAR_ARTICLES, seed: int = 0,
                   rng: np.random.Generator | None = None) -> pd.DataFrame:
    """Stance toward each actor per group (an outlet, by default): one row per ``by`` and ``actor``.

    ``stance`` is :func:`article_stance`'s output; ``articles`` maps
    ``article_id`` to ``by``. Only articles with clear evidence (``clear``)
    enter the mean; each article counts once. Columns: ``by``, ``actor``,
    ``n_articles`` (articles referring to the actor), ``n_clear``, ``mean``
    (mean stance over the clear articles, NaN without any), ``ci_low``,
    ``ci_high`` (percentile bootstrap over articles, at ``level``; NaN with
    fewer than two), ``share_negative``, ``share_positive`` (of the clear
    articles' labels) and ``reading``: ``"no clear stance: …"`` with the rule that failed when fewer than
    ``min_clear`` articles have clear evidence (:func:`stance_reading`), else the label of the mean
    (``min_clear=1`` reads a single article, as a corpus of one article per
    outlet needs). Groups come in sorted order and one random generator (``rng``, else one from ``seed``)
    runs through them, so consecutive batches of groups given one ``rng`` summarise as one call would.
    """
    framed = stance if by in stance else stance.merge(articles[["article_id", by]], on="article_id", how="left")
    rng = rng if rng is not None else np.random.default_rng(seed)
    rows = []
    for (group, actor), frame in framed.groupby([by, "actor"], sort=True, dropna=False, observed=True):
        clear = frame[frame["clear"]]
        values = clear["stance"].to_numpy(dtype=float)
        low, high = bootstrap_mean_ci(values, n_boot=n_boot, level=level, rng=rng)
        mean = float(values.mean()) if len(values) else np.nan
        rows.append((group, actor, len(frame), len(clear), mean, low, high,
                     float((clear["stance_label"] == "negative").mean()) if len(clear) else np.nan,
                     float((clear["stance_label"] == "positive").mean()) if len(clear) else np.nan,
                     stance_reading(mean, len(clear), len(frame), min_clear=min_clear)))
    return pd.DataFrame(rows, columns=[by, "actor", "n_articles", "n_clear", "mean", "ci_low", "ci_high",
                                       "share_negative", "share_positive", "reading"])


def stance_reading(mean: float, n_clear: int, n_articles: int, *, min_clear: int = MIN_CLEAR_ARTICLES) -> str:
    """What a group's mean stance reads as: the label of the mean, or "no clear stance" followed by the rule it
    failed, so that a printed mean is never left unexplained: "no clear stance: 1 of 3 articles with clear
    evidence (2 or more evidence sentences), 2 needed"."""
    needed = max(min_clear, 1)
    if n_clear >= needed and not np.isnan(mean):
        return str(stance_label(np.array([mean]), tuple(load_stance_model()["thresholds"]))[0])
    articles = f"{n_articles} article" + ("" if n_articles == 1 else "s")
    found = f"none of {articles}" if n_clear == 0 else f"{n_clear} of {articles}"
    return (f"no clear stance: {found} with clear evidence ({MIN_EVIDENCE} or more evidence sentences), "
            f"{needed} needed")
