"""The search engine behind the API: open an index, search, read, ingest, delete.

Everything per request is here and nothing that could be done once is: the
abbreviation table, the segmenter and the gazetteer are loaded at start; the
query is analysed once; facets take one aggregation pass plus one per
selected facet, counted on a second thread while the first ranks when the
search is alone and in line when others are in flight (re-measured in #18's
round: tantivy-py 0.27 holds the GIL while it searches or aggregates, eleven
aggregations on two threads took as long as on one, so the second thread
overlaps only Python work); highlights are made only for the returned page.
"""

from __future__ import annotations

import gc
import mimetypes
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import tantivy

from indexer import schema as F
from indexer.analysis import Abbreviations
from indexer.documents import to_fields
from indexer.gazetteer import gazetteer
from indexer.normalize import fold, has_diacritics
from indexer.pipeline import Report, paragraph_id, process_text
from indexer.segmentation import Segmenter
from indexer.store import IndexDir
from indexer.topics import taxonomy
from indexer.writer import SINGLE_HEAP, IndexWriter, create_empty, document_count

from . import facets as facet_mod
from . import grouping, ranking, suggest
from .filters import Filters
from .highlight import SHORT_WINDOW_CHARS, Highlighter
from .models import (
    DocumentDetail,
    DocumentList,
    DocumentSummary,
    Facets,
    Health,
    Hit,
    IngestRequest,
    IngestResponse,
    Labelled,
    MoreParagraph,
    ParagraphOut,
    ReportHit,
    SearchResponse,
)
from .query import ParsedQuery, parse
from .reading import Reader, Vocabulary

MAX_PARAGRAPHS_PER_DOCUMENT = 100_000
RELOAD_SECONDS = 1.0
#: A suggestion must have this many times the hits of what was typed.
DID_YOU_MEAN_RATIO = 2.0
#: Threads that count facets beside the requests' own threads.
FACET_THREADS = 4


class NotFound(Exception):
    pass


@dataclass
class Row:
    """One exported or fed result: a paragraph, or a report by its best paragraph."""

    report_id: str
    paragraph_id: str
    position: int
    title: str | None
    district: Labelled | None
    province: Labelled | None
    province_2025: Labelled | None
    year: int | None
    published_date: date | None
    topics: list[Labelled]
    url: str | None
    text: str


@dataclass
class Rows:
    """Every full match up to a cap, read lazily (``rows`` loads stored documents as it goes)."""

    total: int
    capped: bool
    rows: Iterator[Row]


@dataclass
class _Ranked:
    count: int
    hits: list


class SearchParams:
    """A search: the query, its filters, the order and the page.

    Filters are given by facet name (``SearchParams(q="ntm", district=["264"])``),
    as the API's parameters are, or as a ready ``Filters``."""

    def __init__(
        self,
        q: str = "",
        *,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = 10,
        facets: bool = True,
        group: str = "paragraph",
        year_from: int | None = None,
        year_to: int | None = None,
        filters: Filters | None = None,
        **selected: Iterable[str | int],
    ) -> None:
        self.q, self.sort, self.page, self.per_page = q, sort, page, per_page
        #: Count facets (the page needs them; a tool that reads only hits can skip the pass).
        self.facets = facets
        #: "report": one hit per report, pages and facet counts by report (``grouping``).
        self.group = group
        self.filters = filters.copy() if filters is not None else Filters(selected, year_from, year_to)

    def but(self, **changes: Any) -> SearchParams:
        """A copy with some of ``q``, ``sort``, ``page``, ``per_page``, ``facets``, ``group`` changed."""
        fields = {
            "q": self.q,
            "sort": self.sort,
            "page": self.page,
            "per_page": self.per_page,
            "facets": self.facets,
            "group": self.group,
        }
        return SearchParams(**{**fields, **changes}, filters=self.filters)


def _first(doc: tantivy.Document, name: str):
    values = doc.get_all(name)
    return values[0] if values else None


def _paragraph_id(doc: tantivy.Document) -> str:
    return paragraph_id(_first(doc, F.DOC_ID), _first(doc, F.POSITION))


