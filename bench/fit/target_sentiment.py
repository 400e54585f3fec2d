"""Fit the target-sentiment model shipped in data/target_sentiment.json, from NewsMTSC's train split ($NEWSMTSC_DIR).

    .venv/bin/python bench/fit/target_sentiment.py            # writes data/target_sentiment.json
    .venv/bin/python bench/fit/target_sentiment.py --check    # refits and says whether the shipped file is identical
    .venv/bin/python bench/fit/target_sentiment.py --cv       # also: grouped 5-fold CV on train, and devtest_mt

The model (analysis.scores.stance.target_model): the features of analysis.scores.stance.targets, scaled per
group, weighed by two linear models whose probabilities are averaged: a multinomial logistic regression, and
NB-LR (three one-vs-rest logistic regressions over features multiplied by their naive-Bayes log-count ratio,
class against the rest, on the sparse groups named in NB_GROUPS; sigmoid outputs normalised to sum to 1).
Balanced class weights. Every setting in SETTINGS was chosen by 5-fold cross-validation on train, grouped by
article (the first three parts of primary_gid), so that no article's sentences are on both sides of a fold
(the search is summed up in docs/stance.md). After fitting, the columns seen in fewer than KEEP_MIN_DF
training targets are dropped and every number is rounded to DIGITS significant digits: that is the shipped
model, and every figure printed here is for it, scored by the package's own numpy arithmetic.

devtest_mt is scored only with --cv, as the held-out figure; devtest_rw is never read. Deterministic: sorted
columns, lbfgs in one thread, no randomness; --check compares the files byte for byte.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
import common  # noqa: E402,F401  (puts tests/ on the path)
from helpers.stance_eval import confusion, macro_f1  # noqa: E402
from helpers.target_eval import load_newsmtsc, newsmtsc_dir  # noqa: E402

from analysis.scores.stance.target_model import CLASSES, TARGET_SENTIMENT_JSON, TargetModel  # noqa: E402
from analysis.scores.stance.targets import SentenceTokens, target_features  # noqa: E402

GROUPS = (("b", "l2", 2.0), ("w", "l2", 1.0), ("c", "l2", 1.0), ("x", "dense", 0.6), ("f", "l2", 0.5),
          ("q", "raw", 0.5), ("p", "raw", 0.5))
SETTINGS = {"lr_C": 1.0, "nb_C": 2.0, "nb_alpha": 0.5, "nb_groups": ["b", "w", "c", "f"], "ensemble_weight": 0.5}
KEEP_MIN_DF = 3
DIGITS = 6
FOLDS = 5


def featurise(rows: list[dict]) -> list[dict]:
    """The features of every target, each sentence read once."""
    read: dict[str, SentenceTokens] = {}
    out = []
    for row in rows:
        sentence = read.get(row["text"]) or read.setdefault(row["text"], SentenceTokens(row["text"]))
        out.append(target_features(sentence, row["start"], row["end"], row["others"]))
    return out


def group_scaling(raw: sparse.csr_matrix, group_of: np.ndarray) -> np.ndarray:
    """Each column's scale: its idf in ``l2`` groups, 1 / its standard deviation in ``dense`` ones, else 1."""
    n = raw.shape[0]
    df = np.asarray((raw != 0).sum(axis=0)).ravel()
    scale = np.ones(raw.shape[1])
    for g, (_, kind, _) in enumerate(GROUPS):
        cols = np.flatnonzero(group_of == g)
        if kind == "l2":
            scale[cols] = np.log((1.0 + n) / (1.0 + df[cols])) + 1.0
        elif kind == "dense":
            block = raw[:, cols]
            mean = np.asarray(block.mean(axis=0)).ravel()
            sd = np.sqrt(np.maximum(np.asarray(block.multiply(block).mean(axis=0)).ravel() - mean ** 2, 1e-12))
            scale[cols] = 1.0 / sd
    return scale


