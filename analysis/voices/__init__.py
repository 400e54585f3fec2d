"""Voices: each sentence's voice (quoted speech, the outlet's narration, or mixed) and who is speaking.

- :mod:`~analysis.voices.quotes`: quotation marks, the spans they enclose, speech against scare quotes and titles;
- :mod:`~analysis.voices.names`: names of people, organisations and places within an article, resolved (a
  subpackage: lexicon, parse, entities, mentions, resolve, index);
- :mod:`~analysis.voices.speakers`: the attribution next to a quote, resolved to a canonical name;
- :mod:`~analysis.voices.voices`: :func:`~analysis.voices.voices.split_sentences`, sentences with their voice.

Layer: imports :mod:`analysis.text`, :mod:`analysis.resources` and the base modules (not corpus: voices read
any text).
"""
