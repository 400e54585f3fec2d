"""Each article read sentence by sentence for its actors: the table of :func:`stance_evidence`.

For every sentence that refers to an actor (:class:`analysis.scores.stance.spans.ArticleMentions`), the clause
evidence of :func:`analysis.scores.stance.evidence.sentence_evidence`, the channel (the outlet's narration,
someone else's quoted words, the actor's own words, the headline) and the tone of the sentence toward the
actor (:mod:`analysis.scores.stance.target_model`, read at the actor's first mention in the sentence, with the
events done to the actor neutralised: what happened to it is not how it is told).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable

import pandas as pd

from analysis.scores.sentiment import vader_analyzer
from analysis.scores.stance.evidence import sentence_evidence
from analysis.scores.stance.framing import load_framing_verbs
from analysis.scores.stance.spans import ActorMatcher, ActorSpan, ArticleMentions, article_records
from analysis.scores.stance.target_model import tones_toward
from analysis.text.segment import STANCE_LEDE_SENTENCES

PARTS = ("proximity", "roles", "framing", "quotes", "coreference", "article", "toward")
EVIDENCE_COLUMNS = ["article_id", "sentence_no", "actor", "mention", "channel", "lede", "vader", "near", "events",
                    "doer", "target", "framing", "toward", "event", "words"]
EVIDENCE_VALUES = ["near", "events", "doer", "framing"]  # "target" (what was done to the actor) does not count
_QUOTE_RE = re.compile('["“”«»]')
_KINDS = ("name", "title", "pronoun")


def stance_evidence(sentences: pd.DataFrame, actors: dict[str, dict], *, articles: pd.DataFrame | None = None,
                    parts: Iterable[str] = PARTS) -> pd.DataFrame:
    """One row per sentence and actor it refers to: the evidence behind :func:`article_stance`.

    Columns: ``article_id``, ``sentence_no`` (-1 for the headline), ``actor``,
    ``mention`` (``name``, ``title`` or ``pronoun``: the strongest way the
    sentence refers to the actor), ``channel`` (``narration``, ``quoted``: in
    someone else's quoted words, ``own``: the actor's own quoted words, or
    ``headline``), ``lede`` (one of the first two sentences), ``vader`` (the
    whole sentence's VADER compound), ``near``, ``events``, ``doer``, ``target`` (what was done to the actor:
    kept apart, it counts toward nothing), ``framing`` (see :mod:`analysis.scores.stance.evidence`),
    ``toward`` (the sentence's tone toward the actor, P(positive) − P(negative) of
    :func:`analysis.scores.stance.target_model.target_sentiment`, events done to the actor neutralised; 0
    without the ``toward`` part), ``event`` (the words of what was done to the actor, "" if none) and ``words``
    (the evidence words with their values, strongest first). The headline is read from ``articles``
    (``article_id``, ``title``) or a ``title`` column of ``sentences``. A ``vader`` column of ``sentences`` is
    used when present.
    """
    parts = check_parts(parts)
    missing = {"article_id", "sentence_no", "text"} - set(sentences.columns)
    if missing:
        raise KeyError(f"article_stance needs sentence columns {sorted(missing)} (from split_sentences); "
                       f"the frame has {list(sentences.columns)}")
    matcher = ActorMatcher.build(actors, surnames="coreference" in parts)
    headlines = _headlines(sentences, articles) if "article" in parts else {}
    rows, targets = [], []
    for article_id, records in article_records(sentences):
        _read_article(article_id, records, headlines.get(article_id), matcher, parts, rows, targets)
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    if targets:
        tones = tones_toward(targets)
        frame["toward"] = [tone for tone, _ in tones]
        frame["event"] = [", ".join(dict.fromkeys(events)) for _, events in tones]
    return frame


def check_parts(parts: Iterable[str]) -> frozenset[str]:
    """The parts as a set; unknown names are refused, naming the known ones."""
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


def _read_article(article_id, records: list[tuple], headline, matcher: ActorMatcher, parts, rows: list,
                  targets: list) -> None:
    """Append the article's evidence rows to ``rows``, and to ``targets`` the mention whose tone each row reads
    (when the ``toward`` part is on)."""
    if isinstance(headline, str) and headline.strip():
        text = headline.title() if headline.isupper() else headline
        spans = ArticleMentions([text], matcher, resolve=False).spans_in(0)
        _read_sentence((article_id, -1, text, "headline", None, None), spans, [], matcher, parts, rows, targets)
    texts = [text if isinstance(text, str) else "" for _, text, *_ in records]
    mentions = ArticleMentions(texts, matcher, resolve="coreference" in parts)
    for k, (sentence_no, text, voice, speaker, vader) in enumerate(records):
        spans = mentions.spans_in(k) if texts[k] else []
        if spans:
            others = mentions.others_in(k) if "toward" in parts else []
            _read_sentence((article_id, sentence_no, texts[k], voice, speaker, vader), spans, others, matcher,
                           parts, rows, targets)


def _read_sentence(sentence: tuple, spans: list[ActorSpan], others: list[tuple[int, int]], matcher: ActorMatcher,
                   parts, rows: list, targets: list) -> None:
    article_id, sentence_no, text, voice, speaker, vader = sentence
    evidence = sentence_evidence(text, spans, load_framing_verbs(), parts=parts)
    if vader is None or (isinstance(vader, float) and math.isnan(vader)):
        vader = sentence_vader(text)
    speaker_actor = matcher.actor_of(speaker) if "quotes" in parts else None
    for actor, found in evidence.items():
        own = [s for s in spans if s.actor == actor]
        mention = min((s.kind for s in own), key=_KINDS.index)
        channel = voice if voice == "headline" else _channel(text, own, voice, speaker_actor, actor, parts)
        words = "; ".join(f"{w} ({v:+.2f})" for w, v in sorted(found.words, key=lambda p: -abs(p[1])))
        rows.append((article_id, sentence_no, actor, mention, channel, 0 <= sentence_no < STANCE_LEDE_SENTENCES,
                     float(vader), found.near, found.events, found.doer, found.target, found.framing, 0.0, "",
                     words))
        if "toward" in parts:
            first = min(own, key=lambda s: (_KINDS.index(s.kind), s.start))
            apart = [(s.start, s.end) for s in spans if s.actor != actor] + \
                [o for o in others if not (o[0] < first.end and first.start < o[1])]
            targets.append((text, first.start, first.end, tuple(sorted(set(apart)))))


def sentence_vader(text: str) -> float:
    """VADER's compound score of one sentence."""
    return vader_analyzer().polarity_scores(text)["compound"]


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
