"""Reports as they are published, generated at test time (no binaries in the repository).

An official report of a Huyện ủy with its letterhead, national header, number,
place and date line, body and signature block, written as .docx (python-docx),
as a text PDF (fpdf2 with DejaVu, two pages, a running header and page numbers)
and as a scanned PDF (the text drawn with Pillow into page images saved as PDF).
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

LETTERHEAD = [
    ("HUYỆN ỦY THANH MIỆN", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("Số 45-BC/HU", "Thanh Miện, ngày 15 tháng 12 năm 2023"),
]
HEADING = ["BÁO CÁO", "Kết quả công tác dân vận năm 2023, phương hướng nhiệm vụ năm 2024"]
BODY = [
    "Năm 2023, Ban Thường vụ Huyện ủy Thanh Miện đã lãnh đạo, chỉ đạo các cấp ủy, chính quyền và Mặt trận "
    "Tổ quốc thực hiện tốt công tác dân vận, phát huy quyền làm chủ của nhân dân trong xây dựng nông thôn mới "
    "nâng cao và giữ vững an ninh trật tự ở cơ sở.",
    "Phong trào thi đua dân vận khéo được triển khai sâu rộng tới các chi bộ và khu dân cư; toàn huyện có 128 mô "
    "hình dân vận khéo được công nhận, trong đó nhiều mô hình về phát triển kinh tế hộ gia đình và bảo vệ môi trường.",
    "Công tác tiếp công dân, đối thoại với nhân dân được duy trì thường xuyên; các kiến nghị của cử tri về giải "
    "phóng mặt bằng, đất đai và chính sách xã hội được giải quyết kịp thời, không để phát sinh điểm nóng.",
    "Năm 2024, Huyện ủy tiếp tục đổi mới nội dung, phương thức công tác dân vận, tăng cường đối thoại giữa người "
    "đứng đầu cấp ủy với nhân dân, phấn đấu trăm phần trăm số xã đạt chuẩn nông thôn mới nâng cao.",
]
SIGNATURE = [
    "Nơi nhận:",
    "- Ban Dân vận Tỉnh ủy,",
    "- Lưu Văn phòng Huyện ủy.",
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "Nguyễn Văn An",
]
#: Searched for as a phrase: from the second body paragraph (on page 2 of the PDF).
PHRASE = "128 mô hình dân vận khéo"


def write_docx(path: Path) -> Path:
    """The report as Word writes it: letterhead in a borderless table, headings, body, signature table."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for r, (left, right) in enumerate(LETTERHEAD):
        table.cell(r, 0).text, table.cell(r, 1).text = left, right
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    for line in HEADING:
        document.add_paragraph(line)
    for paragraph in BODY:
        document.add_paragraph(paragraph)
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "\n".join(SIGNATURE[:3])
    signature.cell(0, 1).text = "\n".join(SIGNATURE[3:])
    document.save(str(path))
    return path


def write_text_pdf(path: Path) -> Path:
    """Three pages: the letterhead and the first paragraph, then two paragraphs a page; a running
    header from page 2 on and "Trang N" footers."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("dejavu", size=9)
                self.cell(0, 8, "Báo cáo số 45-BC/HU của Huyện ủy Thanh Miện", align="C")
                self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("dejavu", size=9)
            self.cell(0, 10, f"Trang {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.add_font("dejavu", "", str(FONT))
    pdf.add_font("dejavu", "B", str(FONT_BOLD))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    for left, right in LETTERHEAD:
        pdf.cell(80, 7, left)
        pdf.cell(0, 7, right, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("dejavu", "B", 13)
    for line in HEADING:
        pdf.multi_cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("dejavu", size=12)
    for i, paragraph in enumerate(BODY):
        if i in (1, 3):
            pdf.add_page()
        pdf.multi_cell(0, 7, paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
    for line in SIGNATURE:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_scanned_pdf(path: Path) -> Path:
    """The report as a scan: its text drawn into a 200-dpi page image, saved as an image-only PDF."""
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    width, height, margin = 1654, 2339, 150  # A4 at 200 dpi
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 34)
    bold = ImageFont.truetype(str(FONT_BOLD), 38)
    y = margin
    for left, right in LETTERHEAD:
        draw.text((margin, y), left, font=font, fill=0)
        draw.text((width - margin - draw.textlength(right, font=font), y), right, font=font, fill=0)
        y += 55
    y += 50
    for line in HEADING:
        for part in textwrap.wrap(line, 60):
            draw.text(((width - draw.textlength(part, font=bold)) / 2, y), part, font=bold, fill=0)
            y += 55
    y += 40
    for paragraph in BODY:
        for part in textwrap.wrap(paragraph, 72):
            draw.text((margin, y), part, font=font, fill=0)
            y += 48
        y += 40
    page.save(str(path), "PDF", resolution=200.0)
    return path


def write_two_column_pdf(path: Path) -> Path:
    """A page in two columns (a newsletter's layout): the body's first two paragraphs on the left."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", "", str(FONT))
    pdf.set_font("dejavu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 7, HEADING[1], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    top = pdf.get_y()
    for column, paragraphs in ((0, BODY[:2]), (1, BODY[2:])):
        pdf.set_xy(10 + column * 100, top)
        for paragraph in paragraphs:
            pdf.set_x(10 + column * 100)
            pdf.multi_cell(90, 6, paragraph, new_x="LEFT", new_y="NEXT")
            pdf.ln(4)
    pdf.output(str(path))
    return path
