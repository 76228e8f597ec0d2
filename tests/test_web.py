"""The web page in a real browser: Debian's chromium driven by Playwright, against a live server over the seeds.

Screenshots go to a temporary folder; set UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/*.png.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERY = "nông thôn mới kiểu mẫu"

pytestmark = pytest.mark.slow

if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (make browser installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Index seeds/ with the CLI and serve it with the CLI, as a user would."""
    from search_api.live_server import LiveServer

    index = tmp_path_factory.mktemp("web") / "index"
    subprocess.run(
        [sys.executable, "-m", "indexer", "build", str(ROOT / "seeds"), "--index", str(index), "--quiet"],
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    live = LiveServer(index).start()
    yield live.url
    live.stop()


def api(base: str, path: str, **params) -> dict:
    query = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{base}{path}?{query}", timeout=10) as r:
        return json.load(r)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("UPDATE_SCREENSHOTS"):
        target = ROOT / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path_factory.mktemp("screenshots")


class Page:
    """A browser tab that records console errors and uncaught exceptions."""

    def __init__(self, browser, base: str, width: int = 1360, height: int = 900, **options) -> None:
        """`options` go to the browser context (tests/test_a11y.py passes bypass_csp=True to inject axe-core)."""
        self.context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN", **options)
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.page.on(
            "console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def goto(self, query: str = "") -> None:
        self.page.goto(self.base + "/" + query)
        self.settled()

    def settled(self) -> None:
        """Wait until no request is in flight and the results are drawn."""
        expect(self.page.locator("body")).not_to_have_class(re.compile(r"\bis-busy\b"))
        expect(self.page.locator("#status")).not_to_be_empty()

    def search(self, text: str) -> None:
        box = self.page.locator("#q")
        box.fill("")
        box.press_sequentially(text, delay=10)
        box.press("Enter")
        self.page.wait_for_url(re.compile(r"[?&]q="))
        self.settled()

    def params(self) -> dict:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.page.url).query)


@pytest.fixture()
def tab(browser, server):
    t = Page(browser, server)
    yield t
    errors = list(t.errors)
    t.context.close()
    assert errors == [], f"browser console errors: {errors}"


#: The paragraph view: the page groups by report unless the URL says ``group=paragraph``.
FLAT = "group=paragraph"


def status_total(tab: Page) -> int:
    """The paragraphs the status line counts ("Tìm thấy 11 kết quả", grouped "11 đoạn trong 7 báo cáo")."""
    text = tab.page.locator("#status").inner_text()
    m = re.search(r"Tìm thấy ([\d.]+) (?:kết quả|đoạn trong [\d.]+ báo cáo) \([\d,]+ ms\)", text)
    assert m, text
    return int(m.group(1).replace(".", ""))


def shown_facets(tab: Page, facet: str) -> dict[str, int]:
    out = {}
    for item in tab.page.locator(f'.facet[data-facet="{facet}"] .facet__item').all():
        value = item.locator("input").get_attribute("data-value")
        out[value] = int(item.locator(".facet__count").inner_text().replace(".", ""))
    return out


def test_typing_a_query_shows_suggestions_and_highlighted_results(tab, server, shots):
    tab.goto()
    page = tab.page
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.locator("#q").press_sequentially("nông thôn m", delay=30)
    options = page.locator("#suggestions [role=option]")
    expect(options.first).to_be_visible()
    texts = options.all_inner_texts()
    assert any(QUERY in t for t in texts), texts
    page.keyboard.press("ArrowDown")
    expect(page.locator("#suggestions .is-active")).to_have_count(1)
    assert page.locator("#q").input_value() == api(server, "/api/v1/suggest", q="nông thôn m")["suggestions"][0]["text"]
    page.keyboard.press("Escape")
    expect(page.locator("#suggestions")).to_be_hidden()

    tab.search(QUERY)
    # A first visit groups by report (the API's default is paragraphs: the page asks for reports).
    expected = api(server, "/api/v1/search", q=QUERY, group="report")
    assert tab.params() == {"q": [QUERY]}
    expect(page.locator("#group")).to_be_checked()
    assert status_total(tab) == expected["total"] > 0
    status = page.locator("#status").inner_text()
    assert f"{expected['total']} đoạn trong {expected['total_reports']} báo cáo" in status, status
    hits = page.locator(".hit")
    expect(hits).to_have_count(len(expected["hits"]))  # full matches, then partial ones filling the page
    assert [h.get_attribute("data-id") for h in hits.all()] == [h["id"] for h in expected["hits"]]
    for hit in hits.all():
        assert hit.locator(".hit__snippet mark").count() > 0
    first = hits.first
    assert first.locator(".hit__title").inner_text() == expected["hits"][0]["title"]
    assert expected["hits"][0]["district"]["label"] in first.locator(".hit__meta").inner_text()
    assert "Năm" in first.locator(".hit__meta").inner_text()
    assert first.locator(".hit__foot .tag").count() == len(expected["hits"][0]["topics"])
    assert page.title().startswith(QUERY)
    page.screenshot(path=str(shots / "search-results.png"), full_page=False)


