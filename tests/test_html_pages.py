"""The HTML path on made-up district news pages (``tests/data/html``): every labelled article
paragraph is kept whole, none of the labelled furniture is, and the headline, the publication date
and the byline are found.  A change to reading or cleaning that loses text fails here.

The comparison with trafilatura and readability-lxml alone is ``python -m bench.html_extractors``
(docs/RELIABILITY.md, "HTML pages").
"""

from __future__ import annotations

import pytest

from bench.html_extractors import PAGES_DIR, _day, _norm, chosen, load_pages, readability
from indexer.cleaning import clean
from indexer.pipeline import process_file
from indexer.reading import html_to_text, page_text

PAGES = load_pages()


def test_the_pages_are_there_and_labelled():
    assert len(PAGES) >= 6
    for page in PAGES:
        assert 4 <= len(page.paragraphs) <= 8 and page.furniture, page.name
        for paragraph in page.paragraphs:
            assert _norm(paragraph) in _norm(page_text(page.html)), (page.name, paragraph[:40])


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_article_paragraph_is_kept_and_no_furniture(page):
    cleaned = clean(html_to_text(page.html))
    kept = [_norm(p) for p in cleaned.paragraphs]
    for paragraph in page.paragraphs:
        assert _norm(paragraph) in kept, f"lost: {paragraph[:60]}"
    for furniture in page.furniture:
        assert not any(_norm(furniture) in k for k in kept), f"furniture kept: {furniture}"
    extra = [k for k in kept if not any(_norm(p) in k for p in page.paragraphs)]
    assert not extra, f"kept and not the article's: {extra}"
    assert _norm(cleaned.title or "") == _norm(page.title)
    assert _day(cleaned.date_line or "") == _day(page.date)


def test_the_chosen_path_is_what_the_bench_measures():
    assert all(chosen(page.html) == html_to_text(page.html) for page in PAGES)


def test_a_page_readability_cannot_place_is_read_whole():
    """No article of paragraph length: the whole page's text, as before (a menu-only page stays furniture)."""
    html = "<html><body><nav>Trang chủ</nav><p>Tin mới</p><p>Báo cáo ngắn</p></body></html>"
    assert html_to_text(html) == page_text(html) == "Tin mới\nBáo cáo ngắn"


def test_a_long_discussion_under_a_short_article_is_not_taken_for_it():
    """Readability takes eight long readers' opinions (no class names to warn it) for the article;
    the article's lead, the page's longest line, is not in them, so the whole page is read."""
    page = next(p for p in PAGES if p.name.startswith("08-"))
    article = page.html.split("<p>Thầy cô")[0] + "<p>Lê Phương</p></article></main>"
    opinion = (
        "Ý kiến số {}: trường mới khang trang quá, mong huyện tiếp tục đầu tư thêm cho các điểm trường lẻ ở "
        "thôn xa, nhất là nhà vệ sinh và bếp ăn cho các cháu học bán trú lâu dài."
    )
    opinions = "".join(f"<div><b>Bạn đọc {i}</b><div>{opinion.format(i)}</div></div>" for i in range(8))
    html = f"{article}<div><div>{opinions}</div></div><footer>© 2023</footer></body></html>"
    assert "Ý kiến số" in readability(html)  # what readability alone takes for the article
    kept = clean(html_to_text(html)).paragraphs
    assert kept == page.paragraphs[:2]


def test_a_lead_repeated_in_a_featured_box_above_is_placed_where_the_article_is():
    page = next(p for p in PAGES if p.name.startswith("01-"))
    box = f'<div class="featured"><div>Tiêu điểm</div><div><a href="#">{page.title}</a></div><div>{page.paragraphs[0]}</div></div>'
    cleaned = clean(html_to_text(page.html.replace("<main>", box + "<main>")))
    assert cleaned.title == page.title and _day(cleaned.date_line or "") == _day(page.date)
    assert cleaned.paragraphs == page.paragraphs


def test_the_canonical_address_is_kept(tmp_path):
    page = next(p for p in PAGES if p.name.startswith("01-"))
    path = tmp_path / "trang.html"
    path.write_text(page.html, encoding="utf-8")
    report = process_file(path)
    assert report.url == "https://baotinh.example.vn/kinh-te/luc-nam-thu-ngan-sach-9-thang-dat-82-du-toan-p4521.html"
    assert report.title == page.title and report.year == 2023 and report.district.short == "Lục Nam"
    assert [p.text for p in report.paragraphs] == page.paragraphs


def test_labels_are_beside_their_pages():
    for path in PAGES_DIR.glob("*.html"):
        assert path.with_name(path.stem + ".labels.json").is_file(), path.name
