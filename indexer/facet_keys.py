"""Facet values packed into single integers, because Tantivy counts those fastest.

Every search shows counts by district, province, year and topic.  A terms
aggregation over a multi-valued text column (topics) costs about eight times
one over a single-valued integer column: at 200,000 paragraphs the four facets
of a broad query took ~8 ms over the text columns and ~2 ms over these
(docs/BENCHMARKS.md).  So besides the readable fields that filters and hits
use, every paragraph carries two fast integers:

* ``place`` = province code × 1000 + district code (GSO codes have 2 and 3
  digits; district 0 when the report names its province only), so one column
  gives both the district and the province counts;
* ``topic_bits``: its topics as a bit mask, each topic's bit declared in
  ``topics.json`` (never renumbered, so old paragraphs keep their meaning);
* ``year_key``: the reviewed year;
* ``office`` = issuer code × 100 + kind code of an official document (``official``),
  one column for both facets.

All three are dense: a paragraph without a place, topic or year holds 0, which
counts for nothing.  Tantivy reads a column with gaps through an extra index,
and its aggregations were 2-4 times slower on one.

``count`` runs one aggregation for the facets asked and decodes it into plain
``value → paragraphs`` maps; the API's disjunctive facets and ``indexer stats``
both read counts through it.  ``count_reports`` counts reports instead (a
report once in each value any of its matching paragraphs has), from one terms
aggregation on the integer ``report_key`` (a report's number with its place,
year and office packed beside it) and a ``report_no`` histogram per topic; on
the text ``doc_id`` they cost twice as much, half of it turning ordinals back
into strings.  Tantivy's ``cardinality`` would be cheaper but is a HyperLogLog
estimate, and a count must be what ticking the value gives, exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import tantivy

from . import schema as F
from .facets import BY_NAME
from .official import office_codes
from .provinces2025 import provinces_2025
from .topics import Taxonomy, taxonomy

PLACE_FACTOR = 1000
#: Enough buckets for every place (≈760) and every topic combination (2^11).
BUCKETS = 20_000

#: Reports one ``doc_id`` aggregation may hold: Tantivy refuses an aggregation of more than
#: 65,000 buckets; past that, report counts would be short (not at 1M paragraphs: ~50k reports).
REPORT_BUCKETS = 65_000
#: The key of "no value" in every column.
NONE = 0

# ``report_key`` = number << 43 | place << 26 | year << 14 | office: a report's number in its index
# (``IndexWriter`` gives each added report the next one) with the values of its per-report facets.
OFFICE_BITS, YEAR_BITS, PLACE_BITS = 14, 12, 17
YEAR_SHIFT = OFFICE_BITS
PLACE_SHIFT = YEAR_SHIFT + YEAR_BITS
NUMBER_SHIFT = PLACE_SHIFT + PLACE_BITS
#: Report numbers an index can give out (the key is a non-negative i64): numbers only grow (a report
#: indexed anew takes a new one); past this, build the index anew (numbers from 0).
MAX_REPORT_NUMBER = (1 << (63 - NUMBER_SHIFT)) - 1


def report_key(number: int, place: int, year: int, office: int) -> int:
    """The ``report_key`` of a report's paragraphs; a value that does not fit its bits counts as none."""
    if not 0 <= number <= MAX_REPORT_NUMBER:
        raise ValueError(f"report number {number} out of range: build the index anew into an empty folder")
    place = place if 0 <= place < 1 << PLACE_BITS else NONE
    year = year if 0 <= year < 1 << YEAR_BITS else NONE
    office = office if 0 <= office < 1 << OFFICE_BITS else NONE
    return number << NUMBER_SHIFT | place << PLACE_SHIFT | year << YEAR_SHIFT | office


@cache  # one entry per (place, year, office) combination that occurs
def _unpack(values: int) -> tuple[int, int, int]:
    return values >> PLACE_SHIFT, values >> YEAR_SHIFT & ((1 << YEAR_BITS) - 1), values & ((1 << OFFICE_BITS) - 1)


def report_number(key: int) -> int:
    return int(key) >> NUMBER_SHIFT


