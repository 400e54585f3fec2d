"""score_tone: exactly TextBlob's numbers, VADER beside them, the words behind them, and honest flags."""
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.content.dictionaries import Codebook
from analysis.errors import DataFileError
from analysis.scores.sentiment import article_dictionary_tone, format_drivers, is_non_english, score_tone
from helpers import FIXTURES

TEXTS = [
    "The talks were warm and friendly.",
    "The war is a horrible tragedy.",
    "It was not very good at all.",
    "He said: (no comment)",
    "Prices rose 3% on Monday.",
    "“Only the United States needs this massacre, only they want it,” he said.",
    "GREAT!!! :) But the outcome was terrible...",
]


def test_numbers_are_exactly_textblobs_and_vaders():
    scored = score_tone(pd.DataFrame({"text": TEXTS}))
    vader = SentimentIntensityAnalyzer()
    for text, row in zip(TEXTS, scored.itertuples()):
        polarity, subjectivity = TextBlob(text).sentiment
        assert (row.textblob, row.subjectivity) == (polarity, subjectivity)
        assert row.vader == vader.polarity_scores(text)["compound"]
        assert -1 <= row.textblob <= 1 and 0 <= row.subjectivity <= 1 and -1 <= row.vader <= 1


def test_drivers_show_the_words_behind_the_score():
    scored = score_tone(pd.DataFrame({"text": ["The talks were not very good, but warm."]}))
    assert scored.loc[0, "drivers"] == "warm (+0.60); not very good (-0.27)"
    assert scored.loc[0, "n_drivers"] == 2


def test_no_signal_is_flagged_not_mistaken_for_neutral():
    scored = score_tone(pd.DataFrame({"text": ["The meeting took place in Beijing on Tuesday.", "A good day."]}))
    assert scored["no_signal"].tolist() == [True, False]
    assert scored.loc[0, "textblob"] == 0.0


@pytest.mark.parametrize("text", [
    "Президент Беларуси встретился с председателем Си Цзиньпином в Пекине.",
    "Le président biélorusse a rencontré Xi Jinping à Pékin mercredi.",
    "Der Präsident traf sich mit Xi in Peking zu Gesprächen.",
    "El presidente no dijo nada a la prensa sobre el acuerdo comercial.",  # "no" and "a" are Spanish too
    "O presidente disse que o acordo do governo a ser assinado.",
])
def test_non_english_is_flagged_and_not_scored(text):
    row = score_tone(pd.DataFrame({"text": [text]})).iloc[0]
    assert row["non_english"] and math.isnan(row["textblob"]) and math.isnan(row["vader"])


def test_short_or_name_only_text_is_not_called_foreign():
    assert not is_non_english("Xi Jinping met Lukashenko.")
    assert not is_non_english("Great talks!")


def test_missing_text_is_flagged_and_non_strings_are_a_clear_error():
    scored = score_tone(pd.DataFrame({"text": [None, np.nan, "", "Good."]}))
    assert scored["no_text"].tolist() == [True, True, True, False]
    assert scored["textblob"].isna().tolist() == [True, True, True, False]
    with pytest.raises(TypeError, match="row 1 of 'text' is bytes"):
        score_tone(pd.DataFrame({"text": ["fine", b"bytes"]}))
    with pytest.raises(KeyError, match="no column 'body'"):
        score_tone(pd.DataFrame({"text": ["x"]}), text_col="body")


def test_returns_a_copy_with_other_columns_kept():
    frame = pd.DataFrame({"article_id": ["a"], "source": ["S"], "text": ["Good news."]})
    scored = score_tone(frame)
    assert list(frame.columns) == ["article_id", "source", "text"]
    assert scored[["article_id", "source"]].values.tolist() == [["a", "S"]]


def test_format_drivers_orders_by_strength():
    assert format_drivers([(["good"], 0.7, 0.6, None), (["horrible"], -1.0, 1.0, None)]) == \
        "horrible (-1.00); good (+0.70)"


DICTIONARIES = FIXTURES / "dictionaries"
TONE_TEXTS = ["The talks were not good, but warm friends.", "No crisis; it isn't bad at all.",
              "War and tensions are bad.", "The meeting took place on Tuesday.", ""]


