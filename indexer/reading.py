"""Turn a file into text, or say precisely why it cannot be read.

Accepted: ``.txt`` (UTF-8 with or without BOM, UTF-16 with BOM),
``.html``/``.htm`` (the article as readability-lxml finds it, with the
headline and date line above it; the text of the whole page with scripts, styles, navigation and
forms left out when it finds none), and Word, PDF, legacy .doc and images through ``formats``.  Anything else that is not valid text — empty, binary, cut
inside a UTF-8 character, too large — raises :class:`ReadError` with a reason a
person can act on; the build reports it and goes on.

Legacy Vietnamese encodings.  Old office files are often Windows-1258 (tone
marks as combining characters) or TCVN3/ABC (one byte per accented letter, the
``.VnTime`` fonts).  A file that is not UTF-8 is decoded with each and kept
only when the result is plainly Vietnamese: NFC text whose words are
overwhelmingly well-formed Vietnamese syllables, many with diacritics.  VNI
(base letter + a mark byte, the ``VNI-Times`` fonts) is recognised but not
converted: it is skipped with the reason.  Nothing is guessed: text that fits
no encoding well is skipped as "not valid UTF-8".
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from . import formats

# readability-lxml logs a traceback for a page it cannot summarise; such a page is read whole instead.
logging.getLogger("readability.readability").disabled = True

#: Every suffix read; Word, PDF, .doc and images are read by ``formats``.
SUFFIXES = (".txt", ".html", ".htm") + formats.SUFFIXES
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class ReadError(Exception):
    """A file that is skipped, with the reason."""


def read_bytes_as_text(data: bytes, name: str = "") -> str:
    if not data.strip():
        raise ReadError("empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"not valid UTF-16 (byte {exc.start}: {exc.reason})") from None
        return _checked_text(text)
    sample = data[:8192]
    if b"\x00" in sample:
        raise ReadError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            # Valid up to the last few bytes: a file cut inside a character.
            raise ReadError(
                f"not valid UTF-8 (byte {exc.start}: {exc.reason}; the file is cut inside a character)"
            ) from None
        legacy = decode_legacy(data)
        if legacy is None:
            raise ReadError(
                f"not valid UTF-8 (byte {exc.start}: {exc.reason}) and not recognisable "
                "Windows-1258 or TCVN3 Vietnamese"
            ) from None
        text = legacy
    return _checked_text(text)


#: Control characters other than tab, line feed, form feed and carriage return.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _checked_text(text: str) -> str:
    controls = len(_CONTROL_RE.findall(text, 0, 8192))
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise ReadError("binary file (control characters)")
    if not text.strip():
        raise ReadError("empty file")
    return text


# ----------------------------------------------------------------- legacy Vietnamese encodings
# TCVN3 (TCVN 5712 "ABC"): one byte per letter; the lower-case letters and the
# seven upper-case letters with their own code (upper-case tones use separate
# fonts with the lower-case codes, so they come out lower-case).
_TCVN3 = dict(
    zip(
        b"\xb5\xb8\xb6\xb7\xb9"
        b"\xa8\xbb\xbe\xbc\xbd\xc6"
        b"\xa9\xc7\xca\xc8\xc9\xcb"
        b"\xae"
        b"\xcc\xd0\xce\xcf\xd1"
        b"\xaa\xd2\xd5\xd3\xd4\xd6"
        b"\xd7\xdd\xd8\xdc\xde"
        b"\xdf\xe3\xe1\xe2\xe4"
        b"\xab\xe5\xe8\xe6\xe7\xe9"
        b"\xac\xea\xed\xeb\xec\xee"
        b"\xef\xf3\xf1\xf2\xf4"
        b"\xad\xf5\xf8\xf6\xf7\xf9"
        b"\xfa\xfd\xfb\xfc\xfe"
        b"\xa1\xa2\xa7\xa3\xa4\xa5\xa6",
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
        strict=False,
    )
)
_TCVN3_TABLE = {i: (_TCVN3.get(i) or chr(i)) for i in range(256)}


def _decode_tcvn3(data: bytes) -> str:
    return "".join(_TCVN3_TABLE[b] for b in data)


_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_SYLLABLE = re.compile(rf"^(?:{_ONSET})?[aăâeêioôơuưy]{{1,3}}(?:ch|nh|ng|c|m|n|p|t)?$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VIET_LETTERS = set("ăâđêôơư")
_WORD = re.compile(r"[^\W\d_]+")


def vietnamese_score(text: str) -> tuple[float, float, int]:
    """(share of well-formed syllables, share with a Vietnamese mark, words looked at).

    Words in capitals (abbreviations) are left out; a word is well formed when it
    is onset + one to three vowels + a final, with at most one tone mark.
    """
    valid = marked = words = 0
    for word in _WORD.findall(unicodedata.normalize("NFC", text[:200_000])):
        if len(word) > 1 and word.isupper():
            continue
        words += 1
        decomposed = unicodedata.normalize("NFD", word.lower())
        tones = sum(1 for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        if tones or _VIET_LETTERS.intersection(base):
            marked += 1
        if tones <= 1 and _SYLLABLE.match(base):
            valid += 1
    if not words:
        return 0.0, 0.0, 0
    return valid / words, marked / words, words


def _plausible(text: str) -> bool:
    valid, marked, words = vietnamese_score(text)
    return words >= 10 and valid >= 0.85 and marked >= 0.25


# VNI: a base letter followed by a mark byte ("chaøo caùc baïn" for "chào các bạn").
_VNI_MARKS = "øùûõïâêôöøÙÛÕÏÂÊÔÖØàáåãäèéúüòóæìíñÑ"
_VNI_PAIR = re.compile(rf"[aeiouyAEIOUY][{_VNI_MARKS}]")


def _looks_like_vni(data: bytes) -> bool:
    text = data[:200_000].decode("cp1252", errors="replace")
    words = _WORD.findall(text)
    if len(words) < 10:
        return False
    with_pair = sum(1 for w in words if _VNI_PAIR.search(w))
    return with_pair / len(words) >= 0.2


def decode_legacy(data: bytes) -> str | None:
    """The text of a Windows-1258 or TCVN3 file when it is plainly Vietnamese, else None.

    Raises :class:`ReadError` for VNI, which is recognised but not converted.
    """
    candidates = []
    for decode in (lambda d: d.decode("cp1258"), _decode_tcvn3):
        try:
            text = unicodedata.normalize("NFC", decode(data))
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            candidates.append((vietnamese_score(text)[0], text))
    if candidates:
        return max(candidates, key=lambda c: c[0])[1]
    if _looks_like_vni(data):
        raise ReadError("legacy Vietnamese encoding (VNI) not supported: convert the file to UTF-8 (e.g. with UniKey)")
    return None


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a report file (HTML converted to text)."""
    return _read(path, max_bytes)[0]


