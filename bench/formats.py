"""Indexing speed of Word and PDF reports: ``python -m bench.formats [--reports N] [--ocr-pages N]``.

The seed reports are written as .docx (python-docx) and as text PDFs (fpdf2, DejaVu), a few
pages each, and, for OCR, one page rendered as an image PDF.  Measured: reading alone (the
format's library) and a whole build (reading + cleaning + segmentation + Tantivy) of each
folder, in pages per second; a Word file has no fixed pages, so its figure uses the pages
of the same text as PDF.  Needs the test extras (fpdf2) and, for OCR, ``make ocr``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from indexer import ocr
from indexer.build import build_index
from indexer.formats import PAGE_BREAK
from indexer.reading import read_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _reports(n: int) -> list[list[str]]:
    """N reports of paragraphs: the seeds, each variant with its own first line (distinct texts)."""
    seeds = [[p for p in s.read_text("utf-8").split("\n") if p.strip()] for s in sorted(SEEDS.glob("*.txt"))]
    return [[f"Báo cáo số {i + 1}"] + seeds[i % len(seeds)] for i in range(n)]


def _pdf(paragraphs: list[str], path: Path) -> int:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", "", FONT)
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))
    return pdf.page_no()


def _docx(paragraphs: list[str], path: Path) -> None:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


def _scan(paragraphs: list[str], path: Path) -> None:
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (1654, 2339), 255)
    draw, font, y = ImageDraw.Draw(page), ImageFont.truetype(FONT, 34), 150
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, 72):
            if y > 2339 - 200:
                break
            draw.text((150, y), line, font=font, fill=0)
            y += 48
        y += 30
    page.save(str(path), "PDF", resolution=200.0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.formats", description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--ocr-pages", type=int, default=2, help="scanned pages to OCR (0: none)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        root = Path(tmp)
        folders = {name: root / name for name in ("pdf", "docx", "scan")}
        for folder in folders.values():
            folder.mkdir()
        pages = 0
        for i, paragraphs in enumerate(_reports(args.reports)):
            pages += _pdf(paragraphs, folders["pdf"] / f"r{i}.pdf")
            _docx(paragraphs, folders["docx"] / f"r{i}.docx")
        for i, paragraphs in enumerate(_reports(args.ocr_pages if ocr.available() is None else 0)):
            _scan(paragraphs, folders["scan"] / f"s{i}.pdf")
        scans = len(list(folders["scan"].iterdir()))
        print(f"{args.reports} reports, {pages} PDF pages ({pages / args.reports:.1f} a report); {scans} scanned pages")
        for name, count in (("pdf", pages), ("docx", pages), ("scan", scans)):
            files = sorted(folders[name].iterdir())
            if not files:
                continue
            started = time.perf_counter()
            texts = [read_file(f) for f in files]
            read = time.perf_counter() - started
            started = time.perf_counter()
            summary = build_index([folders[name]], root / f"index-{name}", jobs=1)
            built = time.perf_counter() - started
            assert not summary.skipped, summary.render()
            breaks = sum(t.count(PAGE_BREAK) for t in texts)
            print(
                f"{name:5} read: {count / read:7.1f} pages/s ({read:.2f} s)   build (1 process): "
                f"{count / built:6.1f} pages/s ({built:.2f} s, {summary.paragraphs} paragraphs, {breaks} page breaks)"
            )


if __name__ == "__main__":
    main()
