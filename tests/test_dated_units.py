"""Reports of 2010-2024 naming a district-level unit that has since been merged away or renamed
(``indexer/data/district_history.json``): tagged with the unit as it was in the report's year, shown under
its name then ("Thông Nông (nay Hà Quảng, Cao Bằng)"), and never a wrong unit instead.

Every page is short and written for this test (no third-party text).
"""

from __future__ import annotations

import pytest

from indexer.gazetteer import gazetteer
from indexer.pipeline import process_text
from indexer.places import tag_places

FILLER = (
    "Các cấp ủy, chính quyền và Nhân dân đã đoàn kết, nỗ lực vượt qua khó khăn; an sinh xã hội được bảo đảm, "
    "quốc phòng - an ninh được giữ vững, công tác xây dựng Đảng được chú trọng."
)

# id, text, the label a person would give the district (as it was then), year
DATED = [
    (
        "merged-2020-named-in-2018",
        "Huyện ủy Thông Nông tổng kết công tác năm 2018\n\nSáng 21/12/2018, Huyện ủy Thông Nông tổ chức hội nghị "
        "tổng kết công tác xây dựng Đảng năm 2018; 14/16 chỉ tiêu đạt và vượt.\n\n" + FILLER + "\n",
        "Thông Nông (nay Hà Quảng, Cao Bằng)",
        2018,
    ),
    (
        "renamed-2018-named-in-2016",
        "Huyện Tân Thành tổng kết năm 2016\n\nNgày 27/12/2016, HĐND huyện Tân Thành khai mạc kỳ họp cuối năm, "
        "đánh giá kết quả phát triển kinh tế - xã hội năm 2016.\n\n" + FILLER + "\n",
        "Tân Thành (nay Phú Mỹ, Bà Rịa - Vũng Tàu)",
        2016,
    ),
    (
        "merged-2024-named-in-2023",
        "Huyện ủy Mỹ Lộc sơ kết 6 tháng đầu năm 2023\n\nSáng 14/7/2023, Ban Thường vụ Huyện ủy Mỹ Lộc sơ kết "
        "công tác 6 tháng đầu năm 2023.\n\n" + FILLER + "\n",
        "Mỹ Lộc (nay Nam Định, Nam Định)",
        2023,
    ),
    (
        "a-thi-xa-merged-2024-named-in-2022",
        "Thị ủy Cửa Lò tổng kết năm 2022\n\nChiều 29/12/2022, Thị ủy Cửa Lò tổng kết công tác năm 2022; thị xã "
        "Cửa Lò đón hơn 3 triệu lượt khách.\n\n" + FILLER + "\n",
        "Cửa Lò (nay Vinh, Nghệ An)",
        2022,
    ),
    (
        "a-city-merged-2025-named-like-its-province",
        "Thành phố Ninh Bình tổng kết năm 2022\n\nSáng 27/12/2022, HĐND thành phố Ninh Bình tổng kết nhiệm vụ năm "
        "2022; thu ngân sách trên địa bàn thành phố Ninh Bình vượt dự toán.\n\n" + FILLER + "\n",
        "Ninh Bình (nay Hoa Lư, Ninh Bình)",
        2022,
    ),
    (
        "a-shared-name-with-its-province-named",
        "Huyện Kỳ Sơn tổng kết năm 2018\n\nNgày 26/12/2018, Huyện ủy Kỳ Sơn (tỉnh Hòa Bình) tổng kết công tác năm "
        "2018.\n\n" + FILLER + "\n",
        "Kỳ Sơn (nay Hòa Bình, Hòa Bình)",
        2018,
    ),
]


@pytest.mark.parametrize(("page_id", "text", "label", "year"), DATED, ids=[d[0] for d in DATED])
def test_a_dated_unit_tags_a_report_of_its_time(page_id, text, label, year):
    report = process_text(text)
    assert report.year == year, report.evidence["year"]
    assert report.district is not None, report.evidence["district"]
    assert gazetteer().district_label(report.district.code) == label, report.evidence["district"]
    assert any("dated unit" in e for e in report.evidence["district"])


def test_the_evidence_says_what_happened_and_by_which_resolution():
    report = process_text(DATED[1][1])  # Tân Thành, 2016
    (line,) = [e for e in report.evidence["district"] if e.startswith("dated unit")]
    assert "until 2018-04-12, then Phú Mỹ" in line and "renamed" in line and "492/NQ-UBTVQH14" in line


def test_a_unit_that_kept_its_name_is_labelled_with_its_type_then():
    assert gazetteer().district_label("996") == "Thủ Đức (quận, nay thành phố Thủ Đức, Hồ Chí Minh)"


