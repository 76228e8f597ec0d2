"""Results by report: one hit per report, ranked by its best paragraph.

The index holds paragraphs, and Tantivy ranks paragraphs; it cannot rank terms
buckets by their best score (tantivy-py's ``max`` of ``_score`` is empty and
``top_hits`` sorts by fast fields only: probed on 0.27).  So reports are ranked
here, from the paragraphs in rank order: a report's rank is where its first
(best) paragraph stands.  If the top N paragraphs hold the first K reports,
those K are exactly the K best, whatever lies below N; so the window of
paragraphs read grows (doubling) until it holds the reports a page needs, or
every match.  Deep pages of broad queries read more paragraphs: that is the
cost, measured in docs/BENCHMARKS.md.

Which reports match, and how many of their paragraphs, is one terms
aggregation on the fast ``doc_id`` column (``matching_reports``): exact, and
the source of ``total_reports`` on every search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import tantivy

from indexer import schema as F
from indexer.facet_keys import REPORT_BUCKETS

#: The first window of paragraphs read for a page of ``n`` reports: ``n`` times this.
WINDOW_FACTOR = 4
#: Paragraphs read at least (a report often has several matching paragraphs).
MIN_WINDOW = 50
#: Paragraphs shown under a report's best one ("up to 2 more").
MORE = 2

#: Ranks ``limit`` paragraphs of a query from ``offset``: [(score or sort key, address)].
Ranker = Callable[[tantivy.Query, int, int], list[tuple[float, tantivy.DocAddress]]]


@dataclass
class Ranked:
    """A report in rank order: the key and address of its first paragraph in that order, and
    its first paragraphs in that order (up to ``1 + MORE``) as read, with their documents."""

    doc_id: str
    key: float
    address: tantivy.DocAddress
    paragraphs: list[tuple[float, tantivy.DocAddress, tantivy.Document]]


def matching_reports(searcher: tantivy.Searcher, query: tantivy.Query) -> dict[str, int]:
    """{report id: its paragraphs matching ``query``} for every matching report."""
    result = searcher.aggregate(query, {"r": {"terms": {"field": F.DOC_ID, "size": REPORT_BUCKETS}}})
    return {b["key"]: b["doc_count"] for b in result["r"]["buckets"]}


def rank_reports(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    rank: Ranker,
    wanted: int,
    matches: int,
    skip: frozenset[str] = frozenset(),
) -> list[Ranked]:
    """The first ``wanted`` reports (fewer when fewer match) in the order ``rank`` gives
    their paragraphs; ``matches`` is how many paragraphs match; reports in ``skip`` are left out."""
    seen: dict[str, Ranked] = {}
    read = 0
    window = max(MIN_WINDOW, wanted * WINDOW_FACTOR)
    while read < matches and len(seen) < wanted:
        for key, address in rank(query, window - read, read):
            doc = searcher.doc(address)
            doc_id = str(doc.get_first(F.DOC_ID))
            if doc_id in skip:
                continue
            ranked = seen.get(doc_id)
            if ranked is None:
                seen[doc_id] = Ranked(doc_id, key, address, [(key, address, doc)])
            elif len(ranked.paragraphs) <= MORE:
                ranked.paragraphs.append((key, address, doc))
        read = window
        window *= 2
    return list(seen.values())[:wanted]


def report_paragraphs(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: tantivy.Query, doc_id: str, limit: int = 1 + MORE
) -> list[tuple[float, tantivy.DocAddress]]:
    """A report's best ``limit`` paragraphs for ``query``, by score (the report filter adds nothing to it)."""
    only = tantivy.Query.const_score_query(tantivy.Query.term_query(schema, F.DOC_ID, doc_id), 0.0)
    q = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, only)])
    return list(searcher.search(q, limit).hits)
