"""Tags of the seed reports, and made-up reports that exercise the hard cases."""

import unicodedata

import pytest

from indexer.pipeline import process_file, process_text
from indexer.reading import ReadError, read_file

from .conftest import SEEDS

EXPECTED = {
    "000_0c76d55f23b5fd2a.txt": ("Lương Tài", "Bắc Ninh", 2022),
    "001_957a071da1a51fb9.txt": ("Bình Lục", "Hà Nam", 2021),
    "002_565f1c175572ee32.txt": ("Kiến Thụy", "Hải Phòng", 2021),
    "003_7c2a4d989f25be59.txt": ("Thủy Nguyên", "Hải Phòng", 2022),
    "004_89987b1a15d4823c.txt": ("Ba Chẽ", "Quảng Ninh", 2020),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_tags(name):
    report = process_file(SEEDS / name)
    district, province, year = EXPECTED[name]
    assert report.district is not None and report.district.short == district
    assert report.province is not None and report.province.short == province
    assert report.year == year
    assert report.title and len(report.paragraphs) >= 5
    for p in report.paragraphs:  # no furniture paragraph
        assert len(p.text) >= 60
        assert not p.text.startswith(("Quang cảnh", "Lượt xem", "Hôm nay", "image", "Tin mới"))


def test_seed_metadata():
    assert process_file(SEEDS / "001_957a071da1a51fb9.txt").author == "Minh Phú"
    ba_che = process_file(SEEDS / "004_89987b1a15d4823c.txt")
    assert ba_che.author == "Bình Minh" and ba_che.source == "Trung tâm TT&VH Ba Chẽ"
    assert str(ba_che.published) == "2020-10-15"
    assert process_file(SEEDS / "003_7c2a4d989f25be59.txt").source == "Cổng TTĐT huyện Thủy Nguyên"


BODY = (
    "Trong năm {y}, các cấp ủy, chính quyền đã tập trung lãnh đạo, chỉ đạo thực hiện các nhiệm vụ phát triển kinh tế - "
    "xã hội, bảo đảm quốc phòng - an ninh, đạt nhiều kết quả quan trọng trên các lĩnh vực."
)


def test_commune_inference_when_the_district_is_not_named():
    text = (
        "Hội nghị tổng kết công tác năm 2022 của Đảng bộ huyện\n\n15/12/2022\n\n" + BODY.format(y=2022) + "\n\n"
        "Chương trình xây dựng nông thôn mới tiếp tục đạt kết quả: xã Đồn Đạc đạt chuẩn nông thôn mới nâng cao, "
        "xã Thanh Lâm và xã Nam Sơn hoàn thành 19 tiêu chí; các xã tích cực trồng rừng gỗ lớn.\n"
    )
    report = process_text(text)
    assert report.district is not None and report.district.short == "Ba Chẽ"
    assert report.province.short == "Quảng Ninh"
    assert any("communes" in e for e in report.evidence["district"])


def test_ambiguous_district_needs_its_province():
    alone = process_text(
        "Huyện ủy Châu Thành tổng kết công tác năm 2022\n\n"
        + BODY.format(y=2022)
        + " Huyện Châu Thành tiếp tục thực hiện tốt các chỉ tiêu đề ra trong năm.\n"
    )
    assert alone.district is None  # five provinces have a Châu Thành
    assert any("ambiguous" in e for e in alone.evidence["district"])
    with_province = process_text(
        "Huyện ủy Châu Thành tổng kết công tác năm 2022\n\n"
        + BODY.format(y=2022)
        + " Huyện Châu Thành, tỉnh Tiền Giang tiếp tục thực hiện tốt các chỉ tiêu đề ra.\n"
    )
    assert with_province.district is not None and with_province.province.short == "Tiền Giang"


def test_footer_counter_is_not_the_year():
    text = (
        "Huyện ủy Lục Nam tổng kết công tác\n\n"
        + BODY.format(y=2019)
        + "\n\nThống kê truy cập\nHôm nay: 2023\nĐã truy cập: 123456\n"
    )
    report = process_text(text)
    assert report.year == 2019


def test_published_date_after_the_reviewed_year():
    text = (
        "Nhìn lại một năm thực hiện nhiệm vụ\n\n23/10/2022 19:14 Chuyên mục\n\n"
        + "Năm 2021, huyện Lục Nam đã hoàn thành các nhiệm vụ chính trị; kết quả thực hiện nhiệm vụ năm 2021 "
        "đạt và vượt kế hoạch đề ra trên các lĩnh vực kinh tế, văn hóa, xã hội.\n"
    )
    report = process_text(text)
    assert report.year == 2021 and str(report.published) == "2022-10-23"


def test_nfd_text_is_tagged_like_nfc():
    nfc = (SEEDS / "000_0c76d55f23b5fd2a.txt").read_text("utf-8")
    report = process_text(unicodedata.normalize("NFD", nfc))
    assert report.district.short == "Lương Tài" and report.year == 2022
    assert unicodedata.is_normalized("NFC", report.paragraphs[0].text)


def test_html_page(tmp_path):
    page = tmp_path / "bao cáo Lục Nam.html"
    page.write_text(
        "<html><head><title>Huyện ủy Lục Nam tổng kết năm 2022</title><script>var x = 'Hôm nay: 2099';"
        "</script></head><body><nav>Trang chủ | Tin tức | Liên hệ</nav><h1>Huyện ủy Lục Nam tổng kết "
        "năm 2022</h1><p>" + BODY.format(y=2022) + "</p><p>Huyện Lục Nam, tỉnh Bắc Giang đã hoàn thành "
        "12/12 chỉ tiêu; công tác xây dựng Đảng được chú trọng, kết nạp 150 đảng viên mới.</p>"
        "<footer>Bản quyền thuộc về huyện</footer></body></html>",
        encoding="utf-8",
    )
    report = process_file(page)
    assert report.title == "Huyện ủy Lục Nam tổng kết năm 2022"
    assert report.district.short == "Lục Nam" and report.year == 2022
    text = " ".join(p.text for p in report.paragraphs)
    assert "var x" not in text and "Trang chủ" not in text and "Bản quyền" not in text


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        ("Báo cáo năm 2022".encode()[:-1] + b"\xe1\xbb", "UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_unreadable_files_say_why(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_file(path)


def test_topics_are_explained():
    report = process_file(SEEDS / "000_0c76d55f23b5fd2a.txt")
    farming = [p for p in report.paragraphs if "nong-nghiep-nong-thon" in p.topics]
    assert farming
    assert any(term == "nông thôn mới" for p in farming for term, _ in p.fired["nong-nghiep-nong-thon"])


def test_topic_terms_are_listed_once():
    from indexer.topics import taxonomy

    for topic in taxonomy().topics:
        seen: dict = {}
        for sylls, _, term in topic.terms:
            assert sylls not in seen, f"{topic.slug}: {term!r} is {seen[sylls]!r} again (both would count)"
            seen[sylls] = term


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Công tác cải cách hành chính được đẩy mạnh, 98% hồ sơ được giải quyết đúng hạn.", "chinh-quyen"),
        ("Thanh toán không dùng tiền mặt được mở rộng tại các chợ và trường học trên địa bàn.", "chuyen-doi-so"),
        ("Ủy ban MTTQ huyện tặng giấy khen cho 12 tập thể có thành tích trong năm.", "dan-van"),
        ("Các tổ hòa giải ở cơ sở hòa giải thành 120 vụ việc, giữ gìn đoàn kết trong khu dân cư.", "dan-van"),
        (
            "Lũ quét và sạt lở đất làm hư hỏng 40 ngôi nhà, huyện di dời 90 hộ dân khỏi vùng nguy hiểm.",
            "tai-nguyen-moi-truong",
        ),
    ],
)
def test_one_defining_term_is_enough(text, slug):
    # A paragraph about one field, naming it once with its own words, gets that topic.
    from indexer.analysis import analyse
    from indexer.segmentation import Segmenter
    from indexer.topics import classify

    result = classify(analyse(text, Segmenter()))
    assert slug in result.topics, result.fired


