"""Alignment within a story: counterparts, facts, additions and omissions, on labelled stories."""
import pandas as pd

from analysis.stories.alignment import align_story, coverage, story_facts
from analysis.voices.voices import split_sentences
from helpers.stories_sets import stories_set


def sentences_of(articles):
    return split_sentences(articles.rename(columns={"story_label": "story"}), carry=["source", "story"])


def test_aligned_sentences_state_the_same_labelled_fact():
    articles, facts = stories_set("dev")
    sentences = sentences_of(articles)
    aligned = align_story(sentences)
    assert set(aligned.columns) == {"story", "article_id", "source", "sentence_no", "other_article_id",
                                    "other_source", "other_sentence_no", "similarity", "kind"}
    assert set(aligned["kind"]) <= {"verbatim", "rewritten", "paraphrase"}
    assert (aligned["source"] != aligned["other_source"]).all()
    fact_of = {}
    where = {(r.article_id, r.text): r.sentence_no for r in sentences.itertuples()}
    for fact in facts:
        for article, sentence in fact["sentences"].items():
            if sentence and (article, sentence) in where:
                fact_of.setdefault((article, where[(article, sentence)]), set()).add(fact["fact_id"])
    labelled = [r for r in aligned.itertuples() if (r.article_id, r.sentence_no) in fact_of
                and (r.other_article_id, r.other_sentence_no) in fact_of]
    right = sum(bool(fact_of[(r.article_id, r.sentence_no)] & fact_of[(r.other_article_id, r.other_sentence_no)])
                for r in labelled)
    assert right / len(labelled) >= 0.9  # measured 0.95 (docs/stories.md)


def test_additions_and_omissions_follow_their_rules():
    facts = pd.DataFrame({"story": "s", "fact": [1, 1, 1, 2, 3, 3], "article_id": ["a", "b", "c", "a", "a", "b"],
                          "source": ["A", "B", "C", "A", "A", "B"], "sentence_no": [0, 0, 0, 1, 2, 1]})
    states = coverage(facts).set_index(["fact", "source"])["state"].to_dict()
    assert states[(1, "A")] == states[(1, "B")] == states[(1, "C")] == "reported"
    assert states[(2, "A")] == "added" and (2, "B") not in states  # one outlet only: nobody leaves it out
    assert states[(3, "C")] == "left out"  # two of C's two others state it


def test_a_story_told_by_one_outlet_has_nothing_to_align():
    frame = pd.DataFrame({"article_id": ["a", "b"], "source": ["A", "A"], "story": ["s", "s"], "text": [
        "The bridge closed on Monday.", "The bridge closed on Monday after the flood."]})
    aligned = align_story(split_sentences(frame, carry=["source", "story"]))
    assert aligned.empty
    assert story_facts(aligned, split_sentences(frame, carry=["source", "story"])).empty
