"""Resources: the readers of PressLens's data files, so every file of a kind is read one way, with limits.

- :mod:`~analysis.resources.datafiles`: YAML (codebooks, dictionaries, actors, boilerplate markers, the name
  lists of ``data/names.yml``), read from the parser's events with hard limits (size, depth, no aliases, no tags,
  no duplicate keys, keys as written);
- :mod:`~analysis.resources.wordlists`: the plain word lists of ``data/*.txt`` (one entry a line, ``#`` comments),
  and the speech verbs.

Layer: the lowest after :mod:`analysis.errors` and :mod:`analysis.paths`, which are all it imports.
"""
