"""Reading the YAML data files (codebook, actors, boilerplate markers) with errors a user can act on."""
from __future__ import annotations

from pathlib import Path

import yaml

from analysis.errors import DataFileError


def read_section(path: str | Path, section: str, *, what: str) -> dict:
    """The mapping under ``section:`` of a YAML file; a clear :class:`DataFileError` when it is not there."""
    path = Path(path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise DataFileError(f"no {what} at {path}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(f"cannot read the {what} at {path}: {err}") from err
    except yaml.YAMLError as err:
        raise DataFileError(f"{path} is not valid YAML: {err}") from err
    value = spec.get(section) if isinstance(spec, dict) else None
    if not isinstance(value, dict) or not value:
        raise DataFileError(f"{path} must have a non-empty '{section}:' mapping")
    return value
