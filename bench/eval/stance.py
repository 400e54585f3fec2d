"""How well the stance measure agrees with human judgement (PerSenT), part by part, and what it costs in speed.

    .venv/bin/python bench/eval/stance.py                 # ablation, shipped model, fixtures, speed
    .venv/bin/python bench/eval/stance.py --skip-speed

Ablation: each row switches on one more part of analysis.scores.stance (cumulatively) and refits the model exactly
as bench/fit/stance.py does (on PerSenT dev + fixed_test, regularisation and thresholds chosen by
cross-validation). "today" is the mean VADER of the sentences that name the actor, with thresholds fitted
the same way. Columns:
  dev CV     out-of-fold on dev (5 folds; the other folds plus fixed_test fit each model);
  random     random_test.csv, held out: never used to fit or choose anything.
  own set    PressLens's own same-story check set (tests/fixtures/stance/stories.yml, 45 article-actor labels).
The last row is the shipped model (data/stance_model.json); the script checks that it equals a refit.

Speed: score_corpus (what `presslens score` runs, 2 worker processes) on the same files in the same run,
without an actors file and with one (which adds actor matching and the stance step), alternating, best of 3;
and article_stance alone, in one process, on the scored sentences. PerSenT is read from $PERSENT_DIR.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import GENERATE, persent_dir  # noqa: E402
from fit.stance import best_thresholds, build_model, fit, out_of_fold, predict  # noqa: E402
from helpers import FIXTURES  # noqa: E402
from helpers.stance_eval import agreement, confusion, load_check_set, load_persent, persent_features  # noqa: E402

from analysis.content.actors import load_actors  # noqa: E402
from analysis.paths import ACTORS_YML, STANCE_MODEL_JSON  # noqa: E402
from analysis.pipeline.chunks import process_chunk, read_chunk  # noqa: E402
from analysis.pipeline.scoring import score_corpus  # noqa: E402
from analysis.pipeline.settings import Settings, Shared  # noqa: E402
from analysis.scores.stance.model import article_stance, load_stance_model, stance_label  # noqa: E402

ORDER = ("coreference", "proximity", "roles", "framing", "quotes", "article")
STANCE_FIXTURES = FIXTURES / "stance"


def ablation_rows() -> list[tuple[str, tuple[str, ...]]]:
    rows, parts = [("today: mean VADER of sentences naming the actor", ())], ()
    for part in ORDER:
        parts = (*parts, part)
        rows.append((f"+ {part}", parts))
    return rows


def evaluate(parts: tuple[str, ...], random_test: pd.DataFrame) -> dict:
    """Dev cross-validation and random_test figures of the model for ``parts``."""
    model, frame, _ = build_model(parts)
    held = persent_features(random_test, parts=parts)
    scores = predict(model, held)
    dev_cv, dev_frame, dev_scores = dev_cross_validation(frame, model)
    return {"random": agreement(scores, held["label"], stance_label(scores, tuple(model["thresholds"]))),
            "dev_cv": dev_cv, "dev_frame": dev_frame, "dev_scores": dev_scores, "model": model, "scores": scores,
            "held": held}


def dev_cross_validation(frame: pd.DataFrame, model: dict) -> tuple[dict, pd.DataFrame, np.ndarray]:
    """Out-of-fold figures on dev (each fold scored by a model fitted on the other dev folds and fixed_test,
    with thresholds chosen on those), the dev rows and their out-of-fold scores."""
    dev = frame[frame["article_id"].str.startswith("dev-")].reset_index(drop=True)
    others = frame[~frame["article_id"].str.startswith("dev-")]
    scores = np.zeros(len(dev))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(dev, dev["label"]):
        training = pd.concat([dev.iloc[train], others], ignore_index=True)
        inner = out_of_fold(training, model["features"], model["C"])
        fold_model = fit(training, model["features"], model["C"])
        cuts = best_thresholds(inner, training["label"].to_numpy())
        scores[test] = predict(fold_model, dev.iloc[test])
        dev.loc[dev.index[test], "_label"] = stance_label(scores[test], cuts)
    return agreement(scores, dev["label"], dev["_label"]), dev, scores


def fixture_figures(model: dict) -> dict:
    """Agreement on PressLens's own same-story, several-outlet check set (tests/fixtures/stance)."""
    sentences, articles, actors, labels = load_check_set(STANCE_FIXTURES)
    result = article_stance(sentences, actors, articles=articles, model=model)
    merged = labels.merge(result, on=["article_id", "actor"], how="left")
    merged["stance"] = merged["stance"].fillna(0.0)
    merged["stance_label"] = merged["stance_label"].fillna("neutral")
    return {**agreement(merged["stance"], merged["label"], merged["stance_label"]), "table": merged,
            **ordered_pairs(merged)}


