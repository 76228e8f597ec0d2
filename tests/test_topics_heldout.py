"""The second held-out topic set: its shape, and that its bench scores it with the real tagger.

No figure is asserted here on purpose: a test that gated on the held-out figures would invite tuning
on them (docs/QUALITY.md, "Second round").
"""

import json
from collections import Counter

from bench.relevance import TOPICS
from bench.topics_heldout import HELDOUT2, run
from bench.topics_tuning import TUNING


def _paragraphs(path):
    return json.loads(path.read_text("utf-8"))["paragraphs"]


def test_the_set_is_large_enough_and_labelled_with_known_topics():
    paragraphs = _paragraphs(HELDOUT2)
    assert len(paragraphs) >= 120
    per_topic = Counter(t for p in paragraphs for t in p["topics"])
    assert set(per_topic) == set(TOPICS)
    assert min(per_topic.values()) >= 10, per_topic
    assert all(len(p["topics"]) == len(set(p["topics"])) for p in paragraphs)


def test_no_heldout_paragraph_is_in_the_tuning_data():
    tuning = {p["text"] for p in _paragraphs(TUNING)}
    assert not tuning & {p["text"] for p in _paragraphs(HELDOUT2)}


def test_the_bench_scores_every_topic():
    out = run()
    assert out["paragraphs"] == len(_paragraphs(HELDOUT2))
    assert set(out["per_topic"]) == set(TOPICS)
    for slug, row in out["per_topic"].items():
        assert row["tp"] + row["fn"] >= 10, slug
        assert row["recall"] is not None
    # Leaving the summaries out leaves out exactly the paragraphs labelled with no topic.
    empty = sum(1 for p in _paragraphs(HELDOUT2) if not p["topics"])
    assert empty and run(summaries=False)["paragraphs"] == out["paragraphs"] - empty
