"""Stance toward an actor: how favourably an article presents each person or body it names.

Today's "tone toward X" is the tone of every sentence that mentions X, which
reads a sentence praising Y and attacking X, quoted criticism, and topic words
("war", "crisis") as tone toward X. This module gathers evidence that is about
the actor, sentence by sentence, then weighs it with a small model fitted on
human judgements (PerSenT; ``bench/fit_stance.py``, ``docs/stance.md``).

Evidence, per sentence that refers to the actor (the parts of the ablation):

- **proximity**: VADER's lexicon words, and the event words of the framing
  list, in the actor's clause within ``WINDOW`` words of a mention (negated
  words flip), not the whole sentence;
- **roles**: event words of ``data/framing_verbs.tsv`` for which the actor is
  the doer ("X lied", "X won") or the target ("critics accused X", "X was
  arrested", "the arrest of X"), valued from -2 to +2;
- **framing**: reporting verbs that frame the actor as a speaker ("X claimed",
  "X conceded", "X falsely said");
- **quotes**: the actor named inside others' quoted words (their stance), and
  the actor's own quoted words, become signals of their own, weighed apart
  from the outlet's narration;
- **coreference**: "he"/"she" and titles ("the senator", from "Senator X"
  earlier in the article) that refer back to the actor;
- **article level**: the headline, the lede (the first two sentences), and
  the tone of the sentences around the actor's.

Output of :func:`article_stance`, one row per article and actor referred to:
``stance`` in [-1, 1] (the model's probability of a favourable reading minus
that of an unfavourable one), ``stance_label`` (``negative`` below
``thresholds[0]``, ``positive`` above ``thresholds[1]``, else ``neutral``),
``n_evidence`` (sentences, headline included, with at least one evidence word
about the actor) and ``clear`` (``n_evidence >= MIN_EVIDENCE``: below it, show
"no clear stance"). Mentions are found by :func:`find_mentions`, which can be
swapped for a better resolver without touching the rest.
"""
from __future__ import annotations

import json
import math
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.actors import compile_actors
from analysis.errors import DataFileError
from analysis.paths import FRAMING_VERBS_TSV, STANCE_MODEL_JSON
from analysis.sentiment import NEGATION_WINDOW, NEGATORS

PARTS = ("proximity", "roles", "framing", "quotes", "coreference", "article")
WINDOW = 5  # words either side of a mention whose lexicon valence counts as "near"
ROLE_WINDOW = 4  # words between a mention and the verb or noun whose role it fills
LEDE_SENTENCES = 2
MIN_EVIDENCE = 2  # sentences with evidence below which the report says "no clear stance" (docs/stance.md)
MIN_CLEAR_ARTICLES = 2  # clear articles a group needs before stance_summary gives a reading
NEGATION_SCALAR = -0.74  # VADER's own factor for a negated word
STANCE_COLUMNS = ["article_id", "actor", "stance", "stance_label", "clear", "n_evidence", "n_sentences",
                  "n_by_pronoun", "near", "doer", "target", "framing", "quoted_by_others", "own_words",
                  "headline", "evidence"]

_PRONOUNS = {"he": "subject", "she": "subject", "him": "object", "his": "possessive", "her": "object",
             "himself": "object", "herself": "object", "hers": "object"}
_PRONOUN_RE = re.compile(r"(?<![\w’'])(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]imself|[Hh]erself|[Hh]ers)(?![\w’'])")
_TITLES = {"president": "president", "sen.": "senator", "senator": "senator", "rep.": "congressman",
           "gov.": "governor", "governor": "governor", "mayor": "mayor", "judge": "judge", "justice": "justice",
           "coach": "coach", "chancellor": "chancellor", "minister": "minister", "secretary": "secretary",
           "pope": "pope", "king": "king", "queen": "queen", "prince": "prince", "princess": "princess",
           "gen.": "general", "general": "general", "chairman": "chairman", "ceo": "chief executive",
           "director": "director", "senator-elect": "senator", "premier": "premier", "speaker": "speaker",
           "attorney": "attorney", "sheriff": "sheriff", "chief": "chief", "bishop": "bishop"}
