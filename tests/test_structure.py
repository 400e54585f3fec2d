"""The package's shape, read from its source with ``ast``: layers as subpackages, imports that point down, no
import cycles, small classes and modules, no private name shared between modules.

The layer order is written here once (``LAYERS``); ``CONTRIBUTING.md`` and ``docs/architecture.md`` describe it.
A module may import from its own layer and the layers below; within a layer, imports must not form a cycle.
Imports inside functions count as much as those at the top of a module, and the names ``analysis.cli`` imports
when a command runs (``COMMANDS``) count as its imports. ``analysis/__init__.py`` re-exports the public names
lazily, by name: it sits at the bottom (it imports nothing) and its names are checked by ``tests/test_api.py``.
"""
from __future__ import annotations

import ast
import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

from analysis.paths import PACKAGE_DIR, PROJECT_ROOT

MAX_TOP_LEVEL_MODULES = 8
MIN_SUBPACKAGES = 4
MAX_CLASS_LINES = 300
MAX_MODULE_LINES = 600
# Bottom to top. The base holds the package itself (its version; its lazy re-exports import nothing), its
# errors and its paths.
LAYERS = ["base", "resources", "tables", "text", "corpus", "voices", "content", "scores", "stories", "pipeline",
          "explore", "report", "cli"]
BASE = {"analysis", "analysis.errors", "analysis.paths"}
# Third-party modules a function may import lazily (each with a comment that says why).
LAZY_ALLOWED = {"matplotlib", "IPython", "nbformat", "nbconvert", "papermill", "jupyter_client", "traitlets", "dask",
                "duckdb", "pyarrow", "trafilatura", "lxml"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@lru_cache(maxsize=1)
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))}


@lru_cache(maxsize=None)
def tree(name: str) -> ast.Module:
    return ast.parse(modules()[name].read_text(encoding="utf-8"))


def layer(name: str) -> str:
    if name in BASE:
        return "base"
    if name == "analysis.cli":
        return "cli"
    return name.split(".")[1]


def _target(module: str, name: str | None) -> str:
    """The module an import reaches: ``from analysis.x import y`` reaches analysis.x.y when that is a module."""
    if name and f"{module}.{name}" in modules():
        return f"{module}.{name}"
    return module


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = importer if modules()[importer].name == "__init__.py" else importer.rsplit(".", 1)[0]
    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
    return f"{base}.{node.module}" if node.module else base


def _inside_functions(root: ast.AST) -> set[int]:
    inner = set()
    for node in ast.walk(root):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inner.update(id(n) for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))
    return inner


@lru_cache(maxsize=1)
def imports() -> list[tuple[str, str, list[str], bool, int]]:
    """``(importer, imported module, names, inside a function, line)`` for every import of the package."""
    found = []
    for name in modules():
        root = tree(name)
        inner = _inside_functions(root)
        for node in ast.walk(root):
            if isinstance(node, ast.ImportFrom):
                module = _resolve(name, node)
                for alias in node.names:
                    found.append((name, _target(module, alias.name), [alias.name], id(node) in inner, node.lineno))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    found.append((name, alias.name, [], id(node) in inner, node.lineno))
    for module, _function in _cli_commands():
        found.append(("analysis.cli", module, [], True, 0))
    return found


def _cli_commands() -> list[tuple[str, str]]:
    for node in tree("analysis.cli").body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMMANDS":
            return list(ast.literal_eval(node.value).values())
    return []


def internal_edges() -> set[tuple[str, str]]:
    return {(a, b) for a, b, _, _, _ in imports() if b.startswith("analysis") and b in modules() and a != b}


def test_few_modules_sit_directly_in_the_package():
    top = [n for n, p in modules().items() if p.parent == PACKAGE_DIR and n != "analysis"]
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_the_layers_are_subpackages_with_docstring_only_inits():
    packages = {n for n, p in modules().items() if p.name == "__init__.py" and p.parent.parent == PACKAGE_DIR}
    assert len(packages) >= MIN_SUBPACKAGES
    assert {p.split(".")[1] for p in packages} == set(LAYERS) - {"base", "cli"}
    for name, path in modules().items():
        if path.name == "__init__.py" and name != "analysis":
            body = tree(name).body
            assert len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant), \
                f"{name}: a subpackage's __init__ is its docstring only (start-up stays lazy)"
            assert "import" in ast.get_docstring(tree(name)).lower() or "layer" in ast.get_docstring(tree(name)).lower()


