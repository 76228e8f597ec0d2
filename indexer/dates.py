"""The published date and the year whose work a report reviews.

A page dated 23/10/2022 about "năm 2021" reviews 2021; a conference on 12/12
"đánh giá kết quả thực hiện nhiệm vụ năm 2022" reviews 2022; "3 tháng cuối năm
2020" and "9 tháng đầu năm 2020" review 2020.  Years are read only where the
text says they are years ("năm 2021", "quý I/2023", dates); a bare number such
as the counter "Hôm nay: 2023" never counts (and the cleaner has dropped it anyway).

A wrong year is worse than none, so the evidence is of kinds, strongest first:

* **dated evidence**: a date ("Sáng ngày 18/9/2018", "ngày 21 tháng 7 năm
  2021"), a month ("tháng 9/2018"), a part of a year ("quý I/2023", "6 tháng
  đầu năm 2024"): the report speaks from inside that year.  A date that only
  cites a document ("Nghị quyết số 03-NQ/TU, ngày 31/5/2021"), an anniversary
  or a deadline ("trước 31/8/2020") says nothing about the report's year.
  A span of days ("họp từ ngày 05/10 đến ngày 12/10/2017") is when something happened;
  a party congress for a term that opens or closes ("Đại hội … nhiệm kỳ 2020 - 2025
  khai mạc") is held in the term's first year;
* **"năm Y" in a review phrase** ("kết quả … năm Y", "tổng kết", "Năm Y, huyện
  đã …"); plans ("phương hướng … năm Y", "phấn đấu") weigh against.  "… năm Y,
  phương hướng, nhiệm vụ năm Y+1" reviews Y, and Y+1 is then the plans' year
  everywhere in the report ("chương trình công tác năm Y+1" does not vote);
  "so với cùng kỳ năm Y" speaks from Y+1;
* **events that name their year** without a date: a congress, a council's first session, an election or a
  committee elected for a term (its first year), a review of a whole term (its last), a session or a
  congress named with its year, an anniversary's span, a new year's gathering named with its lunar year;
* never: periods and horizons ("nhiệm kỳ 2016–2021", "giai đoạn 2021–2025",
  "đến năm 2030", "Đông Xuân 2022-2023"), targets ("dự kiến đến cuối năm 2024"),
  laws named with their year ("Hiến pháp năm 1992") and comparison baselines
  ("so với (cùng kỳ) năm 2022").

Where a mention stands weighs too: title ×4, the URL's words ×2, the lead
(first paragraph) ×1.5, the body ×1.  A year after the publication year is
impossible; a report published in January that reviews "năm qua" reviews the
year before.  A page without a date line may carry its date in its address
("/2019-10-28/", a year-month folder "/202312/").  When two years are close the
year is unknown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote

from .normalize import key

MIN_YEAR, MAX_YEAR = 1945, 2100

_Y = r"((?:19|20)\d{2})"
#: A term: "nhiệm kỳ 2020 - 2025" (folded), its first and last years as two groups.
_TERM = r"\bnhiem ky\s+" + _Y + r"\s*-\s*" + _Y + r"(?!\d)"
_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _Y + r"(?!\d)")
#: "2025-05-09" (ISO, as content systems print a date line: "2025-05-09 17:36:00.0").
_ISO_DATE_RE = re.compile(r"(?<![\d-])" + _Y + r"-(\d{1,2})-(\d{1,2})(?![\d-])")
#: "ngày 15 tháng 12 năm 2023" (folded), as in a document's date line.
_LONG_DATE_RE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:nam|/|-)\s*" + _Y + r"(?!\d)")
#: "tháng 9/2018", "tháng 9 năm 2018" (folded); not "6 tháng đầu năm" (no month number after "tháng").
_MONTH_RE = re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|-|nam)\s*" + _Y + r"(?!\d)")
#: A part of a year: "quý I/2023", "quý 1 năm 2023", "6 tháng đầu năm 2024", "9 tháng năm 2019".
_PART_RE = re.compile(
    r"\b(?:quy\s+(?:i{1,3}|iv|[1-4])|\d{1,2}\s+thang(?:\s+(?:dau|cuoi))?|thang\s+(?:dau|cuoi))"
    r"\s*(?:/|-|nam|cua nam)?\s*(?:nam\s+)?" + _Y + r"(?!\d)"
)
#: A part of a year without its year ("5 tháng đầu năm, …", "trong quý II"): the page's own year, when it is dated.
_UNYEARED_PART_RE = re.compile(
    r"\b(?:\d{1,2}\s+thang(?:\s+(?:dau|cuoi))?\s+nam|thang\s+(?:dau|cuoi)\s+nam|quy\s+(?:i{1,3}|iv|[1-4]))\b"
    r"(?!\s*(?:/|-|nam|cua nam)?\s*(?:nam\s+)?(?:19|20)\d{2})(?!\s+(?:truoc|ngoai|qua))"
)
_RANGE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})(?!\d)")
#: Horizons and periods: "đến năm 2030", "tầm nhìn 2045", "từ năm 2016 đến năm 2020", "nhiệm kỳ 2020", and
#: deadlines "trước năm 2025".
_HORIZON_RE = re.compile(
    r"\b(?:(?:den|toi|truoc)(?:\s+nam)?|tam nhin(?:\s+den)?(?:\s+nam)?|nhiem ky|giai doan|thoi ky|tu nam)\s+"
    + _Y
    + r"(?!\d)"
)
#: Comparison baselines: "so với năm 2022", "so với cùng kỳ năm 2022", "so cùng kỳ 2022", "giá so sánh năm 2010".
#: "Cùng kỳ năm 2022" is the same part of the year before: the report speaks from 2023; "so với năm 2021" hints
#: (half as much) that it speaks from 2022.
_BASELINE_RE = re.compile(r"\bso(?:\s+voi|\s+sanh)?(?:\s+(?P<same>cung\s+ky))?(?:\s+nam)?\s+" + _Y + r"(?!\d)")
#: A target: "dự kiến đến cuối năm 2024", "phấn đấu đến hết năm 2023" (but "đến cuối năm 2022, toàn tỉnh có …"
#: states where the reviewed year ended, and still votes).
_TARGET_RE = re.compile(
    r"\b(?:du kien|phan dau|muc tieu|ke hoach)\s+(?:la\s+)?(?:den|toi)\s+(?:het\s+|cuoi\s+)?nam\s+" + _Y + r"(?!\d)"
)
#: A goal by a year: "phấn đấu … xây dựng thành công huyện nông thôn mới vào năm 2025".
_GOAL_BY_RE = re.compile(
    r"\b(?:phan dau|muc tieu|xay dung thanh cong|tro thanh|dat chuan|som thoat)\b[^.;]{0,80}?\bvao nam\s+"
    + _Y
    + r"(?!\d)"
)
#: An address about a party congress for a term ("…/dai-hoi-dai-bieu-dang-bo-huyen-dak-song-lan-thu-v-nhiem-ky-
#: 20202025-6892.html"), in ``url_words``: the congress held in the term's first year.
_URL_CONGRESS_RE = re.compile(r"\bdai hoi\b(?P<mid>(?:\s+\w+){0,14}?)\s+nhiem ky\s+" + _Y + r"[\s-]?" + _Y + r"(?!\d)")
#: A congress for a term ("Đại hội đại biểu Đảng bộ huyện … lần thứ XXII, nhiệm kỳ 2020 - 2025 khai mạc") is held in
#: the term's first year; its resolution ("Nghị quyết Đại hội … nhiệm kỳ 2020-2025") or one ahead ("tiến tới Đại hội")
#: says nothing of the report's year.
_CONGRESS_RE = re.compile(r"\bdai hoi\b(?P<mid>[^.;]{0,80}?)" + _TERM + r"(?P<after>[^.;]{0,40})")
_CONGRESS_HELD = (
    "khai mac",
    "dien ra",
    "be mac",
    "thanh cong",
    "hoan thanh",
    "tru bi",
    "phien chinh thuc",
    "tiep tuc ngay lam viec",  # "… nhiệm kỳ 2020 - 2025 tiếp tục ngày làm việc thứ 3": under way
    "ngay lam viec thu",
)
#: ... or said before the term: "đã tổ chức Đại hội đại biểu lần thứ VI, nhiệm kỳ 2015-2020", "Đại hội đã bầu Ban
#: Chấp hành … nhiệm kỳ 2020-2025".
_CONGRESS_HELD_BEFORE = (
    "da to chuc",
    "to chuc thanh cong",
    "khai mac",
    "da bau",
    "bau ra",
    "da dien ra",
    "tiep tuc chuong trinh",  # "Tiếp tục chương trình Đại hội …, chiều nay (5/8), …": under way
    "be mac",
)
#: Words by which a congress is a resolution's, ahead or a document's: whole words ("chương trình Đại hội" is not
#: "trình Đại hội").
_CONGRESS_NOT = re.compile(
    r"\b(?:nghi quyet|tien toi|huong toi|chuan bi|(?<!chuong )trinh|van kien|sau dai hoi|hoi nghi|thao luan|hop ban"
    r"|tieu ban|ke hoach|huong dan)\b"
)
#: The first session of a council's term ("Kỳ họp thứ nhất HĐND huyện khóa XI, nhiệm kỳ 2016 - 2021") sits in the
#: term's first year: councils are elected and meet the same year.
_FIRST_SESSION = r"\b(?:ky|cuoc|phien) hop (?:thu nhat|thu 1|lan thu nhat|lan thu 1|thu i)\b"
_FIRST_SESSION_RE = re.compile(
    _FIRST_SESSION
    + r"(?P<mid>[^.;]{0,80}?)"
    + _TERM
    # ... or the term first: "HĐND thành phố khóa XI, nhiệm kỳ 2016 – 2021 vừa tổ chức cuộc họp lần thứ nhất"
    + r"|"
    + _TERM
    + r"[^.;]{0,60}?"
    + _FIRST_SESSION
)
#: Re-elected for a term ("tái đắc cử Bí thư Huyện ủy, nhiệm kỳ 2020-2025"): a congress or a council's first session
#: re-elects, at the term's opening.  Not "đắc cử"/"trúng cử": a session in mid-term elects too ("bầu bổ sung …
#: trúng cử Chủ tịch HĐND …, nhiệm kỳ 2011-2016" in 2012).
_ELECTED_RE = re.compile(r"\b(?:tai dac cu)\b(?P<mid>[^.;]{0,80}?)" + _TERM)
#: An election for a term ("tiếp xúc cử tri với người ứng cử đại biểu HĐND huyện khóa XXII, nhiệm kỳ 2021-2026",
#: "bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 - 2026") is held in the term's first
#: year, as is the campaign before it; not a by-election ("bầu cử bổ sung"), nor one ahead ("chuẩn bị", "tiến tới").
_ELECTION_RE = re.compile(
    r"\b(?:ung cu|bau cu)\b(?P<mid>[^.;]{0,80}?)\bnhiem ky\s+" + _Y + r"\s*-?\s*" + _Y + r"(?!\d)"
)
_ELECTION_NOT = re.compile(r"\b(?:bo sung|chuan bi|tien toi|huong toi|ket qua)\b")
#: A person's birth year ("ông Lê Văn A (sinh năm 1977)", "SN 1980"): not the report's time.
_BORN_RE = re.compile(r"\b(?:sinh(?:\s+nam)?|sn)\s+" + _Y + r"(?!\d)")
#: A congress named with its year ("Đại hội đại biểu các dân tộc thiểu số huyện lần thứ IV, năm 2024") is held in it.
_CONGRESS_OF_YEAR_RE = re.compile(
    r"\bdai hoi\b(?P<mid>[^.;]{0,80}?)\blan thu\s+[ivxl\d]+\s*,?\s*nam\s+" + _Y + r"(?!\d)"
)
#: A council session named with its year ("kỳ họp chuyên đề năm 2023", "kỳ họp thường lệ cuối năm 2022") sits in it.
_SESSION_OF_YEAR_RE = re.compile(
    r"\bky hop\s+(?:thuong le\s+|chuyen de\s+|bat thuong\s+|giua\s+|cuoi\s+)*nam\s+" + _Y + r"(?!\d)"
)
#: A title that launches a year's work ("Hội nghị triển khai công tác giảm nghèo năm 2019"), on a page published in
#: that year after January: the year it speaks of (not when the title also reviews the year before).
_LAUNCH_RE = re.compile(r"\btrien khai\b[^.;]{0,60}?\bnam\s+" + _Y + r"(?!\d)")
#: A party committee elected for a term ("Các đại biểu đã bầu Ban Chấp hành Đảng bộ quận lần thứ VI nhiệm kỳ
#: 2020-2025") at the congress that opens it, in its first year; not one completed in mid-term ("bầu bổ sung").
_COMMITTEE_ELECTED_RE = re.compile(r"\bbau(?:\s+ra)?\s+ban chap hanh\b(?P<mid>[^.;]{0,80}?)" + _TERM)
#: A lunar new year named with its year ("Tết Đinh Dậu 2017", "mừng xuân Giáp Thìn 2024", "Tết Nguyên đán Quý Mão
#: 2023"); the stem and branch must be that year's.
_STEMS = ("giap", "at", "binh", "dinh", "mau", "ky", "canh", "tan", "nham", "quy")
_BRANCHES = ("ty", "suu", "dan", "mao", "thin", "ty", "ngo", "mui", "than", "dau", "tuat", "hoi")
_LUNAR_YEAR_RE = re.compile(
    r"\b(?:tet|xuan|nam moi)\s+(?:nguyen dan\s+)?(" + "|".join(sorted(set(_STEMS), key=len, reverse=True)) + r")\s+"
    r"(ty|ti|suu|dan|mao|meo|thin|ngo|mui|than|dau|tuat|hoi)\s+" + _Y + r"(?!\d)"
)
#: A gathering for the new year ("buổi gặp mặt các đồng chí nguyên lãnh đạo huyện nhân dịp Tết Đinh Dậu 2017"): an
#: event of the new year, whatever it recounts of the last.
_GATHERING = ("gap mat", "hop mat", "chuc tet", "mung xuan", "don xuan", "mung dang")
#: Final accounts are approved a year or more after the year they close: "phê chuẩn tổng quyết toán thu chi ngân
#: sách năm 2015" at a 2016 session never names the reviewed year.
_ACCOUNTS_RE = re.compile(r"\bquyet toan\s+(?:[a-z]+\s+){0,6}?nam\s+" + _Y + r"(?!\d)")
#: A law or charter named with its year ("Hiến pháp năm 1992", "Luật Đất đai năm 2013"): not the report's time.
_DOCUMENT_YEAR_RE = re.compile(
    r"\b(?:hien phap|bo luat|(?<!ky )(?<!phap )luat|phap lenh|dieu le)\s+(?:[a-z]+\s+){0,8}?nam\s+" + _Y + r"(?!\d)"
)
#: A year reviewed beside the plans for the next: "… năm 2020, phương hướng, nhiệm vụ năm 2021".
_PAIR_RE = re.compile(
    r"\bnam\s+"
    + _Y
    + r"(?!\d)[^.]{0,20}?\b(?:phuong huong|nhiem vu|ke hoach|muc tieu|trien khai)\b[^.;]{0,30}?\bnam\s+"
    + _Y
    + r"(?!\d)"
)
#: "năm 2021", "năm học 2021", "cuối năm 2020", "trong năm 2022" (folded text)
#: Every pattern here needs a year: paragraphs without one are skipped cheaply.
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
_YEAR_RE = re.compile(r"\bnam\s+(?:hoc\s+|tai chinh\s+)?((?:19|20)\d{2})(?!\s*-\s*(?:19|20)?\d{2})(?!\d)")
#: Before a date: it cites a document, an anniversary or a deadline, not the report's own time.
_NOT_EVENT_BEFORE = re.compile(
    r"(?:\bso\s+[\w./-]*\d[\w./-]*"
    r"|[\w.-]*\d[\w.-]*/[\w./-]*[a-z][\w./-]*"  # a document's number: "Nghị quyết 03-NQ/HU, ngày 29/7/2021"
    r"|\b(?:nghi quyet|quyet dinh|chi thi|ket luan|huong dan|quy dinh|thong bao|cong van"
    r"|ke hoach|luat|nghi dinh|thong tu|ky niem|truoc|den|han|du kien|tu ngay|ban hanh|ky ngay"
    r"|hoan thanh trong|xong trong))[\s,(]*"  # a deadline: "hoàn thành trong tháng 3/2020"; "số 24 (ngày …)"
    r"(?:ngay\s*)?$"
)
#: The first day of a span of days: what follows "từ ngày 05/10 đến ngày" (or "từ ngày 13 đến ngày") is when
#: something happened.
_SPAN_START = re.compile(
    r"\btu\s+(?:ngay\s+)?\d{1,2}(?:\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?)?,?\s+(?:den|toi)\s+(?:ngay\s*)?$"
)
#: "… của <issuer>" right after a date: a cited document's date.
_OF_ISSUER = re.compile(r"\)?\s*cua\s")
_DATE_SPAN_AFTER = re.compile(r"\s*-\s*\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4}")
_DATE_SPAN_BEFORE = re.compile(r"\d{4}\s*-\s*$")
#: The words that open an event's date: "Sáng ngày 16/6/2020", "Chiều nay (14/8/2020)", "Ngày 5/8/2020".
_EVENT_TIME_BEFORE = re.compile(r"(?:^|[\s(,-])(?:sang|chieu|toi|trua|ngay)(?:\s+nay)?\s*(?:ngay\s*)?\(?\s*$")
#: A review of a whole term ("Tổng kết hoạt động HĐND huyện nhiệm kỳ 2016 - 2021", "tổng kết nhiệm kỳ 2015-2020") is
#: held as the term ends, in its last year.
_TERM_REVIEW_RE = re.compile(r"\btong ket\b(?P<mid>[^.;]{0,60}?)" + _TERM)
_TERM_REVIEW_AHEAD = ("du kien", "se ", "ke hoach", "chuan bi", "tien toi", "huong toi")
#: The last year of district-level government: districts ended on 1/7/2025, their councils' terms with them.
LAST_DISTRICT_YEAR = 2025
#: Year-end reviews are held up to March of the next year ("Chiều ngày 18/02/2022 … tổng kết năm 2021"); from April
#: on, the date that opens a report is the year it is about.
EVENT_BOOST_FROM_MONTH = 4
#: An anniversary ("Kỷ niệm 20 năm thành lập huyện (1/5/2003 - 1/5/2023)") in a title or address: celebrated in the
#: span's last year.
_ANNIVERSARY_RE = re.compile(r"\bky niem\s+(\d{1,3})\s+nam\b")
_A_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_LAST_YEAR = re.compile(r"\bnam (?:vua )?qua\b|\bnam cu\b")

_REVIEW_WORDS = (
    "ket qua",
    "tong ket",
    "danh gia",
    "so ket",
    "bao cao",
    "nhin lai",
    "thuc hien nhiem vu",
    "hoan thanh",
    "da dat",
    "dat duoc",
    "trong nam",
    "thang dau nam",
    "thang cuoi nam",
    "nhiem vu nam",
    "cong tac nam",
    "tinh hinh",
)
_PLAN_WORDS = (
    "phuong huong",
    "trong tam",
    "ke hoach nam",
    "nhiem vu trong tam nam",
    "giai phap trong tam nam",
    "phan dau",
    "du bao",
    "la nam ban le",
    "se ",
    "chu de nam",
    "trien khai nhiem vu",
    "trien khai chuong trinh",  # "triển khai chương trình công tác năm 2021"
    "trong nam toi",
    "nam toi",
    "de hoan thanh",
    "de thuc hien",
    "de dat ",
)


_PLAN_AFTER = (" dat muc tieu", " phan dau", " du kien", " se ", " tiep tuc trien khai", " xac dinh", " chon chu de")
_REVIEW_AFTER = (" da ", " dat duoc", " hoan thanh", " da dat", " tang ", " giam ", " dat va vuot", " vuot ke hoach")

#: Weight of a mention by where it stands.
W_TITLE, W_URL, W_LEAD, W_BODY = 4.0, 2.0, 1.5, 1.0
#: A dated mention (date, month, part of a year) is worth this many plain "năm Y".
W_DATED = 2.0
W_PART = 3.0
#: The runner-up must stay below this share of the winner's score, or the year is unknown.
MAX_RUNNER_SHARE = 0.6


@dataclass
class YearTags:
    year: int | None = None
    published: date | None = None
    evidence: list[str] = field(default_factory=list)


#: "9 Th12, 2020" (folded), as WordPress's Vietnamese locale prints a date.
_WP_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s+th\s?(\d{1,2}),?\s+" + _Y + r"(?!\d)")
#: A month alone, as a crawler's header gives it ("2020-12"): read as the month's first day.
_ISO_MONTH_RE = re.compile(_Y + r"-(0[1-9]|1[0-2])")


def parse_date(text: str) -> date | None:
    """The first valid date in ``text``: dd/mm/yyyy, yyyy-mm-dd or "ngày d tháng m năm yyyy" (a time is ignored);
    a line that is only a month ("2020-12") gives the month's first day, as an address's year-month folder does."""
    t = key(text)
    if month := _ISO_MONTH_RE.fullmatch(t.strip()):
        return date(int(month.group(1)), int(month.group(2)), 1)
    found = [(m.start(), m.groups()) for rx in (_DATE_RE, _LONG_DATE_RE, _WP_DATE_RE) for m in rx.finditer(t)]
    found += [(m.start(), (m.group(3), m.group(2), m.group(1))) for m in _ISO_DATE_RE.finditer(t)]
    for _, (d, m, y) in sorted(found):
        try:
            return date(int(y), int(m), int(d))
        except ValueError:
            continue
    return None


def years_mentioned(text: str) -> list[int]:
    """The years a paragraph speaks of: "năm Y", ranges "Y1-Y2", dates."""
    if not _ANY_YEAR.search(text):
        return []
    t = key(text)
    found: set[int] = set()
    for _, _, y in _DATE_RE.findall(t):
        found.add(int(y))
    for a, b in _RANGE_RE.findall(t):
        found.update((int(a), int(b)))
    t = _RANGE_RE.sub(" ", _DATE_RE.sub(" ", t))
    found.update(int(y) for y in _YEAR_RE.findall(t))
    return sorted(y for y in found if MIN_YEAR <= y <= MAX_YEAR)


def not_an_event(before: str) -> bool:
    """Whether a date after ``before`` (folded text) is a cited document's, an anniversary or a deadline
    ("Chỉ thị số 35-CT/TW, ngày", "Kế hoạch 119-KH/TU, ngày", "hoàn thành trước"), not when something happened."""
    return bool(_NOT_EVENT_BEFORE.search(before[-40:])) and not _SPAN_START.search(before[-40:])


def _blank(t: str, spans: list[tuple[int, int]]) -> str:
    """``t`` with the spans replaced by spaces (positions kept)."""
    chars = list(t)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _clause_before(t: str, pos: int, width: int = 70) -> str:
    """The clause a position sits in, up to it: cut at the last ";" or "." before it."""
    return re.split(r"[;.]", t[max(0, pos - width) : pos])[-1]


def _dated_mentions(
    t: str, weight: float, last_year_review: bool, opening: bool = False
) -> tuple[list[tuple[int, float, str]], str]:
    """Dates, months and parts of a year in folded text ``t``; returns them and ``t`` with them blanked.
    In a title or lead (``opening``), the date that opens it ("Sáng ngày 16/6/2020, …") is the event's own."""
    out: list[tuple[int, float, str]] = []
    spans: list[tuple[int, int]] = []
    for rx, kind in ((_LONG_DATE_RE, "date"), (_DATE_RE, "date"), (_MONTH_RE, "month")):
        for m in rx.finditer(_blank(t, spans)):
            spans.append(m.span())
            year, month = int(m.group(len(m.groups()))), int(m.group(len(m.groups()) - 1))
            if not 1 <= month <= 12:
                continue
            if not_an_event(t[max(0, m.start() - 40) : m.start()]) or _OF_ISSUER.match(t, m.end()):
                continue  # "… ngày 29/7/2021 của Huyện ủy": a document's date, wherever its number stands  # a cited document, an anniversary, a deadline (not "từ ngày 5/10 đến ngày 12/10/2017")
            if _DATE_SPAN_AFTER.match(t, m.end()) or _DATE_SPAN_BEFORE.search(t[max(0, m.start() - 20) : m.start()]):
                continue  # "(02/9/1945 - 02/9/2021)": a span of dates
            if month == 1:
                # A January meeting reviews the year before when it says "năm qua"; else it says nothing.
                if last_year_review:
                    out.append((year - 1, W_DATED * weight, f"{kind} in January + 'năm qua'"))
                continue
            if (
                opening
                and kind == "date"
                and month >= EVENT_BOOST_FROM_MONTH
                and m.start() < 60
                and _EVENT_TIME_BEFORE.search(t[max(0, m.start() - 25) : m.start()])
            ):
                out.append((year, 2 * W_DATED * weight, "the event's date"))
                continue
            out.append((year, W_DATED * weight, kind))
    t = _blank(t, spans)
    for m in _PART_RE.finditer(t):
        out.append((int(m.group(1)), W_PART * weight, "part of the year"))
        spans.append(m.span())
    return out, _blank(t, spans)


