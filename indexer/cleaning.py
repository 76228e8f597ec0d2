"""Separate a scraped page into title, metadata lines, paragraphs and furniture.

Pages scraped from news sites carry the site around the article: banners,
counters ("Lượt xem: 44", "Hôm nay: 2023"), photo captions, a headline repeated
as an image caption, menus and related-article lists after the byline.  The
rules here are about the *shape* of lines (length, position, repetition,
sentence punctuation) plus a furniture lexicon kept as data in
``data/furniture.json``; nothing names a particular site or file.

Every dropped line is returned with its reason so ``python -m indexer inspect``
can show why a line is not a paragraph.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .dates import not_an_event
from .normalize import key, nfc
from .official import is_appendix, is_distribution_list, line_reason

#: Paragraphs shorter than this (in characters) are headings, captions or
#: menu items, not report text.
MIN_PARAGRAPH_CHARS = 60
#: Longer paragraphs are cut at sentence ends so a hit stays readable.
MAX_PARAGRAPH_CHARS = 4000

#: "23/10/2022", "28-10-2019", as some sites space it, "28 - 10 - 2019", as content systems print it, "2025-05-09",
#: and as WordPress's Vietnamese locale does, "9 Th12, 2020".
_DATE_RE = re.compile(
    r"\b(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?((?:19|20)\d{2})\b|\b(?:19|20)\d{2}-\d{1,2}-\d{1,2}\b"
    r"|\b\d{1,2} [Tt]h ?\d{1,2},? (?:19|20)\d{2}\b"
)
#: "… của <issuer>" right after a date: the date of a document cited, not of the page.
_OF_ISSUER = re.compile(r"\s*của\s", re.I)
_TIME_RE = re.compile(r"\b\d{1,2}[:h]\d{2}(?::\d{2})?\b")
_SENTENCE_END = re.compile(r"[.!?…;:\"'»)\]]$")
_PHOTO_CREDIT = re.compile(r"(?:^|[.!?]\s+|\()anh\s*:\s*[^:;]{1,40}\)?$")
_SITE_PREFIX = re.compile(r"^\(\s*([\w.-]+\.(?:vn|com|net|org|gov\.vn|org\.vn|com\.vn))\s*\)\s*[-–—:]?\s*", re.I)


@dataclass(frozen=True)
class Lexicon:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    counters: tuple[str, ...]
    caption_starts: tuple[str, ...]
    caption_words: tuple[str, ...]
    source_prefixes: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = json.loads(resources.files(__package__).joinpath("data/furniture.json").read_text("utf-8"))
    return Lexicon(
        exact=frozenset(data["exact"]),
        prefixes=tuple(data["prefixes"]),
        counters=tuple(data["counters"]),
        caption_starts=tuple(data["caption_starts"]),
        caption_words=tuple(data["caption_words"]),
        source_prefixes=tuple(data["source_prefixes"]),
    )


@dataclass
class CleanPage:
    """What a page holds once the furniture is gone."""

    title: str | None = None
    date_line: str | None = None
    author: str | None = None
    source: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    #: (line, reason) for every line that is not a paragraph or the title.
    dropped: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=4)
def _counter_re(lex: Lexicon) -> re.Pattern[str]:
    words = "|".join(re.escape(c) for c in lex.counters)
    return re.compile(rf"^(?:{words})\s*[:：]?\s*[\d.,\s]+$")


@lru_cache(maxsize=4)
def _only_furniture_re(lex: Lexicon) -> re.Pattern[str]:
    words = "|".join(re.escape(e) for e in sorted(lex.exact, key=len, reverse=True) if e.strip(":"))
    return re.compile(rf"(?:(?:{words})(?:\s*[|·,/-]\s*|\s+|$))+")


def furniture_reason(line: str) -> str | None:
    """Why a line is page furniture, or None when it may be content."""
    lex = lexicon()
    # Furniture lines are short; a long line is checked on its start only.
    k = key(line[:200]).strip(" .:|-»>")
    if not k:
        return "empty"
    if k in lex.exact:
        return "furniture lexicon"
    if any(k.startswith(p) for p in lex.prefixes):
        return "furniture lexicon"
    if _only_furniture_re(lex).fullmatch(k):
        return "furniture lexicon"  # a row of them: "Facebook Zalo In bài viết", "In trang | Gửi email"
    if _counter_re(lex).match(k):
        return "counter"
    if re.fullmatch(r"[\d\s.,:/|%-]+", k):
        return "numbers only"  # also a zoom widget's "100%"
    if k.startswith("hom nay") and _DATE_RE.search(k) and len(line) < 80:
        return "page clock"  # "Hôm nay, Thứ sáu ngày 10/01/2025": the day the page was seen, not published
    if len(re.findall(r"\s[>»|/]\s", line)) >= 2 and len(line) < 160 and not _is_sentence(line):
        return "menu or breadcrumb"
    return line_reason(line)  # an official document's letterhead and closing


def is_date_line(line: str) -> bool:
    """A short line carrying the publication date ("23/10/2022 19:14 Tăng trưởng xanh"); not a line of
    hard-wrapped text citing a document ("35-CT/TW, ngày 30/5/2019 của Bộ Chính trị …")."""
    m = _DATE_RE.search(line)
    return (
        m is not None
        and len(line) < 80
        and not line.rstrip().endswith(".")
        and not key(line).startswith("hom nay")  # a page clock, not the publication date
        and not not_an_event(key(line[: m.start()]))
        and not _OF_ISSUER.match(line, m.end())  # "… ngày 05/11/2019 của Ban Chấp hành": a document's date
    )


def _wrapped_citation(line: str) -> bool:
    """A line of hard-wrapped text that opens on a cited document's date ("05/11/2019 của Ban Chấp hành …"):
    the middle of a sentence, never a title."""
    m = _DATE_RE.match(line.strip())
    return m is not None and bool(_OF_ISSUER.match(line.strip(), m.end()))


def _is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.rstrip()))


def _sentence_count(line: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", line.strip()))


def is_caption(line: str) -> bool:
    """A photo caption: one short sentence about who is doing what on a picture, or any short
    line that ends with a photo credit ("… từ đất lúa. Ảnh: Đ.T", "… (Ảnh: Thu Hà)")."""
    if len(line) <= 250 and _PHOTO_CREDIT.search(key(line)):
        return True
    if len(line) > 160 or _sentence_count(line) > 1 or ";" in line:
        return False
    lex = lexicon()
    k = key(line)
    if k.startswith(("quang canh", "toan canh", "anh:", "anh minh hoa")):
        return True
    starts = any(k.startswith(s) for s in lex.caption_starts)
    verbs = any(re.search(rf"\b{re.escape(w)}\b", k) for w in lex.caption_words)
    return starts and verbs and not re.search(r"\d+[,.]?\d*\s*%", k)


def byline_parts(line: str) -> tuple[str | None, str | None] | None:
    """(author, source) when the line is a byline or source credit, else None.

    Shapes: "Minh Phú", "LIÊM ĐOÀN", "Theo Cổng TTĐT huyện Thủy Nguyên",
    "Bình Minh/Trung tâm TT&VH Ba Chẽ", "Văn Hùng - Trung tâm VH-TT huyện X", "Nguồn: Báo Hà Nam".
    """
    lex = lexicon()
    text = line.strip().rstrip(".")
    if not text or len(text) > 100 or _sentence_count(text + " ") > 1:
        return None
    k = key(text)
    for prefix in lex.source_prefixes:
        if k.startswith(prefix):
            rest = text[len(prefix) :].strip(" :()")
            return (None, rest) if rest else None
    for separator in ("/", " - ", " – "):
        if separator in text:
            left, _, right = text.partition(separator)
            if _looks_like_name(left.strip()) and right.strip():
                return left.strip(), right.strip()
    if _looks_like_name(text):
        return text, None
    return None


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    return all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)


def _split_long(paragraph: str) -> list[str]:
    if len(paragraph) <= MAX_PARAGRAPH_CHARS:
        return [paragraph]
    out: list[str] = []
    current = ""
    for sentence in re.split(r"(?<=[.!?;])\s+", paragraph):
        while len(sentence) > MAX_PARAGRAPH_CHARS:  # no sentence end at all
            cut = sentence.rfind(" ", 0, MAX_PARAGRAPH_CHARS)
            cut = cut if cut > 0 else MAX_PARAGRAPH_CHARS
            if current:
                out.append(current)
                current = ""
            out.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if current and len(current) + 1 + len(sentence) > MAX_PARAGRAPH_CHARS:
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        out.append(current)
    return out


def _join_wrapped(lines: list[str]) -> list[str]:
    """Undo hard wrapping: a line that does not end a sentence, followed by a
    line starting in lower case, continues on that line."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and line[0].islower() and not _is_sentence(out[-1]) and len(out[-1]) >= 40:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


