"""The words-as-words table of docs/QUALITY.md, kept: on a generated corpus, the engine's
total for each compound query (with and without marks) is within 0.87–1.15 of an
independent count of paragraphs holding each word with its syllables side by side."""

from __future__ import annotations


def test_totals_count_words_as_words(tmp_path):
    from bench.words import build, run

    rows = run(build(100, tmp_path))
    assert len(rows) >= 30
    off = [(r.query, r.engine, r.independent) for r in rows if not 0.87 <= r.ratio <= 1.15]
    assert not off, off
    assert all(r.independent > 0 for r in rows)
