"""What an official report carries in its letterhead: number, issuing body, place and date, kind.

A Vietnamese administrative document (Decree 30/2020, and the Party's Guide 36)
opens with a letterhead: the issuing body on the left ("HUYỆN ỦY THANH MIỆN"),
the national header on the right ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc"), then the number ("Số
45-BC/HU": Party style number-KIND/ISSUER; "Số: 123/BC-UBND": state style
number/KIND-ISSUER), the place and date line ("Thanh Miện, ngày 15 tháng 12 năm
2023") and the kind in capitals ("BÁO CÁO"); it closes with the distribution
list ("Nơi nhận:") and the signature block ("T/M BAN THƯỜNG VỤ", "K/T CHỦ TỊCH").

``extract`` reads the letterhead of a text (the first lines only: a number
quoted in the body is another document's); ``line_reason`` says why a line of
the letterhead or the closing is not a paragraph (used by ``cleaning``).
Issuer and kind are facets: their slugs and codes are listed here, once, and a
code is never renumbered (it is packed into the ``office`` column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .normalize import key

#: Lines read for the letterhead (a docx table row or an OCR block may hold several items).
HEADER_LINES = 15


@dataclass(frozen=True)
class Term:
    slug: str
    code: int  # packed into the ``office`` column: never renumber
    label: str


ISSUERS: tuple[Term, ...] = (
    Term("huyen-uy", 1, "Huyện ủy (Quận, Thị, Thành ủy)"),
    Term("hdnd", 2, "HĐND"),
    Term("ubnd", 3, "UBND"),
    Term("mttq", 4, "Mặt trận Tổ quốc"),
    Term("ban", 5, "Ban, Ủy ban Kiểm tra của cấp ủy"),
    Term("tinh-uy", 6, "Tỉnh ủy"),
    Term("dang-uy", 7, "Đảng ủy"),
    Term("doan-the", 8, "Đoàn thể (Đoàn, Hội)"),
)
KINDS: tuple[Term, ...] = (
    Term("bao-cao", 1, "Báo cáo"),
    Term("nghi-quyet", 2, "Nghị quyết"),
    Term("ke-hoach", 3, "Kế hoạch"),
    Term("thong-bao-ket-luan", 4, "Thông báo kết luận"),
    Term("thong-bao", 5, "Thông báo"),
    Term("ket-luan", 6, "Kết luận"),
    Term("quyet-dinh", 7, "Quyết định"),
    Term("chi-thi", 8, "Chỉ thị"),
    Term("chuong-trinh", 9, "Chương trình"),
    Term("to-trinh", 10, "Tờ trình"),
    Term("huong-dan", 11, "Hướng dẫn"),
    Term("de-an", 12, "Đề án"),
    Term("cong-van", 13, "Công văn"),
)
ISSUER_BY_SLUG = {t.slug: t for t in ISSUERS}
KIND_BY_SLUG = {t.slug: t for t in KINDS}
ISSUER_BY_CODE = {t.code: t for t in ISSUERS}
KIND_BY_CODE = {t.code: t for t in KINDS}

# The kind as a heading in capitals, longest first ("THÔNG BÁO KẾT LUẬN" before "THÔNG BÁO").
_KIND_HEADINGS = sorted(((t.label.upper(), t.slug) for t in KINDS), key=lambda kv: -len(kv[0]))
_KIND_HEADING_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(h) for h, _ in _KIND_HEADINGS) + r")(?!\w)")
# The kind's code in a number: "45-BC/HU", "123/BC-UBND", "07-CTr/HU", "15/TTr-UBND".
_KIND_CODES = {
    "BC": "bao-cao",
    "NQ": "nghi-quyet",
    "KH": "ke-hoach",
    "TB": "thong-bao",
    "KL": "ket-luan",
    "QĐ": "quyet-dinh",
    "CT": "chi-thi",
    "CTR": "chuong-trinh",
    "TTR": "to-trinh",
    "HD": "huong-dan",
    "ĐA": "de-an",
    "CV": "cong-van",
}
# The issuer's code in a number ("/HU", "-UBND"), by its start.
_ISSUER_CODES = (
    ("UBND", "ubnd"),
    ("HĐND", "hdnd"),
    ("MTTQ", "mttq"),
    ("UBKT", "ban"),
    ("BTG", "ban"),
    ("BDV", "ban"),
    ("BTC", "ban"),
    ("BNC", "ban"),
    ("HU", "huyen-uy"),
    ("QU", "huyen-uy"),
    ("TU", "tinh-uy"),
    ("ĐU", "dang-uy"),
    ("ĐTN", "doan-the"),
    ("HĐTN", "doan-the"),
)
# The issuing body in the letterhead, by the start of its folded line (first match wins).
_ISSUER_LINES = (
    (("uy ban kiem tra", "ban "), "ban"),
    (("uy ban mat tran", "uy ban mttq", "mat tran to quoc", "uy ban m.t.t.q"), "mttq"),
    (("uy ban nhan dan", "ubnd"), "ubnd"),
    (("hoi dong nhan dan", "hdnd"), "hdnd"),
    (("tinh uy",), "tinh-uy"),
    (("dang uy", "dang bo"), "dang-uy"),
    (("huyen uy", "quan uy", "thi uy", "thanh uy"), "huyen-uy"),
    (("huyen doan", "doan tncs", "hoi lien hiep phu nu", "hoi nong dan", "hoi cuu chien binh"), "doan-the"),
)
_NATIONAL = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")

_UPPER = "A-ZĐÀ-ỸĂÂÊÔƠƯ"
_NUMBER_RE = re.compile(
    rf"^(?:Số\s*:?\s*)?(\d{{1,5}}\s*[-/]\s*[{_UPPER}][{_UPPER}a-zđ]{{0,5}}\s*[-/]\s*[{_UPPER}][{_UPPER}0-9.\-/]{{0,15}})",
)
_PLACE_DATE_RE = re.compile(
    r"(?:(?P<place>[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){0,4})\s*,\s*)?"
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d{2})"
)
_SIGNATURE_RE = re.compile(r"^(?:T/M|K/T|TM\.|KT\.|TL\.|Q\.|TUQ\.|T/L)\s*[{_UPPER}]".replace("{_UPPER}", _UPPER))


@dataclass
class Official:
    """The letterhead of an official document (each part None when not found)."""

    number: str | None = None  # "45-BC/HU", as written after "Số"
    issuer: str | None = None  # slug of ISSUERS
    issuer_name: str | None = None  # "HUYỆN ỦY THANH MIỆN", as written
    kind: str | None = None  # slug of KINDS
    place_date: str | None = None  # "Thanh Miện, ngày 15 tháng 12 năm 2023"
    date: date | None = None

    @property
    def found(self) -> bool:
        return any((self.number, self.issuer, self.kind, self.place_date))


#: Issuing bodies whose letterhead line may name the unit on the next line ("ỦY BAN NHÂN DÂN" / "HUYỆN X").
_BARE_BODIES = {"uy ban nhan dan", "hoi dong nhan dan", "uy ban mat tran to quoc viet nam", "uy ban mttq viet nam"}


def _issuer_of(segment: str) -> str | None:
    folded = key(segment)
    return next((slug for starts, slug in _ISSUER_LINES if folded.startswith(starts)), None)


def _is_unit_name(segment: str) -> bool:
    """ "HUYỆN LƯƠNG TÀI", "THỊ XÃ KINH MÔN": the unit a bare body's line continues with."""
    return segment.isupper() and key(segment).startswith(("huyen ", "quan ", "thi xa ", "thanh pho ", "tinh ", "xa "))


