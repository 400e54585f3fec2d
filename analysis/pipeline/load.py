"""``load_corpus``: a folder or file of articles into a :class:`analysis.corpus.articles.Corpus`, in memory.

Every input file ends up either loaded (a row in ``articles``) or reported (a row in ``problems``, with a
reason). Every span of text the cleaner removes is a row in ``removed``, with a reason. :func:`load_corpus` runs
the steps of :mod:`analysis.pipeline.run` (the same steps ``presslens score`` streams) up to the articles, and
keeps the tables in memory.
"""
from __future__ import annotations

from pathlib import Path

from analysis.corpus.articles import Corpus
from analysis.corpus.clean import Markers
from analysis.corpus.readers import MAX_FILE_MB
from analysis.errors import CorpusError
from analysis.paths import bundled_defaults
from analysis.pipeline.run import run
from analysis.pipeline.settings import Settings
from analysis.text.inflect import plural


def load_corpus(path: str | Path | None = None, *, manifest: str | Path | None = None,
                text_col: str | None = None, markers: Markers | str | Path | None = None,
                duplicate_threshold: float = 0.8, strict: bool = False, progress: bool | None = None,
                max_file_mb: float = MAX_FILE_MB, workers: int = 1) -> Corpus:
    """Load a folder (recursively) or a single file of articles.

    Reads ``.txt``, ``.html``/``.htm`` (main text extracted with trafilatura),
    and ``.csv``/``.tsv``/``.json``/``.jsonl``/``.parquet`` exports with one
    article per row (``text_col`` names the text column; common names such as
    ``text``, ``body`` or ``content`` are found without it).

    With no ``path``, loads the bundled corpus with its manifest
    (``data/sources.csv``). ``manifest`` is a CSV with a ``file`` column (a path
    relative to the corpus folder, or a file name); its other columns become
    article columns and win over what is inferred. Every other column of an
    export or a manifest is kept as a column of its own; one whose name
    PressLens computes (``polarity``, ``n_words``, …) is renamed ``meta_<name>``.

    Without a manifest, the source is the sub-folder a file sits in (for a
    corpus with one folder per outlet), else a source column, else inferred from
    the text (a dateline such as "Hong Kong (CNN)", a "SOURCE:" line, a URL
    domain), else ``"unknown"``. ``source_from`` says which.

    Problems never stop the load: each gets a row in ``problems`` (severity
    ``warning`` or ``skipped``). With ``strict=True`` any problem raises
    :class:`CorpusError` instead. A corpus with no loadable article raises
    :class:`CorpusError`. ``progress`` shows progress bars (by default when
    there are more than 200 files). These are the same steps, in the same
    order, as ``presslens score``, kept in memory.
    """
    root, manifest, _, _ = bundled_defaults(path, manifest=manifest)
    settings = Settings(root=root, manifest=manifest, text_col=text_col, markers=markers,
                        duplicate_threshold=duplicate_threshold, max_file_mb=max_file_mb, scores=False)
    tables = run(settings, workers=workers, progress=progress)
    corpus = Corpus(articles=tables["articles"], removed=tables["removed"], problems=tables["problems"],
                    root=Path(root))
    if strict and len(corpus.problems):
        first = corpus.problems.iloc[0]
        raise CorpusError(f"{plural(len(corpus.problems), 'problem')} loading {root} (strict); the first: "
                          f"{first['path']}: [{first['severity']}] {first['message']}")
    return corpus
