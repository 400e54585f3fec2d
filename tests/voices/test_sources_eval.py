"""The sources table against hand-written sources labels (tests/helpers/sources_eval.py), on every set that has them."""
import pytest
from helpers import FIXTURES, sources_eval

SETS = sorted(p.parent for p in (FIXTURES / "voices").glob("*/sources.jsonl"))
GOAL = {"found": 0.90, "right": 0.90, "kind": 0.95, "gender_precision": 0.95}


def test_names_are_compared_as_the_voices_scorer_compares_them():
    assert sources_eval.same_source("Mr. James B. Calloway", "James B. Calloway")
    assert sources_eval.same_source("James Calloway", "James B. Calloway")
    assert not sources_eval.same_source("Calloway", "James B. Calloway")


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_sources_meet_the_goal(folder):
    result = sources_eval.evaluate(folder)
    shortfalls = {k: round(result[k], 3) for k, goal in GOAL.items() if result[k] is not None and result[k] < goal}
    assert not shortfalls, f"{folder.name}: below {GOAL}: {shortfalls}; errors: {result['errors'][:15]}"
