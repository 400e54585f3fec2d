"""Findings of the story page: the sentences printed under its tables, each computed from the table by stated rules.

The tables come from :mod:`analysis.explore.stories`. The rules:

- **Stories.** A story is compared when two or more outlets tell it; a corpus where none does has nothing to
  compare, and the page says so and what would change it.
- **Voices.** An article that is a wholly derived copy of another article of the story (it reuses at least
  three quarters of its words from it: :mod:`analysis.stories.reuse`) is not an independent account: the story's
  independent accounts are its articles less its wholly derived copies.
- **Coverage.** For each outlet: the facts it reports, the facts it adds (no other outlet states them) and the
  facts it leaves out (at least half of the other outlets, and at least two, state them). These describe
  selection; they do not say why, and are not called bias.
- **Same fact, different tone.** Of two outlets' sentences aligned as stating the same fact, both scored by VADER
  (0.00 for wording without a tone word), the pair with the largest difference is named, with both scores; a
  difference under :data:`TONE_GAP` is too small to mention.
- **Sources.** From :func:`analysis.voices.sources.quoted_sources` by story and outlet. For each outlet (the
  ``DETAILED`` with the most named sources, then the rest counted): its distinct named sources (people and
  organisations), its quoted sentences and the share of them from unnamed sources (with the counts); where
  two or more outlets quote anyone, the named sources no other outlet of the story quotes (up to
  ``SOURCES_NAMED`` named, the most quoted first; where there is none, that each is also quoted by another
  outlet), and the named sources two or more outlets quote, with how
  many outlets; outlets of the story that quote nobody are named. Sources are matched by the name
  ``quoted_sources`` gives them (the fullest the story gives: "Calloway" is "James B. Calloway").
- **Stance within the story.** For each actor, the outlets whose articles of the story say at least
  ``MIN_EVIDENCE`` things about it (clear evidence: :mod:`analysis.scores.stance`) are compared: the most and
  the least favourable are named with their stances when they are :data:`STANCE_GAP` or more apart; an actor
  fewer than two outlets read clearly is named with the rule it missed. The measure is rough (docs/stance.md),
  so the sentence points to the evidence in the table rather than giving a verdict.
- **Edge cases** (no story, no aligned pair, nobody quoted, no actor) give a true sentence, never an error.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from analysis.report.prose import count, names, percent, signed
from analysis.scores.stance.model import MIN_EVIDENCE
from analysis.voices.unnamed import UNKNOWN

TONE_GAP = 0.5  # VADER difference worth naming
DETAILED = 4  # outlets (or actors) named one by one; more are summed up
SOURCES_NAMED = 3  # sources named in a list; more are counted
STANCE_GAP = 0.3  # stance difference between two outlets toward one actor worth naming (the scale is -1 to +1)


def stories_finding(stories: pd.DataFrame) -> str:
    """How many stories, how many told by two or more outlets, and the largest."""
    if stories.empty:
        return "The corpus holds no story: no article was scored."
    found = stories["story_from"].iloc[0]
    how = "found from the articles' words, titles and dates" if found == "found" else \
        f"taken from the {found.removeprefix('column ')} column"
    compared = stories[stories["n_sources"] >= 2]
    total = f"The corpus holds {count(len(stories), 'story', 'stories')} ({how})"
    if compared.empty:
        return (f"{total}, and no story is told by more than one outlet, so there is nothing to compare here: each "
                "story's articles come from one outlet. A corpus with several outlets per story, or a story column "
                "that groups them (--story), would fill this page.")
    top = compared.iloc[0]
    alone = len(stories) - len(compared)
    return (f"{total}: {count(len(compared), 'story', 'stories')} told by two or more outlets"
            f"{'' if not alone else f', {alone:,} by one outlet only'}. The story told by the most outlets, "
            f"“{top['story']}”, has {count(top['n_articles'], 'article')} from {count(top['n_sources'], 'outlet')}"
            f"{_copies(top)}.")


def _copies(row) -> str:
    copies = int(row["n_wholly_derived"])
    if copies == 0:
        return ""
    return (f", of which {count(copies, 'is a wholly derived copy', 'are wholly derived copies')} of another: "
            f"{count(int(row['n_articles']) - copies, 'independent account')}")


def coverage_finding(coverage: pd.DataFrame) -> str:
    """For each outlet of a story: facts reported, added and left out (module docstring)."""
    if coverage.empty:
        return "No sentence of this story could be compared: its articles have no text in common to align."
    n_facts = coverage["fact"].nunique()
    counts = coverage.groupby(["source", "state"]).size().unstack(fill_value=0)
    for state in ("reported", "added", "left out"):
        if state not in counts.columns:
            counts[state] = 0
    counts["told"] = counts["reported"] + counts["added"]
    counts = counts.sort_values(["told", "added"], ascending=False, kind="stable")
    parts = [f"{outlet} states {counts.at[outlet, 'told']:,} ({counts.at[outlet, 'added']:,} that no other outlet "
             f"states) and leaves out {counts.at[outlet, 'left out']:,}" for outlet in counts.index[:DETAILED]]
    more = f"; {count(len(counts) - DETAILED, 'more outlet')} in the table" if len(counts) > DETAILED else ""
    return (f"Of the {count(n_facts, 'fact')} of this story (a fact is a sentence and its counterparts in the "
            f"other outlets): {'; '.join(parts)}{more}. “Leaves out” counts facts that at least half of the other "
            "outlets, and at least two, state.")


def tone_gap_finding(pairs: pd.DataFrame) -> str:
    """The same fact worded furthest apart in tone by two outlets (module docstring)."""
    if pairs.empty:
        return "No fact that two outlets both state is scored by VADER in both wordings, so none can be compared."
    top = pairs.iloc[0]
    if top["gap"] < TONE_GAP:
        return (f"No two outlets word the same fact far apart in tone: the largest difference, over "
                f"{count(len(pairs), 'pair')} of aligned sentences, is {_below(top['gap'], TONE_GAP)} (VADER), under "
                f"{TONE_GAP}.")
    return (f"The same fact worded furthest apart: {top['source']}'s “{top['sentence']}” reads {signed(top['vader'])} "
            f"(VADER) and {top['other_source']}'s “{top['other_sentence']}” {signed(top['other_vader'])}, a "
            f"difference of {top['gap']:.2f}; {count(int((pairs['gap'] >= TONE_GAP).sum()), 'pair')} of "
            f"{len(pairs):,} differ by {TONE_GAP} or more.")


def story_sources_finding(sources: pd.DataFrame, *, outlets: Sequence[str] = ()) -> str:
    """Who each outlet quotes in a story, and whom only it quotes (module docstring, **Sources**).

    ``sources``: :func:`analysis.explore.stories.story_sources` (one row per outlet and source); ``outlets``: the
    story's outlets, so that those quoting nobody are named."""
    quoting = list(dict.fromkeys(sources["source"])) if not sources.empty else []
    silent = sorted(set(outlets) - set(quoting))
    if not quoting:
        return "No outlet quotes anyone in this story (no sentence of quoted speech)."
    named = sources[sources["speaker"] != UNKNOWN]
    outlets_of = named.groupby("speaker")["source"].nunique()
    exclusive = set(outlets_of.index[outlets_of == 1])
    rows = []
    for outlet in quoting:
        part = sources[sources["source"] == outlet]
        mine = part[part["speaker"] != UNKNOWN]
        total = int(part["n_quotes"].sum())
        unnamed = int(part.loc[part["speaker"] == UNKNOWN, "n_quotes"].sum())
        only = mine.loc[mine["speaker"].isin(exclusive)].sort_values(["n_quotes", "speaker"],
                                                                     ascending=[False, True], kind="stable")
        rows.append((outlet, len(mine), total, unnamed, list(only["speaker"])))
    rows.sort(key=lambda r: (-r[1], str(r[0])))
    several = len(quoting) > 1
    parts = []
    for outlet, n_named, total, unnamed, only in rows[:DETAILED]:
        text = (f"{outlet} quotes {count(n_named, 'named source')} in {count(total, 'quoted sentence')}, "
                f"{percent(unnamed / total)} of them from unnamed sources ({unnamed} of {total})")
        if several and only:
            text += (f"; {count(len(only), 'source')} that no other outlet in this story quotes "
                     f"({names(only, limit=SOURCES_NAMED)})")
        elif several and n_named:
            text += f"; {'each of them' if n_named > 1 else 'it is'} also quoted by another outlet of this story"
        parts.append(text)
    more = f"; {count(len(rows) - DETAILED, 'more outlet')} in the table" if len(rows) > DETAILED else ""
    shared = outlets_of[outlets_of >= 2].sort_values(ascending=False, kind="stable")
    if several:
        tail = (f" Quoted by two or more outlets: {names([f'{s} ({n} outlets)' for s, n in shared.items()], limit=SOURCES_NAMED)}."
                if len(shared) else " No named source is quoted by more than one outlet.")
    else:
        tail = ""
    quiet = f" {names(silent)} {'quotes' if len(silent) == 1 else 'quote'} nobody." if silent else ""
    return "; ".join(parts) + more + "." + tail + quiet


