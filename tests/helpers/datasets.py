"""Labelled public datasets that are never bundled (PerSenT, NewsMTSC): found only where the caller or an
environment variable says they are, one split file at a time."""
from __future__ import annotations

import os
from pathlib import Path


def dataset_dir(folder: str | Path | None, variable: str, marker: str) -> Path | None:
    """``folder``, else ``$variable``; None when neither is given or it holds no ``marker`` file."""
    folder = folder or os.environ.get(variable)
    if not folder:
        return None
    folder = Path(folder)
    return folder if (folder / marker).exists() else None


def split_file(name: str, split: str, splits: tuple[str, ...], *, folder: str | Path | None, variable: str,
               marker: str, suffix: str) -> Path:
    """The file of one split; ``ValueError`` for an unknown split, ``FileNotFoundError`` naming where it looked
    and the variable to set."""
    if split not in splits:
        raise ValueError(f"split must be one of {splits}, not {split!r}")
    found = dataset_dir(folder, variable, marker)
    if found is None or not (found / f"{split}{suffix}").exists():
        raise FileNotFoundError(f"no {name} {split}{suffix} in {folder or os.environ.get(variable) or 'any folder'}; "
                                f"set {variable} to its folder")
    return found / f"{split}{suffix}"
