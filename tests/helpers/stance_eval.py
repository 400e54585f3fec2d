"""Checking the stance measure (:mod:`analysis.scores.stance`) against human judgement.

Two sources of judgements. **PerSenT** (Bastan et al., COLING 2020): crowd
judgements of the author's sentiment toward the main entity of about 2,000
news articles; used to fit and validate the measure, never bundled.
**PressLens's own check set** (``tests/fixtures/stance/stories.yml``):
same-story articles from several made-up outlets, written for PressLens,
labelled per article and actor, to see that the measure carries over to
articles that name several actors.

PerSenT The folder holds ``dev.csv``, ``random_test.csv`` and
``fixed_test.csv`` (columns ``DOCUMENT_INDEX``, ``TITLE``, ``TARGET_ENTITY``,
``DOCUMENT``, ``TRUE_SENTIMENT``, …) is found only where it is said to be: a
``folder`` argument, else the ``PERSENT_DIR`` environment variable (nothing is
looked for outside the checkout). The documents' commas were removed by the
dataset's authors; nothing here depends on that. Used by the stance tests
(``tests/scores/test_stance.py``, which skip without PerSenT) and by
``bench/fit/stance.py`` and ``bench/eval/stance.py``.

Agreement figures: ``macro_f1`` (three classes), ``spearman`` (the measure
against -1/0/+1), ``auc_negative`` (how well the measure ranks the negative
cases below the others: 0.5 is chance) and the confusion matrix.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from analysis.paths import PROJECT_ROOT
from analysis.scores.stance.reading import PARTS, stance_evidence
from analysis.scores.stance.model import sentence_tones, stance_features
from analysis.scores.tone import spearman
from helpers.datasets import dataset_dir, split_file
from analysis.voices.voices import split_sentences

SPLITS = ("dev", "random_test", "fixed_test")
LABELS = {"Negative": "negative", "Neutral": "neutral", "Positive": "positive"}
CLASSES = ["negative", "neutral", "positive"]
VALUES = {"negative": -1, "neutral": 0, "positive": 1}


def refit_differs(script: str) -> str | None:
    """Run ``bench/fit/<script> --check``: None when a refit gives the shipped file byte for byte, else what
    the script said."""
    done = subprocess.run([sys.executable, str(PROJECT_ROOT / "bench" / "fit" / script), "--check"],
                          capture_output=True, text=True, cwd=PROJECT_ROOT)
    return None if done.returncode == 0 else done.stdout + done.stderr


def persent_dir(folder: str | Path | None = None) -> Path | None:
    """The PerSenT folder: ``folder``, else ``$PERSENT_DIR``; None when neither is given or it holds no ``dev.csv``."""
    return dataset_dir(folder, "PERSENT_DIR", "dev.csv")


def load_persent(split: str, *, folder: str | Path | None = None) -> pd.DataFrame:
    """One split as PressLens articles: ``article_id``, ``title``, ``text``, ``entity`` and ``label``
    (``negative``/``neutral``/``positive``). Raises ``FileNotFoundError`` naming the folder when absent."""
    path = split_file("PerSenT", split, SPLITS, folder=folder, variable="PERSENT_DIR", marker="dev.csv", suffix=".csv")
    raw = pd.read_csv(path)
    return pd.DataFrame({
        "article_id": [f"{split}-{i}" for i in raw["DOCUMENT_INDEX"]],
        "title": raw["TITLE"].fillna(""),
        "text": raw["DOCUMENT"].fillna(""),
        "entity": raw["TARGET_ENTITY"].astype(str).str.strip(),
        "label": raw["TRUE_SENTIMENT"].map(LABELS),
    })


def target_actors(target: str) -> dict[str, dict]:
    """The actors dict for one article's target: its name alone, of unknown type (as a user would start)."""
    return {target: {"type": "unknown", "aliases": [target]}}


def macro_f1(truth, predicted, *, classes=CLASSES) -> float:
    """The mean over ``classes`` of each class's F1 (a class never predicted nor true counts 0)."""
    truth, predicted = np.asarray(truth), np.asarray(predicted)
    scores = []
    for c in classes:
        tp = np.sum((predicted == c) & (truth == c))
        denominator = np.sum(predicted == c) + np.sum(truth == c)
        scores.append(2 * tp / denominator if denominator else 0.0)
    return float(np.mean(scores))