def _below(value: float, limit: float) -> str:
    """``value`` to two decimals, or to three where two would print it at ``limit`` (0.498 is not "0.50, under
    0.5"); cut, not rounded, so that it never reads as the limit."""
    if round(value, 2) < limit:
        return f"{value:.2f}"
    return f"{math.floor(round(value * 1000, 6)) / 1000:.3f}"


def reuse_finding(reuse: pd.DataFrame) -> str:
    """Which articles of a story copy which (module docstring)."""
    if reuse.empty:
        return ("No article of this story reuses another's text (no run of ten words in a row shared with another "
                "article): each is its own account.")
    parts = [f"{r.source}'s article {r.article_id} is {'wholly' if r.derivation == 'wholly' else 'partly'} derived "
             f"from {r.from_source}'s {r.derived_from} ({percent(r.reused_share)} of its words)"
             for r in reuse.itertuples(index=False)]
    wholly = int((reuse["derivation"] == "wholly").sum())
    if wholly == 1:
        tail = " The wholly derived copy counts as one voice with its source."
    else:
        tail = f" The {wholly} wholly derived copies each count as one voice with their source." if wholly else ""
    return f"{names(parts, limit=DETAILED)}.{tail}"


def stance_finding(stance: pd.DataFrame) -> str:
    """How differently the outlets of a story present each actor (module docstring); ``stance`` is
    :func:`analysis.explore.stories.story_stance`."""
    if stance.empty:
        return ("No article of this story refers to an actor of the actors file, so there is no outlet's stance "
                "toward anyone to compare.")
    parts, unread = [], []
    for actor, rows in stance.groupby("actor", sort=False):
        clear = rows[rows["stance"].notna()].sort_values("stance", ascending=False, kind="stable")
        if len(clear) < 2:
            unread.append(actor)
            continue
        top, bottom = clear.iloc[0], clear.iloc[-1]
        gap = top["stance"] - bottom["stance"]
        parts.append((gap, f"toward {actor}, {top['source']} is the most favourable ({signed(top['stance'])}) "
                           f"and {bottom['source']} the least ({signed(bottom['stance'])})" if gap >= STANCE_GAP else
                     f"toward {actor}, the {count(len(clear), 'outlet')} read within {STANCE_GAP} of each other "
                     f"({signed(bottom['stance'])} to {signed(top['stance'])})"))
    parts.sort(key=lambda p: -p[0])
    said = [text for _, text in parts[:DETAILED]]
    if len(parts) > DETAILED:
        said.append(f"{count(len(parts) - DETAILED, 'more actor')} in the table")
    tail = (f"{names(unread, limit=DETAILED)}: fewer than two outlets say {MIN_EVIDENCE} or more things about "
            f"{'it' if len(unread) == 1 else 'each'} in this story (clear evidence), so no outlet is compared"
            if unread else "")
    body = "; ".join(said + ([tail] if tail else [])) + "."
    caveat = (" The stance measure is rough (docs/stance.md): read each gap with its sentence in the table."
              if parts else "")
    return f"Stance toward each actor, outlet by outlet (−1 unfavourable to +1 favourable): {body}{caveat}"