def test_ticking_a_district_and_a_year_filters_and_survives_reload(tab, server):
    tab.goto("?q=" + urllib.parse.quote(QUERY) + "&" + FLAT)
    page = tab.page
    base = api(server, "/api/v1/search", q=QUERY)
    assert shown_facets(tab, "district") == {f["value"]: f["count"] for f in base["facets"]["district"]}

    district = base["facets"]["district"][0]
    page.locator(f'input[data-facet="district"][data-value="{district["value"]}"]').click()
    page.wait_for_url(re.compile(r"district=" + district["value"]))
    tab.settled()
    after = api(server, "/api/v1/search", q=QUERY, district=district["value"])
    assert status_total(tab) == after["total"] > 0
    for meta in page.locator(".hit__meta").all_inner_texts():
        assert district["label"] in meta
    expect(page.locator('.chip[data-facet="district"]')).to_contain_text(district["label"])
    assert shown_facets(tab, "year") == {f["value"]: f["count"] for f in after["facets"]["year"]}

    year = next(f for f in after["facets"]["year"] if f["count"] > 0)
    page.locator(f'input[data-facet="year"][data-value="{year["value"]}"]').click()
    page.wait_for_url(re.compile(r"year=" + year["value"]))
    tab.settled()
    both = api(server, "/api/v1/search", q=QUERY, district=district["value"], year=year["value"])
    assert status_total(tab) == both["total"] > 0
    assert tab.params() == {
        "q": [QUERY],
        "district": [district["value"]],
        "year": [year["value"]],
        "group": ["paragraph"],
    }
    assert shown_facets(tab, "district") == {f["value"]: f["count"] for f in both["facets"]["district"]}
    assert shown_facets(tab, "topic") == {f["value"]: f["count"] for f in both["facets"]["topic"]}
    ids = [h.get_attribute("data-id") for h in page.locator(".hit").all()]
    assert ids == [h["id"] for h in both["hits"]]

    # The URL is the whole state: a reload (or a shared link) gives the same page.
    url = page.url
    page.reload()
    tab.settled()
    assert page.url == url
    assert page.locator("#q").input_value() == QUERY
    assert [h.get_attribute("data-id") for h in page.locator(".hit").all()] == ids
    expect(page.locator(f'input[data-facet="district"][data-value="{district["value"]}"]')).to_be_checked()
    expect(page.locator(f'input[data-facet="year"][data-value="{year["value"]}"]')).to_be_checked()
    expect(page.locator(".chip")).to_have_count(2)

    # Back undoes the year, Forward redoes it; removing a chip and "Xóa tất cả" clear filters.
    page.go_back()
    tab.settled()
    assert "year" not in tab.params()
    assert status_total(tab) == after["total"]
    page.go_forward()
    tab.settled()
    assert status_total(tab) == both["total"]
    page.locator('.chip[data-facet="year"]').click()
    page.wait_for_url(lambda u: "year=" not in u)
    tab.settled()
    assert status_total(tab) == after["total"]
    page.get_by_role("button", name="Xóa tất cả").click()
    page.wait_for_url(lambda u: "district=" not in u)
    tab.settled()
    assert status_total(tab) == base["total"]
    expect(page.locator(".chip")).to_have_count(0)


def test_sort_and_pagination_are_in_the_url(tab, server):
    tab.goto("?" + FLAT)
    page = tab.page
    everything = api(server, "/api/v1/search", sort="newest", page=2)
    page.locator("#sort").select_option("newest")
    page.wait_for_url(re.compile(r"sort=newest"))
    tab.settled()
    page.locator('#pagination a[aria-label="Trang 2"]').click()
    page.wait_for_url(re.compile(r"page=2"))
    tab.settled()
    assert [h.get_attribute("data-id") for h in page.locator(".hit").all()] == [h["id"] for h in everything["hits"]]
    expect(page.locator('#pagination [aria-current="page"]')).to_have_text("2")


