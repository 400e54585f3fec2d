"""Corpus: files to clean article rows, with a removal log and a problem report.

- :mod:`~analysis.corpus.decode`: bytes to text (encodings, mojibake, invisible characters);
- :mod:`~analysis.corpus.readers`: find a corpus's files and read each into records (text, HTML, exports);
- :mod:`~analysis.corpus.metadata`: dates, URL domains, the columns exports name their fields by;
- :mod:`~analysis.corpus.clean`: boilerplate removal, with a reason for every span removed;
- :mod:`~analysis.corpus.repetition`: template lines counted over a whole corpus in bounded memory;
- :mod:`~analysis.corpus.dedupe`: near and exact duplicates (MinHash, locality-sensitive hashing);
- :mod:`~analysis.corpus.manifest`: the manifest CSV, read strictly and matched to the files;
- :mod:`~analysis.corpus.articles`: :class:`~analysis.corpus.articles.Corpus` and an article row from a record.

``load_corpus`` runs these steps through the pipeline (:mod:`analysis.pipeline.load`).
Layer: imports :mod:`analysis.text`, :mod:`analysis.tables`, :mod:`analysis.resources` and the base modules.
"""
