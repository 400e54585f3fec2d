"""Target sentiment's features: what one sentence says about one mention in it (its *target*).

:class:`SentenceTokens` reads a sentence once: its words through the one tokenizer
(:func:`analysis.text.tokens.scan`) and the marks between them (quotation marks, commas, dashes, brackets),
which the features need as tokens of their own. :func:`target_features` then gives, for one target span in
the sentence, the features the model of :mod:`analysis.scores.stance.target_model` weighs. Each feature's
name starts with its group:

- ``b:`` the sentence's words and word pairs, the target masked as ``TGT`` and the other targets as ``OTGT``.
  The target's own words never enter the model, so it holds no prior about a named person or body;
- ``w:`` the words within ``WINDOW`` tokens of the target, by side and distance;
- ``c:`` the words of the target's clause (cut at punctuation and at the words of ``[clause]`` in
  ``data/target_words.txt``);
- ``x:`` lexicon valences (VADER's, ÷4, and TextBlob's) summed, positive and negative apart, over regions
  (the sentence, the clause, 1–3 and 4–8 tokens either side, outside the clause, inside and outside quotes,
  decayed with distance), a negator (:data:`analysis.scores.sentiment.NEGATORS`) turning the next
  ``NEGATION_SCOPE`` tokens (×-0.74, VADER's factor, for positive words; ×-0.5 for negative ones); and the
  framing list's values (``data/framing_verbs.tsv``) for the target as doer or as the one acted upon;
- ``f:`` the framing words themselves, by the target's role;
- ``q:`` quotation: the target inside quoted words, the target as the speaker ("X said", "said X",
  "according to X"), and whether the sentence quotes at all;
- ``p:`` position: first token, possessive, the tokens just before and after, how many other targets, the
  relative position, a pronoun as the mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.paths import DATA_DIR
from analysis.resources.wordlists import read_word_list, speech_verbs
from analysis.scores.fastblob import word_polarities
from analysis.scores.sentiment import NEGATORS
from analysis.scores.stance.framing import Frame, Framing, load_framing_verbs, vader_lexicon
from analysis.text.tokens import scan

TARGET_WORDS_TXT = DATA_DIR / "target_words.txt"
TARGET, OTHER, QUOTE, POSSESSIVE = "TGT", "OTGT", '"', "'s"
NEUTRAL_EVENT = "EVENT"  # an event word done to the target, read as no word the model knows (read_target)
WINDOW = 10  # tokens either side whose words are features
NEGATION_SCOPE = 3  # tokens after a negator whose valence turns
FRAME_REACH = 12  # tokens between the target and a framing word whose role it may fill
BREAKS = frozenset({",", ";", ":", "—", "(", ")", QUOTE, ".", "!", "?"})
_MARKS = {'"': QUOTE, "“": QUOTE, "”": QUOTE, "«": QUOTE, "»": QUOTE, "„": QUOTE, "—": "—", "–": "—", "-": "—",
          "‘": "'", "’": "'", "'": "'", "[": "(", "]": ")", **{c: c for c in ",;:()!?."}}
_MARK_RE = re.compile("|".join(re.escape(m) for m in sorted(_MARKS, key=len, reverse=True)))
_PARTICIPLES = frozenset({"shot", "stolen", "led", "lost", "won", "hid", "misled"})
_NOUN_LINKS = frozenset({"of", "against", "on", "for", "into"})


@dataclass(frozen=True)
class TargetWords:
    """The word lists the features read (``data/target_words.txt``) and the speech verbs they use."""

    clause: frozenset
    passive: frozenset
    personal: frozenset
    speech: frozenset


@lru_cache(maxsize=1)
def target_words() -> TargetWords:
    """The sections of ``data/target_words.txt``, and the one-word speech verbs less ``[not-attribution]``."""
    lists = read_word_list(TARGET_WORDS_TXT)
    speech = frozenset(v for v in speech_verbs() if " " not in v) - lists["not-attribution"]
    return TargetWords(lists["clause"], lists["passive"], lists["personal"], speech)


class SentenceTokens:
    """One sentence read once: ``(start, end, token)`` items in order, words normalised and marks as tokens.

    A possessive "'s" is a token of its own, spanning the last two characters of its word.
    """

    __slots__ = ("text", "items")

    def __init__(self, text: str):
        self.text = text
        items = []
        for chunk in scan(text):
            for token in chunk:
                possessive = token.raw[-2:].replace("’", "'") == POSSESSIVE and len(token.raw) > 2
                items.append((token.start, token.end - 2 if possessive else token.end, token.norm))
                if possessive:
                    items.append((token.end - 2, token.end, POSSESSIVE))
        self.items = _with_marks(text, items)

    def masked(self, start: int, end: int, others=()) -> tuple[list[str], int]:
        """The tokens with the target span as ``TGT`` and each other target's span as one ``OTGT`` (others that
        overlap the target or an earlier other are left as words); and the target's index."""
        spans = [(start, end, TARGET)]
        for s, e in sorted(others):
            if not any(s < e2 and s2 < e for s2, e2, _ in spans):
                spans.append((s, e, OTHER))
        spans.sort()
        tokens, k = [], 0
        for s, e, tag in spans:
            while k < len(self.items) and self.items[k][1] <= s:
                tokens.append(self.items[k][2])
                k += 1
            tokens.append(tag)
            while k < len(self.items) and self.items[k][0] < e:
                k += 1
        tokens += [item[2] for item in self.items[k:]]
        return tokens, tokens.index(TARGET)


