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
both read counts through it.
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

#: The key of "no value" in every column.
NONE = 0


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
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: tantivy.Query, facets: Iterable[str]
) -> dict[str, dict]:
    """{facet: {value: paragraphs}} for the paragraphs matching ``query``, in one pass.

    Values are GSO codes for district and province, ints for year, slugs for topic.
    Decoding runs on every search (hundreds of buckets for a broad query), so
    each key is decoded once per process (``_place_codes``, ``_mask_bits``).
    """
    facets = list(facets)
    fields = sorted({BY_NAME[f].column for f in facets})
    result = searcher.aggregate(query, {f: {"terms": {"field": f, "size": BUCKETS}} for f in fields})
    out: dict[str, dict] = {f: {} for f in facets}
    if F.PLACE in fields:
        districts, provinces, today = out.get("district"), out.get("province"), out.get("province_2025")
        for bucket in result[F.PLACE]["buckets"]:
            if bucket["key"] == NONE:
                continue
            province, district = _place_codes(bucket["key"])
            n = bucket["doc_count"]
            if provinces is not None:
                provinces[province] = provinces.get(province, 0) + n
            if today is not None:
                code = _today(province)
                today[code] = today.get(code, 0) + n
            if districts is not None and district:
                districts[district] = n
    if F.OFFICE in fields:
        issuers, kinds = out.get("issuer"), out.get("kind")
        for bucket in result[F.OFFICE]["buckets"]:
            issuer, kind = office_codes(bucket["key"])
            n = bucket["doc_count"]
            if issuers is not None and issuer:
                issuers[issuer] = issuers.get(issuer, 0) + n
            if kinds is not None and kind:
                kinds[kind] = kinds.get(kind, 0) + n
    if "year" in out:
        out["year"] = {int(b["key"]): b["doc_count"] for b in result[F.YEAR_KEY]["buckets"] if b["key"] != NONE}
    if "topic" in out:
        out["topic"] = _topics(searcher, schema, query, result[F.TOPIC_BITS])
    return out


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