def _published(value) -> date | None:
    if not value:
        return None
    value = int(value)
    try:
        return date(value // 10000, value // 100 % 100, value % 100)
    except ValueError:
        return None


class Engine:
    def __init__(self, index_dir: Path, writable: bool = True) -> None:
        self.store = IndexDir(index_dir)
        if writable and not self.store.exists():
            create_empty(self.store)  # a writable server may start from nothing and take POSTs
        self.index = F.open_index(self.store.tantivy_path)
        self.schema = self.index.schema
        self.writable = writable
        self.abbreviations = Abbreviations.default().merged(self.store.load_abbreviations())
        self.segmenter = Segmenter()
        self.gazetteer = gazetteer()
        self.taxonomy = taxonomy()
        self._write_lock = threading.Lock()
        self._last_reload = time.monotonic()
        self.index.reload()
        self.segmenter.segment("Khởi động bộ tách từ.")  # load pyvi's model now, not on the first query
        self._facet_pool = ThreadPoolExecutor(FACET_THREADS, thread_name_prefix="facets")
        self._in_flight, self._in_flight_lock = 0, threading.Lock()
        # What start-up loaded (pyvi's model, the gazetteer: ~150k objects) lives as long as
        # the process: keep it out of the cyclic collector, whose full passes over it took
        # ~80 ms, the slowest requests' time.
        gc.collect()
        gc.freeze()

    @classmethod
    def open(cls, index_dir: Path | str, writable: bool = True) -> Engine:
        return cls(Path(index_dir), writable=writable)

    # ------------------------------------------------------------------ helpers
    def searcher(self) -> tantivy.Searcher:
        """A searcher on the latest commit (another process may be writing)."""
        now = time.monotonic()
        if now - self._last_reload > RELOAD_SECONDS:
            self.index.reload()
            self._last_reload = now
        return self.index.searcher()

    def _district(self, code) -> Labelled | None:
        if code and code in self.gazetteer.districts:
            return Labelled(value=code, label=self.gazetteer.district_label(code))
        return None

    def _province(self, code) -> Labelled | None:
        if code and code in self.gazetteer.provinces:
            return Labelled(value=code, label=self.gazetteer.province_label(code))
        return None

    @staticmethod
    def _labelled(facet: str, value: str | None) -> Labelled | None:
        """An issuer or kind slug with its label (``indexer.facets.describe``)."""
        return Labelled(value=value, label=facet_mod.label(facet, value)) if value else None

    def _topics(self, slugs) -> list[Labelled]:
        return [Labelled(value=s, label=self.taxonomy.label(s)) for s in slugs]

    def parse(self, q: str, searcher: tantivy.Searcher | None = None) -> ParsedQuery:
        """The query read as words: pyvi on accented runs, the index's vocabulary on
        unaccented ones (``reading``; its look-ups are term-dictionary walks)."""
        vocabulary = Vocabulary(searcher or self.searcher())
        return parse(q, self.abbreviations, Reader(self.segmenter, vocabulary))

    # ------------------------------------------------------------------ search
    def search(self, params: SearchParams) -> SearchResponse:
        with self._in_flight_lock:
            self._in_flight += 1
        try:
            return self._search(params)
        finally:
            with self._in_flight_lock:
                self._in_flight -= 1

    def _search(self, params: SearchParams) -> SearchResponse:
        started = time.perf_counter()
        searcher = self.searcher()
        parsed = self.parse(params.q, searcher)
        filters = params.filters
        by_report = params.group == "report"
        text_query = self._ranking_query(parsed)
        # What the totals and facets count: the same matches, without the ranking's boosts.
        counted_query = ranking.build_text_query(self.schema, parsed, None, boosts=False)
        facets_counted = self._count_facets(searcher, counted_query, filters, params.facets, by_report)
        offset = (params.page - 1) * params.per_page
        several_units = not parsed.is_empty and self._has_several_units(parsed)
        # Grouped, the matching reports (with their matching paragraphs) rank the page and
        # give ``total_reports``; ungrouped, they are not counted.
        reports: dict[int, int] | None = None
        result: _Ranked | None = None
        if by_report:
            reports = self._matching_reports(searcher, facets_counted, filters.apply(self.schema, counted_query))
            full_count = sum(reports.values())
        else:
            result = self._run(searcher, filters.apply(self.schema, text_query), params, offset, params.per_page)
            full_count = result.count
        partial = False
        if several_units and full_count == 0:
            # Nothing has every word: the best partial matches *are* the results.
            text_query = ranking.build_text_query(self.schema, parsed, self.segmenter, partial=True)
            counted_query = ranking.build_text_query(self.schema, parsed, None, partial=True, boosts=False)
            facets_counted = self._count_facets(searcher, counted_query, filters, params.facets, by_report)
            if by_report:
                reports = self._matching_reports(searcher, facets_counted, filters.apply(self.schema, counted_query))
                partial = bool(reports)
            else:
                result = self._run(searcher, filters.apply(self.schema, text_query), params, offset, params.per_page)
                partial = result.count > 0
        # Partial matches fill a short first page after the full ones, flagged.  Totals and facets
        # still count full matches only, so a facet's count is what ticking it gives.
        units = len(reports) if reports is not None else full_count  # what a page lists
        fill = several_units and not partial and params.sort == "relevance" and offset == 0
        fill = fill and 0 < units < params.per_page
        loose = ranking.build_text_query(self.schema, parsed, self.segmenter, partial=True) if fill else None
        listed: list[tuple[float, list[tantivy.Document], int, bool]] = []
        listed_paragraphs: list[tuple[float, tantivy.DocAddress, bool]] = []
        if reports is not None:
            listed = self._list_reports(searcher, text_query, loose, reports, params, offset, partial)
            total = sum(reports.values())
        elif result is not None:
            total = result.count
            listed_paragraphs = [(k, a, partial) for k, a in result.hits]
            if loose is not None and len(listed_paragraphs) < params.per_page:
                extra_query = filters.apply(
                    self.schema,
                    tantivy.Query.boolean_query([(tantivy.Occur.Must, loose), (tantivy.Occur.MustNot, text_query)]),
                )
                extra = self._run(searcher, extra_query, params, 0, params.per_page - len(listed_paragraphs))
                listed_paragraphs += [(k, a, True) for k, a in extra.hits]
        highlighter = Highlighter(searcher, self.schema, ranking.highlight_terms(parsed))
        # A partial hit may hold a word's syllables apart: mark them one by one there.
        any_partial = any(p for _, _, p in listed_paragraphs) or any(r[3] for r in listed)
        apart_marks = (
            Highlighter(searcher, self.schema, ranking.highlight_terms(parsed, apart=True))
            if any_partial
            else highlighter
        )
        hits: list[Hit] = []
        if by_report:
            short = Highlighter(searcher, self.schema, ranking.highlight_terms(parsed), window=SHORT_WINDOW_CHARS)
            short_apart = (
                Highlighter(
                    searcher, self.schema, ranking.highlight_terms(parsed, apart=True), window=SHORT_WINDOW_CHARS
                )
                if any_partial
                else short
            )
            for key, paragraphs, count, is_partial in listed:
                hits.append(
                    self._report_hit(
                        key if params.sort == "relevance" else 0.0,
                        paragraphs,
                        count,
                        is_partial,
                        (apart_marks, short_apart) if is_partial else (highlighter, short),
                    )
                )
        else:
            for key, address, is_partial in listed_paragraphs:
                doc = searcher.doc(address)
                hit = self._hit(
                    doc, key if params.sort == "relevance" else 0.0, apart_marks if is_partial else highlighter
                )
                hit.partial = is_partial
                hits.append(hit)
        facet_counts, _ = facets_counted.result() if facets_counted is not None else (Facets(), None)
        did_you_mean = self._did_you_mean(
            searcher, parsed, full_count, filters, [h.text for h in hits if not h.partial]
        )
        return SearchResponse(
            query=params.q,
            total=total,
            # Ungrouped, the reports are not counted: at 200,000 paragraphs that pass (terms on
            # doc_id over every match) cost 40 % of the searches per second and doubled the
            # server's memory (docs/BENCHMARKS.md).
            total_reports=len(reports) if by_report and reports is not None else None,
            group="report" if by_report else "paragraph",
            page=params.page,
            per_page=params.per_page,
            took_ms=round((time.perf_counter() - started) * 1000, 2),
            partial=partial,
            interpreted_as=parsed.interpreted_as or None,
            words=parsed.words,
            did_you_mean=did_you_mean,
            hits=hits,
            facets=facet_counts,
        )

    @staticmethod
    def _matching_reports(searcher: tantivy.Searcher, facets: Future | None, query: tantivy.Query) -> dict[int, int]:
        """{report key: matching paragraphs} of ``query`` (the filtered count query): read off the
        facet counts when they hold them, else counted here.  Waiting for the facets' thread costs
        nothing: tantivy-py 0.27 holds the GIL while it searches or aggregates (measured: eleven
        aggregations on two threads took as long as on one), so a second count beside it would
        only add its own time."""
        if facets is not None:
            reports = facets.result()[1]
            if reports is not None:
                return reports
        return grouping.matching_reports(searcher, query)

    def _list_reports(
        self,
        searcher: tantivy.Searcher,
        text_query: tantivy.Query,
        loose: tantivy.Query | None,
        reports: dict[int, int],
        params: SearchParams,
        offset: int,
        partial: bool,
    ) -> list[tuple[float, list[tantivy.Document], int, bool]]:
        """A page of reports: (rank key, best paragraphs, matching paragraphs, partial) each.

        Reports are ranked by their best paragraph (``grouping``); a short first page is
        filled with reports that match partially, as paragraphs are."""
        schema, filters = self.schema, params.filters

        def rank(query: tantivy.Query, limit: int, start: int) -> list[tuple[float, tantivy.DocAddress]]:
            return self._run(searcher, query, params, start, limit).hits

        full = filters.apply(schema, text_query)

        def best(r: grouping.Ranked, query: tantivy.Query, count: int) -> list[tantivy.Document]:
            # Ranked by score, the paragraphs read while ranking are the report's best when there
            # are enough of them; else (or sorted by date) the report's own best, one small search.
            if params.sort == "relevance" and len(r.paragraphs) >= min(1 + grouping.MORE, count):
                return [doc for _, _, doc in r.paragraphs]
            return [searcher.doc(a) for _, a in grouping.report_paragraphs(searcher, schema, query, r.doc_id)]

        # A page past the last report reads nothing (else it would read every match to find none).
        wanted = min(offset + params.per_page, len(reports)) if offset < len(reports) else 0
        ranked = grouping.rank_reports(searcher, full, rank, wanted, sum(reports.values()))[offset:]
        out = [(r.key, best(r, full, reports.get(r.report, 0)), reports.get(r.report, 0), partial) for r in ranked]
        if loose is not None and len(out) < params.per_page:
            extra = filters.apply(
                schema, tantivy.Query.boolean_query([(tantivy.Occur.Must, loose), (tantivy.Occur.MustNot, text_query)])
            )
            more = grouping.matching_reports(searcher, extra)
            for r in grouping.rank_reports(
                searcher, extra, rank, params.per_page - len(out), sum(more.values()), skip=frozenset(reports)
            ):
                out.append((r.key, best(r, extra, more[r.report]), more[r.report], True))
        return out

    def _report_hit(
        self,
        key: float,
        paragraphs: list[tantivy.Document],
        count: int,
        is_partial: bool,
        highlighters: tuple[Highlighter, Highlighter],
    ) -> ReportHit:
        """A report's card: its best paragraph as the hit, the next ones short under it."""
        full, short = highlighters
        best = self._hit(paragraphs[0], key, full)
        more = []
        for doc in paragraphs[1:]:
            more.append(
                MoreParagraph(
                    id=_paragraph_id(doc),
                    position=_first(doc, F.POSITION),
                    highlight=short.highlight(doc, _first(doc, F.TEXT) or ""),
                    partial=is_partial,
                )
            )
        fields = {name: getattr(best, name) for name in Hit.model_fields}
        return ReportHit(**{**fields, "partial": is_partial}, matching_paragraphs=count, more=more)

    def _count_facets(
        self, searcher: tantivy.Searcher, text_query: tantivy.Query, filters: Filters, wanted: bool, per_report: bool
    ) -> Future | None:
        """Facet counts (and the matching reports, ``facets.compute``) on a second
        thread, beside the ranking pass (None when not asked for).

        Only when this search is the process's only one: with others in flight the cores
        are busy anyway, and a second thread per search only added switches between
        threads (15 % more requests/s at 16 clients in two of three alternating runs)."""
        if not wanted:
            return None
        if self._in_flight > 1:
            done: Future = Future()
            done.set_result(facet_mod.compute(searcher, self.schema, text_query, filters, per_report))
            return done
        return self._facet_pool.submit(facet_mod.compute, searcher, self.schema, text_query, filters, per_report)

    @staticmethod
    def _has_several_units(parsed: ParsedQuery) -> bool:
        """Whether a partial match can exist: several words, or a word whose syllables may stand apart."""
        return len(parsed.groups) > 1 or any(len(t.syllables) > 1 and not t.phrase for t in parsed.positive_terms)

    @staticmethod
    def _run(
        searcher: tantivy.Searcher, query: tantivy.Query, params: SearchParams, offset: int, limit: int
    ) -> _Ranked:
        """Count the matches and rank a page of them, by score or by date."""
        if params.sort != "relevance":
            order = tantivy.Order.Desc if params.sort == "newest" else tantivy.Order.Asc
            r = searcher.search(query, limit, count=True, order_by_field=F.DATE_KEY, offset=offset, order=order)
        else:
            r = searcher.search(query, limit, count=True, offset=offset)
        return _Ranked(F.matches(r), list(r.hits))

    def _hit(self, doc: tantivy.Document, score: float, highlighter: Highlighter) -> Hit:
        text = _first(doc, F.TEXT) or ""
        return Hit(
            id=_paragraph_id(doc),
            document_id=_first(doc, F.DOC_ID),
            position=_first(doc, F.POSITION),
            text=text,
            highlight=highlighter.highlight(doc, text),
            score=round(float(score), 4),
            title=_first(doc, F.TITLE),
            title_highlight=highlighter.title(_first(doc, F.TITLE)),
            **self._report_tags(doc),
            source=_first(doc, F.SOURCE),
            page=_first(doc, F.PAGE),
            number=_first(doc, F.NUMBER),
            issuer=self._labelled("issuer", _first(doc, F.ISSUER)),
            kind=self._labelled("kind", _first(doc, F.KIND)),
            partial=False,
        )

    def _report_tags(self, doc: tantivy.Document) -> dict[str, Any]:
        """A paragraph's report tags as hits and exported rows both show them (labels, not codes)."""
        return {
            "district": self._district(_first(doc, F.DISTRICT)),
            "province": self._province(_first(doc, F.PROVINCE)),
            "province_2025": self._labelled("province_2025", _first(doc, F.PROVINCE_2025)),
            "year": _first(doc, F.YEAR),
            "published_date": _published(_first(doc, F.PUBLISHED)),
            "topics": self._topics(doc.get_all(F.TOPIC)),
        }

    def _count(self, searcher: tantivy.Searcher, parsed: ParsedQuery, filters: Filters, exact: bool = False) -> int:
        query = ranking.build_text_query(self.schema, parsed, None, boosts=False)
        if exact:
            # Every accented syllable exactly as written.
            clauses = [(tantivy.Occur.Must, query)]
            for term in parsed.positive_terms:
                for syllable in term.syllables:
                    if has_diacritics(syllable):
                        clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, F.SYL, syllable)))
            query = tantivy.Query.boolean_query(clauses)
        return F.matches(searcher.search(filters.apply(self.schema, query), 1))

    def _did_you_mean(
        self, searcher: tantivy.Searcher, parsed: ParsedQuery, total: int, filters: Filters, texts: list[str]
    ) -> str | None:
        if (
            parsed.is_empty
            or parsed.excluded
            or any(t.phrase for t in parsed.positive_terms)
            or any(len(g) > 1 for g in parsed.groups)
        ):
            return None
        text = parsed.plain_text
        words = text.lower().split()
        folded = [fold(s) for t in parsed.positive_terms for s in t.syllables]
        candidate = None
        if total == 0:
            # Misspelt: replace syllables that no paragraph contains.
            fixed, changed = [], False
            for s in folded:
                if searcher.doc_freq(F.TEXT, s) == 0:  # O(1), where counting read every posting
                    repl = suggest.correct_syllable(searcher, s)
                    if repl:
                        fixed.append(repl)
                        changed = True
                        continue
                fixed.append(s)
            if not changed:
                return None
            folded = fixed
            probe = self.parse(" ".join(fixed), searcher)
            if self._count(searcher, probe, filters) == 0:
                return None
            candidate = " ".join(fixed)
        if has_diacritics(text) and candidate is None:
            # Marks typed, but a syllable with those marks is nowhere ("mởi"): read the
            # usual marks off the hits below.
            typed = [s for t in parsed.positive_terms for s in t.syllables if has_diacritics(s)]
            if all(searcher.doc_freq(F.SYL, s) > 0 for s in typed):
                return None
        # Unaccented (or just corrected): read the accented form off the best hits.
        accented = suggest.accented_form(texts, folded) if candidate is None else None
        if accented is None:
            probe = self.parse(" ".join(folded), searcher)
            query = filters.apply(self.schema, ranking.build_text_query(self.schema, probe, None))
            texts = [_first(searcher.doc(a), F.TEXT) or "" for _, a in searcher.search(query, 30).hits]
            accented = suggest.accented_form(texts, folded)
        if accented and accented != " ".join(words):
            if not has_diacritics(text):
                return accented  # read off a hit: it exists, and the typed form has no marks at all
            typed_exact = self._count(searcher, self.parse(text, searcher), filters, exact=True)
            found = self._count(searcher, self.parse(accented, searcher), filters, exact=True)
            if found > 0 and found >= DID_YOU_MEAN_RATIO * typed_exact:
                return accented
        return candidate

    # ------------------------------------------------------------------ export and feeds
    def rows(self, params: SearchParams, cap: int) -> Rows:
        """Every full match of a search (paragraphs; reports by their best paragraph when
        grouped), in its order, up to ``cap``: for CSV and NDJSON.  Partial matches are not
        results here: an export is what the totals count."""
        searcher = self.searcher()
        parsed = self.parse(params.q, searcher)
        filters = params.filters
        counted = filters.apply(self.schema, ranking.build_text_query(self.schema, parsed, None, boosts=False))
        ranked = filters.apply(self.schema, self._ranking_query(parsed))
        reports = grouping.matching_reports(searcher, counted)
        total_paragraphs = sum(reports.values())

        def rank(query: tantivy.Query, limit: int, start: int) -> list[tuple[float, tantivy.DocAddress]]:
            return self._run(searcher, query, params, start, limit).hits if limit > 0 else []

        if params.group == "report":
            order = grouping.rank_reports(searcher, ranked, rank, cap, total_paragraphs)
            best = (
                (lambda r: r.address)
                if params.sort == "relevance"
                else (lambda r: grouping.report_paragraphs(searcher, self.schema, ranked, r.doc_id, 1)[0][1])
            )
            addresses: Iterator[tantivy.DocAddress] = (best(r) for r in order)
            total = len(reports)
        else:
            addresses = (a for _, a in rank(ranked, min(cap, total_paragraphs), 0))
            total = total_paragraphs
        return Rows(total, total > cap, self._rows(searcher, addresses))

    def document_rows(self, params: SearchParams, cap: int) -> Rows:
        """The reports ``documents`` lists, newest first, up to ``cap``: each by its first paragraph."""
        searcher = self.searcher()
        result = self._first_paragraphs(searcher, self._documents_query(searcher, params), cap, 0)
        return Rows(result.count, result.count > cap, self._rows(searcher, (a for _, a in result.hits)))

    def feed(self, params: SearchParams, entries: int) -> list[Row]:
        """The newest ``entries`` reports matching a search (published date, else year), each
        by its best paragraph: a feed's entries."""
        # Sorted by date, ``rows`` picks each report's best paragraph by score.
        return list(self.rows(params.but(group="report", sort="newest"), entries).rows)

    def _ranking_query(self, parsed: ParsedQuery) -> tantivy.Query:
        """The query that ranks, place boosts included (``_search`` builds the same)."""
        query = ranking.build_text_query(self.schema, parsed, self.segmenter)
        places = ranking.place_boosts(self.schema, parsed)
        if places:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query)] + [(tantivy.Occur.Should, q) for q in places]
            )
        return query

    def _rows(self, searcher: tantivy.Searcher, addresses: Iterable[tantivy.DocAddress]) -> Iterator[Row]:
        """Rows for paragraphs; a report's address (stored on its first paragraph only) is read once."""
        urls: dict[str, str | None] = {}
        for address in addresses:
            doc = searcher.doc(address)
            doc_id, position = _first(doc, F.DOC_ID), _first(doc, F.POSITION)
            if doc_id not in urls:
                urls[doc_id] = _first(doc, F.URL) if position == 0 else self._report_url(searcher, doc_id)
            yield Row(
                report_id=doc_id,
                paragraph_id=paragraph_id(doc_id, position),
                position=position,
                title=_first(doc, F.TITLE),
                **self._report_tags(doc),
                url=urls[doc_id],
                text=_first(doc, F.TEXT) or "",
            )

    def _report_url(self, searcher: tantivy.Searcher, doc_id: str) -> str | None:
        first = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, F.DOC_ID, doc_id)),
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, F.POSITION, 0)),
            ]
        )
        hits = searcher.search(first, 1).hits
        return _first(searcher.doc(hits[0][1]), F.URL) if hits else None

    # ------------------------------------------------------------------ facets and suggestions
    def facets(self) -> Facets:
        searcher = self.searcher()
        return facet_mod.compute(searcher, self.schema, tantivy.Query.all_query(), Filters())[0]

    def suggest(self, prefix: str) -> list[tuple[str, int]]:
        return suggest.complete(self.searcher(), prefix)

    # ------------------------------------------------------------------ documents
    def _first_paragraphs(self, searcher: tantivy.Searcher, query: tantivy.Query, limit: int, offset: int):
        first = tantivy.Query.term_query(self.schema, F.POSITION, 0)
        q = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, first)])
        return searcher.search(q, limit, count=True, order_by_field=F.DATE_KEY, offset=offset, order=tantivy.Order.Desc)

    def _summary(self, doc: tantivy.Document) -> DocumentSummary:
        return DocumentSummary(
            id=_first(doc, F.DOC_ID),
            title=_first(doc, F.TITLE),
            district=self._district(_first(doc, F.DISTRICT)),
            province=self._province(_first(doc, F.PROVINCE)),
            province_2025=self._labelled("province_2025", _first(doc, F.PROVINCE_2025)),
            year=_first(doc, F.YEAR),
            published_date=_published(_first(doc, F.PUBLISHED)),
            source=_first(doc, F.SOURCE),
            author=_first(doc, F.AUTHOR),
            file=_first(doc, F.FILE),
            url=_first(doc, F.URL),
            number=_first(doc, F.NUMBER),
            issuer=self._labelled("issuer", _first(doc, F.ISSUER)),
            issuer_name=_first(doc, F.ISSUER_NAME),
            kind=self._labelled("kind", _first(doc, F.KIND)),
            place_date=_first(doc, F.PLACE_DATE),
            paragraphs=_first(doc, F.PARAGRAPHS) or 0,
        )

    def documents(self, params: SearchParams) -> DocumentList:
        searcher = self.searcher()
        query = self._documents_query(searcher, params)
        result = self._first_paragraphs(searcher, query, params.per_page, (params.page - 1) * params.per_page)
        docs = [self._summary(searcher.doc(a)) for _, a in result.hits]
        return DocumentList(total=result.count, page=params.page, per_page=params.per_page, documents=docs)

    def _documents_query(self, searcher: tantivy.Searcher, params: SearchParams) -> tantivy.Query:
        """Reports matching the filters and, when given, with a paragraph matching the query."""
        parsed = self.parse(params.q, searcher)
        query = params.filters.apply(self.schema, ranking.build_text_query(self.schema, parsed, None, boosts=False))
        if not parsed.is_empty:
            # Reports with a matching paragraph.
            ids = self._matching_document_ids(searcher, query)
            terms = [tantivy.Query.term_query(self.schema, F.DOC_ID, i) for i in ids]
            query = (
                tantivy.Query.boolean_query([(tantivy.Occur.Should, t) for t in terms])
                if terms
                else tantivy.Query.empty_query()
            )
        return query

    def _matching_document_ids(self, searcher: tantivy.Searcher, query: tantivy.Query) -> list[str]:
        result = searcher.aggregate(query, {"d": {"terms": {"field": F.DOC_ID, "size": 65000}}})
        return [b["key"] for b in result["d"]["buckets"]]

    def document(self, doc_id: str) -> DocumentDetail:
        searcher = self.searcher()
        query = tantivy.Query.term_query(self.schema, F.DOC_ID, doc_id)
        result = searcher.search(query, MAX_PARAGRAPHS_PER_DOCUMENT, order_by_field=F.POSITION, order=tantivy.Order.Asc)
        if not result.hits:
            raise NotFound(doc_id)
        docs = [searcher.doc(a) for _, a in result.hits]
        head = self._summary(docs[0])
        paragraphs = [
            ParagraphOut(
                id=_paragraph_id(d),
                position=_first(d, F.POSITION),
                text=_first(d, F.TEXT) or "",
                topics=self._topics(d.get_all(F.TOPIC)),
                page=_first(d, F.PAGE),
            )
            for d in docs
        ]
        mentioned = [m for m in (self._district(c) for c in docs[0].get_all(F.MENTIONED)) if m]
        return DocumentDetail(
            **head.model_dump(exclude={"paragraphs"}), districts_mentioned=mentioned, paragraphs=paragraphs
        )

    def original(self, doc_id: str) -> tuple[Path, str, str]:
        """(file, download name, media type) of a report's original: the file it was read from
        when kept (PDF, Word, scan, HTML), else its text."""
        searcher = self.searcher()
        first = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, F.DOC_ID, doc_id)),
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, F.POSITION, 0)),
            ]
        )
        hits = searcher.search(first, 1).hits
        if not hits:
            raise NotFound(doc_id)
        name = _first(searcher.doc(hits[0][1]), F.FILE) or f"{doc_id}.txt"
        source = self.store.source_path(doc_id)
        if source.exists():
            return source, name, mimetypes.guess_type(name)[0] or "application/octet-stream"
        text = self.store.original_path(doc_id)
        if not text.exists():
            raise NotFound(doc_id)
        return text, (name if name.lower().endswith(".txt") else f"{Path(name).stem or doc_id}.txt"), "text/plain"

    def index_figures(self) -> tuple[int, int, float]:
        """(reports, paragraphs, time of the last commit): for health and metrics."""
        searcher = self.searcher()
        meta = self.store.tantivy_path / "meta.json"
        committed = meta.stat().st_mtime if meta.exists() else 0.0
        return document_count(searcher), searcher.num_docs, committed

    def health(self) -> Health:
        documents, paragraphs, committed = self.index_figures()
        return Health(
            documents=documents,
            paragraphs=paragraphs,
            index_version=f"{F.SCHEMA_VERSION}.{int(committed)}",
            writable=self.writable,
        )

    # ------------------------------------------------------------------ writes
    def ingest(
        self, request: IngestRequest, *, file: str | None = None, source: bytes | None = None
    ) -> tuple[IngestResponse, bool]:
        """Index a posted report; ``file`` and ``source`` name and keep an uploaded file (its original)."""
        text = request.text
        if request.title and not text.lstrip().startswith(request.title.strip()):
            text = f"{request.title.strip()}\n\n{text}"
        report: Report = process_text(
            text,
            segmenter=self.segmenter,
            abbreviations=self.abbreviations,
            title=request.title,
            source=request.source,
            url=request.url,
            file=file,
            published=request.published_date,
            district_code=request.district,
            year=request.year,
        )
        if not report.paragraphs:
            raise ValueError("no report text left after cleaning: the text is too short or only page furniture")
        meta = {"file": file, "title": request.title, "source": request.source, "url": request.url, "origin": "api"}
        with self._write_lock, IndexWriter(self.store, self.index, heap=SINGLE_HEAP) as writer:
            created = not writer.committed(report.id)
            if created:
                writer.add(report.id, report.text, meta, to_fields(report), source=source)
                writer.commit()
        self._last_reload = time.monotonic()  # the writer reloaded the index
        topics = sorted({t for p in report.paragraphs for t in p.topics})
        return IngestResponse(
            id=report.id,
            created=created,
            title=report.title,
            district=self._district(report.district.code if report.district else None),
            province=self._province(report.province.code if report.province else None),
            province_2025=self._labelled("province_2025", report.province_2025.code if report.province_2025 else None),
            year=report.year,
            published_date=report.published,
            paragraphs=len(report.paragraphs),
            topics=self._topics(topics),
            given=report.given,
            number=report.official.number,
            issuer=self._labelled("issuer", report.official.issuer),
            kind=self._labelled("kind", report.official.kind),
        ), created

    def delete(self, doc_id: str) -> None:
        with self._write_lock, IndexWriter(self.store, self.index, heap=SINGLE_HEAP) as writer:
            if not writer.committed(doc_id):
                raise NotFound(doc_id)
            writer.delete(doc_id)
            writer.commit()
        self._last_reload = time.monotonic()
