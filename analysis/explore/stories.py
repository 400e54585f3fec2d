"""What the story page shows: each story told by several outlets, compared outlet by outlet.

Read from a scored corpus's ``stories``, ``alignments`` and ``reuse`` tables (:mod:`analysis.pipeline.compare`)
and the sentences of one story at a time, so the page runs on a corpus of any size. Outlets are the ``source``
column whatever the page's grouping: a story is compared outlet by outlet. Articles flagged as duplicates are
left out, as everywhere.
"""
from __future__ import annotations

import pandas as pd

from analysis.stories.alignment import coverage, story_facts
from analysis.tables.store import quote
from analysis.voices.sources import quoted_sources
from analysis.voices.voices import SPEAKER_COLUMNS

LEAD_SENTENCES = 1  # sentences of an article shown as its lead
CLOSE_PAIR = 0.7  # similarity from which two aligned sentences are compared for their tone (a clear match)
FACT_CHARACTERS = 160  # characters of a sentence shown as a fact
STATES = ("reported", "added", "left out")


def stories(a) -> pd.DataFrame:
    """One row per story: ``story``, ``n_articles``, ``n_sources`` (outlets), ``n_wholly_derived`` (articles that
    copy another of the story), ``n_independent`` (the others), ``first_published``, ``last_published``,
    ``story_from`` ("found", or the column the stories came from); most outlets first, then most articles."""
    if not a.store.has("stories"):
        return pd.DataFrame(columns=["story", "n_articles", "n_sources", "n_wholly_derived", "n_independent",
                                     "first_published", "last_published", "story_from"])
    out = a.store.sql("SELECT * FROM stories")
    out["n_independent"] = out["n_articles"] - out["n_wholly_derived"]
    out = out.sort_values(["n_sources", "n_articles", "story"], ascending=[False, False, True], kind="stable")
    return out[["story", "n_articles", "n_sources", "n_wholly_derived", "n_independent", "first_published",
                "last_published", "story_from"]].reset_index(drop=True)


def compared_stories(a, *, top: int = 3) -> list[str]:
    """The ``top`` stories told by the most outlets (two or more), most first."""
    table = stories(a)
    return table.loc[table["n_sources"] >= 2, "story"].head(top).tolist()


def story_articles(a, story: str) -> pd.DataFrame:
    """The articles of a story: ``source``, ``article_id``, ``published``, ``title``, ``lead`` (its first
    sentence), ``derivation``, ``derived_from`` and ``reused_share``; earliest first."""
    articles = a.store.sql(
        "SELECT article_id, source, published, title, derivation, derived_from, reused_share FROM articles "
        "WHERE story = ? AND duplicate_of IS NULL ORDER BY published NULLS LAST, source, article_id", [story])
    leads = a.store.sql(
        f"SELECT article_id, string_agg(text, ' ' ORDER BY sentence_no) AS lead FROM sentences WHERE sentence_no < "
        f"{LEAD_SENTENCES} AND article_id IN (SELECT article_id FROM articles WHERE story = ?) GROUP BY article_id",
        [story])
    out = articles.merge(leads, on="article_id", how="left")
    return out[["source", "article_id", "published", "title", "lead", "derivation", "derived_from", "reused_share"]]


def story_sentences(a, story: str) -> pd.DataFrame:
    """Every sentence of a story's articles, with ``source``, ``voice``, ``speaker`` (and what the article says
    of the speaker: ``speaker_kind``, ``speaker_role``, ``speaker_affiliation``, ``speaker_gender``) and
    ``vader``."""
    present = set(a.store.columns("sentences"))  # a result scored before the speaker columns has none of them
    columns = ["article_id", "sentence_no", "text", "voice", "speaker",
               *[c for c in SPEAKER_COLUMNS if c in present], "vader", "no_signal"]
    return a.store.sql(
        f"SELECT s.{', s.'.join(quote(c) for c in columns)}, u.source FROM sentences s JOIN articles u USING "
        "(article_id) WHERE u.story = ? AND u.duplicate_of IS NULL ORDER BY s.article_id, s.sentence_no", [story])


def story_alignments(a, story: str) -> pd.DataFrame:
    return a.store.sql("SELECT * FROM alignments WHERE story = ?", [story]) if a.store.has("alignments") else \
        pd.DataFrame(columns=["story", "article_id", "source", "sentence_no", "other_article_id", "other_source",
                              "other_sentence_no", "similarity", "kind"])


def fact_coverage(a, story: str) -> pd.DataFrame:
    """The facts of a story by outlet (:func:`analysis.stories.alignment.coverage`), one row per fact and outlet
    with its ``state`` (reported, added, left out), the ``fact`` (a sentence that states it, the first outlet's),
    and the outlet's own ``wording`` with ``where`` ("sentence 3 of article x") for reported and added facts."""
    sentences = story_sentences(a, story).assign(story=story)
    facts = story_facts(story_alignments(a, story), sentences)
    states = coverage(facts)
    if states.empty:
        return pd.DataFrame(columns=["fact", "fact_text", "source", "state", "n_outlets", "wording", "where"])
    text = dict(zip(zip(sentences["article_id"], sentences["sentence_no"]), sentences["text"]))
    first = facts.drop_duplicates(["fact"]).set_index("fact")
    fact_text = {f: _short(text[(r.article_id, r.sentence_no)]) for f, r in first.iterrows()}
    own = facts.drop_duplicates(["fact", "source"]).set_index(["fact", "source"])
    rows = []
    for r in states.itertuples(index=False):
        mine = own.loc[(r.fact, r.source)] if (r.fact, r.source) in own.index else None
        wording = _short(text[(mine["article_id"], mine["sentence_no"])]) if mine is not None else ""
        where = f"sentence {mine['sentence_no'] + 1} of {mine['article_id']}" if mine is not None else ""
        rows.append((r.fact, fact_text[r.fact], r.source, r.state, r.n_outlets, wording, where))
    return pd.DataFrame(rows, columns=["fact", "fact_text", "source", "state", "n_outlets", "wording", "where"])


