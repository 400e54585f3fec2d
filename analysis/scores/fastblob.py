"""TextBlob's sentiment, computed faster with bit-identical results.

``TextBlob(text).sentiment`` spends most of its time on Python overhead: a
lazy-dictionary wrapper on every lexicon lookup, per-token string loops in its
tokenizer, and a new namedtuple class on every call. This module runs the
same algorithm (pattern's ``find_tokens`` and ``Sentiment.assessments``, as
shipped in textblob) on plain dictionaries and sets, with a fast path for the
common token that needs no punctuation splitting. Every branch that changes a
score is kept, in the same order, with the same floating-point operations.

``tests/scores/test_fastblob.py`` checks that polarity, subjectivity and the
assessments are identical to TextBlob's on thousands of real and generated
texts (emoticons, negation, contractions, runs of punctuation, random
Unicode). Use :func:`sentiment`; :func:`analysis.scores.sentiment.score_text` does.
"""
from __future__ import annotations

import re
from functools import lru_cache

from textblob import _text
from textblob.en import sentiment as _reference

_PUNCTUATION = _text.PUNCTUATION
_LEADING = tuple(_PUNCTUATION.replace(".", ""))
_TRAILING = _LEADING + (".",)
_LEAD_SET = frozenset(_LEADING)
_TRAIL_SET = frozenset(_TRAILING)
_REPLACE = _text.replacements
_ABBREVIATIONS = _text.ABBREVIATIONS
_ABBR_RES = (_text.RE_ABBR1, _text.RE_ABBR2, _text.RE_ABBR3)
_EOS = _text.EOS
_TERMINAL = frozenset(("...", ".", "!", "?", _EOS))
_CLOSING = frozenset(("'", '"', "”", "’", "...", ".", "!", "?", ")", _EOS))
_TOKEN = re.compile(r"(?<!\S)(\S+)\s")  # textblob's TOKEN, tried only where a token starts: linear
_LINEBREAK = re.compile(r"\n{2,}")
_SPACES = re.compile(r"\s+")
_SARCASM = _text.RE_SARCASM
_EMOTICONS_RE = _text.RE_EMOTICONS


def _emoticon_hint() -> re.Pattern:
    """A cheap pattern that matches wherever textblob's emoticon pattern could: a character found only in
    emoticons' faces (":", ";", "=", …), or one of the few faces without such a character, spelled as
    textblob's pattern spells it (" ?" between characters)."""
    faces = [face for group in _text.EMOTICONS.values() for face in group]
    rare = set(":;=<>♥*°_")
    plain = [face for face in faces if not set(face) & rare]
    return re.compile("[" + re.escape("".join(sorted(rare))) + "]|"
                      + "|".join(" ?".join(re.escape(ch) for ch in face) for face in plain))


_EMOTICON_HINT = _emoticon_hint()
_MOOD, _IRONY = _text.MOOD, _text.IRONY


def _emoticon_table() -> dict[str, float]:
    table: dict[str, float] = {}
    for (_kind, polarity), faces in _text.EMOTICONS.items():  # first set that holds a face wins, as in textblob
        for face in faces:
            table.setdefault(face.lower(), polarity)
    return table


_EMOTICON_POLARITY = _emoticon_table()


class _Lexicon:
    """Plain-dictionary copies of textblob's English sentiment lexicon and rules."""

    def __init__(self):
        len(_reference)  # makes the lazy dictionary load its XML
        self.scores = {w: dict(pos) for w, pos in dict.items(_reference)}
        self.plain = {w: pos[None] for w, pos in self.scores.items() if None in pos}
        self.labels = dict(_reference.labeler)
        self.negations = frozenset(_reference.negations)
        self.modifier_tags = tuple(_reference.modifiers)
        self.can_modify = frozenset(w for w, pos in self.scores.items()
                                    if any(tag in pos for tag in self.modifier_tags))
        self.modifier = _reference.modifier


_LEXICON: _Lexicon | None = None


