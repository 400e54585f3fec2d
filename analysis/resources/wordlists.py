"""The plain word lists of ``data/`` (``*.txt``), every one read the same way by :func:`read_entries`.

A word-list file is UTF-8 text with one entry per line. ``#`` starts a comment that runs to the end of its
line, and blank lines are skipped; what is left of each line, stripped, is an entry. Each list's header says
what its entries are and where they came from. The meaning of an entry belongs to the module that uses the
list:

- ``function_words.txt`` and ``news_stopwords.txt``: words separated by spaces, in ``[section]``\\s
  (:func:`read_word_list`; :mod:`analysis.text.tokens`);
- ``abbreviations.txt``: one abbreviation a line, ``!`` before one that may also end a sentence
  (:func:`analysis.text.segment.load_abbreviations`);
- ``speech_verbs.txt``: the forms of one verb a line (:func:`speech_verbs`);
- ``places.txt``, ``demonyms.txt`` and ``given_names.txt`` (a name, a space, ``m`` or ``f``): one name a
  line (:func:`analysis.voices.names.lexicon.lexicon`).

To add a word list, put the file in ``data/`` with a header, give it a path constant beside its reader, and read
it with :func:`read_entries` (or :func:`read_word_list` for sections of words). Rules with structure (the
framing verbs' table, the YAML codebooks and markers) are not word lists: see :mod:`analysis.resources.datafiles`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analysis.paths import DATA_DIR

SPEECH_VERBS_TXT = DATA_DIR / "speech_verbs.txt"


def read_entries(path: str | Path) -> list[str]:
    """The entries of a word-list file, in order: each line without its comment, stripped; blank lines skipped."""
    entries = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return entries


def read_word_list(path: str | Path) -> dict[str, frozenset[str]]:
    """A word-list file of sections: ``{section: words}``. ``[name]`` lines open a section (the first is ``""``);
    words are separated by white space and lower-cased, curly apostrophes made straight."""
    sections: dict[str, set[str]] = {"": set()}
    current = ""
    for line in read_entries(path):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, set())
        else:
            sections[current].update(w.lower().replace("\u2019", "'") for w in line.split())
    return {name: frozenset(found) for name, found in sections.items()}


@lru_cache(maxsize=1)
def speech_verbs() -> tuple[str, ...]:
    """Every form of every speech verb of ``data/speech_verbs.txt``, longest first."""
    forms: set[str] = set()
    for line in read_entries(SPEECH_VERBS_TXT):
        words = line.split()
        if len(words) >= 2 and words[1] in ("out", "on", "in", "back"):  # two-word verbs: "point out pointed out …"
            forms.update(" ".join(words[i:i + 2]) for i in range(0, len(words) - 1, 2))
        else:
            forms.update(words)
    return tuple(sorted(forms, key=len, reverse=True))
