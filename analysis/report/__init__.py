"""Report: what a reader sees: numbers in prose, charts, findings, tables, and the HTML pages.

- :mod:`~analysis.report.prose`: numbers written for prose (signs, intervals, shares, counts, lists);
- :mod:`~analysis.report.findings`: the sentences under the charts, each computed from a table by stated rules;
- :mod:`~analysis.report.terms`: the findings about words (keyness), with the correction said as applied;
- :mod:`~analysis.report.charts`: what every chart shares (no chart, labels, saving, alt text, drawing helpers);
- :mod:`~analysis.report.plots`: the ``plot_*`` charts;
- :mod:`~analysis.report.show`: tables, charts and findings shown safely in a notebook;
- :mod:`~analysis.report.build`: the notebooks run headless and rendered to pages (``templates/``).

Layer: imports :mod:`analysis.explore` and every layer below it; only :mod:`analysis.cli` is above it.
"""
