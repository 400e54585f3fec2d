"""The reports of two stories, built once per session: the bundled corpus and another one (``story_report``)."""
import pytest

from analysis.report.build import build_reports
from helpers import FIXTURES


@pytest.fixture(scope="session", params=["bundled", "other"])
def story_report(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"story-{request.param}") / "report"
    corpus = None if request.param == "bundled" else FIXTURES / "other_corpus"
    build_reports(corpus, out=out, progress=False, keep_executed=True)
    return out
