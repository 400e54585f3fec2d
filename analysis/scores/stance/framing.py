"""The data the stance evidence is read with: the framing list and VADER's lexicon.

``data/framing_verbs.tsv`` (:func:`load_framing_verbs`) lists event words (valued for their doer and their
target, from -2 to +2), reporting verbs and nouns; :class:`Framing` looks words up through their English lemma.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from analysis.errors import DataFileError
from analysis.paths import FRAMING_VERBS_TSV
from analysis.scores.sentiment import vader_analyzer
from analysis.text.lemmas import lemma


@dataclass(frozen=True)
class Frame:
    """One entry of the framing list: its kind and values toward the doer and the target (-2 … +2)."""

    kind: str
    doer: float
    target: float


class Framing(dict):
    """The framing list as ``{word: {kind: Frame}}`` (a word may be both an event verb and a noun), with
    memoised look-ups of inflected words (through simplemma's English lemmas)."""

    def __init__(self, entries=()):
        super().__init__(entries)
        self._frames: dict[str, dict[str, Frame] | None] = {}
        self._values: dict[str, float] = {}
        self._hits: dict[str, bool] = {}

    def frames_of(self, word: str) -> dict[str, Frame] | None:
        """The entries of ``word`` or of its lemma ("accused" → "accuse"), or None."""
        if word not in self._frames:
            found = self.get(word)
            if found is None and len(word) > 3 and word[0].isalpha():
                found = self.get(lemma(word))
            self._frames[word] = found
        return self._frames[word]

    def entry_of(self, word: str) -> str | None:
        """The listed word that ``word`` is read as: itself, or its lemma ("accused" → "accuse"); None if neither
        is listed."""
        if self.frames_of(word) is None:
            return None
        return word if word in self else lemma(word)

    def is_hit(self, word: str) -> bool:
        """Whether ``word`` is in VADER's lexicon or the framing list: the only words evidence can come from."""
        if word not in self._hits:
            self._hits[word] = word in vader_lexicon() or self.frames_of(word) is not None
        return self._hits[word]

    def event_value(self, word: str) -> float:
        """The mean of a word's non-zero doer and target values (event and noun entries) ÷ 2; 0 if none."""
        if word not in self._values:
            values = [v for frame in (self.frames_of(word) or {}).values() if frame.kind != "speech"
                      for v in (frame.doer, frame.target) if v]
            self._values[word] = sum(values) / len(values) / 2 if values else 0.0
        return self._values[word]


@lru_cache(maxsize=4)
def load_framing_verbs(path: str | Path = FRAMING_VERBS_TSV) -> Framing:
    """Read the framing list (``data/framing_verbs.tsv``): a :class:`Framing`. Clear errors name the line."""
    path = Path(path)
    out = Framing()
    lines = path.read_text(encoding="utf-8").splitlines()
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = cells == ["word", "kind", "doer", "target"]
            if not header_seen:
                raise DataFileError(f"{path}:{number}: expected the header 'word kind doer target' (tabs)")
            continue
        out.setdefault(cells[0].lower(), {}).update({cells[1]: _frame(cells, path, number)})
    return out


def _frame(cells: list[str], path: Path, number: int) -> Frame:
    if len(cells) != 4 or cells[1] not in ("event", "speech", "noun"):
        raise DataFileError(f"{path}:{number}: need 4 tab-separated cells with kind event, speech or noun")
    try:
        doer, target = float(cells[2]), float(cells[3])
    except ValueError as err:
        raise DataFileError(f"{path}:{number}: doer and target must be numbers from -2 to 2") from err
    if not (-2 <= doer <= 2 and -2 <= target <= 2):
        raise DataFileError(f"{path}:{number}: doer and target must be numbers from -2 to 2")
    return Frame(cells[1], doer, target)


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """VADER's lexicon: ``{word: valence}`` (valences from -4 to +4)."""
    return vader_analyzer().lexicon

