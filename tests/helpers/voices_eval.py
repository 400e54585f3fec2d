"""Score PressLens's voices and speakers against hand labels (issue 10's protocol).

A labels file (``tests/fixtures/voices/<set>/labels.jsonl``) holds one JSON object per labelled sentence::

    {"file": "tests/fixtures/voices/dev/articles/x.txt",  # relative to the repository root
     "sentence": "exact text of one sentence of the cleaned article text",
     "voice": "quote" | "mixed" | "narration",
     "marks": "speech" | "scare" | "title" | "measurement" | "apostrophe" | "none",
     "speaker": "Tony Blair" | null,
     "accept": ["..."]}                                  # optional: other right answers

Each file is loaded with ``load_corpus(file)`` (cleaning included) and split with ``split_sentences``. A labelled
sentence is found in the cleaned text (the first exact occurrence at or after the previous label's of the same
file, else the first anywhere); the predicted sentence is the one that overlaps it most.

- **Voice accuracy**: over all labelled sentences. A ``quote``/``mixed`` label is right when the prediction is
  ``quote`` or ``mixed``; a ``narration`` label when it is ``narration``.
- **Speaker recall**: over ``quote``/``mixed`` labels with a speaker, the share whose predicted speaker is right.
- **Speaker precision**: over labelled sentences where the prediction names a speaker (not null, not ``unknown``)
  and the label is ``quote``/``mixed`` or its marks are not ``speech``, the share that is right.
- **Right** means equal to ``speaker`` or one of ``accept`` after case-folding, collapsing spaces and removing
  a leading honorific (Mr, Mrs, Ms, Miss, Dr, Sir, Dame, Lord, Lady, Prof).

Only the prediction step touches PressLens (:func:`predict_file`); the rest is plain Python. The tests check the
goal on every label set (``tests/voices/test_voices_eval.py``); from the command line:

    .venv/bin/python bench/eval/voices.py tests/fixtures/voices/dev/labels.jsonl [--errors 40]
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from helpers import PROJECT as ROOT

SPEECH = ("quote", "mixed")
VOICES = ("quote", "mixed", "narration")
MARKS = ("speech", "scare", "title", "measurement", "apostrophe", "none")
GOAL = {"voice_accuracy": 0.97, "speaker_precision": 0.90, "speaker_recall": 0.80}
_HONORIFIC_RE = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|dame|lord|lady|prof)\.?\s+")
_PRONOUNS = frozenset("he she they him her them it we i you".split())


def normalise(name: str | None) -> str:
    """Case-folded, spaces collapsed, a leading honorific removed: the form speakers are compared in."""
    if not isinstance(name, str):
        return ""
    folded = re.sub(r"\s+", " ", name.casefold()).strip()
    return _HONORIFIC_RE.sub("", folded)


def read_labels(labels_path: str | Path) -> list[dict]:
    """The labels of a file, checked: a clear error names the line of a bad one."""
    path = Path(labels_path)
    labels = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            label = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not valid JSON ({error.msg})") from None
        problem = _label_problem(label)
        if problem:
            raise ValueError(f"{path}:{number}: {problem}")
        labels.append({**label, "line": number})
    return labels


def _label_problem(label) -> str | None:
    if not isinstance(label, dict):
        return "a label must be a JSON object"
    missing = [k for k in ("file", "sentence", "voice") if not label.get(k)]
    if missing:
        return f"missing {', '.join(missing)}"
    if label["voice"] not in VOICES:
        return f"voice must be one of {VOICES}, not {label['voice']!r}"
    if label.get("marks", "none") not in MARKS:
        return f"marks must be one of {MARKS}, not {label.get('marks')!r}"
    return None


def predict_file(file: Path):
    """The cleaned text of one article file and its predicted sentences ``(start, end, voice, speaker)``."""
    from analysis import load_corpus, split_sentences  # at call time: bench/eval/voices_table.py puts another version first

    corpus = load_corpus(file)
    if corpus.articles.empty:
        raise ValueError(f"{file}: no article could be loaded ({corpus.problems['message'].tolist()})")
    sentences = split_sentences(corpus.articles.head(1))
    rows = list(zip(sentences["start"], sentences["end"], sentences["voice"], sentences["speaker"]))
    return corpus.articles["text"].iloc[0], rows


def locate(text: str, sentence: str, after: int) -> int:
    """Where a labelled sentence starts in the cleaned text (-1 when it is not there)."""
    found = text.find(sentence, after)
    return found if found >= 0 else text.find(sentence)


def overlapping(rows, start: int, end: int):
    """The predicted sentence that overlaps ``[start, end)`` most, or None."""
    best, best_overlap = None, 0
    for row in rows:
        overlap = min(end, row[1]) - max(start, row[0])
        if overlap > best_overlap:
            best, best_overlap = row, overlap
    return best


def is_right(predicted, label: dict) -> bool:
    """Whether a predicted speaker is the labelled one (or an accepted alternative)."""
    wanted = {normalise(label.get("speaker"))} | {normalise(a) for a in label.get("accept") or []}
    wanted.discard("")
    return normalise(predicted) in wanted


def judge(label: dict, voice: str | None, speaker) -> dict:
    """One labelled sentence against its prediction: what counts where, and the error class if any."""
    speaker = speaker if isinstance(speaker, str) and speaker.strip() else None
    gold_speech = label["voice"] in SPEECH
    voice_right = (voice in SPEECH) == gold_speech if voice else False
    names = speaker is not None and normalise(speaker) != "unknown"
    in_recall = gold_speech and bool(label.get("speaker"))
    in_precision = names and (gold_speech or label.get("marks", "none") != "speech")
    right = is_right(speaker, label) if names else False
    return {"voice_right": voice_right, "in_recall": in_recall, "in_precision": in_precision,
            "speaker_right": right, "voice_error": None if voice_right else _voice_error(label, voice),
            "speaker_error": _speaker_error(label, speaker, gold_speech, names, right)}


def _voice_error(label: dict, voice) -> str:
    if voice is None:
        return "sentence not found"
    if label["voice"] in SPEECH:
        return "missed quote"
    marks = label.get("marks", "none")
    if marks in ("scare", "title"):
        return f"{marks} quote taken as speech"
    if marks in ("measurement", "apostrophe"):
        return f"{marks} mark taken as a quote"
    return "false quote"


def _speaker_error(label: dict, speaker, gold_speech: bool, names: bool, right: bool) -> str | None:
    gold = label.get("speaker")
    if not gold_speech:
        return "speaker given to non-speech" if names and not right else None
    if not gold:
        return "speaker given where none is named" if names and not right else None
    if right:
        return None
    if speaker is None:
        return "missing speaker"
    if normalise(speaker) == "unknown":
        return "unknown where a speaker is named"
    if normalise(speaker) in _PRONOUNS:
        return "pronoun unresolved"
    if normalise(speaker) in normalise(gold).split() or normalise(speaker) in normalise(gold):
        return "name not canonical"
    return "wrong speaker"


def evaluate(labels_path: str | Path, *, root: str | Path = ROOT) -> dict:
    """Score predictions against a labels file.

    Returns ``voice_accuracy``, ``speaker_precision``, ``speaker_recall`` (0–1, None when there is nothing to
    count), ``n_labels``, ``n_recall``, ``n_precision``, ``confusion`` (``{label: {prediction: count}}``),
    ``errors_by_class`` (a Counter) and ``errors`` (one dict per wrong sentence: file, sentence, label,
    prediction, class).
    """
    labels = read_labels(labels_path)
    root = Path(root)
    cache: dict[str, tuple] = {}
    cursor: dict[str, int] = {}
    results, errors = [], []
    confusion: dict[str, Counter] = {v: Counter() for v in VOICES}
    for label in labels:
        file = label["file"]
        if file not in cache:
            path = root / file
            if not path.exists():
                raise ValueError(f"{labels_path}:{label['line']}: no such article file: {file}")
            cache[file] = predict_file(path)
        text, rows = cache[file]
        start = locate(text, label["sentence"], cursor.get(file, 0))
        if start < 0:
            raise ValueError(f"{labels_path}:{label['line']}: sentence not in the cleaned text of {file}: "
                             f"{label['sentence'][:80]!r}")
        cursor[file] = start + 1
        row = overlapping(rows, start, start + len(label["sentence"]))
        voice, speaker = (row[2], row[3]) if row else (None, None)
        verdict = judge(label, voice, speaker)
        results.append(verdict)
        confusion[label["voice"]][voice or "none"] += 1
        for kind in ("voice_error", "speaker_error"):
            if verdict[kind]:
                errors.append({"class": verdict[kind], "file": file, "line": label["line"],
                               "sentence": label["sentence"], "label": (label["voice"], label.get("marks"),
                                                                        label.get("speaker")),
                               "predicted": (voice, speaker)})
    return _summary(results, confusion, errors)


def _share(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _summary(results: list[dict], confusion: dict, errors: list[dict]) -> dict:
    recall = [r for r in results if r["in_recall"]]
    precision = [r for r in results if r["in_precision"]]
    return {
        "voice_accuracy": _share(sum(r["voice_right"] for r in results), len(results)),
        "speaker_precision": _share(sum(r["speaker_right"] for r in precision), len(precision)),
        "speaker_recall": _share(sum(r["speaker_right"] for r in recall), len(recall)),
        "n_labels": len(results), "n_recall": len(recall), "n_precision": len(precision),
        "confusion": {k: dict(v) for k, v in confusion.items()},
        "errors_by_class": Counter(e["class"] for e in errors),
        "errors": errors,
    }


def report(result: dict, *, show_errors: int = 40) -> str:
    """The figures, the confusion matrix and the errors by class, as Markdown-ish text."""
    def pct(x):
        return "n/a" if x is None else f"{100 * x:.1f}%"

    lines = [f"labelled sentences: {result['n_labels']}",
             f"voice accuracy:     {pct(result['voice_accuracy'])} (goal {pct(GOAL['voice_accuracy'])})",
             f"speaker precision:  {pct(result['speaker_precision'])} of {result['n_precision']} "
             f"(goal {pct(GOAL['speaker_precision'])})",
             f"speaker recall:     {pct(result['speaker_recall'])} of {result['n_recall']} "
             f"(goal {pct(GOAL['speaker_recall'])})",
             "", "confusion (rows: label, columns: prediction):",
             "| label | quote | mixed | narration |", "|---|---|---|---|"]
    for voice in VOICES:
        row = result["confusion"].get(voice, {})
        lines.append(f"| {voice} | " + " | ".join(str(row.get(p, 0)) for p in VOICES) + " |")
    lines += ["", "errors by class:"]
    lines += [f"  {n:4d}  {kind}" for kind, n in result["errors_by_class"].most_common()]
    for error in result["errors"][:show_errors]:
        lines.append(f"- [{error['class']}] {error['file']}: {error['sentence'][:110]!r}\n"
                     f"    label {error['label']}  predicted {error['predicted']}")
    return "\n".join(lines)