@pytest.mark.parametrize("dictionary, poles, expected", [
    # Lexicoder: neg_positive "not good" is negative and hides "good"; "No crisis" is neg_negative (positive);
    # "isn't bad" is not one of its negated phrases, so "bad" stays negative
    ("tone.lc3", None, [(2, 1), (1, 1), (0, 3), (0, 0), (0, 0)]),
    # no negation keys: the three-word window flips "good", "crisis" and "bad"
    ("tone_window.yml", None, [(2, 1), (2, 0), (0, 3), (0, 0), (0, 0)]),
    ("tone_liwc.dic", {"positive": ["posemo"], "negative": ["negemo"]}, [(2, 1), (2, 0), (0, 3), (0, 0), (0, 0)]),
])
def test_dictionary_tone_counts_with_negation(dictionary, poles, expected):
    scored = score_tone(pd.DataFrame({"text": TONE_TEXTS}), dictionary=DICTIONARIES / dictionary, poles=poles)
    assert list(zip(scored["dict_positive"], scored["dict_negative"])) == expected
    assert scored["dict_words"].tolist() == [8, 7, 5, 6, 0]


def test_net_tone_and_log_ratio_formulas():
    scored = score_tone(pd.DataFrame({"text": TONE_TEXTS}), dictionary=DICTIONARIES / "tone.lc3")
    assert scored.loc[0, "dict_net"] == pytest.approx((2 - 1) / 8)
    assert scored.loc[2, "dict_logratio"] == pytest.approx(math.log(0.5 / 3.5))
    assert scored.loc[3, "dict_net"] == 0 and scored.loc[3, "dict_logratio"] == 0
    assert math.isnan(scored.loc[4, "dict_net"]) and math.isnan(scored.loc[4, "dict_logratio"])  # no text
    assert scored.loc[0, "dict_matches"] == "not good (−); warm (+); friends (+)"
    assert "textblob" in scored and "dict_net" not in score_tone(pd.DataFrame({"text": TONE_TEXTS}))


def test_article_tone_sums_counts_before_the_formulas():
    frame = pd.DataFrame({"article_id": ["a", "a", "b"], "source": ["S", "S", "T"], "text": TONE_TEXTS[:3]})
    scored = score_tone(frame, dictionary=DICTIONARIES / "tone.lc3")
    out = article_dictionary_tone(scored).set_index("article_id")
    assert out.loc["a", ["dict_positive", "dict_negative", "dict_words", "n_sentences"]].tolist() == [3, 2, 15, 2]
    assert out.loc["a", "dict_net"] == pytest.approx(1 / 15)
    assert out.loc["a", "dict_logratio"] == pytest.approx(math.log(3.5 / 2.5))
    assert out.loc["b", "source"] == "T"
    with pytest.raises(KeyError, match="score sentences first"):
        article_dictionary_tone(frame)


def test_tone_dictionary_validation(tmp_path):
    both = tmp_path / "both.yml"
    both.write_text("positive: [good, fine]\nnegative: [bad, Good]\n")
    with pytest.raises(DataFileError, match=r"both.yml, line 2: 'Good' is listed under both 'positive' \(line 1\)"):
        score_tone(pd.DataFrame({"text": ["x"]}), dictionary=both)
    topics = tmp_path / "topics.yml"
    topics.write_text("trade: [trade]\nwar: [war]\n")
    with pytest.raises(DataFileError, match="needs a positive and a negative category; its categories are trade, war; "
                                            r"name them positive and negative \(or, in Python, pass poles="):
        score_tone(pd.DataFrame({"text": ["x"]}), dictionary=topics)
    codebook = Codebook({"good words": ["good"], "bad words": ["bad"]})
    scored = score_tone(pd.DataFrame({"text": ["good and bad"]}), dictionary=codebook,
                        poles={"positive": ["good words"], "negative": ["bad words"]})
    assert (scored.loc[0, "dict_positive"], scored.loc[0, "dict_negative"]) == (1, 1)


def test_drivers_list_only_words_that_move_the_polarity():
    assert format_drivers([(["chinese"], 0.0, 0.0, None), (["good"], 0.7, 0.6, None),
                           (["fairly", "bad"], -0.004, 0.5, None), (["not", "good"], -0.35, 0.6, None)]) == \
        "good (+0.70); not good (-0.35)"
    scored = score_tone(pd.DataFrame({"text": ["The Chinese delegation met the minister."]}))
    assert "(+0.00)" not in scored.loc[0, "drivers"] and scored.loc[0, "n_drivers"] == len(
        [d for d in scored.loc[0, "drivers"].split("; ") if d])
