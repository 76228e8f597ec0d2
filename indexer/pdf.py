"""PDF reports as paragraphs: text PDFs through pdfminer.six's layout analysis,
scanned PDFs through Tesseract.

Text PDFs.  pdfminer groups characters into lines and lines into text boxes in
reading order (columns included); a box is a paragraph unless a line that ends
a sentence stops well short of the right margin (a paragraph's last line), in
which case the box holds several.  Lines inside a paragraph are joined: with a
space, or directly after a soft hyphen.  What repeats at the top or bottom of
most pages (running headers and footers, once digits are ignored) and page
numbers ("3", "- 3 -", "Trang 3", "3/12") are dropped.  A paragraph cut by a
page break (no sentence end, the next page starting in lower case) is joined
again.

Scanned PDFs.  A page with (almost) no text layer is rendered with PDFium at
300 dpi and read by Tesseract's Vietnamese model (``ocr``); a PDF that needs
OCR on a machine without it is skipped with the reason.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from . import ocr

#: A page with fewer characters of text than this is taken as scanned.
MIN_TEXT_CHARS = 25
#: Share of the page height at the top and at the bottom where running headers and footers live.
MARGIN_SHARE = 0.12
#: pdfminer joins lines up to this share of a line's height apart into one box: 1.5 line spacing
#: stays one paragraph (the default, 0.5, cut every line of it apart); its default box order
#: (``boxes_flow`` 0.5) keeps columns whole, left before right.
LINE_MARGIN = 0.8
#: A paragraph's last line ends this far (share of the box width) before the right edge.
SHORT_LINE_SHARE = 0.15

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:trang|page)\s*\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…:;]\s*[\"'”»)]*$")
_PARAGRAPH_END = re.compile(r"[.!?…]\s*[\"'”»)]*$")


class PdfError(Exception):
    """Not a PDF that can be read, with the reason."""


@dataclass
class PdfText:
    """Paragraphs per page (pages numbered from 1 by their index + 1) and how they were read."""

    pages: list[list[str]]
    ocr_pages: int = 0


@dataclass
class _Box:
    paragraphs: list[str]
    top: bool  # in the top margin band
    bottom: bool  # in the bottom margin band


def read_pdf(data: bytes) -> PdfText:
    """The paragraphs of every page of a PDF (OCR for pages without a text layer)."""
    if b"%PDF-" not in data[:1024]:
        raise PdfError("not a valid PDF (no %PDF header)")
    boxes = _layout(data)
    text_pages = _drop_running_lines(boxes)
    scanned = [i for i, page in enumerate(text_pages) if sum(len(p) for p in page) < MIN_TEXT_CHARS]
    read_by_ocr = 0
    if scanned:
        reason = ocr.available()
        if reason and len(scanned) == len(text_pages):
            raise PdfError(f"scanned PDF (no text layer): {reason}")
        if not reason:
            for i, text in zip(scanned, _ocr_pages(data, scanned), strict=True):
                text_pages[i] = join_continuations([p for p in text.split("\n\n") if p.strip()])
            read_by_ocr = len(scanned)
        # Else a few image-only pages (a photo, a signed last page) in a text PDF: kept without them.
    pages = _join_across_pages(text_pages)
    if not any(pages):
        raise PdfError("PDF without text (no text layer and nothing read by OCR)")
    return PdfText(pages, ocr_pages=read_by_ocr)


def _layout(data: bytes) -> list[list[_Box]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[list[_Box]] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=LINE_MARGIN)):
            height = page.height or 1.0
            boxes: list[_Box] = []
            for element in page:
                if not isinstance(element, LTTextContainer):
                    continue
                lines = [line for line in element if isinstance(line, LTTextLine)]
                paragraphs = _paragraphs(lines, element.x0, element.x1)
                if paragraphs:
                    boxes.append(
                        _Box(
                            paragraphs,
                            top=element.y0 >= height * (1 - MARGIN_SHARE),
                            bottom=element.y1 <= height * MARGIN_SHARE,
                        )
                    )
            pages.append(boxes)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise PdfError("encrypted PDF (needs a password)") from None
    except (PDFSyntaxError, PSException) as exc:
        raise PdfError(f"not a valid PDF ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise PdfError(f"not a valid PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise PdfError("not a valid PDF (no pages)")
    return pages


def _paragraphs(lines, left: float, right: float) -> list[str]:
    """A text box's lines as paragraphs: a sentence-ending line that stops short of the right edge ends one."""
    out: list[str] = []
    current = ""
    width = max(right - left, 1.0)
    for i, line in enumerate(lines):
        text = " ".join(line.get_text().split())
        if not text:
            continue
        current = _join_line(current, text)
        last = i == len(lines) - 1
        if not last and _SENTENCE_END.search(text) and line.x1 < right - SHORT_LINE_SHARE * width:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _join_line(current: str, line: str) -> str:
    """Join a wrapped line: directly after a soft hyphen (or a hyphen glued to a word), else with a space."""
    if not current:
        return line
    if current.endswith("\u00ad"):
        return current[:-1] + line
    if current.endswith("-") and len(current) > 1 and current[-2].isalpha():
        return current + line
    return f"{current} {line}"


