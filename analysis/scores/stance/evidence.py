"""What one sentence says about each actor it refers to, read in the actor's clauses.

The clauses are the chunks between punctuation marks. In them: the lexicon words near a mention
(:func:`proximity`), the event words near it (:func:`nearby_events`), and the actor's roles (:func:`roles`:
doer, target, or the speaker a reporting verb frames). :func:`sentence_evidence` puts them together for each
actor a sentence refers to; :mod:`analysis.scores.stance.reading` reads whole articles with it.
"""
from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field

from analysis.scores.sentiment import NEGATION_WINDOW, NEGATORS
from analysis.scores.stance.framing import Frame, Framing, vader_lexicon
from analysis.scores.stance.spans import ActorSpan

CLAUSE_PARTS = ("proximity", "roles", "framing")  # the parts read here, in each clause
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
    """The actor's roles in one clause as ``(role, value, word)``: see :func:`roles_at`."""
    return [(role, value, word) for role, value, word, _ in roles_at(tokens, marks, frames, hits=hits)]


def roles_at(tokens: list[str], marks: list[tuple[int, bool]], frames: Framing, *, hits: list[int] | None = None
             ) -> list[tuple[str, float, str, int]]:
    """The actor's roles in one clause, as ``(role, value, word, position)`` with role ``doer``, ``target`` or
    ``framing``.

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
                found_roles.append((role, value, tokens[j], j))
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
                      parts: Iterable[str] = CLAUSE_PARTS) -> dict[str, Evidence]:
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
    """Add one clause's evidence. What was done to the actor ("X was fired", "the arrest of X") is kept in
    ``target`` only: it is not the outlet's judgement, so its word counts neither as a role nor as a nearby
    word."""
    positions = [t for t, _ in marks]
    hits = _window(tokens, positions, WINDOW, hits)
    if not hits:
        return
    found = roles_at(tokens, marks, frames, hits=hits) if "roles" in parts or "framing" in parts else []
    done_to = {j for role, _, _, j in found if role == "target"}
    if "proximity" in parts:
        kept = [j for j in hits if j not in done_to]
        near, words = proximity(tokens, positions, hits=kept)
        events, event_words = nearby_events(tokens, positions, frames, hits=kept)
        evidence.near += near
        evidence.events += events
        evidence.words += words + event_words
    for role, value, word, _ in found:
        if role == "framing" and "framing" in parts:
            evidence.framing += value
        elif role != "framing" and "roles" in parts:
            setattr(evidence, role, getattr(evidence, role) + value)
            if role == "target":
                continue
        else:
            continue
        evidence.words.append((f"{word} ({role})", value))
