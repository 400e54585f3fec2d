"""Actors (people, countries, blocs) in sentences: mentions, tone toward them, and who gets to speak.

An actors file (``data/actors.yml``) names each actor with its aliases.
Matching is case-sensitive, on word boundaries ("Xi" never matches "Xinhua"),
longest alias first, in one regular-expression pass over each sentence. Tone
toward an actor is the tone of the sentences that mention it: a blunt but
transparent measure (a sentence can mention two actors and praise only one).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.datafiles import read_section
from analysis.errors import DataFileError
from analysis.paths import ACTORS_YML

_CAPITALISED_RE = re.compile(r"(?<![\w’'])(?:[A-Z][a-z’'\-]+|[A-Z]{2,})(?:\s+(?:[A-Z][a-z’'\-]+|[A-Z]{2,}))*")
_COMMON_OPENERS = frozenset(
    "The A An This That These Those It He She They We I In On At For From With By As But And Or So If When "
    "While After Before Since Although Though What Who How Why Its His Her Their Our Mr Mrs Ms Dr".split())


def load_actors(path: str | Path = ACTORS_YML) -> dict[str, dict]:
    """Read and check an actors file: ``{name: {"type": ..., "aliases": [...]}}``."""
    path = Path(path)
    actors = read_section(path, "actors", what="actors file")
    out = {}
    for name, entry in actors.items():
        aliases = entry.get("aliases") if isinstance(entry, dict) else entry
        if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise DataFileError(f"{path}: actor {name!r} needs a non-empty list of aliases")
        kind = entry.get("type", "other") if isinstance(entry, dict) else "other"
        out[str(name)] = {"type": str(kind), "aliases": [a.strip() for a in aliases]}
    return out


def compile_actors(actors: dict[str, dict]) -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every alias, longest first, and the map from alias to actor."""
    alias_to_actor = {}
    for name, entry in actors.items():
        for alias in [name, *entry["aliases"]]:
            alias_to_actor.setdefault(alias, name)
    ordered = sorted(alias_to_actor, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w’'])(?:" + "|".join(re.escape(a) for a in ordered) + r")(?![\w])")
    return pattern, alias_to_actor


def match_actors(sentences: pd.DataFrame, actors: dict[str, dict], *, text_col: str = "text") -> pd.DataFrame:
    """One row per sentence and actor it mentions: the sentence's columns plus ``actor``, ``actor_type``,
    ``aliases`` (the aliases found, joined by " / ") and ``n_mentions``."""
    pattern, alias_to_actor = compile_actors(actors)
    rows = []
    for index, text in zip(sentences.index, sentences[text_col]):
        if not isinstance(text, str):
            continue
        found: dict[str, list[str]] = {}
        for match in pattern.finditer(text):
            found.setdefault(alias_to_actor[match.group(0)], []).append(match.group(0))
        for actor, aliases in found.items():
            rows.append((index, actor, actors[actor]["type"], " / ".join(dict.fromkeys(aliases)), len(aliases)))
    links = pd.DataFrame(rows, columns=["_row", "actor", "actor_type", "aliases", "n_mentions"])
    return sentences.join(links.set_index("_row"), how="inner").reset_index(drop=True)


def speaker_actor(speakers: pd.Series, actors: dict[str, dict]) -> pd.Series:
    """The actor each speaker string names ("Lukashenko", "Chinese state media"), or None."""
    pattern, alias_to_actor = compile_actors(actors)

    def resolve(who):
        if not isinstance(who, str):
            return None
        match = pattern.search(who)
        return alias_to_actor[match.group(0)] if match else None

    return speakers.map(resolve)


def actor_voice(sentences: pd.DataFrame, actors: dict[str, dict], *, by: str = "source") -> pd.DataFrame:
    """Who is mentioned and who gets to speak, per group and actor.

    Columns: ``by``, ``actor``, ``actor_type``, ``sentences_mentioning``,
    ``quoted_sentences`` (sentences of quoted speech attributed to the actor),
    ``quote_share`` (that count over all the group's attributed quoted
    sentences: who gets the microphone), and ``group_sentences``.
    """
    mentions = match_actors(sentences, actors)
    counted = mentions.groupby([by, "actor", "actor_type"]).size().rename("sentences_mentioning")
    quoted = sentences[sentences["voice"].isin(["quote", "mixed"])].assign(
        actor=lambda f: speaker_actor(f["speaker"], actors)).dropna(subset=["actor"])
    speaking = quoted.groupby([by, "actor"]).size().rename("quoted_sentences")
    out = counted.reset_index().merge(speaking.reset_index(), on=[by, "actor"], how="outer")
    out["actor_type"] = out["actor"].map({k: v["type"] for k, v in actors.items()})
    out["sentences_mentioning"] = out["sentences_mentioning"].fillna(0).astype(int)
    out["quoted_sentences"] = out["quoted_sentences"].fillna(0).astype(int)
    totals = out.groupby(by)["quoted_sentences"].transform("sum")
    out["quote_share"] = (out["quoted_sentences"] / totals.where(totals > 0)).fillna(0.0)
    out["group_sentences"] = out[by].map(sentences.groupby(by).size())
    return out.sort_values([by, "sentences_mentioning"], ascending=[True, False]).reset_index(drop=True)


def actor_tone(scored: pd.DataFrame, actors: dict[str, dict], *, by: str = "source", **options) -> pd.DataFrame:
    """Tone toward each actor per group: :func:`analysis.tone_by_source` over the sentences mentioning it.

    Long form with ``by``, ``actor`` and the columns of ``tone_by_source``;
    ``options`` are passed on (``measures``, ``n_boot``, ``resample``, …).
    """
    from analysis.tone import tone_by_source

    mentions = match_actors(scored, actors)
    if mentions.empty:
        return tone_by_source(scored.iloc[0:0].assign(actor=pd.Series(dtype=str)), by=[by, "actor"], **options)
    return tone_by_source(mentions, by=[by, "actor"], **options)


def suggest_actors(sentences: pd.DataFrame, *, top: int = 30, text_col: str = "text") -> pd.DataFrame:
    """Frequent proper names, to start an actors file for a new corpus.

    Counts runs of capitalised words that do not open a sentence ("Vladimir
    Putin", "Shanghai Cooperation Organization"). Columns: ``name``,
    ``sentences`` (how many mention it), ``articles``.
    """
    counts: Counter[str] = Counter()
    articles: dict[str, set] = {}
    for article_id, text in zip(sentences["article_id"], sentences[text_col]):
        if not isinstance(text, str):
            continue
        seen = set()
        for match in _CAPITALISED_RE.finditer(text):
            name = match.group(0)
            first = name.split()[0]
            if match.start() == 0 and " " not in name or first in _COMMON_OPENERS:
                continue
            seen.add(name)
        counts.update(seen)
        for name in seen:
            articles.setdefault(name, set()).add(article_id)
    rows = [(name, n, len(articles[name])) for name, n in counts.most_common(top)]
    return pd.DataFrame(rows, columns=["name", "sentences", "articles"])