_TITLE_BEFORE_RE = re.compile(r"([A-Z][\w.\-]*)\s+$")
_NON_PERSON_TYPES = frozenset({"country", "org", "organisation", "organization", "company", "bloc", "party",
                               "institution", "place", "city", "region", "body", "government", "media"})
_ORG_WORDS = frozenset("Bank Party Council Ministry Union Company Inc Corp University Association Committee "
                       "Department Times News Group Agency Office Court Congress Senate House Republic "
                       "Kingdom States Nations Federation Organization Organisation Institute Fund".split())
_PASSIVE = frozenset("was were is are be been being got get gets getting".split())
_AFTER_REDUCED_PASSIVE = frozenset("of in over for after by amid on with".split())  # "Smith accused of fraud"
_BETWEEN_SUBJECT_VERB = frozenset(
    "has have had was were is are be been being will would could should may might must did does do also then "
    "later recently repeatedly allegedly reportedly publicly openly again already just once still who which "
    "that not never n't finally quickly immediately eventually previously apparently himself herself itself "
    "got get gets yet even often".split())
_BETWEEN_VERB_OBJECT = frozenset("the a an his her their its our former fellow then rival top new".split())
_NOUN_OF = frozenset("of against into on over".split())


@dataclass(frozen=True)
class Frame:
    """One entry of the framing list: its kind and values toward the doer and the target (-2 … +2)."""

    kind: str
    doer: float
    target: float


@dataclass(slots=True)
class Evidence:
    """What one sentence says about one actor."""

    near: float = 0.0
    events: float = 0.0
    doer: float = 0.0
    target: float = 0.0
    framing: float = 0.0
    words: list[tuple[str, float]] = field(default_factory=list)  # (word, value) pairs behind the numbers


# --- data files -----------------------------------------------------------------------------------------------

class Framing(dict):
    """The framing list as ``{word: {kind: Frame}}`` (a word may be both an event verb and a noun), with
    memoised look-ups of inflected words (through simplemma's English lemmas)."""

    def __init__(self, entries=()):
        super().__init__(entries)
        self._frames: dict[str, dict[str, Frame] | None] = {}
        self._values: dict[str, float] = {}
        self._hits: dict[str, bool] = {}

    def frames_of(self, word: str) -> dict[str, Frame] | None:
        """The entries of ``word`` or of its lemma ("accused" → "accuse"), or None."""
        if word not in self._frames:
            found = self.get(word)
            if found is None and len(word) > 3 and word[0].isalpha():
                found = self.get(_lemma(word))
            self._frames[word] = found
        return self._frames[word]

    def is_hit(self, word: str) -> bool:
        """Whether ``word`` is in VADER's lexicon or the framing list: the only words evidence can come from."""
        if word not in self._hits:
            self._hits[word] = word in _lexicon() or self.frames_of(word) is not None
        return self._hits[word]

    def event_value(self, word: str) -> float:
        """The mean of a word's non-zero doer and target values (event and noun entries) ÷ 2; 0 if none."""
        if word not in self._values:
            values = [v for frame in (self.frames_of(word) or {}).values() if frame.kind != "speech"
                      for v in (frame.doer, frame.target) if v]
            self._values[word] = sum(values) / len(values) / 2 if values else 0.0
        return self._values[word]


@lru_cache(maxsize=4)
def load_framing_verbs(path: str | Path = FRAMING_VERBS_TSV) -> Framing:
    """Read the framing list (``data/framing_verbs.tsv``): a :class:`Framing`. Clear errors name the line."""
    path = Path(path)
    out = Framing()
    lines = path.read_text(encoding="utf-8").splitlines()
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = cells == ["word", "kind", "doer", "target"]
            if not header_seen:
                raise DataFileError(f"{path}:{number}: expected the header 'word kind doer target' (tabs)")
            continue
        out.setdefault(cells[0].lower(), {}).update({cells[1]: _frame(cells, path, number)})
    return out