def ordered_pairs(table: pd.DataFrame) -> dict:
    """Same story, same actor, two outlets labelled differently: how often the more favourable gets more stance."""
    value = table["label"].map({"negative": -1, "neutral": 0, "positive": 1})
    frame = table.assign(story=table["article_id"].str.split("/").str[0], value=value)
    pairs = frame.merge(frame, on=["story", "actor"])
    pairs = pairs[pairs["value_x"] > pairs["value_y"]]
    return {"pairs": len(pairs), "pairs_ordered": int((pairs["stance_x"] > pairs["stance_y"]).sum())}


def speed(repeats: int = 3) -> list[dict]:
    """score_corpus without and with actors (and so stance), on the generated corpus and on PerSenT's texts."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder, actors in _speed_corpora(Path(tmp)):
            out.append(_time_corpus(name, folder, actors, repeats))
    return out


def _speed_corpora(tmp: Path):
    """The two corpora: bench/data/generate.py's (real sentences of the bundled story, dense in its actors) and
    PerSenT random_test's texts with every target as an actor (written to a temporary folder only)."""
    generated = tmp / "generated"
    subprocess.run([sys.executable, str(GENERATE), "--articles", "1000",
                    "--out", str(generated)], check=True, stdout=subprocess.DEVNULL)
    yield "generated corpus (bench/data/generate.py, 1,000 articles), data/actors.yml", generated, str(ACTORS_YML)
    persent = tmp / "persent"
    persent.mkdir()
    articles = load_persent("random_test")
    for article_id, title, text in zip(articles["article_id"], articles["title"], articles["text"]):
        (persent / f"{article_id}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    actors = {e: {"type": "unknown", "aliases": [e]} for e in articles["entity"].unique()}
    actors_file = tmp / "persent_actors.yml"
    actors_file.write_text(yaml.safe_dump({"actors": actors}, allow_unicode=True), encoding="utf-8")
    yield f"PerSenT random_test texts ({len(articles)} articles), all {len(actors)} targets as actors", \
        persent, str(actors_file)


def _time_corpus(name: str, folder: Path, actors_path: str, repeats: int) -> dict:
    """Wall seconds of score_corpus (2 workers, as `presslens score`), without and with an actors file."""
    timings = {"today": [], "with stance": []}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeats):
            for label, actors in (("today", None), ("with stance", actors_path)):
                start = time.perf_counter()
                result = score_corpus(folder, Path(out) / "scores.parquet", actors=actors, workers=2, progress=False)
                timings[label].append(time.perf_counter() - start)
    today, with_stance = min(timings["today"]), min(timings["with stance"])
    return {"corpus": name, "articles": result.articles, "today_s": today, "stance_s": with_stance,
            "today_rate": result.articles / today, "with_stance_rate": result.articles / with_stance,
            "slower": with_stance / today - 1, "alone_s": _stance_alone(folder, actors_path, repeats)}


def _stance_alone(folder: Path, actors_path: str, repeats: int) -> float:
    """Seconds of article_stance alone, in one process, on the scored sentences of the whole corpus."""
    settings = Settings(root=str(folder))
    files = [(str(p), p.relative_to(folder).with_suffix("").as_posix(), None) for p in sorted(folder.rglob("*.txt"))]
    records = read_chunk((files, settings))["records"]
    tables = process_chunk((records, settings, Shared(templates={}, columns=(), carry=("source",))))["tables"]
    actors = load_actors(actors_path)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        article_stance(tables["sentences"], actors, articles=tables["articles"])
        times.append(time.perf_counter() - start)
    return min(times)


