import unicodedata

from indexer.normalize import fold, key, normalize


def test_tone_placement_is_unified():
    assert normalize("Tỉnh uỷ") == normalize("Tỉnh ủy") == "Tỉnh ủy"
    assert normalize("hoà bình") == "hòa bình"
    assert normalize("Khoá XV") == "Khóa XV"


def test_tone_placement_leaves_closed_syllables_and_qu_alone():
    assert normalize("Hoàng") == "Hoàng"
    assert normalize("quý Quỳnh") == "quý Quỳnh"
    assert normalize("thuở") == "thuở"


def test_nfd_input_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Huyện uỷ Lương Tài")
    assert nfd != "Huyện uỷ Lương Tài"
    assert normalize(nfd) == "Huyện ủy Lương Tài"


def test_dashes_quotes_and_spaces():
    assert normalize("kinh tế – xã hội “mới”\u00a0 x") == 'kinh tế - xã hội "mới" x'


def test_folding_removes_marks_and_d_stroke():
    assert fold("Đồn Đạc") == "Don Dac"
    assert key("NÔNG THÔN MỚI") == "nong thon moi"
