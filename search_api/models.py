"""Every shape the API accepts or returns: the HTTP contract, in one module."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model
from typing_extensions import TypedDict

from indexer.facets import FACETS

MAX_QUERY_CHARS = 500
MAX_PER_PAGE = 100


class Labelled(BaseModel):
    value: str = Field(description="Stable key: GSO code for places, slug for topics")
    label: str = Field(description="For people: 'Lương Tài (Bắc Ninh)'")


class FacetValue(TypedDict):
    """A plain dict, not a model: a response carries up to ~760 of them, and building
    a model object each cost ~2 ms per search at 200k paragraphs."""

    value: str
    label: str
    count: Annotated[
        int,
        Field(
            description="Paragraphs (reports, with group=report) matching the query and every *other* facet's selection"
        ),
    ]
    selected: bool
    lat: Annotated[float | None, Field(description="Districts: the gazetteer's coordinates, for the map")]
    lon: float | None


if TYPE_CHECKING:

    class Facets(BaseModel):
        """Statically: one list of values per facet, by facet name."""

        def __getattr__(self, name: str) -> list[FacetValue]: ...

else:
    # One field per facet of ``indexer.facets.FACETS``, in their order.
    Facets = create_model(
        "Facets",
        __doc__="Counts per facet value: one list per facet of indexer.facets.FACETS",
        **{
            f.name: (list[FacetValue], Field(default_factory=list, description=f"{f.title}: {f.values}"))
            for f in FACETS
        },
    )


class FacetDefinition(BaseModel):
    """What the page needs to show a facet, from ``indexer.facets``."""

    name: str = Field(description="Filter parameter of /api/v1/search and key in its facets")
    title: str = Field(description="Heading of the facet's list")
    chip: str = Field(description="Short name on a chip of the filters in force")
    values: str = Field(description="What a value is")
    numeric: bool
    per_report: bool = Field(description="One value per report (else per paragraph)")


class Hit(BaseModel):
    id: str = Field(description="<document id>:<position>")
    document_id: str
    position: int
    text: str = Field(description="The paragraph as written")
    highlight: str = Field(description="The paragraph or a window of it, HTML-escaped, matches in <mark>")
    score: float
    title: str | None = None
    title_highlight: str | None = Field(
        None, description="The report's title, HTML-escaped, the query's words in <mark>; absent when none is there"
    )
    district: Labelled | None = None
    province: Labelled | None = None
    province_2025: Labelled | None = Field(None, description="The province since 1/7/2025 (34 provinces)")
    year: int | None = None
    published_date: date | None = None
    topics: list[Labelled] = []
    source: str | None = None
    page: int | None = Field(None, description="Page of the paragraph in the original PDF or scan (from 1)")
    number: str | None = Field(None, description="Official document number: '45-BC/HU', '123/BC-UBND'")
    issuer: Labelled | None = Field(None, description="Issuing body (facet 'issuer')")
    kind: Labelled | None = Field(None, description="Document kind: báo cáo, nghị quyết... (facet 'kind')")
    partial: bool = Field(False, description="Has only some of the words: listed after the full matches")


class MoreParagraph(BaseModel):
    """Another matching paragraph of a report, under its best one."""

    id: str = Field(description="<document id>:<position>")
    position: int
    highlight: str = Field(description="A short window of the paragraph, HTML-escaped, matches in <mark>")
    partial: bool = False


class ReportHit(Hit):
    """With ``group=report``: a report, shown by its best paragraph (the hit's own fields)."""

    matching_paragraphs: int = Field(description="How many of the report's paragraphs match")
    more: list[MoreParagraph] = Field(
        [], description="Up to 2 more matching paragraphs of the report, best first (the page's 'xem thêm')"
    )


class SearchResponse(BaseModel):
    query: str
    total: int = Field(description="Paragraphs matching (full matches; partial ones when none match fully)")
    total_reports: int | None = Field(
        None,
        description="Reports those paragraphs belong to, exact, with group=report (the page's default). Null "
        "ungrouped (group=paragraph, the API's default): counting them there cost 40 % of the searches per "
        "second at 200,000 paragraphs (docs/BENCHMARKS.md)",
    )
    group: Literal["paragraph", "report"] = Field(
        "paragraph", description="report: one hit per report, pages and facet counts by report"
    )
    page: int
    per_page: int
    took_ms: float
    partial: bool = Field(False, description="No paragraph has every word: these hits are the best partial matches")
    interpreted_as: str | None = Field(
        None,
        description="How the query was read, marks restored: 'công tác dân vận' for 'cong tac dan van' "
        "(the page shows it as 'Kết quả cho: …')",
    )
    words: list[str] = Field(
        [],
        description="The words it was read as, in order: ['công tác', 'dân vận']; a multi-syllable word "
        "matches where its syllables stand side by side",
    )
    did_you_mean: str | None = None
    hits: list[ReportHit | Hit] = Field(description="Paragraphs; with group=report, reports (ReportHit)")
    facets: Facets


class DocumentMeta(BaseModel):
    """What the API says of a report, wherever it shows one."""

    id: str
    title: str | None = None
    district: Labelled | None = None
    province: Labelled | None = None
    province_2025: Labelled | None = Field(None, description="The province since 1/7/2025 (34 provinces)")
    year: int | None = None
    published_date: date | None = None
    source: str | None = None
    author: str | None = None
    file: str | None = None
    url: str | None = None
    number: str | None = Field(None, description="Official document number: '45-BC/HU', '123/BC-UBND'")
    issuer: Labelled | None = Field(None, description="Issuing body (facet 'issuer')")
    issuer_name: str | None = Field(None, description="The issuer as its letterhead writes it: 'HUYỆN ỦY THANH MIỆN'")
    kind: Labelled | None = Field(None, description="Document kind: báo cáo, nghị quyết... (facet 'kind')")
    place_date: str | None = Field(None, description="'Thanh Miện, ngày 15 tháng 12 năm 2023'")


class DocumentSummary(DocumentMeta):
    paragraphs: int = Field(description="How many paragraphs the report has")


class DocumentList(BaseModel):
    total: int
    page: int
    per_page: int
    documents: list[DocumentSummary]


class ParagraphOut(BaseModel):
    id: str
    position: int
    text: str
    topics: list[Labelled] = []
    page: int | None = Field(None, description="Page in the original PDF or scan (from 1)")


class DocumentDetail(DocumentMeta):
    districts_mentioned: list[Labelled] = []
    paragraphs: list[ParagraphOut]


class Suggestion(BaseModel):
    text: str
    count: int


class SuggestResponse(BaseModel):
    query: str
    suggestions: list[Suggestion]


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    documents: int
    paragraphs: int
    index_version: str
    writable: bool


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The report, plain text (title on the first line is fine)")
    title: str | None = Field(None, max_length=500)
    source: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    published_date: date | None = None
    district: str | None = Field(None, max_length=10, description="GSO district code; found from the text when absent")
    year: int | None = Field(None, ge=1945, le=2100)


class IngestResponse(BaseModel):
    id: str
    created: bool = Field(description="False when the same text was already indexed")
    title: str | None = None
    district: Labelled | None = None
    province: Labelled | None = None
    province_2025: Labelled | None = Field(None, description="The province since 1/7/2025 (34 provinces)")
    year: int | None = None
    published_date: date | None = None
    paragraphs: int
    topics: list[Labelled] = []
    given: list[str] = Field(
        [], description="Fields the request gave (title, source, published, district, year): they win over the tagger"
    )
    number: str | None = None
    issuer: Labelled | None = None
    kind: Labelled | None = None


class DeleteResponse(BaseModel):
    id: str
    deleted: bool = True


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody
