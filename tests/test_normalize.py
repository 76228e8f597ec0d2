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


# Look-alike letters (issue #14): one rule for documents and queries, a test per kind.


def test_eth_is_d_stroke():
    assert normalize("Ðảng ủy") == "Đảng ủy"
    assert normalize("ðoàn kết") == "đoàn kết"
    assert key("Ðại hội") == key("Đại hội") == "dai hoi"


def test_invisible_characters_inside_words_are_removed():
    for invisible in ("\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"):
        assert normalize(f"Đả{invisible}ng viên") == "Đảng viên", repr(invisible)


def test_unicode_spaces_are_plain_spaces():
    for space in ("\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000"):
        assert normalize(f"nông{space}thôn mới") == "nông thôn mới", repr(space)


def test_decomposed_marks_in_any_order_compose():
    # "ắ" as a + acute + breve (both combining class 230: canonical ordering keeps them as typed).
    assert normalize("na\u0301\u0306m") == normalize("na\u0306\u0301m") == "nắm"
    # "ệ" as e + dot below + circumflex, and the other way round.
    assert normalize("Vie\u0323\u0302t") == normalize("Vie\u0302\u0323t") == "Việt"
    assert normalize("ngu\u031bo\u0300\u031bi") == "người"
