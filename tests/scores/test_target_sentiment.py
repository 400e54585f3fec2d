"""Target sentiment (analysis.scores.stance.target_model and .targets): the tone of one sentence toward one
mention in it, at its edges; the shipped weights against NewsMTSC and their refit, when the data is given."""
import numpy as np
import pandas as pd
import pytest

from analysis import target_sentiment
from analysis.scores.stance.target_model import (CLASSES, TARGET_SENTIMENT_JSON, load_target_model,
                                                 tones_toward)
from analysis.scores.stance.targets import SentenceTokens, target_features
from helpers.stance_eval import macro_f1, refit_differs
from helpers.target_eval import load_newsmtsc, newsmtsc_dir

needs_newsmtsc = pytest.mark.skipif(newsmtsc_dir() is None,
                                    reason="NewsMTSC is not here: set NEWSMTSC_DIR to its folder to run this test")


def row(text: str, target: str, nth: int = 0) -> dict:
    """A frame row for the ``nth`` occurrence of ``target`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(target, start + 1)
    return {"text": text, "start": start, "end": start + len(target)}


def read(*rows: dict) -> pd.DataFrame:
    return target_sentiment(pd.DataFrame(list(rows)))


def test_each_row_gets_three_probabilities_summing_to_one_and_the_likeliest_label():
    out = read(row("Smith met reporters on Tuesday.", "Smith"), row("Smith is a corrupt liar.", "Smith"))
    assert list(out.columns[-4:]) == ["negative", "neutral", "positive", "label"]
    assert np.allclose(out[list(CLASSES)].sum(axis=1), 1.0)
    assert out["label"].tolist() == [CLASSES[k] for k in out[list(CLASSES)].to_numpy().argmax(axis=1)]
    assert out["label"].tolist() == ["neutral", "negative"]


def test_a_target_both_praised_and_criticised_in_one_sentence_sits_between_praise_and_criticism():
    praised, mixed, criticised = read(
        row("Critics praised Smith for his courage and his honesty.", "Smith"),
        row("Critics praised Smith for his courage but condemned his reckless handling of the budget.", "Smith"),
        row("Critics condemned Smith for his reckless handling of the budget.", "Smith")).itertuples()
    assert praised.label == "positive" and criticised.label == "negative"
    assert mixed.negative > praised.negative + 0.2 and mixed.positive > criticised.positive + 0.2


def test_two_targets_with_opposite_sentiment_in_one_sentence_are_read_apart():
    text = "The senator praised Jones as a brilliant leader, while Smith was condemned as a corrupt liar."
    jones, smith = read(row(text, "Jones"), row(text, "Smith")).itertuples()
    assert jones.label == "positive" and smith.label == "negative"


def test_a_negated_phrase_turns_its_tone():
    good, not_good, bad, not_bad = read(*(row(f"Smith is {words} leader.", "Smith") for words in (
        "a good", "not a good", "a terrible", "not a terrible"))).itertuples()
    assert good.label == "positive" and not_good.label == "negative"
    assert not_bad.negative < bad.negative - 0.2 and not_bad.positive > bad.positive


def test_a_quoted_insult_is_read_toward_its_object_more_than_toward_the_one_who_said_it():
    text = 'Jones called Smith "a corrupt liar and a disgrace," according to the statement.'
    speaker, insulted = read(row(text, "Jones"), row(text, "Smith")).itertuples()
    assert insulted.label == "negative" and speaker.negative < insulted.negative - 0.2


def test_the_targets_own_words_never_enter_the_model():
    """The target is masked: no prior about a named person or body."""
    out = read(row("Adolf Hitler met reporters on Tuesday.", "Adolf Hitler"),
               row("Mother Teresa met reporters on Tuesday.", "Mother Teresa"))
    assert np.allclose(out.loc[0, list(CLASSES)].to_numpy(float), out.loc[1, list(CLASSES)].to_numpy(float))


def test_the_other_targets_of_a_sentence_come_from_its_other_rows_unless_given():
    text = "Smith thanked Jones."
    features = target_features(SentenceTokens(text), 0, 5, [(14, 19)])
    assert "b:OTGT" in features and "b:jones" not in features
    alone = target_sentiment(pd.DataFrame([{**row(text, "Smith"), "others": []}]))
    paired = read(row(text, "Smith"), row(text, "Jones")).iloc[:1]
    given = target_sentiment(pd.DataFrame([{**row(text, "Smith"), "others": [(14, 19)]}]))
    assert np.allclose(paired[list(CLASSES)].to_numpy(float), given[list(CLASSES)].to_numpy(float))
    assert not np.allclose(alone[list(CLASSES)].to_numpy(float), given[list(CLASSES)].to_numpy(float))


def test_an_empty_frame_gives_an_empty_frame_with_the_columns():
    out = target_sentiment(pd.DataFrame({"text": [], "start": [], "end": []}))
    assert out.empty and {"negative", "neutral", "positive", "label"} <= set(out.columns)


def test_a_missing_column_or_a_span_outside_the_sentence_is_refused():
    with pytest.raises(KeyError, match="start"):
        target_sentiment(pd.DataFrame({"text": ["Smith left."], "end": [5]}))
    with pytest.raises(ValueError, match="outside its sentence"):
        target_sentiment(pd.DataFrame({"text": ["Smith left."], "start": [3], "end": [40]}))
    with pytest.raises(ValueError, match="outside its sentence"):
        target_sentiment(pd.DataFrame({"text": ["Smith left."], "start": [3], "end": [3]}))


def test_what_happened_to_the_target_is_neutralised_for_stance_and_named():
    """"Fired" read as the outlet's judgement was issue 22's first symptom: the stance measure reads the
    event as an unknown word and keeps it apart."""
    fired = row("Smith was fired on Tuesday.", "Smith")
    assert read(fired).loc[0, "label"] == "negative"  # the sentence's tone, as NewsMTSC's readers judged it
    (tone, events), = tones_toward([(fired["text"], fired["start"], fired["end"], ())])
    assert events == ("fired",) and abs(tone) < 0.5
    (told, told_events), = tones_toward([("Smith was fired after an audit found he had lied about overtime.",
                                          0, 5, ())])
    assert told_events == ("fired",) and told < -0.3  # how it is told still counts


def test_the_shipped_model_is_small_and_loads_quickly():
    import time

    assert TARGET_SENTIMENT_JSON.stat().st_size < 5_000_000
    load_target_model.cache_clear()
    started = time.perf_counter()
    load_target_model()
    assert time.perf_counter() - started < 2.0


@needs_newsmtsc
def test_the_shipped_model_beats_the_tfidf_baseline_on_devtest_mt():
    frame = pd.DataFrame(load_newsmtsc("devtest_mt"))
    assert macro_f1(frame["label"], target_sentiment(frame)["label"]) >= 0.64


@needs_newsmtsc
def test_the_shipped_weights_are_reproduced_by_the_fitting_script():
    pytest.importorskip("sklearn", reason="the fitting script needs scikit-learn (the bench extra)")
    assert refit_differs("target_sentiment.py") is None
