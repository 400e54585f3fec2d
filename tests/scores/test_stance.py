"""Stance toward an actor: each evidence rule at its edges, the data files, the model, and agreement with people.

The agreement tests read PerSenT from $PERSENT_DIR (or shared/data/persent beside the project) and are
skipped, with the reason, when it is absent; the own check set (tests/fixtures/stance) always runs.
"""
import json

import numpy as np
import pandas as pd
import pytest

from analysis.errors import DataFileError
from analysis.paths import PROJECT_ROOT
from analysis.scores.stance.evidence import clauses, nearby_events, proximity, roles
from analysis.scores.stance.framing import load_framing_verbs
from analysis.scores.stance.model import (MIN_EVIDENCE, STANCE_COLUMNS, article_stance, load_stance_model,
                                          score_features, stance_label)
from analysis.scores.stance.reading import stance_evidence
from analysis.scores.stance.spans import ActorMatcher, ArticleMentions, expand_aliases, find_mentions, is_person
from analysis.voices.voices import split_sentences
from helpers.stance_eval import (agreement, auc, confusion, load_check_set, load_persent, macro_f1, persent_dir,
                                 persent_features, refit_differs)

SMITH = {"John Smith": {"type": "person", "aliases": ["John Smith"]}}
TWO = {**SMITH, "Mary Jones": {"type": "person", "aliases": ["Mary Jones"]}}
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "stance"
# Goal of issue 15, on PerSenT's random test split.
GOAL = {"macro_f1": 0.55, "spearman": 0.45}
# Issue 22's floor on random_test: not below what the measure gave before it (macro-F1 0.434, Spearman 0.308,
# AUC 0.699); the shipped model measures 0.469, 0.349 and 0.737 (docs/stance.md).
SHIPPED_FLOOR = {"macro_f1": 0.434, "spearman": 0.308, "auc_negative": 0.699}


def sentences(*texts, article_id="a"):
    return pd.DataFrame({"article_id": article_id, "sentence_no": range(len(texts)), "text": list(texts)})


def evidence(text, actors=SMITH, **options):
    return stance_evidence(sentences(text), actors, **options).set_index("actor")


# --- data files -------------------------------------------------------------------------------------------------

def test_framing_list_loads_with_inflections_through_lemmas():
    frames = load_framing_verbs()
    assert frames.frames_of("accused")["event"].target < 0
    assert frames.frames_of("praises")["event"].target > 0
    assert frames.frames_of("claimed")["speech"].doer < 0
    assert frames.frames_of("arrest").keys() == {"event", "noun"}
    assert frames.frames_of("table") is None


@pytest.mark.parametrize("body, message", [
    ("word\tkind\tdoer\n", "expected the header"),
    ("word\tkind\tdoer\ttarget\nsay\tverb\t0\t0\n", ":3: need 4 tab-separated cells"),
    ("word\tkind\tdoer\ttarget\nsay\tspeech\tzero\t0\n", ":3: doer and target must be numbers"),
    ("word\tkind\tdoer\ttarget\nsay\tspeech\t3\t0\n", ":3: doer and target must be numbers from -2 to 2"),
])
def test_a_malformed_framing_list_names_the_line(tmp_path, body, message):
    path = tmp_path / "frames.tsv"
    path.write_text("# a comment\n" + body, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_framing_verbs.__wrapped__(path)


def test_the_shipped_model_has_what_scoring_needs():
    model = load_stance_model()
    n = len(model["features"])
    assert np.shape(model["coef"]) == (3, n) and len(model["mean"]) == len(model["scale"]) == n
    assert model["classes"] == ["negative", "neutral", "positive"]
    assert model["thresholds"][0] < model["thresholds"][1]


def test_a_model_file_without_weights_says_how_to_rebuild_it(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"features": []}), encoding="utf-8")
    with pytest.raises(DataFileError, match="bench/fit/stance.py"):
        load_stance_model.__wrapped__(path)


# --- mentions -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, entry, expected", [
    ("John Smith", {"type": "person"}, True),
    ("China", {"type": "country"}, False),
    ("Norvane", {"type": "company"}, False),
    ("Bank of America", {"type": "unknown"}, False),
    ("Benjamin Koellmann", {"type": "unknown"}, True),
    ("Trump", {}, True),
])
def test_who_pronouns_may_refer_to(name, entry, expected):
    assert is_person(name, entry) is expected