def place_key(district: str | None, province: str | None) -> int:
    """``place`` of a report (``NONE`` when it has no province)."""
    if not province:
        return NONE
    return int(province) * PLACE_FACTOR + (int(district) if district else 0)


def topic_mask(slugs: Iterable[str], tax: Taxonomy | None = None) -> int:
    tax = tax or taxonomy()
    mask = 0
    for slug in slugs:
        mask |= 1 << tax.topic(slug).bit
    return mask


def count(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: tantivy.Query,
    facets: Iterable[str],
) -> dict[str, dict]:
    """{facet: {value: paragraphs}} for the paragraphs matching ``query``, in one pass.

    Values are GSO codes for district and province, ints for year, slugs for topic.
    Decoding runs on every search (hundreds of buckets for a broad query), so
    each key is decoded once per process (``_place_codes``, ``_mask_bits``).
    """
    facets = list(facets)
    fields = sorted({BY_NAME[f].column for f in facets})
    request = {f: {"terms": {"field": f, "size": BUCKETS}} for f in fields}
    result = searcher.aggregate(query, request)
    out: dict[str, dict] = {f: {} for f in facets}
    if F.PLACE in fields:
        _places(out, ((b["key"], b["doc_count"]) for b in result[F.PLACE]["buckets"]))
    if F.OFFICE in fields:
        _offices(out, ((b["key"], b["doc_count"]) for b in result[F.OFFICE]["buckets"]))
    if "year" in out:
        out["year"] = {int(b["key"]): b["doc_count"] for b in result[F.YEAR_KEY]["buckets"] if b["key"] != NONE}
    if "topic" in out:
        out["topic"] = _topics(searcher, schema, query, result[F.TOPIC_BITS])
    return out


def count_reports(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: tantivy.Query,
    facets: Iterable[str],
) -> tuple[dict[str, dict], dict[int, int]]:
    """({facet: {value: reports}}, {report key: matching paragraphs}) for ``query``.

    A facet with one value per report (``Facet.per_report``) is read off the report's key:
    one terms aggregation on ``report_key`` gives every matching report with its place, year
    and office (nested ``max`` aggregations cost 4-8 times more, docs/BENCHMARKS.md).  Topics
    differ per paragraph: each topic that any match has is one more pass, a ``histogram`` of
    ``report_no`` over the matches with that topic (a report counts once if any of its matches
    has it).  Those passes are most of a grouped search's work at 200,000 paragraphs: about half
    evaluating the query again, half returning a bucket per report (docs/BENCHMARKS.md)."""
    facets = list(facets)
    request = {"r": {"terms": {"field": F.REPORT_KEY, "size": REPORT_BUCKETS}}}
    if "topic" in facets:  # which topics the matches have, in the same pass
        request[F.TOPIC_BITS] = {"terms": {"field": F.TOPIC_BITS, "size": BUCKETS}}
    result = searcher.aggregate(query, request)
    paragraphs = {b["key"]: b["doc_count"] for b in result["r"]["buckets"]}
    columns = {BY_NAME[f].column for f in facets if BY_NAME[f].per_report}
    per_column: dict[str, dict[int, int]] = {c: {} for c in (F.PLACE, F.YEAR_KEY, F.OFFICE) if c in columns}
    if per_column:
        mask = (1 << NUMBER_SHIFT) - 1
        values: dict[int, int] = {}
        for key in paragraphs:
            v = key & mask
            values[v] = values.get(v, 0) + 1
        places, years, offices = (per_column.get(c) for c in (F.PLACE, F.YEAR_KEY, F.OFFICE))
        for v, n in values.items():
            place, year, office = _unpack(v)
            for counts, value in ((places, place), (years, year), (offices, office)):
                if counts is not None:
                    counts[value] = counts.get(value, 0) + n
    out: dict[str, dict] = {f: {} for f in facets}
    if F.PLACE in per_column:
        _places(out, per_column[F.PLACE].items())
    if F.OFFICE in per_column:
        _offices(out, per_column[F.OFFICE].items())
    if "year" in out:
        out["year"] = {k: n for k, n in per_column[F.YEAR_KEY].items() if k != NONE}
    if "topic" in out:
        present = _topics(searcher, schema, query, result[F.TOPIC_BITS])
        # A topic on one matching paragraph is on one report; the rest need a pass each.
        out["topic"] = {slug: 1 for slug, n in present.items() if n == 1}
        passes = [slug for slug, n in present.items() if n > 1]
        out["topic"].update((slug, _distinct_reports(searcher, schema, query, slug)) for slug in passes)
    return out, paragraphs


