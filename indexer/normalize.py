"""One place for the text-normalisation rules shared by documents and queries.

Vietnamese text arrives in NFC or NFD, with the tone mark of `oa/oe/uy` written
on either vowel (`hoà`/`hòa`, `uỷ`/`ủy`), with several kinds of dashes and
quotes.  Matching must not care, so both the indexer and the query parser pass
text through :func:`normalize`; the original text is kept for display.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Old-style tone placement (mark on the first vowel of "oa", "oe", "uy" in an
# open syllable) → the new style used by most current writing.  Only applies
# when the pair ends the syllable: "hoàng" keeps its mark on "à".
_TONE_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_PAIRS.update({k.capitalize(): v.capitalize() for k, v in list(_TONE_PAIRS.items())})
_TONE_PAIRS.update({k.upper(): v.upper() for k, v in list(_TONE_PAIRS.items()) if k.islower()})
# After "q" the "u" is part of the consonant ("quý", "quỳnh"): the mark is already
# on its vowel there, so the look-behind skips it.
_TONE_RE = re.compile(r"(?<![qQ])([oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])")

_QUOTE_MAP = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u2026": "...",
}
_PUNCT_MAP = dict(_QUOTE_MAP, **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"})
_PUNCT_RE = re.compile("[" + "".join(_PUNCT_MAP) + "]")
_SPACES = re.compile(r"[ \t\f\v]+")


# Folding: one ``str.translate`` with a table built once from Unicode's own
# decompositions (every precomposed Latin letter → its base letter, combining
# marks → nothing, đ/Đ → d/D by hand): folding is the hottest step of indexing.
def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D", 0x00D0: "D", 0x00F0: "d"}
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        base = "".join(c for c in unicodedata.normalize("NFD", chr(cp)) if not unicodedata.combining(c))
        if base != chr(cp) and base.isascii():
            table[cp] = base
    for cp in range(0x0300, 0x0370):
        table[cp] = None
    return table


_FOLD_TABLE = _fold_table()


# Look-alike letters and invisible characters, as web pages and legacy converters
# write them: one map, applied to documents (``indexer.cleaning``) and queries
# (``normalize``) alike, so "Ðảng" (U+00D0), "Đả\u00adng" (a soft hyphen) and
# "Đảng" are the same word everywhere.
_LOOKALIKES: dict[int, str | None] = {
    0x00D0: "Đ",  # Ð: Icelandic eth, what legacy converters put for Đ
    0x00F0: "đ",  # ð
    0x0110: "Đ",
    0x00AD: None,  # soft hyphen
    0x200B: None,  # zero-width space
    0x200C: None,  # zero-width non-joiner
    0x200D: None,  # zero-width joiner
    0x2060: None,  # word joiner
    0xFEFF: None,  # byte-order mark / zero-width no-break space
}
# Unicode spaces (NBSP, en/em/thin/narrow spaces, ideographic space…) → a plain space.
_LOOKALIKES.update({cp: " " for cp in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)})
_LOOKALIKE_RE = re.compile("[" + "".join(chr(c) for c in _LOOKALIKES if c != 0x0110) + "]")
# Vietnamese vowel-shape marks (circumflex, breve, horn) and tone marks.  In NFD the
# shape mark must come first: "a" + acute + breve has both marks in combining class
# 230, which canonical ordering keeps as typed, so NFC would not compose it into "ắ".
_SHAPE_MARKS = frozenset("\u0302\u0306\u031b")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_MARK_RUN = re.compile("[\u0300-\u036f]{2,}")
_ANY_MARK = re.compile("[\u0300-\u036f]")


def _shape_first(match: re.Match[str]) -> str:
    run = match.group()
    return "".join(sorted(run, key=lambda c: 0 if c in _SHAPE_MARKS else 1 if c in _TONE_MARKS else 2))


def nfc(text: str) -> str:
    """NFC with look-alike letters unified, invisible characters removed, Unicode
    spaces made plain and decomposed marks put in composable order (shape, then tone)."""
    if not text.isascii():
        if _LOOKALIKE_RE.search(text):
            text = text.translate(_LOOKALIKES)
        text = unicodedata.normalize("NFC", text)
        if _ANY_MARK.search(text):  # a mark NFC could not compose: maybe typed in the wrong order
            text = unicodedata.normalize("NFC", _MARK_RUN.sub(_shape_first, unicodedata.normalize("NFD", text)))
    return text


def unify_tone_placement(text: str) -> str:
    """`hoà` → `hòa`, `Tỉnh uỷ` → `Tỉnh ủy` (expects NFC input)."""
    return _TONE_RE.sub(lambda m: _TONE_PAIRS.get(m.group(1), m.group(1)), text)


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """NFC, one tone placement, ASCII dashes and quotes, single spaces.

    Case is kept: the tagger needs capitals to tell `An Ninh` (a commune) from
    `an ninh` (security).  Lower-case it yourself for matching.  Cached: a
    paragraph is normalised by several taggers in turn.
    """
    text = _PUNCT_RE.sub(lambda m: _PUNCT_MAP[m.group()], nfc(text))
    text = unify_tone_placement(text)
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def fold(text: str) -> str:
    """Remove diacritics: `Đồn Đạc` → `Don Dac`.  Case is kept."""
    folded = text.translate(_FOLD_TABLE)
    if folded.isascii():
        return folded
    # Rare letters outside the table: the slow, general way.
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """``fold`` for one syllable or word, cached: the corpus has few distinct ones."""
    return fold(token)


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Lower-case, normalised and folded: the form used to compare names.  Cached:
    the cleaner, the year tagger and the year mentions each ask it of every paragraph."""
    return fold(normalize(text)).lower()


def has_diacritics(text: str) -> bool:
    return fold(text) != text


_SYLLABLE_RE = re.compile(r"[^\W_]+", re.UNICODE)


def syllables(text: str) -> list[str]:
    """Alphanumeric runs, as Tantivy's `simple` tokenizer cuts them."""
    return _SYLLABLE_RE.findall(text)


def syllable_starts(text: str) -> list[int]:
    """Where each of ``syllables(text)`` starts in ``text``."""
    return [m.start() for m in _SYLLABLE_RE.finditer(text)]
