"""Every regular expression the package compiles runs in near-linear time on adversarial text.

The patterns are found, not listed: every ``re.Pattern`` (str or bytes) in the globals of every module of
``analysis`` (and in its classes' attributes, in lists, tuples and dicts held there, and in what its cached
pattern builders return: module functions under ``lru_cache`` that take no argument). Each is timed the way the
package uses it, read from the source: a pattern only ever called with ``match`` or ``fullmatch`` is timed
anchored; any other (``search``, ``finditer``, ``findall``, ``sub``, ``split``, or passed on) is timed over every
match with ``finditer``, which tries every start position.

The inputs are adversarial strings growing from 250 characters to 40 KB (160 KB for the slower): long runs of quote marks, dots, spaces,
letters and digits, pairs of them alternating, and runs of every literal character of the pattern itself, alone,
between a word and a bracket (``"Wait" + "." * n + "("``) and before a word the run cannot take. A pattern fails
when it is slower than ``PER_CHARACTER`` at any size, or when its time at 160 KB is over ``MAX_RATIO`` times its
time at 40 KB (linear is 4, quadratic 16); times are the process's CPU time, and a time over a limit is measured
again, the least of a few runs counting, so that a busy machine does not decide.

Run it as a script (``python tests/test_patterns.py``) to print each pattern's slowest input.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import sys
import time
from functools import lru_cache
from pathlib import Path
from re import _constants as sre_constants
from re import _parser as sre_parse

import pytest

import analysis
from analysis.paths import PACKAGE_DIR

SIZES = (250, 1_000, 10_000, 40_000)
LARGE, LARGER = 40_000, 160_000
MAX_RATIO = 8.0  # from 40 KB to 160 KB, linear is 4 and quadratic 16 (below 40 KB, caches blur the ratio)
QUICK = 0.0005  # seconds at 10 KB below which an input is not grown further (a quadratic backtracking pattern
# makes some 10**8 steps there)
MEASURABLE = 0.02  # seconds at 40 KB below which the growth is not measured further
PER_CHARACTER = 2.5e-6  # seconds: slower than this at any size (and over FLOOR) is too slow, whatever the growth
FLOOR = 0.01
RUNS = 3
ROUNDS = 3
BASE_UNITS = ["'", '"', ".", " ", "a", "A", "1", "-", "\n", "\t", "(", ")", ",", ":", "\u2019", "\u201c", "<", "=",
              "a ", "a.", ". ", "' ", "'a", "a'", "aA", "a-", "a\n", "\n\n", " \n", ".\n", "1.", "1,", "A.", "A. ",
              "a b", "Mr. ", "'s ", "— ", "a (", "a=", "\\"]


def package_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern the package holds at module level, by where it is held."""
    found: dict[int, tuple[str, re.Pattern]] = {}

    def walk(value, where: str, depth: int = 0) -> None:
        if isinstance(value, re.Pattern):
            found.setdefault(id(value), (where, value))
        elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]", depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}[{key!r}]", depth + 1)

    for info in pkgutil.walk_packages(analysis.__path__, "analysis."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            walk(value, f"{info.name}.{name}")
            if isinstance(value, type) and value.__module__ == info.name:
                for attribute, inner in vars(value).items():
                    walk(inner, f"{info.name}.{name}.{attribute}")
            if callable(value) and hasattr(value, "cache_info") and getattr(value, "__module__", "") == info.name \
                    and not inspect.signature(value).parameters:
                walk(value(), f"{info.name}.{name}()")
    return {where: pattern for where, pattern in found.values()}


ANCHORED = {"match", "fullmatch"}
PATTERN_ATTRIBUTES = {"pattern", "flags", "groups", "groupindex"}


@lru_cache(maxsize=None)
def _source_tree(path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def uses(where: str) -> set[str]:
    """How the package uses the pattern held at ``where``: the methods called on it (``NAME.match(…)``, or
    ``builder().match(…)`` and ``builder()["key"].match(…)`` for what a builder returns), or ``{"other"}`` when it
    is also used otherwise (held in a container, passed on, kept in a variable): then it may be searched."""
    found = re.fullmatch(r"(?P<module>[\w.]+?)\.(?P<name>\w+)(?P<call>\(\))?(?:\[(?P<key>'[^']*')\])?", where)
    if not found or (found["key"] and not found["call"]):
        return {"other"}
    module, name = found["module"], found["name"]
    if module not in sys.modules:  # a class attribute: module.Class.NAME
        module = module.rpartition(".")[0]
    key = ast.literal_eval(found["key"]) if found["key"] else None
    paths = [Path(sys.modules[module].__file__)] if name.startswith("_") else sorted(PACKAGE_DIR.rglob("*.py"))
    methods: set[str] = set()
    for path in paths:
        tree = _source_tree(path)
        parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        held = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _holds(node.value, name, called=bool(found["call"]), key=key):
                held.add(id(node.value))
                if node.attr not in PATTERN_ATTRIBUTES:
                    methods.add(node.attr)
        for node in ast.walk(tree):
            if _names(node, name) and isinstance(getattr(node, "ctx", None), ast.Load):
                holder = node
                for _ in range(2 if found["call"] else 0):  # NAME() or NAME()[key]: the node the method is on
                    if id(holder) in held:
                        break
                    holder = parents.get(id(holder), holder)
                if id(holder) not in held:
                    methods.add("other")
    return methods or {"other"}


def _names(node, name: str) -> bool:
    return (isinstance(node, ast.Name) and node.id == name) or (isinstance(node, ast.Attribute) and node.attr == name)


def _holds(node, name: str, *, called: bool, key) -> bool:
    """Whether ``node`` is the pattern: ``NAME``, ``NAME()`` or ``NAME()[key]``."""
    if not called:
        return _names(node, name)
    if key is not None:
        if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == key):
            return False
        node = node.value
    return isinstance(node, ast.Call) and _names(node.func, name) and not node.args and not node.keywords


def literal_characters(pattern: re.Pattern) -> list[str]:
    """The characters a pattern names literally (alone or in a class), so that inputs can be made of them."""
    chars: set[str] = set()

    def walk(items) -> None:
        for op, arg in items:
            if op is sre_constants.LITERAL:
                chars.add(chr(arg))
            elif op is sre_constants.IN:
                for kind, value in arg:
                    if kind is sre_constants.LITERAL:
                        chars.add(chr(value))
                    elif kind is sre_constants.RANGE:
                        chars.update({chr(value[0]), chr(value[1])})
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
                walk(arg[2])
            elif op is sre_constants.SUBPATTERN:
                walk(arg[-1])
            elif op is sre_constants.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(arg[1])
            elif op is sre_constants.ATOMIC_GROUP:
                walk(arg)

    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    walk(sre_parse.parse(source, pattern.flags & ~re.ASCII if isinstance(pattern.pattern, str) else 0))
    return sorted(c for c in chars if c.isprintable() or c in "\n\t")


def adversarial(pattern: re.Pattern) -> list[tuple[str, object]]:
    """``(label, make)`` inputs, ``make(size)`` giving about ``size`` characters built to make a backtracking
    matcher work hard: a run of a unit alone, between a word and a bracket, and before a word it cannot take."""
    own = literal_characters(pattern)
    units = list(dict.fromkeys(BASE_UNITS + own + [a + b for a in own[:6] for b in own[:6] if a != b]
                               + [c + " " for c in own[:8]] + ["a" + c for c in own[:8]]))
    inputs = []
    for unit in units:
        for before, after in (("", ""), ("Wait", "("), ("", " x(")):
            inputs.append((f"{before!r} + {unit!r} * n + {after!r}",
                           lambda size, unit=unit, before=before, after=after:
                           before + unit * (size // len(unit)) + after))
    return inputs


def _time(pattern: re.Pattern, text, *, anchored: bool = False, runs: int = RUNS) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()  # CPU time: a machine busy with other work slows the clock, not this
        if anchored:
            pattern.match(text)
            pattern.fullmatch(text)
        else:
            for _ in pattern.finditer(text):
                pass
        best = min(best, time.process_time() - start)
    return best


def _as(pattern: re.Pattern, text: str):
    return text if isinstance(pattern.pattern, str) else text.encode("utf-8")


def growth(pattern: re.Pattern, *, anchored: bool = False) -> tuple[str, str]:
    """``(problem, worst)``: why the pattern is too slow on some input (empty when it is not), and its slowest
    input with its time.

    Each input grows through ``SIZES`` and stops at the first size where it is too slow. It grows past 10 KB only
    when 10 KB took over ``QUICK`` (a backtracking pattern that is quadratic takes far longer there), and past 40 KB
    only when 40 KB took over ``MEASURABLE``; then the time at 160 KB is compared with the time at 40 KB. A time
    over a limit is measured again, a few rounds, and the best counts, so that a busy machine does not decide."""
    worst, worst_time = "", 0.0
    for label, make in adversarial(pattern):
        for size in SIZES:
            text = _as(pattern, make(size))
            took = _time(pattern, text, anchored=anchored, runs=1)
            if took > max(FLOOR, size * PER_CHARACTER):
                took = min(took, _time(pattern, text, anchored=anchored))
            if took > max(FLOOR, size * PER_CHARACTER):
                return f"{label}: {took * 1000:.0f} ms at {size:,} characters", worst
            limit = QUICK if size == SIZES[-2] else MEASURABLE
            if size == SIZES[-1] and took >= limit:  # one run on a busy machine does not decide to grow
                took = min(took, _time(pattern, text, anchored=anchored))
            if size >= SIZES[-2] and took < limit:
                break
        else:
            ratio, took = _ratio(pattern, make, anchored=anchored)
            if ratio > MAX_RATIO:
                return f"{label}: {ratio:.1f} times slower at {LARGER:,} characters than at {LARGE:,}", worst
        if took > worst_time:
            worst_time, worst = took, f"{took * 1000:.1f} ms at {size:,} on {label}"
    return "", worst


def _ratio(pattern: re.Pattern, make, *, anchored: bool) -> tuple[float, float]:
    """The time at ``LARGER`` over the time at ``LARGE`` (each the best of its runs so far, measured in turn until
    the ratio is within ``MAX_RATIO`` or ``ROUNDS`` rounds are done), and the time at ``LARGE``."""
    large, larger = _as(pattern, make(LARGE)), _as(pattern, make(LARGER))
    best_large = best_larger = float("inf")
    for _ in range(ROUNDS):
        best_large = min(best_large, _time(pattern, large, anchored=anchored))
        best_larger = min(best_larger, _time(pattern, larger, anchored=anchored))
        if best_larger <= MAX_RATIO * best_large:
            break
    return best_larger / best_large, best_large


PATTERNS = package_patterns()


def test_the_patterns_are_found():
    for where in ("analysis.text.segment._CANDIDATE_RE", "analysis.text.lines._LAST_WORD_RE",
                  "analysis.content.dictionaries._WEIGHT_RE"):
        assert where in PATTERNS, where
    assert len(PATTERNS) > 50


@pytest.mark.parametrize("where", sorted(PATTERNS))
def test_no_pattern_is_superlinear(where):
    problem, _ = growth(PATTERNS[where], anchored=uses(where) <= ANCHORED)
    assert not problem, f"{where} is superlinear or too slow on {problem}"


if __name__ == "__main__":
    for where, pattern in sorted(PATTERNS.items()):
        how = "anchored" if uses(where) <= ANCHORED else "searched"
        problem, worst = growth(pattern, anchored=how == "anchored")
        print(f"{'SLOW ' + problem if problem else worst:80}  {how}  {where}", flush=True)
