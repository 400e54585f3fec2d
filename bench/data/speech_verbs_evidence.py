"""Evidence for data/speech_verbs.txt: which verbs attribute direct quotes in real news.

Counts the verb in the attribution that follows a closing quotation mark (``…" Koellmann said``,
``…" said Koellmann``, ``…" he added``) or introduces a quote (``Koellmann said: "…``) in the PerSenT
articles (read from ``$PERSENT_DIR``, never copied into the project). Prints the verbs seen at
least ``--min`` times, most frequent first, with the share of attributions each covers.

    .venv/bin/python bench/data/speech_verbs_evidence.py --min 3
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import persent_texts  # noqa: E402
_WHO = r"(?:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}|he|she|they|it|the\s+[a-z]+(?:\s+[a-z]+)?)"
_TAIL = ("in|on|at|to|during|after|of|with|about|from|via|last|this|yesterday|today|when|before|"
         "reporters|the|a|an|his|her|their|him|them|me|us|out|back|up")
_AFTER_SUBJECT = re.compile(rf"[\"”]\s*(?:{_WHO})\s+(?:also\s+|later\s+|then\s+)?([a-z]+(?:ed|s|d)|told|wrote|said|says|spoke)"
                            rf"(?=\s*[.,;]|\s+(?:{_TAIL})\b)")
_AFTER_VERB = re.compile(rf"[\"”]\s*([a-z]+(?:ed|s|d)|told|wrote|said|says)\s+(?:{_WHO})\b")
_BEFORE = re.compile(rf"(?:{_WHO})\s+([a-z]+(?:ed|s|d)|told|wrote|said|says)(?:\s+[a-z]+){{0,3}}\s*:\s*[\"“]")


def count_verbs(texts) -> Counter:
    counts: Counter = Counter()
    for text in texts:
        for pattern in (_AFTER_SUBJECT, _AFTER_VERB, _BEFORE):
            counts.update(m.group(1) for m in pattern.finditer(text))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=int, default=3)
    args = parser.parse_args()
    texts = persent_texts()
    counts = count_verbs(texts)
    total = sum(counts.values())
    print(f"{len(texts)} articles, {total} attributions")
    for verb, n in counts.most_common():
        if n >= args.min:
            print(f"{verb}\t{n}\t{100 * n / total:.2f}%")


if __name__ == "__main__":
    main()
