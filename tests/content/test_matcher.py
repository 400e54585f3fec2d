"""One matcher: globs, regexes and fixed words, case, hyphens, possessives, overlaps, and bounded time."""
import time

import pytest

from analysis.content.matcher import Matcher, PatternError, glob_match, pattern_alternatives, regex_problem


def found(patterns, text, *, match="glob", scope="key"):
    entries = patterns if isinstance(patterns, dict) else {"k": patterns}
    return [m.text for m in Matcher(entries, match=match, scope=scope).find(text)]


@pytest.mark.parametrize("patterns, text, hits", [
    (["sanction*"], "Sanctions and sanctioned firms; no sanctuary.", ["Sanctions", "sanctioned"]),
    (["*deceit*"], "a deceitful act", ["deceitful"]),
    (["wom?n"], "women, woman, womb", ["women", "woman"]),
    (["Xi"], "Xi met Xinhua", ["Xi"]),
    (["china"], "China's and China’s ties", ["China's", "China’s"]),
    (["free trade"], "a free trade zone; free. Trade", ["free trade"]),
    (["election*"], "his re-election bid", ["election"]),
    (["trade", "free trade"], "free-trade deals", ["free-trade"]),  # one mention: the longest
    (["kremlin"], "a Kremlin-backed group", ["Kremlin"]),
    (["cooperation"], "co-operation", ["co-operation"]),
    (["co-operation"], "co-operation, co operation and cooperation", ["co-operation", "co operation",
                                                                      "cooperation"]),
    (["u.s."], "The U.S. and u.s. and US", ["U.S.", "u.s.", "US"]),  # "US" in capitals among lower case is "U.S."
    (["fbi"], "The F.B.I. and the FBI", ["F.B.I.", "FBI"]),
    (["lewis"], "Rep. John Lewis (D-Ga.) and R-Tenn.", ["Lewis"]),
    (["12-point"], "a 12-point plan", ["12-point"]),
])
def test_glob_matching(patterns, text, hits):
    assert found(patterns, text) == hits


@pytest.mark.parametrize("patterns, text, hits", [
    (["US", "trade"], "US officials, U.S. aid, tell us, Us too, USA", ["US", "U.S."]),
    (["WHO", "virus"], "the WHO said who knows", ["WHO"]),
    (["us", "trade"], "tell us about US", ["us"]),  # lower case: any case; "US" in capitals among lower case is "U.S."
    (["GOOD*", "BAD"], "good, Good, BAD", ["good", "Good", "BAD"]),  # an all-capitals dictionary ignores case
])
def test_capitals_rule(patterns, text, hits):
    assert found(patterns, text) == hits


def test_fixed_and_regex_match_types():
    assert found(["sanction"], "sanction sanctions", match="fixed") == ["sanction"]
    assert found([r"^sanction(s|ed)?$"], "sanction sanctions sanctioned sanctuary", match="regex") == [
        "sanction", "sanctions", "sanctioned"]
    assert found(["elect"], "elect electoral", match="regex") == ["elect", "electoral"]  # searched, not anchored
    assert found([r"^peace$ ^talks?$"], "peace talks, peace talk", match="regex") == ["peace talks", "peace talk"]


def test_overlaps_count_once_per_key_and_independently_across_keys():
    matcher = Matcher({"Trade": ["trade", "free trade zone"], "Zones": ["zone"]})
    assert [(m.key, m.text) for m in matcher.find("a free trade zone")] == [
        ("Trade", "free trade zone"), ("Zones", "zone")]
    tone = Matcher({"positive": ["good"], "neg_positive": ["not good"]}, scope="dictionary")
    assert [(m.key, m.text) for m in tone.find("not good, good")] == [("neg_positive", "not good"),
                                                                      ("positive", "good")]


def test_context_words_stop_at_punctuation():
    matcher = Matcher({"k": ["good"]})
    assert matcher.find("it was not very good", context=3)[0].before == ("was", "not", "very")
    assert matcher.find("not, good", context=3)[0].before == ()


@pytest.mark.parametrize("pattern, match, message", [
    ("*", "glob", "two characters"), ("a*", "glob", "two characters"), ("peace,", "glob", "not one word"),
    ("", "glob", "empty"), ("x", "maybe", "match type"), ("(a+)+", "regex", "exponential"),
    ("(a|ab)*c", "regex", "exponential"), (r"(\w)\1", "regex", "backreference"), ("[", "regex", "not a valid"),
    ("a*b*c*d*", "regex", "unbounded quantifiers"),
])
def test_bad_patterns_are_refused_with_a_reason(pattern, match, message):
    with pytest.raises(PatternError, match=message):
        pattern_alternatives(pattern, match=match)


@pytest.mark.parametrize("pattern", ["colou?r", "^elect", "(?:ing|ed)$", r"\d{4}", "^(?:north|south)ern$"])
def test_ordinary_regexes_are_allowed(pattern):
    assert regex_problem(pattern) is None


@pytest.mark.parametrize("glob, word, expected", [
    ("sanction*", "sanctions", True), ("*deceit*", "deceit", True), ("wom?n", "women", True),
    ("wom?n", "woman!", False), ("a*b*c", "axxbyyc", True), ("a*b*c", "axxbyy", False), ("*", "", True),
])
def test_glob_match(glob, word, expected):
    assert glob_match(glob, word) is expected


def test_no_pattern_backtracks_on_a_pathological_sentence():
    """The old keyword-in-context regex took 58 s on one sentence, for a pattern of standalone dashes.

    Such a pattern is now refused (a dash alone is punctuation, which no phrase crosses); patterns that
    repeat one word, and wildcards and regexes that could backtrack, stay fast on a long sentence."""
    with pytest.raises(PatternError, match="not one word"):
        Matcher({"k": [" - ".join(["war"] * 40)]})
    sentence = " ".join(["war"] * 1000 + ["war-war"] * 500) + " peace"
    globs = Matcher({"k": [" ".join(["war"] * 40), "*a*a*a*a*a*b", "war war war peace", "wa* wa* wa* wa* pe*",
                             "war-war war-war war-war war-war"]})
    with pytest.raises(PatternError, match="hyphenated words"):
        Matcher({"k": [" ".join(["war-war"] * 40)]})
    regexes = Matcher({"k": ["^w.*a.*r$", "a?a?a?a?a?aaaaa"]}, match="regex")
    for matcher in (globs, regexes):  # backtracking would take minutes (58 s for one sentence was seen): a hang guard
        start = time.perf_counter()
        matcher.find(sentence + " " + "a" * 10_000 + " " + "a" * 60)
        assert time.perf_counter() - start < 5.0


def test_the_gate_never_drops_a_match():
    """Passing over texts without tokenizing them (the Aho-Corasick gate) finds exactly what full matching finds."""
    import random

    from analysis.content.dictionaries import load_dictionary
    from analysis.paths import PROJECT_ROOT

    rng = random.Random(3)
    words = ["US", "U.S.", "us", "co-operation", "cooperation", "China's", "free-trade", "re-election", "Sanctions’",
             "WHO", "who", "trade", "war", "peace-talks", "election", "the", "strike", "port", "Xi", "ceasefire"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    paths = [PROJECT_ROOT / "data" / "topics.yml", *sorted((PROJECT_ROOT / "tests" / "fixtures" / "dictionaries").glob(
        "*.[ylcd]*"))]
    for path in paths:
        try:
            matcher = load_dictionary(path).matcher()
        except Exception:  # noqa: BLE001 - fixtures of invalid files are not matchers
            continue
        gated = [matcher.find(t) for t in texts]
        matcher._gate = None
        assert gated == [matcher.find(t) for t in texts], path.name
