"""Fit the stance model shipped in data/stance_model.json, from PerSenT's dev and fixed_test splits ($PERSENT_DIR).

    .venv/bin/python bench/fit/stance.py            # writes data/stance_model.json
    .venv/bin/python bench/fit/stance.py --check    # refits and says whether the shipped file is identical

The model is a multinomial logistic regression (scikit-learn, balanced class weights so the score does not
carry PerSenT's share of positive articles) on the features of analysis.scores.stance.model.stance_features, standardised.
The regularisation strength is chosen by 5-fold cross-validation repeated 3 times on the fitting data, and so
are the two thresholds that cut the stance score into negative / neutral / positive (those that maximise
macro-F1 on the out-of-fold scores). random_test.csv is never read here. Deterministic: fixed seeds, no
parallel fitting. scikit-learn is needed only here (the `bench` extra); the shipped model runs on numpy.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
import common  # noqa: E402  (also puts tests/ on the path)
from helpers.stance_eval import CLASSES, agreement, load_persent, macro_f1, persent_features  # noqa: E402

from analysis.paths import STANCE_MODEL_JSON  # noqa: E402
from analysis.scores.stance.reading import PARTS  # noqa: E402
from analysis.scores.stance.model import FEATURES, score_features, stance_from_probabilities, stance_label  # noqa: E402

FIT_SPLITS = ("dev", "fixed_test")
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
FOLDS, REPEATS = 5, 3


def features_for(splits, parts) -> pd.DataFrame:
    """The features (and labels) of PerSenT ``splits`` with the evidence ``parts`` switched on."""
    return pd.concat([persent_features(load_persent(s), parts=parts) for s in splits], ignore_index=True)


def columns_for(parts) -> list[str]:
    """The model's inputs when ``parts`` are on: ``tone`` always, each other feature with its part."""
    return [name for name, part in FEATURES.items() if part is None or part in parts]


def fit(frame: pd.DataFrame, columns: list[str], c: float) -> dict:
    """A fitted model as a JSON-ready dict (without ``parts`` and ``thresholds``)."""
    x = frame[columns].to_numpy(dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=10_000, tol=1e-8)
    model.fit((x - mean) / scale, frame["label"].to_numpy())
    assert list(model.classes_) == CLASSES
    return {"features": columns, "mean": mean.tolist(), "scale": scale.tolist(), "coef": model.coef_.tolist(),
            "intercept": model.intercept_.tolist(), "classes": CLASSES, "C": c}


def predict(model: dict, frame: pd.DataFrame) -> np.ndarray:
    """Stance scores of a fitted model (the run-time arithmetic of analysis.scores.stance.model)."""
    return stance_from_probabilities(score_features(frame, model), model["classes"])


def out_of_fold(frame: pd.DataFrame, columns: list[str], c: float, *, seed: int = 0) -> np.ndarray:
    """Stance scores for every row from models fitted without its fold, averaged over ``REPEATS`` splits."""
    scores = np.zeros(len(frame))
    for repeat in range(REPEATS):
        folds = StratifiedKFold(FOLDS, shuffle=True, random_state=seed + repeat)
        for train, test in folds.split(frame, frame["label"]):
            model = fit(frame.iloc[train], columns, c)
            scores[test] += predict(model, frame.iloc[test]) / REPEATS
    return scores


def best_thresholds(scores: np.ndarray, labels) -> tuple[float, float]:
    """The (low, high) cuts, on a grid of score quantiles, that maximise macro-F1."""
    grid = np.unique(np.round(np.quantile(scores, np.linspace(0.01, 0.99, 99)), 4))
    best, cuts = -1.0, (0.0, 0.0)
    for i, low in enumerate(grid):
        for high in grid[i:]:
            score = macro_f1(labels, stance_label(scores, (low, high)))
            if score > best:
                best, cuts = score, (float(low), float(high))
    return cuts


def choose(frame: pd.DataFrame, columns: list[str]) -> tuple[float, np.ndarray]:
    """The regularisation strength with the best out-of-fold Spearman, and its out-of-fold scores."""
    best = None
    for c in C_GRID:
        scores = out_of_fold(frame, columns, c)
        rho = agreement(scores, frame["label"], frame["label"])["spearman"]
        if best is None or rho > best[0] + 1e-9:
            best = (rho, c, scores)
    return best[1], best[2]


def build_model(parts=PARTS, splits=FIT_SPLITS) -> tuple[dict, pd.DataFrame, np.ndarray]:
    """Fit the model for ``parts``: returns (model, training features, out-of-fold scores)."""
    frame = features_for(splits, parts)
    columns = columns_for(parts)
    c, scores = choose(frame, columns)
    model = fit(frame, columns, c)
    model["thresholds"] = list(best_thresholds(scores, frame["label"].to_numpy()))
    model["parts"] = [p for p in PARTS if p in parts]
    model["fitted_on"] = f"PerSenT {' + '.join(splits)} ({len(frame)} articles); see bench/fit/stance.py"
    return _rounded(model), frame, scores


def _rounded(model: dict) -> dict:
    """Round floats to 6 significant digits, so the JSON is small and identical across runs."""
    def r(value):
        if isinstance(value, float):
            return float(f"{value:.6g}")
        if isinstance(value, list):
            return [r(v) for v in value]
        return value

    return {key: r(value) for key, value in model.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="refit and compare with the shipped file")
    args = parser.parse_args()
    common.persent_dir()  # a one-line error when PerSenT is not given
    model, frame, scores = build_model()
    text = json.dumps(model, indent=1) + "\n"
    if args.check:
        same = STANCE_MODEL_JSON.exists() and STANCE_MODEL_JSON.read_text(encoding="utf-8") == text
        print("identical to the shipped model" if same else "differs from the shipped model")
        sys.exit(0 if same else 1)
    STANCE_MODEL_JSON.write_text(text, encoding="utf-8")
    a = agreement(scores, frame["label"], stance_label(scores, tuple(model["thresholds"])))
    print(f"wrote {STANCE_MODEL_JSON}: C={model['C']}, thresholds={model['thresholds']}; out-of-fold on "
          f"{len(frame)} articles: macro-F1 {a['macro_f1']:.3f}, Spearman {a['spearman']:.3f}, "
          f"AUC(negative) {a['auc_negative']:.3f}")


if __name__ == "__main__":
    main()
