"""The page says how it read a query, and marks a title that matched (real chromium, live server)."""

from __future__ import annotations

import pytest

from .test_web import api, browser, expect, server, tab  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def test_an_unaccented_query_says_how_it_was_read(tab, server):  # noqa: F811
    tab.goto()
    tab.search("cong tac dan van")
    expected = api(server, "/api/v1/search", q="cong tac dan van")["interpreted_as"]
    assert expected == "công tác dân vận"
    notice = tab.page.locator("[data-interpreted]")
    expect(notice).to_have_text(f"Kết quả cho: {expected}")
    tab.search("công tác dân vận")  # typed as read: nothing to say
    expect(tab.page.locator("[data-interpreted]")).to_have_count(0)


def test_a_quoted_headline_finds_its_report_with_the_title_marked(tab, server):  # noqa: F811
    title = api(server, "/api/v1/documents")["documents"][0]["title"]
    tab.goto()
    tab.search(f'"{title}"')
    first = tab.page.locator(".hit").first
    expect(first.locator(".hit__title a mark").first).to_be_visible()
    expect(first.locator(".hit__title a")).to_have_text(title)
