"""The dated gazetteer (``indexer/data/district_history.json``) checked against the vietnamadminunits snapshot.

Every unit the snapshot has is current in the gazetteer; every retired unit we add is one the snapshot
no longer has, went into a unit it does have, in the same province, on a stated date, by a stated
resolution (or says it was not verified).
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources

import pytest

from indexer.gazetteer import gazetteer

HISTORY = json.loads(resources.files("indexer.data").joinpath("district_history.json").read_text("utf-8"))
SNAPSHOT = json.loads(resources.files("vietnamadminunits").joinpath("data/parser_legacy.json").read_text("utf-8"))
SNAPSHOT_TYPES = {
    d["districtCode"]: d["districtType"]
    for districts in SNAPSHOT["DICT_PROVINCE_DISTRICT"].values()
    for d in districts.values()
}
SNAPSHOT_DISTRICTS = {
    d["districtCode"]: (d["districtShort"], SNAPSHOT["DICT_PROVINCE"][pkey]["provinceCode"])
    for pkey, districts in SNAPSHOT["DICT_PROVINCE_DISTRICT"].items()
    for d in districts.values()
}


def _when(text: str) -> date:
    """ "2025-01-01" or "2020-02" (day not agreed by the sources) → a date."""
    return date.fromisoformat(text if len(text) == 10 else f"{text}-01")


def test_every_snapshot_unit_is_current():
    gaz = gazetteer()
    for code, (short, province) in SNAPSHOT_DISTRICTS.items():
        d = gaz.districts[code]
        # The snapshot's "Hồng Ngự (Thành phố)" beside "Hồng Ngự (Huyện)" is "Hồng Ngự", as pages write it.
        name = short.removesuffix(f" ({d.type})")
        assert (d.short, d.province_code, d.successor, d.until) == (name, province, None, None)


@pytest.mark.parametrize("unit", HISTORY["units"], ids=[u["short"] for u in HISTORY["units"]])
def test_retired_unit_is_explained(unit):
    assert 974 <= int(unit["code"]) <= 999 and unit["code"] not in SNAPSHOT_DISTRICTS  # never a GSO code
    successor, province = SNAPSHOT_DISTRICTS[unit["successor"]]
    assert province == unit["province"]
    # The snapshot no longer has a district of that name in that province, unless it is the successor, created
    # under that name by the same change (quận Thủ Đức → thành phố Thủ Đức on 1/1/2021).
    if (unit["short"], province) in SNAPSHOT_DISTRICTS.values():
        assert successor == unit["short"] and HISTORY["created"][unit["successor"]]["since"] == unit["until"]
    assert 2010 <= _when(unit["until"]).year <= 2025
    assert unit["adopted"] is None or _when(unit["adopted"]) < _when(unit["until"])
    assert unit["resolution"] is None or re.fullmatch(r"\d+/NQ-(UBTVQH1[345]|CP)", unit["resolution"])
    assert unit["source"] and unit["change"]


@pytest.mark.parametrize("unit", HISTORY["units"], ids=[u["short"] for u in HISTORY["units"]])
def test_a_retired_units_own_gso_code_is_gone_or_renamed(unit):
    """Its GSO code then: merged away, the snapshot no longer has it; kept by the unit it became (renamed, or the
    merger's new unit), the snapshot has it under the new name (Tân Thành's 754 is Phú Mỹ's, Đất Đỏ's 753 Long Đất's)."""
    assert re.fullmatch(r"\d{3}", unit["gso"]) and int(unit["gso"]) <= 973
    if unit["gso"] == unit["successor"]:
        assert SNAPSHOT_DISTRICTS[unit["gso"]][0] != unit["short"]
    else:
        assert unit["gso"] not in SNAPSHOT_DISTRICTS


def test_units_created_by_a_change_are_in_the_snapshot():
    created = {k: v for k, v in HISTORY["created"].items() if k != "about"}
    successors = {u["successor"] for u in HISTORY["units"]}
    for code, unit in created.items():
        # Made by a merger or rename listed above, or by a split (whose old unit is not a dated unit).
        assert SNAPSHOT_DISTRICTS[code][0] == unit["short"] and (code in successors or unit.get("split_of"))


def test_codes_are_unique_and_type_changes_name_real_units():
    codes = [u["code"] for u in HISTORY["units"]]
    assert len(codes) == len(set(codes))
    gso = [u["gso"] for u in HISTORY["units"]]
    assert len(gso) == len(set(gso))
    # One retired unit per name and province, never one the snapshot still has there.
    names = [(u["short"], u["province"]) for u in HISTORY["units"]]
    assert len(names) == len(set(names))
    live = {name: code for code, name in SNAPSHOT_DISTRICTS.items()}
    for unit in HISTORY["units"]:  # a live namesake in the province is the unit it became, created by the change
        code = live.get((unit["short"], unit["province"]))
        assert code is None or (code == unit["successor"] and code in HISTORY["created"])


@pytest.mark.parametrize("unit", HISTORY["upgrades"]["units"], ids=[u["short"] for u in HISTORY["upgrades"]["units"]])
def test_an_upgrade_chain_ends_in_the_snapshots_type(unit):
    """Each step starts from the type the step before reached, later than it, and the last reaches the
    snapshot's type for that code; every step says when and where that was read."""
    short, province = SNAPSHOT_DISTRICTS[unit["code"]]
    assert unit["short"] == short
    steps = unit["steps"]
    when = [_when(s.get("since") or s["by"]) for s in steps]
    assert when == sorted(when) and all(2010 <= w.year <= 2025 for w in when)
    assert all(a["to"] == b["from"] for a, b in zip(steps, steps[1:], strict=False))
    assert steps[-1]["to"] == SNAPSHOT_TYPES[unit["code"]]
    assert all(s["from"] != s["to"] and s["source"] for s in steps)
    assert all(s["resolution"] is None or re.fullmatch(r"\d+/NQ-(UBTVQH1[345]|CP)", s["resolution"]) for s in steps)


def test_a_former_type_still_names_its_unit():
    gaz = gazetteer()
    tan_uyen = tuple(d.code for d in gaz.district_names["tân uyên"])  # Bình Dương's (723) and Lai Châu's
    assert set(gaz.of_type(tan_uyen, "Huyện")) == set(tan_uyen)  # huyện until 2013: both
    assert gaz.of_type(tan_uyen, "Thị xã") == ("723",)  # only Bình Dương's was ever a thị xã
    phong_dien = tuple(sorted(d.code for d in gaz.district_names["phong điền"]))  # Huế's (476), Cần Thơ's (926)
    assert phong_dien == ("476", "926")
    assert gaz.of_type(phong_dien, "Huyện") == phong_dien  # Huế's was a huyện until 2025
    assert gaz.of_type(phong_dien, "Thị xã") == ("476",)
    # An Giang's Tân Châu became a thị xã in 2009, before the table starts: "huyện Tân Châu" stays Tây Ninh's.
    tan_chau = tuple(d.code for d in gaz.district_names["tân châu"])
    assert [gaz.districts[c].province_code for c in gaz.of_type(tan_chau, "Huyện")] == ["72"]


def test_a_retired_unit_exists_until_its_change():
    long_dien = gazetteer().districts["974"]
    assert long_dien.existed_in(2024) and not long_dien.existed_in(2025) and long_dien.existed_in(None)
    assert gazetteer().districts["979"].existed_in(2019)  # Thông Nông, merged in February 2020