def matching_reports(searcher: tantivy.Searcher, query: tantivy.Query) -> dict[int, int]:
    """{report key: its paragraphs matching ``query``} for every matching report."""
    result = searcher.aggregate(query, {"r": {"terms": {"field": F.REPORT_KEY, "size": REPORT_BUCKETS}}})
    return {b["key"]: b["doc_count"] for b in result["r"]["buckets"]}


def _distinct_reports(searcher: tantivy.Searcher, schema: tantivy.Schema, query: tantivy.Query, slug: str) -> int:
    """How many reports have a paragraph that matches ``query`` and has the topic ``slug``."""
    with_topic = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, query), (tantivy.Occur.Must, tantivy.Query.term_query(schema, F.TOPIC, slug))]
    )
    histogram = {"histogram": {"field": F.REPORT_NO, "interval": 1, "min_doc_count": 1}}
    return len(searcher.aggregate(with_topic, {"r": histogram})["r"]["buckets"])


def _places(out: dict[str, dict], counted: Iterable[tuple[int, int]]) -> None:
    """Spread ``place`` counts over the district, province and today's province facets asked for."""
    districts, provinces, today = out.get("district"), out.get("province"), out.get("province_2025")
    for key, n in counted:
        if key == NONE:
            continue
        province, district = _place_codes(key)
        if provinces is not None:
            provinces[province] = provinces.get(province, 0) + n
        if today is not None:
            code = _today(province)
            today[code] = today.get(code, 0) + n
        if districts is not None and district:
            districts[district] = districts.get(district, 0) + n


def _offices(out: dict[str, dict], counted: Iterable[tuple[int, int]]) -> None:
    """Spread ``office`` counts over the issuer and kind facets asked for."""
    issuers, kinds = out.get("issuer"), out.get("kind")
    for key, n in counted:
        issuer, kind = office_codes(key)
        if issuers is not None and issuer:
            issuers[issuer] = issuers.get(issuer, 0) + n
        if kinds is not None and kind:
            kinds[kind] = kinds.get(kind, 0) + n


@cache  # one entry per place: ~760
def _place_codes(key: int) -> tuple[str, str | None]:
    """Bucket key → (province code, district code or None)."""
    province, district = divmod(int(key), PLACE_FACTOR)
    return f"{province:02d}", (f"{district:03d}" if district else None)


@cache  # one entry per legacy province: 63
def _today(province: str) -> str:
    """A legacy province's province since 1/7/2025: every one went whole into one."""
    return provinces_2025()[province].code


@cache  # one entry per topic combination that occurs: a few hundred
def _mask_bits(key: int) -> tuple[int, ...]:
    """The bits set in a topic mask."""
    mask, bits = int(key), []
    while mask:
        low = mask & -mask
        bits.append(low.bit_length() - 1)
        mask ^= low
    return tuple(bits)


def _topics(searcher: tantivy.Searcher, schema: tantivy.Schema, query: tantivy.Query, agg: dict) -> dict[str, int]:
    tax = taxonomy()
    if agg.get("sum_other_doc_count"):
        # More combinations than buckets (not with today's topics): count each topic on its own.
        out = {}
        for slug in tax.slugs:
            q = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), (tantivy.Occur.Must, tantivy.Query.term_query(schema, F.TOPIC, slug))]
            )
            n = F.matches(searcher.search(q, 1, count=True))
            if n:
                out[slug] = n
        return out
    per_bit = [0] * 64
    for bucket in agg["buckets"]:
        n = bucket["doc_count"]
        for bit in _mask_bits(bucket["key"]):
            per_bit[bit] += n
    return {t.slug: per_bit[t.bit] for t in tax.topics if per_bit[t.bit]}
