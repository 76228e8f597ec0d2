"""Turn a file into text, or say precisely why it cannot be read.

Accepted: ``.txt`` (UTF-8 with or without BOM) and ``.html``/``.htm`` (the text of
the page with scripts, styles, navigation and forms left out).  Anything else
that is not valid text — empty, binary, cut inside a UTF-8 character, too
large — raises :class:`ReadError` with a reason a person can act on; the
build reports it and goes on.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

SUFFIXES = (".txt", ".html", ".htm")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class ReadError(Exception):
    """A file that is skipped, with the reason."""


def read_bytes_as_text(data: bytes, name: str = "") -> str:
    if not data.strip():
        raise ReadError("empty file")
    sample = data[:8192]
    if b"\x00" in sample:
        raise ReadError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from None
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise ReadError("binary file (control characters)")
    if not text.strip():
        raise ReadError("empty file")
    return text


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a report file (HTML converted to text)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"unsupported file type {suffix or '(none)'}: expected {', '.join(SUFFIXES)}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}") from None
    if size > max_bytes:
        raise ReadError(f"too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit; see --max-bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}") from None
    text = read_bytes_as_text(data, path.name)
    if suffix in (".html", ".htm"):
        text = html_to_text(text)
        if not text.strip():
            raise ReadError("HTML page without text")
    return text


class _TextExtractor(HTMLParser):
    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
            "button", "select", "iframe", "menu"}
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
             "blockquote", "table", "ul", "ol", "figure", "figcaption", "title", "dd", "dt", "pre", "main"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
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
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    body = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in body.split("\n")]
    text = "\n".join(line for line in lines if line)
    # The <title> is used only when the body does not already start with it.
    title = re.sub(r"\s+", " ", parser.title or "").strip()
    if title and not text.startswith(title[:40]):
        text = f"{title}\n{text}"
    return text
