"""Who each outlet quotes: every source of quoted speech, counted, whether an actors file names it or not.

Sourcing is one of the oldest measures of media research: how many different sources an outlet lets speak,
how many are anonymous, officials against others, women against men. This module counts it from the
sentences :func:`analysis.voices.voices.split_sentences` gives, whose speaker columns say what each article
states of its speakers (``speaker_kind``, ``speaker_role``, ``speaker_affiliation``, ``speaker_gender``).

- :func:`article_sources`: one row per article and source (the pipeline writes it as the ``article_sources``
  table, so that a report counts sources without reading the sentences);
- :func:`source_tables` and :func:`summarise_sources`: those rows summed per group and speaker, the table
  :func:`quoted_sources` returns (the views sum the ``article_sources`` table in SQL instead);
- :func:`quoted_sources`: both at once, from sentences.

A quoted sentence (``voice`` ``quote`` or ``mixed``) counts once, for its speaker. A speaker nobody names is
``unknown``, of kind ``unnamed``, and counted like any other: one row per group, its role listing what the
articles call them ("official, aide"). Gender is only what the article shows (an honorific, a gendered noun
such as "spokeswoman", "he"/"she" in an attribution), never guessed from a name. The same person named more
or less fully in different articles ("Calloway", "James B. Calloway") is counted under the fullest name the
corpus gives, where only one fits. An official (:func:`is_official`) is a person with a title of office, a
party and state, or a public body (``data/official_roles.txt``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import pandas as pd

from analysis.paths import DATA_DIR
from analysis.resources.wordlists import read_entries
from analysis.voices.unnamed import UNKNOWN
from analysis.voices.voices import SPEAKER_COLUMNS

OFFICIAL_ROLES_TXT = DATA_DIR / "official_roles.txt"
SPEECH = ("quote", "mixed")
KINDS = ("person", "organisation", "unnamed")
ARTICLE_SOURCE_COLUMNS = ["article_id", "speaker", "kind", "role", "affiliation", "gender", "official", "n_quotes"]
SOURCE_COLUMNS = ["speaker", "kind", "n_quotes", "n_articles", "share", "role", "affiliation", "gender", "official"]
ATTRIBUTES = ["kind", "role", "affiliation", "gender", "official"]
_WORD_RE = re.compile(r"[a-z][\w'’-]*")
_INITIAL_RE = re.compile(r"(?<![\w'’])[A-Z]\.[ \u00a0]+")


@lru_cache(maxsize=1)
def official_words() -> dict[str, frozenset]:
    """The sections of ``data/official_roles.txt``: ``roles``, ``if_public`` (words), ``bodies`` and ``offices``
    (phrases)."""
    sections: dict[str, set] = {}
    current = ""
    for line in read_entries(OFFICIAL_ROLES_TXT):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, set())
        elif current in ("bodies", "offices"):
            sections[current].add(" ".join(line.lower().split()))
        else:
            sections.setdefault(current, set()).update(line.lower().split())
    return {name: frozenset(words) for name, words in sections.items()}


def public_body(name: str | None) -> bool:
    """Whether an organisation's name holds a phrase of a public body ("Justice Department", "White House")."""
    if not isinstance(name, str) or not name:
        return False
    text = f" {' '.join(name.lower().replace('.', '').split())} "
    return any(f" {phrase.replace('.', '')} " in text or (phrase.endswith(" of") and f" {phrase} " in text)
               for phrase in official_words()["bodies"])


def is_official(kind, role, affiliation, speaker=None) -> bool:
    """Whether a source speaks for an office of government (see ``data/official_roles.txt``): a person with a
    title of office ("senator", "mayor", "attorney general", "district attorney"; an "attorney" alone is not),
    or with a role such as "director" or "spokeswoman" at a public body, or whose party and state the article
    states ("(D-Ga.)", the form for office holders; a party alone makes no official); an unnamed source
    described as an official; an organisation that is a public body."""
    words = official_words()
    if kind == "organisation":
        return public_body(speaker)
    found = set(_WORD_RE.findall(role.lower())) if isinstance(role, str) else set()
    if found & words["roles"] or (found and _holds_office(role, words["offices"])):
        return True
    stated = isinstance(affiliation, str) and affiliation != ""
    parts = [p.strip() for p in affiliation.split(",")] if stated else []
    elected = len(parts) == 2 and parts[0] in ("Democrat", "Republican", "Independent")  # "(D-Ga.)": an office
    return bool(elected and kind == "person") or bool(found & words["if_public"] and stated and public_body(affiliation))