def test_opening_a_report_highlights_the_paragraph_and_esc_goes_back(tab, server, shots):
    tab.goto("?q=" + urllib.parse.quote(QUERY) + "&" + FLAT)
    page = tab.page
    hit = api(server, "/api/v1/search", q=QUERY)["hits"][1]
    doc = api(server, f"/api/v1/documents/{hit['document_id']}")
    page.locator(f'.hit[data-id="{hit["id"]}"] .hit__title a').click()
    page.wait_for_url(re.compile(r"doc=" + hit["document_id"]))
    marked = page.locator(".para--hit")
    expect(marked).to_have_count(1)
    assert marked.get_attribute("data-position") == str(hit["position"])
    assert tab.params()["para"] == [str(hit["position"])]
    expect(page.locator(".report__title")).to_have_text(doc["title"])
    expect(page.locator(".report .para")).to_have_count(len(doc["paragraphs"]))
    expect(page.locator("#results-view")).to_be_hidden()
    expect(marked).to_be_in_viewport()
    assert marked.locator("mark.term").count() > 0
    page.screenshot(path=str(shots / "report-paragraph.png"), full_page=False)
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator(".report__meta")).to_be_in_viewport()
    page.wait_for_timeout(200)
    page.screenshot(path=str(shots / "report.png"), full_page=False)

    # A reload keeps the report open at the same paragraph.
    page.reload()
    expect(page.locator(".para--hit")).to_have_attribute("data-position", str(hit["position"]))
    expect(page.locator(".para--hit")).to_be_in_viewport()

    page.keyboard.press("Escape")
    page.wait_for_url(lambda u: "doc=" not in u)
    expect(page.locator("#report-view")).to_be_hidden()
    expect(page.locator(f'.hit[data-id="{hit["id"]}"]')).to_be_visible()
    assert tab.params() == {"q": [QUERY], "group": ["paragraph"]}

    # The back button in the report returns to the same results; Forward reopens it.
    page.locator(f'.hit[data-id="{hit["id"]}"] .hit__title a').click()
    expect(page.locator(".para--hit")).to_have_count(1)
    page.get_by_role("button", name="← Quay lại kết quả").click()
    page.wait_for_url(lambda u: "doc=" not in u)
    expect(page.locator(".hit").first).to_be_visible()
    page.go_forward()
    expect(page.locator(".para--hit")).to_have_attribute("data-position", str(hit["position"]))


def test_unaccented_query_finds_results_and_offers_the_accented_one(tab, server):
    tab.goto("?" + FLAT)
    tab.search("nong thon moi kieu mau")
    page = tab.page
    expected = api(server, "/api/v1/search", q="nong thon moi kieu mau")
    assert status_total(tab) == expected["total"] > 0
    assert page.locator(".hit__snippet mark").count() > 0
    dym = page.locator("a[data-dym]")
    expect(dym).to_have_text(expected["did_you_mean"])
    expect(page.locator(".notice--dym")).to_contain_text("Có phải bạn muốn tìm:")
    dym.click()
    page.wait_for_url(re.compile("q=" + re.escape(urllib.parse.quote_plus(expected["did_you_mean"]))))
    tab.settled()
    assert tab.params()["q"] == [expected["did_you_mean"]]