def _frame(cells: list[str], path: Path, number: int) -> Frame:
    if len(cells) != 4 or cells[1] not in ("event", "speech", "noun"):
        raise DataFileError(f"{path}:{number}: need 4 tab-separated cells with kind event, speech or noun")
    try:
        doer, target = float(cells[2]), float(cells[3])
    except ValueError as err:
        raise DataFileError(f"{path}:{number}: doer and target must be numbers from -2 to 2") from err
    if not (-2 <= doer <= 2 and -2 <= target <= 2):
        raise DataFileError(f"{path}:{number}: doer and target must be numbers from -2 to 2")
    return Frame(cells[1], doer, target)


@lru_cache(maxsize=4)
def load_stance_model(path: str | Path = STANCE_MODEL_JSON) -> dict:
    """The shipped weights: ``parts``, ``features``, ``mean``, ``scale``, ``coef`` (3 × features),
    ``intercept`` (3), ``classes`` and ``thresholds`` (see ``bench/fit_stance.py``)."""
    path = Path(path)
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataFileError(f"cannot read the stance model at {path}: {err}") from err
    missing = {"parts", "features", "mean", "scale", "coef", "intercept", "classes", "thresholds"} - set(model)
    if missing:
        raise DataFileError(f"{path}: the stance model lacks {sorted(missing)}; rerun bench/fit_stance.py")
    return model


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    from analysis.sentiment import _vader

    return _vader().lexicon


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="en")




# --- mentions ---------------------------------------------------------------------------------------------------

def is_person(name: str, entry: dict) -> bool:
    """Whether "he"/"she" may refer to the actor: typed ``person``, or untyped and not an organisation's name."""
    kind = str(entry.get("type", "")).lower()
    if kind == "person":
        return True
    if kind in _NON_PERSON_TYPES:
        return False
    return not _ORG_WORDS.intersection(name.replace(".", " ").split())


def expand_aliases(actors: dict[str, dict]) -> dict[str, dict]:
    """The actors with each person's surname added as an alias ("Benjamin Koellmann" → "Koellmann").

    A surname is the last word of a two- or three-word capitalised name; one
    that two actors share, or that is another actor's alias, is left out.
    """
    surnames: dict[str, list[str]] = {}
    for name, entry in actors.items():
        if not is_person(name, entry):
            continue
        for alias in {name, *entry.get("aliases", [])}:
            words = alias.split()
            if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and len(words[-1]) > 2:
                surnames.setdefault(words[-1], []).append(name)
    taken = {a for entry in actors.values() for a in entry.get("aliases", [])} | set(actors)
    out = {name: {**entry, "aliases": list(entry.get("aliases", []))} for name, entry in actors.items()}
    for surname, owners in surnames.items():
        if len(set(owners)) == 1 and surname not in taken:
            out[owners[0]]["aliases"].append(surname)
    return out


@dataclass
class _Matcher:
    """The compiled alias pattern of a set of actors, and which of them "he"/"she" may refer to."""

    pattern: re.Pattern
    alias_to_actor: dict[str, str]
    persons: frozenset[str]
    speakers: dict = field(default_factory=dict)  # speaker string → actor, memoised

    @classmethod
    def build(cls, actors: dict[str, dict], *, surnames: bool = True) -> "_Matcher":
        pattern, alias_to_actor = compile_actors(expand_aliases(actors) if surnames else actors)
        return cls(pattern, alias_to_actor, frozenset(n for n, e in actors.items() if is_person(n, e)))

    def actor_of(self, who) -> str | None:
        """The actor a speaker string names ("Lukashenko", "Senator Smith"), or None."""
        if not isinstance(who, str):
            return None
        if who not in self.speakers:
            match = self.pattern.search(who)
            self.speakers[who] = self.alias_to_actor[match.group(0)] if match else None
        return self.speakers[who]


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    actor: str
    kind: str  # "name", "title" or "pronoun"
    possessive: bool = False


