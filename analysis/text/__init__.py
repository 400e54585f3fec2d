"""Text: what a word, a line and a sentence are, once for all of PressLens.

- :mod:`~analysis.text.tokens`: the one tokenizer (words, chunks, multi-word names), the function-word and
  news stop lists, :func:`~analysis.text.tokens.stop_words`;
- :mod:`~analysis.text.lines`: logical lines (hard-wrapped lines joined), line shapes (a headline, a row of data);
- :mod:`~analysis.text.segment`: sentences and paragraphs, abbreviations, the lede's length;
- :mod:`~analysis.text.patterns`: one fast regular expression for a word list (:func:`~analysis.text.patterns.alternation`);
- :mod:`~analysis.text.inflect`: counts written as words (:func:`~analysis.text.inflect.plural`).

Layer: imports :mod:`analysis.resources` and :mod:`analysis.paths` only.
"""
