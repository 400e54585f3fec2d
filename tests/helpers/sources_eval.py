"""Score the sources table (``quoted_sources``'s per-article rows) against hand-written sources labels.

A label set with a ``sources.jsonl`` (``tests/fixtures/voices/usdev/``) lists, per article, every quoted
source: ``speaker`` (null for an unnamed one), ``kind``, ``role``, ``affiliation``, ``gender`` (``male``,
``female`` or null: only what the article shows) and ``n_quotes``. Each article of the set is loaded and split
as :mod:`helpers.voices_eval` does, and :func:`analysis.voices.sources.article_sources` gives its rows.

- **Sources found** (recall): labelled named sources with a predicted row of the same speaker (compared as the
  voices scorer compares speakers, a name without its middle initials also counting).
- **Sources right** (precision): predicted named rows that are a labelled source of their article.
- **Kind, gender, party and state**: over the matched named sources. Gender is scored both ways: of the
  predicted genders, the share right (a gender must never be wrong: it is only what the article shows), and
  of the labelled genders, the share found.
- **Quotes**: the labelled against the predicted quoted sentences per source (mean absolute difference), and
  the unnamed quotes per article.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import PROJECT as ROOT
from helpers.voices_eval import normalise

_INITIAL_RE = re.compile(r"(?<![\w'’])[a-z]\.\s+")


def read_sources(path: str | Path) -> list[dict]:
    """The rows of a ``sources.jsonl``."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def same_source(predicted: str, labelled: str) -> bool:
    """Whether a predicted speaker is the labelled one (case, spaces, honorifics and middle initials aside)."""
    a, b = normalise(predicted), normalise(labelled)
    return a == b or _INITIAL_RE.sub("", a) == _INITIAL_RE.sub("", b)


def predicted_rows(folder: Path):
    """``{article file name: article_sources rows}`` of a set's articles."""
    from analysis import load_corpus, split_sentences  # at call time, as voices_eval does
    from analysis.voices.sources import article_sources

    out = {}
    for path in sorted((folder / "articles").glob("*.txt")):
        corpus = load_corpus(path)
        out[path.name] = article_sources(split_sentences(corpus.articles.head(1)))
    return out


def evaluate(folder: str | Path) -> dict:
    """The figures of the module's docstring for one set folder (with ``sources.jsonl`` and ``articles/``)."""
    folder = Path(folder)
    if not folder.is_absolute():
        folder = ROOT / folder
    labels = read_sources(folder / "sources.jsonl")
    predicted = predicted_rows(folder)
    found = kinds = gender_predicted = gender_right = gender_labelled = gender_found = 0
    party_labelled = party_right = 0
    quote_errors, wrong, named_predicted = [], [], 0
    unnamed_labelled = unnamed_predicted = 0
    matched_rows = set()
    for label in labels:
        rows = predicted[label["file"]]
        if label["speaker"] is None:
            unnamed_labelled += label["n_quotes"]
            continue
        match = next((r for r in rows.itertuples() if r.speaker != "unknown" and same_source(r.speaker, label["speaker"])),
                     None)
        if match is None:
            wrong.append(("missed", label["file"], label["speaker"]))
            continue
        found += 1
        matched_rows.add((label["file"], match.Index))
        kinds += match.kind == label["kind"]
        quote_errors.append(abs(int(match.n_quotes) - label["n_quotes"]))
        if label["kind"] == "person":
            shown = match.gender if isinstance(match.gender, str) else None
            if shown:
                gender_predicted += 1
                gender_right += shown == label["gender"]
                if shown != label["gender"]:
                    wrong.append(("gender", label["file"], label["speaker"], shown, label["gender"]))
            if label["gender"]:
                gender_labelled += 1
                gender_found += shown == label["gender"]
            party = _party(label["affiliation"])
            if party:
                party_labelled += 1
                party_right += _party(match.affiliation) == party
                if _party(match.affiliation) != party:
                    wrong.append(("party", label["file"], label["speaker"], match.affiliation, label["affiliation"]))
    for file, rows in predicted.items():
        for row in rows.itertuples():
            if row.speaker == "unknown":
                unnamed_predicted += int(row.n_quotes)
                continue
            named_predicted += 1
            if (file, row.Index) not in matched_rows:
                wrong.append(("extra", file, row.speaker))
    named_labelled = sum(label["speaker"] is not None for label in labels)
    return {"n_sources": named_labelled, "found": found / named_labelled,
            "right": (named_predicted - sum(w[0] == "extra" for w in wrong)) / max(named_predicted, 1),
            "n_predicted": named_predicted, "kind": kinds / max(found, 1),
            "gender_precision": gender_right / gender_predicted if gender_predicted else None,
            "n_gender_predicted": gender_predicted,
            "gender_recall": gender_found / gender_labelled if gender_labelled else None,
            "n_gender_labelled": gender_labelled,
            "party_state": party_right / party_labelled if party_labelled else None, "n_party": party_labelled,
            "quote_error": sum(quote_errors) / max(len(quote_errors), 1),
            "unnamed_labelled": unnamed_labelled, "unnamed_predicted": unnamed_predicted, "errors": wrong}


def _party(affiliation) -> str | None:
    """"Democrat, Georgia" → "democrat, georgia"; an organisation or nothing → None."""
    if not isinstance(affiliation, str):
        return None
    first = affiliation.split(",")[0].strip()
    return affiliation.lower().replace(" ", "") if first in ("Democrat", "Republican", "Independent") else None
