"""Text from images with Tesseract's Vietnamese model, or a clear reason why not.

Scanned reports (a signed "BÁO CÁO" photographed or scanned to PDF) have no
text layer; Tesseract (Debian's ``tesseract-ocr`` + ``tesseract-ocr-vie``,
installed by ``make ocr``) reads them.  Without Tesseract or its Vietnamese
model the file is skipped with :data:`UNAVAILABLE`, never indexed as empty.

Paragraphs come from Tesseract's own layout (block → paragraph → line): the
words of one paragraph are joined with spaces, paragraphs are separated by a
blank line, so the cleaning step sees the same shape as a text file.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from functools import lru_cache

from PIL import Image

#: The reason given for a file that needs OCR on a machine without it.
UNAVAILABLE = "OCR unavailable: install tesseract-ocr-vie (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
LANGUAGE = "vie"
#: Resolution pages are rendered at for OCR: 300 dpi is Tesseract's sweet spot for body text.
DPI = 300
#: Seconds Tesseract may spend on one page before the file is skipped (a normal page takes 3-5 s).
PAGE_TIMEOUT = 120
#: Words Tesseract is less sure of than this (0-100) are dropped (specks, stamps, signatures).
MIN_CONFIDENCE = 30

# One OCR thread per process: the build already runs one worker per core.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese model is missing."""


class OcrFailed(Exception):
    """Tesseract could not read a page (it failed, or took longer than ``PAGE_TIMEOUT``)."""


@lru_cache(maxsize=1)
def available() -> str | None:
    """None when OCR works here, else the reason it does not."""
    if shutil.which("tesseract") is None:
        return UNAVAILABLE
    try:
        import pytesseract

        if LANGUAGE not in pytesseract.get_languages(config=""):
            return UNAVAILABLE
    except Exception:  # pytesseract missing or tesseract not runnable
        return UNAVAILABLE
    return None


def image_text(image: Image.Image) -> str:
    """The paragraphs Tesseract reads on one page image, separated by blank lines."""
    reason = available()
    if reason:
        raise OcrUnavailable(reason)
    import pytesseract

    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    try:
        data = pytesseract.image_to_data(
            image, lang=LANGUAGE, output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT
        )
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrFailed(f"OCR took over {PAGE_TIMEOUT} s on a page ({exc})") from None
    except pytesseract.TesseractError as exc:
        raise OcrFailed(f"OCR failed: {exc.message or exc.status}") from None
    paragraphs: dict[tuple[int, int], list[str]] = {}
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word or float(data["conf"][i]) < MIN_CONFIDENCE:
            continue
        paragraphs.setdefault((data["block_num"][i], data["par_num"][i]), []).append(word)
    return "\n\n".join(" ".join(words) for words in paragraphs.values())


def images_text(images: Iterable[Image.Image]) -> list[str]:
    """One text per image (page), in order."""
    return [image_text(image) for image in images]
