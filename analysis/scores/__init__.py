"""Scores: tone per sentence and summaries with their uncertainty, stance toward actors.

- :mod:`~analysis.scores.fastblob`, :mod:`~analysis.scores.fastvader`: TextBlob's and VADER's scores, computed
  faster with identical results;
- :mod:`~analysis.scores.sentiment`: :func:`~analysis.scores.sentiment.score_tone`, lexicon and dictionary tone
  per sentence, with the words behind it;
- :mod:`~analysis.scores.aggregates`: per-article sums, taken once while the sentences are scored;
- :mod:`~analysis.scores.tone`: summaries per group with bootstrap intervals, per article, along the article,
  toward actors;
- :mod:`~analysis.scores.timeline`: coverage over time;
- :mod:`~analysis.scores.stance`: stance toward an actor (a subpackage: framing, spans, evidence, model).

Layer: imports :mod:`analysis.content`, :mod:`analysis.voices`, :mod:`analysis.text`, :mod:`analysis.tables`,
:mod:`analysis.resources` and the base modules.
"""
