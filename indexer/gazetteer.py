"""Vietnam's legacy (pre-July-2025) provinces, districts and communes.

The list comes from the maintained ``vietnamadminunits`` package (63 provinces,
696 districts, ~10,000 communes with GSO codes and coordinates), a snapshot of
early 2025.  Districts merged away or renamed before it ("Long Điền", "Hoành Bồ",
"Tân Thành") come from ``data/district_history.json``, each with the change that ended
it, so a 2023 report is tagged with the district of its time ("Long Điền (nay Long
Đất, …)"); the same file holds the upgrades since 2010 (huyện → thị xã → thành phố),
whose former types a page's unit word may still use.
Spellings that differ from the package's beyond accents ("Cư Mgar") come from
``data/name_variants.json``.  Names are looked up by their *accented* lower-case form after
normalisation (``Bình Lục`` and ``Bình Lực`` are different places), so the
index maps one name to every unit that bears it: 16 district names occur in
more than one province, most commune names in several districts.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources

from .normalize import key, normalize


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
    #: A unit merged away before the snapshot: the first year-month it no longer existed ("2025-01").
    until: str | None = None
    #: ... and the snapshot unit it became part of (GSO code).
    successor: str | None = None
    #: ... what happened ("merged into thành phố Hòa Bình") and by which resolution, for the evidence.
    change: str | None = None
    resolution: str | None = None
    #: A snapshot unit a change created under this name: when it began ("2021-01-01", thành phố Thủ Đức).
    since: str | None = None

    def label(self, gazetteer: Gazetteer) -> str:
        province = gazetteer.provinces[self.province_code].short
        if self.successor:
            successor = gazetteer.districts[self.successor]
            if successor.short == self.short:  # "Thủ Đức (quận, nay thành phố Thủ Đức, Hồ Chí Minh)"
                return f"{self.short} ({self.type.lower()}, nay {successor.type.lower()} {successor.short}, {province})"
            return f"{self.short} (nay {successor.short}, {province})"
        twins = [
            d for d in gazetteer.district_names.get(name_key(self.short), []) if d.province_code == self.province_code
        ]
        if len(twins) > 1:  # "Hồng Ngự (thành phố, Đồng Tháp)" beside "Hồng Ngự (huyện, Đồng Tháp)"
            return f"{self.short} ({self.type.lower()}, {province})"
        return f"{self.short} ({province})"

    def existed_in(self, year: int | None) -> bool:
        """Whether the unit existed under its name during ``year`` (always, when the year is unknown)."""
        if year is None:
            return True
        if self.since is not None and year < int(self.since[:4]):
            return False
        if self.until is None:
            return True
        until_year, until_month = int(self.until[:4]), int(self.until[5:7] or 1)
        return year < until_year or (year == until_year and until_month > 1)


#: The snapshot tells apart a town and the district of the same name by their type in brackets.
_TYPE_SUFFIX = re.compile(r" \((?:Huyện|Thị xã|Thành phố|Quận)\)$")


_I_FORMS, _Y_FORMS = "iíìỉĩị", "yýỳỷỹỵ"
_TO_I = str.maketrans(_Y_FORMS, _I_FORMS)
_TO_Y = str.maketrans(_I_FORMS, _Y_FORMS)
#: A syllable of one consonant (cluster) and an i or y: the two spellings of the same sound ("Quý"/"Quí", "Kỳ"/"Kì",
#: "Mỹ"/"Mĩ"); the old orthography and the new both live on in names ("Phú Quí" in the snapshot, "Phú Quý" on pages).
_IY_SYLLABLE = re.compile(r"^(qu|ngh|ng|nh|ph|th|tr|ch|gh|kh|[bcdđhklmnprstvx])([iíìỉĩịyýỳỷỹỵ])$", re.IGNORECASE)


def iy_spelling(name: str, to: str = "i") -> str:
    """``name`` with its one-consonant i/y syllables written with ``to`` ("Phú Quý" → "Phú Quí")."""
    table = _TO_I if to == "i" else _TO_Y
    return " ".join(
        w[: m.start(2)] + m.group(2).translate(table) if (m := _IY_SYLLABLE.match(w)) else w for w in name.split()
    )


def compact(name: str) -> str:
    """A name as web addresses write it: folded, lower case, letters and digits only ("Đạ Tẻh" → "dateh")."""
    return re.sub(r"[^a-z0-9]", "", key(name))


@dataclass(frozen=True)
class Commune:
    code: str
    name: str  # "Xã Đồn Đạc"
    short: str  # "Đồn Đạc"
    type: str  # "Xã", "Phường", "Thị trấn"
    district_code: str


class Gazetteer:
    """Lookup tables over the package's legacy data, built once per process."""

    def __init__(self, data: dict, history: dict | None = None, variants: dict | None = None) -> None:
        self.variants: dict[str, str] = {name_key(k): name_key(v) for k, v in (variants or {}).items()}
        #: The types a unit had before an upgrade since 2010 ("723": {"Huyện", "Thị xã"}): an older page's unit
        #: word may not be today's type.
        self.former_types: dict[str, frozenset[str]] = {
            u["code"]: frozenset(step["from"] for step in u["steps"])
            for u in (history or {}).get("upgrades", {}).get("units", [])
        }
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
                    _TYPE_SUFFIX.sub("", d["districtShort"]),  # "Hồng Ngự (Thành phố)": pages write "Hồng Ngự"
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
        for code, created in (history or {}).get("created", {}).items():
            if code != "about":
                self.districts[code] = replace(self.districts[code], since=created["since"])
        for unit in (history or {}).get("units", []):
            successor = self.districts[unit["successor"]]
            self.districts[unit["code"]] = District(
                unit["code"],
                f"{unit['type']} {unit['short']}",
                unit["short"],
                unit["type"],
                unit["province"],
                successor.lat,
                successor.lon,
                until=unit["until"],
                successor=successor.code,
                change=unit["change"],
                resolution=unit["resolution"],
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
            ("thừa thiên huế", "Huế"),  # the snapshot names the province by its 2025 name
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
    def folded_district_names(self) -> dict[str, list[str]]:
        """Folded name → the accented names that fold to it ("mu cang chai" → ["mù căng chải"])."""
        index: dict[str, list[str]] = defaultdict(list)
        for name in list(self.district_names) + list(self.province_names):
            index[key(name)].append(name)
        return dict(index)

    def canonical_name(self, name: str) -> str | None:
        """The gazetteer's key for a district or province name as people write it.

        Exact first; then the variant table; then the folded form when it belongs to
        one name only and differs in one syllable's marks at most ("Mù Cang Chải" →
        "mù căng chải"; "Thanh Trì" never becomes "Thạnh Trị", nor "Chủ" "Chũ").
        """
        k = name_key(name)
        if k in self.district_names or k in self.province_names:
            return k
        if k in self.variants:
            return self.variants[k]
        if (spelt := self.iy_names.get(iy_spelling(k))) is not None:
            return spelt  # "phú quý" is "phú quí"
        same = self.folded_district_names.get(key(k), [])
        if len(same) != 1:
            return None
        # Only a name of two syllables or more, differing in the marks of one syllable at most:
        # "Chủ" (tịch) is not "Chũ", "Mù Cang Chải" is "Mù Căng Chải".
        written, known = k.split(), same[0].split()
        differing = sum(a != b for a, b in zip(written, known, strict=True))
        return same[0] if len(known) >= 2 and differing <= 1 else None

    @cached_property
    def iy_names(self) -> dict[str, str]:
        """Names by their i-spelling ("phú quí" → "phú quí", "kì anh" → "kỳ anh"), where that spelling is one name's."""
        index: dict[str, list[str]] = defaultdict(list)
        for name in list(self.district_names) + list(self.province_names):
            index[iy_spelling(name)].append(name)
        return {spelt: names[0] for spelt, names in index.items() if len(set(names)) == 1}

    @cached_property
    def compact_provinces(self) -> dict[str, list[Province]]:
        """Provinces by their name in web addresses ("bariavungtau", "thuathienhue", "hcm")."""
        index: dict[str, list[Province]] = defaultdict(list)
        for name, provinces in self.province_names.items():
            for p in provinces:
                if p not in index[compact(name)]:
                    index[compact(name)].append(p)
        hcm = self.province_names.get("hồ chí minh", [])
        for alias in ("hcm", "tphcm", "hochiminhcity"):
            index[alias].extend(hcm)
        return dict(index)

    @cached_property
    def compact_districts(self) -> dict[str, list[District]]:
        """Districts by their name in web addresses ("dinhhoa", "mucangchai")."""
        index: dict[str, list[District]] = defaultdict(list)
        for d in self.districts.values():
            if d.successor is None:
                for spelt in dict.fromkeys((compact(d.short), compact(iy_spelling(d.short, "y")))):
                    index[spelt].append(d)  # "phuqui" and "phuquy"
        # A retired unit only where its run-together name is no live district's or province's: "kyson" stays
        # Nghệ An's Kỳ Sơn, "ninhbinh" the province.
        for d in self.districts.values():
            if (
                d.successor is not None
                and compact(d.short) not in index
                and compact(d.short) not in self.compact_provinces
            ):
                index[compact(d.short)].append(d)
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
        names += list(self.variants) + [key(n) for n in list(self.province_names) + list(self.district_names)]
        return frozenset(n.split()[0] for n in names)

    @cached_property
    def max_name_syllables(self) -> int:
        names = list(self.province_names) + list(self.district_names) + list(self.commune_names)
        return max(len(n.split()) for n in names)

    def of_type(self, codes: tuple[str, ...], unit_type: str | None) -> tuple[str, ...]:
        """The candidates a unit word ("huyện", "thị xã", "quận") allows: "huyện Tân Châu" is Tây Ninh's,
        "thị xã Tân Châu" An Giang's.  A unit's type before an upgrade since 2010 fits too (an older page
        uses it: "huyện Tân Uyên" may be Bình Dương's, "thị xã Hồng Ngự" is the city's), and when the word
        fits none, none is ruled out."""
        if unit_type is None or len(codes) < 2:
            return codes
        kept = tuple(
            c for c in codes if self.districts[c].type == unit_type or unit_type in self.former_types.get(c, ())
        )
        return kept or codes

    def district_label(self, code: str) -> str:
        return self.districts[code].label(self)

    def province_label(self, code: str) -> str:
        return self.provinces[code].short


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loading takes about a second)."""
    raw = resources.files("vietnamadminunits").joinpath("data/parser_legacy.json").read_text("utf-8")
    return Gazetteer(json.loads(raw), _data("district_history.json"), _data("name_variants.json")["districts"])


def _data(name: str) -> dict:
    return json.loads(resources.files("indexer.data").joinpath(name).read_text("utf-8"))
