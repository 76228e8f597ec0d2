"""Filters and disjunctive facet counts.

A filter is a plain object (field, selected values); ``Filters`` ANDs them,
ORing values within one facet.  Facet counts are *disjunctive*: each facet
is counted with every other facet's selection applied but not its own, so
ticking a second district shows what it would add.  Facets without a
selection share one aggregation pass; each selected facet needs its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import tantivy

from indexer import facet_keys
from indexer import schema as F
from indexer.gazetteer import gazetteer
from indexer.topics import taxonomy

from .models import FacetValue, Facets

FACETS = facet_keys.FACETS
FIELD_OF = {"district": F.DISTRICT, "province": F.PROVINCE, "year": F.YEAR, "topic": F.TOPIC}


@dataclass
class Filters:
    district: list[str] = field(default_factory=list)
    province: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None

    def selected(self, facet: str) -> list:
        return getattr(self, facet)

    def clauses(self, schema: tantivy.Schema, skip: str | None = None) -> list[tantivy.Query]:
        out = []
        for facet in FACETS:
            values = self.selected(facet)
            if facet == skip or not values:
                continue
            terms = [tantivy.Query.term_query(schema, FIELD_OF[facet], v) for v in values]
            out.append(terms[0] if len(terms) == 1 else
                       tantivy.Query.boolean_query([(tantivy.Occur.Should, t) for t in terms]))
        if (self.year_from is not None or self.year_to is not None) and skip != "year":
            out.append(tantivy.Query.range_query(schema, F.YEAR, tantivy.FieldType.Integer, self.year_from, self.year_to))
        return out

    def apply(self, schema: tantivy.Schema, query: tantivy.Query, skip: str | None = None) -> tantivy.Query:
        clauses = self.clauses(schema, skip)
        if not clauses:
            return query
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, query)] + [(tantivy.Occur.Must, c) for c in clauses])


@lru_cache(maxsize=4096)
def _describe(facet: str, value: str) -> tuple[str, float | None, float | None]:
    """Label and map position of a facet value (the same few hundred values, every request)."""
    if facet == "district":
        gaz = gazetteer()
        district = gaz.districts.get(value)
        return (gaz.district_label(value), district.lat, district.lon) if district else (value, None, None)
    if facet == "province":
        gaz = gazetteer()
        return (gaz.province_label(value) if value in gaz.provinces else value), None, None
    if facet == "topic":
        return taxonomy().label(value), None, None
    return value, None, None


def label(facet: str, value) -> str:
    return _describe(facet, str(value))[0]


def _value(facet: str, value: str, count: int, selected: bool) -> FacetValue:
    text, lat, lon = _describe(facet, value)
    return {"value": value, "label": text, "count": count, "selected": selected, "lat": lat, "lon": lon}


def compute(searcher: tantivy.Searcher, schema: tantivy.Schema, text_query: tantivy.Query, filters: Filters) -> Facets:
    """Disjunctive counts in as few aggregation passes as there are selected facets, plus one."""
    passes: dict[str | None, list[str]] = {}
    for facet in FACETS:
        own = bool(filters.selected(facet)) or (facet == "year" and (filters.year_from or filters.year_to))
        passes.setdefault(facet if own else None, []).append(facet)
    out = Facets()
    for skip, facets in passes.items():
        counted = facet_keys.count(searcher, schema, filters.apply(schema, text_query, skip=skip), facets)
        for facet in facets:
            selected = {str(v) for v in filters.selected(facet)}
            values = [_value(facet, str(v), n, str(v) in selected) for v, n in counted[facet].items()]
            # A selected value with no hits still shows, so it can be unticked.
            seen = {v["value"] for v in values}
            values += [_value(facet, v, 0, True) for v in selected if v not in seen]
            if facet == "year":
                values.sort(key=lambda v: -int(v["value"]))
            else:
                values.sort(key=lambda v: (-v["count"], v["label"]))
            setattr(out, facet, values)
    return out