def plan_years(texts: list[str]) -> set[int]:
    """Years named as the plans' year beside the reviewed one ("… năm 2020, phương hướng … năm 2021")."""
    out: set[int] = set()
    for text in texts:
        if _ANY_YEAR.search(text):
            out.update(int(b) for a, b in _PAIR_RE.findall(key(text)) if int(b) == int(a) + 1)
    return out


def _scored_mentions(
    text: str,
    weight: float,
    last_year_review: bool = False,
    plans: frozenset[int] | set[int] = frozenset(),
    opening: bool = False,
) -> list[tuple[int, float, str]]:
    if not _ANY_YEAR.search(text):
        return []
    t = key(text)
    out, t = _dated_mentions(t, weight, last_year_review, opening)
    for m in _TERM_REVIEW_RE.finditer(t):
        first, last = int(m.group(2)), int(m.group(3))
        planned = any(w in _clause_before(t, m.start(), 120) for w in _TERM_REVIEW_AHEAD)
        if 4 <= last - first <= 5 and not _ANY_YEAR.search(m.group("mid")) and not planned:
            # District councils' 2021–2026 term ended with the districts, on 30/6/2025.
            out.append((min(last, LAST_DISTRICT_YEAR), W_DATED * weight, "a review of the whole term"))
    if opening:
        for m in _ANNIVERSARY_RE.finditer(t):
            years = [int(y) for y in _A_YEAR.findall(t[m.end() : m.end() + 100])]
            celebrated = next((b for a in years for b in years if b - a == int(m.group(1))), None)
            if celebrated:
                out.append((celebrated, W_DATED * weight, "an anniversary's last year"))
    for m in _CONGRESS_RE.finditer(t):
        context = t[max(0, m.start() - 40) : m.start()] + m.group("mid")
        held = any(w in m.group("after") for w in _CONGRESS_HELD) or any(w in context for w in _CONGRESS_HELD_BEFORE)
        if held and not _CONGRESS_NOT.search(context):
            first, last = int(m.group(2)), int(m.group(3))
            if 3 <= last - first <= 5:
                out.append((first, W_DATED * weight, "a congress for the term held"))
    for m in _FIRST_SESSION_RE.finditer(t):
        first, last = (int(m.group(2)), int(m.group(3))) if m.group(2) else (int(m.group(4)), int(m.group(5)))
        if 4 <= last - first <= 5:
            out.append((first, W_DATED * weight, "the first session of the council's term"))
    for m in _ELECTED_RE.finditer(t):
        first, last = int(m.group(2)), int(m.group(3))
        if 4 <= last - first <= 5 and "bo sung" not in t[max(0, m.start() - 40) : m.end()]:
            out.append((first, W_DATED * weight, "elected for the term"))
    if opening and any(w in t for w in _GATHERING):
        for m in _LUNAR_YEAR_RE.finditer(t):
            year = int(m.group(3))
            branch = {"ti": "ty", "meo": "mao"}.get(m.group(2), m.group(2))
            if _STEMS[(year - 4) % 10] == m.group(1) and _BRANCHES[(year - 4) % 12] == branch:
                out.append((year, 2 * W_DATED * weight, "a new year's gathering"))
    for m in _CONGRESS_OF_YEAR_RE.finditer(t):
        if not _CONGRESS_NOT.search(t[max(0, m.start() - 40) : m.start()] + m.group("mid")):
            out.append((int(m.group(2)), W_DATED * weight, "a congress named with its year"))
    for m in _SESSION_OF_YEAR_RE.finditer(t):
        out.append((int(m.group(1)), W_DATED * weight, "a session named with its year"))
    for m in _COMMITTEE_ELECTED_RE.finditer(t):
        first, last = int(m.group(2)), int(m.group(3))
        if 4 <= last - first <= 5 and "bo sung" not in t[max(0, m.start() - 20) : m.end()]:
            out.append((first, W_DATED * weight, "a committee elected for the term"))
    for m in _ELECTION_RE.finditer(t):
        first, last = int(m.group(2)), int(m.group(3))
        if last - first == 5 and not _ELECTION_NOT.search(t[max(0, m.start() - 40) : m.start()] + m.group("mid")):
            out.append((first, W_DATED * weight, "an election for the term"))
    # Periods, horizons, baselines and named laws are never the reviewed year.
    never = []
    for rx in (
        _RANGE_RE,
        _HORIZON_RE,
        _BASELINE_RE,
        _DOCUMENT_YEAR_RE,
        _TARGET_RE,
        _GOAL_BY_RE,
        _ACCOUNTS_RE,
        _BORN_RE,
    ):
        for m in rx.finditer(t):
            never.append(m.span())
            if rx is _BASELINE_RE and m.group("same"):
                out.append((int(m.group(2)) + 1, weight, "after 'cùng kỳ năm Y'"))
            elif rx is _BASELINE_RE:
                out.append((int(m.group(2)) + 1, 0.5 * weight, "after 'so với năm Y'"))
    t = _blank(t, never)
    paired = {m.start(): int(m.group(1)) for m in _PAIR_RE.finditer(t) if int(m.group(2)) == int(m.group(1)) + 1}
    for m in _YEAR_RE.finditer(t):
        year = int(m.group(1))
        before = _clause_before(t, m.start())
        # The plan words that end in "năm" ("kế hoạch năm", "chủ đề năm") stand right before the year.
        with_nam = _clause_before(t, m.start(1))
        w = weight
        why = "năm"
        if paired.get(m.start()) == year:
            out.append((year, 3 * weight, "review, beside plans for the next year"))
            continue
        if any(word in with_nam for word in _PLAN_WORDS):
            w, why = -0.5 * weight, "plan"
        elif any(word in before for word in _REVIEW_WORDS):
            w, why = 3 * weight, "review"
        # What the clause says after the year: "Năm 2023, huyện đặt mục tiêu …" is a plan,
        # "Năm 2022, UBND huyện … đã chỉ đạo" a review.
        clause_after = re.split(r"[;.]", t[m.end() : m.end() + 90])[0]
        if why == "năm":
            if any(word in clause_after for word in _PLAN_AFTER):
                w, why = -0.5 * weight, "plan"
            elif any(word in clause_after for word in _REVIEW_AFTER):
                w, why = 3 * weight, "review"
        after = t[m.end() : m.end() + 25]
        if re.match(r"\s*(la nam ban le|la nam dau|la nam thu)", after):
            w, why = (w if why == "review" else 1.5 * weight), "năm Y là năm…"
        if year in plans and w > 0:
            continue  # the plans' year ("chương trình công tác năm 2021") is not the one reviewed
        out.append((year, w, why))
    return out