@pytest.mark.parametrize("actors, expected", [
    (SMITH, {"John Smith": ["John Smith", "Smith"]}),
    ({"Bank of America": {"type": "org", "aliases": ["Bank of America"]}}, {"Bank of America": ["Bank of America"]}),
    ({"John Smith": {"type": "person", "aliases": ["John Smith"]},
      "Anna Smith": {"type": "person", "aliases": ["Anna Smith"]}},  # a shared surname is nobody's alias
     {"John Smith": ["John Smith"], "Anna Smith": ["Anna Smith"]}),
    ({"Trump": {"type": "person", "aliases": ["Trump"]}}, {"Trump": ["Trump"]}),
])
def test_surnames_become_aliases_only_when_unambiguous(actors, expected):
    assert {name: entry["aliases"] for name, entry in expand_aliases(actors).items()} == expected


def _spans(texts, actors=TWO):
    mentions = ArticleMentions(texts, ActorMatcher.build(actors))
    return [[(text[s.start:s.end], s.actor, s.kind) for s in mentions.spans_in(n)] for n, text in enumerate(texts)]


def test_a_pronoun_refers_to_the_only_person_named_just_before():
    found = _spans(["John Smith arrived.", "He spoke to reporters.", "Later his aides left."])
    assert found[1] == [("He", "John Smith", "pronoun")]
    assert found[2] == [("his", "John Smith", "pronoun")]


def test_a_pronoun_after_two_people_refers_to_the_one_of_its_gender():
    assert _spans(["John Smith met Mary Jones.", "He smiled.", "She left."])[1:] == [
        [("He", "John Smith", "pronoun")], [("She", "Mary Jones", "pronoun")]]


def test_a_pronoun_too_far_from_any_actor_refers_to_nobody():
    assert _spans(["John Smith arrived.", *["Rain fell."] * 13, "He left."])[-1] == []


def test_a_title_seen_before_a_name_refers_back_to_it():
    found = _spans(["Senator John Smith spoke.", "Rain fell.", "Rain fell.", "Rain fell.", "The senator left."])
    assert found[4] == [("The senator", "John Smith", "title")]


def test_pronouns_never_refer_to_a_country():
    actors = {"China": {"type": "country", "aliases": ["China"]}}
    assert _spans(["China objected.", "He said so."], actors)[1] == []


def test_find_mentions_counts_names_titles_and_pronouns_per_sentence():
    found = find_mentions(sentences("President John Smith spoke.", "The president said he was tired."), SMITH)
    assert found[["sentence_no", "n_names", "n_titles", "n_pronouns"]].values.tolist() == [[0, 1, 0, 0],
                                                                                         [1, 0, 1, 1]]
    assert find_mentions(sentences("The president said he was tired.", "Smith left."), SMITH,
                         coreference=False)["sentence_no"].tolist() == [1]


# --- evidence in a clause -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Smith, the mayor, won.", [["smith"], ["the", "mayor"], ["won"]]),
    ("“It failed” Smith said.", [["it", "failed"], ["smith", "said"]]),
    ("Smith's aides left; critics cheered.", [["smith", "aides", "left"], ["critics", "cheered"]]),
    ("No commas here at all", [["no", "commas", "here", "at", "all"]]),
])
def test_clauses_are_the_words_between_punctuation(text, expected):
    assert clauses(text) == expected


@pytest.mark.parametrize("tokens, marks, sign, words", [
    ("x a b c d great".split(), [0], 1, ["great"]),          # five words away: counts
    ("x a b c d e great".split(), [0], 0, []),               # six words away: does not
    ("great a b c d e x".split(), [6], 0, []),
    ("x is not great".split(), [0], -1, ["great"]),          # negated: flips
    ("x is a terrible danger".split(), [0], -1, ["terrible", "danger"]),
])
def test_proximity_reads_only_words_near_a_mention(tokens, marks, sign, words):
    value, found = proximity(tokens, marks)
    assert np.sign(round(value, 6)) == sign
    assert [w for w, _ in found] == words


def test_nearby_events_read_event_words_but_not_reporting_verbs():
    frames = load_framing_verbs()
    value, found = nearby_events("x faces an indictment".split(), [0], frames)
    assert value < 0 and [w for w, _ in found] == ["indictment (event)"]
    assert nearby_events("x claimed it".split(), [0], frames) == (0.0, [])


