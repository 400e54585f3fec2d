"""Target sentiment: the tone of one sentence toward one mention in it, learned from news (NewsMTSC).

:func:`target_sentiment` is the entry point. The weights are ``data/target_sentiment.json``, fitted on
NewsMTSC's train split by ``bench/fit/target_sentiment.py`` (settings chosen by cross-validation there; see
``docs/stance.md``). The model averages two linear models over the features of
:mod:`analysis.scores.stance.targets`: a multinomial logistic regression, and three one-vs-rest logistic
regressions over naive-Bayes-weighted features (NB-LR), whose sigmoid outputs are normalised to sum to 1.

Scaling, per feature group: ``l2`` groups are weighted by their inverse document frequency, then L2-normalised
within the group; the ``dense`` group is divided by each column's training standard deviation; ``raw`` is
left as it is; then each group is multiplied by its weight. Arithmetic only: numpy, no scikit-learn.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import DataFileError
from analysis.paths import DATA_DIR
from analysis.scores.stance.targets import SentenceTokens, read_target, target_features

TARGET_SENTIMENT_JSON = DATA_DIR / "target_sentiment.json"
CLASSES = ("negative", "neutral", "positive")
_KEYS = {"format", "classes", "groups", "columns", "scale", "lr", "nb", "ensemble_weight"}


@dataclass(frozen=True)
class TargetModel:
    """The shipped weights, ready to score: column of each feature name, its scale and group, the groups'
    kinds and weights, the two linear models and the weight of the NB-LR in their average."""

    column: dict
    scale: np.ndarray
    group_of: np.ndarray
    kinds: tuple
    weights: tuple
    lr_coef: np.ndarray
    lr_intercept: np.ndarray
    nb_coef: np.ndarray
    nb_intercept: np.ndarray
    ensemble_weight: float

    @classmethod
    def from_json(cls, model: dict) -> "TargetModel":
        """The model from its JSON form (see ``bench/fit/target_sentiment.py``): ``columns`` is a list per group,
        in the order of ``groups``, and ``scale`` the matching list of per-column scales."""
        names, groups = [], []
        for k, group in enumerate(model["groups"]):
            names += model["columns"][group["name"]]
            groups += [k] * len(model["columns"][group["name"]])
        return cls({name: j for j, name in enumerate(names)},
                   np.concatenate([np.asarray(model["scale"][g["name"]], dtype=float) for g in model["groups"]]),
                   np.asarray(groups, dtype=np.int64), tuple(g["kind"] for g in model["groups"]),
                   tuple(float(g["weight"]) for g in model["groups"]),
                   np.asarray(model["lr"]["coef"], dtype=float), np.asarray(model["lr"]["intercept"], dtype=float),
                   np.asarray(model["nb"]["coef"], dtype=float), np.asarray(model["nb"]["intercept"], dtype=float),
                   float(model["ensemble_weight"]))

    def probabilities(self, rows: list[dict[str, float]]) -> np.ndarray:
        """``(n, 3)`` probabilities of negative, neutral and positive for rows of features (features the model
        does not know are dropped)."""
        n = len(rows)
        row_of, columns, values = [], [], []
        column = self.column
        for i, features in enumerate(rows):
            for name, value in features.items():
                j = column.get(name)
                if j is not None and value:
                    row_of.append(i)
                    columns.append(j)
                    values.append(value)
        x = self.scaled(np.asarray(row_of, dtype=np.int64), np.asarray(columns, dtype=np.int64),
                        np.asarray(values, dtype=float), n)
        row_of, columns = np.asarray(row_of, dtype=np.int64), np.asarray(columns, dtype=np.int64)
        z_lr, z_nb = np.empty((n, 3)), np.empty((n, 3))
        for c in range(3):
            z_lr[:, c] = np.bincount(row_of, weights=x * self.lr_coef[c, columns], minlength=n) + self.lr_intercept[c]
            z_nb[:, c] = np.bincount(row_of, weights=x * self.nb_coef[c, columns], minlength=n) + self.nb_intercept[c]
        p_lr = np.exp(z_lr - z_lr.max(axis=1, keepdims=True))
        p_lr /= p_lr.sum(axis=1, keepdims=True)
        s = 1.0 / (1.0 + np.exp(-z_nb))
        p_nb = s / s.sum(axis=1, keepdims=True)
        return (1 - self.ensemble_weight) * p_lr + self.ensemble_weight * p_nb

    def scaled(self, row_of: np.ndarray, columns: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
        """The values as the model weighs them: each column's scale, then the L2 norm of each row's ``l2``
        groups, then the groups' weights."""
        x = values * self.scale[columns]
        groups = self.group_of[columns]
        cell = row_of * len(self.kinds) + groups
        norms = np.sqrt(np.bincount(cell, weights=x * x, minlength=n * len(self.kinds)))
        l2 = np.array([kind == "l2" for kind in self.kinds])[groups]
        factor = np.asarray(self.weights)[groups] / np.where(l2, norms[cell], 1.0)
        return x * factor


