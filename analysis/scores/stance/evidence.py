"""What one sentence says about each actor it refers to, and the evidence table of :func:`stance_evidence`.

Read in the actor's clauses (the chunks between punctuation marks): the lexicon words near a mention
(:func:`proximity`), the event words near it (:func:`nearby_events`), and the actor's roles (:func:`roles`:
doer, target, or the speaker a reporting verb frames). Per article, sentence by sentence, with the headline,
the lede and the channel (the outlet's narration, someone else's quoted words, the actor's own words).
"""
from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from analysis.scores.sentiment import NEGATION_WINDOW, NEGATORS, vader_analyzer
from analysis.scores.stance.framing import Frame, Framing, load_framing_verbs, vader_lexicon
from analysis.scores.stance.spans import ActorMatcher, ActorSpan, actor_spans, article_records, coreference
from analysis.text.segment import STANCE_LEDE_SENTENCES

PARTS = ("proximity", "roles", "framing", "quotes", "coreference", "article")
WINDOW = 5  # words either side of a mention whose lexicon valence counts as "near"
ROLE_WINDOW = 4  # words between a mention and the verb or noun whose role it fills
NEGATION_SCALAR = -0.74  # VADER's own factor for a negated word
_PASSIVE = frozenset("was were is are be been being got get gets getting".split())
_AFTER_REDUCED_PASSIVE = frozenset("of in over for after by amid on with".split())  # "Smith accused of fraud"
_BETWEEN_SUBJECT_VERB = frozenset(
    "has have had was were is are be been being will would could should may might must did does do also then "
    "later recently repeatedly allegedly reportedly publicly openly again already just once still who which "
    "that not never n't finally quickly immediately eventually previously apparently himself herself itself "
    "got get gets yet even often".split())
_BETWEEN_VERB_OBJECT = frozenset("the a an his her their its our former fellow then rival top new".split())
_NOUN_OF = frozenset("of against into on over".split())
EVIDENCE_COLUMNS = ["article_id", "sentence_no", "actor", "mention", "channel", "lede", "vader", "near", "events",
                    "doer", "target", "framing", "words"]
EVIDENCE_VALUES = ["near", "events", "doer", "target", "framing"]


@dataclass(slots=True)
class Evidence:
    """What one sentence says about one actor."""

    near: float = 0.0
    events: float = 0.0
    doer: float = 0.0
    target: float = 0.0
    framing: float = 0.0
    words: list[tuple[str, float]] = field(default_factory=list)  # (word, value) pairs behind the numbers


def _marked_text(text: str, spans: list[ActorSpan], index: dict[str, int]) -> str:
    """The sentence with each mention replaced by a placeholder word (``qqa3qq``; possessive ``qqa3sqq``)."""
    pieces, cursor = [], 0
    for span in spans:
        if span.start < cursor:
            continue
        end = span.end + (2 if span.possessive and span.kind != "pronoun" else 0)
        pieces.append(text[cursor:span.start])
        pieces.append(f" qqa{index[span.actor]}{'s' if span.possessive else ''}qq ")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


_PLACEHOLDER_RE = re.compile(r"qqa(\d+)(s?)qq")
_CLAUSE_BREAK_RE = re.compile(r"[,;:()\[\]\"“”«»—–…!?]|\s[-‘’']+|(?<![-‘’'])[-‘’']+\s")  # a run tried once: linear
_STRIP = string.punctuation + "“”‘’«»…—–"


def clauses(text: str) -> list[list[str]]:
    """The lower-cased words of ``text`` in clauses, the stretches between punctuation marks.

    A word is a run of non-space characters stripped of punctuation at both
    ends, as VADER splits words (so its lexicon is looked up as VADER does);
    a possessive "'s" is cut. A comma-free text (some exports drop commas) is
    one clause per sentence: the window of :func:`proximity` still applies.
    """
    return [words for words in map(_words, _CLAUSE_BREAK_RE.split(text.lower())) if words]


def _words(clause: str) -> list[str]:
    words = [w.strip(_STRIP) for w in clause.split()]
    return [w[:-2] if w.endswith(("'s", "’s")) else w for w in words if w]