PARTY_THEN_GOVERNMENT = (
    "Đảng bộ huyện kết nạp 94 đảng viên mới, nâng cao chất lượng sinh hoạt chi bộ và công tác kiểm tra, "
    "giám sát của cấp ủy. Bên cạnh đó, tại Bộ phận một cửa, thủ tục hành chính được giải quyết đúng hạn, "
    "người dân hài lòng."
)


def _topics(text: str, drop: tuple[str, ...] = ()) -> tuple[list[str], dict[str, float]]:
    import json
    from importlib import resources

    from indexer.analysis import analyse
    from indexer.segmentation import Segmenter
    from indexer.topics import classify, taxonomy_from

    data = json.loads(resources.files("indexer").joinpath("data/topics.json").read_text("utf-8"))
    for key in drop:
        data.pop(key)
    result = classify(analyse(text, Segmenter()), taxonomy_from(data))
    return result.topics, result.scores


def test_a_second_field_in_its_own_sentence_is_kept():
    # Party work outweighs government work 18.5 to 6 over the paragraph, so the relative cut alone
    # drops chinh-quyen; but the second sentence is about administrative procedures only.
    topics, scores = _topics(PARTY_THEN_GOVERNMENT)
    assert topics == ["xay-dung-dang", "chinh-quyen"], scores
    assert _topics(PARTY_THEN_GOVERNMENT, drop=("sentence",))[0] == ["xay-dung-dang"]


def test_a_passing_mention_inside_a_sentence_is_not_kept():
    # The same government words, inside the sentence about Party work, are a passing mention.
    text = (
        "Đảng bộ huyện kết nạp 94 đảng viên mới, nâng cao chất lượng sinh hoạt chi bộ và công tác kiểm tra, "
        "giám sát của cấp ủy, gắn với giải quyết thủ tục hành chính cho đảng viên tại bộ phận một cửa."
    )
    topics, scores = _topics(text)
    assert scores["chinh-quyen"] == _topics(PARTY_THEN_GOVERNMENT)[1]["chinh-quyen"]
    assert topics == ["xay-dung-dang"], scores


def test_an_office_name_is_not_its_field():
    topics, scores = _topics(
        "Các đại biểu chất vấn Trưởng phòng Tài nguyên và Môi trường về tiến độ cấp giấy chứng nhận "
        "quyền sử dụng đất cho các hộ dân."
    )
    assert "tai-nguyen-moi-truong" not in topics, scores


def test_cross_boundary_terms_do_not_fire():
    report = process_text(
        "Tiêu đề\n\nHội nghị quyết định giao chỉ tiêu thu ngân sách cho các xã, thị trấn trong năm tới "
        "với tổng số 30 tỷ đồng, tăng 10% so với năm trước.\n"
    )
    fired = report.paragraphs[0].fired.get("xay-dung-dang", [])
    assert "nghị quyết" not in [t for t, _ in fired]


def test_report_defined_abbreviations_are_learnt():
    report = process_text(
        "Tiêu đề\n\nBan Chỉ đạo giải phóng mặt bằng (GPMB) và Ủy ban Kiểm tra (UBKT) huyện đã họp "
        "để rà soát tiến độ các dự án trọng điểm trên địa bàn trong năm 2022.\n"
    )
    assert report.abbreviations["GPMB"] == ["giải phóng mặt bằng"]
    assert "GPMB" in report.paragraphs[0].concepts
