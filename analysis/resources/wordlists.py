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
  line (:func:`analysis.voices.names.lexicon.lexicon`);
- ``generic_nouns.txt``: nouns too general to stand for a topic, words separated by spaces
  (:func:`analysis.content.topics.provisional_codebook`).

One list is not ours: the part of speech of English words, from the Brill tagger's lexicon that TextBlob ships
(:func:`word_tags`).

To add a word list, put the file in ``data/`` with a header, give it a path constant beside its reader, and read
it with :func:`read_entries` (or :func:`read_word_list` for sections of words). Rules with structure (the
framing verbs' table, the YAML codebooks and markers) are not word lists: see :mod:`analysis.resources.datafiles`.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from analysis.paths import DATA_DIR

SPEECH_VERBS_TXT = DATA_DIR / "speech_verbs.txt"
GENERIC_NOUNS_TXT = DATA_DIR / "generic_nouns.txt"


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
        if len(words) >= 2 and words[1] in ("out", "on", "in"):  # two-word verbs: "point out pointed out …"
            forms.update(" ".join(words[i:i + 2]) for i in range(0, len(words) - 1, 2))
        else:
            forms.update(words)
    return tuple(sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def generic_nouns() -> frozenset[str]:
    """The nouns of ``data/generic_nouns.txt``: too general to stand for a topic ("work", "nobody", "estimate")."""
    return frozenset(w.lower() for line in read_entries(GENERIC_NOUNS_TXT) for w in line.split())


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """Each English word's commonest part of speech, as a Penn Treebank tag (``NN`` noun, ``NNS`` plural noun,
    ``NNP`` proper noun, ``VB…`` verb, ``JJ…`` adjective, ``RB…`` adverb): the lexicon of Eric Brill's tagger
    (1992; Brown corpus and Penn Treebank, MIT licence) that TextBlob ships as ``textblob/en/en-lexicon.txt``.

    Words are looked up as written ("march" is ``NN``, "March" ``NNP``). The file is found without importing
    TextBlob (which loads NLTK); without TextBlob the lexicon is empty and every word is untagged.
    """
    spec = importlib.util.find_spec("textblob")
    path = Path(spec.origin).parent / "en" / "en-lexicon.txt" if spec and spec.origin else None
    if path is None or not path.exists():
        return {}
    tags = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, tag = line.partition(" ")
        if word and tag and not line.startswith(";;;"):
            tags[word] = tag.strip()
    return tags
