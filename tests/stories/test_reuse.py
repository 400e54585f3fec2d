"""Text reuse: wire copy found, measured and classed; independent reports of one event are not copies."""
import pandas as pd

from analysis import text_reuse
from analysis.stories.reuse import derivations
from helpers.stories_sets import stories_set

WIRE = ("PORTSMOUTH, June 3 (Meridian) - Dockworkers at the port of Portsmouth walked off the job on Tuesday after "
        "overnight talks on a new contract broke down, halting work at the busiest container terminal on the coast.\n\n"
        "The union has asked for a 14% rise over three years and limits on the use of automated cranes at the "
        "terminal.\n\n\"We gave them every chance to put a fair offer on the table,\" said Maria Lopez, president of "
        "the dockworkers union, at a briefing outside the main gate.\n\nAbout 40 ships were waiting at anchor outside "
        "the harbour by Tuesday evening, according to port traffic data published by the harbour office.")


def frame(*texts, dates=None):
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": list(texts),
                         "published": dates or ["2024-06-03"] * len(texts), "story": ["s"] * len(texts)})


def test_an_exact_copy_is_wholly_derived_from_the_earlier_article():
    articles = frame(WIRE, WIRE, dates=["2024-06-03", "2024-06-04"])
    found = derivations(articles, text_reuse(articles))
    assert found["derivation"].tolist() == ["none", "wholly"] and found["derived_from"].tolist()[1] == "a0"
    assert found["reused_share"].iloc[1] == 1.0


def test_a_copy_with_one_paragraph_dropped_is_still_wholly_derived():
    trimmed = "\n\n".join(WIRE.split("\n\n")[:3]).replace("14%", "14 percent")
    articles = frame(WIRE, trimmed)
    found = derivations(articles, text_reuse(articles))
    assert found.loc[1, "derivation"] == "wholly" and found.loc[0, "derivation"] == "none"  # the fuller one is the source


def test_a_copy_mixed_with_own_reporting_is_partly_derived_with_its_share():
    own = ("Local shopkeepers said the strike would hurt trade in the run-up to the summer festival. Several cafe "
           "owners near the ferry terminal told this newspaper they had already cut staff hours for the week. The "
           "city council has not commented on the dispute and did not answer questions on Tuesday evening. "
           "Residents of the old town said lorries were already queuing on the ring road by early afternoon.")
    mixed = "\n\n".join(WIRE.split("\n\n")[:2]) + "\n\n" + own
    articles = frame(WIRE, mixed, dates=["2024-06-03", "2024-06-04"])
    found = derivations(articles, text_reuse(articles))
    assert found.loc[1, "derivation"] == "partly"
    true_share = len(" ".join(WIRE.split("\n\n")[:2]).split()) / len(mixed.split())
    assert abs(found.loc[1, "reused_share"] - true_share) <= 0.15


def test_independent_reports_of_one_event_share_no_text():
    articles, _ = stories_set("dev")
    independent = articles[articles["derivation"] == "none"]
    found = derivations(independent, text_reuse(independent.rename(columns={"story_label": "story"})))
    assert (found["derivation"] == "none").all()


def test_the_labelled_wire_copies_are_found_with_their_shares():
    articles, _ = stories_set("dev")
    found = derivations(articles, text_reuse(articles.rename(columns={"story_label": "story"})))
    assert found["derivation"].tolist() == articles["derivation"].tolist()
    derived = articles["derivation"] != "none"
    assert (found.loc[derived, "derived_from"] == articles.loc[derived, "derived_from"]).all()
    assert ((found["reused_share"] - articles["reused_share"]).abs() <= 0.15).all()


def test_on_the_same_day_the_article_that_credits_the_others_outlet_is_the_copy():
    own = ("Local shopkeepers said the strike would hurt trade in the run-up to the summer festival, and cafe owners "
           "near the ferry terminal said they had already cut staff hours for the week ahead of the holiday.")
    mixed = "\n\n".join(WIRE.split("\n\n")[:2]) + "\n\n" + own
    articles = frame(WIRE, mixed).assign(source=["Meridian", "Harbour Herald"], source_credit=[None, "Meridian"])
    found = derivations(articles, text_reuse(articles))
    assert found["derivation"].tolist() == ["none", "partly"] and found.loc[1, "derived_from"] == "a0"
