"""The public names of ``import analysis``: every one of them imports, from the module the docs name."""
import importlib
import subprocess
import sys

import pytest

import analysis

# analysis.__all__ before the package was split into layers (issue 19): none may go.
PUBLIC = ["Analysis", "ColumnError", "Corpus", "CorpusError", "DataFileError", "OptionError", "OutputError",
          "PressLensError", "actor_tone", "actor_voice", "analyse", "article_tone", "clean_text", "collocations",
          "count_terms", "extreme_sentences", "keyness", "kwic", "load_actors", "load_codebook", "load_corpus",
          "load_markers", "match_actors", "parse_date", "read_manifest", "read_scores", "score_corpus", "score_tone",
          "split_sentences", "suggest_actors", "suggest_topic_terms", "tokenize", "tone_agreement",
          "tone_by_position", "tone_by_source", "topic_coverage", "topic_mentions"]
# added since: who each outlet quotes (issue 21)
ADDED = ["quoted_sources", "source_summary"]


# Added for story comparison (issue 20).
STORIES = ["align_story", "compare_sentences", "find_stories", "text_reuse"]
# Added for stance (issue 22).
STANCE = ["target_sentiment"]


def test_every_public_name_is_still_there():
    assert set(PUBLIC + ADDED + STORIES + STANCE) <= set(analysis.__all__)
    assert analysis.__all__ == sorted(analysis.__all__)


@pytest.mark.parametrize("name", PUBLIC + ADDED + STORIES + STANCE)
def test_each_public_name_imports_from_its_home(name):
    value = getattr(analysis, name)
    home = importlib.import_module(analysis._HOME[name])
    assert getattr(home, name) is value
    assert name in dir(analysis)


def test_the_notebooks_modules_import_by_name():
    from analysis import views

    assert views.__name__ == "analysis.explore.views" and callable(views.tone)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        analysis.nothing_here  # noqa: B018


def _imports_after(code: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", f"import sys; {code}; print(' '.join(sorted(sys.modules)))"],
                            capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_import_analysis_loads_nothing_heavy():
    loaded = _imports_after("import analysis")
    assert not {"pandas", "numpy", "matplotlib", "pyarrow", "duckdb"} & loaded


def test_analyse_picks_colours_without_matplotlib():
    """explore/colors holds the palette, so opening a scored corpus never loads matplotlib."""
    loaded = _imports_after("from analysis import analyse")
    assert "analysis.explore.session" in loaded and "matplotlib" not in loaded
