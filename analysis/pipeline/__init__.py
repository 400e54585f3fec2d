"""Pipeline: every step from a folder of files to the tables, each step once, in memory or streamed.

- :mod:`~analysis.pipeline.settings`: a run's settings and the data files they name;
- :mod:`~analysis.pipeline.chunks`: the work of one chunk (read; clean, split, score, match);
- :mod:`~analysis.pipeline.run`: :func:`~analysis.pipeline.run.run`, the steps in order over the whole corpus;
- :mod:`~analysis.pipeline.engines`: a process pool or a Dask cluster to run the chunks on;
- :mod:`~analysis.pipeline.load`: :func:`~analysis.pipeline.load.load_corpus` (articles, in memory);
- :mod:`~analysis.pipeline.scoring`: :func:`~analysis.pipeline.scoring.score_corpus` (everything, to files);
- :mod:`~analysis.pipeline.cache`: scored corpora cached by content, settings and code.

Layer: imports every layer below it (scores, content, voices, corpus, text, tables, resources, base).
"""