#: A date in an address's path: "/2019-10-28/", "/2021/11/05/", or a year-month folder "/202312/", "/2024/02/".
_URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})[-/](\d{1,2})[-/](\d{1,2})(?=[/?#]|$)")
_URL_MONTH_RE = re.compile(r"/((?:19|20)\d{2})/?(0[1-9]|1[0-2])/(?=.)")  # "/202312/", "/2024/02/" (blogs)
#: A timestamp ending the file name, as some newspapers publish: "…-bi-thu-quan-uy-binh-tan-20200822101029597.htm",
#: "…/d20191120030022454.htm".
_URL_STAMP_RE = re.compile(r"(?:[-_]|/d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{4,9}\.s?html?$")


def url_date(url: str | None) -> date | None:
    """The publication date an address's path carries, if any (a year-month folder gives the month's 1st)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", url.lower()).split("?")[0]
    m = _URL_DATE_RE.search(path)
    groups = m.groups() if m else None
    if groups is None and (m := _URL_STAMP_RE.search(path)):
        groups = m.groups()
    if groups is None and (m := _URL_MONTH_RE.search(path)):
        groups = (m.group(1), m.group(2), "1")
    if groups is None:
        return None
    try:
        return date(int(groups[0]), int(groups[1]), int(groups[2]))
    except ValueError:
        return None


_SLUG_SPAN_RE = re.compile(r"(?<!\d)((?:19|20)\d{2}) ((?:19|20)\d{2})(?!\d)")


def url_words(url: str | None) -> str | None:
    """The words of a URL's path and query ("…/quy-i-2023-post234462.html" → "quy i 2023 post234462 html"),
    folded, percent-escapes and Vietnamese letters included ("…/đại-hội-đảng-bộ-huyện…" → "dai hoi dang bo huyen")."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", key(unquote(url)))
    words = re.sub(r"[^a-z0-9]+", " ", path).strip()
    # A slug's span of years ("nam-hoc-2021-2022", "nhiem-ky-2020-2025") is a span again, not two years.
    words = _SLUG_SPAN_RE.sub(_rejoin_span, words)
    return words or None


def _rejoin_span(m: re.Match[str]) -> str:
    first, last = m.group(1), m.group(2)
    return f"{first}-{last}" if 0 < int(last) - int(first) <= 10 else f"{first} {last}"


def tag_year(
    title: str | None,
    date_line: str | None,
    paragraphs: list[str],
    today: date | None = None,
    *,
    url: str | None = None,
    published: date | None = None,
) -> YearTags:
    """The reviewed year, scored over every mention (see the module's docstring)."""
    tags = YearTags()
    tags.published = published or (parse_date(date_line) if date_line else None)
    from_url = tags.published is None and (found := url_date(url)) is not None and found <= (today or date.today())
    if from_url:
        tags.published = url_date(url)
    limit = (tags.published or today or date.today()).year
    score: dict[int, float] = defaultdict(float)
    why: dict[int, list[str]] = defaultdict(list)
    january = tags.published is not None and tags.published.month == 1
    last_year_review = any(_LAST_YEAR.search(key(p)) for p in ([title] if title else []) + paragraphs[:3])
    sources: list[tuple[str, float, str]] = [(title, W_TITLE, "title")] if title else []
    words = url_words(url)
    if words:
        sources.append((words, W_URL, "url"))
        congress = _URL_CONGRESS_RE.search(words)
        if congress and not _CONGRESS_NOT.search(words[: congress.start()] + congress.group("mid")):
            first, last = int(congress.group(2)), int(congress.group(3))
            if 3 <= last - first <= 5 and first <= limit:
                score[first] += W_DATED * W_URL
                why[first].append(f"url:a congress for the term+{W_DATED * W_URL:g}")
    sources += [(p, W_LEAD if i == 0 else W_BODY, "lead" if i == 0 else "body") for i, p in enumerate(paragraphs)]
    plans = plan_years([text for text, _, where in sources if where != "url"])
    for text, weight, where in sources:
        opening = where in ("title", "lead", "url")
        for year, w, kind in _scored_mentions(text, weight, last_year_review, plans, opening):
            if year > limit:
                continue
            score[year] += w
            why[year].append(f"{where}:{kind}{w:+g}")
    if tags.published and not january and title:
        launched = _LAUNCH_RE.search(key(title))
        if launched and int(launched.group(1)) == tags.published.year and str(tags.published.year - 1) not in title:
            score[tags.published.year] += W_DATED * W_TITLE
            why[tags.published.year].append(f"title:launches the year it was published in+{W_DATED * W_TITLE:g}")
    if tags.published and not january:
        # "5 tháng đầu năm", "quý II" without a year: the part of the year the page was published in.
        unyeared = [w for text, w, where in sources if where != "url" and _UNYEARED_PART_RE.search(key(text))]
        if unyeared:
            score[tags.published.year] += W_DATED * max(unyeared)
            why[tags.published.year].append(
                f"a part of the year without its year, published then+{W_DATED * max(unyeared):g}"
            )
    if tags.published:
        if january and last_year_review:
            # Published in January about "năm qua": the year before.
            score[tags.published.year - 1] += 2.0
            why[tags.published.year - 1].append("published in January, reviews 'năm qua' +2")
        elif not january:
            # Reports are written during or just after the year they review (in January, often the year before).
            score[tags.published.year] += 0.5
            why[tags.published.year].append("published that year +0.5")
    ranked = sorted(((y, s) for y, s in score.items() if s > 0), key=lambda kv: kv[1], reverse=True)
    if ranked:
        top, top_score = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        if runner >= MAX_RUNNER_SHARE * top_score:
            tags.evidence.append(
                f"year unknown: {top} ({top_score:g}) and {ranked[1][0]} ({runner:g}) disagree: "
                + ", ".join(why[top][:4])
                + " / "
                + ", ".join(why[ranked[1][0]][:4])
            )
        else:
            tags.year = top
            tags.evidence.append(f"year {top} score {top_score:g}: " + ", ".join(why[top][:8]))
        for y, s in ranked[1:3]:
            tags.evidence.append(f"  also {y} score {s:g}")
    if tags.published:
        month_only = not published and date_line is not None and _ISO_MONTH_RE.fullmatch(key(date_line).strip())
        tags.evidence.append(
            f"published {tags.published.isoformat()}"
            + (" (from the address)" if from_url else " (a month only: its first day)" if month_only else "")
        )
    if plans:
        tags.evidence.append("plans' year, not reviewed: " + ", ".join(map(str, sorted(plans))))
    return tags
