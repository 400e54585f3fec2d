"""The five bundled articles load with the right outlets and dates, whole bodies, and no boilerplate."""
from collections import Counter

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.corpus.decode import decode_bytes
from analysis.paths import ARTICLES_DIR, PROJECT_ROOT, SOURCES_CSV

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"

EXPECTED = {
    "000_8b1c9f11a3e874e0": ("Reuters (republished)", "2023-03-01"),
    "001_ce7ccf6783f2e522": ("Unnamed site A (spun copy)", "2023-03-02"),
    "002_62f2d983f655606c": ("CNN (spun copy)", "2023-03-01"),
    "003_369f41ff6b40b4cb": ("TRT World", "2023-03-01"),
    "004_843083b4ebb58cb4": ("Unnamed site B (spun copy)", "2023-12-04"),
}

# (article, first words of the clean body, last words of the clean body)
BODY_BOUNDS = [
    ("000_8b1c9f11a3e874e0", "China President Xi Jinping and Belarusian President",
     "just weeks before Moscow invaded Ukraine on Feb. 24 last year."),
    ("001_ce7ccf6783f2e522", "Chinese leader Xi Jinping on Wednesday met Alexander Lukashenko",
     "to support Russia’s invasion of Ukraine."),
    ("002_62f2d983f655606c", "Chinese leader Xi Jinping and its Belarusian counterpart",
     "“Only the United States needs this massacre, only they want it,” he said."),
    ("003_369f41ff6b40b4cb", "In a run-up to the three-day trip, Beijing lauded",
     "Minsk may provide further support in Moscow's war effort."),
    ("004_843083b4ebb58cb4", "On Monday, December 4, Belarusian President Alexander Lukashenko",
     "transformation and design of the global leadership system.”"),
]

BOILERPLATE = [
    "مشاركة", "Getty Images", "See also", "Leave a Reply", "Your email address", "contributed to the report",
    "WORLD\n", "3 MIN READ", "/ AFP", "By Sara SLEIMAN", "READ MORE", "RECOMMENDED", "SOURCE:", "Explore",
    "Sudan", "Epstein", "Gaza", "Netanyahu", "Norway's PM", "date 2023-03-02", "Hong Kong (CNN)", "BEIJING:",
]


def test_bundled_articles_are_the_seed_files_byte_for_byte():
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    for seed in SEEDS.glob("*.txt"):
        assert (ARTICLES_DIR / seed.name).read_bytes() == seed.read_bytes()


def test_bundled_corpus_loads_every_file_without_problems(bundled):
    assert len(bundled.articles) == 5
    assert bundled.problems.empty, bundled.problems.to_string()
    assert bundled.articles["duplicate_of"].isna().all()


@pytest.mark.parametrize("article_id, expected", EXPECTED.items())
def test_bundled_outlets_and_dates(bundled, article_id, expected):
    row = bundled.articles.set_index("article_id").loc[article_id]
    assert (row["source"], row["published"]) == (expected[0], pd.Timestamp(expected[1]))


def test_manifest_has_every_field_the_issue_asks_for():
    manifest = pd.read_csv(SOURCES_CSV)
    assert list(manifest.columns) == ["file", "source", "source_type", "published", "title", "byline", "url",
                                      "language", "event", "provenance"]
    assert set(manifest["file"]) == {p.name for p in ARTICLES_DIR.glob("*.txt")}
    assert manifest["event"].nunique() == 2
    assert manifest["provenance"].notna().all()


@pytest.mark.parametrize("article_id, first, last", BODY_BOUNDS)
def test_clean_text_keeps_the_whole_body(bundled, article_id, first, last):
    text = bundled.articles.set_index("article_id").loc[article_id, "text"]
    assert text.startswith(first)
    assert text.endswith(last)


@pytest.mark.parametrize("marker", BOILERPLATE)
def test_clean_text_holds_none_of_the_boilerplate(bundled, marker):
    for text in bundled.articles["text"]:
        assert marker not in text


def test_mid_article_subheading_and_standfirst_are_kept(bundled):
    texts = bundled.articles.set_index("article_id")["text"]
    assert "\ntensions with the West\n" in texts["002_62f2d983f655606c"]
    assert texts["003_369f41ff6b40b4cb"].startswith("In a run-up to the three-day trip")


