"""The facets, defined once: what each is called, which field filters it, which
column counts it, how its values read.

Everything that lists facets derives from ``FACETS``: the indexer's packed
columns (``facet_keys``), the API's filter parameters, its ``Facets`` model and
counts (``search_api.filters``, ``search_api.models``), ``indexer stats`` and
the page, which reads the titles from ``GET /api/v1/facets/definitions``.
Adding a facet is a ``Facet`` here, the field it reads in ``schema`` and the
value the indexer writes (``documents``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from . import schema as F
from .gazetteer import gazetteer
from .official import issuer_label, kind_label
from .provinces2025 import provinces_2025_by_code
from .topics import taxonomy


@dataclass(frozen=True)
class Facet:
    #: The API's filter parameter and response key, and the page's URL parameter.
    name: str
    #: Heading of its list on the page and in ``indexer stats``.
    title: str
    #: Short name on a chip of the filters in force ("Huyện: Lương Tài").
    chip: str
    #: What a value is, for the API's parameter description.
    values: str
    #: A value to try from the API's documentation page.
    example: str
    #: The raw or integer field that a filter matches.
    field: str
    #: The dense fast column whose terms aggregation counts it (see ``facet_keys``).
    column: str
    #: Values are integers (the API checks them as such).
    numeric: bool = False
    #: One value per report (``stats`` shows reports and paragraphs), else per paragraph.
    per_report: bool = True
    #: How the page lists its values: most frequent first, or newest first.
    order: Literal["count", "value_desc"] = "count"

    def label(self, value: str | int) -> str:
        return describe(self.name, str(value))[0]


FACETS: tuple[Facet, ...] = (
    Facet("district", "Huyện / quận", "Huyện", "GSO district code", "264", F.DISTRICT, F.PLACE),
    Facet("province", "Tỉnh / thành phố", "Tỉnh", "GSO province code", "27", F.PROVINCE, F.PLACE),
    Facet(
        "province_2025",
        "Tỉnh / thành phố (từ 1/7/2025)",
        "Tỉnh nay",
        "Province code since 1 July 2025 (34 provinces; counted from the legacy province)",
        "37",
        F.PROVINCE_2025,
        F.PLACE,
    ),
    Facet("year", "Năm", "Năm", "Reviewed year", "2022", F.YEAR, F.YEAR_KEY, numeric=True, order="value_desc"),
    Facet("topic", "Chủ đề", "Chủ đề", "Topic slug", "dan-van", F.TOPIC, F.TOPIC_BITS, per_report=False),
    Facet(
        "issuer", "Cơ quan ban hành", "Cơ quan", "Issuing body slug (indexer.official)", "huyen-uy", F.ISSUER, F.OFFICE
    ),
    Facet("kind", "Loại văn bản", "Loại", "Document kind slug (indexer.official)", "bao-cao", F.KIND, F.OFFICE),
)
BY_NAME: dict[str, Facet] = {f.name: f for f in FACETS}
NAMES: tuple[str, ...] = tuple(BY_NAME)


@lru_cache(maxsize=4096)
def describe(facet: str, value: str) -> tuple[str, float | None, float | None]:
    """Label and map position of a facet value (the same few hundred values, every request)."""
    if facet == "district":
        gaz = gazetteer()
        district = gaz.districts.get(value)
        return (gaz.district_label(value), district.lat, district.lon) if district else (value, None, None)
    if facet == "province":
        gaz = gazetteer()
        return (gaz.province_label(value) if value in gaz.provinces else value), None, None
    if facet == "province_2025":
        today = provinces_2025_by_code().get(value)
        return (today.short if today else value), None, None
    if facet == "topic":
        return taxonomy().label(value), None, None
    if facet == "issuer":
        return issuer_label(value), None, None
    if facet == "kind":
        return kind_label(value), None, None
    return value, None, None
