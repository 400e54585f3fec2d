"""Build a voices label set from annotated articles: the article files and ``labels.jsonl``.

An annotated article is the article's text with a tag right after each labelled sentence::

    "We will win," Mr Blair said.{{Q Tony Blair}} Talks went on.{{N}} The "war on terror" goes on.{{N scare}}

- ``{{Q name}}`` quote, ``{{M name}}`` mixed (the outlet's words with quoted speech), the canonical speaker
  after the letter; no name means the sentence names nobody (``speaker: null``). ``{{Q Tony Blair|Blair's
  office}}`` adds accepted alternatives after ``|``.
- ``{{N}}`` narration; ``{{N scare}}``, ``{{N title}}``, ``{{N measurement}}``, ``{{N apostrophe}}`` name the
  marks it holds that are not speech.
- ``{{-}}`` ends an unlabelled stretch (a dateline, a headline) so that the next label starts after it.

A labelled sentence is the text between the previous tag (or the start of its line) and its tag, stripped.
The article file is the text with the tags removed. Every labelled sentence is checked against the article's
cleaned text (``load_corpus``), so that the labels and the evaluation (``bench/eval/voices.py``) agree.

    .venv/bin/python bench/data/voices_labels.py tests/fixtures/voices/dev
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAG_RE = re.compile(r"\{\{([^{}]*)\}\}")
_KINDS = {"Q": "quote", "M": "mixed", "N": "narration"}


def parse_tag(tag: str) -> dict | None:
    """``"Q Tony Blair|Blair"`` → voice, marks, speaker, accept; ``"-"`` → None."""
    tag = tag.strip()
    if tag == "-":
        return None
    kind, _, rest = tag.partition(" ")
    if kind not in _KINDS:
        raise ValueError(f"unknown tag {{{{{tag}}}}}: it must start with Q, M, N or be -")
    voice = _KINDS[kind]
    if voice == "narration":
        return {"voice": voice, "marks": rest.strip() or "none", "speaker": None}
    names = [n.strip() for n in rest.split("|") if n.strip()]
    label = {"voice": voice, "marks": "speech", "speaker": names[0] if names else None}
    if len(names) > 1:
        label["accept"] = names[1:]
    return label


def strip_annotations(annotated: str) -> tuple[str, list[dict]]:
    """The plain article text and its labels (sentence text, voice, marks, speaker, accept)."""
    plain, labels, cursor, segment_start = [], [], 0, 0
    for match in TAG_RE.finditer(annotated):
        piece = annotated[cursor:match.start()]
        plain.append(piece)
        line_start = piece.rfind("\n")
        sentence_from = cursor + line_start + 1 if line_start >= 0 else segment_start
        sentence = annotated[sentence_from:match.start()].strip()
        label = parse_tag(match.group(1))
        if label is not None:
            if not sentence:
                raise ValueError(f"empty sentence before {match.group(0)} at character {match.start()}")
            labels.append({"sentence": TAG_RE.sub("", sentence), **label})
        cursor = segment_start = match.end()
    plain.append(annotated[cursor:])
    return "".join(plain), labels


def build(folder: Path) -> int:
    """Write ``articles/*.txt`` and ``labels.jsonl`` from ``annotated/*.txt``; return the number of labels."""
    from analysis import load_corpus

    (folder / "articles").mkdir(exist_ok=True)
    out = []
    for source in sorted((folder / "annotated").glob("*.txt")):
        text, labels = strip_annotations(source.read_text(encoding="utf-8"))
        article = folder / "articles" / source.name
        article.write_text(text, encoding="utf-8")
        cleaned = load_corpus(article).articles["text"].iloc[0]
        for label in labels:
            if label["sentence"] not in cleaned:  # the cleaner collapses runs of spaces
                label["sentence"] = re.sub(r"[ \t]+", " ", label["sentence"])
            if label["sentence"] not in cleaned:
                raise ValueError(f"{source}: not in the cleaned text: {label['sentence'][:90]!r}")
            out.append({"file": article.relative_to(ROOT).as_posix(), **label})
    lines = [json.dumps(label, ensure_ascii=False) for label in out]
    (folder / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a label set folder holding annotated/")
    args = parser.parse_args(argv)
    n = build(args.folder.resolve())
    print(f"{n} labels in {args.folder / 'labels.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
