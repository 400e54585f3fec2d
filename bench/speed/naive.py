"""The naive notebook baseline: read the files into pandas, score each whole article, write a CSV.

    .venv/bin/python bench/speed/naive.py CORPUS OUT.csv
"""
import sys
from pathlib import Path

import pandas as pd
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main(corpus: str, out: str) -> None:
    files = sorted(Path(corpus).rglob("*.txt"))
    df = pd.DataFrame({"path": [str(f) for f in files], "text": [f.read_text(encoding="utf-8") for f in files]})
    sentiment = df.text.apply(lambda t: TextBlob(t).sentiment)
    df["polarity"] = [s.polarity for s in sentiment]
    df["subjectivity"] = [s.subjectivity for s in sentiment]
    analyzer = SentimentIntensityAnalyzer()
    df["vader"] = df.text.apply(lambda t: analyzer.polarity_scores(t)["compound"])
    df.drop(columns=["text"]).to_csv(out, index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
