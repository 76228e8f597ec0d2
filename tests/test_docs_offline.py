"""The API's documentation pages work with no internet: Debian's chromium (Playwright)
against a live server on this machine, whose network reaches nothing else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer.build import build_index

from .conftest import SEEDS

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (make browser installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from search_api.live_server import LiveServer

    index = tmp_path_factory.mktemp("docs") / "index"
    build_index([SEEDS], index, jobs=1)
    live = LiveServer(index).start()
    yield live.url
    live.stop()


@pytest.fixture()
def page(base):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        tab = browser.new_page()
        tab.problems = []  # type: ignore[attr-defined]
        tab.on("requestfailed", lambda r: tab.problems.append(f"failed: {r.url}"))
        tab.on("console", lambda m: m.type == "error" and tab.problems.append(f"console: {m.text}"))
        yield tab
        browser.close()


def test_swagger_ui_lists_the_endpoints_and_runs_a_search_offline(base, page):
    page.goto(f"{base}/docs")
    search = page.locator("#operations-search-search_api_v1_search_get")
    expect(search).to_be_visible(timeout=15_000)
    for path in ("/api/v1/documents/{doc_id}", "/api/v1/suggest", "/api/v1/health"):
        expect(page.locator(".opblock-summary-path", has_text=path).first).to_be_visible()
    search.locator(".opblock-summary").click()
    search.get_by_role("button", name="Try it out").click()
    query = search.locator("tr[data-param-name='q'] input")
    query.fill("nông thôn mới kiểu mẫu")
    search.get_by_role("button", name="Execute").click()
    status = search.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200", timeout=15_000)
    body = search.locator(".live-responses-table tbody .response-col_description pre").first
    expect(body).to_contain_text('"hits"')
    expect(body).to_contain_text("kiểu mẫu")
    assert page.problems == []


def test_redoc_renders_offline(base, page):
    page.goto(f"{base}/redoc")
    expect(page.get_by_text("/api/v1/search").first).to_be_attached(timeout=20_000)
    expect(page.locator("h1").first).to_contain_text("vnsearch")
    # ReDoc's bundle links its "powered by" logo to its CDN: the policy blocks it (no request leaves).
    assert [p for p in page.problems if "cdn.redoc.ly" not in p] == []