@pytest.mark.parametrize("text, role, sign", [
    ("critics accused qqa0qq of lying", "target", -1),
    ("qqa0qq was arrested on monday", "target", -1),
    ("qqa0qq has repeatedly attacked reporters", "doer", -1),
    ("qqa0qq did not lie", "doer", 1),
    ("the crowd was praised by qqa0qq", "doer", 1),
    ("the arrest of qqa0qq shocked them", "target", -1),
    ("qqa0sqq victory surprised them", "doer", 1),
    ("qqa0qq claimed the vote was rigged", "framing", -1),
    ("it was rigged conceded qqa0qq", "framing", -1),
    ("qqa0qq won the final", "doer", 1),
    ("qqa0qq accused of fraud", "target", -1),            # a headline's passive without "was"
])
def test_roles_find_who_did_what(text, role, sign):
    words = text.split()
    marks = [(words.index(w), w.endswith("sqq")) for w in words if w.startswith("qqa")]
    found = roles([w for w in words], marks, load_framing_verbs())
    assert [(r, np.sign(v)) for r, v, _ in found] == [(role, sign)]


@pytest.mark.parametrize("text", [
    "qqa0qq told police who later arrested the thief",  # the arrest is not the actor's
    "qqa0qq met the family of the man they accused",      # too far, and not the actor's role
    "qqa0qq accused the board of fraud",                  # active: accusing blames the board, not the actor
])
def test_roles_ignore_acts_that_are_not_the_actors(text):
    words = text.split()
    assert roles(words, [(0, False)], load_framing_verbs()) == []


def test_evidence_is_read_per_actor_in_a_sentence_that_names_two():
    found = evidence("John Smith praised the plan, but critics accused Mary Jones of lying.", TWO)
    assert found.loc["John Smith", "target"] == 0 and found.loc["Mary Jones", "target"] < 0
    assert found.loc["John Smith", "near"] > 0 > found.loc["Mary Jones", "near"]


@pytest.mark.parametrize("text, voice, speaker, channel", [
    ("“We will win,” John Smith said.", "quote", "John Smith", "own"),
    ("“John Smith is a liar,” Mary Jones said.", "quote", "Mary Jones", "quoted"),
    ("John Smith denied it, and Jones said “the talks failed.”", "mixed", "Mary Jones", "narration"),
    ("John Smith denied it.", "narration", None, "narration"),
])
def test_quotes_are_told_apart_from_narration(text, voice, speaker, channel):
    frame = sentences(text).assign(voice=voice, speaker=speaker)
    assert stance_evidence(frame, SMITH)["channel"].tolist() == [channel]


def test_without_the_quotes_part_every_channel_is_narration():
    frame = sentences("“We will win,” John Smith said.").assign(voice="quote", speaker="John Smith")
    assert stance_evidence(frame, SMITH, parts=("proximity",))["channel"].tolist() == ["narration"]


def test_the_headline_and_lede_are_marked():
    articles = pd.DataFrame({"article_id": ["a"], "title": ["SMITH ACCUSED OF FRAUD"]})
    found = stance_evidence(sentences("Smith spoke.", "Smith left.", "Smith slept."), SMITH, articles=articles)
    assert found[["sentence_no", "channel", "lede"]].values.tolist() == [
        [-1, "headline", False], [0, "narration", True], [1, "narration", True], [2, "narration", False]]
    assert found.loc[0, "target"] < 0  # an all-capitals headline is still read


def test_unknown_parts_are_refused():
    with pytest.raises(ValueError, match="unknown stance parts"):
        stance_evidence(sentences("Smith spoke."), SMITH, parts=("sarcasm",))


def test_missing_columns_name_the_fix():
    with pytest.raises(KeyError, match="split_sentences"):
        stance_evidence(pd.DataFrame({"article_id": ["a"], "text": ["x"]}), SMITH)


# --- per article --------------------------------------------------------------------------------------------------

STORY = ("Senator John Smith was cleared on Monday, and colleagues praised his work on hospitals. "
         "Smith thanked his staff. Critics accused Mary Jones of smearing him.")