def scaled(raw: sparse.csr_matrix, scale: np.ndarray, group_of: np.ndarray) -> sparse.csr_matrix:
    """The rows scaled as the model scores them: column scales, L2 norm within ``l2`` groups, group weights."""
    x = sparse.csr_matrix(raw.multiply(scale[None, :]))
    x.sort_indices()
    members = sparse.csr_matrix((np.ones(len(group_of)), (np.arange(len(group_of)), group_of)),
                                shape=(len(group_of), len(GROUPS)))
    norms = np.sqrt(np.asarray((x.multiply(x) @ members).todense()))
    factor = np.tile(np.array([w for _, _, w in GROUPS]), (x.shape[0], 1))
    l2 = np.array([kind == "l2" for _, kind, _ in GROUPS])
    with np.errstate(divide="ignore", invalid="ignore"):
        factor[:, l2] = np.where(norms[:, l2] > 0, factor[:, l2] / norms[:, l2], 0.0)
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    x.data = x.data * factor[rows, group_of[x.indices]]
    return x


def fit(features: list[dict], labels: np.ndarray) -> dict:
    """The shipped model's JSON form, fitted on ``features`` and ``labels`` (class indices)."""
    vectorizer = DictVectorizer(sort=True)
    raw = vectorizer.fit_transform(features).tocsr().astype(np.float64)
    names = vectorizer.feature_names_
    index = {name: g for g, (name, _, _) in enumerate(GROUPS)}
    group_of = np.array([index[name.split(":", 1)[0]] for name in names])
    scale = group_scaling(raw, group_of)
    x = scaled(raw, scale, group_of)
    lr = LogisticRegression(C=SETTINGS["lr_C"], class_weight="balanced", max_iter=5000).fit(x, labels)
    nb_coef, nb_intercept = nb_lr(raw, x, labels, np.isin(group_of, [index[g] for g in SETTINGS["nb_groups"]]))
    df = np.asarray((raw != 0).sum(axis=0)).ravel()
    keep = [np.flatnonzero((group_of == g) & (df >= KEEP_MIN_DF)) for g in range(len(GROUPS))]
    order = np.concatenate(keep)
    return _rounded({
        "format": "presslens-target-sentiment/1", "classes": list(CLASSES),
        "fitted_on": f"NewsMTSC train ({len(labels)} targets); see bench/fit/target_sentiment.py",
        "settings": {**SETTINGS, "keep_min_df": KEEP_MIN_DF, "digits": DIGITS, "class_weight": "balanced"},
        "groups": [{"name": name, "kind": kind, "weight": weight} for name, kind, weight in GROUPS],
        "columns": {name: [names[j] for j in cols] for (name, _, _), cols in zip(GROUPS, keep)},
        "scale": {name: scale[cols].tolist() for (name, _, _), cols in zip(GROUPS, keep)},
        "lr": {"coef": lr.coef_[:, order].tolist(), "intercept": lr.intercept_.tolist()},
        "nb": {"coef": nb_coef[:, order].tolist(), "intercept": nb_intercept.tolist()},
        "ensemble_weight": SETTINGS["ensemble_weight"]})


def nb_lr(raw: sparse.csr_matrix, x: sparse.csr_matrix, labels: np.ndarray, nb_columns: np.ndarray):
    """One-vs-rest logistic regressions over the features times their log-count ratio (class against the rest,
    on ``nb_columns``; 1 elsewhere), the ratio folded back into the weights: ``(coef (3, D), intercept (3))``."""
    present = (raw != 0).astype(np.float64).tocsr()
    coefs, intercepts = [], []
    for c in range(len(CLASSES)):
        p = np.asarray(present[labels == c].sum(axis=0)).ravel() + SETTINGS["nb_alpha"]
        q = np.asarray(present[labels != c].sum(axis=0)).ravel() + SETTINGS["nb_alpha"]
        ratio = np.where(nb_columns, np.log((p / p.sum()) / (q / q.sum())), 1.0)
        model = LogisticRegression(C=SETTINGS["nb_C"], class_weight="balanced", max_iter=5000).fit(
            sparse.csr_matrix(x.multiply(ratio[None, :])), (labels == c).astype(int))
        coefs.append(model.coef_[0] * ratio)
        intercepts.append(model.intercept_[0])
    return np.array(coefs), np.array(intercepts)


