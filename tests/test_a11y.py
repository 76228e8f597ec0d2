"""The page for people who do not use a mouse or do not see it: axe-core over every state at desktop and
phone widths, the keyboard-only path, what the accessibility tree names (docs/ACCESSIBILITY.md).

axe-core is the `axe.min.js` that the PyPI package `axe-playwright-python` ships (a test extra, so
`make install` brings it; `AXE_CORE_JS=/path/to/axe.min.js` runs another copy, e.g. npm's `axe-core`).
The page's CSP (script-src 'self') would block the injected script, so the axe tests, and only they,
open their browser context with Playwright's `bypass_csp=True`; the keyboard test runs under the real CSP.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_web import ARGS, CHROMIUM, FLAT, ROOT, Page, api, expect, server, status_total, sync_api, tab  # noqa: F401

pytestmark = pytest.mark.slow

QUERY = "nông thôn mới"
TYPO = "nong thon moii"
WIDTHS = {"desktop": (1360, 900), "phone": (390, 844)}
# Rules whose failures are only "moderate" for axe but that the page keeps passing: one h1, headings in order.
ALSO_REQUIRED = {"page-has-heading-one", "heading-order", "empty-heading", "landmark-one-main"}


def axe_script() -> Path:
    if os.environ.get("AXE_CORE_JS"):
        return Path(os.environ["AXE_CORE_JS"])
    package = pytest.importorskip("axe_playwright_python", reason="axe-core: pip install -e '.[test]'")
    return Path(package.__file__).parent / "axe.min.js"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now, experimental rules included
    (label-content-name-mismatch is one)."""
    page.add_script_tag(path=str(axe_script()))
    return page.evaluate(
        """async () => {
            const rules = Object.fromEntries(axe.getRules(["experimental"]).map((r) => [r.ruleId, {enabled: true}]));
            const result = await axe.run(document, {rules, resultTypes: ["violations"]});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\\s+/g, " ")),
            }));
        }"""
    )


# The states the issue lists, each reached as a user would.
def home(tab: Page, phone: bool) -> None:
    tab.goto()


def results(tab: Page, phone: bool) -> None:
    tab.goto("?q=" + urllib.parse.quote(QUERY))
    expect(tab.page.locator(".hit").first).to_be_visible()


def ticked_facets(tab: Page, phone: bool) -> None:
    results(tab, phone)
    page = tab.page
    if phone:
        page.locator("#filters-toggle").click()
    for facet in ("district", "year"):
        page.locator(f'input[data-facet="{facet}"]').first.check()
        page.wait_for_url(re.compile(facet + "="))
        tab.settled()
    expect(page.locator(".chip")).to_have_count(2)


def report(tab: Page, phone: bool) -> None:
    results(tab, phone)
    tab.page.locator(".hit__title a").first.click()
    expect(tab.page.locator(".para--hit")).to_have_count(1)
    tab.page.wait_for_timeout(200)  # scrolled to the paragraph


def suggestions(tab: Page, phone: bool) -> None:
    tab.goto()
    box = tab.page.locator("#q")
    box.focus()
    box.press_sequentially("nông thôn m", delay=20)
    expect(tab.page.locator("#suggestions [role=option]").first).to_be_visible()
    box.press("ArrowDown")
    expect(tab.page.locator("#suggestions .is-active")).to_have_count(1)


def did_you_mean(tab: Page, phone: bool) -> None:
    tab.goto("?q=" + urllib.parse.quote(TYPO))
    expect(tab.page.locator("a[data-dym]")).to_be_visible()


