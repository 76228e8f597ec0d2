"""The published date and the year whose work a report reviews.

A page dated 23/10/2022 about "năm 2021" reviews 2021; a conference on 12/12
"đánh giá kết quả thực hiện nhiệm vụ năm 2022" reviews 2022; "3 tháng cuối năm
2020" and "9 tháng đầu năm 2020" review 2020.  Years are read only where the
text says they are years ("năm 2021", "2021-2025", dates); a bare number such as
the counter "Hôm nay: 2023" never counts (and the cleaner has dropped it anyway).

The reviewed year is scored: mentions inside a review phrase ("kết quả ... năm
Y", "tổng kết", "đánh giá", "tháng đầu năm Y") weigh most, the title counts
double, plans ("phương hướng ... năm Y", "năm Y là năm bản lề") weigh against,
and a year after the publication year is impossible.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .normalize import key

MIN_YEAR, MAX_YEAR = 1945, 2100

_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")
_RANGE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})(?!\d)")
# "năm 2021", "năm học 2021", "cuối năm 2020", "trong năm 2022" (folded text)
#: Every pattern here needs a year: paragraphs without one are skipped cheaply.
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
_YEAR_RE = re.compile(r"\bnam\s+(?:hoc\s+|tai chinh\s+)?((?:19|20)\d{2})(?!\s*-\s*(?:19|20)?\d{2})(?!\d)")

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
    "trong nam toi",
    "nam toi",
)


_PLAN_AFTER = (" dat muc tieu", " phan dau", " du kien", " se ", " tiep tuc trien khai", " xac dinh chu de")
_REVIEW_AFTER = (" da ", " dat duoc", " hoan thanh", " da dat", " tang ", " giam ")


@dataclass
class YearTags:
    year: int | None = None
    published: date | None = None
    evidence: list[str] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """The first valid dd/mm/yyyy date in ``text`` (a time before or after is ignored)."""
    for d, m, y in _DATE_RE.findall(text):
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


def _scored_mentions(text: str, weight: float) -> list[tuple[int, float, str]]:
    if not _ANY_YEAR.search(text):
        return []
    t = key(text)
    t = _RANGE_RE.sub(" ", _DATE_RE.sub(" ", t))  # periods and dates are not the reviewed year
    out = []
    for m in _YEAR_RE.finditer(t):
        year = int(m.group(1))
        before = t[max(0, m.start() - 70) : m.start()]
        # Only the clause the year sits in: cut at the last ";" or "." before it.
        before = re.split(r"[;.]", before)[-1]
        w = weight
        why = "năm"
        if any(word in before for word in _PLAN_WORDS):
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
        out.append((year, w, why))
    return out


def tag_year(title: str | None, date_line: str | None, paragraphs: list[str], today: date | None = None) -> YearTags:
    tags = YearTags()
    if date_line:
        tags.published = parse_date(date_line)
    limit = (tags.published or today or date.today()).year
    score: dict[int, float] = defaultdict(float)
    why: dict[int, list[str]] = defaultdict(list)
    sources = ([(title, 4.0, "title")] if title else []) + [(p, 1.0, "body") for p in paragraphs]
    for text, weight, where in sources:
        for year, w, kind in _scored_mentions(text, weight):
            if year > limit:
                continue
            score[year] += w
            why[year].append(f"{where}:{kind}{w:+g}")
    if tags.published:
        # Reports are written during or just after the year they review.
        score[tags.published.year] += 0.5
        why[tags.published.year].append("published that year +0.5")
    ranked = sorted(((y, s) for y, s in score.items() if s > 0), key=lambda kv: kv[1], reverse=True)
    if ranked:
        tags.year = ranked[0][0]
        tags.evidence.append(f"year {tags.year} score {ranked[0][1]:g}: " + ", ".join(why[tags.year][:8]))
        for y, s in ranked[1:3]:
            tags.evidence.append(f"  also {y} score {s:g}")
    if tags.published:
        tags.evidence.append(f"published {tags.published.isoformat()}")
    return tags
