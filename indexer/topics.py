"""Multi-label topics for a paragraph from a weighted lexicon kept as data.

Explainable by construction: the result lists the terms that fired and their
weights, which ``python -m indexer inspect`` prints.  A term fires only when
its syllables start and end on pyvi word boundaries, so "nghị quyết" does not
fire inside "hội nghị quyết định".
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .analysis import Analysis
from .normalize import normalize, syllables

MAX_COUNT_PER_TERM = 2


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    terms: tuple[tuple[tuple[str, ...], float, str], ...]   # (syllables, weight, term as written)


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    threshold: float
    relative: float

    def label(self, slug: str) -> str:
        return next((t.label for t in self.topics if t.slug == slug), slug)

    @property
    def slugs(self) -> list[str]:
        return [t.slug for t in self.topics]


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    data = json.loads(resources.files(__package__).joinpath("data/topics.json").read_text("utf-8"))
    topics = []
    for t in data["topics"]:
        terms = tuple((tuple(s.lower() for s in syllables(normalize(term))), float(w), term) for term, w in t["terms"].items())
        topics.append(Topic(t["slug"], t["label"], terms))
    return Taxonomy(tuple(topics), float(data["threshold"]), float(data["relative"]))


@dataclass
class TopicResult:
    topics: list[str]
    fired: dict[str, list[tuple[str, float]]]   # slug → (term, weight × count)
    scores: dict[str, float]


def classify(analysis: Analysis, tax: Taxonomy | None = None) -> TopicResult:
    tax = tax or taxonomy()
    sylls = analysis.syllables
    starts = analysis.word_starts() if analysis.word_bounds else None
    ends = analysis.word_ends() if analysis.word_bounds else None
    # Index syllable positions once: a term is checked only where its first syllable occurs.
    where: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sylls):
        where[s].append(i)
    scores: dict[str, float] = {}
    fired: dict[str, list[tuple[str, float]]] = {}
    for topic in tax.topics:
        total = 0.0
        hits: list[tuple[str, float]] = []
        for term, weight, written in topic.terms:
            n = len(term)
            count = 0
            for i in where.get(term[0], ()):
                if tuple(sylls[i:i + n]) != term:
                    continue
                if starts is not None and (i not in starts or (i + n) not in ends):
                    continue
                count += 1
            if count:
                count = min(count, MAX_COUNT_PER_TERM)
                total += weight * count
                hits.append((written, weight * count))
        if hits:
            scores[topic.slug] = total
            fired[topic.slug] = sorted(hits, key=lambda h: -h[1])
    best = max(scores.values(), default=0.0)
    chosen = [slug for slug, s in sorted(scores.items(), key=lambda kv: -kv[1])
              if s >= tax.threshold and s >= tax.relative * best]
    return TopicResult(chosen, fired, scores)