# id, title, body, year, the district a person would say (code), or None
NEVER_WRONG = [
    # The successor's own name is the successor, whatever the year.
    (
        "the-successor-is-itself",
        "Thành phố Hạ Long tổng kết năm 2024",
        ["Thành ủy Hạ Long và UBND thành phố Hạ Long tổng kết năm 2024."],
        2024,
        "193",
    ),
    # Hòa Bình's Kỳ Sơn was merged in 2020: a "huyện Kỳ Sơn" of 2023 is Nghệ An's.
    (
        "a-live-namesake-after-the-merger",
        "Huyện ủy Kỳ Sơn tổng kết năm 2023",
        ["Huyện ủy Kỳ Sơn tổng kết công tác năm 2023."],
        2023,
        "417",
    ),
    # In 2018 both existed: without a province, nobody can tell.
    (
        "two-namesakes-no-province",
        "Huyện ủy Kỳ Sơn tổng kết năm 2018",
        ["Huyện ủy Kỳ Sơn tổng kết công tác năm 2018."],
        2018,
        None,
    ),
    # A bare "Tân Thành" is one of 32 communes, not the huyện renamed in 2018.
    (
        "a-bare-name-shared-with-communes",
        "Hợp tác xã Tân Thành mở rộng sản xuất",
        ["HTX Tân Thành có 120 thành viên; sản phẩm của Tân Thành đạt OCOP, Tân Thành mở thêm cửa hàng."],
        2016,
        None,
    ),
    # A unit created under its name later is no district before it: in 2018 Nghi Sơn was huyện Tĩnh Gia's
    # economic zone, not the thị xã of 2020.
    (
        "not-yet-created",
        "Huyện ủy Tĩnh Gia tổng kết năm 2018",
        ["Huyện ủy Tĩnh Gia tổng kết năm 2018; Khu kinh tế Nghi Sơn, Nghi Sơn, Nghi Sơn thu hút thêm 5 dự án."],
        2018,
        "994",
    ),
    ("the-city-not-yet", "Thành phố Thủ Đức tổng kết năm 2019", ["Thành phố Thủ Đức tổng kết năm 2019."], 2019, None),
    # The same name before and after: the quận in 2019, the city in 2022, the city when the year is unknown.
    (
        "same-name-before",
        "Quận ủy Thủ Đức tổng kết năm 2019",
        ["Quận ủy Thủ Đức tổng kết công tác năm 2019."],
        2019,
        "996",
    ),
    (
        "same-name-after",
        "Thủ Đức tổng kết năm 2022",
        ["Thành ủy Thủ Đức và UBND thành phố Thủ Đức tổng kết."],
        2022,
        "769",
    ),
    (
        "same-name-no-year",
        "Thủ Đức tổng kết",
        ["Năm nay Thủ Đức đạt nhiều kết quả; Thủ Đức đứng đầu về thu ngân sách."],
        None,
        "769",
    ),
    ("the-quan-word-no-year", "Quận ủy Thủ Đức họp", ["Quận ủy Thủ Đức họp định kỳ."], None, "996"),
    # The province named like a retired city is the province.
    (
        "the-province-not-the-city",
        "Tỉnh ủy Ninh Bình tổng kết năm 2022",
        ["Tỉnh ủy Ninh Bình tổng kết công tác năm 2022 của tỉnh Ninh Bình."],
        2022,
        None,
    ),
]


@pytest.mark.parametrize(("case", "title", "body", "year", "code"), NEVER_WRONG, ids=[c[0] for c in NEVER_WRONG])
def test_a_dated_unit_never_takes_a_report_that_is_not_its(case, title, body, year, code):
    tags = tag_places(title, body, [], year=year)
    assert (tags.district.code if tags.district else None) == code, tags.evidence


def test_a_retired_name_in_an_address_only_where_no_live_unit_bears_it():
    gaz = gazetteer()
    assert [d.code for d in gaz.compact_districts["kyson"]] == ["417"]  # Nghệ An's, never Hòa Bình's gone since
    assert "ninhbinh" not in gaz.compact_districts  # the province
    assert [d.code for d in gaz.compact_districts["cualo"]] == ["989"]
    tags = tag_places(
        "Tổng kết năm 2022", [FILLER], [], url="https://baoninhbinh.org.vn/ninh-binh-tong-ket-nam-2022/", year=2022
    )
    assert tags.district is None and tags.province is not None and tags.province.short == "Ninh Bình"


# An upgraded unit under its type then: same code, same label.
UPGRADED = [
    ("Thị ủy Phổ Yên tổng kết năm 2019", ["Chiều 26/12/2019, Thị ủy Phổ Yên tổng kết công tác năm 2019."], 2019, "172"),
    (
        "Huyện ủy Tân Uyên tổng kết năm 2012",
        ["Huyện ủy Tân Uyên (tỉnh Bình Dương) tổng kết công tác năm 2012, thu ngân sách vượt dự toán."],
        2012,
        "723",
    ),
    ("Thị ủy Phong Điền tổng kết năm 2025", ["Thị ủy Phong Điền tổng kết công tác 6 tháng đầu năm 2025."], 2025, "476"),
]


@pytest.mark.parametrize(("title", "body", "year", "code"), UPGRADED, ids=[u[3] for u in UPGRADED])
def test_an_upgraded_unit_is_found_under_its_type_then(title, body, year, code):
    tags = tag_places(title, body, [], year=year)
    assert tags.district is not None and tags.district.code == code, tags.evidence
