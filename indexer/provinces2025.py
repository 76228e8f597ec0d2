"""Today's province (since 1 July 2025) of a legacy province or district.

On 1/7/2025 the 63 provinces became 34 and districts were abolished; people now
look for "Ninh Bình" and mean old Hà Nam and Nam Định too.  Every legacy
province went whole into one new province, so the province is enough to know
where a legacy district lies today.  The mapping is the ``vietnamadminunits``
2025 converter's (``converter_2025.json``: new province → the legacy provinces
it took in), with the new provinces' codes and names from its 2025 parser
data; nothing is typed by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .gazetteer import District, gazetteer


@dataclass(frozen=True)
class Province2025:
    code: str  # the 2025 code, e.g. "37"
    name: str  # "Tỉnh Ninh Bình"
    short: str  # "Ninh Bình"


def _package_json(name: str) -> dict:
    return json.loads(resources.files("vietnamadminunits").joinpath(f"data/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def provinces_2025() -> dict[str, Province2025]:
    """Legacy province GSO code → its province since 1/7/2025 (all 63 mapped)."""
    legacy = _package_json("parser_legacy.json")["DICT_PROVINCE"]
    new = _package_json("parser_from_2025.json")["DICT_PROVINCE"]
    merged = _package_json("converter_2025.json")["DICT_PROVINCE"]
    out: dict[str, Province2025] = {}
    for new_key, legacy_keys in merged.items():
        p = new[new_key]
        today = Province2025(p["provinceCode"], p["province"], p["provinceShort"])
        for legacy_key in legacy_keys:
            out[legacy[legacy_key]["provinceCode"]] = today
    return out


@lru_cache(maxsize=1)
def provinces_2025_by_code() -> dict[str, Province2025]:
    """The 34 provinces since 1/7/2025, by their code."""
    return {p.code: p for p in provinces_2025().values()}


def province_2025(legacy_province_code: str) -> Province2025:
    """Today's province of a legacy province (GSO code, e.g. "35" Hà Nam → Ninh Bình)."""
    return provinces_2025()[legacy_province_code]


def district_province_2025(district: District) -> Province2025:
    """Today's province of a legacy district, retired ones included ("Bình Lục" → Ninh Bình)."""
    return province_2025(district.province_code)


def label_2025(district: District) -> str:
    """For a page: "Bình Lục (Hà Nam, nay Ninh Bình)"; "Lương Tài (Bắc Ninh)" when the province kept its name."""
    legacy = gazetteer().provinces[district.province_code].short
    today = district_province_2025(district).short
    return f"{district.short} ({legacy})" if today == legacy else f"{district.short} ({legacy}, nay {today})"
