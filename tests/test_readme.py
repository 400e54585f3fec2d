"""The README is the front door: its commands, and every figure it states, are true of the code and the data."""
import re
import sys

import pytest

from analysis.paths import PROJECT_ROOT
from helpers.voices_eval import evaluate

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
FLAT = " ".join(README.split())


def test_it_opens_with_the_two_commands():
    block = README.split("```")[1]
    assert block.strip().splitlines() == ["make report   # builds the HTML reports from the bundled corpus into reports/",
                                          "make test     # runs every test"]


def test_the_chart_caption_states_what_the_bundled_corpus_shows():
    from analysis import analyse
    from analysis.explore import views

    totals = views.voice_tone_totals(analyse(), measure="vader").set_index("voice")
    shares = {voice: round(100 * totals.loc[voice, "positive_share"]) for voice in totals.index}
    caption = " ".join(README[README.index("*The bundled corpus"):README.index("(`tests/test_readme.py`")].split())
    assert f"mixed sentences carry {shares['mixed']}%" in caption
    assert f"narration {shares['narration']}%" in caption and f"quoted speech {shares['quote']}%" in caption
    assert max(shares.values()) <= 50 and "no voice carries most of it" in caption
    negative = round(100 * totals.loc["narration", "negative_share"])
    assert f"narration carries {negative}% of the negative tone" in caption
    assert (totals["negative_share"].idxmax() == "narration")


def test_the_voice_figures_are_those_of_the_independent_set():
    result = evaluate(PROJECT_ROOT / "tests" / "fixtures" / "voices" / "eval" / "labels.jsonl")
    assert f"{result['n_labels']} sentences" in FLAT
    assert f"right for {100 * result['voice_accuracy']:.1f}%" in FLAT
    assert f"right {100 * result['speaker_precision']:.1f}% of the time" in FLAT
    assert f"for {100 * result['speaker_recall']:.1f}% of the quotes" in FLAT


def test_the_stance_figures_are_those_of_docs_stance():
    stance = (PROJECT_ROOT / "docs" / "stance.md").read_text(encoding="utf-8")
    held_out = next(line for line in stance.splitlines() if line.startswith("| PerSenT random_test |"))
    cells = [c.strip(" *") for c in held_out.split("|")]
    f1, spearman, auc = cells[3], cells[4], cells[5]
    assert f"Spearman {spearman} and macro-F1 {f1}" in FLAT
    assert f"AUC {auc}" in FLAT
    ordered = next(line for line in stance.splitlines() if line.startswith("| **stance-us test** |"))
    assert f"only {ordered.split('|')[6].strip(' *')} of pairs" in FLAT


@pytest.mark.parametrize("path", re.findall(r"\]\((docs/[^)]+)\)", README) + re.findall(r"`(docs/[\w.-]+)`", README))
def test_every_document_it_points_to_exists(path):
    assert (PROJECT_ROOT / path).exists(), path