def test_map_and_year_chart_show_the_api_counts_and_filter_on_click(tab, server):
    tab.goto("?q=" + urllib.parse.quote(QUERY) + "&" + FLAT)
    page = tab.page
    facets = api(server, "/api/v1/search", q=QUERY)["facets"]
    bars = {
        b.get_attribute("data-year"): int(b.get_attribute("data-count")) for b in page.locator("#year-chart .bar").all()
    }
    assert bars == {f["value"]: f["count"] for f in facets["year"]}
    dots = page.locator("#map .dot")
    expect(dots).to_have_count(len(facets["district"]))
    shown = {d.get_attribute("data-value"): int(d.get_attribute("data-count")) for d in dots.all()}
    assert shown == {f["value"]: f["count"] for f in facets["district"] if f["lat"] is not None}
    # Bigger counts, bigger dots; every dot has a tooltip naming the district.
    radius = {d.get_attribute("data-value"): float(d.get_attribute("r")) for d in dots.all()}
    ranked = sorted(facets["district"], key=lambda f: f["count"])
    assert radius[ranked[0]["value"]] <= radius[ranked[-1]["value"]]
    for f in facets["district"]:
        assert f["label"] in page.locator(f'#map .dot[data-value="{f["value"]}"] title').text_content()
    # Dots fall inside Vietnam's box: north is up, east is right.
    north = max(facets["district"], key=lambda f: f["lat"])
    south = min(facets["district"], key=lambda f: f["lat"])
    assert float(page.locator(f'#map .dot[data-value="{north["value"]}"]').get_attribute("cy")) <= float(
        page.locator(f'#map .dot[data-value="{south["value"]}"]').get_attribute("cy")
    )

    # Zooming to the dots keeps every dot and its count.
    page.locator(".map__zoom").click()
    expect(page.locator("#map .map__svg--zoomed")).to_have_count(1)
    assert {d.get_attribute("data-value"): int(d.get_attribute("data-count")) for d in dots.all()} == shown
    page.locator(".map__zoom").click()
    expect(page.locator("#map .map__svg--zoomed")).to_have_count(0)

    year = facets["year"][0]
    page.locator(f'#year-chart .bar[data-year="{year["value"]}"]').click()
    page.wait_for_url(re.compile("year=" + year["value"]))
    tab.settled()
    assert status_total(tab) == api(server, "/api/v1/search", q=QUERY, year=year["value"])["total"]
    expect(page.locator(f'#year-chart .bar[data-year="{year["value"]}"]')).to_have_class(re.compile("bar--selected"))

    by_year = api(server, "/api/v1/search", q=QUERY, year=year["value"])["facets"]
    shown = {d.get_attribute("data-value"): int(d.get_attribute("data-count")) for d in dots.all()}
    assert shown == {f["value"]: f["count"] for f in by_year["district"]}
    district = max(by_year["district"], key=lambda f: f["count"])
    page.locator(f'#map .dot[data-value="{district["value"]}"]').click()
    page.wait_for_url(re.compile("district=" + district["value"]))
    tab.settled()
    expected = api(server, "/api/v1/search", q=QUERY, year=year["value"], district=district["value"])
    assert status_total(tab) == expected["total"]
    expect(page.locator(f'#map .dot[data-value="{district["value"]}"]')).to_have_class(re.compile("dot--selected"))


def test_nothing_found_says_so_with_a_hint(tab):
    tab.goto("?q=" + urllib.parse.quote("zzqxv kkwyj"))
    page = tab.page
    expect(page.locator(".empty__title")).to_have_text("Không tìm thấy kết quả")
    expect(page.locator(".empty__tips")).to_contain_text("không dấu")
    expect(page.locator(".hit")).to_have_count(0)


def test_text_from_the_user_is_never_html(tab):
    tab.goto("?q=" + urllib.parse.quote('<img src=x onerror="window.pwned=1"> nông thôn'))
    page = tab.page
    assert page.evaluate("window.pwned") is None
    assert page.locator("main img").count() == 0


def test_phone_width_collapses_the_facets(browser, server, shots):
    tab = Page(browser, server, width=390, height=844)
    try:
        tab.goto("?q=" + urllib.parse.quote(QUERY))
        page = tab.page
        expect(page.locator("#sidebar")).to_be_hidden()
        toggle = page.locator("#filters-toggle")
        expect(toggle).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(shots / "phone.png"), full_page=False)
        toggle.click()
        expect(page.locator("#sidebar")).to_be_visible()
        page.screenshot(path=str(shots / "phone-filters.png"), full_page=False)
        page.locator('input[data-facet="year"]').first.click()
        page.wait_for_url(re.compile("year="))
        tab.settled()
        expect(page.locator("#filters-count")).to_have_text("1")
        page.locator(".hit__title a").first.click()
        expect(page.locator(".para--hit")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert tab.errors == []
    finally:
        tab.context.close()


def test_a_broken_server_shows_an_error_and_a_retry(tab):
    page = tab.page
    page.route("**/api/v1/search*", lambda route: route.fulfill(status=500, body="{}", content_type="application/json"))
    tab.page.goto(tab.base + "/?q=test")
    expect(page.locator(".error")).to_contain_text("Không tải được kết quả")
    page.unroute("**/api/v1/search*")
    tab.errors.clear()  # the browser logs the 500 itself; that is the point of this test
    page.get_by_role("button", name="Thử lại").click()
    tab.settled()
    expect(page.locator(".error")).to_have_count(0)