def _shape(text: str) -> str:
    """A line with its digits ignored: "Trang 3 / 12" and "Trang 4 / 12" have one shape."""
    return re.sub(r"\d+", "#", text.lower()).strip()


def _drop_running_lines(pages: list[list[_Box]]) -> list[list[str]]:
    """Paragraphs per page without page numbers and running headers and footers."""
    shapes: Counter[str] = Counter()
    for boxes in pages:
        shapes.update({_shape(p) for box in boxes if box.top or box.bottom for p in box.paragraphs})
    # From page 2 on, or on every page: seen on at least half the pages but one, and at least twice.
    repeated = {s for s, n in shapes.items() if len(pages) >= 2 and n >= max(2, (len(pages) - 1) // 2)}
    out: list[list[str]] = []
    for boxes in pages:
        kept: list[str] = []
        for box in boxes:
            for paragraph in box.paragraphs:
                if _PAGE_NUMBER.match(paragraph) and (box.top or box.bottom or len(boxes) > 1):
                    continue
                if (box.top or box.bottom) and _shape(paragraph) in repeated:
                    continue
                kept.append(paragraph)
        out.append(join_continuations(kept))
    return out


def join_continuations(paragraphs: list[str]) -> list[str]:
    """Boxes (or OCR paragraphs) that continue the previous one (it ends no sentence, this one starts in lower case)."""
    out: list[str] = []
    for paragraph in paragraphs:
        if out and not _PARAGRAPH_END.search(out[-1]) and paragraph[:1].islower():
            out[-1] = _join_line(out[-1], paragraph)
        else:
            out.append(paragraph)
    return out


def _join_across_pages(pages: list[list[str]]) -> list[list[str]]:
    """A paragraph cut by a page break continues on the next page (no sentence end, lower-case start)."""
    out = [list(page) for page in pages]
    for i in range(len(out) - 1):
        j = next((k for k in range(i + 1, len(out)) if out[k]), None)
        if not out[i] or j is None or j != i + 1:
            continue
        tail, head = out[i][-1], out[j][0]
        if _continues(tail, head):
            out[i][-1] = _join_line(tail, head)
            out[j].pop(0)
    return out


def _continues(tail: str, head: str) -> bool:
    """Whether the first paragraph of a page continues the last of the previous one: that one ends no
    sentence, and this one starts in lower case, or (after a long line cut mid-sentence, "… của
    huyện" / "Thanh Miện …") with a word that does not open a heading ("2.", "II.", "a)", capitals)."""
    if head[:1].islower():  # after "…;" too: an item of a list cut by the page break
        return not _PARAGRAPH_END.search(tail)
    if _SENTENCE_END.search(tail):
        return False
    return len(tail) >= 60 and not _HEADING_START.match(head) and not head.isupper()


_HEADING_START = re.compile(r"^(?:[0-9IVXivx]+[.)]|[a-zđ]\)|[-–•+*])")


def _ocr_pages(data: bytes, indexes: list[int]) -> list[str]:
    """Render the given pages with PDFium and read them with Tesseract."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PdfError(f"not a valid PDF ({exc})") from None
    try:
        texts = []
        for i in indexes:
            image = document[i].render(scale=ocr.DPI / 72).to_pil()
            try:
                texts.append(ocr.image_text(image))
            except ocr.OcrFailed as exc:
                raise PdfError(f"page {i + 1}: {exc}") from None
        return texts
    finally:
        document.close()
