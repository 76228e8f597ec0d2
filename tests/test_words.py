"""Words match as words (issue #14), through the HTTP API on a real index.

Each test posts its own short reports (written for these tests) into a private
copy of the seed index and searches as a person would, with and without marks.
"""

from __future__ import annotations

import pytest

from .conftest import API_KEY


def post(client, text: str, title: str) -> str:
    r = client.post("/api/v1/documents", headers={"X-API-Key": API_KEY}, json={"text": text, "title": title})
    assert r.status_code in (200, 201), r.text
    return r.json()["id"]


def search(client, **params):
    r = client.get("/api/v1/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


TOGETHER = (
    "Năm 2023, Đảng bộ huyện Yên Khánh tiếp tục đổi mới nội dung, phương thức công tác dân vận, phát huy vai trò "
    "của Mặt trận và các đoàn thể; mô hình dân vận khéo được nhân rộng ở tất cả các xã, thị trấn."
)
SCATTERED = (
    "Công tác quản lý đất đai được chú trọng; người dân được hướng dẫn thủ tục, các tổ vận tải hàng hóa trên "
    "địa bàn hoạt động ổn định, tác động tích cực đến đời sống nhân dân trong huyện Yên Khánh."
)


@pytest.mark.parametrize("q", ["công tác dân vận", "cong tac dan van", "CÔNG TÁC DÂN VẬN", "cong tác dan vận"])
def test_a_word_matches_only_with_its_syllables_side_by_side(client, q):
    together = post(client, TOGETHER, "Dân vận ở Yên Khánh")
    scattered = post(client, SCATTERED, "Đất đai ở Yên Khánh")
    result = search(client, q=f"{q} Yên Khánh", per_page=50)
    full = [h["document_id"] for h in result["hits"] if not h["partial"]]
    partial = [h["document_id"] for h in result["hits"] if h["partial"]]
    assert together in full and scattered not in full
    # Every syllable is there, apart: the best partial match, listed after the full ones, not counted.
    assert scattered in partial and result["total"] == len(full)
    # The partial hit shows its syllables marked one by one; the full hit only the words.
    marked = {h["document_id"]: h["highlight"] for h in result["hits"]}
    assert "<mark>tác</mark>" in marked[scattered].lower() and "<mark>dân</mark>" in marked[scattered].lower()
    assert result["words"] == ["công tác", "dân vận", "yên khánh"]


def test_unaccented_query_is_read_with_its_marks(client):
    post(client, TOGETHER, "Dân vận ở Yên Khánh")
    result = search(client, q="cong tac dan van")
    assert result["interpreted_as"] == "công tác dân vận"
    assert result["words"] == ["công tác", "dân vận"]


def test_the_likelier_reading_ranks_first(client):
    """ "dan van" is both "dân vận" and "dân văn" (cư dân văn minh): both match, the
    reading the corpus makes likelier ranks first."""
    van = post(
        client,
        "Huyện tăng cường công tác xây dựng khu dân cư văn hóa, cư dân văn minh, đẩy mạnh phong trào văn nghệ "
        "quần chúng ở các thôn, khu phố trong năm 2023.",
        "Văn hóa cơ sở",
    )
    van_dong = post(
        client,
        "Huyện tăng cường công tác dân vận của chính quyền, lắng nghe ý kiến Nhân dân, giải quyết kịp thời kiến "
        "nghị của cử tri tại các buổi tiếp xúc trong năm 2023.",
        "Dân vận chính quyền",
    )
    ids = [h["document_id"] for h in search(client, q="tang cuong cong tac dan van", per_page=50)["hits"]]
    assert van in ids and van_dong in ids and ids.index(van_dong) < ids.index(van)


def test_posted_reports_teach_the_reader_new_words(client):
    before = search(client, q="sau rieng")["words"]
    post(
        client,
        "Diện tích sầu riêng của huyện tăng mạnh; nhiều hộ chuyển đổi vườn tạp sang trồng sầu riêng, sầu riêng "
        "cho thu nhập cao, được cấp mã số vùng trồng để xuất khẩu.",
        "Sầu riêng Krông Năng",
    )
    after = search(client, q="sau rieng")
    assert before != ["sầu riêng"] and after["words"] == ["sầu riêng"]
    assert after["interpreted_as"] == "sầu riêng" and after["total"] >= 1


def test_facet_counts_are_of_words_as_words(client):
    post(client, TOGETHER, "Dân vận ở Yên Khánh")
    post(client, SCATTERED, "Đất đai ở Yên Khánh")
    result = search(client, q="cong tac dan van")
    for facet in ("district", "year", "topic"):
        for value in result["facets"][facet]:
            filtered = search(client, q="cong tac dan van", **{facet: value["value"]})
            assert filtered["total"] == value["count"], (facet, value)


def test_look_alike_letters_in_a_document(client):
    """Ð (U+00D0) for Đ and a soft hyphen inside a word, as some pages write them."""
    doc = post(
        client,
        "Huyện ủy Gia Viễn tổ chức hội nghị quán triệt Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Ðảng khóa XIII; các đồng chí "
        "trong Ban Thường vụ nêu rõ yêu cầu chuyển đổi số trong công tác tham\u00admưu của các cơ quan đảng.",
        "Quán triệt Nghị quyết Trung ương 6",
    )
    for q in ('"Trung ương Đảng khóa XIII"', "tham mưu Gia Viễn", '"trung uong dang"'):
        assert doc in [h["document_id"] for h in search(client, q=q, per_page=50)["hits"]], q


def test_a_quoted_headline_finds_its_report_first(client):
    title = "Huyện Kim Sơn hoàn thành 18 chỉ tiêu phát triển kinh tế năm 2023"
    doc = post(
        client,
        "Năm 2023, tổng giá trị sản xuất của huyện tăng 9,2% so với năm trước; thu ngân sách đạt 120% dự toán; "
        "các xã duy trì vững chắc tiêu chí nông thôn mới, đời sống Nhân dân tiếp tục được nâng lên.",
        title,
    )
    for q in (f'"{title}"', '"huyen kim son hoan thanh 18 chi tieu"'):
        first = search(client, q=q)["hits"][0]
        assert first["document_id"] == doc, q
        assert "<mark>" in first["title_highlight"] and first["title"] == title


def test_operators_still_work_on_words(client):
    together = post(client, TOGETHER, "Dân vận ở Yên Khánh")
    ids = lambda q: [h["document_id"] for h in search(client, q=q, per_page=100)["hits"] if not h["partial"]]  # noqa: E731
    assert together in ids("công tác dân vận")
    assert together not in ids("công tác dân vận -Yên")
    assert together in ids("công tác dân vận Yên OR zzzz")
    assert together in ids('"dân vận khéo"')
    # The abbreviation and its expansion, both ways.
    assert together in ids("MTTQ OR mặt trận") or together in ids("mặt trận")


@pytest.mark.parametrize(
    ("q", "shown"),
    [
        ("NTM kieu mau", "NTM kiểu mẫu"),
        ("chuyen doi so", "chuyển đổi số"),
        ("cong tác dan vận", "công tác dân vận"),
        # A concept the seed reports never write: shown as the table writes it, not guessed syllable
        # by syllable ("họp tac xa"), and its abbreviation with its hyphen.
        ("hop tac xa", "hợp tác xã"),
        ("kt-xh", "KT-XH"),
    ],
)
def test_interpreted_as_restores_marks_and_keeps_capitals(read_client, q, shown):
    assert search(read_client, q=q)["interpreted_as"] == shown


def test_a_word_does_not_span_a_sentence_end(client):
    doc = post(
        client,
        "Huyện Nho Quan chăm lo đời sống Nhân dân. Vận động các hộ gia đình tham gia bảo hiểm y tế đạt 95%; "
        "các xã hoàn thành chỉ tiêu được giao trong năm 2023, không để hộ nào thiếu đói.",
        "Nho Quan chăm lo đời sống",
    )
    hits = search(client, q="dân vận Nho Quan", per_page=50)["hits"]
    assert doc not in [h["document_id"] for h in hits if not h["partial"]]


def test_a_word_does_not_span_a_comma(client):
    """ "hợp tác, xã hội hóa" has the syllables of "hợp tác xã" side by side, but across a
    comma: neither the word nor its abbreviation (HTX) matches there, as a reader sees it."""
    apart = post(
        client,
        "Huyện Kim Sơn đẩy mạnh liên kết, hợp tác, xã hội hóa các nguồn lực đầu tư cho giáo dục năm 2023.",
        "Kim Sơn xã hội hóa giáo dục",
    )
    together = post(
        client,
        "Huyện Kim Sơn có 12 hợp tác xã nông nghiệp hoạt động hiệu quả, doanh thu bình quân tăng 8% so với năm 2022.",
        "Kim Sơn hợp tác xã",
    )
    for q in ("hợp tác xã Kim Sơn", "hop tac xa Kim Son", "HTX Kim Sơn"):
        full = [h["document_id"] for h in search(client, q=q, per_page=50)["hits"] if not h["partial"]]
        assert together in full and apart not in full, q


def test_a_dash_does_not_break_a_phrase(client):
    """ "kinh tế - xã hội" is searched as "kinh tế xã hội" (and KT-XH): a dash joins, a comma parts."""
    doc = post(
        client,
        "Năm 2023, tình hình kinh tế - xã hội của huyện Gia Viễn tiếp tục phát triển, tổng giá trị sản xuất tăng 9%.",
        "Gia Viễn năm 2023",
    )
    for q in ("kinh tế xã hội Gia Viễn", "KT-XH Gia Viễn"):
        full = [h["document_id"] for h in search(client, q=q, per_page=50)["hits"] if not h["partial"]]
        assert doc in full, q


def test_coordinated_words_match_across_their_comma(client):
    """Official prose writes "phòng, chống" and "cán bộ, công chức"; people type them without
    the comma (and CBCC): whole words either side of a comma still make the word."""
    doc = post(
        client,
        "Năm 2023, huyện Yên Mô đẩy mạnh công tác phòng, chống tham nhũng; đội ngũ cán bộ, công chức được kiện toàn.",
        "Yên Mô năm 2023",
    )
    for q in (
        "phòng chống tham nhũng Yên Mô",
        "phong chong tham nhung Yen Mo",
        "cán bộ công chức Yên Mô",
        "CBCC Yên Mô",
    ):
        full = [h["document_id"] for h in search(client, q=q, per_page=50)["hits"] if not h["partial"]]
        assert doc in full, q
