"""The year and place scorers as tables: short made-up reports → the year / district they must get.

Each row is a case whose answer does not depend on how the scoring is tuned: a clear title, a
counter in the footer, an ambiguous district name without its province, a plan beside a review.
The scorers are called through ``year_of`` and ``place_of`` only, so a change of their signatures
touches those two functions and not the tables.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from indexer.dates import tag_year
from indexer.places import tag_places

TODAY = date(2024, 6, 1)
#: A paragraph with no year and no place in it.
NEUTRAL = (
    "Các cấp ủy, chính quyền đã tập trung lãnh đạo, chỉ đạo thực hiện các nhiệm vụ phát triển kinh tế - xã hội, "
    "đạt nhiều kết quả quan trọng trên các lĩnh vực."
)


def year_of(title: str | None, date_line: str | None, body: list[str]) -> tuple[int | None, date | None]:
    tags = tag_year(title, date_line, body, today=TODAY)
    return tags.year, tags.published


def place_of(title: str | None, body: list[str], credits: list[str] = ()) -> tuple[str | None, str | None]:
    """(district short name, province short name), None where unknown."""
    tags = tag_places(title, body, list(credits))
    return (tags.district.short if tags.district else None, tags.province.short if tags.province else None)


# ----------------------------------------------------------------- years
@pytest.mark.parametrize(
    "title,date_line,body,year",
    [
        pytest.param("Báo cáo tổng kết năm 2022 của Huyện ủy Lương Tài", None, [NEUTRAL], 2022, id="clear title"),
        pytest.param("Sơ kết 6 tháng đầu năm 2023", None, [NEUTRAL], 2023, id="first months of the year"),
        pytest.param(
            "Huyện ủy Lục Nam tổng kết công tác",
            None,
            [f"Trong năm 2019, {NEUTRAL}", "Thống kê truy cập", "Hôm nay: 2023", "Đã truy cập: 123456"],
            2019,
            id="footer counter beside a year",
        ),
        pytest.param("Tin hoạt động", None, [NEUTRAL, "Hôm nay: 2023"], None, id="footer counter alone"),
        pytest.param(
            "Thu ngân sách",
            None,
            ["Tổng thu ngân sách trên địa bàn đạt 2023 tỷ đồng, bằng 105% dự toán."],
            None,
            id="a number is not a year",
        ),
        pytest.param(
            "Đại hội",
            None,
            ["Nghị quyết Đại hội Đảng bộ huyện nhiệm kỳ 2020-2025 đề ra 15 chỉ tiêu chủ yếu."],
            None,
            id="a term of office is not the reviewed year",
        ),
        pytest.param(
            "Nhìn lại một năm thực hiện nhiệm vụ",
            "23/10/2022 19:14",
            [
                "Năm 2021, huyện đã hoàn thành các nhiệm vụ chính trị; kết quả thực hiện nhiệm vụ năm 2021 đạt "
                "và vượt kế hoạch đề ra."
            ],
            2021,
            id="published after the reviewed year",
        ),
        pytest.param(
            "Hội nghị tổng kết",
            "20/12/2022",
            ["Đánh giá kết quả thực hiện nhiệm vụ năm 2022; phương hướng, nhiệm vụ năm 2023 là năm bản lề."],
            2022,
            id="review beats plan",
        ),
        pytest.param(
            "Hội nghị tổng kết",
            "10/12/2021",
            [
                "Kết quả thực hiện nhiệm vụ năm 2021 đạt khá; mục tiêu đến năm 2025 có 100% xã đạt chuẩn nông thôn "
                "mới, đến năm 2030 trở thành thị xã."
            ],
            2021,
            id="targets in the future are not the year",
        ),
        pytest.param("Tiêu đề", None, [NEUTRAL], None, id="no year at all"),
    ],
)
def test_year(title, date_line, body, year):
    assert year_of(title, date_line, body)[0] == year


@pytest.mark.parametrize(
    "date_line,published",
    [
        ("23/10/2022 19:14", date(2022, 10, 23)),
        ("Cập nhật 14:05 ngày 5/1/2021", date(2021, 1, 5)),
        ("32/13/2022", None),
        ("Chuyên mục: Tin tức", None),
        (None, None),
    ],
)
def test_published_date(date_line, published):
    assert year_of("Tiêu đề", date_line, [NEUTRAL])[1] == published


def test_decomposed_text_gets_the_same_year():
    title, body = "Báo cáo tổng kết năm 2022 của Huyện uỷ Lương Tài", [f"Trong năm 2022, {NEUTRAL}"]
    nfd = unicodedata.normalize("NFD", title)
    assert year_of(nfd, None, [unicodedata.normalize("NFD", p) for p in body]) == year_of(title, None, body)
    assert year_of(nfd, None, body)[0] == 2022


# ----------------------------------------------------------------- places
@pytest.mark.parametrize(
    "title,body,credits,district,province",
    [
        pytest.param(
            "Báo cáo tổng kết năm 2022 của Huyện ủy Lương Tài", [NEUTRAL], [], "Lương Tài", "Bắc Ninh", id="clear title"
        ),
        pytest.param("Báo cáo của Huyện uỷ Lương Tài", [NEUTRAL], [], "Lương Tài", "Bắc Ninh", id="old tone placement"),
        pytest.param(
            "Huyện ủy Châu Thành tổng kết công tác năm 2022",
            [NEUTRAL, "Huyện Châu Thành tiếp tục thực hiện tốt các chỉ tiêu đề ra trong năm."],
            [],
            None,
            None,
            id="Châu Thành without its province",
        ),
        pytest.param(
            "Huyện ủy Châu Thành tổng kết công tác năm 2022",
            [NEUTRAL, "Huyện Châu Thành, tỉnh Tiền Giang tiếp tục thực hiện tốt các chỉ tiêu."],
            [],
            "Châu Thành",
            "Tiền Giang",
            id="Châu Thành with its province",
        ),
        pytest.param(
            "Huyện Lục Nam tổng kết năm 2022",
            [NEUTRAL, "Đoàn đã đến học tập kinh nghiệm tại huyện Lương Tài."],
            [],
            "Lục Nam",
            "Bắc Giang",
            id="the title's district over one named in passing",
        ),
        pytest.param(
            "Tỉnh Bắc Giang tổng kết",
            [NEUTRAL, "Tỉnh Bắc Giang đã hoàn thành các chỉ tiêu."],
            [],
            None,
            "Bắc Giang",
            id="a province and no district",
        ),
        pytest.param("Kỳ họp thứ 3", [NEUTRAL], ["Trung tâm TT&VH Ba Chẽ"], "Ba Chẽ", "Quảng Ninh", id="credit line"),
        pytest.param(
            "Hội nghị tổng kết của Đảng bộ huyện",
            [
                NEUTRAL,
                "Xã Đồn Đạc đạt chuẩn nông thôn mới nâng cao, xã Thanh Lâm và xã Nam Sơn hoàn thành 19 tiêu chí.",
            ],
            [],
            "Ba Chẽ",
            "Quảng Ninh",
            id="communes that agree",
        ),
        pytest.param(
            "Hội nghị tổng kết của Đảng bộ huyện",
            [NEUTRAL, "Xã Đồn Đạc đạt chuẩn nông thôn mới nâng cao."],
            [],
            None,
            None,
            id="one commune alone",
        ),
        pytest.param("Tiêu đề", [NEUTRAL], [], None, None, id="no place at all"),
    ],
)
def test_place(title, body, credits, district, province):
    assert place_of(title, body, credits) == (district, province)


def test_decomposed_text_gets_the_same_place():
    title = "Báo cáo tổng kết năm 2022 của Huyện ủy Lương Tài"
    assert place_of(unicodedata.normalize("NFD", title), [NEUTRAL]) == ("Lương Tài", "Bắc Ninh")
