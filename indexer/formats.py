"""Reports as they are published: Word, PDF (text or scanned), legacy .doc, images.

``reading.read_file`` hands every file whose suffix is in :data:`SUFFIXES` to
:func:`read_format`, which returns the report's text in the shape the rest of
the indexer expects of a ``.txt`` file: one paragraph per block, blocks
separated by a blank line, pages separated by a form feed (``\\f``).  Anything
that cannot be read raises :class:`FormatError` with a reason a person can act
on ("not a valid DOCX", "OCR unavailable: install tesseract-ocr-vie", ...).

The work is done by the field's libraries: python-docx (body paragraphs and
tables in document order), pdfminer.six + PDFium + Tesseract (``pdf``), and
antiword or LibreOffice for ``.doc`` when one is installed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from . import ocr
from .pdf import PdfError, join_continuations, read_pdf

DOCX = (".docx",)
PDF = (".pdf",)
DOC = (".doc",)
IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
SUFFIXES = DOCX + PDF + DOC + IMAGES
#: Between pages in the text handed on: a line break for the cleaning, a page break for people.
PAGE_BREAK = "\n\f\n"
#: Seconds a .doc converter may take before the file is skipped.
CONVERT_TIMEOUT = 120


class FormatError(Exception):
    """A file in one of these formats that cannot be read, with the reason."""


def read_format(suffix: str, data: bytes) -> str:
    """The text of a .docx, .pdf, .doc or image file's bytes."""
    suffix = suffix.lower()
    if not data.strip():
        raise FormatError("empty file")
    if suffix in DOCX:
        return read_docx(data)
    if suffix in PDF:
        try:
            pages = read_pdf(data).pages
        except PdfError as exc:
            raise FormatError(str(exc)) from None
        return PAGE_BREAK.join("\n\n".join(page) for page in pages)
    if suffix in DOC:
        return read_doc(data)
    if suffix in IMAGES:
        return read_image(data)
    raise FormatError(f"unknown type {suffix}")


# ----------------------------------------------------------------- Word
def read_docx(data: bytes) -> str:
    """Body paragraphs and tables in document order; a table row is one line, its cells joined by " | ".

    Running headers and footers (``section.header``) are left out, like a PDF's.
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FormatError("not a valid DOCX (not a ZIP package)")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, PackageNotFoundError...
        raise FormatError(f"not a valid DOCX ({type(exc).__name__}: {exc})") from None
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            blocks.append(block.text.strip())
        elif isinstance(block, Table):
            blocks.append(_table_text(block))
    text = "\n\n".join(b for b in blocks if b)
    if not text.strip():
        raise FormatError("DOCX without text")
    return text


def _table_text(table) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if value and (not cells or cells[-1] != value):  # merged cells repeat their text
                cells.append(value)
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)


# ----------------------------------------------------------------- legacy Word
def read_doc(data: bytes) -> str:
    """A Word 97-2003 file through antiword or LibreOffice, whichever is installed."""
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise FormatError("not a valid .doc (no OLE2 header)")
    antiword, soffice = shutil.which("antiword"), shutil.which("soffice") or shutil.which("libreoffice")
    if not (antiword or soffice):
        raise FormatError(
            "legacy Word .doc: install antiword or LibreOffice (apt-get install antiword) to read it, or save it as .docx"
        )
    with tempfile.TemporaryDirectory(prefix="vnsearch-doc-") as tmp:
        source = Path(tmp) / "report.doc"
        source.write_bytes(data)
        try:
            if antiword:
                done = subprocess.run(
                    [antiword, "-m", "UTF-8.txt", "-w", "0", str(source)],
                    capture_output=True,
                    timeout=CONVERT_TIMEOUT,
                )
                if done.returncode != 0:
                    raise FormatError(f"not a valid .doc (antiword: {done.stderr.decode(errors='replace').strip()})")
                text = done.stdout.decode("utf-8", errors="replace")
            else:
                assert soffice is not None
                done = subprocess.run(
                    [soffice, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(source)],
                    capture_output=True,
                    timeout=CONVERT_TIMEOUT,
                )
                out = Path(tmp) / "report.txt"
                if done.returncode != 0 or not out.exists():
                    raise FormatError("not a valid .doc (LibreOffice could not convert it)")
                text = out.read_text("utf-8-sig", errors="replace")
        except subprocess.TimeoutExpired:
            raise FormatError(f".doc conversion took over {CONVERT_TIMEOUT} s") from None
    if not text.strip():
        raise FormatError(".doc without text")
    return text


# ----------------------------------------------------------------- images (scans, photos)
def read_image(data: bytes) -> str:
    """OCR of every frame of an image (a multi-page TIFF is a scanned report)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Image.DecompressionBombError:
        raise FormatError("image too large to read safely (over Pillow's decompression-bomb limit)") from None
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise FormatError(f"not a valid image ({type(exc).__name__})") from None
    reason = ocr.available()
    if reason:
        raise FormatError(reason)
    try:
        pages = [
            "\n\n".join(join_continuations(ocr.image_text(frame.copy()).split("\n\n")))
            for frame in ImageSequence.Iterator(image)
        ]
    except ocr.OcrFailed as exc:
        raise FormatError(str(exc)) from None
    text = PAGE_BREAK.join(pages)
    if not text.strip():
        raise FormatError("image without text (OCR read nothing)")
    return text
