"""Shared fixtures: the bundled corpus, loaded once per test session."""
import pytest

from analysis import load_corpus


@pytest.fixture(scope="session")
def bundled():
    return load_corpus()