def _read(path: Path, max_bytes: int) -> tuple[str, str | None]:
    """A report file's text and, for an HTML page, the address it gives itself."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(unknown_type(path))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}") from None
    if size > max_bytes:
        raise ReadError(f"too large ({size / 2**20:.1f} MiB > {max_bytes / 2**20:.0f} MiB limit; see --max-bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}") from None
    if suffix in formats.SUFFIXES:
        try:
            return formats.read_format(suffix, data), None
        except formats.FormatError as exc:
            raise ReadError(str(exc)) from None
    text = read_bytes_as_text(data, path.name)
    url = None
    if suffix in (".html", ".htm"):
        text, url = _html_page(text)
        if not text.strip():
            raise ReadError("HTML page without text")
    return text, url


def unknown_type(path: Path) -> str:
    """The reason a file of a type the indexer does not read is skipped."""
    return f"unknown type {path.suffix.lower() or '(no extension)'}: expected one of {' '.join(SUFFIXES)}"


class _TextExtractor(HTMLParser):
    SKIP = {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "template",
        "svg",
        "button",
        "select",
        "iframe",
        "menu",
    }
    BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "blockquote",
        "table",
        "ul",
        "ol",
        "figure",
        "figcaption",
        "title",
        "dd",
        "dt",
        "pre",
        "main",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: str | None = None
        self._in_title = False
        self.canonical: str | None = None
        self.og_url: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        elif tag == "meta" and a.get("property", "").lower() == "og:url" and a.get("content"):
            self.og_url = self.og_url or a["content"].strip()
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
            return
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    return _html_page(html)[0]


def _html_page(html: str) -> tuple[str, str | None]:
    """The page's text and its own address (``<link rel=canonical>``, else ``og:url``).

    The text is the article as readability-lxml finds it, with the lines just above it on the page
    (headline, date line) and a byline just below it; when readability finds nothing it can place
    in the page, the whole page's text (``page_text``).  ``bench/html_extractors.py`` measured
    both, and trafilatura, on made-up district pages (docs/RELIABILITY.md, "HTML pages").
    """
    text, url = _page_text_and_url(html)
    return article_text(html, text) or text, url


def page_text(html: str) -> str:
    """The text of the whole page, less scripts, styles, navigation, header, footer, asides and forms."""
    return _page_text_and_url(html)[0]


def _page_text_and_url(html: str) -> tuple[str, str | None]:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    url = parser.canonical or parser.og_url
    if url and not re.match(r"https?://", url, re.I):
        url = None  # a relative canonical says nothing about the site
    text = _lines_text(parser.parts)
    # The <title> is used only when the body does not already start with it.
    title = re.sub(r"\s+", " ", parser.title or "").strip()
    if title and not text.startswith(title[:40]):
        text = f"{title}\n{text}"
    return text, url


def _lines_text(parts: list[str]) -> str:
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


#: Lines of the page kept above the article (the headline, date line and share buttons sit there).
HEADER_LINES = 4
#: Lines below the article looked at for a byline.
TRAILER_LINES = 2
_LONG_SENTENCE = re.compile(r"^.{80,}[.!?…]$")


def article_text(html: str, page: str) -> str | None:
    """The article of a news page: readability-lxml's main content, placed in the page's own text.

    Readability's content begins and ends at its first and last lines of paragraph length; up to
    ``HEADER_LINES`` lines of the page above it are kept (stopping at a long sentence: a sidebar
    summary, not a headline), and the first of ``TRAILER_LINES`` lines below it that is a byline.
    None (and the whole page is read, as before) when readability finds no content, when none of it
    is in the page's text, or when it leaves out the page's longest line: then it took something
    else, a long block of comments say, for the article.
    """
    from readability import Document  # readability-lxml

    from .cleaning import MIN_PARAGRAPH_CHARS, byline_parts

    page_lines = page.split("\n")
    if not any(len(line) >= MIN_PARAGRAPH_CHARS for line in page_lines):
        return None  # no paragraph to find
    try:
        summary = Document(html).summary(html_partial=True)
    except Exception:  # readability's failure is not the page's: it is read whole
        return None
    parser = _TextExtractor()
    parser.feed(summary)
    parser.close()
    article = _lines_text(parser.parts).split("\n")
    long_lines = [i for i, line in enumerate(article) if len(line) >= MIN_PARAGRAPH_CHARS]
    # Readability can take a block of comments or summaries for the article (a short article under a
    # long discussion): the page's longest line, which is the article's on a news page, must be in it.
    if max(page_lines, key=len) not in article:
        return None
    # Each long line at its place in the page, in order, the last ones first: a lead repeated in a
    # "featured" box higher up is placed where the article is.
    places: dict[str, list[int]] = {}
    for i, line in enumerate(page_lines):
        places.setdefault(line, []).append(i)
    placed: list[tuple[int, int]] = []
    bound = len(page_lines)
    for i in reversed(long_lines):
        before = [j for j in places.get(article[i], []) if j < bound]
        if before:
            placed.insert(0, (i, before[-1]))
            bound = before[-1]
    if not placed:
        return None
    (first, start), (last, end) = placed[0], placed[-1]
    header: list[str] = []
    for line in reversed(page_lines[max(0, start - HEADER_LINES) : start]):
        if _LONG_SENTENCE.match(line):
            break
        header.insert(0, line)
    body = article[first:]
    if not any(byline_parts(line) for line in article[last + 1 :]):
        for line in page_lines[end + 1 : end + 1 + TRAILER_LINES]:
            if line not in body and byline_parts(line):
                body.append(line)
                break
    return "\n".join(header + body)


# ----------------------------------------------------------------- what is known about a report besides its text
SIDECAR_FIELDS = ("url", "title", "source", "district", "year", "published")


@dataclass
class ReportMeta:
    """What the caller knows about a report: it wins over what the tagger infers.

    From a file's sidecar ``NAME.json`` (``report.html`` → ``report.json``) and,
    for an HTML page, its canonical / ``og:url`` address (the sidecar's ``url`` wins).
    """

    url: str | None = None
    title: str | None = None
    source: str | None = None
    district: str | None = None  # GSO code (or a code from indexer/data/district_history.json)
    year: int | None = None
    published: date | None = None


def sidecar_path(path: Path) -> Path:
    """Where a report's metadata lives: the same name with ``.json``."""
    return path.with_suffix(".json")


def read_sidecar(path: Path) -> ReportMeta:
    """The metadata in a report's sidecar, or empty metadata when there is none.

    A sidecar that is not a JSON object of the known fields raises :class:`ReadError`:
    metadata that is silently ignored would tag the report wrongly.
    """
    side = sidecar_path(path)
    if side == path or not side.is_file():
        return ReportMeta()
    try:
        data = json.loads(side.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReadError(f"sidecar {side.name} is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ReadError(f"sidecar {side.name} must be a JSON object")
    unknown = sorted(set(data) - set(SIDECAR_FIELDS))
    if unknown:
        raise ReadError(
            f"sidecar {side.name}: unknown field(s) {', '.join(unknown)}; known: {', '.join(SIDECAR_FIELDS)}"
        )
    meta = ReportMeta()
    for name in ("url", "title", "source", "district"):
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise ReadError(f"sidecar {side.name}: {name} must be a string")
        setattr(meta, name, value.strip() if isinstance(value, str) and value.strip() else None)
    if meta.district is not None:
        from .gazetteer import gazetteer

        if meta.district not in gazetteer().districts:
            raise ReadError(f"sidecar {side.name}: district {meta.district!r} is not a known district code")
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 1945 <= year <= 2100):
        raise ReadError(f"sidecar {side.name}: year must be a whole number between 1945 and 2100")
    meta.year = year
    if data.get("published") is not None:
        try:
            meta.published = date.fromisoformat(str(data["published"]))
        except ValueError:
            raise ReadError(f"sidecar {side.name}: published must be a date as YYYY-MM-DD") from None
    return meta


def read_report(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, ReportMeta]:
    """A report file's text and metadata: its sidecar, then its page's own address."""
    text, page_url = _read(path, max_bytes)
    meta = read_sidecar(path)
    meta.url = meta.url or page_url
    return text, meta
