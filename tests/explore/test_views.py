"""The notebooks' views over a scored corpus give the same table as the library's functions on every sentence.

A generated corpus and a CSV export (with a user column, a codebook, an actors file and a tone dictionary) are
scored streamed in many small chunks; each view (from per-article sums and small queries) is compared with the
library function run on the whole in-memory sentence table of the same corpus. Intervals must be identical
(same sums, same seed); everything else identical too.
"""
import sys

import pandas as pd
import pytest

from analysis.content.actors import actor_voice
from analysis.content.keywords import keyness
from analysis.content.topics import kwic_samples, topic_coverage
from analysis.explore import views
from analysis.explore.session import _actors, _codebook, group_labels, open_scores
from analysis.paths import PROJECT_ROOT
from analysis.pipeline.scoring import score_corpus
from analysis.scores.tone import actor_tone, extreme_sentences, tone_agreement, tone_by_position, tone_by_source
from analysis.scores.sourcing import source_summary
from analysis.voices.sources import quoted_sources
from analysis.voices.voices import voice_shares
from helpers.corpora import generate


FIXTURES = PROJECT_ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("views") / "corpus", 120, sources=6, seed=11)


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("views-export")
    rows = []
    for i, path in enumerate(sorted((FIXTURES / "other_corpus").rglob("*.txt")) * 4):
        text = path.read_text(encoding="utf-8").replace("port", ["port", "harbour", "docks", "quay"][i % 4])
        rows.append({"text": text + f"\nFiled from desk {i % 3}.", "outlet": path.parent.name,
                     "desk": ["Metro", "Business", None][i % 3], "published": f"2024-05-{1 + i % 20:02d}"})
    pd.DataFrame(rows).to_csv(folder / "export.csv", index=False)
    return folder / "export.csv"


def _in_memory(corpus, by, **options):
    tables = score_corpus(corpus, out=None, workers=1, progress=False, chunk_files=10_000, provisional=True,
                          **options).tables
    articles = tables["articles"]
    unique = articles[articles["duplicate_of"].isna()].copy()
    unique[by] = group_labels(unique[by], by)
    sentences = tables["sentences"].drop(columns=[by], errors="ignore").merge(unique[["article_id", by]],
                                                                              on="article_id")
    provisional = tables.get("provisional", pd.DataFrame(columns=["kind"]))
    codebook = _codebook(options.get("codebook"), provisional)[0]
    actors = _actors(options.get("actors"), provisional)[0]
    return unique, sentences.sort_values(["article_id", "sentence_no"]).reset_index(drop=True), codebook, actors


def _same(got: pd.DataFrame, expected: pd.DataFrame, keys: list[str]):
    got = got[list(expected.columns)].sort_values(keys, kind="stable").reset_index(drop=True)
    expected = expected.sort_values(keys, kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, check_exact=True)


CASES = {
    "generated": dict(by="source", options={}),
    "export": dict(by="desk", options=dict(codebook=FIXTURES / "other_corpus_topics.yml",
                                           actors=FIXTURES / "other_corpus_actors.yml",
                                           tone_dictionary=FIXTURES / "dictionaries" / "tone_window.yml")),
}


@pytest.fixture(scope="module", params=list(CASES))
def both(request, generated, export, tmp_path_factory, scores_cache):
    case = CASES[request.param]
    corpus = generated if request.param == "generated" else export
    options = {k: str(v) for k, v in case["options"].items()}
    streamed = tmp_path_factory.mktemp("streamed") / "s.parquet"
    score_corpus(corpus, out=streamed, workers=2, progress=False, chunk_files=7, provisional=True, **options)
    a = open_scores(streamed, by=case["by"], codebook=options.get("codebook"), actors=options.get("actors"))
    return a, _in_memory(corpus, case["by"], **options)


def test_tone_and_voices(both):
    a, (_, sentences, _, _) = both
    measures = views.scored_measures(a)
    _same(views.tone(a), tone_by_source(sentences, by=a.by, measures=measures), [a.by, "measure"])
    _same(views.tone(a, voices=True), tone_by_source(sentences, by=[a.by, "voice"], measures=measures),
          [a.by, "voice", "measure"])
    _same(views.positions(a), tone_by_position(sentences, by=a.by, measures=measures), [a.by, "position", "measure"])
    _same(views.voice_shares(a), voice_shares(sentences, by=a.by), [a.by, "voice"])