def _window(tokens: list[str], marks: list[int], window: int, hits: list[int] | None = None) -> list[int]:
    """Positions within ``window`` words of a mention (among ``hits``, the positions of lexicon words, when
    given), mentions themselves left out, in order."""
    candidates = range(len(tokens)) if hits is None else hits
    return [j for j in candidates if not tokens[j].startswith("qqa") and any(abs(j - m) <= window for m in marks)]


def _negated(tokens: list[str], j: int) -> bool:
    """A negator among the words just before, by the same rule as dictionary tone (:data:`NEGATORS`)."""
    return any(t in NEGATORS or t.endswith("n't") for t in tokens[max(0, j - NEGATION_WINDOW):j])


def proximity(tokens: list[str], marks: list[int], *, window: int = WINDOW, hits: list[int] | None = None
              ) -> tuple[float, list[tuple[str, float]]]:
    """Summed VADER valence (÷4, so one strong word ≈ ±0.5–0.9) of the words of one clause within ``window``
    words of a mention; a word after a negator (up to three words back) counts ×-0.74. Returns (value, words)."""
    lexicon = vader_lexicon()
    total, words = 0.0, []
    for j in _window(tokens, marks, window, hits):
        token = tokens[j]
        valence = lexicon.get(token)
        if valence is None:
            continue
        if _negated(tokens, j):
            valence *= NEGATION_SCALAR
        total += valence / 4
        words.append((token, valence / 4))
    return total, words


def nearby_events(tokens: list[str], marks: list[int], frames: Framing, *, window: int = WINDOW,
                  hits: list[int] | None = None) -> tuple[float, list[tuple[str, float]]]:
    """Event words of the framing list (not reporting verbs) within ``window`` words of a mention in its clause,
    whatever the actor's role:
    each counts the mean of its non-zero doer and target values ÷ 2 (so -1 … +1); "an indictment",
    "the award", "a scandal" near the actor. Negated as in :func:`proximity`. Returns (value, words)."""
    total, words = 0.0, []
    for j in _window(tokens, marks, window, hits):
        token = tokens[j]
        value = frames.event_value(token)
        if not value:
            continue
        if _negated(tokens, j):
            value *= NEGATION_SCALAR
        total += value
        words.append((f"{token} (event)", value))
    return total, words


def roles(tokens: list[str], marks: list[tuple[int, bool]], frames: Framing, *, hits: list[int] | None = None
          ) -> list[tuple[str, float, str]]:
    """The actor's roles in one clause, as ``(role, value, word)`` with role ``doer``, ``target`` or ``framing``.

    Doer: "X lied", "X has repeatedly attacked", "praised by X", "X's victory".
    Target: "accused X", "X was arrested", "the arrest of X", "X's indictment".
    Framing (a reporting verb whose subject is X): "X claimed", "X falsely said", "…, conceded X".
    A negator between the two flips and halves the value ("X did not lie").
    """
    found_roles, used = [], set()
    for i, possessive in marks:
        near = range(max(0, i - ROLE_WINDOW), min(len(tokens), i + ROLE_WINDOW + 1))
        for j in near if hits is None else [h for h in hits if abs(h - i) <= ROLE_WINDOW]:
            found = frames.frames_of(tokens[j]) if j != i and j not in used else None
            if not found:
                continue
            role, value = _role(tokens, i, j, possessive, found)
            if role is not None and value:
                found_roles.append((role, value, tokens[j]))
                used.add(j)
    return found_roles


def _role(tokens: list[str], i: int, j: int, possessive: bool, found: dict[str, Frame]) -> tuple[str | None, float]:
    between = tokens[i + 1:j] if j > i else tokens[j + 1:i]
    negated = any(t in NEGATORS or t.endswith("n't") for t in between)
    sign = -0.5 if negated else 1.0
    noun = found.get("noun")
    if noun and ((j == i + 1 and possessive) or (j < i and between and between[-1] in _NOUN_OF
                                                 and len(between) <= 2)):
        return ("target", noun.target) if noun.target else ("doer", noun.doer)
    verb = found.get("event") or found.get("speech")
    if verb is None:
        return None, 0.0
    speech = verb.kind == "speech"
    if j > i and all(t in _BETWEEN_SUBJECT_VERB or t.endswith("ly") for t in between):
        if not speech and _participle(tokens[j]) and (any(t in _PASSIVE for t in between) or _reduced(tokens, j)):
            return "target", verb.target * sign
        return ("framing" if speech else "doer"), verb.doer * sign
    if j < i and between == ["by"]:
        return ("framing" if speech else "doer"), verb.doer
    if j < i and speech and not between:
        return "framing", verb.doer  # "…, conceded Smith"
    if j < i and not speech and all(t in _BETWEEN_VERB_OBJECT for t in between):
        return "target", verb.target
    return None, 0.0


