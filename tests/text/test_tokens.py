"""One tokenizer: what a word is, names kept together, the word lists, and no slow inputs."""
import time

import pytest
from stopwords import get_stopwords

from analysis.resources.wordlists import read_word_list
from analysis.text.tokens import (FUNCTION_WORDS, HONORIFICS, NEWS_STOP_WORDS, TITLES, count_words, is_function_word,
                                  name_spans, scan, tokenize, words)


@pytest.mark.parametrize("text, expected", [
    ("China's ties", [["china", "ties"]]),
    ("China’s “all-weather” partnership", [["china"], ["all-weather"], ["partnership"]]),
    ("U.S. officials met", [["u.s.", "officials", "met"]]),
    ("see https://example.com/x?a=1 now", [["see"], ["now"]]),
    ("mail a.b@example.org today", [["mail"], ["today"]]),
    ("in 2023 a 12-point plan", [["in", "", "a", "12-point", "plan"]]),
    ("3.5 per cent of 1,000 at 10:30", [["", "per", "cent", "of", "", "at", ""]]),
    ("Peace, then war.", [["peace"], ["then", "war"]]),
    ("re-election — and co‑operation", [["re-election"], ["and", "co-operation"]]),
    ("don't O'Neill rock’n’roll", [["don't", "o'neill", "rock'n'roll"]]),
    ("he said 'peace' now", [["he", "said"], ["peace"], ["now"]]),
    ("a headline\nthen the body", [["a", "headline"], ["then", "the", "body"]]),
])
def test_tokenize(text, expected):
    assert tokenize(text) == expected


@pytest.mark.parametrize("text, n", [
    ("", 0), ("   ", 0), ("One.", 1), ("in 2023", 2), ("China's re-election", 2), ("U.S. e.g. 3.5", 3),
    ("see https://x.org/a-b-c and a@b.co", 2), ("— … !!", 0),
])
def test_count_words(text, n):
    assert count_words(text) == n == len(words(text))


def test_count_words_is_zero_for_non_text():
    assert count_words(None) == 0 and count_words(float("nan")) == 0


def test_numbers_can_be_kept():
    assert tokenize("in 2023", numbers="keep") == [["in", "2023"]]
    with pytest.raises(ValueError):
        tokenize("x", numbers="maybe")


def test_spans_point_into_the_text():
    text = "The U.S. and China’s re-election."
    for chunk in scan(text):
        for token in chunk:
            assert text[token.start:token.end] == token.raw


@pytest.mark.parametrize("text, names", [
    ("Xi met officials in the United States on Tuesday.", ["united states"]),
    ("On Wednesday Xi Jinping met Belarusian President Alexander Lukashenko.", ["xi jinping", "alexander lukashenko"]),
    ("He spoke at the Shanghai Cooperation Organization and the Bank of England.",
     ["shanghai cooperation organization", "bank of england"]),
    ("Mr Xi Jinping said so.", ["xi jinping"]),
    ("Xi and Putin met.", []),
    ("The State Department said so.", ["state department"]),
    ("Xi Meets Lukashenko In Beijing To Sign Deals", []),
    ("China said so.", []),
])
def test_names(text, names):
    assert [" ".join(t.norm for t in chunk[a:b]) for chunk in scan(text) for a, b in name_spans(chunk)] == names


def test_word_lists():
    assert set(get_stopwords("en")) - {""} <= FUNCTION_WORDS
    assert {"said", "may", "two", "according", "including", "will", "next", "also", "just"} <= NEWS_STOP_WORDS
    assert {"mr", "mrs", "dr"} <= HONORIFICS <= NEWS_STOP_WORDS
    assert "president" in TITLES and "president" not in NEWS_STOP_WORDS
    assert is_function_word("The") and is_function_word("Don’t") and not is_function_word("Beijing")


def test_word_list_file_format(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("# comment\nA b  # trailing\n[one]\nc\n[two]\nD e\n")
    assert read_word_list(path) == {"": {"a", "b"}, "one": {"c"}, "two": {"d", "e"}}


def best_time(step, text, runs=3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step(text)
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize("unit", [
    "a",              # one endless word
    "x@",             # an e-mail address that never ends
    "a.",             # a URL or an acronym that never ends (after "www.")
    "U.",             # an acronym that never ends
    "1,",             # a number that never ends
    "a-",             # a hyphenated word that never ends
    "'",              # quotes
])
def test_no_input_makes_tokenizing_slow(unit):
    """The scanning regex is linear: four times the input takes about four times as long (a backtracking one
    would take 16 times or more; the bound of 8 leaves room for a busy machine). Building the words costs
    no more than for plain words, one per unit."""
    prefix = "www." if unit == "a." else ""
    small, large = prefix + unit * 25_000, prefix + unit * 100_000
    assert best_time(count_words, large) < 8 * best_time(count_words, small) + 0.05
    assert best_time(scan, small) < 3 * best_time(scan, "ab " * 25_000) + 0.05
