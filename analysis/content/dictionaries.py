"""Dictionaries (codebooks) in the formats researchers bring, read into one :class:`Codebook`.

A dictionary maps keys (topics, categories, tone poles) to patterns. The
format is told by the file's extension and confirmed by its content:

==================  =========================================================
``.yml``/``.yaml``  PressLens's ``topics:`` YAML (optionally with ``match:``),
                    or quanteda's YAML: a flat or nested mapping with no
                    wrapper key, where a nested key becomes ``parent.child``
                    (as quanteda flattens it).
``.dic``            LIWC: a ``%`` block of numbered categories (tab-indented
                    ones are nested), then ``word<TAB>id id ...`` lines.
``.lc3``            Lexicoder 3: ``+category`` lines, each followed by its
                    patterns, one a line.
``.lcd``            Lexicoder 2: ``+category`` lines as in ``.lc3``, or the
                    Yoshikoder XML that Lexicoder 2 also wrote (``.ykd``).
``.cat``            WordStat: category lines, then their words indented by a
                    tab and ending in a weight, ``WORD (1)``; nested
                    categories become ``PARENT.CHILD``.
==================  =========================================================

Any other extension is recognised from the content. Text is read as UTF-8
(with or without a byte-order mark, or UTF-16 with one); a file that is not
UTF-8 but reads as Windows-1252 (as many LIWC and WordStat files do) is read
so, with a warning; anything else is an error naming the line.

Validation, with one-line errors that name the file and the line: unreadable
or malformed lines in each format, duplicate keys, empty categories, globs
with too few letters, regular expressions that are invalid or could take
exponential time. Patterns that no word can match (punctuation, emoticons
such as ``:)``, "24/7") are skipped with one warning that lists them, so that
a real LIWC or WordStat file still loads. See :mod:`analysis.content.matcher` for
what a pattern matches.
"""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from xml.parsers import expat

from analysis.content.matcher import MATCH_TYPES, Matcher, NotAWordError, PatternError, pattern_alternatives
from analysis.errors import DataFileError
from analysis.resources.datafiles import read_capped, read_yaml_lines

MAX_DICTIONARY_BYTES = 32 * 1024 * 1024
_YAML_META = frozenset({"match", "description", "name", "notes", "source", "licence", "license"})
# The word is greedy up to its last non-space: a lazy word (.*?) before \s* tries every length against every run
# of spaces, quadratic in a line of spaces (tests/test_patterns.py).
_WEIGHT_RE = re.compile(r"^(?P<word>(?:.*\S)?)\s*\((?P<weight>[-+]?\d+(?:\.\d+)?)\)$")
_LIWC_CATEGORY_RE = re.compile(r"(?P<id>\d+)\s+(?P<name>\S.*)")