def auc(scores, positives) -> float:
    """Area under the ROC curve of ``scores`` for finding ``positives`` (ties count half); NaN without both."""
    scores, positives = np.asarray(scores, dtype=float), np.asarray(positives, dtype=bool)
    n_pos, n_neg = positives.sum(), (~positives).sum()
    if not n_pos or not n_neg:
        return float("nan")
    ranks = pd.Series(scores).rank().to_numpy()
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def confusion(truth, predicted, *, classes=CLASSES) -> pd.DataFrame:
    """Counts with the human label as rows and the measure's label as columns."""
    table = pd.crosstab(pd.Categorical(truth, classes), pd.Categorical(predicted, classes), dropna=False)
    table.index.name, table.columns.name = "human", "measure"
    return table


def agreement(stance, truth, predicted) -> dict:
    """``macro_f1``, ``spearman`` (stance against -1/0/+1), ``auc_negative`` (low stance finds negatives),
    and ``n``."""
    truth = pd.Series(np.asarray(truth))
    stance = pd.Series(np.asarray(stance, dtype=float))
    return {"n": len(truth), "macro_f1": macro_f1(truth, predicted),
            "spearman": spearman(stance, truth.map(VALUES).astype(float)),
            "auc_negative": auc(-stance, truth == "negative")}


def persent_evidence(articles: pd.DataFrame, *, parts=None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`analysis.scores.stance.evidence.stance_evidence` for each article toward its own ``entity``."""
    sentences = split_sentences(articles) if sentences is None else sentences
    frames = []
    for (article_id, frame), target in zip(sentences.groupby("article_id", sort=False),
                                           _targets(articles, sentences)):
        heads = articles.loc[articles["article_id"] == article_id, ["article_id", "title"]]
        frames.append(stance_evidence(frame, target_actors(target), articles=heads,
                                      parts=PARTS if parts is None else parts))
    return pd.concat(frames, ignore_index=True)


def persent_features(articles: pd.DataFrame, *, parts=None) -> pd.DataFrame:
    """One row per article: its entity's stance features (zeros where it is never found) and ``label``."""
    sentences = split_sentences(articles)
    tones = sentence_tones(sentences) if parts is None or "article" in parts else None
    features = stance_features(persent_evidence(articles, parts=parts, sentences=sentences), tones)
    merged = articles[["article_id", "entity", "label"]].merge(
        features, left_on=["article_id", "entity"], right_on=["article_id", "actor"], how="left")
    numeric = [c for c in features.columns if c not in ("article_id", "actor")]
    merged[numeric] = merged[numeric].fillna(0.0)
    return merged.drop(columns=["actor"])


def _targets(articles: pd.DataFrame, sentences: pd.DataFrame) -> list[str]:
    lookup = dict(zip(articles["article_id"], articles["entity"]))
    return [lookup[a] for a in sentences["article_id"].drop_duplicates()]


def load_check_set(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, dict], pd.DataFrame]:
    """PressLens's own stance check set (``stories.yml``, or the folder holding it).

    Returns ``(sentences, articles, actors, labels)``: the split sentences,
    the articles (``article_id`` = ``story/outlet``, ``source``, ``title``,
    ``text``), every story's actors in one dict, and the labels
    (``article_id``, ``actor``, ``label``).
    """
    path = Path(path)
    path = path / "stories.yml" if path.is_dir() else path
    stories = yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]
    articles, labels, actors = [], [], {}
    for story in stories:
        actors.update(story["actors"])
        for item in story["articles"]:
            article_id = f"{story['story']}/{item['outlet']}"
            articles.append((article_id, item["outlet"], item["title"], item["text"].strip()))
            labels += [(article_id, actor, label) for actor, label in item["stance"].items()]
    articles = pd.DataFrame(articles, columns=["article_id", "source", "title", "text"])
    return (split_sentences(articles), articles, actors,
            pd.DataFrame(labels, columns=["article_id", "actor", "label"]))