def test_removal_log_holds_what_was_taken_out(bundled):
    log = {(r.article_id, r.text): r.reason for r in bundled.removed.itertuples()}
    assert log[("000_8b1c9f11a3e874e0", "مشاركة :")] == "share label"
    assert log[("001_ce7ccf6783f2e522", "date 2023-03-02")].startswith("published line")
    assert log[("001_ce7ccf6783f2e522", "Pavel Orlovsky/BELTA/AFP via Getty Images")] == "photo credit or caption"
    assert log[("002_62f2d983f655606c", "Hong Kong (CNN)")].startswith("dateline")
    assert log[("002_62f2d983f655606c", "Leave a Reply")] == "comment form"
    assert log[("003_369f41ff6b40b4cb", "3 MIN READ")] == "reading-time label"
    assert log[("003_369f41ff6b40b4cb", "By Sara SLEIMAN")].startswith("byline line")
    assert log[("003_369f41ff6b40b4cb", "Belarus, China relations with Russia")].startswith("link line")
    assert log[("004_843083b4ebb58cb4", "BEIJING:")].startswith("dateline")
    trailing = bundled.removed[bundled.removed["reason"].str.startswith("trailing list")]
    assert len(trailing) == 15
    assert trailing["text"].iloc[-1].startswith("Netanyahu attacks Gaza")


def test_kept_and_removed_text_account_for_every_word_of_the_input(bundled):
    for row in bundled.articles.itertuples():
        original = decode_bytes((ARTICLES_DIR / row.path).read_bytes()).text
        removed = " ".join(bundled.removed.loc[bundled.removed["article_id"] == row.article_id, "text"])
        assert Counter(original.split()) == Counter(row.text.split()) + Counter(removed.split())


def test_metadata_moved_out_of_the_text(bundled):
    a = bundled.articles.set_index("article_id")
    assert a.loc["002_62f2d983f655606c", "dateline"] == "Hong Kong"
    assert a.loc["002_62f2d983f655606c", "source_credit"] == "CNN"
    assert a.loc["003_369f41ff6b40b4cb", "source_credit"] == "TRTWorld and agencies"
    assert a.loc["003_369f41ff6b40b4cb", "title"] == "Belarus' Lukashenko hails ties with China ahead of Xi meeting"


def test_without_a_manifest_sources_are_inferred_from_the_text():
    corpus = load_corpus(ARTICLES_DIR)
    a = corpus.articles.set_index("article_id")
    assert a.loc["002_62f2d983f655606c", ["source", "source_from"]].tolist() == ["CNN", "dateline"]
    assert a.loc["003_369f41ff6b40b4cb", ["source", "source_from"]].tolist() == ["TRTWorld and agencies",
                                                                                   "source line"]
    assert a.loc["000_8b1c9f11a3e874e0", "source"] == "unknown"
    assert a.loc["001_ce7ccf6783f2e522", "published"] == pd.Timestamp("2023-03-02")
    assert a.loc["003_369f41ff6b40b4cb", "published"] == pd.Timestamp("2023-03-01")


def test_article_ids_are_stable_across_runs(bundled):
    again = load_corpus()
    assert again.articles["article_id"].tolist() == bundled.articles["article_id"].tolist()


def test_one_folder_per_outlet_gives_the_source(tmp_path):
    for outlet, name in [("Daily Planet", "a.txt"), ("Daily Planet", "b.txt"), ("Gazette", "c.txt")]:
        (tmp_path / outlet).mkdir(exist_ok=True)
        (tmp_path / outlet / name).write_text(f"Story {name} is about the harbour. It opened on Monday.\n")
    corpus = load_corpus(tmp_path)
    assert dict(zip(corpus.articles["article_id"], corpus.articles["source"])) == {
        "Daily Planet/a": "Daily Planet", "Daily Planet/b": "Daily Planet", "Gazette/c": "Gazette"}
    assert set(corpus.articles["source_from"]) == {"folder"}


def test_manifest_rows_for_missing_files_and_unlisted_files_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("A full sentence about the port opening. Another one follows here.")
    (tmp_path / "b.txt").write_text("Another full sentence about the rail link. It will open in May.")
    manifest = tmp_path.parent / "manifest.csv"
    manifest.write_text("file,source,published\na.txt,Gazette,2024-05-01\nmissing.txt,Gazette,2024-05-02\n")
    corpus = load_corpus(tmp_path, manifest=manifest)
    messages = dict(zip(corpus.problems["path"], corpus.problems["message"]))
    assert "not found" in messages["missing.txt"]
    assert "not listed in the manifest" in messages["b.txt"]
    assert corpus.articles.set_index("article_id").loc["a", "source"] == "Gazette"


def test_unique_counts_each_story_once(tmp_path):
    story = "The harbour reopened on Monday after a long storm. " * 20
    (tmp_path / "a.txt").write_text(story)
    (tmp_path / "b.txt").write_text(story)
    corpus = load_corpus(tmp_path)
    assert corpus.articles.set_index("article_id").loc["b", "duplicate_of"] == "a"
    assert len(corpus.unique) == 1
    assert "the same text as a" in " ".join(corpus.problems["message"])
