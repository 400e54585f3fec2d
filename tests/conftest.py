"""Shared fixtures: the bundled corpus, loaded once per test session."""
import pytest

from analysis import load_corpus


@pytest.fixture(scope="session")
def bundled():
    return load_corpus()


@pytest.fixture(scope="session", autouse=True)
def scores_cache(tmp_path_factory):
    """Cached scores go to a temporary folder, not the project's .cache (kernels inherit the variable)."""
    import os

    folder = tmp_path_factory.mktemp("presslens-cache")
    previous = os.environ.get("PRESSLENS_CACHE")
    os.environ["PRESSLENS_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("PRESSLENS_CACHE", None)
    else:
        os.environ["PRESSLENS_CACHE"] = previous