def test_article_stance_has_its_columns_ranges_and_evidence():
    articles = pd.DataFrame({"article_id": ["a"], "title": ["Smith cleared"], "text": [STORY]})
    out = article_stance(split_sentences(articles), TWO, articles=articles)
    assert list(out.columns) == STANCE_COLUMNS
    assert out["stance"].between(-1, 1).all()
    assert set(out["stance_label"]) <= {"negative", "neutral", "positive"}
    by_actor = out.set_index("actor")
    assert by_actor.loc["John Smith", "stance"] > by_actor.loc["Mary Jones", "stance"]
    assert "cleared" in by_actor.loc["John Smith", "evidence"]
    assert (out["clear"] == (out["n_evidence"] >= MIN_EVIDENCE)).all()


def test_each_article_is_read_on_its_own():
    one = sentences(*split_sentences(pd.DataFrame({"article_id": ["a"], "text": [STORY]}))["text"])
    other = sentences("He was praised by everyone.", "Mary Jones won.", article_id="b")
    alone = article_stance(one, TWO)
    together = article_stance(pd.concat([other, one, other.assign(article_id="c")]), TWO)
    pd.testing.assert_frame_equal(alone, together[together["article_id"] == "a"].reset_index(drop=True))


def test_no_mention_gives_no_rows():
    out = article_stance(sentences("Rain fell on the port."), TWO)
    assert out.empty and list(out.columns) == STANCE_COLUMNS


def test_a_scored_vader_column_is_used_as_given():
    frame = sentences("John Smith spoke.")
    found = stance_evidence(frame.assign(vader=0.5), SMITH)
    assert found["vader"].tolist() == [0.5]


@pytest.mark.parametrize("stance, label", [(-0.9, "negative"), (0.0, "neutral"), (0.9, "positive")])
def test_labels_follow_the_thresholds(stance, label):
    assert stance_label(np.array([stance]), (-0.2, 0.1)).tolist() == [label]


def test_the_model_gives_probabilities():
    model = load_stance_model()
    features = pd.DataFrame(np.random.default_rng(0).normal(size=(5, len(model["features"]))),
                            columns=model["features"])
    p = score_features(features, model)
    assert p.shape == (5, 3) and np.allclose(p.sum(axis=1), 1) and (p >= 0).all()


# --- agreement measures -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("truth, predicted, expected", [
    (["negative", "neutral", "positive"], ["negative", "neutral", "positive"], 1.0),
    (["negative", "neutral", "positive"], ["positive", "positive", "positive"], (0 + 0 + 0.5) / 3),
])
def test_macro_f1(truth, predicted, expected):
    assert macro_f1(truth, predicted) == pytest.approx(expected)


@pytest.mark.parametrize("scores, positives, expected", [
    ([3, 2, 1, 0], [True, True, False, False], 1.0),
    ([0, 1, 2, 3], [True, True, False, False], 0.0),
    ([1, 1, 1, 1], [True, False, True, False], 0.5),
    ([1, 2], [False, False], None),
])
def test_auc(scores, positives, expected):
    result = auc(scores, positives)
    assert np.isnan(result) if expected is None else result == pytest.approx(expected)


def test_confusion_keeps_every_class():
    table = confusion(["negative", "positive"], ["negative", "negative"])
    assert table.shape == (3, 3) and table.loc["positive", "negative"] == 1 and table.values.sum() == 2


# --- agreement with people ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def own_set():
    sentences_, articles, actors, labels = load_check_set(FIXTURES)
    result = article_stance(sentences_, actors, articles=articles)
    merged = labels.merge(result, on=["article_id", "actor"], how="left")
    return merged.assign(stance=merged["stance"].fillna(0.0), stance_label=merged["stance_label"].fillna("neutral"))


def test_own_check_set_is_complete(own_set):
    assert len(own_set) == 45 and own_set["label"].isin(["negative", "neutral", "positive"]).all()
    assert own_set["evidence"].notna().all(), "every labelled actor should be found in its article"


def test_on_the_own_check_set_stance_agrees_with_the_labels(own_set):
    result = agreement(own_set["stance"], own_set["label"], own_set["stance_label"])
    assert result["spearman"] >= 0.45 and result["auc_negative"] >= 0.8, result