def _with_marks(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The words, with the marks between them (quotation marks, commas, dashes …) as tokens, in order; a mark
    inside a word ("don't", "U.S.", "re-election") is part of the word."""
    marks = [(m.start(), m.end(), _MARKS[m.group()]) for m in _MARK_RE.finditer(text)]
    if not marks:
        return words
    out, k = [], 0
    for mark in marks:
        while k < len(words) and words[k][1] <= mark[0]:
            out.append(words[k])
            k += 1
        if k == len(words) or mark[1] <= words[k][0]:
            out.append(mark)
    return out + words[k:]


def is_negator(word: str) -> bool:
    """A negator of the one list, or a word ending in "n't"."""
    return word in NEGATORS or word.endswith("n't")


def valences(tokens: list[str], clause_words: frozenset) -> tuple[list[float], list[float]]:
    """Each token's VADER (÷4) and TextBlob valence, turned within ``NEGATION_SCOPE`` tokens after a negator
    (×-0.74 if positive, ×-0.5 if negative); a break or a clause word ends the scope."""
    n = len(tokens)
    vader, blob = [0.0] * n, [0.0] * n
    left = 0
    for i, word in enumerate(tokens):
        if word in BREAKS or word in clause_words:
            left = 0
            continue
        v, t, negator = _word_values(word)
        if left:
            v = -0.74 * v if v > 0 else -0.5 * v
            t = -0.74 * t if t > 0 else -0.5 * t
        vader[i], blob[i] = v, t
        if negator:
            left = NEGATION_SCOPE
        elif left:
            left -= 1
    return vader, blob


_VALUES: dict[str, tuple[float, float, bool]] = {}


def _word_values(word: str) -> tuple[float, float, bool]:
    """A word's VADER valence ÷4, its TextBlob polarity, and whether it is a negator (memoised)."""
    found = _VALUES.get(word)
    if found is None:
        vader, blob = lexicons()
        found = _VALUES[word] = (vader.get(word, 0.0) / 4.0, blob.get(word, 0.0), is_negator(word))
    return found


@lru_cache(maxsize=1)
def lexicons() -> tuple[dict[str, float], dict[str, float]]:
    """VADER's lexicon and TextBlob's word polarities."""
    return vader_lexicon(), word_polarities()


def target_features(sentence: SentenceTokens, start: int, end: int, others=()) -> dict[str, float]:
    """The features of the target at ``sentence.text[start:end]``; ``others`` are the other targets' spans."""
    return read_target(sentence, start, end, others)[0]


def read_target(sentence: SentenceTokens, start: int, end: int, others=(), *, neutral_events: bool = False
                ) -> tuple[dict[str, float], list[str]]:
    """The target's features, and the event words of which it is the one acted upon ("was fired", "the arrest
    of X", "X's indictment").

    With ``neutral_events``, those words are read as ``EVENT``, a token the model has never seen, so that
    the features say how the sentence tells what happened to the target rather than that it happened:
    "X was fired after an audit found unearned overtime" keeps "unearned"; "X was fired" alone reads as
    neutral as "X was seen"."""
    words = target_words()
    tokens, ti = sentence.masked(start, end, others)
    roles = framing_roles(tokens, ti, load_framing_verbs(), words.passive)
    events = {j: tokens[j] for j, role, _, frame in roles if role in ("pat", "nof") or (role == "nposs" and frame.target)}
    if neutral_events and events:
        tokens = [NEUTRAL_EVENT if i in events else word for i, word in enumerate(tokens)]
        roles = [r for r in roles if r[0] not in events]
    lo, hi = clause_bounds(tokens, ti, words.clause)
    inside = quoted(tokens)
    features = bag_features(tokens)
    window_features(features, tokens, ti)
    features.update(("c:" + tokens[i], 1.0) for i in range(lo, hi + 1) if i != ti)
    speaker = is_speaker(tokens, ti, words)
    quote_features(features, inside, ti, speaker)
    for name, values in zip("vt", valences(tokens, words.clause)):
        lexicon_features(features, name, values, ti, (lo, hi), inside, speaker)
    if any(_word_values(tokens[i])[2] for i in range(lo, hi + 1)):
        features["x:cl_neg"] = 1.0
    framing_features(features, roles)
    position_features(features, tokens, ti, len(others), sentence.text[start:end].lower() in words.personal)
    return features, list(events.values())


def clause_bounds(tokens: list[str], ti: int, clause_words: frozenset) -> tuple[int, int]:
    """First and last index of the target's clause: the tokens around it up to a break or a clause word."""
    lo = ti
    while lo > 0 and tokens[lo - 1] not in BREAKS and tokens[lo - 1] not in clause_words:
        lo -= 1
    hi = ti
    while hi < len(tokens) - 1 and tokens[hi + 1] not in BREAKS and tokens[hi + 1] not in clause_words:
        hi += 1
    return lo, hi


def quoted(tokens: list[str]) -> list[bool]:
    """Whether each token stands inside quotation marks (the marks themselves do not)."""
    out, inside = [False] * len(tokens), False
    for i, word in enumerate(tokens):
        if word == QUOTE:
            inside = not inside
        else:
            out[i] = inside
    return out


def bag_features(tokens: list[str]) -> dict[str, float]:
    """``b:`` every token and every pair of neighbouring tokens."""
    features = {"b:" + word: 1.0 for word in tokens}
    features.update(("b:" + a + "_" + b, 1.0) for a, b in zip(tokens, tokens[1:]))
    return features


def _bucket(distance: int) -> int:
    return 1 if distance <= 1 else 2 if distance <= 3 else 3 if distance <= 6 else 4 if distance <= 10 else 5


def window_features(features: dict, tokens: list[str], ti: int) -> None:
    """``w:`` the words within ``WINDOW`` tokens, by side, with and without their distance bucket."""
    for i in range(max(0, ti - WINDOW), min(len(tokens), ti + WINDOW + 1)):
        if i != ti:
            side = "L" if i < ti else "R"
            features[f"w:{side}{_bucket(abs(i - ti))}_{tokens[i]}"] = 1.0
            features[f"w:{side}_{tokens[i]}"] = 1.0


def is_speaker(tokens: list[str], ti: int, words: TargetWords) -> bool:
    """Whether the target speaks: "X said", "X, …, said" within three tokens, "said X", "according to X",
    "said by X"."""
    for j in range(ti + 1, min(len(tokens), ti + 4)):
        if tokens[j] in words.speech:
            return True
        if tokens[j] in BREAKS or tokens[j] in words.clause:
            break
    before = tokens[max(0, ti - 2):ti]
    return (len(before) >= 1 and before[-1] in words.speech) or before == ["according", "to"] or \
        (len(before) == 2 and before[1] == "by" and before[0] in ("said", "written", "posted", "tweeted"))


def quote_features(features: dict, inside: list[bool], ti: int, speaker: bool) -> None:
    """``q:`` the target in quoted words, the target as the speaker, and quotation in the sentence."""
    if inside[ti]:
        features["q:in_quote"] = 1.0
    if speaker:
        features["q:speaker"] = 1.0
    if any(inside):
        features["q:has_quote"] = 1.0


def lexicon_features(features: dict, name: str, values: list[float], ti: int, clause: tuple[int, int],
                     inside: list[bool], speaker: bool) -> None:
    """``x:`` the positive and the negative valences of one lexicon, summed over each region."""
    n, (lo, hi) = len(values), clause
    positive = [v if v > 0 else 0.0 for v in values]
    negative = [v if v < 0 else 0.0 for v in values]

    def add(region: str, start: int, stop: int) -> None:
        features[f"x:{name}_{region}_p"] = sum(positive[start:stop])
        features[f"x:{name}_{region}_n"] = sum(negative[start:stop])

    add("sent", 0, n)
    add("cl", lo, hi + 1)
    add("l3", max(0, ti - 3), ti)
    add("r3", ti + 1, min(n, ti + 4))
    add("l8", max(0, ti - 8), max(0, ti - 3))
    add("r8", min(n, ti + 4), min(n, ti + 9))
    features[f"x:{name}_out_p"] = sum(positive[:lo] + positive[hi + 1:])
    features[f"x:{name}_out_n"] = sum(negative[:lo] + negative[hi + 1:])
    if any(inside):
        for region, keep in (("inq", True), ("outq", False), ("spkq", True)):
            if region != "spkq" or speaker:
                features[f"x:{name}_{region}_p"] = sum(p for p, q in zip(positive, inside) if q is keep)
                features[f"x:{name}_{region}_n"] = sum(v for v, q in zip(negative, inside) if q is keep)
    decayed_p = decayed_n = 0.0
    for i, value in enumerate(values):
        if value and i != ti:
            weighted = value / (1.0 + 0.3 * abs(i - ti))
            if value > 0:
                decayed_p += weighted
            else:
                decayed_n += weighted
    features[f"x:{name}_dec_p"] = decayed_p
    features[f"x:{name}_dec_n"] = decayed_n


def framing_roles(tokens: list[str], ti: int, frames: Framing, passive_words: frozenset
                  ) -> list[tuple[int, str, str, Frame]]:
    """``(index, role, listed word, entry)`` of each framing word that gives the target a role: ``doer``,
    ``pat`` (acted upon), ``nposs`` ("X's arrest") or ``nof`` ("the arrest of X").

    A verb after the target makes it the doer ("X attacked"), unless passive ("X was attacked"); the nearest
    verb before it makes it the one acted upon ("praised the firefighters and condemned X": only
    "condemned"), unless "… by X" follows a passive."""
    found_at = [(j, word, frames.frames_of(word)) for j, word in enumerate(tokens)
                if j != ti and word not in BREAKS and word not in (TARGET, OTHER)]
    found_at = [(j, word, found) for j, word, found in found_at if found]
    verbs_before = [j for j, _, found in found_at if j < ti and (found.get("event") or found.get("speech"))]
    out = []
    for j, word, found in found_at:
        verb, noun, base = found.get("event") or found.get("speech"), found.get("noun"), frames.entry_of(word)
        if verb is not None:
            role = None if j < ti and j != verbs_before[-1] else \
                _verb_role(tokens, ti, j, verb.kind == "speech", passive_words)
            if role:
                out.append((j, role, base, verb))
        elif noun is not None:
            if j == ti + 1 or (j == ti + 2 and tokens[ti + 1] == POSSESSIVE):
                out.append((j, "nposs", base, noun))
            elif j < ti <= j + 3 and any(tokens[k] in _NOUN_LINKS for k in range(j + 1, ti)):
                out.append((j, "nof", base, noun))
    return out


def framing_features(features: dict, roles: list[tuple[int, str, str, Frame]]) -> None:
    """``f:`` framing words by the target's role, and ``x:fr_doer`` / ``x:fr_pat``, the summed values of the
    entries toward the doer and toward the one acted upon (see :func:`framing_roles`)."""
    doer = patient = 0.0
    for _, role, base, frame in roles:
        if role in ("doer", "nposs"):
            doer += frame.doer
        if role in ("pat", "nposs", "nof"):
            patient += frame.target
        features[f"f:{role}_{base}"] = 1.0
    if doer:
        features["x:fr_doer"] = doer
    if patient:
        features["x:fr_pat"] = patient


def _verb_role(tokens: list[str], ti: int, j: int, speech: bool, passive_words: frozenset) -> str | None:
    a, b = (ti, j) if ti < j else (j, ti)
    if b - a > FRAME_REACH or any(tokens[k] in (";", ".", "!", "?") for k in range(a, b)):
        return None
    word = tokens[j]
    passive = (word.endswith(("ed", "en", "d")) or word in _PARTICIPLES) and \
        any(tokens[k] in passive_words for k in range(max(0, j - 3), j))
    if speech:
        return "doer" if ti < j else None
    if ti < j:
        if passive:
            return "pat"
        relative = any(tokens[k] in ("who", "which", "that") for k in range(ti + 1, j))
        return None if relative and b - a > 6 else "doer"
    return "doer" if passive and "by" in tokens[j + 1:ti] else "pat"


def position_features(features: dict, tokens: list[str], ti: int, n_others: int, pronoun: bool) -> None:
    """``p:`` first token, possessive, the tokens before and after, other targets, relative position,
    pronoun."""
    n = len(tokens)
    if ti == 0:
        features["p:first"] = 1.0
    if ti + 1 < n and tokens[ti + 1] == POSSESSIVE:
        features["p:poss"] = 1.0
    features["p:prev_" + (tokens[ti - 1] if ti > 0 else "<s>")] = 1.0
    features["p:next_" + (tokens[ti + 1] if ti + 1 < n else "</s>")] = 1.0
    features["p:n_other"] = min(n_others, 3) / 3.0
    features["p:relpos"] = ti / max(1, n - 1)
    if pronoun:
        features["p:pron"] = 1.0
