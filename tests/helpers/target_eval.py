"""Checking target sentiment (:mod:`analysis.scores.stance.target_model`) against NewsMTSC's human labels.

**NewsMTSC** (Hamborg & Donnay, EACL 2021; MIT licence): sentences of US political news, each target (a
mention of a person or body) labelled negative, neutral or positive by crowd workers. ``train.jsonl`` fits the
shipped model and chooses its settings by cross-validation grouped by article; ``devtest_mt.jsonl`` (every
sentence names two targets or more) is the held-out figure. Never bundled: the folder is found only where it
is said to be, a ``folder`` argument or ``$NEWSMTSC_DIR``. Used by ``bench/fit/target_sentiment.py`` and
``tests/scores/test_target_sentiment.py`` (which skip its checks without the data).
"""
from __future__ import annotations

import json
from pathlib import Path

from helpers.datasets import dataset_dir, split_file

SPLITS = ("train", "devtest_mt", "devtest_rw")
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def newsmtsc_dir(folder: str | Path | None = None) -> Path | None:
    """NewsMTSC's folder: ``folder``, else ``$NEWSMTSC_DIR``; None when neither holds ``train.jsonl``."""
    return dataset_dir(folder, "NEWSMTSC_DIR", "train.jsonl")


def load_newsmtsc(split: str, *, folder: str | Path | None = None) -> list[dict]:
    """One row per target: ``text`` (the sentence), ``start``, ``end``, ``others`` (the other targets' spans),
    ``label`` and ``article`` (the first three parts of ``primary_gid``, for grouped cross-validation), in the
    file's order. Raises ``FileNotFoundError`` naming the folder when absent."""
    path = split_file("NewsMTSC", split, SPLITS, folder=folder, variable="NEWSMTSC_DIR", marker="train.jsonl",
                      suffix=".jsonl")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        article = "_".join(record["primary_gid"].split("_")[:3])
        targets = record["targets"]
        for target in targets:
            others = [(o["from"], o["to"]) for o in targets if o is not target]
            rows.append({"text": record["sentence_normalized"], "start": target["from"], "end": target["to"],
                         "others": others, "label": POLARITY[target["polarity"]], "article": article})
    return rows
