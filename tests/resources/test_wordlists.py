"""One reader for every plain word list of data/: comments, blank lines, sections, the speech verbs."""
from analysis.paths import DATA_DIR
from analysis.resources.wordlists import read_entries, read_word_list, speech_verbs
from analysis.text.segment import load_abbreviations
from analysis.text.tokens import FUNCTION_WORDS
from analysis.voices.names.lexicon import lexicon


def test_entries_skip_comments_and_blank_lines(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# a header\n\nNew York\n  Minsk  # the capital\n#another\nLa Paz\n", encoding="utf-8")
    assert read_entries(path) == ["New York", "Minsk", "La Paz"]


def test_sections_are_lower_cased_with_straight_apostrophes(tmp_path):
    path = tmp_path / "lists.txt"
    path.write_text("the AND\n[modal]\ncan Won’t  # comment\n[empty]\n", encoding="utf-8")
    assert read_word_list(path) == {"": frozenset({"the", "and"}), "modal": frozenset({"can", "won't"}),
                                    "empty": frozenset()}


def test_every_plain_word_list_of_data_reads_one_way():
    for path in sorted(DATA_DIR.glob("*.txt")):
        entries = read_entries(path)
        assert entries and not any(e.startswith("#") or not e.strip() for e in entries), path.name


def test_the_readers_of_each_list_agree_with_the_one_reader():
    assert FUNCTION_WORDS == read_word_list(DATA_DIR / "function_words.txt")[""]
    plain, final = load_abbreviations()
    assert plain == {e.lower().lstrip("!") for e in read_entries(DATA_DIR / "abbreviations.txt")}
    assert final == {e.lower()[1:] for e in read_entries(DATA_DIR / "abbreviations.txt") if e.startswith("!")}
    assert lexicon().places == frozenset(read_entries(DATA_DIR / "places.txt"))
    assert lexicon().demonyms == frozenset(read_entries(DATA_DIR / "demonyms.txt"))


def test_speech_verbs_keep_two_word_verbs_whole_and_come_longest_first():
    verbs = speech_verbs()
    assert "said" in verbs and "point out" in verbs and "pointed out" in verbs
    assert [len(v) for v in verbs] == sorted((len(v) for v in verbs), reverse=True)
