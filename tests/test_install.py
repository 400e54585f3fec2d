"""Installable like any package: a built wheel, in a fresh venv, builds a report from any working directory.

This test installs the wheel's dependencies from the package index (about 30 s with a warm pip cache).
"""
import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from analysis.paths import PROJECT_ROOT

OTHER = PROJECT_ROOT / "tests" / "fixtures" / "other_corpus"


def _run(command, **options):
    return subprocess.run(command, capture_output=True, text=True, timeout=900, **options)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    if not (PROJECT_ROOT / "pyproject.toml").exists():
        pytest.skip("not running from a checkout")
    folder = tmp_path_factory.mktemp("wheel")
    build = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(folder), str(PROJECT_ROOT)])
    assert build.returncode == 0, build.stderr[-2000:]
    return next(folder.glob("presslens-*.whl")), build.stdout + build.stderr


def test_the_build_gives_no_setuptools_warnings(wheel):
    _, log = wheel
    assert "BuildBackendWarning" not in log and "SetuptoolsDeprecationWarning" not in log, log[-3000:]


def test_the_wheel_carries_notebooks_templates_and_data(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel[0]).namelist())
    for required in ("analysis/bundled_notebooks/02-tone.ipynb", "analysis/report/templates/presslens/index.html.j2",
                     "analysis/voices/names/resolve.py", "analysis/scores/stance/model.py", "analysis/explore/views.py",
                     "analysis/bundled_data/boilerplate.yml", "analysis/bundled_data/abbreviations.txt",
                     "analysis/bundled_data/articles/000_8b1c9f11a3e874e0.txt", "analysis/bundled_data/sources.csv"):
        assert required in names


def test_every_subpackage_is_listed_for_the_wheel():
    """pyproject.toml lists the packages (the bundled data and notebooks are mapped in from outside analysis/):
    a new layer, or a new folder in one, must be listed too, or the wheel leaves it out."""
    listed = set(tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(PROJECT_ROOT).parts) for p in (PROJECT_ROOT / "analysis").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)


def test_a_fresh_venv_builds_a_report_from_anywhere(wheel, tmp_path):
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    # A fresh venv sees nothing of the caller's: with PYTHONPATH on the checkout, pip would find the
    # presslens.egg-info that building the wheel left there, call presslens installed, and install nothing.
    env = {k: v for k, v in os.environ.items() if k not in ("PRESSLENS_CACHE", "PYTHONPATH", "VIRTUAL_ENV")}
    install = _run([str(python), "-m", "pip", "install", "--quiet", str(wheel[0])], env=env)
    assert install.returncode == 0, install.stderr[-2000:]
    corpus = shutil.copytree(OTHER, tmp_path / "corpus")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env["XDG_CACHE_HOME"] = str(tmp_path / "user-cache")
    report = _run([str(environment / "bin" / "presslens"), "report", str(corpus), "--out", "out"],
                  cwd=elsewhere, env=env)
    assert report.returncode == 0, report.stderr[-3000:]
    pages = sorted(p.name for p in (elsewhere / "out").glob("*.html"))
    assert pages == ["01-corpus.html", "02-tone.html", "03-voices-and-actors.html", "04-topics.html",
                     "05-keywords.html", "06-stories.html", "index.html"]
    assert list((tmp_path / "user-cache" / "presslens" / "scores").iterdir()), "the cache goes to the user's folder"
    assert "TCP without encryption" not in report.stderr
    imported = _run([str(python), "-c", "import analysis; print(analysis.__file__)"], cwd=elsewhere, env=env)
    assert str(environment) in imported.stdout