def test_agreement_and_extremes(both):
    a, (_, sentences, _, _) = both
    _same(views.agreement(a), tone_agreement(sentences, by=a.by), [a.by])
    for measure in ("vader", "textblob"):
        _same(views.extremes(a, measure=measure, n=2), extreme_sentences(sentences, by=a.by, n=2, measure=measure),
              [a.by, "direction", measure, "article_id", "sentence_no"])


def test_topics_and_their_audit(both):
    a, (_, sentences, codebook, _) = both
    assert list(a.codebook) == list(codebook)
    _same(views.coverage(a), topic_coverage(sentences, codebook, by=a.by), [a.by, "topic"])
    _same(views.kwic(a), kwic_samples(sentences, codebook, by=a.by), ["topic", a.by])


def test_actors(both):
    a, (_, sentences, _, actors) = both
    assert a.actors == actors
    _same(views.actor_voice(a), actor_voice(sentences, actors, by=a.by), [a.by, "actor"])
    _same(views.actor_tone(a), actor_tone(sentences, actors, by=a.by, measures=views.scored_measures(a)),
          [a.by, "actor", "measure"])


def test_sources(both):
    a, (_, sentences, _, _) = both
    _same(views.sources(a), quoted_sources(sentences, by=a.by), [a.by, "speaker"])
    _same(views.sourcing(a), source_summary(sentences, by=a.by), [a.by])


def test_keyness(both):
    a, (unique, _, _, _) = both
    _same(views.keyness(a, min_count=2), keyness(unique, by=a.by, min_count=2), [a.by, "term"])


def test_the_distribution_matches_the_library(both):
    from analysis.report.plots import tone_spread

    a, (_, sentences, _, _) = both
    stats, dots = views.distribution(a, measure="vader")
    expected, _ = tone_spread(sentences, measure="vader", by=a.by)
    pd.testing.assert_frame_equal(stats[list(expected.columns)], expected, check_dtype=False, atol=1e-12, rtol=0)
    assert len(dots) == expected["n_scored"].clip(upper=views.DOTS).sum()


@pytest.mark.parametrize("margin", [views.SAMPLE_MARGIN, 0.01])  # 0.01: too few pass the bound, so groups are retaken
def test_the_dots_are_the_sentences_with_the_smallest_hashes(both, monkeypatch, margin):
    a, _ = both
    monkeypatch.setattr(views, "SAMPLE_MARGIN", margin)
    _, dots = views.distribution(a, measure="vader", dots=5)
    g = views.quote(a.by)
    expected = a.store.sql(f"""
        SELECT {g}, vader FROM ({views._rows(a, where=views._counted_condition("vader"))})
        QUALIFY row_number() OVER (PARTITION BY {g} ORDER BY hash(article_id, sentence_no), article_id,
                                   sentence_no) <= 5
        ORDER BY {g}, article_id, sentence_no""")
    pd.testing.assert_frame_equal(dots.reset_index(drop=True), expected, check_dtype=False, check_exact=True)


@pytest.mark.parametrize("view", ["actor_tone", "actor_stance", "tone"])
def test_a_view_in_batches_of_groups_is_the_view_in_one(both, monkeypatch, view):
    a, _ = both
    whole = getattr(views, view)(a)
    assert len(whole)
    monkeypatch.setattr(views, "BATCH_ROWS", 1)  # every group its own batch
    pd.testing.assert_frame_equal(getattr(views, view)(a), whole, check_exact=True)


def test_the_stance_evidence_shows_each_cells_strongest_sentences(both):
    a, _ = both
    evidence = views.actor_stance_evidence(a, per_cell=2)
    cells = views.actor_stance(a)
    assert len(evidence) and set(zip(evidence[a.by], evidence["actor"])) <= set(zip(cells[a.by], cells["actor"]))
    assert evidence.groupby([a.by, "actor"]).size().max() <= 2
    assert evidence["sentence"].map(lambda s: isinstance(s, str) and len(s) > 0).all()
    assert evidence["toward"].between(-1, 1).all()
    for _, cell in evidence.groupby([a.by, "actor"], sort=False):
        assert cell["clear"].astype(int).is_monotonic_decreasing  # clear articles first
        assert cell.loc[cell["clear"], "toward"].abs().is_monotonic_decreasing
