"""analysis.scores.fastvader gives exactly VADER's scores, on real and generated text."""
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import load_corpus, split_sentences
from analysis.paths import PROJECT_ROOT
from analysis.scores.fastvader import FastVader

REFERENCE = SentimentIntensityAnalyzer()
FAST = FastVader()
PIECES = [
    "good", "bad", "not", "never", "no", "isn't", "don't", "without doubt", "never so", "this", "so", "least",
    "at least", "very least", "kind of", "sort of", "but", "BUT", "GREAT", "great", "horrible", "very", "extremely",
    "barely", "hardly", "the bomb", "bad ass", "yeah right", "cut the mustard", "kiss of death", "hand to mouth",
    "!", "!!", "!!!!!", "?", "??", "????", ":)", ":(", ":D", "<3", "😀", "😡", "💔", "happy", "sad", "no or nor",
    "nor", "or", "friendly", "warm", "war", "killed", "peace", "support", "LOL", "lol", "wtf", "\n", ",", ".",
]


def same(text):
    assert FAST.polarity_scores(text) == REFERENCE.polarity_scores(text), text


def test_identical_on_every_sentence_and_article_of_the_corpora():
    for path in (None, PROJECT_ROOT / "tests" / "fixtures" / "other_corpus"):
        articles = load_corpus(path).articles
        for text in articles["text"].tolist() + split_sentences(articles)["text"].tolist():
            same(text)


def test_identical_on_thousands_of_generated_texts():
    rng = random.Random(4)
    words = "the talks in Beijing were and a of Lukashenko Xi said".split()
    for _ in range(4000):
        same(" ".join(rng.choice(PIECES + words) for _ in range(rng.randint(0, 30))))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=120))
def test_identical_on_random_unicode(text):
    same(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join))
def test_identical_on_random_pieces(text):
    same(text)
