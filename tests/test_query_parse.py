"""The query parser (``search_api.query.parse``) as a table: what people type → the query's shape.

Only the syntax is pinned here (AND of groups, OR inside a group, phrases, exclusions) and which
abbreviation concepts a query carries; how a term is cut into units (syllables or words) is the
engine's business and is read in one place, ``concepts`` below.
"""

from __future__ import annotations

import unicodedata

import pytest

from indexer.analysis import Abbreviations
from search_api.query import ParsedQuery, parse

ABBREVIATIONS = Abbreviations.default()


def term(t) -> str:
    return f'"{t.text}"' if t.phrase else t.text


def shape(q: str) -> tuple[list[list[str]], list[str]]:
    """Groups (AND of ORs) and exclusions, phrases in quotes: ``a "b c" OR d -e`` →
    ``([["a"], ['"b c"', "d"]], ["e"])``."""
    parsed = parse(q, ABBREVIATIONS)
    assert all(not t.negated for t in parsed.positive_terms) and all(t.negated for t in parsed.excluded)
    return [[term(t) for t in group] for group in parsed.groups], [term(t) for t in parsed.excluded]


def concepts(parsed: ParsedQuery) -> list[str]:
    return [u.concept for t in parsed.positive_terms for u in t.units if u.concept]


@pytest.mark.parametrize(
    "q,groups,excluded",
    [
        # plain words: one run, every word required
        ("nông thôn mới", [["nông thôn mới"]], []),
        ("  nông   thôn  ", [["nông thôn"]], []),
        # quotes: a phrase; text around it is its own group
        ('"giải phóng mặt bằng"', [['"giải phóng mặt bằng"']], []),
        ('"a b" c', [['"a b"'], ["c"]], []),
        ('c "a b" d', [["c"], ['"a b"'], ["d"]], []),
        # an unterminated quote runs to the end
        ('"giải phóng mặt', [['"giải phóng mặt"']], []),
        ('abc "def', [["abc"], ['"def"']], []),
        # negation: -word and -"phrase"
        ("-GPMB", [], ["GPMB"]),
        ('-"mặt bằng"', [], ['"mặt bằng"']),
        ('"giải phóng mặt bằng" -GPMB', [['"giải phóng mặt bằng"']], ["GPMB"]),
        ("a -b c", [["a"], ["c"]], ["b"]),
        ("- -x", [], ["x"]),
        # a lone or doubled dash is text, not an operator
        ("--x", [["--x"]], []),
        ("kinh tế – xã hội", [["kinh tế - xã hội"]], []),
        # OR binds only its neighbours: "a b OR c d" is a AND (b OR c) AND d
        ("a b OR c d", [["a"], ["b", "c"], ["d"]], []),
        ("OCOP OR du lịch", [["OCOP", "du"], ["lịch"]], []),
        ('OCOP OR "du lịch"', [["OCOP", '"du lịch"']], []),
        ('"a b" OR "c d"', [['"a b"', '"c d"']], []),
        ("a OR b OR c", [["a", "b", "c"]], []),
        ("a OR -b", [["a"]], ["b"]),
        # OR is an operator only in capitals, and only between two terms
        ("a or b", [["a or b"]], []),
        ("a OR", [["a"]], []),
        ("OR b", [["b"]], []),
        ("OR", [], []),
        # empty and punctuation-only queries have no terms
        ("", [], []),
        ("   ", [], []),
        ("!!! ... ,,,", [], []),
        ('"', [], []),
        ('""', [], []),
        ("-", [], []),
        ('"" OR ""', [], []),
    ],
)
def test_syntax(q, groups, excluded):
    assert shape(q) == (groups, excluded)
    assert parse(q, ABBREVIATIONS).is_empty == (not groups)


@pytest.mark.parametrize(
    "q,expected",
    [
        ("NTM", ["NTM"]),
        ("nông thôn mới", ["NTM"]),
        ("nong thon moi", ["NTM"]),
        ("NTM kiểu mẫu", ["NTM"]),
        ("HĐND", ["HDND"]),
        ("hội đồng nhân dân", ["HDND"]),
        ('"giải phóng mặt bằng"', ["GPMB"]),
        ("kinh tế – xã hội", ["KTXH"]),
        ("nông thôn", []),
        ("Tỉnh ủy Lương Tài", []),
    ],
)
def test_abbreviations_and_their_expansions_are_one_concept(q, expected):
    assert concepts(parse(q, ABBREVIATIONS)) == expected


def test_excluded_terms_carry_no_positive_concept():
    assert concepts(parse("-NTM kinh tế", ABBREVIATIONS)) == []


@pytest.mark.parametrize(
    "q",
    ["Tỉnh uỷ Lương Tài", '"giải phóng mặt bằng" OR HĐND -"nông thôn mới"', "Hoà Bình -Đồn Đạc"],
)
def test_decomposed_input_parses_like_composed(q):
    nfd, nfc = unicodedata.normalize("NFD", q), unicodedata.normalize("NFC", q)
    assert nfd != nfc
    assert shape(nfd) == shape(nfc)
    assert concepts(parse(nfd, ABBREVIATIONS)) == concepts(parse(nfc, ABBREVIATIONS))
    for t in parse(nfd, ABBREVIATIONS).positive_terms:
        assert unicodedata.is_normalized("NFC", t.text), t.text


def test_tone_placement_is_normalised():
    assert shape("Tỉnh uỷ") == shape("Tỉnh ủy") == ([["Tỉnh ủy"]], [])