STATES: dict[str, Callable[[Page, bool], None]] = {
    "home": home,
    "results": results,
    "ticked facets": ticked_facets,
    "report": report,
    "suggestions open": suggestions,
    "did you mean": did_you_mean,
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("state", STATES)
def test_axe_finds_nothing_serious(browser, server, state, width):
    w, h = WIDTHS[width]
    tab = Page(browser, server, width=w, height=h, bypass_csp=True)
    try:
        STATES[state](tab, width == "phone")
        violations = run_axe(tab.page)
        bad = [v for v in violations if v["impact"] in ("serious", "critical") or v["id"] in ALSO_REQUIRED]
        assert bad == [], "\n".join(
            f"{v['impact']} {v['id']} ({v['help']}):\n  " + "\n  ".join(v["nodes"]) for v in bad
        )
        assert tab.errors == []
    finally:
        tab.context.close()


FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const style = getComputedStyle(e);
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
    return {
        tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.getAttribute("class") || ""),
        facet: e.dataset.facet || null, value: e.dataset.value || null, doc: e.dataset.doc || null,
        name: e.getAttribute("aria-label") || e.textContent.trim().slice(0, 60),
        visible: e.matches(":focus-visible") && ring,
    };
}"""


def focused(tab: Page) -> dict:
    """What has focus; it must show that it has (a focus ring: outline or box-shadow)."""
    info = tab.page.evaluate(FOCUSED)
    assert info is not None, "focus was lost to the page's body"
    assert info["visible"], f"focus not visible on {info}"
    return info


def tab_until(tab: Page, wanted: Callable[[dict], bool], limit: int = 80) -> dict:
    """Press Tab until the focused element is `wanted`, checking the focus ring at every stop."""
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        info = focused(tab)
        if wanted(info):
            return info
    raise AssertionError(f"not reached in {limit} Tabs")


def announced(tab: Page) -> str:
    return tab.page.locator("#announce").text_content().replace("\u00a0", " ").strip()


def test_keyboard_only(tab, server):
    """/ to the box, a suggestion by arrows and Enter, Tab to a filter and Space, Enter on a hit, Esc back."""
    tab.goto("?" + FLAT)  # the paragraph view: its counts are the ungrouped API's
    page = tab.page
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    assert focused(tab)["id"] == "q"

    page.keyboard.type("nông thôn m", delay=20)
    options = page.locator("#suggestions [role=option]")
    expect(options.first).to_be_visible()
    texts = [s["text"] for s in api(server, "/api/v1/suggest", q="nông thôn m")["suggestions"]]
    pick = texts.index(QUERY)
    for _ in range(pick + 1):
        page.keyboard.press("ArrowDown")
    expect(page.locator("#q")).to_have_attribute("aria-activedescendant", f"sugg-{pick}")
    expect(page.locator(f"#sugg-{pick}")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="))
    tab.settled()
    assert tab.params()["q"] == [QUERY]
    expected = api(server, "/api/v1/search", q=QUERY)
    assert status_total(tab) == expected["total"]
    # The count is said once, without the timing the status line shows: "Tìm thấy 11 kết quả, trang 1 trên 2."
    assert re.match(rf"Tìm thấy {expected['total']} kết quả\b", announced(tab)), announced(tab)
    expect(page.locator("#suggestions")).to_be_hidden()
    assert focused(tab)["id"] == "q"  # still in the box: Tab goes on from here

    # Tab to the first district, tick it with Space: the filter applies, focus stays on it.
    district = expected["facets"]["district"][0]
    info = tab_until(tab, lambda f: f["facet"] == "district" and f["value"] == district["value"])
    assert info["tag"] == "input"
    page.keyboard.press("Space")
    page.wait_for_url(re.compile("district=" + district["value"]))
    tab.settled()
    box = page.locator(f'input[data-facet="district"][data-value="{district["value"]}"]')
    expect(box).to_be_checked()
    expect(box).to_be_focused()
    focused(tab)
    narrowed = api(server, "/api/v1/search", q=QUERY, district=district["value"])
    assert status_total(tab) == narrowed["total"]
    assert announced(tab).startswith(f"Tìm thấy {narrowed['total']} kết quả"), announced(tab)

    # On to the first hit's title; Enter opens the report at its paragraph, focus on that paragraph.
    info = tab_until(tab, lambda f: f["doc"] is not None)
    doc = info["doc"]
    assert doc == narrowed["hits"][0]["document_id"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("doc=" + doc))
    expect(page.locator(".para--hit")).to_be_focused()
    info = focused(tab)
    assert "para--hit" in info["cls"]
    title = api(server, f"/api/v1/documents/{doc}")["title"]
    expect(page.locator("#announce")).to_contain_text(f"Đã mở báo cáo: {title}.")

    # Esc closes it: the same results, focus back on the link it was opened from.
    page.keyboard.press("Escape")
    page.wait_for_url(lambda u: "doc=" not in u)
    expect(page.locator("#report-view")).to_be_hidden()
    expect(page.locator(f'.hit__title a[data-doc="{doc}"]').first).to_be_focused()
    assert focused(tab)["doc"] == doc
    assert tab.params() == {"q": [QUERY], "district": [district["value"]], "group": ["paragraph"]}


def headings(tab: Page) -> list[tuple[int, str]]:
    """The headings a screen reader lists, in order (those not hidden from it)."""
    return tab.page.evaluate(
        """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
            .filter((e) => e.getClientRects().length > 0 && !e.closest("[aria-hidden=true]"))
            .map((e) => [Number(e.tagName[1]), e.textContent.trim()])"""
    )


def test_names_headings_and_text_alternatives_are_vietnamese(tab, server):
    tab.goto("?q=" + urllib.parse.quote(QUERY) + "&" + FLAT)
    page = tab.page
    assert page.locator("html").get_attribute("lang") == "vi"
    data = api(server, "/api/v1/search", q=QUERY)

    # One h1, then no level skipped: filters, results, charts.
    levels = headings(tab)
    assert levels[0] == [1, "Báo cáo huyện Tìm kiếm toàn văn"], levels
    assert [lv for lv, _ in levels].count(1) == 1, levels
    for (a, _), (b, text) in zip(levels, levels[1:], strict=False):
        assert b <= a + 1, f"heading {text!r} (h{b}) after an h{a}"
    texts = [t for _, t in levels]
    for expected in ("Bộ lọc", "Kết quả tìm kiếm", "Số kết quả theo năm", "Bản đồ các huyện", data["hits"][0]["title"]):
        assert expected in texts, (expected, texts)

    # Every control has a Vietnamese name that says what it does.
    expect(page.get_by_role("combobox", name="Từ khóa tìm kiếm")).to_be_visible()
    expect(page.get_by_role("button", name="Tìm kiếm", exact=True)).to_be_visible()
    expect(page.get_by_role("combobox", name="Sắp xếp")).to_be_visible()
    district = data["facets"]["district"][0]
    checkbox = page.get_by_role("checkbox", name=f"{district['label']} {district['count']} kết quả", exact=True)
    expect(checkbox).to_have_count(1)
    topic = data["hits"][0]["topics"][0]
    expect(page.get_by_role("button", name=f"Lọc theo chủ đề: {topic['label']}", exact=True).first).to_be_visible()
    year = data["facets"]["year"][0]
    bar = page.get_by_role("button", name=f"Năm {year['value']}: {year['count']} kết quả", exact=True)
    expect(bar).to_have_attribute("aria-pressed", "false")
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll("a[href], button, input, select, [role=button], [tabindex='0']")]
            .filter((e) => e.getClientRects().length && !(e.getAttribute("aria-label") || e.textContent.trim() || e.labels?.length))
            .map((e) => e.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []

    # The charts' text alternative: tables with the numbers they draw.
    year_rows = page.locator("#year-chart table tbody tr")
    expect(year_rows).to_have_count(len(data["facets"]["year"]))
    table = {r.locator("th").text_content(): int(r.locator("td").text_content()) for r in year_rows.all()}
    assert table == {f["value"]: f["count"] for f in data["facets"]["year"]}
    expect(page.locator("#year-chart table caption")).to_have_text("Số kết quả theo năm")
    map_rows = page.locator("#map table tbody tr")
    table = {r.locator("th").text_content(): int(r.locator("td").text_content()) for r in map_rows.all()}
    assert table == {f["label"]: f["count"] for f in data["facets"]["district"]}

    # A chip says what pressing it does; the report names its title as a heading.
    checkbox.check()
    page.wait_for_url(re.compile("district="))
    tab.settled()
    expect(page.get_by_role("button", name=f"Bỏ lọc Huyện {district['label']}", exact=True)).to_have_count(1)
    page.locator(".hit__title a").first.click()
    expect(page.locator(".para--hit")).to_have_count(1)
    expect(page.get_by_role("heading", level=2, name=page.locator(".report__title").text_content())).to_be_visible()
    assert [lv for lv, _ in headings(tab)].count(1) == 1
