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
        assert (d.short, d.province_code, d.successor, d.until) == (short, province, None, None)


@pytest.mark.parametrize("unit", HISTORY["units"], ids=[u["short"] for u in HISTORY["units"]])
def test_retired_unit_is_explained(unit):
    assert 974 <= int(unit["code"]) <= 999 and unit["code"] not in SNAPSHOT_DISTRICTS  # never a GSO code
    successor, province = SNAPSHOT_DISTRICTS[unit["successor"]]
    assert province == unit["province"]
    # The snapshot no longer has a district of that name in that province.
    assert (unit["short"], province) not in SNAPSHOT_DISTRICTS.values()
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
        assert SNAPSHOT_DISTRICTS[code][0] == unit["short"] and code in successors


def test_codes_are_unique_and_type_changes_name_real_units():
    codes = [u["code"] for u in HISTORY["units"]]
    assert len(codes) == len(set(codes))
    gso = [u["gso"] for u in HISTORY["units"]]
    assert len(gso) == len(set(gso))
    # One retired unit per name and province, never one the snapshot still has there.
    names = [(u["short"], u["province"]) for u in HISTORY["units"]]
    assert len(names) == len(set(names)) and not set(names) & set(SNAPSHOT_DISTRICTS.values())
    assert set(HISTORY["type_changed"]["codes"]) <= set(SNAPSHOT_DISTRICTS)


def test_a_retired_unit_exists_until_its_change():
    long_dien = gazetteer().districts["974"]
    assert long_dien.existed_in(2024) and not long_dien.existed_in(2025) and long_dien.existed_in(None)
    assert gazetteer().districts["979"].existed_in(2019)  # Thông Nông, merged in February 2020
