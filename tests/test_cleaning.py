from indexer.cleaning import byline_parts, clean, furniture_reason, is_caption


def test_counters_and_site_furniture_are_dropped():
    for line in [
        "Lượt xem: 44",
        "Hôm nay: 2023",
        "Đã truy cập: 6581658",
        "image advertisement",
        "captcha",
        "Phiên bản di động",
        "Bình luận của bạn về bài viết...",
        "Tin mới",
        "Trang chủ > Tin tức > Chính trị",
    ]:
        assert furniture_reason(line), line


def test_report_sentences_are_not_furniture():
    assert (
        furniture_reason("Hôm nay, huyện tổ chức hội nghị tổng kết công tác năm 2022 với sự tham dự của 200 đại biểu.")
        is None
    )


def test_captions():
    assert is_caption("Quang cảnh Hội nghị")
    assert is_caption("Đồng chí Nguyễn Minh Sơn - TUV, Bí thư Huyện ủy phát biểu chỉ đạo kỳ họp.")
    assert not is_caption(
        "Đồng chí Bí thư Huyện ủy yêu cầu các cơ sở Đảng tập trung cao độ thực hiện hoàn thành các "
        "chỉ tiêu; tiếp tục tuyên truyền để người dân không lơ là trước dịch bệnh."
    )


def test_bylines():
    assert byline_parts("Minh Phú") == ("Minh Phú", None)
    assert byline_parts("LIÊM ĐOÀN") == ("LIÊM ĐOÀN", None)
    assert byline_parts("Theo Cổng TTĐT huyện Thủy Nguyên") == (None, "Cổng TTĐT huyện Thủy Nguyên")
    assert byline_parts("Bình Minh/Trung tâm TT&VH Ba Chẽ") == ("Bình Minh", "Trung tâm TT&VH Ba Chẽ")
    assert byline_parts("Công tác cải cách hành chính được đẩy mạnh.") is None


PAGE = """image banner
Khẩu hiệu của trang năm 2024
Huyện ủy Yên Dũng tổng kết công tác năm 2023
Lượt xem: 1234
Sáng 20/12, Huyện ủy Yên Dũng tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023 và triển khai nhiệm vụ năm 2024.

Sáng 20/12, Huyện ủy Yên Dũng tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2023 và triển khai nhiệm vụ năm 2024. Đồng chí Bí thư Huyện ủy chủ trì hội nghị với sự tham dự của lãnh đạo các xã, thị trấn trên địa bàn huyện.
Quang cảnh hội nghị
Năm 2023, toàn huyện kết nạp 215 đảng viên mới, đạt 107% kế hoạch; công tác kiểm tra, giám sát được tăng cường, chất lượng sinh hoạt chi bộ được nâng lên.
Năm 2023, toàn huyện kết nạp 215 đảng viên mới, đạt 107% kế hoạch; công tác kiểm tra, giám sát được tăng cường, chất lượng sinh hoạt chi bộ được nâng lên.
Thu Hà
Tin liên quan
Một bài viết khác rất dài về chủ đề khác của trang web đặt sau tên tác giả
Hôm nay: 2025
"""


def test_clean_page_keeps_title_metadata_and_paragraphs():
    page = clean(PAGE)
    assert page.title == "Huyện ủy Yên Dũng tổng kết công tác năm 2023"
    assert page.author == "Thu Hà"
    assert len(page.paragraphs) == 2, page.paragraphs  # lead repeated + duplicate dropped
    assert page.paragraphs[0].startswith("Sáng 20/12") and "chủ trì" in page.paragraphs[0]
    text = "\n".join(page.paragraphs)
    for furniture in ("Quang cảnh", "Lượt xem", "Hôm nay", "Tin liên quan", "Khẩu hiệu", "bài viết khác"):
        assert furniture not in text
    reasons = {reason for _, reason in page.dropped}
    assert {"counter", "photo caption", "duplicate paragraph", "byline"} <= reasons


def test_hard_wrapped_text_is_joined():
    page = clean(
        "Tiêu đề báo cáo năm 2022 của huyện\n\nTrong năm 2022, huyện đã tập trung chỉ đạo thực hiện các\n"
        "nhiệm vụ phát triển kinh tế - xã hội, đạt nhiều kết quả quan trọng trên các lĩnh vực.\n"
    )
    assert page.paragraphs == [
        "Trong năm 2022, huyện đã tập trung chỉ đạo thực hiện các nhiệm vụ phát triển kinh tế - "
        "xã hội, đạt nhiều kết quả quan trọng trên các lĩnh vực."
    ]