#: A crawler's header before a page's text, on the text's first line: "date 2020-12 Sáng 8/12, HĐND huyện …" (the
#: month the page was published; a full date line on the page, when there is one, says more).
_CRAWL_DATE_RE = re.compile(r"^\s*date\s+((?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?![\d-])\s*")


def clean(text: str) -> CleanPage:
    """Split a page's text into title, metadata and paragraphs."""
    page = CleanPage()
    crawled = _CRAWL_DATE_RE.match(text)
    if crawled:
        text = text[crawled.end() :]
    raw_lines = [" ".join(nfc(line).split()) for line in text.splitlines()]  # whitespace runs → one space
    lines = _join_wrapped(raw_lines)
    candidates = [line for line in lines if line]

    # 1. Header: lines before the first body paragraph.  The title is the last
    #    header line that is neither furniture nor a date; those before it are
    #    site banners and slogans.
    body_start = next((i for i, line in enumerate(candidates) if _is_body(line)), len(candidates))
    header, body = candidates[:body_start], candidates[body_start:]
    title_index = None
    byline_index = None
    for i, line in enumerate(header):
        if furniture_reason(line) or is_date_line(line) or _wrapped_citation(line):
            continue
        if title_index is not None and _bare_name(line):
            byline_index = i  # "Ông X được bầu …" / "Nguyên Bảo": the author under the headline, not the title
            continue
        title_index = i
    for i, line in enumerate(header):
        if i == title_index:
            page.title = line
        elif i == byline_index and page.author is None:
            page.author = line
            page.dropped.append((line, "byline"))
        elif is_date_line(line) and page.date_line is None:
            page.date_line = line
        else:
            page.dropped.append((line, furniture_reason(line) or ("date" if is_date_line(line) else "banner")))
    if page.title is None and body and len(body[0]) <= 250:
        # A page with no header: the first line is the title when it is short.
        page.title = body.pop(0)

    # 2. Body: stop at the byline; everything after it is the site's footer.
    title_key = key(page.title) if page.title else None
    kept: list[str] = []
    after_repeated_title = False
    closing = False  # after an official document's "Nơi nhận:" (until an appendix)
    for idx, line in enumerate(body):
        if closing and not is_appendix(line):
            page.dropped.append((line, "distribution list and signature"))
            continue
        closing = closing and not is_appendix(line)
        if is_distribution_list(line):
            closing = True
        reason = furniture_reason(line)
        if reason is None and title_key and key(line) == title_key:
            reason, after_repeated_title = "headline repeated as caption", True
            page.dropped.append((line, reason))
            continue
        if reason is None and after_repeated_title and len(line) < 300 and _sentence_count(line) <= 1:
            reason = "caption under a repeated headline"
        after_repeated_title = False
        if reason in (None, "numbers only") and is_date_line(line) and page.date_line is None:
            page.date_line, reason = line, "date"  # "2025-05-09 17:36:00.0" is all digits, and a date
        if reason is None and is_caption(line):
            reason = "photo caption"
        if reason is None and len(line) <= 100 and kept:
            credit = byline_parts(line)
            if credit and _ends_article(body, idx):
                page.author, page.source = credit[0], credit[1] or page.source
                page.dropped.append((line, "byline"))
                page.dropped.extend((rest, "after the byline") for rest in body[idx + 1 :])
                break
        if reason is None and len(line) < MIN_PARAGRAPH_CHARS:
            reason = "too short for a paragraph"
        if reason:
            page.dropped.append((line, reason))
            continue
        kept.append(line)

    # 3. Site credit at the start of the lead: "(Quanlynhanuoc.vn) – Năm 2022 ...".
    if kept:
        match = _SITE_PREFIX.match(kept[0])
        if match and not page.source:
            page.source = match.group(1)

    # 4. Duplicates: a paragraph seen before, or a lead repeated as the start of
    #    the next paragraph, is dropped.
    keys = [key(p) for p in kept]
    seen: set[str] = set()
    for i, paragraph in enumerate(kept):
        repeated = keys[i] in seen
        lead_repeated = i + 1 < len(kept) and keys[i] != keys[i + 1] and keys[i + 1].startswith(keys[i])
        seen.add(keys[i])
        if repeated or lead_repeated:
            page.dropped.append((paragraph, "duplicate paragraph"))
        else:
            page.paragraphs.extend(_split_long(paragraph))
    if crawled and page.date_line is None:
        page.date_line = crawled.group(1)
    return page


def _is_body(line: str) -> bool:
    """The first body line: long, or a complete sentence of some length."""
    if furniture_reason(line) or is_date_line(line):
        return False
    return len(line) >= 200 or (len(line) >= 80 and _is_sentence(line) and _sentence_count(line) >= 1)


def _bare_name(line: str) -> bool:
    """A person's name alone ("Nguyên Bảo"), as a byline under a headline."""
    parts = byline_parts(line)
    return parts is not None and parts[1] is None and len(line.split()) <= 4


def _ends_article(body: list[str], idx: int) -> bool:
    """A byline closes the article: no substantial paragraph follows within
    a few lines (related-article headlines may follow, but they are short)."""
    following = [line for line in body[idx + 1 :] if not furniture_reason(line)]
    long_after = [line for line in following if len(line) >= 200]
    return not long_after
