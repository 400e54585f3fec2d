"""Tables: the pipeline's tables, their schemas, where they go, and a SQL store to query them without loading.

- :mod:`~analysis.tables.schemas`: one Arrow schema per table, and frames conformed to it;
- :mod:`~analysis.tables.files`: output paths, the completion manifest, atomic commits, reading a run back;
- :mod:`~analysis.tables.sinks`: where tables go as they are made (memory, or files), spreadsheet-safe CSV;
- :mod:`~analysis.tables.store`: a DuckDB store over Parquet files or DataFrames.

Layer: imports :mod:`analysis.errors` and the package's version only (and pandas, Arrow, DuckDB).
"""
