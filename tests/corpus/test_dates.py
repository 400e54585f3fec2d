"""Dates found where a newcomer's corpus keeps them: an ISO date in a file's name, a dateline ("PORTVILLE, May 6"
or "LONDON, 4 March 2024"), the year from the file name or a manifest; ``published_from`` says which, and nothing
is guessed."""
import pandas as pd
import pytest

from analysis import load_corpus

BODY = ("Dockworkers at the port walked off the job after wage talks broke down on the first day. "
        "The union said the strike would last as long as it had to, and the port authority said it was ready.")


def corpus(tmp_path, files: dict[str, str], manifest: str | None = None):
    root = tmp_path / "corpus"
    for name, text in files.items():
        path = root / "wire" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n\n" + BODY + "\n", encoding="utf-8")
    kwargs = {}
    if manifest is not None:
        (tmp_path / "manifest.csv").write_text(manifest, encoding="utf-8")
        kwargs["manifest"] = tmp_path / "manifest.csv"
    loaded = load_corpus(root, **kwargs)
    return loaded.articles.set_index("article_id"), loaded.problems


@pytest.mark.parametrize("name, first_line, published, origin", [
    ("2024-03-04-strike.txt", "Strike halts the port", "2024-03-04", "file name"),
    ("strike.txt", "LONDON, 4 March 2024 (Reuters) - Dockworkers at the port stopped work.", "2024-03-04",
     "dateline"),
    ("strike.txt", "WASHINGTON, March 4, 2024 - Dockworkers at the port stopped work.", "2024-03-04", "dateline"),
    ("2024-12-30-strike.txt", "PORTVILLE, Jan. 2 (Wire) - Dockworkers at the port stopped work.", "2024-12-30",
     "file name"),  # the file name's full date is surer than a dateline without a year
    ("strike-2024-05-01.txt", "Strike halts the port\nMay 7, 2024", "2024-05-07", "published line"),
    ("strike-2024.txt", "PORTVILLE, May 6 (Wire) - Dockworkers at the port stopped work.", "2024-05-06",
     "dateline, year from file name"),
    ("2024_strike.txt", "PORTVILLE, 6 May (Wire) - Dockworkers at the port stopped work.", "2024-05-06",
     "dateline, year from file name"),
    ("strike-2023-v-2024.txt", "PORTVILLE, May 6 (Wire) - Dockworkers at the port stopped work.", None, None),
    ("strike.txt", "PORTVILLE, May 6 (Wire) - Dockworkers at the port stopped work.", None, None),  # no year
    ("strike.txt", "LONDON, 4/3 (Reuters) - Dockworkers at the port stopped work.", None, None),  # never guessed
    ("04-03-2024-strike.txt", "Strike halts the port", None, None),  # day and month either way round
])
def test_each_article_says_where_its_date_came_from(tmp_path, name, first_line, published, origin):
    articles, _ = corpus(tmp_path, {name: first_line})
    row = articles.iloc[0]
    assert row["published"] == (pd.Timestamp(published) if published else None) or (published is None and
                                                                                    pd.isna(row["published"]))
    assert (row["published_from"] if isinstance(row["published_from"], str) else None) == origin
    assert str(articles["published"].dtype) == "datetime64[ns]"


def test_a_dateline_without_a_year_takes_it_from_the_manifest(tmp_path):
    articles, _ = corpus(tmp_path, {"a.txt": "PORTVILLE, May 6 (Wire) - Dockworkers at the port stopped work.",
                                    "b.txt": "PORTVILLE, 6 May (Wire) - Dockworkers at the port stopped work.",
                                    "c.txt": "PORTVILLE, May 6 (Wire) - Dockworkers at the port stopped work."},
                         manifest="file,year,published\na.txt,2024,\nb.txt,,2023\nc.txt,,2022-01-09\n")
    assert articles.loc["wire/a", "published"] == pd.Timestamp("2024-05-06")
    assert articles.loc["wire/a", "published_from"] == "dateline, year from manifest"
    assert articles.loc["wire/b", "published"] == pd.Timestamp("2023-05-06")  # a published that is only a year
    assert articles.loc["wire/c", ["published", "published_from"]].tolist() == [pd.Timestamp("2022-01-09"),
                                                                                 "manifest"]


def test_a_wrong_date_in_a_file_name_is_reported_and_left_out(tmp_path):
    articles, problems = corpus(tmp_path, {"2024-02-30-strike.txt": "PORTVILLE, May 6 (Wire) - Dockworkers stopped."})
    assert pd.isna(articles.iloc[0]["published"]) and pd.isna(articles.iloc[0]["published_from"])
    assert problems["message"].str.contains("invalid date '2024-02-30' in the file name").any()
