"""Explore: what the notebooks chart, read from a scored corpus of any size.

- :mod:`~analysis.explore.colors`: one colour per group (without matplotlib);
- :mod:`~analysis.explore.views`: each chart's and table's numbers, from per-article sums and small queries;
- :mod:`~analysis.explore.session`: :func:`~analysis.explore.session.analyse`, a scored corpus opened for charting.

Layer: imports :mod:`analysis.pipeline` (the cache) and the layers below it.
"""
