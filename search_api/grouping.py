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
aggregation on the fast integer ``report_key`` column (``matching_reports``,
``indexer.facet_keys``): exact, and the source of ``total_reports``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import tantivy

from indexer import schema as F
from indexer.facet_keys import matching_reports

__all__ = ["Ranked", "matching_reports", "rank_reports", "report_paragraphs"]

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
    report: int  # its ``report_key``: the key of ``matching_reports``
    key: float
    address: tantivy.DocAddress
    paragraphs: list[tuple[float, tantivy.DocAddress, tantivy.Document]]


def rank_reports(
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    rank: Ranker,
    wanted: int,
    matches: int,
    skip: frozenset[int] = frozenset(),
) -> list[Ranked]:
    """The first ``wanted`` reports (fewer when fewer match) in the order ``rank`` gives
    their paragraphs; ``matches`` is how many paragraphs match; reports in ``skip`` (keys) are left out."""
    seen: dict[int, Ranked] = {}
    read = 0
    window = max(MIN_WINDOW, wanted * WINDOW_FACTOR)
    while read < matches and len(seen) < wanted:
        for key, address in rank(query, window - read, read):
            doc = searcher.doc(address)
            report = int(doc.get_first(F.REPORT_KEY) or 0)
            if report in skip:
                continue
            ranked = seen.get(report)
            if ranked is None:
                seen[report] = Ranked(str(doc.get_first(F.DOC_ID)), report, key, address, [(key, address, doc)])
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
