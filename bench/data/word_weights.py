"""Build ``data/word_weights.txt``: how rare each English word is, from the word counts TextBlob ships.

TextBlob's ``en/en-spelling.txt`` (from the Pattern library, BSD licence) counts about 29,000 words over public
domain books from Project Gutenberg and frequency lists from Wiktionary and the British National Corpus. A word's
weight is ``ln(N / (count + 20))``, N being the total count: the commonest words weigh about 2.6, a word seen once
about 10.9, and an unlisted word (``*``) as a word never seen. Story grouping (:mod:`analysis.stories.terms`) and
sentence comparison read it; the file ships, so nothing is computed at run time.

    .venv/bin/python bench/data/word_weights.py            # writes data/word_weights.txt
    .venv/bin/python bench/data/word_weights.py --check    # says whether the shipped file is identical
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import textblob

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "word_weights.txt"
SMOOTHING = 20


def build() -> str:
    counts: dict[str, int] = {}
    source = Path(textblob.__file__).parent / "en" / "en-spelling.txt"
    for line in source.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if line.startswith(";") or len(parts) != 2 or not parts[1].isdigit():
            continue
        word = parts[0].lower()
        counts[word] = counts.get(word, 0) + int(parts[1])
    total = sum(counts.values())
    lines = [
        "# How rare each English word is: ln(N / (count + 20)), N = the total count, from the word counts of",
        "# TextBlob's en/en-spelling.txt (Pattern library, BSD licence: Project Gutenberg books, Wiktionary and British",
        "# National Corpus frequency lists). Built by bench/data/word_weights.py; '*' is the weight of an unlisted word.",
        "# Format: word<TAB>weight, one a line.",
        f"*\t{math.log(total / SMOOTHING):.2f}",
    ]
    lines += [f"{word}\t{math.log(total / (n + SMOOTHING)):.2f}" for word, n in sorted(counts.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    text = build()
    if "--check" in sys.argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("identical" if same else "differs")
        sys.exit(0 if same else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10)) - 5:,} words")
