"""A processed report as Tantivy documents: one per paragraph.

Used by the build and by the API's ingest, so both write the same fields.
Report-level metadata (title, district, year, ...) is repeated on every
paragraph: filters and facets then need no join, and the report can be read
back from its paragraphs alone.  What only the report's page shows (author,
file, URL, paragraph count, the districts it mentions, its completion terms)
rides on its first paragraph.
A paragraph's id is not stored: it is ``<doc_id>:<position>``.
"""

from __future__ import annotations

import tantivy

from . import schema as F
from .analysis import sentence_starts, syllable_pairs
from .facet_keys import NONE, place_key, topic_mask
from .normalize import fold_token, normalize, syllables
from .official import office_key
from .pipeline import Report

Fields = dict[str, list]


def to_fields(report: Report) -> list[Fields]:
    """Field → values for each paragraph: plain data, cheap to send from a worker process."""
    out: list[Fields] = []
    published = int(report.published.strftime("%Y%m%d")) if report.published else None
    # What a hit shows, filters match and facets count: on every paragraph.
    shared: Fields = {
        F.DOC_ID: [report.id],
        F.DATE_KEY: [published or (report.year * 10000 + 1231 if report.year else 0)],
        F.PLACE: [
            place_key(
                report.district.code if report.district else None, report.province.code if report.province else None
            )
        ],
        F.YEAR_KEY: [report.year or NONE],
        F.OFFICE: [office_key(report.official.issuer, report.official.kind)],
    }
    for field, value in (
        (F.TITLE, report.title),
        (F.SOURCE, report.source),
        (F.PUBLISHED, published),
        (F.YEAR, report.year),
        (F.DISTRICT, report.district.code if report.district else None),
        (F.PROVINCE, report.province.code if report.province else None),
        (F.PROVINCE_2025, report.province_2025.code if report.province_2025 else None),
        (F.NUMBER, report.official.number),
        (F.ISSUER, report.official.issuer),
        (F.ISSUER_NAME, report.official.issuer_name),
        (F.KIND, report.official.kind),
    ):
        if value is not None and value != "":
            shared[field] = [value]
    # What only the report's own page shows: on its first paragraph.  Completion terms
    # too: counts are then "reports that say it", and the postings are 20 times smaller.
    first_only: Fields = {F.PARAGRAPHS: [len(report.paragraphs)], F.MENTIONED: list(report.districts_mentioned)}
    for field, value in (
        (F.AUTHOR, report.author),
        (F.FILE, report.file),
        (F.URL, report.url),
        (F.PLACE_DATE, report.official.place_date),
    ):
        if value:
            first_only[field] = [value]
    report_terms = sorted(set().union(*(p.suggest for p in report.paragraphs))) if report.paragraphs else []
    if report_terms:
        first_only[F.SUGGEST] = ["\n".join(report_terms)]
    # Titles are searchable text: on the first paragraph, in fields of their own (phrases and
    # one-syllable words; pairs for multi-syllable words), never in the text shown.
    title_pairs = (
        syllable_pairs(
            [fold_token(s.lower()) for s in syllables(normalize(report.title))],
            sentence_starts(normalize(report.title)),
        )
        if report.title
        else []
    )
    if report.title:
        first_only[F.TITLE_TEXT] = [normalize(report.title)]
        first_only[F.TITLE_PAIRS] = [" ".join(title_pairs)]
    for p in report.paragraphs:
        fields = dict(shared)
        if p.position == 0:
            fields.update(first_only)
        fields.update(
            {
                F.POSITION: [p.position],
                F.TEXT: [p.text],
                # Ranking asks the words field only for compound words ("nông_thôn").
                F.SYL: [" ".join(p.analysis.syllables)],
                F.WORDS: [" ".join(w for w in p.analysis.words if "_" in w)],
                F.PAIRS: [" ".join(syllable_pairs(p.analysis.folded, p.analysis.breaks()) + p.analysis.comma_pairs())],
                F.CONCEPTS: list(p.concepts),
                F.TOPIC: list(p.topics),
                F.TOPIC_BITS: [topic_mask(p.topics)],
            }
        )
        if p.page is not None:
            fields[F.PAGE] = [p.page]
        out.append(fields)
    return out


def to_tantivy(paragraphs: list[Fields]) -> list[tantivy.Document]:
    """One ``Document.from_dict`` per paragraph: a single call into Tantivy, where adding
    field by field cost ~3 times as much (the build's main process does this for every paragraph)."""
    schema = F.schema()
    return [tantivy.Document.from_dict(fields, schema) for fields in paragraphs]
