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

from .models import Facets, FacetValue

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
            out.append(
                terms[0] if len(terms) == 1 else tantivy.Query.boolean_query([(tantivy.Occur.Should, t) for t in terms])
            )
        if (self.year_from is not None or self.year_to is not None) and skip != "year":
            out.append(
                tantivy.Query.range_query(
                    schema, F.YEAR, tantivy.FieldType.Integer, self.year_from, self.year_to, use_inverted_index=True
                )
            )
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


def _values(facet: str, counted: dict, selected: set[str]) -> list[FacetValue]:
    """One facet's values, in the order the page shows them.  Runs for ~1,400 values
    per broad search, so labels come from the cache and dicts are built in one pass."""
    out: list[FacetValue] = []
    for value, count in counted.items():
        value = str(value)
        text, lat, lon = _describe(facet, value)
        out.append(
            {"value": value, "label": text, "count": count, "selected": value in selected, "lat": lat, "lon": lon}
        )
    # A selected value with no hits still shows, so it can be unticked.
    for value in selected.difference(v["value"] for v in out) if selected else ():
        text, lat, lon = _describe(facet, value)
        out.append({"value": value, "label": text, "count": 0, "selected": True, "lat": lat, "lon": lon})
    if facet == "year":
        out.sort(key=lambda v: -int(v["value"]))
    else:
        out.sort(key=lambda v: (-v["count"], v["label"]))
    return out


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
            setattr(out, facet, _values(facet, counted[facet], {str(v) for v in filters.selected(facet)}))
    return out
