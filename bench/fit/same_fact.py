"""Fit the weights of same-fact comparison, shipped in data/same_fact_model.json.

    .venv/bin/python bench/fit/same_fact.py            # writes data/same_fact_model.json
    .venv/bin/python bench/fit/same_fact.py --check    # refits and says whether the shipped file is identical

Three steps (analysis.stories.similarity explains the model), on PressLens's own labelled sets only (the test
sets, tests/fixtures/pairs/test.jsonl and tests/fixtures/stories/test, are never read here):

1. **Overlap weights** (bias, F, min(P, R), bigrams; each held at zero or above, so that more shared content
   never lowers the score): an L2 logistic regression on *natural* pairs, the story pairs of
   tests/fixtures/stories/dev and the pairs of tests/fixtures/pairs/news_style.tsv, the classes weighed to two
   pairs in three the same, as in news sentence pairs drawn from one event. The near-copy pairs
   (pairs/dev.jsonl) are left out of this step: they were written so that word overlap says nothing there.
2. **Penalties** (each at zero or above, subtracted): an L2 logistic regression on natural and near-copy pairs,
   with step 1's logit as a fixed offset: the near-copies tell how far a contradiction must push two sentences
   that share their words apart.
3. **The threshold** SAME_AT: the one of best mean accuracy over the two kinds of pairs (the natural pairs
   weighed to two in three the same, and the near-copies as written), on a grid of 0.01: a public set of news
   sentence pairs holds both kinds, pairs from one event and pairs chosen because they share most words.

Deterministic (no randomness): the same data give the same file, byte for byte.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import ROOT  # noqa: E402
from helpers.stories_sets import news_style_pairs, sentence_pairs, story_pairs  # noqa: E402

from analysis.stories.similarity import PENALTIES, SAME_FACT_MODEL_JSON, features  # noqa: E402
from analysis.stories.statements import statement  # noqa: E402

OVERLAP = ["f", "min", "bigram"]
L2_OVERLAP, L2_PENALTY = 1e-3, 1e-4
PRIOR_SAME = 2 / 3


def matrices(pairs):
    read = {}
    for left, right, *_ in pairs:
        for sentence in (left, right):
            if sentence not in read:
                read[sentence] = statement(sentence)
    found = [features(read[left], read[right]) for left, right, *_ in pairs]
    overlap = np.array([[f[name] for name in OVERLAP] for f in found], dtype=float)
    penalties = np.array([[float(f[name]) for name in PENALTIES] for f in found], dtype=float)
    return overlap, penalties, np.array([1.0 if same else 0.0 for _, _, same, _ in pairs])


def logistic(x, y, weights, l2, bounds, offset=None):
    share = weights / weights.sum()
    offset = np.zeros(len(y)) if offset is None else offset

    def loss(w):
        p = 1.0 / (1.0 + np.exp(-(x @ w[1:] + w[0] + offset)))
        value = -np.sum(share * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))) + l2 * np.sum(w[1:] ** 2)
        gradient = np.concatenate([[np.sum(share * (p - y))], x.T @ (share * (p - y))])
        return value, gradient + np.concatenate([[0.0], 2 * l2 * w[1:]])

    return minimize(loss, np.zeros(x.shape[1] + 1), jac=True, bounds=bounds, method="L-BFGS-B",
                    options={"maxiter": 5000, "gtol": 1e-10, "ftol": 1e-15}).x


def balanced(y):
    same = y.sum()
    return np.where(y > 0, PRIOR_SAME / same, (1 - PRIOR_SAME) / (len(y) - same)) * len(y)


def fit() -> dict:
    natural = story_pairs("dev") + news_style_pairs()
    near_copies = sentence_pairs("dev")
    overlap_n, penalties_n, y_n = matrices(natural)
    overlap_c, penalties_c, y_c = matrices(near_copies)
    weights_n = balanced(y_n)
    step1 = logistic(overlap_n, y_n, weights_n, L2_OVERLAP, [(None, None)] + [(0.0, None)] * len(OVERLAP))
    offset = np.concatenate([overlap_n @ step1[1:] + step1[0], overlap_c @ step1[1:] + step1[0]])
    step2 = logistic(-np.vstack([penalties_n, penalties_c]), np.concatenate([y_n, y_c]),
                     np.concatenate([weights_n, balanced(y_c)]), L2_PENALTY,
                     [(0.0, 0.0)] + [(0.0, None)] * len(PENALTIES), offset=offset)
    rounded = [round(float(v), 4) for v in step1]
    penalty = {name: round(float(v), 4) for name, v in zip(PENALTIES, step2[1:])}
    weights_c = np.ones(len(y_c))  # the near-copies as they were written

    def probability(overlap, penalties):
        logit = overlap @ np.array(rounded[1:]) + rounded[0] - penalties @ np.array([penalty[n] for n in PENALTIES])
        return 1 / (1 + np.exp(-logit))

    def accuracy(p, y, weights, t):
        return float(np.sum(weights * ((p >= t) == (y > 0))) / weights.sum())

    p_n, p_c = probability(overlap_n, penalties_n), probability(overlap_c, penalties_c)
    best = max(((accuracy(p_n, y_n, weights_n, t) + accuracy(p_c, y_c, weights_c, t)) / 2, -t)
               for t in np.round(np.arange(0.05, 0.96, 0.01), 2))
    return {"bias": rounded[0], "overlap": dict(zip(OVERLAP, rounded[1:])), "penalty": penalty,
            "same_at": float(-best[1]),
            "fitted_on": {"natural_pairs": len(natural), "near_copy_pairs": len(near_copies),
                          "mean_accuracy_at_same_at": round(best[0], 4), "script": "bench/fit/same_fact.py"}}


def dumps(model: dict) -> str:
    return json.dumps(model, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    text = dumps(fit())
    if "--check" in sys.argv:
        same = SAME_FACT_MODEL_JSON.read_text(encoding="utf-8") == text
        print("identical" if same else "differs")
        sys.exit(0 if same else 1)
    SAME_FACT_MODEL_JSON.write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"wrote {SAME_FACT_MODEL_JSON.relative_to(ROOT)}")