def _reduced(tokens: list[str], j: int) -> bool:
    """A passive without its auxiliary, as headlines and appositions write it: "Smith accused of fraud"."""
    return j + 1 < len(tokens) and tokens[j + 1] in _AFTER_REDUCED_PASSIVE


def _participle(word: str) -> bool:
    return word.endswith(("ed", "en", "wn", "ght", "ung", "ot", "ut", "id")) or word in ("won", "led", "set", "hit")


def sentence_evidence(text: str, spans: list[ActorSpan], frames: Framing, *,
                      parts: Iterable[str] = PARTS) -> dict[str, Evidence]:
    """What one sentence says about each actor it refers to, read in the actor's clauses (the chunks between
    punctuation marks): see :func:`proximity` and :func:`roles`."""
    parts = set(parts)
    actors = list(dict.fromkeys(s.actor for s in spans))
    out = {actor: Evidence() for actor in actors}
    marked = _marked_text(text, spans, {a: k for k, a in enumerate(actors)}).lower()
    for clause in _CLAUSE_BREAK_RE.split(marked):
        if "qqa" not in clause:
            continue
        words = _words(clause)
        hits = [j for j, word in enumerate(words) if frames.is_hit(word)]
        if not hits:
            continue
        for k, marks in _placeholders(words).items():
            _add_clause_evidence(out[actors[k]], words, marks, frames, parts, hits)
    return out


def _placeholders(words: list[str]) -> dict[int, list[tuple[int, bool]]]:
    """For each actor index, the positions of its placeholders in one clause, with whether it is possessive."""
    out: dict[int, list[tuple[int, bool]]] = {}
    for t, word in enumerate(words):
        if word[:3] == "qqa":
            match = _PLACEHOLDER_RE.fullmatch(word)
            if match:
                out.setdefault(int(match.group(1)), []).append((t, bool(match.group(2))))
    return out


def _add_clause_evidence(evidence: Evidence, tokens: list[str], marks: list[tuple[int, bool]],
                         frames: Framing, parts: set[str], hits: list[int]) -> None:
    positions = [t for t, _ in marks]
    hits = _window(tokens, positions, WINDOW, hits)
    if not hits:
        return
    if "proximity" in parts:
        near, words = proximity(tokens, positions, hits=hits)
        events, event_words = nearby_events(tokens, positions, frames, hits=hits)
        evidence.near += near
        evidence.events += events
        evidence.words += words + event_words
    if "roles" not in parts and "framing" not in parts:
        return
    for role, value, word in roles(tokens, marks, frames, hits=hits):
        if role == "framing" and "framing" in parts:
            evidence.framing += value
        elif role != "framing" and "roles" in parts:
            setattr(evidence, role, getattr(evidence, role) + value)
        else:
            continue
        evidence.words.append((f"{word} ({role})", value))