class _Coreference:
    """Per-article state: which actor "he"/"she" and "the senator" refer to at this point of the article."""

    def __init__(self):
        self.recent: list[tuple[int, str]] = []  # (sentence_no, actor) of the latest name mentions
        self.titles: dict[str, set[str]] = {}
        self.title_patterns: dict[str, re.Pattern] = {}

    def learn(self, text: str, spans: list[_Span], sentence_no: int, persons: frozenset[str]) -> None:
        for span in spans:
            if span.kind != "name":
                continue
            before = _TITLE_BEFORE_RE.search(text, max(0, span.start - 30), span.start)
            title = _TITLES.get(before.group(1).lower()) if before else None
            if title:
                self.titles.setdefault(title, set()).add(span.actor)
                if title not in self.title_patterns:
                    self.title_patterns[title] = re.compile(
                        rf"\b[Tt]he (?:former |new |late |then-)?{re.escape(title)}\b")
            if span.actor in persons:
                self.recent.append((sentence_no, span.actor))
        self.recent = self.recent[-8:]

    def active(self, sentence_no: int) -> bool:
        """Whether a person actor was named recently enough for a pronoun to refer to it."""
        return bool(self.recent) and self.recent[-1][0] >= sentence_no - 2

    def pronoun_actor(self, sentence_no: int, named_here: list[str]) -> str | None:
        """The actor a personal pronoun refers to: the person named last, in this or the two previous sentences,
        when no other person actor was named in that stretch."""
        window = [a for s, a in self.recent if sentence_no - 2 <= s <= sentence_no] + named_here
        if not window:
            return None
        return window[-1] if len(set(window)) == 1 else None

    def title_spans(self, text: str) -> list[_Span]:
        spans = []
        for title, owners in self.titles.items():
            if len(owners) != 1:
                continue
            for match in self.title_patterns[title].finditer(text):
                spans.append(_Span(match.start(), match.end(), next(iter(owners)), "title"))
        return spans


def sentence_spans(text: str, matcher: _Matcher, coref: _Coreference | None, sentence_no: int) -> list[_Span]:
    """Mentions of actors in one sentence: names and aliases, then (with ``coref``) titles and pronouns."""
    spans = [_Span(m.start(), m.end(), matcher.alias_to_actor[m.group(0)], "name",
                   text.startswith(("'s", "’s"), m.end())) for m in matcher.pattern.finditer(text)]
    if coref is not None:
        if coref.titles:
            spans += [s for s in coref.title_spans(text) if not _overlaps(s, spans)]
        if spans or coref.active(sentence_no):
            spans += _pronoun_spans(text, spans, coref, sentence_no, matcher.persons)
        if spans:
            coref.learn(text, spans, sentence_no, matcher.persons)
    return sorted(spans, key=lambda s: s.start) if len(spans) > 1 else spans


def _pronoun_spans(text: str, spans: list[_Span], coref: _Coreference, sentence_no: int,
                   persons: frozenset[str]) -> list[_Span]:
    out = []
    for match in _PRONOUN_RE.finditer(text):
        named_before = [s.actor for s in spans if s.end <= match.start() and s.actor in persons]
        actor = coref.pronoun_actor(sentence_no, named_before)
        if actor is not None:
            word = match.group(0).lower()
            out.append(_Span(match.start(), match.end(), actor, "pronoun", _PRONOUNS[word] == "possessive"))
    return out


def _overlaps(span: _Span, spans: list[_Span]) -> bool:
    return any(span.start < s.end and s.start < span.end for s in spans)


