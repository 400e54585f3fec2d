"""Stories: the same event as several outlets tell it, compared article by article and sentence by sentence.

- :mod:`~analysis.stories.terms`: what an article is about, as weighted content words and names;
- :mod:`~analysis.stories.grouping`: :func:`~analysis.stories.grouping.find_stories`, which articles report the
  same story;
- :mod:`~analysis.stories.reuse`: :func:`~analysis.stories.reuse.text_reuse`, which articles share text (wire
  copy), and how much.

Layer: imports :mod:`analysis.scores`, :mod:`analysis.content`, :mod:`analysis.voices`, :mod:`analysis.text`,
:mod:`analysis.tables`, :mod:`analysis.resources` and the base modules.
"""
