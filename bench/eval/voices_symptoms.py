"""The symptoms of issue 10 on real news, before and after: quote marks and voices that disagree, speakers.

On the PerSenT articles (``/work/shared/data/persent/*.csv``, read from there), counts per version:

- sentences that open with a quotation mark but are labelled ``narration`` (a quote read as narration);
- sentences of a paragraph with no quotation mark at all labelled ``quote`` or ``mixed`` (narration read as a
  quote: marks paired across paragraphs the wrong way);
- of the speech sentences: the share with a named speaker, ``unknown`` or none, and how many speakers are a
  bare pronoun ("He") or a fragment that is no name (starting with a lower-case word or "The").

No labels are involved: these are consistency counts, not accuracy. Accuracy is ``bench/eval/voices.py``.

    .venv/bin/python bench/eval/voices_symptoms.py [--before REF]
    .venv/bin/python bench/eval/voices_symptoms.py --sample 40   # print attributed sentences to read by hand
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/, for common.py
from common import ROOT, checkout, make_corpora, persent_texts  # noqa: E402

_SNIPPET = r"""
import json, re, sys
from analysis import load_corpus, split_sentences
s = split_sentences(load_corpus(sys.argv[1], progress=False).articles)
opens = s["text"].str.match(r"^\s*[\"“«„「‘]")
marks = s["text"].str.contains(r"[\"“”«»„「」‘’]")
paragraph_marks = marks.groupby([s["article_id"], s["paragraph_no"]]).transform("any")
speech = s["voice"].isin(["quote", "mixed"])
speaker = s.loc[speech, "speaker"]
named = speaker.notna() & (speaker != "unknown")
pronoun = speaker.isin(["he", "she", "they", "He", "She", "They", "it", "It"])
fragment = speaker.fillna("").str.match(r"^(?:[a-z]|The\b|A\b|An\b|of\b)") & ~pronoun & (speaker != "unknown")
print(json.dumps({"sentences": len(s), "speech sentences": int(speech.sum()),
                  "open with a mark, labelled narration": int((opens & ~speech).sum()),
                  "no mark in the whole paragraph, labelled quote or mixed": int((~paragraph_marks & speech).sum()),
                  "speech with a named speaker": round(float(named.mean()), 3),
                  "speech with speaker unknown or none": round(float((~named).mean()), 3),
                  "pronoun speakers": int(pronoun.sum()), "fragment speakers": int(fragment.sum())}))
"""


def symptoms(tree: Path, corpus: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _SNIPPET, str(corpus)], check=True, capture_output=True, text=True,
                         cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_sample(n: int, *, seed: int = 11) -> int:
    """``n`` attributed speech sentences of 40 PerSenT articles (at most two per article), to judge by eye."""
    import pandas as pd

    from analysis import split_sentences

    texts = persent_texts()
    articles = pd.DataFrame({"article_id": [f"{k:05d}" for k in range(len(texts))], "text": list(texts)})
    sentences = split_sentences(articles.sample(40, random_state=seed))
    named = sentences[sentences["voice"].isin(["quote", "mixed"]) & sentences["speaker"].notna()
                      & (sentences["speaker"] != "unknown")].groupby("article_id").head(2)
    for row in named.sample(min(n, len(named)), random_state=3).sort_values(["article_id", "sentence_no"]).itertuples():
        print(f"{row.article_id} {row.sentence_no} | {row.speaker} | {row.text[:160]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=None, help="git ref of the 'before' code (default: merge-base with main)")
    parser.add_argument("--sample", type=int, default=0, help="print this many attributed sentences and stop")
    args = parser.parse_args(argv)
    if args.sample:
        return print_sample(args.sample)
    work = Path(tempfile.mkdtemp(prefix="presslens-voices-symptoms-"))
    ref = args.before or subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], check=True,
                                        capture_output=True, text=True).stdout.strip()
    corpus = make_corpora(work, 10).get("PerSenT")
    if corpus is None:
        print("PerSenT is not there: nothing to measure")
        return 1
    before_tree = checkout(ref, work)
    try:
        before, after = symptoms(before_tree, corpus), symptoms(ROOT, corpus)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before_tree)], check=False)
    print(f"PerSenT, {after['sentences']:,} sentences; before = {ref[:10]}, after = working tree")
    print("| measure | before | after |\n|---|---|---|")
    for key in before:
        print(f"| {key} | {before[key]} | {after[key]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
