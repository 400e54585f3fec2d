"""score_tone: exactly TextBlob's numbers, VADER beside them, the words behind them, and honest flags."""
import math

import numpy as np
import pandas as pd
import pytest
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.sentiment import format_drivers, is_non_english, score_tone

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
        assert (row.polarity, row.subjectivity) == (polarity, subjectivity)
        assert row.vader == vader.polarity_scores(text)["compound"]
        assert -1 <= row.polarity <= 1 and 0 <= row.subjectivity <= 1 and -1 <= row.vader <= 1


def test_drivers_show_the_words_behind_the_score():
    scored = score_tone(pd.DataFrame({"text": ["The talks were not very good, but warm."]}))
    assert scored.loc[0, "drivers"] == "warm (+0.60); not very good (-0.27)"
    assert scored.loc[0, "n_drivers"] == 2


def test_no_signal_is_flagged_not_mistaken_for_neutral():
    scored = score_tone(pd.DataFrame({"text": ["The meeting took place in Beijing on Tuesday.", "A good day."]}))
    assert scored["no_signal"].tolist() == [True, False]
    assert scored.loc[0, "polarity"] == 0.0


@pytest.mark.parametrize("text", [
    "Президент Беларуси встретился с председателем Си Цзиньпином в Пекине.",
    "Le président biélorusse a rencontré Xi Jinping à Pékin mercredi.",
    "Der Präsident traf sich mit Xi in Peking zu Gesprächen.",
])
def test_non_english_is_flagged_and_not_scored(text):
    row = score_tone(pd.DataFrame({"text": [text]})).iloc[0]
    assert row["non_english"] and math.isnan(row["polarity"]) and math.isnan(row["vader"])


def test_short_or_name_only_text_is_not_called_foreign():
    assert not is_non_english("Xi Jinping met Lukashenko.")
    assert not is_non_english("Great talks!")


def test_missing_text_is_flagged_and_non_strings_are_a_clear_error():
    scored = score_tone(pd.DataFrame({"text": [None, np.nan, "", "Good."]}))
    assert scored["no_text"].tolist() == [True, True, True, False]
    assert scored["polarity"].isna().tolist() == [True, True, True, False]
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
