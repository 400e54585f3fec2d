"""Where things live. Every path in PressLens derives from ``PROJECT_ROOT``.

Notebooks, the command line and the tests resolve bundled data through these
constants, never relative to the current folder (papermill runs kernels in the
folder it is started from, nbconvert in the notebook's).
"""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
ARTICLES_DIR = DATA_DIR / "articles"
SOURCES_CSV = DATA_DIR / "sources.csv"
TOPICS_YML = DATA_DIR / "topics.yml"
ACTORS_YML = DATA_DIR / "actors.yml"
BOILERPLATE_YML = DATA_DIR / "boilerplate.yml"
ABBREVIATIONS_TXT = DATA_DIR / "abbreviations.txt"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
FRAMING_VERBS_TSV = DATA_DIR / "framing_verbs.tsv"
STANCE_MODEL_JSON = DATA_DIR / "stance_model.json"