def _rounded(value):
    """Floats rounded to ``DIGITS`` significant digits, so the file is smaller and identical across runs."""
    if isinstance(value, float):
        return float(f"{value:.{DIGITS}g}")
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def dumps(model: dict) -> str:
    """The JSON text of a model, as shipped."""
    return json.dumps(model, separators=(",", ":")) + "\n"


def predict(model: dict, features: list[dict]) -> np.ndarray:
    """Probabilities from a model's JSON form, by the package's own arithmetic."""
    return TargetModel.from_json(model).probabilities(features)


def cross_validate(features: list[dict], labels: np.ndarray, groups: list[str], *, jobs: int = 2) -> tuple:
    """Out-of-fold probabilities (each fold scored by the shipped kind of model fitted on the other folds) and
    the per-fold macro-F1."""
    from joblib import Parallel, delayed  # lazy: only the cross-validation runs folds in parallel

    folds = list(GroupKFold(FOLDS).split(features, labels, groups))
    results = Parallel(n_jobs=jobs)(delayed(_fold)(features, labels, train, test) for train, test in folds)
    probabilities, per_fold = np.zeros((len(labels), 3)), []
    for test, p in results:
        probabilities[test] = p
        per_fold.append(macro_f1(labels[test], p.argmax(axis=1), classes=range(3)))
    return probabilities, per_fold


def _fold(features, labels, train, test):
    model = fit([features[i] for i in train], labels[train])
    return test, predict(model, [features[i] for i in test])


def report(name: str, labels: np.ndarray, probabilities: np.ndarray) -> None:
    predicted = probabilities.argmax(axis=1)
    truth = [CLASSES[k] for k in labels]
    print(f"{name}: macro-F1 {macro_f1(labels, predicted, classes=range(3)):.4f}, accuracy "
          f"{(predicted == labels).mean():.4f}, n={len(labels)}")
    print(confusion(truth, [CLASSES[k] for k in predicted], classes=list(CLASSES)).to_string())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="refit and compare with the shipped file")
    parser.add_argument("--cv", action="store_true", help="also cross-validate on train and score devtest_mt")
    args = parser.parse_args()
    if newsmtsc_dir() is None:
        sys.exit("this script reads NewsMTSC: set NEWSMTSC_DIR to its folder (the one holding train.jsonl)")
    started = time.perf_counter()
    train = load_newsmtsc("train")
    features = featurise(train)
    labels = np.array([CLASSES.index(r["label"]) for r in train])
    model = fit(features, labels)
    text = dumps(model)
    if args.check:
        same = TARGET_SENTIMENT_JSON.exists() and TARGET_SENTIMENT_JSON.read_text(encoding="utf-8") == text
        print("identical to the shipped model" if same else "differs from the shipped model")
        sys.exit(0 if same else 1)
    TARGET_SENTIMENT_JSON.write_text(text, encoding="utf-8")
    columns = sum(len(c) for c in model["columns"].values())
    print(f"wrote {TARGET_SENTIMENT_JSON}: {columns} columns, {len(text.encode()) / 1e6:.1f} MB, "
          f"{time.perf_counter() - started:.0f} s")
    if args.cv:
        probabilities, per_fold = cross_validate(features, labels, [r["article"] for r in train])
        report("grouped 5-fold CV on train", labels, probabilities)
        print("per fold:", " ".join(f"{f:.4f}" for f in per_fold))
        held = load_newsmtsc("devtest_mt")
        report("devtest_mt (held out)", np.array([CLASSES.index(r["label"]) for r in held]),
               predict(model, featurise(held)))


if __name__ == "__main__":
    main()
