"""Reports as they are published: Word, text PDF, scanned PDF, images, and files that are none of
them, built with the real command line and searched through the real HTTP API.

Every file is generated here (``tests/published.py``): no binaries in the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indexer import ocr
from indexer.official import extract
from indexer.reading import ReadError, read_file

from . import published as P
from .conftest import API_KEY, ROOT, SEEDS

needs_ocr = pytest.mark.skipif(ocr.available() is not None, reason=ocr.UNAVAILABLE)


def _build(src: Path, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "indexer", "build", str(src), "--index", str(index), "--quiet", "--jobs", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )


def _client(index: Path):
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.config import Settings

    return TestClient(create_app(Settings(index=index, api_key=None)))


def _search(client, phrase: str) -> list[dict]:
    r = client.get("/api/v1/search", params={"q": f'"{phrase}"'})
    assert r.status_code == 200, r.text
    return [h for h in r.json()["hits"] if not h["partial"]]


# ----------------------------------------------------------------- reading, one format at a time
def test_docx_reads_paragraphs_and_tables_in_order(tmp_path):
    text = read_file(P.write_docx(tmp_path / "báo cáo.docx"))
    assert text.index("HUYỆN ỦY THANH MIỆN | ĐẢNG CỘNG SẢN VIỆT NAM") < text.index("BÁO CÁO") < text.index(P.PHRASE)
    assert all(paragraph in text for paragraph in P.BODY)


def test_text_pdf_joins_wrapped_lines_and_drops_running_header_and_page_numbers(tmp_path):
    text = read_file(P.write_text_pdf(tmp_path / "bc.pdf"))
    # Each body paragraph comes back whole: its wrapped lines (and a page break) joined.
    assert all(paragraph in text for paragraph in P.BODY), text
    assert "Trang 2" not in text and "Báo cáo số 45-BC/HU của Huyện ủy" not in text
    assert text.count("\f") == 2  # three pages


def test_two_columns_are_read_column_by_column(tmp_path):
    text = read_file(P.write_two_column_pdf(tmp_path / "cols.pdf"))
    positions = [text.index(paragraph) for paragraph in P.BODY]  # each paragraph whole
    assert positions == sorted(positions), text


@needs_ocr
@pytest.mark.slow
def test_scanned_pdf_is_read_by_ocr(tmp_path):
    text = read_file(P.write_scanned_pdf(tmp_path / "scan.pdf"))
    assert P.PHRASE in text
    assert "công tác dân vận" in text


@needs_ocr
@pytest.mark.slow
def test_a_photographed_page_is_read_by_ocr_and_a_blank_one_is_named(tmp_path):
    import pypdfium2 as pdfium
    from PIL import Image

    page = pdfium.PdfDocument(str(P.write_scanned_pdf(tmp_path / "scan.pdf")))[0].render(scale=200 / 72).to_pil()
    page.convert("L").save(tmp_path / "scan.jpg", quality=80)
    assert P.PHRASE in read_file(tmp_path / "scan.jpg")
    Image.new("L", (800, 600), 255).save(tmp_path / "blank.png")
    with pytest.raises(ReadError, match="image without text"):
        read_file(tmp_path / "blank.png")


def test_damaged_and_locked_files_are_named_with_the_reason(tmp_path):
    import zipfile

    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", "", str(P.FONT))
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 7, P.BODY[0])
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.output(str(tmp_path / "locked.pdf"))
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with zipfile.ZipFile(tmp_path / "zip.docx", "w") as z:
        z.writestr("a.txt", "not a Word document")
    for name, reason in (
        ("locked.pdf", "encrypted PDF"),
        ("garbage.pdf", "not a valid PDF"),
        ("zip.docx", "not a valid DOCX"),
    ):
        with pytest.raises(ReadError, match=reason):
            read_file(tmp_path / name)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("random.txt", "binary file"),
        ("random.pdf", "not a valid PDF"),
        ("random.docx", "not a valid DOCX"),
        ("random.doc", "not a valid .doc"),
        ("random.png", "not a valid image"),
    ],
)
def test_random_bytes_are_refused_whatever_their_extension(tmp_path, name, reason):
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ReadError, match=reason):
        read_file(path)


def test_a_pdf_or_docx_cut_short_is_refused(tmp_path):
    pdf = P.write_text_pdf(tmp_path / "bc.pdf")
    pdf.write_bytes(pdf.read_bytes()[:700])
    with pytest.raises(ReadError, match="PDF"):
        read_file(pdf)
    docx = P.write_docx(tmp_path / "bc.docx")
    docx.write_bytes(docx.read_bytes()[:2000])
    with pytest.raises(ReadError, match="not a valid DOCX"):
        read_file(docx)


def test_legacy_doc_without_a_converter_says_what_to_install(tmp_path):
    if shutil.which("antiword") or shutil.which("soffice") or shutil.which("libreoffice"):
        pytest.skip("a .doc converter is installed here")
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    with pytest.raises(ReadError, match="install antiword or LibreOffice"):
        read_file(path)


def test_without_tesseract_a_scan_is_skipped_with_the_reason(tmp_path, monkeypatch):
    """No Tesseract on PATH (a machine without `make ocr`): the scan is named, not indexed empty."""
    scan = P.write_scanned_pdf(tmp_path / "scan.pdf")
    image = tmp_path / "scan.png"
    from PIL import Image

    Image.new("L", (400, 200), 255).save(image)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    ocr.available.cache_clear()
    try:
        for path in (scan, image):
            with pytest.raises(ReadError, match="OCR unavailable: install tesseract-ocr-vie"):
                read_file(path)
    finally:
        monkeypatch.undo()
        ocr.available.cache_clear()


# ----------------------------------------------------------------- the letterhead
@pytest.mark.parametrize(
    ("text", "number", "issuer", "kind", "place_date"),
    [
        (
            "HUYỆN ỦY THANH MIỆN\nSố 45-BC/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nThanh Miện, ngày 15 tháng 12 năm 2023\nBÁO CÁO\n",
            "45-BC/HU",
            "huyen-uy",
            "bao-cao",
            "Thanh Miện, ngày 15 tháng 12 năm 2023",
        ),
        (
            "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN LƯƠNG TÀI | Độc lập - Tự do - Hạnh phúc\n"
            "Số: 123/BC-UBND | Lương Tài, ngày 5 tháng 1 năm 2024\nBÁO CÁO\nTình hình kinh tế - xã hội năm 2023\n",
            "123/BC-UBND",
            "ubnd",
            "bao-cao",
            "Lương Tài, ngày 5 tháng 1 năm 2024",
        ),
        (
            "HUYỆN ỦY GIA LỘC\nSố 210-TB/HU\nGia Lộc, ngày 3 tháng 8 năm 2023\nTHÔNG BÁO KẾT LUẬN\ncủa Ban Thường vụ\n",
            "210-TB/HU",
            "huyen-uy",
            "thong-bao-ket-luan",
            "Gia Lộc, ngày 3 tháng 8 năm 2023",
        ),
        (
            "HĐND HUYỆN NAM SÁCH\nSố: 15/NQ-HĐND\nNam Sách, ngày 20 tháng 7 năm 2023\nNGHỊ QUYẾT\n",
            "15/NQ-HĐND",
            "hdnd",
            "nghi-quyet",
            "Nam Sách, ngày 20 tháng 7 năm 2023",
        ),
        (
            "BAN DÂN VẬN HUYỆN ỦY\nSố 32-KH/BDVHU\nKẾ HOẠCH\n",
            "32-KH/BDVHU",
            "ban",
            "ke-hoach",
            None,
        ),
    ],
)
def test_number_issuer_kind_and_place_date_come_from_the_letterhead(text, number, issuer, kind, place_date):
    found = extract(text)
    assert (found.number, found.issuer, found.kind, found.place_date) == (number, issuer, kind, place_date)


def test_the_issuer_is_the_body_under_its_superior_and_keeps_its_unit():
    party = extract("ĐẢNG BỘ TỈNH NGHỆ AN\nHUYỆN ỦY YÊN THÀNH\n*\nSố 45-BC/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n")
    assert (party.issuer, party.issuer_name) == ("huyen-uy", "HUYỆN ỦY YÊN THÀNH")
    state = extract("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN LƯƠNG TÀI | Độc lập\nSố: 12/KH-UBND")
    assert (state.issuer, state.issuer_name, state.kind) == ("ubnd", "ỦY BAN NHÂN DÂN HUYỆN LƯƠNG TÀI", "ke-hoach")


def test_one_sign_alone_is_not_a_letterhead():
    """A district portal's banner, or a menu's "THÔNG BÁO", does not make a news page official."""
    assert not extract("ỦY BAN NHÂN DÂN HUYỆN LƯƠNG TÀI\nTin tức - Sự kiện\nHội nghị tổng kết năm 2023\n").found
    assert not extract("THÔNG BÁO\nHuyện Lương Tài tổ chức hội nghị tổng kết công tác năm 2023\n").found


def test_a_number_quoted_in_a_news_article_is_not_its_number():
    seed = next(SEEDS.glob("*.txt")).read_text("utf-8")
    body = seed + "\nThực hiện Nghị quyết số 12-NQ/TU ngày 5 tháng 3 năm 2021 của Tỉnh ủy.\n"
    assert not extract(body).found


# ----------------------------------------------------------------- a folder, end to end
@pytest.fixture(scope="module")
def published_index(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """One folder: a seed, the report as .docx, text PDF and scan, random bytes under three
    extensions, an empty PDF, a file of unknown type; built with the real command line."""
    root = tmp_path_factory.mktemp("published")
    src = root / "báo cáo"
    src.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), src / "seed.txt")
    P.write_docx(src / "45-BC-HU.docx")
    P.write_text_pdf(src / "45-BC-HU.pdf")
    if ocr.available() is None:
        P.write_scanned_pdf(src / "45-BC-HU scan.pdf")
    for name in ("random.txt", "random.pdf", "random.docx"):
        (src / name).write_bytes(os.urandom(3000) + b"\x00")
    (src / "empty.pdf").write_bytes(b"")
    (src / "notes.xlsx").write_bytes(b"PK\x03\x04 spreadsheet")
    (src / "seed.json").write_text('{"source": "Cổng TTĐT"}', encoding="utf-8")  # a report's sidecar: not listed
    index = root / "index"
    return src, index, _build(src, index)


def test_every_file_is_indexed_or_skipped_with_its_reason(published_index):
    src, index, done = published_index
    assert done.returncode == 3, done.stderr
    out = done.stdout
    skipped = {
        "random.txt": "binary file",
        "random.pdf": "not a valid PDF",
        "random.docx": "not a valid DOCX",
        "empty.pdf": "empty file",
        "notes.xlsx": "unknown type .xlsx",
    }
    lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(lines) == len(skipped), out
    for name, reason in skipped.items():
        assert any(name in line and reason in line for line in lines), (name, out)
    indexed = 1 + 2 + (1 if ocr.available() is None else 0)
    assert f"documents: {indexed}" in out
    stats = subprocess.run(
        [sys.executable, "-m", "indexer", "stats", "--index", str(index)], capture_output=True, text=True, cwd=ROOT
    ).stdout
    assert f"indexed: {indexed}  skipped: {len(skipped)}" in stats
    assert all(name in stats for name in skipped)
    assert "Huyện ủy" in stats and "Báo cáo" in stats  # the issuer and kind facets
    # Nothing changed: the next build still names every skipped file, without reading them again.
    again = _build(src, index)
    assert again.returncode == 3 and f"unchanged: {indexed}" in again.stdout
    assert all(name in again.stdout for name in skipped)


def test_each_format_is_found_with_its_tags_number_and_issuer(published_index):
    _, index, done = published_index
    with _client(index) as client:
        hits = _search(client, P.PHRASE)
        files = {}
        for hit in hits:
            report = client.get(f"/api/v1/documents/{hit['document_id']}").json()
            files[report["file"]] = (hit, report)
        expected = {"45-BC-HU.docx", "45-BC-HU.pdf"} | ({"45-BC-HU scan.pdf"} if ocr.available() is None else set())
        assert set(files) == expected, done.stdout
        for hit, report in files.values():
            assert hit["number"] == "45-BC/HU"
            assert hit["issuer"] == {"value": "huyen-uy", "label": "Huyện ủy (Quận, Thị, Thành ủy)"}
            assert hit["kind"]["value"] == "bao-cao"
            assert "dan-van" in {t["value"] for t in hit["topics"]}  # tagged from its own text
            assert report["district"]["label"].startswith("Thanh Miện")
            assert report["issuer_name"] == "HUYỆN ỦY THANH MIỆN"
            assert report["place_date"] == "Thanh Miện, ngày 15 tháng 12 năm 2023"
            assert report["published_date"] == "2023-12-15"
            assert report["title"] == P.HEADING[1]
            texts = [p["text"] for p in report["paragraphs"]]
            # The letterhead, the national header and the signature block are not paragraphs.
            assert not any(
                marker in t
                for t in texts
                for marker in ("ĐẢNG CỘNG SẢN", "CỘNG HÒA", "Nơi nhận", "T/M BAN THƯỜNG VỤ", "Số 45-BC/HU")
            ), texts
        # Issuer and kind are facets, and filters.
        facets = client.get("/api/v1/facets").json()
        assert {"value": "huyen-uy", "count": 4 * len(expected)}.items() <= facets["issuer"][0].items()
        only = client.get("/api/v1/search", params={"q": "dân vận", "kind": "bao-cao"}).json()
        assert only["total"] > 0 and all(h["kind"]["value"] == "bao-cao" for h in only["hits"])


def test_a_pdf_hit_knows_its_page_and_the_original_opens(published_index):
    _, index, _ = published_index
    with _client(index) as client:
        hits = {h["document_id"]: h for h in _search(client, P.PHRASE)}
        by_file = {client.get(f"/api/v1/documents/{d}").json()["file"]: d for d in hits}
        pdf_id, docx_id = by_file["45-BC-HU.pdf"], by_file["45-BC-HU.docx"]
        assert hits[pdf_id]["page"] == 2  # the second body paragraph is on page 2
        assert hits[docx_id]["page"] is None  # a Word file has no fixed pages
        pages = [p["page"] for p in client.get(f"/api/v1/documents/{pdf_id}").json()["paragraphs"]]
        assert pages == [1, 2, 2, 3]
        r = client.get(f"/api/v1/documents/{pdf_id}/original")
        assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
        assert r.content.startswith(b"%PDF-") and 'filename="45-BC-HU.pdf"' in r.headers["content-disposition"]
        r = client.get(f"/api/v1/documents/{docx_id}/original")
        assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
        documents = client.get("/api/v1/documents").json()["documents"]
        seed_id = next(d["id"] for d in documents if d["file"] == "seed.txt")
        r = client.get(f"/api/v1/documents/{seed_id}/original")
        assert r.status_code == 200 and r.headers["content-type"] == "text/plain; charset=utf-8"
        assert client.get("/api/v1/documents/0123456789abcdef/original").status_code == 404


def test_a_report_file_can_be_uploaded_under_the_same_key(client, tmp_path):
    docx = P.write_docx(tmp_path / "Báo cáo 45.docx").read_bytes()
    url = "/api/v1/documents/upload"
    files = {"file": ("Báo cáo 45.docx", docx, "application/octet-stream")}
    assert client.post(url, files=files).status_code == 401  # the key, as for a JSON POST
    r = client.post(url, files=files, data={"source": "Văn phòng Huyện ủy"}, headers={"X-API-Key": API_KEY})
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["number"] == "45-BC/HU" and made["issuer"]["value"] == "huyen-uy" and made["kind"]["value"] == "bao-cao"
    assert made["paragraphs"] == len(P.BODY)
    hits = _search(client, P.PHRASE)
    assert [h["document_id"] for h in hits] == [made["id"]] and hits[0]["source"] == "Văn phòng Huyện ủy"
    original = client.get(f"/api/v1/documents/{made['id']}/original")
    assert original.content == docx and "filename*=utf-8''B%C3%A1o%20c%C3%A1o%2045.docx" in original.headers[
        "content-disposition"
    ].replace("UTF-8", "utf-8")
    again = client.post(url, files=files, headers={"X-API-Key": API_KEY})
    assert again.status_code == 200 and again.json()["id"] == made["id"]
    # Files the indexer would skip are refused with its reason.
    bad = client.post(
        url, files={"file": ("x.pdf", os.urandom(2000), "application/pdf")}, headers={"X-API-Key": API_KEY}
    )
    assert bad.status_code == 422 and "not a valid PDF" in bad.json()["error"]["message"]
    odd = client.post(
        url, files={"file": ("x.xlsx", b"PK\x03\x04", "application/octet-stream")}, headers={"X-API-Key": API_KEY}
    )
    assert odd.status_code == 415 and "unknown type .xlsx" in odd.json()["error"]["message"]


def test_inspect_shows_the_letterhead_pages_and_why_a_file_is_skipped(published_index):
    src, _, _ = published_index

    def inspect(name: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "indexer", "inspect", str(src / name)], capture_output=True, text=True, cwd=ROOT
        )

    shown = inspect("45-BC-HU.pdf")
    assert shown.returncode == 0, shown.stderr
    for line in ("number:      45-BC/HU", "issuer:      HUYỆN ỦY THANH MIỆN", "Thanh Miện, ngày 15 tháng 12 năm 2023"):
        assert line in shown.stdout
    assert "page 3" in shown.stdout and "[national header] ĐẢNG CỘNG SẢN VIỆT NAM" in shown.stdout
    refused = inspect("random.pdf")
    assert refused.returncode == 3 and "skipped: not a valid PDF" in refused.stderr
    unknown = inspect("notes.xlsx")
    assert unknown.returncode == 3 and "unknown type .xlsx" in unknown.stderr
