"""Reading the YAML data files (codebooks, dictionaries, actors, boilerplate markers) with limits.

YAML is read from the parser's events, never through PyYAML's loaders, so that
these rules hold whatever the file holds:

- **Size:** a file over ``MAX_YAML_BYTES`` (default 16 MB) is refused before it is parsed.
- **No anchors or aliases** (``&name``, ``*name``): the first one is an error, so
  a "billion laughs" file fails at once, and no message ever expands one.
- **Keys are strings**, exactly as written: ``NO:`` (Norway), ``Off:`` and ``yes:``
  stay "NO", "Off" and "yes", and ``2023:`` is "2023".
- **Values** are strings too, except ``true``/``false`` (YAML 1.2 booleans),
  ``null``/``~``/empty, and plain integers and decimals. ``NO``, ``yes``, ``on``
  and dates stay text (YAML 1.1 would have turned them into booleans and dates).
- **Duplicate keys** are an error naming both lines.
- **Depth:** a document nested more than ``MAX_DEPTH`` levels is a one-line
  error, never a ``RecursionError``.
- **One document per file**; explicit tags (``!!python/...``, ``!foo``) are refused.
- **Parsed once:** results are cached by path, modification time and size,
  and each call gets its own copy.

Every error is a :class:`DataFileError` whose message names the file and,
where there is one, the line.
"""
from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path

import yaml

from analysis.errors import DataFileError

MAX_YAML_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser where PyYAML was built with it
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_FLOAT_RE = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+")


def read_yaml(path: str | Path, *, what: str, max_bytes: int = MAX_YAML_BYTES):
    """The content of a YAML file (``None`` for an empty one), under the limits above."""
    return copy.deepcopy(_parsed(path, what=what, max_bytes=max_bytes)[0])


def read_yaml_lines(path: str | Path, *, what: str, max_bytes: int = MAX_YAML_BYTES) -> tuple[object, dict]:
    """The content of a YAML file, and the line (1-based) of each scalar value and key.

    The line map's keys are paths: ``("topics", "Trade", 2)`` is the third item
    under ``topics: Trade:``; a mapping key's own line is under its path too.
    """
    data, lines = _parsed(path, what=what, max_bytes=max_bytes)
    return copy.deepcopy(data), dict(lines)


def read_mapping(path: str | Path, *, what: str) -> dict:
    """A YAML file whose top level is a mapping (``{}`` when the file is empty)."""
    data = read_yaml(path, what=what)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: the {what} must be a YAML mapping (key: value lines), not a "
                            f"{_kind(data)}")
    return data


def read_section(path: str | Path, section: str, *, what: str) -> dict:
    """The mapping under ``section:`` of a YAML file; a clear :class:`DataFileError` when it is not there."""
    value = read_mapping(path, what=what).get(section)
    if not isinstance(value, dict) or not value:
        raise DataFileError(f"{path} must have a non-empty '{section}:' mapping")
    return value


def _parsed(path, *, what: str, max_bytes: int) -> tuple[object, dict]:
    path = Path(path)
    try:
        stat = path.stat()
    except FileNotFoundError as err:
        raise DataFileError(f"no {what} at {path}") from err
    except OSError as err:
        raise DataFileError(f"cannot read the {what} at {path}: {err.strerror or err}") from err
    if stat.st_size > max_bytes:
        raise DataFileError(f"{path}: the {what} is {stat.st_size:,} bytes, over the limit of {max_bytes:,}")
    return _parse_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size, what, max_bytes)


def read_capped(path: str | Path, *, max_bytes: int, what: str) -> bytes:
    """A data file's bytes, read no further than ``max_bytes``: a :class:`DataFileError` for a longer one. The
    size a file reports is not trusted (``/dev/zero`` or a pipe report 0 and never end)."""
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DataFileError(f"{path}: the {what} is over the limit of {max_bytes:,} bytes")
    return data