def test_on_the_own_check_set_outlets_are_ordered_as_labelled(own_set):
    """Same story, same actor: the outlet labelled more favourable gets the higher stance (most of the time)."""
    value = own_set["label"].map({"negative": -1, "neutral": 0, "positive": 1})
    frame = own_set.assign(story=own_set["article_id"].str.split("/").str[0], value=value)
    pairs = frame.merge(frame, on=["story", "actor"])
    pairs = pairs[pairs["value_x"] > pairs["value_y"]]
    assert (pairs["stance_x"] > pairs["stance_y"]).mean() >= 0.7


needs_persent = pytest.mark.skipif(persent_dir() is None,
                                   reason="PerSenT is not here: set PERSENT_DIR to its folder to run this test")


@pytest.fixture(scope="module")
def random_test():
    model = load_stance_model()
    held = persent_features(load_persent("random_test"), parts=model["parts"])
    stance = score_features(held, model)
    from analysis.scores.stance.model import stance_from_probabilities

    scores = stance_from_probabilities(stance, model["classes"])
    return agreement(scores, held["label"], stance_label(scores, tuple(model["thresholds"])))


@needs_persent
@pytest.mark.xfail(strict=True, reason="issue 15's goal is not met: random_test measures macro-F1 0.47 and "
                                       "Spearman 0.35 (docs/stance.md); this fails loudly once it is met")
def test_persent_random_test_reaches_the_goal(random_test):
    assert random_test["macro_f1"] >= GOAL["macro_f1"] and random_test["spearman"] >= GOAL["spearman"]


@needs_persent
def test_persent_random_test_keeps_the_shipped_agreement(random_test):
    for key, floor in SHIPPED_FLOOR.items():
        assert random_test[key] >= floor, (key, random_test)


@needs_persent
def test_the_shipped_weights_are_reproduced_by_the_fitting_script():
    pytest.importorskip("sklearn", reason="the fitting script needs scikit-learn (the bench extra)")
    assert refit_differs("stance.py") is None


def test_a_reading_without_clear_stance_says_which_rule_failed():
    from analysis.scores.stance.model import stance_reading

    assert stance_reading(float("nan"), 0, 1) == \
        "no clear stance: none of 1 article with clear evidence (2 or more evidence sentences), 2 needed"
    assert stance_reading(-0.8, 1, 3, min_clear=2).startswith("no clear stance: 1 of 3 articles")
    assert stance_reading(-0.8, 1, 1, min_clear=1) == "negative"
    assert stance_reading(0.0, 5, 5) == "neutral"


def test_stance_summary_counts_clear_articles_and_says_when_there_is_no_clear_stance():
    from analysis.scores.stance.model import stance_summary

    stance = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "actor": "X", "stance": [-0.6, -0.4, 0.9, 0.2],
                           "stance_label": ["negative", "negative", "positive", "neutral"],
                           "clear": [True, True, True, False]})
    articles = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "source": ["S", "S", "T", "T"]})
    out = stance_summary(stance, articles, n_boot=200).set_index("source")
    assert out.loc["S", ["n_articles", "n_clear"]].tolist() == [2, 2]
    assert out.loc["S", "mean"] == pytest.approx(-0.5) and out.loc["S", "ci_low"] <= -0.5 <= out.loc["S", "ci_high"]
    assert out.loc["S", "reading"] == "negative" and out.loc["S", "share_negative"] == 1.0
    assert out.loc["T", "n_clear"] == 1 and out.loc["T", "reading"] == (
        "no clear stance: 1 of 2 articles with clear evidence (2 or more evidence sentences), 2 needed")
    assert stance_summary(stance, articles, n_boot=200, min_clear=1).set_index("source").loc["T", "reading"] \
        == "positive"


def test_aliases_that_name_one_person_are_one_row_of_stance():
    """Issue 22: "Trump" -0.05 against "Trump Presidency" -0.37 in one article."""
    actors = {"Trump": {"aliases": ["Trump"]}, "Trump Presidency": {"aliases": ["Trump Presidency"]},
              "Donald Trump": {"type": "person", "aliases": ["Donald Trump"]}}
    out = article_stance(sentences("Donald Trump spoke on Monday.", "The Trump Presidency was praised by allies.",
                                   "Trump thanked them warmly."), actors)
    assert out["actor"].tolist() == ["Donald Trump"] and out.loc[0, "n_sentences"] == 3
