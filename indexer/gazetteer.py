"""Vietnam's legacy (pre-July-2025) provinces, districts and communes.

The list comes from the maintained ``vietnamadminunits`` package (63 provinces,
696 districts, ~10,000 communes with GSO codes and coordinates); nothing here is
typed by hand.  Names are looked up by their *accented* lower-case form after
normalisation (``Bình Lục`` and ``Bình Lực`` are different places), so the
index maps one name to every unit that bears it: 16 district names occur in
more than one province, most commune names in several districts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from .normalize import normalize


@lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    return normalize(name).lower()


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # "Tỉnh Bắc Ninh", "Thành phố Hải Phòng"
    short: str  # "Bắc Ninh"
    lat: float
    lon: float

    @property
    def is_city(self) -> bool:
        return self.name.startswith("Thành phố")


@dataclass(frozen=True)
class District:
    code: str
    name: str  # "Huyện Lương Tài"
    short: str  # "Lương Tài"
    type: str  # "Huyện", "Thị xã", "Thành phố", "Quận"
    province_code: str
    lat: float
    lon: float

    def label(self, gazetteer: Gazetteer) -> str:
        return f"{self.short} ({gazetteer.provinces[self.province_code].short})"


@dataclass(frozen=True)
class Commune:
    code: str
    name: str  # "Xã Đồn Đạc"
    short: str  # "Đồn Đạc"
    type: str  # "Xã", "Phường", "Thị trấn"
    district_code: str


class Gazetteer:
    """Lookup tables over the package's legacy data, built once per process."""

    def __init__(self, data: dict) -> None:
        self.provinces: dict[str, Province] = {}
        self.districts: dict[str, District] = {}
        self.communes: dict[str, Commune] = {}
        province_by_key: dict[str, str] = {}
        for pkey, p in data["DICT_PROVINCE"].items():
            province = Province(
                p["provinceCode"], p["province"], p["provinceShort"], p["provinceLat"], p["provinceLon"]
            )
            self.provinces[province.code] = province
            province_by_key[pkey] = province.code
        district_by_key: dict[tuple[str, str], str] = {}
        for pkey, districts in data["DICT_PROVINCE_DISTRICT"].items():
            for dkey, d in districts.items():
                district = District(
                    d["districtCode"],
                    d["district"],
                    d["districtShort"],
                    d["districtType"],
                    province_by_key[pkey],
                    d["districtLat"],
                    d["districtLon"],
                )
                self.districts[district.code] = district
                district_by_key[(pkey, dkey)] = district.code
        for table in ("DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED", "DICT_PROVINCE_DISTRICT_WARD_ACCENTED"):
            for pkey, districts in data.get(table, {}).items():
                for dkey, wards in districts.items():
                    dcode = district_by_key.get((pkey, dkey))
                    if dcode is None:
                        continue
                    for w in wards.values():
                        if isinstance(w.get("wardShort"), str) and isinstance(w.get("wardCode"), str):
                            self.communes.setdefault(
                                w["wardCode"], Commune(w["wardCode"], w["ward"], w["wardShort"], w["wardType"], dcode)
                            )

    @cached_property
    def province_names(self) -> dict[str, list[Province]]:
        index: dict[str, list[Province]] = defaultdict(list)
        for p in self.provinces.values():
            index[name_key(p.short)].append(p)
        # Common spellings that differ from the package's short names.
        for alias, short in (
            ("hồ chí minh", "Hồ Chí Minh"),
            ("tp hồ chí minh", "Hồ Chí Minh"),
            ("huế", "Thừa Thiên Huế"),
        ):
            index[alias].extend(p for p in self.provinces.values() if p.short == short and p not in index[alias])
        return dict(index)

    @cached_property
    def district_names(self) -> dict[str, list[District]]:
        index: dict[str, list[District]] = defaultdict(list)
        for d in self.districts.values():
            if not d.short[:1].isdigit():
                index[name_key(d.short)].append(d)
        return dict(index)

    @cached_property
    def commune_names(self) -> dict[str, list[Commune]]:
        index: dict[str, list[Commune]] = defaultdict(list)
        for c in self.communes.values():
            if not c.short[:1].isdigit():
                index[name_key(c.short)].append(c)
        return dict(index)

    @cached_property
    def first_syllables(self) -> frozenset[str]:
        """First syllables of every name: most capitalised words start none."""
        names = list(self.province_names) + list(self.district_names) + list(self.commune_names)
        return frozenset(n.split()[0] for n in names)

    @cached_property
    def max_name_syllables(self) -> int:
        names = list(self.province_names) + list(self.district_names) + list(self.commune_names)
        return max(len(n.split()) for n in names)

    def district_label(self, code: str) -> str:
        return self.districts[code].label(self)

    def province_label(self, code: str) -> str:
        return self.provinces[code].short


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loading takes about a second)."""
    raw = resources.files("vietnamadminunits").joinpath("data/parser_legacy.json").read_text("utf-8")
    return Gazetteer(json.loads(raw))
