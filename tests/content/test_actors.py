"""Actors: aliases, word boundaries, longest match, who speaks, and name suggestions."""
import pandas as pd
import pytest

from analysis.content.actors import (actor_voice, broken_name, compile_actors, load_actors, match_actors,
                                     merged_actors, speaker_actor, suggest_actors)
from analysis.errors import DataFileError, OptionError
from analysis.scores.sentiment import score_tone
from analysis.scores.tone import actor_tone

ACTORS = {
    "Xi Jinping": {"type": "person", "aliases": ["Xi", "President Xi", "Chinese leader"]},
    "China": {"type": "country", "aliases": ["China", "Beijing"]},
    "United States": {"type": "country", "aliases": ["United States", "US", "U.S."]},
    "Xinhua": {"type": "media", "aliases": ["Xinhua"]},
}


def sentences(*texts, source="S"):
    return pd.DataFrame({"article_id": ["a"] * len(texts), "source": source, "sentence_no": range(len(texts)),
                         "text": list(texts)})


@pytest.mark.parametrize("text, expected", [
    ("Xi met the press.", {"Xi Jinping"}),
    ("Xinhua reported the talks.", {"Xinhua"}),
    ("President Xi Jinping spoke in Beijing.", {"Xi Jinping", "China"}),
    ("The Chinese leader spoke.", {"Xi Jinping"}),
    ("Tell us about the U.S. position.", {"United States"}),
    ("A USB stick and a bus.", set()),
    ("Xiamen is a port; xi is not a name.", set()),
])
def test_aliases_match_on_word_boundaries(text, expected):
    assert set(match_actors(sentences(text), ACTORS)["actor"]) == expected


def test_a_sentence_counts_once_per_actor_with_its_aliases():
    found = match_actors(sentences("Xi said President Xi and the Chinese leader agreed."), ACTORS)
    assert found[["actor", "aliases", "n_mentions"]].values.tolist() == [
        ["Xi Jinping", "Xi / President Xi / Chinese leader", 3]]


def test_speakers_map_to_actors():
    found = speaker_actor(pd.Series(["President Xi", "Xinhua report", "someone", None]), ACTORS)
    assert [a if isinstance(a, str) else None for a in found] == ["Xi Jinping", "Xinhua", None, None]


def test_actor_voice_counts_mentions_and_quoted_speech():
    frame = sentences("Xi met officials in Beijing.", "“We are friends forever and always,” Xi said.",
                      "“Nothing was agreed at all,” Xinhua said.")
    frame["voice"] = ["narration", "quote", "quote"]
    frame["speaker"] = [None, "Xi", "Xinhua"]
    out = actor_voice(frame, ACTORS).set_index("actor")
    assert out.loc["Xi Jinping", ["sentences_mentioning", "quoted_sentences", "quote_share"]].tolist() == [2, 1, 0.5]
    assert out.loc["China", "quoted_sentences"] == 0


def test_actor_voice_groups_by_any_sentence_column_and_says_why_not_by_actor():
    frame = sentences("Xi met officials in Beijing.", "“We are friends forever and always,” Xi said.")
    frame["voice"], frame["speaker"] = ["narration", "quote"], [None, "Xi"]
    frame["article_id"] = ["a", "b"]
    out = actor_voice(frame, ACTORS, by="article_id").set_index(["article_id", "actor"])
    assert out.loc[("b", "Xi Jinping"), ["sentences_mentioning", "quoted_sentences", "group_sentences"]].tolist() \
        == [1, 1, 1]
    for by in ("actor", "actor_type"):
        with pytest.raises(OptionError, match=f"cannot also group them by '{by}'"):
            actor_voice(frame, ACTORS, by=by)


@pytest.mark.parametrize("actors, message", [({}, "must name at least one actor"), (None, "must name at least one"),
                                             ({"X": {"type": "person", "aliases": [""]}}, "actor 'X' needs"),
                                             ({"X": {"aliases": ["X"]}}, "needs a type")])
def test_no_actors_is_one_clear_error(actors, message):
    """Issue 23: ``actors={}`` raised ``KeyError: ''``."""
    frame = score_tone(sentences("Xi met the press."))
    for call in (lambda: match_actors(frame, actors), lambda: actor_voice(frame.assign(voice="narration",
                                                                                       speaker=None), actors),
                 lambda: actor_tone(frame, actors, n_boot=10), lambda: speaker_actor(frame["text"], actors)):
        with pytest.raises(OptionError, match=message):
            call()


def test_actor_tone_is_the_tone_of_sentences_mentioning_it():
    scored = score_tone(sentences("Xi gave a wonderful speech.", "Beijing had a terrible day.", "Rain fell."))
    out = actor_tone(scored, ACTORS, measures=["textblob"]).set_index("actor")
    assert out.loc["Xi Jinping", "mean"] > 0 > out.loc["China", "mean"]
    assert out.loc["Xi Jinping", "n_scored"] == 1


def test_suggest_actors_counts_proper_names_not_sentence_openers():
    frame = sentences("The talks in Minsk were long.", "Officials in Minsk met Vladimir Putin.",
                      "Vladimir Putin left.")
    out = suggest_actors(frame).set_index("name")
    assert out.loc["Minsk", "sentences"] == 2 and out.loc["Vladimir Putin", "sentences"] == 2
    assert "The" not in out.index and "Officials" not in out.index


