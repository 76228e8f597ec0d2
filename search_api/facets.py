"""Disjunctive facet counts.

Each facet is counted with every other facet's selection applied but not its
own, so ticking a second district shows what it would add.  Facets without a
selection share one aggregation pass; each selected facet needs its own.
Which facets there are, and how their values read, is ``indexer.facets``.
"""

from __future__ import annotations

import tantivy

from indexer import facet_keys
from indexer.facets import BY_NAME, FACETS, describe

from .filters import Filters
from .models import Facets, FacetValue


def label(facet: str, value: str | int) -> str:
    return describe(facet, str(value))[0]


def _values(facet: str, counted: dict, selected: set[str]) -> list[FacetValue]:
    """One facet's values, in the order the page shows them.  Runs for ~1,400 values
    per broad search, so labels come from the cache and dicts are built in one pass."""
    out: list[FacetValue] = []
    for value, count in counted.items():
        value = str(value)
        text, lat, lon = describe(facet, value)
        out.append(
            {"value": value, "label": text, "count": count, "selected": value in selected, "lat": lat, "lon": lon}
        )
    # A selected value with no hits still shows, so it can be unticked.
    for value in selected.difference(v["value"] for v in out) if selected else ():
        text, lat, lon = describe(facet, value)
        out.append({"value": value, "label": text, "count": 0, "selected": True, "lat": lat, "lon": lon})
    if BY_NAME[facet].order == "value_desc":
        out.sort(key=lambda v: -int(v["value"]))
    else:
        out.sort(key=lambda v: (-v["count"], v["label"]))
    return out


def compute(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    text_query: tantivy.Query,
    filters: Filters,
    per_report: bool = False,
) -> tuple[Facets, dict[int, int] | None]:
    """Disjunctive counts in as few aggregation passes as there are selected facets, plus one.

    ``per_report``: counts of reports (``group=report``), so that ticking a value gives
    as many report cards as it said; then also {report key: matching paragraphs}, read in
    the pass of the facets without a selection (None when every facet has one)."""
    passes: dict[str | None, list[str]] = {}
    for facet in FACETS:
        passes.setdefault(facet.name if filters.narrows(facet.name) else None, []).append(facet.name)
    out = Facets()
    reports = None
    for skip, names in passes.items():
        query = filters.apply(schema, text_query, skip=skip)
        if per_report:
            counted, paragraphs = facet_keys.count_reports(searcher, schema, query, names)
            if skip is None:
                reports = paragraphs
        else:
            counted = facet_keys.count(searcher, schema, query, names)
        for name in names:
            setattr(out, name, _values(name, counted[name], {str(v) for v in filters.selected(name)}))
    return out, reports