def test_every_module_belongs_to_a_layer():
    assert {layer(name) for name in modules()} <= set(LAYERS)


def test_imports_only_point_down():
    upward = [f"{a} ({layer(a)}) imports {b} ({layer(b)})" for a, b in internal_edges()
              if LAYERS.index(layer(b)) > LAYERS.index(layer(a))]
    assert not upward, "\n".join(sorted(upward))


def _cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    graph: dict[str, list[str]] = {}
    for a, b in sorted(edges):
        graph.setdefault(a, []).append(b)
    index, low, stack, on_stack, components, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, []):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_no_import_cycle_counting_imports_inside_functions():
    assert _cycles(internal_edges()) == []


def test_no_presslens_module_is_imported_inside_a_function():
    inner = [f"{a}:{line} imports {b}" for a, b, _, inside, line in imports()
             if inside and b.startswith("analysis") and line]
    assert not inner, "\n".join(inner)


def test_lazy_imports_are_heavy_optional_libraries_with_a_reason():
    problems = []
    for importer, module, _, inside, line in imports():
        if not inside or not line or module.startswith("analysis"):
            continue
        source = modules()[importer].read_text(encoding="utf-8").splitlines()
        reason = "lazy" in source[line - 1] or "lazy" in source[line - 2]
        if module.split(".")[0] not in LAZY_ALLOWED or not reason:
            problems.append(f"{importer}:{line} imports {module} inside a function")
    assert not problems, "\n".join(problems)


def test_no_private_name_is_imported_across_modules():
    private = [f"{a} imports {n} from {b}" for a, b, names, _, _ in imports() if b.startswith("analysis")
               for n in names if n.startswith("_") and not n.startswith("__")]
    for name in modules():
        aliases = {alias.asname or alias.name for node in ast.walk(tree(name)) if isinstance(node, ast.ImportFrom)
                   and (node.module or "").startswith("analysis") for alias in node.names
                   if f"{_resolve(name, node)}.{alias.name}" in modules()}
        for node in ast.walk(tree(name)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases \
                    and node.attr.startswith("_") and not node.attr.startswith("__"):
                private.append(f"{name} uses {node.value.id}.{node.attr}")
    assert not private, "\n".join(private)


def test_no_class_is_over_300_lines():
    large = [f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines" for name in modules()
             for node in ast.walk(tree(name)) if isinstance(node, ast.ClassDef)
             and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES]
    assert not large, large


def test_no_module_is_over_600_lines():
    large = {name: n for name, path in modules().items()
             if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not large, large


def _pronoun_modules() -> set[str]:
    """Modules that define their own pronouns to resolve: a pronoun list or pattern (a module-level name ending
    in PRONOUNS or PRONOUN_RE), or a coreference class."""
    found = set()
    for name in modules():
        for node in tree(name).body:
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)] if isinstance(node, ast.Assign) else []
            if any(re.search(r"PRONOUNS?(_RE)?$", t) for t in targets) or \
                    (isinstance(node, ast.ClassDef) and "coreference" in node.name.lower()):
                found.add(name)
    return found


def test_pronouns_are_resolved_by_the_names_resolver():
    assert "analysis.voices.names.resolve" in _pronoun_modules()


@pytest.mark.xfail(strict=True, reason="stance still has its own coreference (issue 22 replaces it)")
def test_exactly_one_module_defines_pronoun_resolution():
    assert _pronoun_modules() == {"analysis.voices.names.resolve"}


def test_the_layer_order_is_the_one_the_docs_give():
    docstring = ast.get_docstring(tree("analysis"))
    listed = [line.split()[0].rstrip(",") for line in docstring.splitlines() if re.match(r"    [a-z]", line)]
    assert listed == ["errors"] + LAYERS[1:], listed


def test_no_file_holds_a_merge_conflict_marker():
    """A conflict left in a merge is text nobody meant to ship (the README once opened with one)."""
    tracked = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True).stdout.split()
    marked = []
    for name in tracked:
        path = PROJECT_ROOT / name
        if path.suffix not in {".py", ".md", ".toml", ".yml", ".yaml", ".ipynb", ".cfg", ".txt", ".csv", ""}:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        if any(line.startswith(("<<<<<<< ", ">>>>>>> ")) for line in lines):
            marked.append(name)
    assert marked == []