def stance_evidence(sentences: pd.DataFrame, actors: dict[str, dict], *, articles: pd.DataFrame | None = None,
                    parts: Iterable[str] = PARTS) -> pd.DataFrame:
    """One row per sentence and actor it refers to: the evidence behind :func:`article_stance`.

    Columns: ``article_id``, ``sentence_no`` (-1 for the headline), ``actor``,
    ``mention`` (``name``, ``title`` or ``pronoun``: the strongest way the
    sentence refers to the actor), ``channel`` (``narration``, ``quoted``: in
    someone else's quoted words, ``own``: the actor's own quoted words, or
    ``headline``), ``lede`` (one of the first two sentences), ``vader`` (the
    whole sentence's VADER compound), ``near``, ``doer``, ``target``,
    ``framing`` (see :func:`proximity` and :func:`roles`) and ``words`` (the
    evidence words with their values, strongest first). The headline is read
    from ``articles`` (``article_id``, ``title``) or a ``title`` column of
    ``sentences``. A ``vader`` column of ``sentences`` is used when present.
    """
    parts = check_parts(parts)
    missing = {"article_id", "sentence_no", "text"} - set(sentences.columns)
    if missing:
        raise KeyError(f"article_stance needs sentence columns {sorted(missing)} (from split_sentences); "
                       f"the frame has {list(sentences.columns)}")
    matcher = ActorMatcher.build(actors, surnames="coreference" in parts)
    frames = load_framing_verbs()
    headlines = _headlines(sentences, articles) if "article" in parts else {}
    rows: list[tuple] = []
    for article_id, records in article_records(sentences):
        rows += _article_rows(article_id, records, headlines.get(article_id), matcher, frames, parts)
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def check_parts(parts: Iterable[str]) -> frozenset[str]:
    parts = frozenset(parts)
    unknown = parts - set(PARTS)
    if unknown:
        raise ValueError(f"unknown stance parts {sorted(unknown)}; choose from {list(PARTS)}")
    return parts


def _headlines(sentences: pd.DataFrame, articles: pd.DataFrame | None) -> dict:
    if articles is not None and {"article_id", "title"} <= set(articles.columns):
        return dict(zip(articles["article_id"], articles["title"]))
    if "title" in sentences.columns:
        return sentences.groupby("article_id", sort=False)["title"].first().to_dict()
    return {}


def _article_rows(article_id, records: list[tuple], headline, matcher: ActorMatcher, frames, parts) -> list[tuple]:
    coref = coreference("coreference" in parts)
    rows = []
    if isinstance(headline, str) and headline.strip():
        text = headline.title() if headline.isupper() else headline
        rows += _sentence_rows(article_id, -1, text, "headline", None, None, matcher, coref, frames, parts)
    for sentence_no, text, voice, speaker, vader in records:
        if isinstance(text, str):
            rows += _sentence_rows(article_id, sentence_no, text, voice, speaker, vader, matcher, coref, frames,
                                   parts)
    return rows


def _sentence_rows(article_id, sentence_no, text, voice, speaker, vader, matcher, coref, frames, parts):
    spans = actor_spans(text, matcher, coref, sentence_no)
    if not spans:
        return []
    evidence = sentence_evidence(text, spans, frames, parts=parts)
    if vader is None or (isinstance(vader, float) and math.isnan(vader)):
        vader = sentence_vader(text)
    speaker_actor = matcher.actor_of(speaker) if "quotes" in parts else None
    rows = []
    for actor, found in evidence.items():
        own = [s for s in spans if s.actor == actor]
        mention = min((s.kind for s in own), key=("name", "title", "pronoun").index)
        channel = voice if voice == "headline" else _channel(text, own, voice, speaker_actor, actor, parts)
        words = "; ".join(f"{w} ({v:+.2f})" for w, v in sorted(found.words, key=lambda p: -abs(p[1]))) \
            if found.words else ""
        rows.append((article_id, sentence_no, actor, mention, channel, 0 <= sentence_no < STANCE_LEDE_SENTENCES,
                     float(vader), found.near, found.events, found.doer, found.target, found.framing, words))
    return rows


def sentence_vader(text: str) -> float:
    """VADER's compound score of one sentence."""
    return vader_analyzer().polarity_scores(text)["compound"]


_QUOTE_RE = re.compile('["“”«»]')


def _channel(text: str, spans: list[ActorSpan], voice, speaker_actor, actor: str, parts) -> str:
    """``own`` (the actor's quoted words), ``quoted`` (the actor named inside someone else's quoted words),
    else ``narration``. Without the quotes part, always ``narration``."""
    if "quotes" not in parts or voice not in ("quote", "mixed"):
        return "narration"
    if speaker_actor == actor:
        return "own"
    marks = [m.start() for m in _QUOTE_RE.finditer(text)]
    for span in spans:
        before = sum(1 for k in marks if k < span.start)
        if (before % 2 == 1) if marks else voice == "quote":
            return "quoted"
    return "narration"