def _holds_office(role: str, offices: frozenset) -> bool:
    """Whether a role holds a phrase of an office as whole words ("district attorney"; not "attorney" alone)."""
    text = f" {' '.join(role.lower().split())} "
    return any(f" {phrase} " in text for phrase in offices)


def article_sources(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per article and source of its quoted sentences: ``article_id``, ``speaker``, ``kind``, ``role``,
    ``affiliation``, ``gender``, ``official``, ``n_quotes`` (the article's quoted sentences of that source).

    Unnamed sources are one row per article and role ("official", "aide"). Sentences without the speaker
    columns of :func:`analysis.voices.voices.split_sentences` count with an unknown kind."""
    missing = {"article_id", "voice", "speaker"} - set(sentences.columns)
    if missing:
        raise KeyError(f"article_sources needs columns {sorted(missing)}; the frame has {list(sentences.columns)}")
    quoted = sentences.loc[sentences["voice"].isin(SPEECH), ["article_id", "speaker",
                                                                  *[c for c in SPEAKER_COLUMNS if c in sentences]]]
    if quoted.empty:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in ARTICLE_SOURCE_COLUMNS})
    quoted = quoted.rename(columns=dict(zip(SPEAKER_COLUMNS, ["kind", "role", "affiliation", "gender"])))
    for column in ("kind", "role", "affiliation", "gender"):
        if column not in quoted:
            quoted[column] = None
    quoted["speaker"] = quoted["speaker"].where(quoted["speaker"].notna(), UNKNOWN).astype(str)
    quoted["kind"] = [k if isinstance(k, str) else ("unnamed" if s == UNKNOWN else None)
                      for k, s in zip(quoted["kind"], quoted["speaker"])]
    keys = ["article_id", "speaker", "kind", "role", "affiliation", "gender"]
    rows = quoted.groupby(keys, dropna=False, sort=False).size().rename("n_quotes").reset_index()
    rows["official"] = [is_official(k, r, a, s) for k, r, a, s in
                        zip(rows["kind"], rows["role"], rows["affiliation"], rows["speaker"])]
    rows = rows.astype({"n_quotes": "int64", "official": "bool"})
    return rows[ARTICLE_SOURCE_COLUMNS].sort_values(["article_id", "speaker", "role"], na_position="first",
                                                     kind="stable").reset_index(drop=True)


_DTYPES = {"n_quotes": "int64", "official": "bool", "n_articles": "int64", "share": "float64"}


def source_tables(rows: pd.DataFrame, *, keys: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What :func:`summarise_sources` reads, from :func:`article_sources` rows with the ``keys`` columns:
    ``counts`` (per group and speaker: ``n_quotes``, ``n_articles``) and ``attributes`` (per group, speaker,
    ``kind``, ``role``, ``affiliation``, ``gender`` and ``official``: ``n_quotes``). The views build the same
    two tables in SQL."""
    keys = list(keys)
    counts = rows.groupby([*keys, "speaker"], dropna=False, sort=False).agg(
        n_quotes=("n_quotes", "sum"), n_articles=("article_id", "nunique")).reset_index()
    attributes = rows.groupby([*keys, "speaker", *ATTRIBUTES], dropna=False, sort=False)["n_quotes"].sum().reset_index()
    return counts, attributes


def summarise_sources(counts: pd.DataFrame, attributes: pd.DataFrame, *, keys: Sequence[str]) -> pd.DataFrame:
    """The table of :func:`quoted_sources` from the two tables of :func:`source_tables`: speakers under their
    fullest name (:func:`canonical_speakers`), each attribute its most quoted value, shares of the group."""
    keys = list(keys)
    columns = [*keys, *SOURCE_COLUMNS]
    if counts.empty or attributes.empty:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in columns})
    persons = attributes.loc[attributes["kind"] == "person", "speaker"]
    mapping = canonical_speakers(set(counts["speaker"]), set(persons))
    counts = counts.assign(speaker=counts["speaker"].map(lambda x: mapping.get(x, x)))
    attributes = attributes.assign(speaker=attributes["speaker"].map(lambda x: mapping.get(x, x)),
                                   kind=[("person" if x in mapping else k) for x, k in
                                         zip(attributes["speaker"], attributes["kind"])])
    totals = counts.groupby([*keys, "speaker"], dropna=False, sort=True)[["n_quotes", "n_articles"]].sum()
    picked = {key if isinstance(key, tuple) else (key,): part
              for key, part in attributes.groupby([*keys, "speaker"], dropna=False, sort=False)}
    out = []
    for key, (n_quotes, n_articles) in totals.iterrows():
        key = key if isinstance(key, tuple) else (key,)
        part = picked[key]
        speaker, weights = key[-1], part["n_quotes"]
        if speaker == UNKNOWN:
            official = bool((part["official"].astype(bool) * weights).sum() * 2 > weights.sum())
            attrs = ("unnamed", _listed(part["role"], weights), None, None, official)
        else:
            kind = _most(part["kind"], weights) or "person"
            gender = (_most(part["gender"], weights) or "unknown") if kind == "person" else None
            attrs = (kind, _most(part["role"], weights), _most(part["affiliation"], weights), gender,
                     bool(part["official"].astype(bool).any()))
        out.append((*key, attrs[0], int(n_quotes), int(n_articles), 0.0, *attrs[1:]))
    table = pd.DataFrame(out, columns=columns)
    table["share"] = table["n_quotes"] / table.groupby(keys, dropna=False)["n_quotes"].transform("sum")
    table = table.sort_values([*keys, "n_quotes", "speaker"], ascending=[True] * len(keys) + [False, True])
    return table.astype({"n_quotes": "int64", "n_articles": "int64", "share": "float64",
                         "official": "bool"}).reset_index(drop=True)


