"""VADER's ``polarity_scores``, computed faster with identical results.

vaderSentiment lower-cases every word of a sentence again for each check
around each sentiment word (negation, idioms, "least"), which makes it slow
and superlinear in sentence length. :class:`FastVader` runs the same rules
(vaderSentiment 3.3.2's ``polarity_scores`` and ``sentiment_valence``) on
one lower-cased copy of the words, skips the character-by-character emoji
scan when the text holds no emoji, and returns the neutral result at once
when no word is in VADER's lexicon. Boosters, "but", capitals, punctuation
emphasis and scoring are VADER's own functions, called as they are.

``tests/scores/test_fastvader.py`` checks the results are identical to VADER's on
thousands of real and generated texts.
"""
from __future__ import annotations

import string

from vaderSentiment import vaderSentiment as _vader

_PUNCTUATION = string.punctuation
_NEGATE = frozenset(_vader.NEGATE)
_BOOSTERS = _vader.BOOSTER_DICT
_SPECIAL = _vader.SPECIAL_CASES
_N_SCALAR = _vader.N_SCALAR
_C_INCR = _vader.C_INCR


def _negated(word: str) -> bool:
    """vaderSentiment's ``negated([word])`` for one lower-cased word."""
    return word in _NEGATE or "n't" in word


class FastVader(_vader.SentimentIntensityAnalyzer):
    """A drop-in ``SentimentIntensityAnalyzer`` whose ``polarity_scores`` is faster and gives the same dict."""

    def __init__(self):
        super().__init__()
        self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)  # VADER looks up single characters

    def polarity_scores(self, text):
        if not self._emoji_chars.isdisjoint(text):
            return super().polarity_scores(text)
        text = text.strip()
        _, sentiments = self._sentiments(text)
        return self.score_valence(sentiments, text)

    def word_valences(self, text: str) -> list[tuple[str, float]]:
        """Each word of ``text`` with the valence VADER sums into its compound score (after negation, boosters,
        capitals and "but"), in order; words outside VADER's lexicon get 0. Emoji are not described."""
        return list(zip(*self._sentiments(text.strip())))

    def _sentiments(self, text: str) -> tuple[list[str], list[float]]:
        words = []  # SentiText.words_and_emoticons: a word stripped of punctuation unless that leaves <= 2 chars
        for token in text.split():
            stripped = token.strip(_PUNCTUATION)
            words.append(token if len(stripped) <= 2 else stripped)
        lowered = [w.lower() for w in words]
        lexicon = self.lexicon
        if lexicon.keys().isdisjoint(lowered):
            return words, [0] * len(words)
        is_cap_diff = _vader.allcap_differential(words)
        sentiments = []
        for i, item in enumerate(words):
            low = lowered[i]
            if low in _BOOSTERS:
                sentiments.append(0)
                continue
            if i < len(words) - 1 and low == "kind" and lowered[i + 1] == "of":
                sentiments.append(0)
                continue
            sentiments.append(self._valence(item, low, i, words, lowered, is_cap_diff))
        if "but" in lowered:  # vaderSentiment's _but_check, on the lower-cased words we already have
            bi = lowered.index("but")
            for sentiment in sentiments:
                si = sentiments.index(sentiment)
                if si < bi:
                    sentiments.pop(si)
                    sentiments.insert(si, sentiment * 0.5)
                elif si > bi:
                    sentiments.pop(si)
                    sentiments.insert(si, sentiment * 1.5)
        return words, sentiments

    def _valence(self, item, low, i, words, lowered, is_cap_diff):
        lexicon = self.lexicon
        if low not in lexicon:
            return 0
        valence = lexicon[low]
        if low == "no" and i != len(words) - 1 and lowered[i + 1] in lexicon:
            valence = 0.0
        if (i > 0 and lowered[i - 1] == "no") or (i > 1 and lowered[i - 2] == "no") \
                or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ["or", "nor"]):
            valence = lexicon[low] * _N_SCALAR
        if item.isupper() and is_cap_diff:
            if valence > 0:
                valence += _C_INCR
            else:
                valence -= _C_INCR
        for start_i in range(0, 3):
            if i > start_i and lowered[i - (start_i + 1)] not in lexicon:
                s = _vader.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = _negation_check(valence, lowered, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lowered, i)
        return _least_check(valence, lowered, i, lexicon)


def _negation_check(valence, lowered, start_i, i):
    if start_i == 0:
        if _negated(lowered[i - 1]):
            valence = valence * _N_SCALAR
    if start_i == 1:
        if lowered[i - 2] == "never" and (lowered[i - 1] == "so" or lowered[i - 1] == "this"):
            valence = valence * 1.25
        elif lowered[i - 2] == "without" and lowered[i - 1] == "doubt":
            valence = valence
        elif _negated(lowered[i - 2]):
            valence = valence * _N_SCALAR
    if start_i == 2:
        if lowered[i - 3] == "never" and (lowered[i - 2] == "so" or lowered[i - 2] == "this") or \
                (lowered[i - 1] == "so" or lowered[i - 1] == "this"):
            valence = valence * 1.25
        elif lowered[i - 3] == "without" and (lowered[i - 2] == "doubt" or lowered[i - 1] == "doubt"):
            valence = valence
        elif _negated(lowered[i - 3]):
            valence = valence * _N_SCALAR
    return valence


def _special_idioms_check(valence, lowered, i):
    onezero = f"{lowered[i - 1]} {lowered[i]}"
    twoonezero = f"{lowered[i - 2]} {lowered[i - 1]} {lowered[i]}"
    twoone = f"{lowered[i - 2]} {lowered[i - 1]}"
    threetwoone = f"{lowered[i - 3]} {lowered[i - 2]} {lowered[i - 1]}"
    threetwo = f"{lowered[i - 3]} {lowered[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL:
            valence = _SPECIAL[seq]
            break
    if len(lowered) - 1 > i:
        zeroone = f"{lowered[i]} {lowered[i + 1]}"
        if zeroone in _SPECIAL:
            valence = _SPECIAL[zeroone]
    if len(lowered) - 1 > i + 1:
        zeroonetwo = f"{lowered[i]} {lowered[i + 1]} {lowered[i + 2]}"
        if zeroonetwo in _SPECIAL:
            valence = _SPECIAL[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTERS:
            valence = valence + _BOOSTERS[n_gram]
    return valence


def _least_check(valence, lowered, i, lexicon):
    if i > 1 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        if lowered[i - 2] != "at" and lowered[i - 2] != "very":
            valence = valence * _N_SCALAR
    elif i > 0 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        valence = valence * _N_SCALAR
    return valence