@lru_cache(maxsize=4)
def load_target_model(path: str | Path = TARGET_SENTIMENT_JSON) -> TargetModel:
    """The weights of ``data/target_sentiment.json`` (or ``path``), ready to score."""
    path = Path(path)
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataFileError(f"cannot read the target-sentiment model at {path}: {err}") from err
    missing = _KEYS - set(model)
    if missing or tuple(model.get("classes", ())) != CLASSES:
        raise DataFileError(f"{path}: the target-sentiment model lacks {sorted(missing) or ['its classes']}; "
                            "rerun bench/fit/target_sentiment.py")
    return TargetModel.from_json(model)


def target_probabilities(items, *, model: TargetModel | None = None) -> np.ndarray:
    """``(n, 3)`` probabilities for ``(sentence, start, end, others)`` items, where ``sentence`` is a
    :class:`SentenceTokens` (read once for all the targets it holds) and ``others`` the other targets' spans."""
    model = model or load_target_model()
    return model.probabilities([target_features(sentence, start, end, others)
                                for sentence, start, end, others in items])


_MEMO: dict[tuple, tuple[float, tuple[str, ...]]] = {}
MEMO_SIZE = 200_000  # targets whose tone is remembered within a process (news repeats sentences: wires, copies)


def tones_toward(items: list[tuple[str, int, int, tuple]], *, model: TargetModel | None = None
                 ) -> list[tuple[float, tuple[str, ...]]]:
    """For ``(sentence text, start, end, other spans)`` items: the tone toward each target, P(positive) −
    P(negative), with the events done to it neutralised (:func:`analysis.scores.stance.targets.read_target`),
    and those events' words.

    A sentence met again with the same targets (a wire story in several outlets, a repeated line) is not read
    again: the last ``MEMO_SIZE`` answers are remembered within the process, for the shipped model."""
    memo = _MEMO if model is None else {}
    model = model or load_target_model()
    missing = [key for key in dict.fromkeys(items) if key not in memo]
    if missing:
        sentences: dict[str, SentenceTokens] = {}
        read = [read_target(sentences.get(text) or sentences.setdefault(text, SentenceTokens(text)), start, end,
                            others, neutral_events=True) for text, start, end, others in missing]
        p = model.probabilities([features for features, _ in read])
        if len(memo) + len(missing) > MEMO_SIZE:
            memo.clear()
        memo.update((key, (float(p[k, 2] - p[k, 0]), tuple(events))) for k, (key, (_, events)) in
                    enumerate(zip(missing, read)))
        if len(missing) > MEMO_SIZE:  # more than it may hold: answer from this batch
            found = {key: memo.get(key) or (float(p[k, 2] - p[k, 0]), tuple(read[k][1]))
                     for k, key in enumerate(missing)}
            return [memo.get(key) or found[key] for key in items]
    return [memo[key] for key in items]


def target_sentiment(frame: pd.DataFrame, *, model: str | Path | None = None) -> pd.DataFrame:
    """The tone of each sentence toward one mention in it: the frame with ``negative``, ``neutral``,
    ``positive`` (probabilities; each row sums to 1) and ``label`` (the likeliest) added.

    ``frame``: ``text`` (a sentence), ``start`` and ``end`` (the character span of the target, ``text[start:end]``),
    and optionally ``others``: the other targets' ``(start, end)`` spans in the same sentence. Without an
    ``others`` column, the other rows with the same ``text`` give them (so a sentence that names two targets,
    given as two rows, reads each with the other masked apart). Learned from NewsMTSC's political news
    (macro-F1 figures in ``docs/stance.md``); the model sees the words around the target, never the target's
    own words.
    """
    missing = {"text", "start", "end"} - set(frame.columns)
    if missing:
        raise KeyError(f"target_sentiment needs columns {sorted(missing)}; the frame has {list(frame.columns)}")
    loaded = load_target_model(model) if model is not None else load_target_model()
    texts = [t if isinstance(t, str) else "" for t in frame["text"]]
    starts, ends = frame["start"].astype(int).tolist(), frame["end"].astype(int).tolist()
    others = frame["others"].tolist() if "others" in frame.columns else _same_sentence_spans(texts, starts, ends)
    read: dict[str, SentenceTokens] = {}
    for text, start, end in zip(texts, starts, ends):
        if not 0 <= start < end <= len(text):
            raise ValueError(f"target span {start}:{end} is outside its sentence of {len(text)} characters")
        if text not in read:
            read[text] = SentenceTokens(text)
    items = [(read[t], s, e, [tuple(o) for o in (spans if isinstance(spans, (list, tuple)) else [])])
             for t, s, e, spans in zip(texts, starts, ends, others)]
    p = target_probabilities(items, model=loaded) if items else np.zeros((0, 3))
    return frame.assign(negative=p[:, 0], neutral=p[:, 1], positive=p[:, 2],
                        label=np.asarray(CLASSES, dtype=object)[p.argmax(axis=1)] if len(p) else [])


def _same_sentence_spans(texts: list[str], starts: list[int], ends: list[int]) -> list[list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for text, start, end in zip(texts, starts, ends):
        spans.setdefault(text, []).append((start, end))
    return [[s for s in spans[t] if s != (start, end)] for t, start, end in zip(texts, starts, ends)]
