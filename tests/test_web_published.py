"""An official report published as a PDF, on the page: its kind, number, issuer and page on the hit;
the letterhead fields and a link to the original file in the report view (real chromium, live server)."""

from __future__ import annotations

import re

import pytest

from indexer.build import build_index
from search_api.live_server import LiveServer

from . import published as P
from .test_web import Page, browser, expect  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    src = tmp_path_factory.mktemp("published")
    P.write_text_pdf(src / "45-BC-HU.pdf")
    index = tmp_path_factory.mktemp("published-index") / "index"
    build_index([src], index, jobs=1)
    live = LiveServer(index).start()
    yield live.url
    live.stop()


def test_a_pdf_hit_shows_its_letterhead_and_page_and_opens_its_original(browser, base):  # noqa: F811
    tab = Page(browser, base)
    tab.goto()
    tab.search(f'"{P.PHRASE}"')
    hit = tab.page.locator(".hit").first
    expect(hit.locator(".meta--doc")).to_have_text(re.compile(r"số 45-BC/HU"))
    expect(hit.locator(".meta--page")).to_have_text("trang 2")
    hit.locator(".hit__title a").click()
    report = tab.page.locator("#report-view")
    expect(report.get_by_text("45-BC/HU")).to_be_visible()
    expect(report.get_by_text("Thanh Miện, ngày 15 tháng 12 năm 2023")).to_be_visible()
    expect(report.locator(".para--hit .para__page")).to_have_text("trang 2")
    original = report.locator("a[data-original]")
    with tab.page.expect_download() as download:
        original.click()
    assert download.value.suggested_filename == "45-BC-HU.pdf"
    assert tab.errors == []
    tab.context.close()
