"""Same fact or not: compare_sentences at the edges the issue names, and the quantities it reads."""
import json

import pytest

from analysis import compare_sentences
from analysis.errors import OptionError
from analysis.paths import PROJECT_ROOT
from analysis.stories.lexicon import fact_words
from analysis.stories.quantities import pieces, read_quantities
from analysis.stories.similarity import model, similarity, similarity_reaching
from analysis.stories.statements import statement


def same(a: str, b: str) -> bool:
    return bool(compare_sentences([a], [b])["same"].iloc[0])


@pytest.mark.parametrize("a, b", [
    ("Shares of Norcastle rose 5% on Tuesday.", "Shares of Norcastle rose 5% on Tuesday."),  # an exact copy
    ("Shares of Norcastle rose 5% on Tuesday.", "Norcastle shares climbed 5 per cent on Tuesday."),
    ("Jim Mattis said the troops would stay in Kabul until spring.",
     "The troops will stay in Kabul until spring, Mr Mattis said."),  # names in part, attribution moved
    ("The council approved the budget of $2.5bn after a long debate on Monday.",
     "After a long debate on Monday, the council approved a 2.5 billion dollar budget."),  # reordered, numbers
    ("Unemployment fell to five percent in March, the ministry said.",
     "The ministry said unemployment dropped to 5% in March."),
])
def test_the_same_fact_in_other_words(a, b):
    assert same(a, b)


@pytest.mark.parametrize("a, b", [
    ("Shares of Norcastle rose 5% on Tuesday.", "Shares of Norcastle fell 5% on Tuesday."),  # same words, other fact
    ("The council approved the budget on Monday.", "The council rejected the budget on Monday."),
    ("Fifty people were injured in the blast, police said.", "Fifteen people were injured in the blast, police said."),
    ("The company said it would not close the plant.", "The company said it would close the plant."),
    ("The strike began on Tuesday.", "The strike began on Wednesday."),
    ("Harrowgate accused Teague of cutting food aid.", "Teague accused Harrowgate of cutting food aid."),
])
def test_two_different_facts_with_the_same_words(a, b):
    assert not same(a, b)


def test_similarity_is_between_0_and_1_and_symmetric_enough():
    table = compare_sentences(["Talks collapsed.", "A deal was signed in Oslo on Friday."],
                              ["Talks collapsed.", "The weather was fine."])
    assert table["similarity"].between(0, 1).all()
    assert table["same"].tolist() == [True, False]
    assert list(table.columns) == ["left", "right", "similarity", "same"]
    a, b = statement("Profits rose 12% to £3m."), statement("Profit climbed 12 per cent to £3 million.")
    assert abs(similarity(a, b) - similarity(b, a)) < 1e-9
    assert 0 < model().same_at < 1


def test_the_shortcut_gives_the_same_answer_as_the_full_score():
    # similarity_reaching skips the contradictions when the overlap alone falls short: on every labelled pair
    # (both directions) and at thresholds around the fitted one, it returns the score exactly, or None below it.
    pairs = [json.loads(line) for name in ("dev.jsonl", "test.jsonl")
             for line in (PROJECT_ROOT / "tests" / "fixtures" / "pairs" / name).read_text().splitlines() if line]
    checked = reached = 0
    for pair in pairs:
        a, b = statement(pair["left"]), statement(pair["right"])
        for x, y in ((a, b), (b, a)):
            score = similarity(x, y)
            for threshold in (0.2, model().same_at, 0.7):
                got = similarity_reaching(x, y, threshold)
                assert got == (score if score >= threshold else None)
                checked += 1
                reached += got is not None
    assert checked > 1000 and 0 < reached < checked


def test_unequal_lengths_and_non_text_are_one_line_errors():
    with pytest.raises(OptionError, match="same length, not 2 and 1"):
        compare_sentences(["a", "b"], ["c"])
    with pytest.raises(OptionError, match="not NoneType"):
        compare_sentences([None], ["c"])


@pytest.mark.parametrize("text, values, kind", [
    ("5%", [5.0], "pct"), ("5 per cent", [5.0], "pct"), ("five percent", [5.0], "pct"),
    ("$2.5bn", [2.5e9], "money"), ("2.5 billion dollars", [2.5e9], "money"), ("C$55bn", [55e9], "money"),
    ("25 basis points", [0.25], "pp"), ("a quarter of a percentage point", [0.25], "pp"),
    ("1,200 jobs", [1200.0], "count"), ("sixty-seven votes", [67.0], "count"), ("1 200 troops", [1200.0], "count"),
])
def test_quantities_written_every_way(text, values, kind):
    parts = pieces(text)
    low = [p.raw.lower() if p.kind == "word" else "" for p in parts]
    found, _, _ = read_quantities(parts, low, fact_words())
    assert [q.value for q in found] == values and found[0].kind == kind


def test_dates_and_times_are_not_quantities():
    parts = pieces("On March 4, 2024 at 9:14 p.m. the 2027-28 budget passed")
    low = [p.raw.lower() if p.kind == "word" else "" for p in parts]
    found, times, _ = read_quantities(parts, low, fact_words())
    assert found == [] and times == {"day": {"3-4"}, "year": {2024, 2027, 2028}, "clock": {"9:14p"}}