def test_suggested_actors_merge_aliases_keep_titled_names_and_are_typed():
    frame = pd.DataFrame({"article_id": ["a"] * 4 + ["b"] * 2, "text": [
        "Chinese President Xi Jinping met Mr Blair in Beijing on Monday.",
        "Prime Minister Tony Blair said it's a good day, and I'm glad.",
        "Xi spoke of December, and the Port Authority disagreed.",
        "Mr Blair left for London on Tuesday.",
        "President Xi arrived in London.",
        "Later, Xi and the Port Authority met in London."]})
    out = suggest_actors(frame).set_index("name")
    assert list(out.columns) == ["type", "aliases", "sentences", "articles"]
    assert {"Xi", "President Xi", "Xi Jinping"} <= set(out.loc["Xi Jinping", "aliases"])
    assert out.loc["Xi Jinping", ["type", "sentences", "articles"]].tolist() == ["person", 4, 2]
    assert out.loc["Tony Blair", "sentences"] == 3 and out.loc["Tony Blair", "type"] == "person"
    assert out.loc["Port Authority", "type"] == "organisation" and out.loc["London", "type"] == "place"
    assert not {"Monday", "Tuesday", "December", "It's", "I'm", "Later", "Chinese"} & set(out.index)


def test_places_do_not_crowd_out_people():
    frame = pd.DataFrame({"article_id": ["a"] * 4, "text": [
        "Paris, London, Berlin and Madrid met.", "Paris and London and Berlin and Madrid again.",
        "Ana Ruiz spoke in Paris.", "Paris, London, Rome."]})
    out = suggest_actors(frame, top=3)
    assert "Ana Ruiz" in set(out["name"]) and (out["type"] == "place").sum() == 1


def test_bundled_actors_file_loads_and_bad_files_are_clear(tmp_path):
    assert "Xi Jinping" in load_actors()
    bad = tmp_path / "a.yml"
    bad.write_text("actors:\n  Xi: {aliases: []}\n")
    with pytest.raises(DataFileError, match="needs a non-empty list of aliases"):
        load_actors(bad)
    bad.write_text("actors: [unclosed")
    with pytest.raises(DataFileError, match="not valid YAML"):
        load_actors(bad)


def test_stand_in_actors_hold_no_broken_name():
    """Issue 21: never "James B", a lone initial, a party–state tag, or "Trump Presidency" as a person."""
    frame = pd.DataFrame({"article_id": ["a"] * 5 + ["b"] * 3, "text": [
        "Former FBI Director James B. Comey testified on Thursday.",
        "Robert S. Mueller was appointed special counsel by the U.S. Justice Department.",
        '"We will not wait," Senate Majority Leader Chuck Schumer (D-N.Y.) said.',
        "Comey said Mueller had the bureau's trust, and the U.S. Senate listened.",
        "The Trump Presidency began in 2017, and D. Smith wrote about it.",
        '"I have served under four attorneys general," Mr. Comey wrote.',
        "Sen. Rand Paul, R-Ky., disagreed with Schumer and with Mueller.",
        "Comey and Mueller spoke again."]})
    out = suggest_actors(frame, top=30).set_index("name")
    assert {"James B. Comey", "Robert S. Mueller", "Chuck Schumer", "Rand Paul"} <= set(out.index)
    assert not [n for n in out.index if broken_name(n)], list(out.index)
    assert "Trump Presidency" not in out.index or out.loc["Trump Presidency", "type"] != "person"
    assert "S" not in out.loc["Robert S. Mueller", "aliases"] and "Mueller" in out.loc["Robert S. Mueller", "aliases"]


@pytest.mark.parametrize("name, broken", [("James B", True), ("Robert S.", True), ("D-N", True), ("R-Tenn", True),
                                          ("D", True), ("U", True), ("James B. Comey", False), ("UN", False),
                                          ("Xi", False)])
def test_broken_names(name, broken):
    assert broken_name(name) is broken


def test_short_aliases_need_boundaries_that_dotted_names_cannot_give():
    pattern, _ = compile_actors({"United Nations": {"type": "organisation", "aliases": ["UN"]},
                                 "Robert Smith": {"type": "person", "aliases": ["S"]}})
    found = [m.group(0) for m in pattern.finditer("The U.S. and the UN met; UN-backed talks; the U.N. too; S said.")]
    assert found == ["UN", "UN", "S"]


TRUMP = {"Donald Trump": {"type": "person", "aliases": ["Donald Trump", "President Trump"]},
         "Trump": {"type": "person", "aliases": ["Trump"]},
         "Trump Presidency": {"type": "organisation", "aliases": ["Trump Presidency"]},
         "Trump campaign": {"aliases": ["Trump campaign", "Trump's campaign"]}}


def test_an_actor_naming_a_part_of_another_or_its_surname_is_merged_into_it():
    merged, into = merged_actors(TRUMP)
    assert list(merged) == ["Donald Trump"]
    assert set(merged["Donald Trump"]["aliases"]) >= {"Trump", "Trump Presidency", "Trump campaign", "Trump's campaign",
                                                      "President Trump"}
    assert into == {name: "Donald Trump" for name in TRUMP}


def test_a_part_is_merged_into_a_one_word_actor_when_no_fuller_person_is_listed():
    actors = {"Trump": {"aliases": ["Trump"]}, "Trump Presidency": {"aliases": ["Trump Presidency"]}}
    assert merged_actors(actors) == ({"Trump": {"aliases": ["Trump", "Trump Presidency"]}},
                                     {"Trump": "Trump", "Trump Presidency": "Trump"})


def test_a_surname_two_people_share_and_unrelated_names_stay_apart():
    actors = {"John Smith": {"type": "person", "aliases": ["John Smith"]},
              "Mary Smith": {"type": "person", "aliases": ["Mary Smith"]},
              "Smith": {"aliases": ["Smith"]},
              "Smith Foundation": {"type": "organisation", "aliases": ["Smith Foundation"]}}
    merged, into = merged_actors(actors)
    assert set(merged) == {"John Smith", "Mary Smith", "Smith", "Smith Foundation"}
    assert all(into[name] == name for name in actors)