def find_mentions(sentences: pd.DataFrame, actors: dict[str, dict], *, coreference: bool = True) -> pd.DataFrame:
    """One row per sentence and actor it refers to: ``article_id``, ``sentence_no``, ``actor``,
    ``n_names`` (names and aliases, surnames included), ``n_titles`` and ``n_pronouns``.

    The single place where PressLens decides which sentences refer to which
    actor for stance; a better resolver (speakers, canonical names, pronouns)
    can replace it. Sentences are read in ``sentence_no`` order per article.
    """
    matcher = _Matcher.build(actors)
    rows = []
    for article_id, records in _articles(sentences):
        coref = _Coreference() if coreference else None
        for sentence_no, text, *_ in records:
            spans = sentence_spans(text if isinstance(text, str) else "", matcher, coref, sentence_no)
            for actor in dict.fromkeys(s.actor for s in spans):
                kinds = [s.kind for s in spans if s.actor == actor]
                rows.append((article_id, sentence_no, actor, kinds.count("name"), kinds.count("title"),
                             kinds.count("pronoun")))
    return pd.DataFrame(rows, columns=["article_id", "sentence_no", "actor", "n_names", "n_titles", "n_pronouns"])


def _ordered(sentences: pd.DataFrame) -> pd.DataFrame:
    if sentences["sentence_no"].is_monotonic_increasing or sentences.empty:
        return sentences
    return sentences.sort_values(["article_id", "sentence_no"], kind="stable")


# --- evidence in one sentence -------------------------------------------------------------------------------------

def _marked_text(text: str, spans: list[_Span], index: dict[str, int]) -> str:
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
_CLAUSE_BREAK_RE = re.compile(r"[,;:()\[\]\"“”«»—–…!?]|\s[-‘’']+|[-‘’']+\s")
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
    lexicon = _lexicon()
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


