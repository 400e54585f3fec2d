"""Actors (people, countries, blocs) in sentences: mentions, who gets to speak, and stand-ins from the corpus.

An actors file (``data/actors.yml``) names each actor with its aliases.
Matching is case-sensitive, on word boundaries ("Xi" never matches "Xinhua"),
longest alias first, in one regular-expression pass over each sentence. Tone
toward an actor (:func:`analysis.scores.tone.actor_tone`) is the tone of the sentences that mention it: a
blunt but transparent measure (a sentence can mention two actors and praise only one); the stance measure
(:mod:`analysis.scores.stance`) reads what the sentences say about the actor.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.errors import DataFileError, OptionError
from analysis.paths import ACTORS_YML, DATA_DIR
from analysis.resources.datafiles import read_section
from analysis.resources.wordlists import read_entries
from analysis.voices.names.index import NameIndex
from analysis.voices.names.lexicon import lexicon

ACTOR_PARTS_TXT = DATA_DIR / "actor_parts.txt"
SUGGEST_SAMPLE = 2000  # articles read to find the names; mentions are then counted on every sentence
_POSSESSIVE_END_RE = re.compile(r"['’]s?$")
_INITIAL_END_RE = re.compile(r"(?:^|[ \u00a0])[A-Z]\.?$")  # "James B", "Robert S."
_PARTY_TAG_RE = re.compile(r"[DRI][-–][A-Z][\w.]*")  # "D-N", "R-Tenn"


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


def merged_actors(actors: dict[str, dict]) -> tuple[dict[str, dict], dict[str, str]]:
    """The actors with those that name another actor's part folded into it, and the map from each given name
    to the name it is now under.

    An actor folds into another when each of its aliases is one of the other's aliases followed by words of
    ``data/actor_parts.txt`` ("Trump Presidency", "Trump administration", "Smith's lawyers" into "Trump" and
    "Smith"), or when its only alias is a person's surname or first name that no other actor holds ("Trump"
    into "Donald Trump"). Its name and aliases become the other's aliases, so that one person is one row.
    """
    parts = {w.lower() for line in read_entries(ACTOR_PARTS_TXT) for w in line.split()}
    holders: dict[str, set[str]] = {}  # each alias (names included): the actors that hold it
    by_end: dict[str, set[str]] = {}  # first or last word of a 2- or 3-word alias of a possible person: its actors
    for name, entry in actors.items():
        for alias in {name, *entry.get("aliases", [])}:
            holders.setdefault(alias, set()).add(name)
            words = alias.split()
            if entry.get("type") in ("person", None) and 2 <= len(words) <= 3:
                for word in {words[0], words[-1]}:
                    by_end.setdefault(word, set()).add(name)
    into: dict[str, str] = {}
    for name, entry in actors.items():
        aliases = {name, *entry.get("aliases", [])}
        owners: set[str] | None = None
        for alias in aliases:
            found = _wholes_of(alias, holders, parts) - {name}
            owners = found if owners is None else owners & found
            if not owners:
                break
        owners = set(owners or ())
        if len(aliases) == 1 and " " not in name:
            owners |= _fuller_person(name, by_end.get(name, set()), actors, parts)
        if len(owners) == 1:
            into[name] = owners.pop()
    for name in list(into):  # follow chains: "Trump campaign" → "Trump" → "Donald Trump"
        seen = {name}
        while into[name] in into and into[name] not in seen:
            seen.add(into[name])
            into[name] = into[into[name]]
    into = {name: owner for name, owner in into.items() if owner not in into}  # no cycles
    out = {name: {**entry, "aliases": list(entry.get("aliases", []))} for name, entry in actors.items()
           if name not in into}
    for name, owner in into.items():
        out[owner]["aliases"] = list(dict.fromkeys([*out[owner]["aliases"], name, *actors[name].get("aliases", [])]))
    return out, {name: into.get(name, name) for name in actors}


def _names_part_of(alias: str, others: set[str], parts: set[str]) -> bool:
    """Whether ``alias`` is one of ``others`` followed by part words ("Trump Presidency", "Smith's lawyers")."""
    return any(_wholes_of(alias, {other: {other} for other in others}, parts))


def _wholes_of(alias: str, holders: dict[str, set[str]], parts: set[str]) -> set[str]:
    """The actors (from ``holders``, alias → actors) that ``alias`` names a part of: an alias of theirs followed
    by words of the parts list only."""
    words = alias.replace("’s ", "'s ").split()
    found: set[str] = set()
    for n in range(len(words) - 1, 0, -1):
        if words[n].lower() not in parts:
            break
        found |= holders.get(" ".join(words[:n]).removesuffix("'s"), set())
    return found


def _fuller_person(name: str, candidates: set[str], actors: dict[str, dict], parts: set[str]) -> set[str]:
    """The one person actor among ``candidates`` (actors with a two- or three-word alias that starts or ends
    with this one-word actor's name) that is not merely a part of it ("Trump campaign" beside "Trump")."""
    owners = {other for other in candidates if other != name and
              not all(_names_part_of(a, {name}, parts) for a in {other, *actors[other].get("aliases", [])})}
    return owners if len(owners) == 1 else set()


def compile_actors(actors: dict[str, dict]) -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every alias, longest first, and the map from alias to actor. An alias of one or two
    letters ("UN", "S") also needs no period before it and no period and letter after it, so that "U.S."
    matches neither "U" nor "S" (but "UN-backed" matches "UN")."""
    check_actors(actors)
    alias_to_actor = {}
    for name, entry in actors.items():
        for alias in [name, *entry["aliases"]]:
            alias_to_actor.setdefault(alias, name)
    ordered = sorted(alias_to_actor, key=len, reverse=True)
    parts = [re.escape(a) if len(a) > 2 else rf"(?<!\.){re.escape(a)}(?!\.\w)" for a in ordered]
    pattern = re.compile(r"(?<![\w’'])(?:" + "|".join(parts) + r")(?![\w])")
    return pattern, alias_to_actor


def check_actors(actors) -> None:
    """A one-line :class:`OptionError` unless ``actors`` maps at least one name to its ``aliases`` (non-empty
    texts) and ``type``, as :func:`load_actors` gives."""
    example = "{'Xi Jinping': {'type': 'person', 'aliases': ['Xi', 'President Xi']}}"
    if not isinstance(actors, dict) or not actors:
        raise OptionError(f"actors must name at least one actor, as load_actors gives: {example}; got {actors!r:.60}")
    for name, entry in actors.items():
        aliases = entry.get("aliases") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.strip() or not isinstance(aliases, (list, tuple)) \
                or not all(isinstance(a, str) and a.strip() for a in aliases) or "type" not in entry:
            raise OptionError(f"actor {name!r:.40} needs a type and a list of aliases (non-empty texts), as in "
                              f"{example}")


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
    sentences: who gets the microphone), and ``group_sentences``. ``by`` is a column of the sentences (not
    ``actor`` or ``actor_type``, which this counts).
    """
    if by in ("actor", "actor_type"):
        raise OptionError(f"actor_voice counts sentences per actor, so it cannot also group them by {by!r}: group by "
                          "a column of the sentences (source, article_id, …)")
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


def suggest_actors(sentences: pd.DataFrame, *, top: int = 30, text_col: str = "text",
                   sample: int = SUGGEST_SAMPLE, max_places: float = 1 / 3) -> pd.DataFrame:
    """Stand-in actors for a corpus with no actors file: its most mentioned people, organisations and places.

    Names are found per article with :class:`analysis.voices.names.index.NameIndex` (titles, honorifics and possessives
    set apart; a sentence's first word only when the article uses it as a name elsewhere; weekdays, months,
    contractions and demonyms never) in up to ``sample`` articles (the first ones, in order). Aliases are
    merged: "Xi", "President Xi" and "Xi Jinping" are one actor under its fullest name, within an article
    and across articles (a one-word name joins the only longer name of the corpus that holds it). Each
    actor is typed by the evidence of all its articles (``person``, ``organisation``, ``place`` or
    ``unknown``). Mentions are then counted on every sentence, aliases matched as :func:`match_actors` does.

    Columns: ``name``, ``type``, ``aliases`` (list of the forms seen, the name first), ``sentences`` (how
    many mention it), ``articles``. The ``top`` most mentioned, of which at most ``max_places`` (a share)
    are places, so that people and organisations are not crowded out by countries and cities.
    """
    found = _discover_names(sentences, text_col=text_col, sample=sample)
    actors = {name: {"type": info["type"], "aliases": sorted(info["aliases"] - {name}, key=lambda a: (-len(a), a))}
              for name, info in found.items() if info["type"] != "unknown" or " " in name}
    if not actors:
        return pd.DataFrame(columns=["name", "type", "aliases", "sentences", "articles"])
    counts = match_actors(sentences, {n: {"type": a["type"], "aliases": a["aliases"] or [n]} for n, a in
                                      actors.items()}, text_col=text_col)
    per_actor = counts.groupby("actor").agg(sentences=("actor", "size"), articles=("article_id", "nunique"))
    per_actor = per_actor.sort_values(["sentences", "articles"], ascending=False)
    rows, places = [], 0
    for name, row in per_actor.iterrows():
        kind = actors[name]["type"]
        if kind == "place" and places >= max(1, int(top * max_places)):
            continue
        places += kind == "place"
        rows.append((name, kind, [name, *actors[name]["aliases"]], int(row["sentences"]), int(row["articles"])))
        if len(rows) == top:
            break
    return pd.DataFrame(rows, columns=["name", "type", "aliases", "sentences", "articles"])


def _discover_names(sentences: pd.DataFrame, *, text_col: str, sample: int) -> dict[str, dict]:
    """``{canonical name: {"type", "aliases" (set), "evidence" (per type)}}`` over the sampled articles."""
    found: dict[str, dict] = {}
    frame = sentences[["article_id", text_col]].dropna()
    for k, (_, group) in enumerate(frame.groupby("article_id", sort=False)):
        if k >= sample:
            break
        texts = [t for t in group[text_col] if isinstance(t, str)]
        text, spans = _joined(texts)
        index = NameIndex(text, spans)
        for j in range(len(spans)):
            for mention in index.mentions_in(j):
                entity = index.typed(mention.entity)
                entry = found.setdefault(entity.canonical, {"aliases": set(), "evidence": Counter()})
                entry["aliases"].update({mention.core, mention.surface})
                entry["evidence"][entity.kind] += 1 + entity.evidence
    _merge_one_word_names(found)
    for name in [n for n in found if broken_name(n)]:
        del found[name]
    for name, entry in found.items():
        votes = {kind: n for kind, n in entry["evidence"].items() if kind != "unknown"}
        entry["type"] = max(votes, key=votes.get) if votes else "unknown"
        entry["aliases"] = {a for a in entry["aliases"] if _good_alias(a, name, entry["type"], entry["aliases"])}
    return found


def broken_name(name: str) -> bool:
    """A name no stand-in actor may hold: a lone letter ("D", "U"), a name that ends in an initial ("James B",
    "Robert S."), a party–state tag ("D-N", "R-Tenn"), or a name of no letters."""
    words = name.split()
    if not words or not any(c.isalpha() for c in name):
        return True
    return bool(_INITIAL_END_RE.search(name) or _PARTY_TAG_RE.fullmatch(name) or
                (len(words) == 1 and len(name.rstrip(".")) == 1))


def _good_alias(alias: str, name: str, kind: str, seen: set = frozenset()) -> bool:
    """Forms that name the actor alone: longer forms, a person's surname ("Blair") or a leading family name
    that is no given name and whose surname the articles never write alone ("Xi" of "Xi Jinping"; not "Loretta"
    of "Loretta Ames"), an acronym; not a lone first word of an organisation ("Port"), nor a broken name
    (:func:`broken_name`: "S", "James B"). Aliases of one or two letters match only with the boundaries of
    :func:`compile_actors`."""
    if not alias or _POSSESSIVE_END_RE.search(alias) or broken_name(alias):
        return False
    if " " in alias or alias == name or (alias.isupper() and len(alias) > 1):
        return True
    words = name.split()
    if kind == "person":
        return alias == words[-1] or (alias == words[0] and alias not in lexicon().given and words[-1] not in seen)
    return False


def _joined(texts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans, cursor = [], 0
    for text in texts:
        spans.append((cursor, cursor + len(text)))
        cursor += len(text) + 1
    return "\n".join(texts), spans


def _merge_one_word_names(found: dict[str, dict]) -> None:
    """"Lukashenko" (an article that never gave his first name) joins "Alexander Lukashenko" when that is
    the only longer name of the corpus ending (or, for "Xi Jinping", starting) with the word."""
    longer: dict[str, list[str]] = {}
    for name in found:
        words = name.split()
        if len(words) > 1:
            for word in {words[0], words[-1]}:
                longer.setdefault(word, []).append(name)
    for name in [n for n in found if " " not in n]:
        owners = longer.get(name, [])
        if len(owners) == 1:
            target = found[owners[0]]
            target["aliases"] |= found[name]["aliases"] | {name}
            target["evidence"].update(found.pop(name)["evidence"])
