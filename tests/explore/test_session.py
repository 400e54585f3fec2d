"""analyse(): the bundled corpus with its data files, and any other corpus with provisional ones."""
from pathlib import Path

import pytest

from analysis.errors import ColumnError
from analysis.explore.session import analyse
from analysis.paths import PROJECT_ROOT

OTHER = PROJECT_ROOT / "tests" / "fixtures" / "other_corpus"


def test_bundled_corpus_uses_the_bundled_files():
    a = analyse()
    assert a.codebook_from.endswith("topics.yml") and a.actors_from.endswith("actors.yml")
    assert {"voice", "speaker", "textblob", "vader", "source"} <= set(a.sentences.columns)
    assert set(a.colors) == set(a.articles["source"])


def test_other_corpus_without_codebook_or_actors_gets_provisional_ones():
    a = analyse(OTHER)
    assert a.codebook_from.startswith("provisional") and a.actors_from.startswith("provisional")
    assert a.codebook and a.actors
    assert len(a.articles) == 5  # the near copy of the wire story is set aside


def test_blank_parameters_mean_none_and_bad_grouping_is_clear():
    assert analyse("", manifest="", codebook="", actors="").corpus.articles.shape[0] == 5
    with pytest.raises(KeyError, match="cannot compare by .nope.: the articles have no such column"):
        analyse(by="nope")
    with pytest.raises(ColumnError, match="cannot compare by 'article_id': it names each article"):
        analyse(by="article_id")


def test_grouping_by_another_column():
    a = analyse(by="event")
    assert set(a.colors) == {"2023-03 Xi–Lukashenko talks in Beijing", "2023-12 Xi–Lukashenko talks in Beijing"}
    assert "event" in a.sentences.columns


def test_the_store_spills_into_a_folder_of_its_own_and_removes_it(tmp_path, monkeypatch):
    from analysis.tables.store import Store

    monkeypatch.chdir(tmp_path)
    # 30 MB is far below what 4 million distinct values need in memory, so the query succeeds only by spilling
    # (DuckDB 2.0.1 fails here with one thread: pyproject.toml bounds it).
    store = Store(memory_limit="30MB", threads=1)
    spill = Path(store.scalar("SELECT current_setting('temp_directory')"))
    assert spill.is_dir() and tmp_path not in spill.parents
    total = store.scalar("SELECT sum(x) FROM (SELECT DISTINCT (i * 7919) % 4000000 AS x FROM range(4000000) t(i))")
    assert total == sum(range(4_000_000))
    store.close()
    assert not spill.exists() and list(tmp_path.iterdir()) == []


def test_an_export_column_is_accepted_under_its_own_name(tmp_path):
    import pandas as pd

    from analysis.explore import views
    from analysis.explore.session import grouping_column

    rows = [{"text": p.read_text(encoding="utf-8"), "media_name": p.parent.name, "publish_date": "2024-05-0%d" % (i + 1)}
            for i, p in enumerate(sorted(OTHER.rglob("*.txt")))]
    pd.DataFrame(rows).to_csv(tmp_path / "export.csv", index=False)
    a = analyse(tmp_path / "export.csv", by="media_name")
    assert a.by == "source" and set(a.articles["source"]) == {"coastal-wire", "daily-ledger", "harbour-herald"}
    assert set(views.tone(a)["source"]) == set(a.articles["source"])
    assert grouping_column(["source", "published"], "Publish_Date") == "published"
    assert grouping_column(["source", "media_name"], "media_name") == "media_name"  # a column kept is itself
    with pytest.raises(KeyError, match="cannot compare by 'desk'"):
        analyse(tmp_path / "export.csv", by="desk")
