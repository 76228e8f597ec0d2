"""The page by report, in a real browser: one card per report, "xem thêm", the switch, the CSV link."""

from __future__ import annotations

import csv
import io
import re
import urllib.parse

import pytest

from .test_web import QUERY, api, browser, expect, server, shown_facets, tab  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def test_one_card_per_report_and_xem_them_opens_the_others_in_place(tab, server):  # noqa: F811
    page = tab.page
    grouped = api(server, "/api/v1/search", q=QUERY, group="report")
    card = next(h for h in grouped["hits"] if h["more"])  # a report with several matching paragraphs
    tab.goto("?" + urllib.parse.urlencode({"q": QUERY}))  # grouped by default: no parameter
    expect(page.locator("#group")).to_be_checked()
    status = page.locator("#status").inner_text()
    assert re.search(rf"{grouped['total']} đoạn trong {grouped['total_reports']} báo cáo", status), status
    cards = page.locator(".hit")
    expect(cards).to_have_count(len(grouped["hits"]))
    ids = [c.get_attribute("data-id") for c in cards.all()]
    assert ids == [h["id"] for h in grouped["hits"]]
    assert len({i.split(":")[0] for i in ids}) == len(ids)  # one card per report
    assert shown_facets(tab, "district") == {f["value"]: f["count"] for f in grouped["facets"]["district"]}
    el = page.locator(f'.hit[data-id="{card["id"]}"]')
    toggle = el.locator(".hit__more-toggle")
    expect(toggle).to_have_text(f"xem thêm {len(card['more'])} đoạn")
    others = el.locator(".hit__more")
    expect(others).to_be_hidden()
    toggle.click()
    expect(others).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert [li.get_attribute("data-id") for li in others.locator("li[data-id]").all()] == [
        m["id"] for m in card["more"]
    ]
    assert others.locator("mark").count() > 0
    # An opened paragraph leads to its place in the report.
    first = card["more"][0]
    others.locator(".hit__more-link").first.click()
    expect(page.locator(".para--hit")).to_have_attribute("data-position", str(first["position"]))


def test_the_switch_shows_paragraphs_as_before(tab, server):  # noqa: F811
    page = tab.page
    tab.goto("?" + urllib.parse.urlencode({"q": QUERY}))
    expect(page.locator("#group")).to_be_checked()
    page.locator("#group").uncheck()
    page.wait_for_url(re.compile(r"group=paragraph"))
    tab.settled()
    flat = api(server, "/api/v1/search", q=QUERY)
    expect(page.locator(".hit")).to_have_count(len(flat["hits"]))
    assert [h.get_attribute("data-id") for h in page.locator(".hit").all()] == [h["id"] for h in flat["hits"]]
    # The paragraph view is in the URL: a reload (or a shared link) keeps it.
    page.reload()
    tab.settled()
    expect(page.locator("#group")).not_to_be_checked()
    assert [h.get_attribute("data-id") for h in page.locator(".hit").all()] == [h["id"] for h in flat["hits"]]
    page.locator("#group").check()
    page.wait_for_url(lambda url: "group=" not in url)
    tab.settled()
    expect(page.locator(".hit")).to_have_count(len(api(server, "/api/v1/search", q=QUERY, group="report")["hits"]))


def test_the_csv_link_downloads_the_current_results(tab, server):  # noqa: F811
    page = tab.page
    facets = api(server, "/api/v1/search", q=QUERY, group="report")["facets"]
    district = facets["district"][0]["value"]
    tab.goto("?" + urllib.parse.urlencode({"q": QUERY, "district": district}))
    expected = api(server, "/api/v1/search", q=QUERY, group="report", district=district, per_page=100)
    link = page.locator("a.exports__csv")
    expect(link).to_have_text("Tải kết quả (CSV)")
    with page.expect_download() as info:
        link.click()
    body = open(info.value.path(), encoding="utf-8-sig", newline="").read()
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    assert [r["report_id"] for r in rows] == [h["document_id"] for h in expected["hits"] if not h["partial"]]
    assert len(rows) == expected["total_reports"]
    feed = page.locator("a.exports__feed").get_attribute("href")
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(feed).query)
    assert params["format"] == ["atom"] and params["q"] == [QUERY] and params["district"] == [district]
