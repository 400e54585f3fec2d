"""analysis.scores.fastblob gives bit-identical results to TextBlob, on real and generated text."""
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob import TextBlob
from textblob.en import sentiment as reference

from analysis import load_corpus, split_sentences
from analysis.paths import PROJECT_ROOT
from analysis.scores.fastblob import find_tokens, sentiment

PIECES = [
    "good", "bad", "not", "never", "no", "very", "really", "extremely", "terribly", "not very good", "isn't",
    "don't", "can't", "won't", "I'm", "we'll", "they've", "it's", "Xi's", "!", "!!", "?!", "...", "(!)", "( ! )",
    ":)", ":-)", ": )", ":(", ":'(", ";)", "<3", "xD", "x D", "o.O", "o . O", ":-.", ">:/", "8)", ":P", ":p",
    "great", "horrible", "happy", "sad", "GREAT", "Good.", "warm", "friendly", "hard", "cold war", "free",
    "U.S.", "Mr.", "e.g.", "a.m.", "etc.", "\"", "'", "“", "”", "‘", "’", "(", ")", "[", "]", "-", "--", "—",
    "\n\n", "\n", "\t", "  ", ",", ";", ":", "$", "#", "@", "&", "*", "+", "=", "~", "_", "|", "^", "`",
    "wonderful", "terrible", "best", "worst", "more", "most", "less", "least", "nice", "lovely", "awful",
]


def same(text):
    polarity, subjectivity, assessments = sentiment(text)
    expected = reference(text)
    assert (polarity, subjectivity) == tuple(expected), text
    assert assessments == expected.assessments, text
    assert (polarity, subjectivity) == tuple(TextBlob(text).sentiment), text


def test_identical_on_every_sentence_and_article_of_the_corpora():
    texts = []
    for path in (None, PROJECT_ROOT / "tests" / "fixtures" / "other_corpus"):
        articles = load_corpus(path).articles
        texts += articles["text"].tolist() + split_sentences(articles)["text"].tolist()
    for text in texts:
        same(text)


def test_identical_on_thousands_of_generated_texts():
    rng = random.Random(20231204)
    words = "the talks were and a of in Beijing said Lukashenko Xi partnership".split()
    for _ in range(4000):
        parts = [rng.choice(PIECES + words) for _ in range(rng.randint(0, 25))]
        separators = [rng.choice([" ", "", " ", "\n", ". ", "! "]) for _ in parts]
        same("".join(p + s for p, s in zip(parts, separators)))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=120))
def test_identical_on_random_unicode(text):
    same(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join))
def test_identical_on_random_pieces(text):
    same(text)


@pytest.mark.parametrize("text", ["", " ", "!", "(!)", "not", "He said: (no comment)", "GREAT!!! :) But bad..."])
def test_edge_cases(text):
    same(text)


def test_tokenizer_matches_textblobs():
    for text in ["Hello, world!! (Really?) U.S. e.g. Mr. Smith's car isn't here...", "“Quoted,” he said."]:
        assert find_tokens(text) == reference.tokenizer(text)