def _fmt(a: dict) -> str:
    return f"{a['macro_f1']:.3f} | {a['spearman']:.3f} | {a['auc_negative']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--speed-only", action="store_true")
    args = parser.parse_args()
    persent_dir()  # a one-line error when PerSenT is not given
    if args.speed_only:
        print_speed()
        return
    random_test = load_persent("random_test")
    print("## Ablation (PerSenT): macro-F1 | Spearman | AUC for negative\n")
    print("| measure | dev CV F1 | dev CV Spearman | dev CV AUC(neg) | random F1 | random Spearman | "
          "random AUC(neg) | own set F1 | own set Spearman | own set AUC(neg) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    last = None
    for label, parts in ablation_rows():
        last = evaluate(parts, random_test)
        own = fixture_figures(last["model"])
        print(f"| {label} | {_fmt(last['dev_cv'])} | {_fmt(last['random'])} | {_fmt(own)} |")
    shipped = load_stance_model(STANCE_MODEL_JSON)
    same = json.dumps(shipped, sort_keys=True) == json.dumps(last["model"], sort_keys=True)
    print(f"\nShipped model ({STANCE_MODEL_JSON.name}) equals the refit of the last row: {same}")
    print(f"Thresholds: {shipped['thresholds']}; C={shipped['C']}; parts: {', '.join(shipped['parts'])}\n")
    labels = stance_label(last["scores"], tuple(shipped["thresholds"]))
    print("## Confusion matrix on random_test (rows: human label; columns: measure)\n")
    print(_markdown(confusion(last["held"]["label"], labels)))
    print_evidence_bins(last["dev_frame"], last["dev_scores"], "dev, out-of-fold")
    print_evidence_bins(last["held"], last["scores"], "random_test")
    fixtures = fixture_figures(shipped)
    print(f"\n## Own fixture set (tests/fixtures/stance): n={fixtures['n']}, macro-F1 {fixtures['macro_f1']:.3f}, "
          f"Spearman {fixtures['spearman']:.3f}, AUC(negative) {fixtures['auc_negative']:.3f}; same story and "
          f"actor, outlets ordered as labelled in {fixtures['pairs_ordered']} of {fixtures['pairs']} pairs\n")
    table = fixtures["table"].sort_values("stance")
    print("| article | actor | label | stance | evidence |\n|---|---|---|---|---|")
    for row in table.itertuples():
        print(f"| {row.article_id} | {row.actor} | {row.label} | {row.stance:+.2f} | {row.evidence} |")
    if not args.skip_speed:
        print_speed()


def print_speed() -> None:
    print("\n## Speed: score_corpus with 2 workers, best of 3, without and with actors (and stance)\n")
    print("| corpus | articles | today s | with stance s | today articles/s | with stance articles/s | slower by "
          "| stance alone, 1 process |")
    print("|---|---|---|---|---|---|---|---|")
    for row in speed():
        print(f"| {row['corpus']} | {row['articles']} | {row['today_s']:.2f} | {row['stance_s']:.2f} | "
              f"{row['today_rate']:.0f} | {row['with_stance_rate']:.0f} | {row['slower']:.1%} | "
              f"{row['alone_s']:.2f} s ({1000 * row['alone_s'] / row['articles']:.1f} ms/article) |")


def _markdown(table: pd.DataFrame) -> str:
    head = f"| {table.index.name} \\ {table.columns.name} | " + " | ".join(map(str, table.columns)) + " |"
    rule = "|---" * (len(table.columns) + 1) + "|"
    body = [f"| {i} | " + " | ".join(str(v) for v in row) + " |" for i, row in zip(table.index, table.to_numpy())]
    return "\n".join([head, rule, *body])


def print_evidence_bins(frame: pd.DataFrame, scores: np.ndarray, name: str) -> None:
    """Agreement by number of evidence sentences: where the "no clear stance" line should fall."""
    print(f"\n## Agreement by evidence sentences ({name})\n")
    print("| evidence sentences | articles | Spearman | AUC(negative) |")
    print("|---|---|---|---|")
    frame = frame.assign(stance=scores)
    for label, mask in [("0-1", frame["n_evidence"] <= 1), ("2-3", frame["n_evidence"].between(2, 3)),
                        ("4+", frame["n_evidence"] >= 4), ("2+", frame["n_evidence"] >= 2)]:
        part = frame[mask]
        a = agreement(part["stance"], part["label"], part["label"])
        print(f"| {label} | {len(part)} | {a['spearman']:.3f} | {a['auc_negative']:.3f} |")


if __name__ == "__main__":
    main()