def sentiment(text: str) -> tuple[float, float, list]:
    """``(polarity, subjectivity, assessments)`` exactly as ``textblob.en.sentiment(text)`` gives them."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = _Lexicon()
    words = " ".join(find_tokens(str(text))).split()
    a = _assessments(_LEXICON, [w.lower() for w in words])
    n = len(a)
    p_sum = s_sum = 0
    for _w, p, s, _x in a:
        p_sum += 1 * p
        s_sum += 1 * s
    return p_sum / float(n or 1), s_sum / float(n or 1), a


@lru_cache(maxsize=1)
def word_polarities() -> dict[str, float]:
    """TextBlob's lexicon as ``{word: polarity}``: each lower-case word's mean polarity over its senses, where
    that mean is beyond ±0.05 (the words that carry tone on their own)."""
    len(_reference)  # makes the lazy dictionary load its XML
    out = {}
    for word, senses in dict.items(_reference):
        if None in senses and re.fullmatch(r"[a-z][a-z'\-]*", word):
            mean = senses[None][0]  # pattern's mean over the word's senses
            if abs(mean) > 0.05:
                out[word] = mean
    return out


def find_tokens(string: str) -> list[str]:
    """textblob's ``find_tokens`` (pattern's tokenizer), with a fast path for plain tokens."""
    if "'" in string:  # every contraction pattern holds an apostrophe; they are literal strings
        for pattern, replacement in _REPLACE.items():
            string = string.replace(pattern, replacement)
    string = (string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
              .replace("'", " ' ").replace('"', ' " '))
    string = string.replace("\r\n", "\n")
    if "\n\n" in string:
        string = _LINEBREAK.sub(" %s " % _EOS, string)
    string = _SPACES.sub(" ", string)
    tokens: list[str] = []
    append = tokens.append
    for t in _TOKEN.findall(string + " "):
        if not t:
            continue
        if t[0] not in _LEAD_SET and t[-1] not in _TRAIL_SET:
            append(t)
            continue
        tail = []
        while t.startswith(_LEADING) and t not in _REPLACE:
            if t.startswith(_LEADING):
                append(t[0])
                t = t[1:]
        while t.endswith(_TRAILING) and t not in _REPLACE:
            if t.endswith(_LEADING):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if t in _ABBREVIATIONS or any(r.match(t) is not None for r in _ABBR_RES):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            append(t)
        tokens.extend(reversed(tail))
    return _sentences(tokens)


def _sentences(tokens: list[str]) -> list[str]:
    sentences, i, j = [[]], 0, 0
    count = len(tokens)
    while j < count:
        if tokens[j] in _TERMINAL:
            while j < count and tokens[j] in _CLOSING:
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != _EOS)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    out = []
    for s in sentences:
        if s:
            joined = " ".join(s)
            if "!" in joined:
                joined = _SARCASM.sub("(!)", joined)
            if _EMOTICON_HINT.search(joined):
                joined = _EMOTICONS_RE.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), joined)
            out.append(joined)
    return out


def _assessments(lex: _Lexicon, words: list[str]) -> list:
    """pattern's ``Sentiment.assessments`` for words with no part-of-speech tag, on plain dictionaries."""
    a = []
    m = None
    n = None
    plain, labels, negations = lex.plain, lex.labels, lex.negations
    for w in words:
        psi = plain.get(w)
        if psi is not None:
            p, s, i = psi
            if m is None:
                a.append({"w": [w], "p": p, "s": s, "i": i, "n": 1, "x": labels.get(w)})
            if m is not None:
                last = a[-1]
                last["w"].append(w)
                last["p"] = max(-1.0, min(p * last["i"], +1.0))
                last["s"] = max(-1.0, min(s * last["i"], +1.0))
                last["i"] = i
                last["x"] = labels.get(w)
            if n is not None:
                last = a[-1]
                last["w"].insert(0, n)
                last["i"] = 1.0 / last["i"]
                last["n"] = -1
            m = None
            n = None
            if w in lex.can_modify:
                m = (w, None)
            if w in negations:
                n = w
        else:
            if w in negations:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and (None in lex.modifier_tags or lex.modifier(m[0])):
                a[-1]["w"].append(n)
                a[-1]["n"] = -1
                n = None
            elif m and len(w) > 2:
                m = None
            if w == "!" and len(a) > 0:
                a[-1]["w"].append("!")
                a[-1]["p"] = max(-1.0, min(a[-1]["p"] * 1.25, +1.0))
            if w == "(!)":
                a.append({"w": [w], "p": 0.0, "s": 1.0, "i": 1.0, "n": 1, "x": _IRONY})
            if w.isalpha() is False and len(w) <= 5 and w not in _PUNCTUATION:
                polarity = _EMOTICON_POLARITY.get(w)
                if polarity is not None:
                    a.append({"w": [w], "p": polarity, "s": 1.0, "i": 1.0, "n": 1, "x": _MOOD})
    return [(x["w"], x["p"] * -0.5 if x["n"] < 0 else x["p"], x["s"], x["x"]) for x in a]
