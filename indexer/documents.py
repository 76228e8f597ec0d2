"""A processed report as Tantivy documents: one per paragraph.

Used by the build and by the API's ingest, so both write the same fields.
Report-level metadata (title, district, year, ...) is repeated on every
paragraph: filters and facets then need no join, and the report can be read
back from its paragraphs alone.
"""
from __future__ import annotations

import tantivy

from . import schema as F
from .analysis import Analysis
from .normalize import fold_token
from .pipeline import Report

#: Word n-grams offered as completions.
MAX_SUGGEST_WORDS = 3
#: A completion neither starts nor ends with these (no "nông thôn mới và").
EDGE_STOPWORDS = frozenset(
    "và của các được là có với cho trong để đã theo từ tại những một này đến về trên như khi thì mà nhưng cũng "
    "đang sẽ do bị hay hoặc nên vào ra lại rất đó đây năm các_cấp nhằm gắn tới qua".split())


def suggest_terms(analysis: Analysis) -> set[str]:
    """Words and word bigrams/trigrams, keyed by their folded form."""
    words = [w.replace("_", " ") for w in analysis.words]
    folded = [fold_token(w) for w in words]
    alpha = [w.replace(" ", "").isalpha() for w in words]
    stop = [w in EDGE_STOPWORDS for w in analysis.words]
    out: set[str] = set()
    for i in range(len(words)):
        if not alpha[i] or stop[i]:
            if alpha[i] and len(words[i]) >= 3:
                out.add(f"{folded[i]}{F.SUGGEST_SEP}{words[i]}")
            continue
        for n in range(1, MAX_SUGGEST_WORDS + 1):
            j = i + n
            if j > len(words) or not alpha[j - 1]:
                break
            if n == 1 and len(words[i]) < 3:
                continue
            if stop[j - 1]:
                continue
            out.add(" ".join(folded[i:j]) + F.SUGGEST_SEP + " ".join(words[i:j]))
    return out


def to_tantivy(report: Report) -> list[tantivy.Document]:
    docs = []
    published = int(report.published.strftime("%Y%m%d")) if report.published else None
    for p in report.paragraphs:
        d = tantivy.Document()
        d.add_text(F.ID, p.id(report.id))
        d.add_text(F.DOC_ID, report.id)
        d.add_integer(F.POSITION, p.position)
        d.add_text(F.TEXT, p.text)
        d.add_text(F.SYL, " ".join(p.analysis.syllables))
        d.add_text(F.WORDS, " ".join(p.analysis.words))
        for concept in p.concepts:
            d.add_text(F.CONCEPTS, concept)
        if report.title:
            d.add_text(F.TITLE, report.title)
        if report.district:
            d.add_text(F.DISTRICT, report.district.code)
        if report.province:
            d.add_text(F.PROVINCE, report.province.code)
        if report.year is not None:
            d.add_integer(F.YEAR, report.year)
        for y in p.years:
            d.add_integer(F.YEARS, y)
        for slug in p.topics:
            d.add_text(F.TOPIC, slug)
        if published is not None:
            d.add_integer(F.PUBLISHED, published)
        d.add_integer(F.DATE_KEY, published or (report.year * 10000 + 1231 if report.year else 0))
        for field, value in ((F.SOURCE, report.source), (F.AUTHOR, report.author), (F.FILE, report.file), (F.URL, report.url)):
            if value:
                d.add_text(field, value)
        d.add_integer(F.PARAGRAPHS, len(report.paragraphs))
        for code in report.districts_mentioned:
            d.add_text(F.MENTIONED, code)
        for term in suggest_terms(p.analysis):
            d.add_text(F.SUGGEST, term)
        docs.append(d)
    return docs
