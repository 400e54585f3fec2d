"""environment.yml (for conda users) lists exactly the dependencies of pyproject.toml."""
import re
import tomllib

import yaml

from analysis.paths import PROJECT_ROOT

_NAME_RE = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$")
CONDA_NAMES = {"python-duckdb": "duckdb"}  # conda-forge's name for a package -> its name on PyPI


def _split(requirement: str) -> tuple[str, str]:
    name, _extras, spec = _NAME_RE.match(requirement).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", "")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    out = {}
    for requirement in requirements:
        name, spec = _split(requirement)
        out[name] = spec
        if requirement.startswith("dask[distributed]"):
            out["distributed"] = spec  # conda-forge ships the extra as its own package
    return out


def _environment() -> dict[str, str]:
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    out = {}
    for item in env["dependencies"]:
        entries = item["pip"] if isinstance(item, dict) else [item]
        for entry in entries:
            if entry.startswith("-e") or entry in ("pip",) or entry.startswith("python="):
                continue
            name, spec = _split(entry)
            out[CONDA_NAMES.get(name, name)] = spec
    return out


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    assert _environment() == _pyproject()


def test_environment_yml_installs_the_project_itself():
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    pip = next(item["pip"] for item in env["dependencies"] if isinstance(item, dict))
    assert "-e ." in pip
    assert "python=3.11" in env["dependencies"]


def _locked() -> dict[str, str]:
    lock = tomllib.loads((PROJECT_ROOT / "pylock.toml").read_text())
    return {re.sub(r"[-_.]+", "-", p["name"]).lower(): p["version"] for p in lock["packages"] if "version" in p}


def test_the_lock_pins_every_dependency_within_its_range():
    from packaging.specifiers import SpecifierSet

    locked = _locked()
    for name, spec in _pyproject().items():
        assert name in locked, f"{name} is not in pylock.toml: run make lock"
        assert locked[name] in SpecifierSet(spec), f"pylock.toml pins {name} {locked[name]}, outside {spec!r}"


def test_every_locked_package_has_a_hash_and_comes_from_pypi():
    lock = tomllib.loads((PROJECT_ROOT / "pylock.toml").read_text())
    for package in lock["packages"]:
        files = package.get("wheels", []) + ([package["sdist"]] if "sdist" in package else [])
        assert files, f"{package['name']} has no file in the lock"
        for file in files:
            assert file["hashes"].get("sha256"), package["name"]
            assert file["url"].startswith("https://files.pythonhosted.org/"), (package["name"], file["url"])