def sentence_evidence(text: str, spans: list[_Span], frames: Framing, *,
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


# --- per article ------------------------------------------------------------------------------------------------

EVIDENCE_COLUMNS = ["article_id", "sentence_no", "actor", "mention", "channel", "lede", "vader", "near", "events",
                    "doer", "target", "framing", "words"]
_EVIDENCE = ["near", "events", "doer", "target", "framing"]
FEATURES = {"tone": None, "near": "proximity", "events": "proximity", "doer": "roles", "target": "roles", "framing": "framing",
            "near_quoted": "quotes", "own_words": "quotes", "headline_tone": "article",
            "headline_evidence": "article", "lede": "article", "context_tone": "article",
            "context_negative": "article"}
NEGATIVE_SENTENCE = -0.05  # VADER's own cut for a negative sentence


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
    matcher = _Matcher.build(actors, surnames="coreference" in parts)
    frames = load_framing_verbs()
    headlines = _headlines(sentences, articles) if "article" in parts else {}
    rows: list[tuple] = []
    for article_id, records in _articles(sentences):
        rows += _article_rows(article_id, records, headlines.get(article_id), matcher, frames, parts)
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def _articles(sentences: pd.DataFrame):
    """``(article_id, [(sentence_no, text, voice, speaker, vader), …])`` per article, sentences in order;
    plain Python lists, which are much faster to walk than a frame."""
    ordered = _ordered(sentences)
    n = len(ordered)
    columns = [ordered[c].tolist() if c in ordered.columns else [default] * n
               for c, default in (("sentence_no", 0), ("text", ""), ("voice", "narration"), ("speaker", None),
                                  ("vader", None))]
    for article_id, group in groupby(zip(ordered["article_id"].tolist(), *columns), key=lambda r: r[0]):
        yield article_id, [record[1:] for record in group]


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


def _article_rows(article_id, records: list[tuple], headline, matcher: _Matcher, frames, parts) -> list[tuple]:
    coref = _Coreference() if "coreference" in parts else None
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
    spans = sentence_spans(text, matcher, coref, sentence_no)
    if not spans:
        return []
    evidence = sentence_evidence(text, spans, frames, parts=parts)
    if vader is None or (isinstance(vader, float) and math.isnan(vader)):
        vader = _sentence_vader(text)
    speaker_actor = matcher.actor_of(speaker) if "quotes" in parts else None
    rows = []
    for actor, found in evidence.items():
        own = [s for s in spans if s.actor == actor]
        mention = min((s.kind for s in own), key=("name", "title", "pronoun").index)
        channel = voice if voice == "headline" else _channel(text, own, voice, speaker_actor, actor, parts)
        words = "; ".join(f"{w} ({v:+.2f})" for w, v in sorted(found.words, key=lambda p: -abs(p[1]))) \
            if found.words else ""
        rows.append((article_id, sentence_no, actor, mention, channel, 0 <= sentence_no < LEDE_SENTENCES,
                     float(vader), found.near, found.events, found.doer, found.target, found.framing, words))
    return rows


def _sentence_vader(text: str) -> float:
    from analysis.sentiment import _vader

    return _vader().polarity_scores(text)["compound"]


_QUOTE_RE = re.compile('["“”«»]')


def _channel(text: str, spans: list[_Span], voice, speaker_actor, actor: str, parts) -> str:
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


def stance_features(evidence: pd.DataFrame, tones: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article and actor: the model's inputs, from :func:`stance_evidence`.

    ``tone`` is the mean VADER of the sentences referring to the actor
    (today's measure, over the sentences that name it, when the coreference
    part is off); ``near``, ``events``, ``doer``, ``target`` and ``framing``
    are means over the same sentences. The quotes part adds two features
    rather than removing quoted sentences (which measured worse on PerSenT):
    ``near_quoted``, the mean ``near`` of the actor's mentions inside others'
    quoted words, and ``own_words``, the mean VADER of the actor's own quoted
    words; the model weighs them apart from the outlet's narration.
    ``headline_tone`` and ``headline_evidence`` (the sum of the evidence
    values) read the headline, ``lede`` the evidence of the first two
    sentences. With ``tones`` (``article_id``, ``sentence_no``, ``vader`` of
    every sentence), ``context_tone`` and ``context_negative`` are the mean
    VADER and the share of negative sentences (below -0.05) among the
    sentences that refer to the actor and their neighbours (one before, one
    after). A feature with no sentence to read is 0. Also ``n_sentences``,
    ``n_by_pronoun`` and ``n_evidence`` (sentences, headline included, with
    evidence).
    """
    keys = ["article_id", "actor"]
    if evidence.empty:
        return pd.DataFrame(columns=[*keys, *FEATURES, "n_sentences", "n_by_pronoun", "n_evidence"])
    ev = evidence.assign(
        _evidence=evidence[_EVIDENCE].ne(0).any(axis=1), _sum=evidence[_EVIDENCE].sum(axis=1))
    body = ev[ev["channel"] != "headline"]
    out = body.groupby(keys)[["vader", *_EVIDENCE]].mean().rename(
        columns={"vader": "tone"})
    out = out.join(_channel_mean(body, "quoted", "near", "near_quoted"), how="outer")
    out = out.join(_channel_mean(body, "own", "vader", "own_words"), how="outer")
    head = ev[ev["channel"] == "headline"].set_index(keys)
    out = out.join(head[["vader", "_sum"]].rename(columns={"vader": "headline_tone", "_sum": "headline_evidence"}),
                   how="outer")
    lede = body[body["lede"]].groupby(keys)["_sum"].mean().rename("lede")
    out = out.join(lede, how="outer")
    if tones is not None:
        out = out.join(_context(body, tones), how="outer")
    out = out.reindex(columns=list(FEATURES)).fillna(0.0)
    counts = ev.assign(_body=ev["channel"] != "headline", _pronoun=ev["mention"] == "pronoun").groupby(keys).agg(
        n_sentences=("_body", "sum"), n_by_pronoun=("_pronoun", "sum"), n_evidence=("_evidence", "sum"))
    return out.join(counts, how="outer").fillna(0.0).reset_index().astype(
        {"n_sentences": "int64", "n_by_pronoun": "int64", "n_evidence": "int64"})


def _context(body: pd.DataFrame, tones: pd.DataFrame) -> pd.DataFrame:
    """Mean VADER and share of negative sentences over each actor's sentences and their neighbours."""
    keys = ["article_id", "actor"]
    mentioned = body[[*keys, "sentence_no"]].drop_duplicates()
    around = pd.concat([mentioned.assign(sentence_no=mentioned["sentence_no"] + d) for d in (-1, 0, 1)])
    around = around.drop_duplicates().merge(tones[["article_id", "sentence_no", "vader"]],
                                            on=["article_id", "sentence_no"])
    around["_negative"] = (around["vader"] < NEGATIVE_SENTENCE).astype(float)
    return around.groupby(keys).agg(context_tone=("vader", "mean"), context_negative=("_negative", "mean"))


def _channel_mean(frame: pd.DataFrame, channel: str, column: str, name: str) -> pd.Series:
    return frame[frame["channel"] == channel].groupby(["article_id", "actor"])[column].mean().rename(name)


def score_features(features: pd.DataFrame, model: dict) -> np.ndarray:
    """The model's class probabilities (columns in ``model["classes"]`` order) for each row of features."""
    x = features[model["features"]].to_numpy(dtype=float)
    z = (x - np.asarray(model["mean"])) / np.asarray(model["scale"])
    logits = z @ np.asarray(model["coef"]).T + np.asarray(model["intercept"])
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def stance_from_probabilities(p: np.ndarray, classes: list[str]) -> np.ndarray:
    """``P(positive) - P(negative)``: in [-1, 1], 0 when the two are equally likely."""
    return p[:, classes.index("positive")] - p[:, classes.index("negative")]


def stance_label(stance: np.ndarray, thresholds: tuple[float, float]) -> np.ndarray:
    """``negative`` below ``thresholds[0]``, ``positive`` above ``thresholds[1]``, else ``neutral``."""
    low, high = thresholds
    return np.where(stance < low, "negative", np.where(stance > high, "positive", "neutral"))


def article_stance(sentences: pd.DataFrame, actors: dict[str, dict], *, articles: pd.DataFrame | None = None,
                   model: dict | str | Path | None = None) -> pd.DataFrame:
    """Stance of each article toward each actor it refers to.

    ``sentences``: rows of :func:`analysis.split_sentences` (``article_id``,
    ``sentence_no``, ``text``; ``voice``, ``speaker`` and ``vader`` when
    present) for any number of articles; each article is read on its own.
    ``actors``: ``{name: {"type": ..., "aliases": [...]}}``. ``articles``
    (optional): ``article_id`` and ``title``, for the headline.

    Columns: ``article_id``, ``actor``, ``stance`` (in [-1, 1], higher = more
    favourable), ``stance_label`` (``negative``/``neutral``/``positive`` by
    the model's thresholds), ``clear`` (``n_evidence >= MIN_EVIDENCE``),
    ``n_evidence``, ``n_sentences`` (sentences referring to the actor),
    ``n_by_pronoun``, the evidence means ``near``, ``doer``, ``target``,
    ``framing``, ``quoted_by_others`` (``near`` in others' quotes),
    ``own_words`` (tone of the actor's own quoted words), ``headline``
    (evidence in the headline), and ``evidence``: the strongest evidence words
    with their values, e.g. ``"accused (target) (-1.50); praised (+0.55)"``.
    """
    model = model if isinstance(model, dict) else load_stance_model(model or STANCE_MODEL_JSON)
    evidence = stance_evidence(sentences, actors, articles=articles, parts=model["parts"])
    features = stance_features(evidence, sentence_tones(sentences) if "article" in model["parts"] else None)
    if features.empty:
        return pd.DataFrame(columns=STANCE_COLUMNS)
    stance = stance_from_probabilities(score_features(features, model), model["classes"])
    out = features.assign(stance=np.round(stance, 4),
                          stance_label=stance_label(stance, tuple(model["thresholds"])),
                          clear=features["n_evidence"] >= MIN_EVIDENCE,
                          quoted_by_others=features["near_quoted"], headline=features["headline_evidence"])
    out = out.merge(_evidence_words(evidence), on=["article_id", "actor"], how="left")
    return out[STANCE_COLUMNS].reset_index(drop=True)


def _evidence_words(evidence: pd.DataFrame, *, top: int = 6) -> pd.DataFrame:
    """The ``top`` strongest evidence words of each article and actor, as one string."""
    pairs: dict[tuple, list[str]] = {}
    for article_id, actor, words in zip(evidence["article_id"], evidence["actor"], evidence["words"]):
        found = pairs.setdefault((article_id, actor), [])
        if words:
            found.extend(words.split("; "))
    rows = []
    for (article_id, actor), found in pairs.items():
        found.sort(key=lambda p: -abs(float(p.rsplit("(", 1)[1].rstrip(")"))))
        rows.append((article_id, actor, "; ".join(dict.fromkeys(found[:top]))))
    return pd.DataFrame(rows, columns=["article_id", "actor", "evidence"])


def sentence_tones(sentences: pd.DataFrame) -> pd.DataFrame:
    """``article_id``, ``sentence_no`` and ``vader`` of every sentence: the ``vader`` column when the sentences
    were scored (:func:`analysis.score_tone`), else computed here."""
    if "vader" in sentences.columns:
        tones = sentences[["article_id", "sentence_no", "vader"]]
        return tones[tones["vader"].notna()]
    texts = sentences["text"].where(sentences["text"].map(lambda t: isinstance(t, str)), "")
    return sentences[["article_id", "sentence_no"]].assign(vader=[_sentence_vader(t) for t in texts])


def stance_summary(stance: pd.DataFrame, articles: pd.DataFrame, *, by: str = "source", n_boot: int = 2000,
                   level: float = 0.95, min_clear: int = MIN_CLEAR_ARTICLES, seed: int = 0,
                   rng: np.random.Generator | None = None) -> pd.DataFrame:
    """Stance toward each actor per group (an outlet, by default): one row per ``by`` and ``actor``.

    ``stance`` is :func:`article_stance`'s output; ``articles`` maps
    ``article_id`` to ``by``. Only articles with clear evidence (``clear``)
    enter the mean; each article counts once. Columns: ``by``, ``actor``,
    ``n_articles`` (articles referring to the actor), ``n_clear``, ``mean``
    (mean stance over the clear articles, NaN without any), ``ci_low``,
    ``ci_high`` (percentile bootstrap over articles, at ``level``; NaN with
    fewer than two), ``share_negative``, ``share_positive`` (of the clear
    articles' labels) and ``reading``: ``"no clear stance"`` when fewer than
    ``min_clear`` articles have clear evidence, else the label of the mean
    (``min_clear=1`` reads a single article, as a corpus of one article per
    outlet needs). Groups come in sorted order and one random generator (``rng``, else one from ``seed``)
    runs through them, so consecutive batches of groups given one ``rng`` summarise as one call would.
    """
    from analysis.tone import bootstrap_mean_ci

    framed = stance if by in stance else stance.merge(articles[["article_id", by]], on="article_id", how="left")
    rng = rng if rng is not None else np.random.default_rng(seed)
    rows = []
    for (group, actor), frame in framed.groupby([by, "actor"], sort=True, dropna=False, observed=True):
        clear = frame[frame["clear"]]
        values = clear["stance"].to_numpy(dtype=float)
        low, high = bootstrap_mean_ci(values, n_boot=n_boot, level=level, rng=rng)
        mean = float(values.mean()) if len(values) else np.nan
        rows.append((group, actor, len(frame), len(clear), mean, low, high,
                     float((clear["stance_label"] == "negative").mean()) if len(clear) else np.nan,
                     float((clear["stance_label"] == "positive").mean()) if len(clear) else np.nan,
                     _reading(mean, len(clear), min_clear)))
    return pd.DataFrame(rows, columns=[by, "actor", "n_articles", "n_clear", "mean", "ci_low", "ci_high",
                                       "share_negative", "share_positive", "reading"])


def _reading(mean: float, n_clear: int, min_clear: int) -> str:
    if n_clear < max(min_clear, 1) or np.isnan(mean):
        return "no clear stance"
    return str(stance_label(np.array([mean]), tuple(load_stance_model()["thresholds"]))[0])