def _header_segments(text: str) -> list[str]:
    """The first lines, split at table cells (" | ") as the letterhead is often a table."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEADER_LINES]
    return [segment.strip() for line in lines for segment in line.split(" | ") if segment.strip()]


def extract(text: str) -> Official:
    """Number, issuer, kind, place and date from the letterhead of ``text``."""
    found = Official()
    segments = _header_segments(text)
    for i, segment in enumerate(segments):
        if found.number is None and (m := _NUMBER_RE.match(segment)):
            found.number = re.sub(r"\s+", "", m.group(1))
        if found.place_date is None and (m := _PLACE_DATE_RE.search(segment)):
            try:
                found.date = date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            found.place_date = _without_number_tail(" ".join(m.group(0).split()))
        if found.number is None and segment.isupper():
            # The last issuing body before the number: Party and state letterheads name the body
            # above first ("ĐẢNG BỘ TỈNH NGHỆ AN" / "HUYỆN ỦY YÊN THÀNH"; "UBND TỈNH …" / "SỞ …").
            slug = _issuer_of(segment)
            if slug:
                found.issuer, found.issuer_name = slug, _without_national_header(segment)
                rest = (x for x in segments[i + 1 :] if not _is_national_header(x, key(x)))
                following = next(rest, "")  # the next line, or the next row of a letterhead table
                if key(found.issuer_name) in _BARE_BODIES and _is_unit_name(following):
                    found.issuer_name = f"{found.issuer_name} {following}"  # "ỦY BAN NHÂN DÂN" / "HUYỆN LƯƠNG TÀI"
        if found.kind is None and (m := _KIND_HEADING_RE.search(segment)):
            found.kind = dict(_KIND_HEADINGS)[m.group(1)]
    national = any(_is_national_header(segment, key(segment)) for segment in segments)
    evidence = sum(bool(x) for x in (found.number, found.issuer, found.kind, found.place_date, national))
    if evidence < 2:
        # One sign alone is not a letterhead: a portal's banner ("ỦY BAN NHÂN DÂN HUYỆN …"), a menu's
        # "THÔNG BÁO", a dateline.  An official document shows at least two.
        return Official()
    if found.number:
        kind_code, issuer_code = _number_codes(found.number)
        if found.kind is None and kind_code:
            found.kind = _KIND_CODES.get(kind_code.upper())
        if found.issuer is None and issuer_code:
            found.issuer = next((slug for code, slug in _ISSUER_CODES if issuer_code.startswith(code)), None)
    return found


def _without_national_header(segment: str) -> str:
    """The issuer alone when OCR reads the letterhead's two columns as one line:
    "HUYỆN ỦY THANH MIỆN ĐẢNG CỘNG SẢN VIỆT NAM" → "HUYỆN ỦY THANH MIỆN" (words compared folded,
    so "ĐẲNG CỘNG" misread by OCR is still cut)."""
    words = segment.split()
    folded = [key(w) for w in words]
    for i in range(1, len(words) - 1):
        if folded[i : i + 2] in (["dang", "cong"], ["cong", "hoa"]) or folded[i] == "doc" and folded[i + 1] == "lap":
            return " ".join(words[:i])
    return segment


def _without_number_tail(place_date: str) -> str:
    """ "HU Thanh Miện, ngày …" (OCR joins the number and the date line) → "Thanh Miện, ngày …"."""
    words = place_date.split(" ")
    while len(words) > 1 and not words[0].startswith("ngày") and (words[0].isupper() or not words[0].isalpha()):
        words.pop(0)
    return " ".join(words)


def clean_title(title: str | None) -> str | None:
    """A title that starts with the letterhead (number, date, kind heading in capitals) keeps what follows
    the kind: "BÁO CÁO Kết quả công tác dân vận năm 2023" → "Kết quả công tác dân vận năm 2023"."""
    if not title:
        return title
    m = _KIND_HEADING_RE.search(title)
    if m and len(title) - m.end() >= 10 and m.start() < 120:
        rest = title[m.end() :].strip(" :-–")
        if rest and not rest.isupper():
            return rest
    return title


def _number_codes(number: str) -> tuple[str | None, str | None]:
    """(kind code, issuer code) of a number: Party style "45-BC/HU", state style "123/BC-UBND"."""
    if m := re.match(r"^\d+-([^/\-]+)/(.+)$", number):
        return m.group(1), m.group(2)
    if m := re.match(r"^\d+/([^/\-]+)-(.+)$", number):
        return m.group(1), m.group(2)
    return None, None


def _is_national_header(line: str, folded: str) -> bool:
    """The national header, not a sentence that names the Party ("kỷ niệm 93 năm Ngày thành lập Đảng
    Cộng sản Việt Nam"): in capitals (the motto, in title case, on a short line of its own)."""
    if folded.startswith(("doc lap - tu do", "doc lap tu do")) and len(line) < 80:
        return True
    if not any(n in folded for n in _NATIONAL):
        return False
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def line_reason(line: str) -> str | None:
    """Why a line of an official document is not a paragraph, or None.

    The national header, the number and the place-and-date line, the kind heading
    alone, the distribution list ("Nơi nhận:") and the signature block.
    """
    if len(line) > 250:
        return None
    folded = key(line)
    if _is_national_header(line, folded):
        return "national header"
    if folded.startswith("noi nhan"):
        return "distribution list"
    if _SIGNATURE_RE.match(line):
        return "signature block"
    if _NUMBER_RE.match(line) and len(line) < 120 and not line.rstrip().endswith("."):
        return "document number"
    if line.strip() in dict(_KIND_HEADINGS):
        return "document kind"
    return None


def is_distribution_list(line: str) -> bool:
    """The "Nơi nhận:" line: what follows it to the end (or an appendix) is list and signature."""
    return key(line).startswith("noi nhan")


def is_appendix(line: str) -> bool:
    """An appendix heading ("PHỤ LỤC"), which may follow the signature."""
    return key(line).startswith("phu luc")


def issuer_label(slug: str) -> str:
    term = ISSUER_BY_SLUG.get(slug)
    return term.label if term else slug


def kind_label(slug: str) -> str:
    term = KIND_BY_SLUG.get(slug)
    return term.label if term else slug


def office_key(issuer: str | None, kind: str | None) -> int:
    """The ``office`` column: issuer code × 100 + kind code (0 when neither is known)."""
    i = ISSUER_BY_SLUG[issuer].code if issuer in ISSUER_BY_SLUG else 0
    k = KIND_BY_SLUG[kind].code if kind in KIND_BY_SLUG else 0
    return i * 100 + k


def office_codes(value: int) -> tuple[str | None, str | None]:
    """``office`` column value → (issuer slug, kind slug)."""
    i, k = divmod(int(value), 100)
    issuer, kind = ISSUER_BY_CODE.get(i), KIND_BY_CODE.get(k)
    return (issuer.slug if issuer else None), (kind.slug if kind else None)
