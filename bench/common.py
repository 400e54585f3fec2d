"""What the bench scripts share: the project's root, the tests' helpers on the import path, the PerSenT folder,
git worktrees of other versions of PressLens, and the two corpora the voices benchmarks run on.

A script in a folder of ``bench/`` starts with::

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
    from common import ROOT  # noqa: E402

which also puts ``tests/`` on the import path, for ``helpers`` (the corpus generator, the voices and stance
evaluations: code the tests use too). PerSenT is never looked for: give its folder as ``$PERSENT_DIR``.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
GENERATE = ROOT / "bench" / "data" / "generate.py"
sys.path.insert(0, str(ROOT / "tests"))


def persent_dir() -> Path:
    """PerSenT's folder (``dev.csv``, ``random_test.csv``, ``fixed_test.csv``) from ``$PERSENT_DIR``; a one-line
    error when it is not set or holds no ``dev.csv``."""
    folder = os.environ.get("PERSENT_DIR")
    if not folder or not (Path(folder) / "dev.csv").exists():
        sys.exit("this benchmark reads PerSenT: set PERSENT_DIR to its folder (the one holding dev.csv)")
    return Path(folder)


def persent_texts() -> list[str]:
    """The ``DOCUMENT`` of every PerSenT article, split by split."""
    import pandas as pd

    return pd.concat([pd.read_csv(p)["DOCUMENT"] for p in sorted(persent_dir().glob("*.csv"))]).dropna().tolist()


def checkout(ref: str, work: Path) -> Path:
    """A detached git worktree of ``ref`` under ``work`` (a "before" code)."""
    folder = work / f"before-{ref.replace('/', '-')}"
    if folder.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=False)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), ref], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder


def make_corpora(work: Path, articles: int) -> dict[str, Path]:
    """The generated corpus and (with ``$PERSENT_DIR``) the PerSenT articles, as folders of .txt files in ``work``."""
    generated = work / f"generated-{articles}"
    if not generated.exists():
        subprocess.run([sys.executable, str(GENERATE), "--articles", str(articles), "--out", str(generated)],
                       check=True, stdout=subprocess.DEVNULL)
    persent = work / "persent"
    if not persent.exists() and os.environ.get("PERSENT_DIR"):
        persent.mkdir()
        for k, text in enumerate(persent_texts()):
            (persent / f"{k:05d}.txt").write_text(text, encoding="utf-8")
    return {"generated": generated, **({"PerSenT": persent} if persent.exists() else {})}
