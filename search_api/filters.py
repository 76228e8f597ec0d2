"""Filters: the facet values a search is narrowed to (OR within a facet, AND across
facets) and a range of years, as Tantivy clauses.  A plain object, one per request,
built from ``indexer.facets.FACETS``: a new facet filters without a change here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import tantivy

from indexer import schema as F
from indexer.facets import BY_NAME, FACETS, Facet


class Filters:
    """Selected values per facet, and ``year_from``/``year_to`` (inclusive)."""

    def __init__(
        self,
        selected: Mapping[str, Iterable[str | int]] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> None:
        selected = selected or {}
        unknown = set(selected) - set(BY_NAME)
        if unknown:
            raise TypeError(f"no such facet: {', '.join(sorted(unknown))}")
        self.values: dict[str, list[str | int]] = {f.name: list(selected.get(f.name, ())) for f in FACETS}
        self.year_from, self.year_to = year_from, year_to

    def selected(self, facet: str) -> list[str | int]:
        return self.values[facet]

    def narrows(self, facet: str) -> bool:
        """Whether this facet's own selection (or the year range, for years) narrows the search."""
        return bool(self.values[facet]) or (
            facet == "year" and (self.year_from is not None or self.year_to is not None)
        )

    def clauses(self, schema: tantivy.Schema, skip: str | None = None) -> list[tantivy.Query]:
        """One clause per facet with a selection, except ``skip`` (disjunctive counts)."""
        out = []
        for facet in FACETS:
            values = self.values[facet.name]
            if facet.name == skip or not values:
                continue
            terms = [_term(schema, facet, v) for v in values]
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
        """``query`` narrowed by every filter but ``skip``'s."""
        clauses = self.clauses(schema, skip)
        if not clauses:
            return query
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, query)] + [(tantivy.Occur.Must, c) for c in clauses])

    def copy(self) -> Filters:
        return Filters(self.values, self.year_from, self.year_to)


def _term(schema: tantivy.Schema, facet: Facet, value: str | int) -> tantivy.Query:
    return tantivy.Query.term_query(schema, facet.field, int(value) if facet.numeric else value)
