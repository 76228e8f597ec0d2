"""A town and the district of the same name in one province (Hồng Ngự, Cao Lãnh, Kỳ Anh, Cai Lậy, Duyên Hải,
Long Mỹ): the snapshot tells them apart by a bracketed type pages never write. Named as pages write them,
the unit word decides; without one, nobody can tell. Each page is made up for this test."""

from __future__ import annotations

import pytest

from indexer.gazetteer import gazetteer
from indexer.places import tag_places

# title, body, year, the district a person would say (code) or None
TWINS = [
    ("Thị ủy Kỳ Anh tổng kết năm 2020", ["Thị ủy Kỳ Anh tổng kết công tác năm 2020."], 2020, "449"),
    ("Huyện ủy Kỳ Anh tổng kết năm 2020", ["Huyện ủy Kỳ Anh tổng kết công tác năm 2020."], 2020, "447"),
    ("UBND thành phố Cao Lãnh tổng kết năm 2021", ["UBND thành phố Cao Lãnh tổng kết năm 2021."], 2021, "866"),
    ("Huyện ủy Cao Lãnh tổng kết năm 2021", ["Huyện ủy Cao Lãnh tổng kết công tác năm 2021."], 2021, "873"),
    # Hồng Ngự town was a thị xã until 2020: its former type still names it.
    ("Thị ủy Hồng Ngự tổng kết năm 2018", ["Thị ủy Hồng Ngự tổng kết công tác năm 2018."], 2018, "868"),
    ("Huyện ủy Hồng Ngự tổng kết năm 2018", ["Huyện ủy Hồng Ngự tổng kết công tác năm 2018."], 2018, "870"),
    # No unit word: the town or the district, nobody can tell.
    ("Long Mỹ tổng kết năm 2022", ["Long Mỹ tổng kết năm 2022; Long Mỹ vượt chỉ tiêu thu ngân sách."], 2022, None),
]


@pytest.mark.parametrize(("title", "body", "year", "code"), TWINS, ids=[t[0] for t in TWINS])
def test_the_unit_word_tells_twins_apart(title, body, year, code):
    tags = tag_places(title, body, [], year=year)
    assert (tags.district.code if tags.district else None) == code, tags.evidence


def test_twins_are_labelled_with_their_type():
    gaz = gazetteer()
    assert gaz.district_label("868") == "Hồng Ngự (thành phố, Đồng Tháp)"
    assert gaz.district_label("870") == "Hồng Ngự (huyện, Đồng Tháp)"
    assert gaz.district_label("264") == "Lương Tài (Bắc Ninh)"  # a name of its own: no type
