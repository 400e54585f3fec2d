"""How often a legacy-encoded news article decodes back to its text: this checkout against an earlier commit.

    .venv/bin/python bench/eval/decoding.py [--against REV] CSV [CSV ...]

Each CSV has a DOCUMENT column of news articles (e.g. the PerSenT set in ../shared/data/persent). Every
article that has a character beyond ASCII, and that each code page can encode, is encoded with it and
decoded with ``decode_bytes``; the table gives the share that comes back exactly, and how many of the
exact ones were called ``likely`` rather than a ``guess``. Articles whose text already holds C1 control
characters (mojibake in the source) are left out.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from analysis.corpus.decode import decode_bytes
from analysis.paths import PROJECT_ROOT

CODE_PAGES = ("cp1252", "cp1250", "mac_roman")  # latin-1 reads bytes A0-FF as cp1252 does
C1_RE = re.compile("[\u0080-\u009f]")


def old_decoder(rev: str, folder: Path):
    """``decode_bytes`` as it was at ``rev`` (``analysis/corpus/decode.py``, before the layers ``analysis/decode.py``:
    it imports no other PressLens module, so the file alone runs)."""
    shown = [subprocess.run(["git", "show", f"{rev}:{name}"], cwd=PROJECT_ROOT, capture_output=True, text=True)
             for name in ("analysis/corpus/decode.py", "analysis/decode.py")]
    source = next(s.stdout for s in shown if s.returncode == 0)
    path = folder / "old_decode.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_decode", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_decode"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.decode_bytes


def encodable(texts: list[str], encoding: str) -> list[tuple[str, bytes]]:
    out = []
    for text in texts:
        if text.isascii():
            continue
        try:
            out.append((text, text.encode(encoding)))
        except UnicodeEncodeError:
            continue
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csvs", nargs="+", type=Path)
    parser.add_argument("--against", default="b21d8f1")
    args = parser.parse_args()
    texts = [t for path in args.csvs for t in pd.read_csv(path)["DOCUMENT"].dropna()]
    # Line ends as the decoder leaves them; no C1 control characters (mojibake already in the source text).
    texts = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts if not C1_RE.search(t)]
    with tempfile.TemporaryDirectory() as folder:
        decoders = {args.against: old_decoder(args.against, Path(folder)), "this checkout": decode_bytes}
        print("| code page | articles | " + " | ".join(f"exact, {label}" for label in decoders) + " | likely |")
        print("|---|---|" + "---|" * (len(decoders) + 1))
        for encoding in CODE_PAGES:
            pairs = encodable(texts, encoding)
            exact = {label: [d for d in (fn(data) for _, data in pairs)] for label, fn in decoders.items()}
            shares = [sum(d.text == t for d, (t, _) in zip(exact[label], pairs)) / max(len(pairs), 1)
                      for label in decoders]
            likely = sum(d.text == t and getattr(d, "confidence", "") == "likely"
                         for d, (t, _) in zip(exact["this checkout"], pairs))
            print(f"| {encoding} | {len(pairs)} | " + " | ".join(f"{s:.1%}" for s in shares) + f" | {likely} |")


if __name__ == "__main__":
    sys.exit(main())