@lru_cache(maxsize=32)
def _parse_cached(path: str, _mtime_ns: int, _size: int, what: str, max_bytes: int) -> tuple[object, dict]:
    try:
        text = read_capped(path, max_bytes=max_bytes, what=what).decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataFileError(f"{path}: the {what} is not UTF-8 text (byte {err.start:,}); save it as UTF-8") from err
    except OSError as err:
        raise DataFileError(f"cannot read the {what} at {path}: {err.strerror or err}") from err
    return parse_yaml_text(text, source=path)


def parse_yaml_text(text: str, *, source: str = "<text>") -> tuple[object, dict]:
    """Parse YAML text under the rules above: ``(content, line map)``; errors name ``source``."""
    builder = _Builder(source)
    try:
        for event in yaml.parse(text, Loader=_Parser):
            builder.feed(event)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        if "nesting depth" in problem:  # PyYAML 6.0.4's own depth limit (libyaml's) can fire before ours
            raise DataFileError(f"{source}{where}: nested more than {MAX_DEPTH} levels") from None
        raise DataFileError(f"{source}{where}: not valid YAML: {problem}") from None
    return builder.result, builder.lines


class _Builder:
    """Builds Python values from parser events with an explicit stack (no recursion)."""

    def __init__(self, source: str):
        self.source = source
        self.stack: list[list] = []  # frames: [container, path, pending key or None, key line]
        self.result = None
        self.documents = 0
        self.lines: dict[tuple, int] = {}

    def feed(self, event) -> None:
        kind = type(event).__name__
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if kind == "DocumentStartEvent":
            self.documents += 1
            if self.documents > 1:
                self.fail(line, "holds more than one YAML document; keep one per file")
        elif kind == "AliasEvent":
            self.fail(line, "uses an alias (*name); anchors and aliases are not allowed in PressLens data files")
        elif kind in ("MappingStartEvent", "SequenceStartEvent"):
            self.check_node(event, line)
            if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None:
                self.fail(line, "uses a list or mapping as a key; keys must be plain text")
            if len(self.stack) >= MAX_DEPTH:
                self.fail(line, f"is nested more than {MAX_DEPTH} levels deep")
            container = {} if kind == "MappingStartEvent" else []
            path = self.add(container, line)
            self.stack.append([container, path, None, 0])
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            self.stack.pop()
        elif kind == "ScalarEvent":
            self.check_node(event, line)
            self.scalar(event, line)

    def check_node(self, event, line: int) -> None:
        if event.anchor is not None:
            self.fail(line, "defines an anchor (&name); anchors and aliases are not allowed in PressLens data files")
        tag = event.tag
        if tag is not None and tag not in ("!", "tag:yaml.org,2002:str"):
            self.fail(line, f"uses the tag {tag[:80]!s}; tags are not allowed in PressLens data files")

    def scalar(self, event, line: int) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame[0], dict) and frame[2] is None:
            key = event.value
            if key in frame[0]:
                first = self.lines.get((*frame[1], key), "?")
                self.fail(line, f"repeats the key {key[:60]!r} (first at line {first})")
            frame[2], frame[3] = key, line
            self.lines[(*frame[1], key)] = line
            return
        plain = event.style in (None, "") and event.tag is None and event.implicit[0]
        self.add(_resolve(event.value) if plain else event.value, line)

    def add(self, value, line: int) -> tuple:
        if not self.stack:
            self.result = value
            self.lines[()] = line
            return ()
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, dict):
            key, frame[2] = frame[2], None
            container[key] = value
            path = (*frame[1], key)
        else:
            path = (*frame[1], len(container))
            container.append(value)
        self.lines.setdefault(path, line)
        return path

    def fail(self, line: int, message: str):
        raise DataFileError(f"{self.source}, line {line}: {message}")


def _resolve(value: str):
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT_RE.fullmatch(value):
        return int(value.replace("_", ""))
    if _FLOAT_RE.fullmatch(value):
        return float(value.replace("_", ""))
    return value


def _kind(value) -> str:
    return {list: "list", str: "single text value"}.get(type(value), type(value).__name__)
