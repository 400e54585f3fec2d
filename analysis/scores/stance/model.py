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
from analysis.scores.stance.evidence import EVIDENCE_VALUES, sentence_vader, stance_evidence
from analysis.scores.tone import bootstrap_mean_ci

MIN_EVIDENCE = 2  # sentences with evidence below which the report says "no clear stance" (docs/stance.md)
MIN_CLEAR_ARTICLES = 2  # clear articles a group needs before stance_summary gives a reading
STANCE_COLUMNS = ["article_id", "actor", "stance", "stance_label", "clear", "n_evidence", "n_sentences",
                  "n_by_pronoun", "near", "doer", "target", "framing", "quoted_by_others", "own_words",
                  "headline", "evidence"]
FEATURES = {"tone": None, "near": "proximity", "events": "proximity", "doer": "roles", "target": "roles", "framing": "framing",
            "near_quoted": "quotes", "own_words": "quotes", "headline_tone": "article",
            "headline_evidence": "article", "lede": "article", "context_tone": "article",
            "context_negative": "article"}
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

    ``tone`` is the mean VADER of the sentences referring to the actor
    (today's measure, over the sentences that name it, when the coreference
    part is off); ``near``, ``events``, ``doer``, ``target`` and ``framing``
    are means over the same sentences. The quotes part adds two features
    rather than removing quoted sentences (which measured worse on PerSenT):
    ``near_quoted``, the mean ``near`` of the actor's mentions inside others'
    quoted words, and ``own_words``, the mean VADER of the actor's own quoted
    words; the model weighs them apart from the outlet's narration.
    ``headline_tone`` and ``headline_evidence`` (the sum of the evidence
    values) read the headline, ``lede`` the evidence of the first two
    sentences. With ``tones`` (``article_id``, ``sentence_no``, ``vader`` of
    every sentence), ``context_tone`` and ``context_negative`` are the mean
    VADER and the share of negative sentences (below -0.05) among the
    sentences that refer to the actor and their neighbours (one before, one
    after). A feature with no sentence to read is 0. Also ``n_sentences``,
    ``n_by_pronoun`` and ``n_evidence`` (sentences, headline included, with
    evidence).
    """
    keys = ["article_id", "actor"]
    if evidence.empty:
        return pd.DataFrame(columns=[*keys, *FEATURES, "n_sentences", "n_by_pronoun", "n_evidence"])
    ev = evidence.assign(
        _evidence=evidence[EVIDENCE_VALUES].ne(0).any(axis=1), _sum=evidence[EVIDENCE_VALUES].sum(axis=1))
    body = ev[ev["channel"] != "headline"]
    out = body.groupby(keys)[["vader", *EVIDENCE_VALUES]].mean().rename(
        columns={"vader": "tone"})
    out = out.join(_channel_mean(body, "quoted", "near", "near_quoted"), how="outer")
    out = out.join(_channel_mean(body, "own", "vader", "own_words"), how="outer")
    head = ev[ev["channel"] == "headline"].set_index(keys)
    out = out.join(head[["vader", "_sum"]].rename(columns={"vader": "headline_tone", "_sum": "headline_evidence"}),
                   how="outer")
    lede = body[body["lede"]].groupby(keys)["_sum"].mean().rename("lede")
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

    Columns: ``article_id``, ``actor``, ``stance`` (in [-1, 1], higher = more
    favourable), ``stance_label`` (``negative``/``neutral``/``positive`` by
    the model's thresholds), ``clear`` (``n_evidence >= MIN_EVIDENCE``),
    ``n_evidence``, ``n_sentences`` (sentences referring to the actor),
    ``n_by_pronoun``, the evidence means ``near``, ``doer``, ``target``,
    ``framing``, ``quoted_by_others`` (``near`` in others' quotes),
    ``own_words`` (tone of the actor's own quoted words), ``headline``
    (evidence in the headline), and ``evidence``: the strongest evidence words
    with their values, e.g. ``"accused (target) (-1.50); praised (+0.55)"``.
    """
    model = model if isinstance(model, dict) else load_stance_model(model or STANCE_MODEL_JSON)
    evidence = stance_evidence(sentences, actors, articles=articles, parts=model["parts"])
    features = stance_features(evidence, sentence_tones(sentences) if "article" in model["parts"] else None)
    if features.empty:
        return pd.DataFrame(columns=STANCE_COLUMNS)
    stance = stance_from_probabilities(score_features(features, model), model["classes"])
    out = features.assign(stance=np.round(stance, 4),
                          stance_label=stance_label(stance, tuple(model["thresholds"])),
                          clear=features["n_evidence"] >= MIN_EVIDENCE,
                          quoted_by_others=features["near_quoted"], headline=features["headline_evidence"])
    out = out.merge(_evidence_words(evidence), on=["article_id", "actor"], how="left")
    return out[STANCE_COLUMNS].reset_index(drop=True)


def _evidence_words(evidence: pd.DataFrame, *, top: int = 6) -> pd.DataFrame:
    """The ``top`` strongest evidence words of each article and actor, as one string."""
    pairs: dict[tuple, list[str]] = {}
    for article_id, actor, words in zip(evidence["article_id"], evidence["actor"], evidence["words"]):
        found = pairs.setdefault((article_id, actor), [])
        if words:
            found.extend(words.split("; "))
    rows = []
    for (article_id, actor), found in pairs.items():
        found.sort(key=lambda p: -abs(float(p.rsplit("(", 1)[1].rstrip(")"))))
        rows.append((article_id, actor, "; ".join(dict.fromkeys(found[:top]))))
    return pd.DataFrame(rows, columns=["article_id", "actor", "evidence"])


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
    articles' labels) and ``reading``: ``"no clear stance"`` when fewer than
    ``min_clear`` articles have clear evidence, else the label of the mean
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
                     _reading(mean, len(clear), min_clear)))
    return pd.DataFrame(rows, columns=[by, "actor", "n_articles", "n_clear", "mean", "ci_low", "ci_high",
                                       "share_negative", "share_positive", "reading"])


def _reading(mean: float, n_clear: int, min_clear: int) -> str:
    if n_clear < max(min_clear, 1) or np.isnan(mean):
        return "no clear stance"
    return str(stance_label(np.array([mean]), tuple(load_stance_model()["thresholds"]))[0])