def quoted_sources(sentences: pd.DataFrame, *, by: str | Sequence[str] = "source") -> pd.DataFrame:
    """Every source each group quotes: one row per group and speaker.

    ``by`` is a column of the sentences, or a list of them (``["story", "source"]``). Columns: the ``by``
    columns; ``speaker`` (the fullest name the corpus gives, or ``unknown``); ``kind`` (``person``,
    ``organisation`` or ``unnamed``); ``n_quotes`` (quoted sentences, ``quote`` or ``mixed``), ``n_articles``
    and ``share`` (of the group's quoted sentences); ``role`` ("senator", "lawyer"; for ``unknown``, what the
    articles call them: "official, aide"); ``affiliation`` ("Democrat, Georgia", "FBI"); ``gender``
    (``female``, ``male`` or ``unknown``: only what the articles show, never from a name); ``official``
    (:func:`is_official`). Sorted by group, then most quoted. Unknown speakers are counted, not dropped; a
    corpus with no quotes gives no rows.
    """
    keys = [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in sentences.columns]
    if missing:
        raise KeyError(f"quoted_sources cannot group by {missing}: the sentences have no such column; "
                       f"group by one of {[c for c in sentences.columns if c not in ('text', 'quoted')]}")
    groups = sentences[["article_id", *[k for k in keys if k != "article_id"]]].drop_duplicates("article_id")
    rows = article_sources(sentences).merge(groups, on="article_id", how="left")
    return summarise_sources(*source_tables(rows, keys=keys), keys=keys)


def canonical_speakers(speakers, persons) -> dict[str, str]:
    """Speakers under the fullest name the corpus gives them, as a mapping of those that change: a person's
    name without its middle initials ("James Calloway") to the only one with them ("James B. Calloway"), and
    a name of one word ("Calloway") to the only person's name that ends with it. Organisations and ``unknown``
    stay as they are. ``speakers``: every speaker; ``persons``: those that are people."""
    persons = {p for p in persons if isinstance(p, str)} - {UNKNOWN}
    mapping: dict[str, str] = {}
    initialled: dict[str, set[str]] = {}
    for name in persons:
        bare = _INITIAL_RE.sub("", name)
        if bare != name:
            initialled.setdefault(bare, set()).add(name)
    for name in persons:
        owners = initialled.get(name, set())
        if len(owners) == 1:
            mapping[name] = next(iter(owners))
    by_surname: dict[str, set[str]] = {}
    for name in persons:
        words = name.split()
        if len(words) > 1:
            by_surname.setdefault(words[-1], set()).add(mapping.get(name, name))
    for name in {s for s in speakers if isinstance(s, str)} - {UNKNOWN}:
        owners = by_surname.get(name, set()) if " " not in name else set()
        if len(owners) == 1:
            mapping[name] = next(iter(owners))
    return mapping


def _most(values: pd.Series, weights: pd.Series):
    """The most quoted non-missing value (weighted by quotes), ties to the first in alphabetical order; None
    when there is none (whatever order the rows come in)."""
    counts = _weighted(values, weights)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _listed(values: pd.Series, weights: pd.Series) -> str | None:
    """Every non-missing value, the most quoted first (ties alphabetical), joined by ", "."""
    counts = _weighted(values, weights)
    return ", ".join(sorted(counts, key=lambda v: (-counts[v], v))) or None


def _weighted(values: pd.Series, weights: pd.Series) -> Counter:
    counts: Counter = Counter()
    for value, weight in zip(values, weights):
        if isinstance(value, str) and value:
            counts[value] += int(weight)
    return counts
