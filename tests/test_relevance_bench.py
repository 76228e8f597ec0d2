"""The fast variant of ``python -m bench.relevance``: a ranking or tagging regression fails CI.

Runs the engine and its two peers on the seeds plus ``bench/reports`` with the first queries
of every class (see docs/QUALITY.md for the full run and what it measures).
"""

import pytest


@pytest.fixture(scope="module")
def figures():
    from bench.relevance import run

    return run(fast=True)


def test_engine_ahead_of_both_peers_in_every_class(figures):
    summary = figures["summary"]
    for cls, ours in summary["engine"].items():
        for peer in ("sqlite-fts5", "tantivy-default"):
            assert ours["ndcg10"] >= summary[peer][cls]["ndcg10"], (cls, peer, ours, summary[peer][cls])


def test_engine_ndcg_overall(figures):
    assert figures["summary"]["engine"]["overall"]["ndcg10"] >= 0.95


def test_tagger_places_and_years(figures):
    tagger = figures["tagger"]
    assert tagger["accuracy"]["district"] >= 0.95
    assert tagger["accuracy"]["province"] >= 0.95
    assert tagger["accuracy"]["year"] >= 0.95
    assert tagger["wrong_district_where_unknown"] == 0, tagger["wrong_district_files"]


def test_topic_precision(figures):
    topics = figures["tagger"]["topics"]
    for slug, row in topics.items():
        if row["precision"] is not None:
            assert row["precision"] >= 0.8, (slug, row)
    # A precision is None only where the tagger never gave the topic: for a topic the labels
    # use, that is a tagger that finds nothing, not a pass.
    labelled = [slug for slug, row in topics.items() if row["tp"] + row["fn"]]
    assert len(labelled) >= len(topics) // 2, topics
    assert [slug for slug in labelled if topics[slug]["precision"] is None] == []
