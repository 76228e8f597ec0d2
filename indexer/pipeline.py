"""From a report's text to tagged, analysed paragraphs: the indexer's flow.

clean → split into paragraphs → tag district/province, year, topics → analyse.
``process_text`` is used by the build, by ``inspect`` and by the API's ingest,
so a document posted over HTTP is tagged exactly as a file is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .analysis import Abbreviations, Analysis, analyse, learn_definitions
from .cleaning import clean
from .dates import tag_year, years_mentioned
from .gazetteer import District, Province, gazetteer
from .normalize import nfc, normalize, syllables
from .official import Official, clean_title, extract
from .places import tag_places
from .provinces2025 import Province2025, province_2025
from .reading import ReportMeta, read_report
from .segmentation import Segmenter
from .suggestions import suggest_terms
from .topics import classify


def document_id(text: str) -> str:
    """Stable id: the first 16 hex digits of SHA-256 over the NFC text with
    whitespace collapsed.  The same report gives the same id on every machine
    and every rebuild, whatever the file is called; analysis changes never
    change it."""
    canonical = " ".join(nfc(text).split())  # = re.sub(r"\s+", " ", …).strip(), faster
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def paragraph_id(doc_id: str, position: int) -> str:
    """A paragraph's id: its report's and its position (not stored: rebuilt from both fields)."""
    return f"{doc_id}:{position}"


@dataclass
class Paragraph:
    position: int
    text: str  # as written (NFC), for display
    analysis: Analysis
    topics: list[str]
    fired: dict[str, list[tuple[str, float]]]
    years: list[int]
    concepts: list[str]
    suggest: set[str] = field(default_factory=set)  # completion terms (see documents.suggest_terms)
    page: int | None = None  # its page in a PDF or scan (pages are separated by form feeds), from 1

    def id(self, doc_id: str) -> str:
        return paragraph_id(doc_id, self.position)


@dataclass
class Report:
    id: str
    text: str
    file: str | None = None
    title: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    year: int | None = None
    district: District | None = None
    province: Province | None = None
    #: The province since 1/7/2025 (34 provinces) the report's legacy province went into; not indexed yet.
    province_2025: Province2025 | None = None
    districts_mentioned: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    abbreviations: dict[str, list[str]] = field(default_factory=dict)
    #: Which of title, source, published, district, year the caller gave (they override what is found).
    given: list[str] = field(default_factory=list)
    #: Number, issuer, kind, place and date of an official document (all None for a news page).
    official: Official = field(default_factory=Official)


def process_text(
    text: str,
    *,
    file: str | None = None,
    segmenter: Segmenter | None = None,
    abbreviations: Abbreviations | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: date | None = None,
    district_code: str | None = None,
    year: int | None = None,
) -> Report:
    """Clean, tag and analyse one report.  Given values override found ones."""
    segmenter = segmenter or Segmenter()
    page = clean(text)
    report = Report(id=document_id(text), text=nfc(text), file=file, url=url)
    report.official = extract(text)
    report.title = title or (clean_title(page.title) if report.official.found else page.title)
    report.author = page.author
    report.source = source or page.source
    report.dropped = page.dropped

    years = tag_year(report.title, page.date_line, page.paragraphs, url=url, published=published)
    report.published = years.published or report.official.date  # a letterhead's date line, failing all else
    report.year = year if year is not None else years.year
    report.evidence["year"] = years.evidence if year is None else [f"year {year} given by the caller"]

    gaz = gazetteer()
    credits = [c for c in (page.author, page.source) if c]
    places = tag_places(report.title, page.paragraphs, credits, gaz, url=url, year=report.year)
    report.evidence["district"] = places.evidence
    report.district, report.province = places.district, places.province
    report.districts_mentioned = places.mentioned
    if district_code:
        report.district = gaz.districts[district_code]
        report.province = gaz.provinces[report.district.province_code]
        report.evidence["district"] = [f"district {report.district.label(gaz)} given by the caller"]
    report.province_2025 = province_2025(report.province.code) if report.province else None
    report.given = [
        name
        for name, value in (
            ("title", title),
            ("source", source),
            ("published", published),
            ("district", district_code),
            ("year", year),
        )
        if value is not None
    ]

    learnt: dict[str, list[str]] = {}
    for paragraph in page.paragraphs:
        for abbr, expansions in learn_definitions(paragraph).items():
            learnt.setdefault(abbr, []).extend(e for e in expansions if e not in learnt.get(abbr, []))
    report.abbreviations = learnt
    table = (abbreviations or Abbreviations.default()).merged(learnt)

    pages = paragraph_pages(text, page.paragraphs)
    for position, paragraph in enumerate(page.paragraphs):
        analysis = analyse(paragraph, segmenter)
        result = classify(analysis)
        originals = syllables(normalize(paragraph))
        concepts = sorted({c for _, _, c in table.find(analysis.folded, originals, within=analysis)})
        report.paragraphs.append(
            Paragraph(
                position,
                nfc(paragraph),
                analysis,
                result.topics,
                result.fired,
                years_mentioned(paragraph),
                concepts,
                suggest_terms(analysis),
                pages[position],
            )
        )
    return report


def paragraph_pages(text: str, paragraphs: list[str]) -> list[int | None]:
    """The page each paragraph starts on, when the text has pages (form feeds between them, as
    ``formats`` writes PDFs and scans); else None for each.  Paragraphs are found in order, by
    their first words, in the whitespace-collapsed text of each page."""
    if "\f" not in text:
        return [None] * len(paragraphs)
    pages = [" ".join(nfc(p).split()) for p in text.split("\f")]
    out: list[int | None] = []
    current = 0
    for paragraph in paragraphs:
        start = " ".join(paragraph.split()[:8])
        found = next((i for i in range(current, len(pages)) if start in pages[i]), None)
        if found is not None:
            current = found
        out.append(current + 1 if found is not None else None)
    return out


def process_file(
    path: Path,
    segmenter: Segmenter | None = None,
    abbreviations: Abbreviations | None = None,
    max_bytes: int | None = None,
) -> Report:
    """One report file, with what its page (canonical URL) and its sidecar ``NAME.json`` say about it."""
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    text, meta = read_report(path, **kwargs)
    return process_given(text, meta, file=path.name, segmenter=segmenter, abbreviations=abbreviations)


def process_given(
    text: str,
    given: ReportMeta,
    *,
    file: str | None = None,
    segmenter: Segmenter | None = None,
    abbreviations: Abbreviations | None = None,
) -> Report:
    """``process_text`` with what is known of the report besides its text (a sidecar, a page's
    address, the record kept with an original): given values win over what the tagger finds."""
    return process_text(
        text,
        file=file,
        segmenter=segmenter,
        abbreviations=abbreviations,
        title=given.title,
        source=given.source,
        url=given.url,
        published=given.published,
        district_code=given.district,
        year=given.year,
    )