def story_sources(a, story: str) -> pd.DataFrame:
    """Who each outlet quotes in a story: :func:`analysis.voices.sources.quoted_sources` of the story's sentences
    by ``["story", "source"]``, one row per outlet and source: ``story``, ``source``, ``speaker`` (``unknown``
    when the article names nobody), ``kind``, ``n_quotes``, ``n_articles``, ``share`` (of the outlet's quoted
    sentences in the story), ``role``, ``affiliation``, ``gender`` and ``official``. Outlets that quote nobody
    have no row (:func:`story_articles` lists the story's outlets)."""
    return quoted_sources(story_sentences(a, story).assign(story=story), by=["story", "source"])


def same_fact_tone(a, story: str) -> pd.DataFrame:
    """The tone of the same fact as two outlets tell it: one row per clearly aligned pair of sentences of two
    outlets (each pair once; similarity at least :data:`CLOSE_PAIR`) where both sentences are scored by VADER (a
    sentence without a tone word reads 0.00, neutral wording, and counts: one outlet's neutral wording of a fact
    another words harshly is what this shows): ``source``, ``sentence``,
    ``vader``, ``other_source``, ``other_sentence``, ``other_vader``, ``gap`` (the difference), largest gap first."""
    pairs = story_alignments(a, story)
    sentences = story_sentences(a, story).set_index(["article_id", "sentence_no"])
    rows = []
    for r in pairs.itertuples(index=False):
        if (r.article_id, r.sentence_no) >= (r.other_article_id, r.other_sentence_no) or r.similarity < CLOSE_PAIR:
            continue
        mine, other = sentences.loc[(r.article_id, r.sentence_no)], sentences.loc[(r.other_article_id,
                                                                                   r.other_sentence_no)]
        if pd.isna(mine["vader"]) or pd.isna(other["vader"]):  # not scored: no text, or not English
            continue
        rows.append((r.source, _short(mine["text"]), mine["vader"], r.other_source, _short(other["text"]),
                     other["vader"], abs(mine["vader"] - other["vader"])))
    out = pd.DataFrame(rows, columns=["source", "sentence", "vader", "other_source", "other_sentence",
                                      "other_vader", "gap"])
    return out.sort_values("gap", ascending=False, kind="stable").reset_index(drop=True)


def story_stance(a, story: str) -> pd.DataFrame:
    """How each outlet presents each actor in one story: one row per outlet (``source``) and actor, from the
    ``article_stance`` table: ``n_articles`` (the outlet's articles of the story that refer to the actor),
    ``n_clear`` (those with clear evidence), ``stance`` (the mean stance of the clear ones, from −1 to +1; NaN
    without any), ``n_evidence`` (evidence sentences, summed), ``sentence`` (the sentence whose tone toward the
    actor is strongest, in the outlet's article that reads the actor most strongly) and ``toward`` (that
    sentence's tone toward the actor); by actor, then from the most favourable outlet down."""
    columns = ["actor", "source", "n_articles", "n_clear", "stance", "n_evidence", "sentence", "toward"]
    if not a.store.has("article_stance"):
        return pd.DataFrame(columns=columns)
    rows = a.store.sql(
        "SELECT s.actor, x.source, s.article_id, s.stance, s.clear, s.n_evidence, s.evidence_toward AS toward, "
        "CASE WHEN s.evidence_sentence < 0 THEN x.title ELSE t.text END AS sentence FROM article_stance s "
        "JOIN articles x USING (article_id) LEFT JOIN sentences t ON t.article_id = s.article_id AND "
        "t.sentence_no = s.evidence_sentence WHERE x.story = ? AND x.duplicate_of IS NULL "
        "ORDER BY s.actor, x.source, s.article_id", [story])
    out = []
    for (actor, source), group in rows.groupby(["actor", "source"], sort=True):
        clear = group[group["clear"].astype(bool)]
        strongest = group.loc[group["toward"].abs().idxmax()]
        out.append((actor, source, len(group), len(clear),
                    float(clear["stance"].mean()) if len(clear) else float("nan"), int(group["n_evidence"].sum()),
                    _short(strongest["sentence"]), float(strongest["toward"])))
    table = pd.DataFrame(out, columns=columns)
    return table.sort_values(["actor", "stance", "source"], ascending=[True, False, True], na_position="last",
                             kind="stable").reset_index(drop=True)


def story_reuse(a, story: str) -> pd.DataFrame:
    """Which articles of a story copy which: one row per article derived from another (``derivation`` wholly or
    partly), with its source article, outlets, ``reused_share`` and ``verbatim_share``."""
    articles = story_articles(a, story)
    derived = articles[articles["derivation"].isin(["wholly", "partly"])]
    if derived.empty or not a.store.has("reuse"):
        return pd.DataFrame(columns=["article_id", "source", "derivation", "derived_from", "from_source",
                                     "reused_share", "verbatim_share"])
    reuse = a.store.sql("SELECT article_id, other_id, verbatim_share FROM reuse WHERE story = ?", [story])
    out = derived.merge(reuse, left_on=["article_id", "derived_from"], right_on=["article_id", "other_id"],
                        how="left")
    out["from_source"] = out["derived_from"].map(dict(zip(articles["article_id"], articles["source"])))
    return out[["article_id", "source", "derivation", "derived_from", "from_source", "reused_share",
                "verbatim_share"]].sort_values("reused_share", ascending=False, kind="stable").reset_index(drop=True)


def _short(text) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= FACT_CHARACTERS else text[:FACT_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"
