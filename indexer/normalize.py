"""One place for the text-normalisation rules shared by documents and queries.

Vietnamese text arrives in NFC or NFD, with the tone mark of `oa/oe/uy` written
on either vowel (`hoà`/`hòa`, `uỷ`/`ủy`), with several kinds of dashes and
quotes.  Matching must not care, so both the indexer and the query parser pass
text through :func:`normalize`; the original text is kept for display.
"""
from __future__ import annotations

import re
import unicodedata

# Old-style tone placement (mark on the first vowel of "oa", "oe", "uy" in an
# open syllable) → the new style used by most current writing.  Only applies
# when the pair ends the syllable: "hoàng" keeps its mark on "à".
_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_PAIRS.update({k.capitalize(): v.capitalize() for k, v in list(_TONE_PAIRS.items())})
_TONE_PAIRS.update({k.upper(): v.upper() for k, v in list(_TONE_PAIRS.items()) if k.islower()})
# After "q" the "u" is part of the consonant ("quý", "quỳnh"): the mark is already
# on its vowel there, so the look-behind skips it.
_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(sorted(_TONE_PAIRS, key=len, reverse=True)) + r")(?![^\W\d_])")

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]")
_QUOTES = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u00a0": " ", "\u2009": " ", "\u200b": "", "\ufeff": "", "\u2026": "...",
})
_SPACES = re.compile(r"[ \t\f\v]+")

# Folding: strip every combining mark after NFD, and map the letters that are
# not decomposable (đ/Đ) by hand.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def unify_tone_placement(text: str) -> str:
    """`hoà` → `hòa`, `Tỉnh uỷ` → `Tỉnh ủy` (expects NFC input)."""
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(1)], text)


def normalize(text: str) -> str:
    """NFC, one tone placement, ASCII dashes and quotes, single spaces.

    Case is kept: the tagger needs capitals to tell `An Ninh` (a commune) from
    `an ninh` (security).  Lower-case it yourself for matching.
    """
    text = nfc(text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    text = unify_tone_placement(text)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Remove diacritics: `Đồn Đạc` → `Don Dac`.  Case is kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(text: str) -> str:
    """Lower-case, normalised and folded: the form used to compare names."""
    return fold(normalize(text)).lower()


def has_diacritics(text: str) -> bool:
    return fold(text) != text


_SYLLABLE_RE = re.compile(r"[^\W_]+", re.UNICODE)


def syllables(text: str) -> list[str]:
    """Alphanumeric runs, as Tantivy's `simple` tokenizer cuts them."""
    return _SYLLABLE_RE.findall(text)