class Codebook(Mapping):
    """A validated dictionary: ``{key: [pattern, ...]}`` that also carries its match type.

    Use it wherever a ``dict[str, list[str]]`` codebook is taken. ``match``
    is ``"glob"``, ``"regex"`` or ``"fixed"``; ``source`` names the file in
    messages; ``line_of(key, pattern)`` gives the line a pattern came from.
    ``provisional`` marks a codebook PressLens built from the corpus itself,
    and ``note`` says how.
    """

    def __init__(self, entries: Mapping[str, Sequence[str]], *, match: str = "glob", source: str = "codebook",
                 lines: Mapping[tuple[str, str], int] | None = None, format: str = "mapping",
                 provisional: bool = False, note: str = ""):
        if match not in MATCH_TYPES:
            raise DataFileError(f"{source}: the match type must be one of {', '.join(MATCH_TYPES)}, not {match!r:.60}")
        self.match, self.source, self.format = match, str(source), format
        self.provisional, self.note = provisional, note
        self._lines = dict(lines or {})
        self._entries = {key: list(dict.fromkeys(patterns)) for key, patterns in entries.items()}
        self._matchers: dict[str, Matcher] = {}
        self._validate()

    def __getitem__(self, key: str) -> list[str]:
        return list(self._entries[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return (f"Codebook({len(self)} keys, {sum(map(len, self._entries.values()))} patterns, "
                f"match={self.match!r}, from {self.source!r})")

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_matchers"] = {}
        return state

    def line_of(self, key: str, pattern: str | None = None) -> int | None:
        """The line of the file where ``key`` (or its ``pattern``) was written, when known."""
        return self._lines.get((key, pattern))

    def matcher(self, *, scope: str = "key") -> Matcher:
        """The compiled :class:`analysis.content.matcher.Matcher` of this codebook (built once per scope)."""
        if scope not in self._matchers:
            self._matchers[scope] = Matcher(self._entries, match=self.match, scope=scope)
        return self._matchers[scope]

    def where(self, key: str, pattern: str | None = None) -> str:
        """``"file, line N"`` (or just the file) for messages."""
        line = self.line_of(key, pattern) or self.line_of(key)
        return f"{self.source}, line {line}" if line else self.source

    def _validate(self) -> None:
        skipped: list[str] = []
        for key, patterns in self._entries.items():
            if not isinstance(key, str) or not key.strip():
                raise DataFileError(f"{self.where(key)}: every key needs a name; found {key!r:.60}")
            if not patterns:
                raise DataFileError(f"{self.where(key)}: the category {key!r:.60} has no patterns")
            usable = [p for p in patterns if self._usable(key, p, skipped)]
            if not usable:
                raise DataFileError(f"{self.where(key)}: the category {key!r:.60} has no pattern that can match a word")
            self._entries[key] = usable
        if skipped:
            more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
            warnings.warn(f"{self.source}: skipped {len(skipped)} patterns that no word can match (punctuation or "
                          f"symbols): {'; '.join(skipped[:5])}{more}", UserWarning, stacklevel=4)

    def _usable(self, key: str, pattern, skipped: list[str]) -> bool:
        """Whether a pattern can be used; unusable ones are errors, except those no word can match (skipped)."""
        if not isinstance(pattern, str) or not pattern.strip():
            raise DataFileError(f"{self.where(key, pattern)}: {key!r:.60} has an empty or non-text pattern: "
                                f"{str(pattern)[:60]!r}")
        try:
            pattern_alternatives(pattern, match=self.match)
        except NotAWordError:
            line = self.line_of(key, pattern)
            skipped.append(f"{pattern[:40]!r}" + (f" (line {line})" if line else ""))
            return False
        except PatternError as err:
            raise DataFileError(f"{self.where(key, pattern)}: {key!r:.60}, pattern {pattern[:80]!r}: {err}") from None
        return True


def as_codebook(codebook, *, match: str | None = None) -> Codebook:
    """A :class:`Codebook` from a Codebook, a ``{key: [patterns]}`` mapping, or a path to a file."""
    if isinstance(codebook, Codebook):
        return codebook
    if isinstance(codebook, (str, Path)):
        return load_dictionary(codebook, match=match)
    if isinstance(codebook, Mapping):
        return Codebook({str(k): [str(p) for p in v] if isinstance(v, (list, tuple)) else [v]
                         for k, v in codebook.items()}, match=match or "glob")
    raise TypeError(f"a codebook is a file path, a Codebook or a mapping of key to patterns, "
                    f"not {type(codebook).__name__}")


def load_dictionary(path: str | Path, *, match: str | None = None, format: str | None = None,
                    encoding: str | None = None) -> Codebook:
    """Read a dictionary file in any supported format (see the module docstring).

    ``match`` overrides the file's match type (``glob`` unless a PressLens YAML
    says ``match:``); ``format`` (``yaml``, ``liwc``, ``lexicoder``,
    ``yoshikoder``, ``wordstat``) overrides detection; ``encoding`` overrides
    the UTF-8/Windows-1252 rule for the text formats.
    """
    path = Path(path)
    kind = format or detect_format(path, encoding=encoding)
    readers = {"yaml": _read_yaml, "liwc": _read_liwc, "lexicoder": _read_lexicoder,
               "yoshikoder": _read_yoshikoder, "wordstat": _read_wordstat}
    if kind not in readers:
        raise DataFileError(f"{path}: unknown dictionary format {kind!r}; use one of {', '.join(readers)}")
    entries, file_match = readers[kind](path, encoding=encoding)
    return _build(entries, match=match or file_match or "glob", source=str(path), format=kind)


def detect_format(path: Path, *, encoding: str | None = None) -> str:
    """The format of a dictionary file, from its extension and, where that is not enough, its content."""
    suffix = path.suffix.lower()
    by_suffix = {".yml": "yaml", ".yaml": "yaml", ".dic": "liwc", ".lc3": "lexicoder", ".cat": "wordstat",
                 ".ykd": "yoshikoder"}
    if suffix in by_suffix:
        return by_suffix[suffix]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the reader warns about the encoding, once
        lines = [line.strip() for line in read_text(path, encoding=encoding).splitlines() if line.strip()]
    first = lines[0] if lines else ""
    if first.startswith("<"):
        return "yoshikoder"
    if first.startswith("+"):
        return "lexicoder"
    if suffix == ".lcd":
        raise DataFileError(f"{path}, line 1: a Lexicoder .lcd file starts with a +category line or with XML")
    if first == "%":
        return "liwc"
    if any(_WEIGHT_RE.match(line) for line in lines[:50]):
        return "wordstat"
    if ":" in first:
        return "yaml"
    raise DataFileError(f"{path}: cannot tell the dictionary format; name the file .yml, .dic (LIWC), "
                        ".lc3/.lcd (Lexicoder) or .cat (WordStat)")


def read_text(path: Path, *, encoding: str | None = None) -> str:
    """A dictionary file's text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 with a warning."""
    try:
        size = path.stat().st_size
        if size > MAX_DICTIONARY_BYTES:
            raise DataFileError(f"{path}: {size:,} bytes is over the limit of {MAX_DICTIONARY_BYTES:,} for a "
                                "dictionary")
        data = read_capped(path, max_bytes=MAX_DICTIONARY_BYTES, what="dictionary")
    except FileNotFoundError as err:
        raise DataFileError(f"no dictionary at {path}") from err
    except OSError as err:
        raise DataFileError(f"cannot read the dictionary at {path}: {err.strerror or err}") from err
    if encoding:
        return _decode(path, data, encoding)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(path, data, "utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad_line = data.count(b"\n", 0, err.start) + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DataFileError(f"{path}, line {bad_line}: neither UTF-8 nor Windows-1252; save the file as UTF-8 "
                            "or give its encoding") from None
    warnings.warn(f"{path} is not UTF-8 (line {bad_line}); read it as Windows-1252", UserWarning, stacklevel=3)
    return text


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except (UnicodeDecodeError, LookupError) as err:
        raise DataFileError(f"{path}: cannot decode as {encoding}: {err}") from None


def _build(entries: list[tuple[str, str, int]], *, match: str, source: str, format: str) -> Codebook:
    """A Codebook from ``(key, pattern, line)`` triples; ``pattern`` None declares a key (its line)."""
    grouped: dict[str, list[str]] = {}
    lines: dict[tuple[str, str | None], int] = {}
    for key, pattern, line in entries:
        grouped.setdefault(key, [])
        if pattern is None:
            lines.setdefault((key, None), line)
            continue
        lines.setdefault((key, pattern), line)
        lines.setdefault((key, None), line)
        grouped[key].append(pattern)
    if not grouped:
        raise DataFileError(f"{source}: the dictionary has no categories")
    return Codebook(grouped, match=match, source=source, lines=lines, format=format)


# --- YAML ---------------------------------------------------------------------------------------------------

def _read_yaml(path: Path, *, encoding: str | None = None) -> tuple[list, str | None]:
    data, lines = read_yaml_lines(path, what="dictionary")
    if not isinstance(data, dict) or not data:
        raise DataFileError(f"{path}, line {lines.get((), 1)}: a dictionary must be a non-empty YAML mapping of "
                            "categories to lists of patterns")
    wrapped = "topics" in data and set(data) <= _YAML_META | {"topics"}
    if wrapped and (not isinstance(data["topics"], dict) or not data["topics"]):
        raise DataFileError(f"{path}, line {lines.get(('topics',), 1)}: must have a non-empty 'topics:' mapping of "
                            "topics to lists of patterns")
    match = data.get("match") if wrapped else None
    if match is not None and match not in MATCH_TYPES:
        raise DataFileError(f"{path}, line {lines.get(('match',), '?')}: match must be one of "
                            f"{', '.join(MATCH_TYPES)}, not {match!r:.60}")
    root, prefix = (data["topics"], ("topics",)) if wrapped else (data, ())
    return list(_yaml_entries(path, root, prefix, lines, parent="")), match


def _yaml_entries(path: Path, node: dict, at: tuple, lines: dict, *, parent: str):
    for name, value in node.items():
        key = f"{parent}.{name}" if parent else name
        here = (*at, name)
        line = lines.get(here, "?")
        if isinstance(value, dict):
            if not value:
                raise DataFileError(f"{path}, line {line}: the category {key!r:.60} is empty")
            yield from _yaml_entries(path, value, here, lines, parent=key)
            continue
        values = value if isinstance(value, list) else [value]
        if not values or value is None:
            raise DataFileError(f"{path}, line {line}: the category {key!r:.60} has no patterns")
        yield key, None, line
        for i, pattern in enumerate(values):
            where = lines.get((*here, i), line) if isinstance(value, list) else line
            if isinstance(pattern, bool) or pattern is None or isinstance(pattern, (list, dict)):
                raise DataFileError(f"{path}, line {where}: {key!r:.60} has a pattern that is not text: {pattern!r:.40}")
            yield key, str(pattern).strip(), where


# --- LIWC -----------------------------------------------------------------------------------------------

def _read_liwc(path: Path, *, encoding: str | None = None) -> tuple[list, None]:
    lines = read_text(path, encoding=encoding).splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if len(marks) < 2 or marks[0] != first:
        raise DataFileError(f"{path}, line {first + 1}: a LIWC dictionary opens with a category block between "
                            "two lines holding only %")
    names = _liwc_categories(path, lines, marks[0], marks[1])
    entries = [(name, None, line) for name, line in names.values()]
    skipped = []
    for i in range(marks[1] + 1, len(lines)):
        text = lines[i].strip()
        if not text:
            continue
        if "<of>" in text or any(c in field for field in text.split()[1:] for c in "()/"):
            skipped.append(i + 1)
            continue
        entries.extend(_liwc_word(path, text, i + 1, names))
    if skipped:
        warnings.warn(f"{path}: skipped {len(skipped)} LIWC conditional entries (lines "
                      f"{', '.join(map(str, skipped[:5]))}{', …' if len(skipped) > 5 else ''}); PressLens does not "
                      "read <of> and bracketed conditions", UserWarning, stacklevel=3)
    return _only_filled(path, entries), None


def _liwc_categories(path: Path, lines: list[str], first: int, last: int) -> dict[str, tuple[str, int]]:
    names: dict[str, tuple[str, int]] = {}
    parents: list[tuple[int, str]] = []
    seen_names: dict[str, int] = {}
    for i in range(first + 1, last):
        raw = lines[i]
        if not raw.strip():
            continue
        found = _LIWC_CATEGORY_RE.fullmatch(raw.strip())
        if not found:
            raise DataFileError(f"{path}, line {i + 1}: a LIWC category line is a number and a name, "
                                f"not {raw.strip()[:60]!r}")
        depth = len(raw) - len(raw.lstrip("\t"))
        while parents and parents[-1][0] >= depth:
            parents.pop()
        name = ".".join([p for _, p in parents] + [found["name"].strip()])
        parents.append((depth, name))
        number = found["id"].lstrip("0") or "0"
        if number in names:
            raise DataFileError(f"{path}, line {i + 1}: category number {found['id']} is defined twice "
                                f"(first at line {names[number][1]})")
        if name in seen_names:
            raise DataFileError(f"{path}, line {i + 1}: category {name!r:.60} is defined twice (first at line "
                                f"{seen_names[name]})")
        names[number], seen_names[name] = (name, i + 1), i + 1
    if not names:
        raise DataFileError(f"{path}, line {first + 1}: the LIWC category block is empty")
    return names


def _liwc_word(path: Path, text: str, line: int, names: dict) -> Iterator[tuple[str, str, int]]:
    fields = text.split()
    split = len(fields)
    while split > 0 and fields[split - 1].isdigit():
        split -= 1
    word, ids = " ".join(fields[:split]), fields[split:]
    if not word or not ids:
        raise DataFileError(f"{path}, line {line}: a LIWC entry is a word followed by category numbers, "
                            f"not {text[:60]!r}")
    for number in ids:
        category = names.get(number.lstrip("0") or "0")
        if category is None:
            raise DataFileError(f"{path}, line {line}: {word!r:.60} names category {number}, which the % block does "
                                "not define")
        yield category[0], word, line


# --- Lexicoder -------------------------------------------------------------------------------------------

def _read_lexicoder(path: Path, *, encoding: str | None = None) -> tuple[list, None]:
    entries, key, declared = [], None, {}
    for i, raw in enumerate(read_text(path, encoding=encoding).splitlines(), start=1):
        text = raw.strip()
        if not text:
            continue
        if text.startswith("+"):
            key = text[1:].strip()
            if not key:
                raise DataFileError(f"{path}, line {i}: a + line needs a category name")
            if key in declared:
                raise DataFileError(f"{path}, line {i}: the category {key!r:.60} appears twice (first at line "
                                    f"{declared[key]})")
            declared[key] = i
            entries.append((key, None, i))
        elif key is None:
            raise DataFileError(f"{path}, line {i}: {text[:60]!r} comes before the first +category line")
        else:
            entries.append((key, text, i))
    return _only_filled(path, entries), None


def _only_filled(path: Path, entries: list[tuple[str, str | None, int]]) -> list[tuple[str, str | None, int]]:
    """Check that every category has patterns (itself or through nested ones); drop pure parents."""
    filled = {key for key, pattern, _ in entries if pattern is not None}
    for key, pattern, line in entries:
        if pattern is None and key not in filled and not any(k.startswith(key + ".") for k in filled):
            raise DataFileError(f"{path}, line {line}: the category {key!r:.60} has no patterns")
    return [e for e in entries if e[1] is not None or e[0] in filled]


# --- Yoshikoder XML (.ykd, and Lexicoder 2 .lcd) -------------------------------------------------------

def _read_yoshikoder(path: Path, *, encoding: str | None = None) -> tuple[list, None]:
    """Nested ``<cnode name=…>`` categories holding ``<pnode name=…/>`` patterns; the outermost cnode
    (the dictionary itself) gives no part of the key, as in quanteda."""
    text = read_text(path, encoding=encoding)
    entries: list[tuple[str, str | None, int]] = []
    stack: list[str] = []
    parser = expat.ParserCreate()

    def key() -> str:
        return ".".join(stack[1:]) or stack[0]

    def refuse(*_args):
        raise DataFileError(f"{path}, line {parser.CurrentLineNumber}: DTDs and entities are not allowed in a "
                            "dictionary file")

    def start(tag, attrs):
        name, line = (attrs.get("name") or "").strip(), parser.CurrentLineNumber
        if tag == "cnode":
            stack.append(name)
            if len(stack) > 1:
                entries.append((key(), None, line))
        elif tag == "pnode":
            if not stack:
                raise DataFileError(f"{path}, line {line}: a <pnode> outside any <cnode>")
            entries.append((key(), name, line))

    def end(tag):
        if tag == "cnode":
            stack.pop()

    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = refuse
    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        parser.Parse(text, True)
    except expat.ExpatError as err:
        raise DataFileError(f"{path}, line {err.lineno}: not valid XML: {expat.errors.messages[err.code]}") from None
    return _only_filled(path, entries), None


# --- WordStat --------------------------------------------------------------------------------------------

def _read_wordstat(path: Path, *, encoding: str | None = None) -> tuple[list, None]:
    rows = [(i, raw.rstrip()) for i, raw in enumerate(read_text(path, encoding=encoding).splitlines(), start=1)
            if raw.strip()]
    weighted = any(_WEIGHT_RE.match(text.strip()) for _, text in rows)
    entries, parents, declared = [], [], {}  # parents: (indentation, key)
    for n, (i, raw) in enumerate(rows):
        indent = len(raw) - len(raw.lstrip())
        text = raw.strip()
        while parents and parents[-1][0] >= indent:
            parents.pop()
        found = _WEIGHT_RE.match(text)
        next_indent = len(rows[n + 1][1]) - len(rows[n + 1][1].lstrip()) if n + 1 < len(rows) else -1
        is_word = bool(found) if weighted else next_indent <= indent and bool(parents)
        if is_word:
            if not parents:
                raise DataFileError(f"{path}, line {i}: {text[:60]!r} comes before any category line")
            word = (found["word"] if found else text).replace("_", " ").strip()
            entries.append((parents[-1][1], word, i))
        else:
            key = ".".join([p for _, p in parents] + [text])
            if key in declared:
                raise DataFileError(f"{path}, line {i}: the category {key!r:.60} appears twice (first at line "
                                    f"{declared[key]})")
            declared[key] = i
            parents.append((indent, key))
            entries.append((key, None, i))
    return _only_filled(path, entries), None
