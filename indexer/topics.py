"""Multi-label topics for a paragraph from a weighted lexicon kept as data.

Explainable by construction: the result lists the terms that fired and their
weights, which ``python -m indexer inspect`` prints.  A term fires only when
its syllables start and end on pyvi word boundaries, so "nghị quyết" does not
fire inside "hội nghị quyết định".

A paragraph gets a topic by its weight over the whole paragraph (``threshold``,
``relative`` to the strongest, or ``sure``), or by one sentence it dominates:
a report often states a paragraph's second field in a sentence of its own
("… Cùng với đó, cuộc bầu cử … diễn ra an toàn"), which the paragraph's
relative cut would drop beside a stronger first field.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .analysis import Analysis
from .normalize import normalize, syllables

MAX_COUNT_PER_TERM = 2


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    bit: int  # its bit in the index's topic mask (``facet_keys``); declared in topics.json, never renumbered
    terms: tuple[tuple[tuple[str, ...], float, str], ...]  # (syllables, weight, term as written)


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    threshold: float
    relative: float
    #: First syllable → (topic slug, term index, term): a paragraph is scanned once.
    by_first_syllable: dict = field(default_factory=dict, compare=False, hash=False)
    by_slug: dict = field(default_factory=dict, compare=False, hash=False)
    #: A topic whose own weight reaches this is kept whatever the relative cut says.
    sure: float = math.inf
    #: A topic is also kept when, in one sentence, its weight reaches ``sentence``, is at least
    #: ``sentence_margin`` times that of every other topic in that sentence, and its weight over the
    #: paragraph is at least ``sentence_floor`` times the strongest topic's (inf: no sentence rule).
    sentence: float = math.inf
    sentence_margin: float = 2.0
    sentence_floor: float = 0.0

    def label(self, slug: str) -> str:
        return next((t.label for t in self.topics if t.slug == slug), slug)

    @property
    def slugs(self) -> list[str]:
        return [t.slug for t in self.topics]

    def topic(self, slug: str) -> Topic:
        return self.by_slug[slug]


def _index_terms(topics: tuple[Topic, ...]) -> dict[str, list[tuple[str, int, tuple[str, ...]]]]:
    index: dict[str, list[tuple[str, int, tuple[str, ...]]]] = {}
    for topic in topics:
        for i, (term, _, _) in enumerate(topic.terms):
            index.setdefault(term[0], []).append((topic.slug, i, term))
    return index


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The lexicon of ``data/topics.json``, read once per process."""
    return taxonomy_from(json.loads(resources.files(__package__).joinpath("data/topics.json").read_text("utf-8")))


def taxonomy_from(data: dict) -> Taxonomy:
    """A taxonomy from data in the format of ``topics.json`` (a variant under tuning, too)."""
    topics = []
    for t in data["topics"]:
        terms = tuple(
            (tuple(s.lower() for s in syllables(normalize(term))), float(w), term) for term, w in t["terms"].items()
        )
        topics.append(Topic(t["slug"], t["label"], int(t["bit"]), terms))
    topics_t = tuple(topics)
    bits = [t.bit for t in topics_t]
    if len(set(bits)) != len(bits) or not all(0 <= b <= 62 for b in bits):
        raise ValueError("topics.json: every topic needs its own 'bit' between 0 and 62")
    return Taxonomy(
        topics_t,
        float(data["threshold"]),
        float(data["relative"]),
        _index_terms(topics_t),
        {t.slug: t for t in topics_t},
        float(data.get("sure", math.inf)),
        float(data.get("sentence", math.inf)),
        float(data.get("sentence_margin", 2.0)),
        float(data.get("sentence_floor", 0.0)),
    )


@dataclass
class TopicResult:
    topics: list[str]
    fired: dict[str, list[tuple[str, float]]]  # slug → (term, weight × count)
    scores: dict[str, float]


def _weigh(tax: Taxonomy, counts: dict[tuple[str, int], int]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for (slug, index), count in counts.items():
        scores[slug] = scores.get(slug, 0.0) + tax.topic(slug).terms[index][1] * min(count, MAX_COUNT_PER_TERM)
    return scores


def _sentence_topics(tax: Taxonomy, hits: list[tuple[int, str, int]], analysis: Analysis) -> set[str]:
    """Topics that dominate at least one sentence of the paragraph (see ``Taxonomy.sentence``)."""
    bounds = sorted(analysis.sentence_starts)
    per_sentence: dict[int, dict[tuple[str, int], int]] = {}
    for position, slug, index in hits:
        counts = per_sentence.setdefault(bisect.bisect_right(bounds, position), {})
        counts[(slug, index)] = counts.get((slug, index), 0) + 1
    out = set()
    for counts in per_sentence.values():
        scores = _weigh(tax, counts)
        for slug, s in scores.items():
            rival = max((v for k, v in scores.items() if k != slug), default=0.0)
            if s >= tax.sentence and s >= tax.sentence_margin * rival:
                out.add(slug)
    return out


def classify(analysis: Analysis, tax: Taxonomy | None = None) -> TopicResult:
    tax = tax or taxonomy()
    sylls = analysis.syllables
    starts = analysis.word_starts() if analysis.word_bounds else None
    ends = analysis.word_ends() if analysis.word_bounds else None
    hits: list[tuple[int, str, int]] = []  # (syllable index, topic slug, term index)
    by_first = tax.by_first_syllable
    for i, s in enumerate(sylls):
        entries = by_first.get(s)
        if not entries or (starts is not None and i not in starts):
            continue
        for slug, index, term in entries:
            n = len(term)
            if (n == 1 or tuple(sylls[i : i + n]) == term) and (ends is None or (i + n) in ends):
                hits.append((i, slug, index))
    counts: dict[tuple[str, int], int] = {}
    for _, slug, index in hits:
        counts[(slug, index)] = counts.get((slug, index), 0) + 1
    scores = _weigh(tax, counts)
    fired: dict[str, list[tuple[str, float]]] = {}
    for (slug, index), count in counts.items():
        _, weight, written = tax.topic(slug).terms[index]
        fired.setdefault(slug, []).append((written, weight * min(count, MAX_COUNT_PER_TERM)))
    for slug in fired:
        fired[slug].sort(key=lambda h: -h[1])
    best = max(scores.values(), default=0.0)
    dominant = _sentence_topics(tax, hits, analysis) if tax.sentence < math.inf and analysis.sentence_starts else set()
    chosen = [
        slug
        for slug, s in sorted(scores.items(), key=lambda kv: -kv[1])
        if s >= tax.threshold
        and (s >= tax.relative * best or s >= tax.sure or (slug in dominant and s >= tax.sentence_floor * best))
    ]
    return TopicResult(chosen, fired, scores)
