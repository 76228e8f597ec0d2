"""The API under attack: Schemathesis over /openapi.json against the live server, and the
security properties the fuzzer cannot see (keys, paths, limits, HTML, CORS, headers).

The Schemathesis run is a few hundred cases in CI; ``VNSEARCH_LONG_TESTS=1`` makes it
a few thousand with a random seed.  Server-level checks already in
``test_search_api.py`` (limits on q/per_page/page, JSON errors, the <script> case,
no CORS header on a plain GET) are not repeated here.
"""

from __future__ import annotations

import html
import inspect
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from search_api.live_server import LiveServer

from .conftest import API_KEY

LONG = os.environ.get("VNSEARCH_LONG_TESTS") == "1"
WRONG_KEYS = ["test-key-124", "TEST-KEY-123", API_KEY[:-1], API_KEY + "0", "x" * 4096, "ключ-ý"]


@pytest.fixture(scope="module")
def live(tmp_path_factory, seed_index):
    index = tmp_path_factory.mktemp("fuzz") / "index"
    shutil.copytree(seed_index, index)
    with LiveServer(index, api_key=API_KEY) as server:
        yield server


def _raw(server: LiveServer, request: str) -> tuple[int, str]:
    """A request sent byte for byte (no client normalises ``..`` away)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
        s.sendall(request.encode("latin-1"))
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
    response = b"".join(chunks).decode("utf-8", "replace")
    return int(response.split(" ", 2)[1]), response


# ----------------------------------------------------------------- Schemathesis
@pytest.mark.slow
def test_schemathesis_every_endpoint_no_500_and_responses_match_the_schema(live, tmp_path):
    pytest.importorskip("schemathesis")
    st = Path(sys.executable).with_name("st")
    report = tmp_path / "schemathesis.json"
    command = [
        str(st),
        "run",
        f"{live.url}/openapi.json",
        "--max-examples",
        "300" if LONG else "40",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        # Every check but two whose complaint is not a defect of this API:
        # positive_data_acceptance: year_from ≤ year_to and "a known GSO district code" cannot be
        #   written in OpenAPI, so some schema-valid requests are rightly refused with 422;
        # allow_header_conformance: Starlette answers 405 with the Allow header of one route.
        "--checks",
        "all",
        "--exclude-checks",
        "positive_data_acceptance,allow_header_conformance",
        "-H",
        f"X-API-Key: {API_KEY}",
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    if not LONG:
        command += ["--seed", "20240607"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    summary = json.loads(report.read_text("utf-8"))
    output = result.stdout[-6000:]
    assert result.returncode == 0, output
    assert summary["complete"] and not summary["failures"] and not summary["errors"], output
    # Every operation of the schema (10 today) was exercised.
    operations = sum(len(methods) for methods in httpx.get(f"{live.url}/openapi.json").json()["paths"].values())
    assert summary["operations"]["tested"] == summary["operations"]["total"] == operations >= 10
    assert summary["test_cases"]["generated"] >= (2000 if LONG else 300), summary["test_cases"]
    log = live.log()
    assert "Traceback" not in log and "unexpected error" not in log, log[-3000:]
    assert API_KEY not in log
    print(
        f"\nschemathesis: {summary['test_cases']['generated']} cases over {summary['operations']['tested']} "
        f"operations in {summary['running_time']:.1f} s, no failures"
    )


# ----------------------------------------------------------------- keys
def test_keys_are_compared_in_constant_time_and_never_logged(live):
    from search_api import app as app_module

    source = inspect.getsource(app_module.create_app)
    assert "hmac.compare_digest(" in source
    assert not re.search(r"(==|!=)\s*settings\.api_key|settings\.api_key\s*(==|!=)", source)
    body = {"text": "Một báo cáo đủ dài để được lập chỉ mục về công tác xây dựng Đảng của huyện trong năm 2022."}
    for wrong in WRONG_KEYS:
        r = httpx.post(f"{live.url}/api/v1/documents", json=body, headers={"X-API-Key": wrong.encode("utf-8")})
        assert r.status_code == 403 and wrong not in r.text
        r = httpx.delete(f"{live.url}/api/v1/documents/0123456789abcdef", headers={"X-API-Key": wrong.encode("utf-8")})
        assert r.status_code == 403
    assert httpx.delete(f"{live.url}/api/v1/documents/0123456789abcdef").status_code == 401
    assert (
        httpx.delete(f"{live.url}/api/v1/documents/0123456789abcdef", headers={"X-API-Key": API_KEY}).status_code == 404
    )
    log = live.log()
    assert API_KEY not in log and not any(w.strip() and w in log for w in WRONG_KEYS)


# ----------------------------------------------------------------- paths
TRAVERSALS = [
    "/api/v1/documents/../../etc/passwd",
    "/api/v1/documents/..%2F..%2F..%2Fetc%2Fpasswd",
    "/api/v1/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/api/v1/documents/..%5c..%5cetc%5cpasswd",
    "/api/v1/documents/....//....//etc/passwd",
    "/api/v1/documents/0123456789abcdef%00.txt",
    "/api/v1/documents/0123456789abcdef%2F..%2F..%2Fmanifest",
    "/api/v1/documents/%252e%252e%252fetc%252fpasswd",
    "/api/v1/documents/%2Fetc%2Fpasswd",
    "/static/../../../../etc/passwd",
    "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/static/%2e%2e/%2e%2e/search_api/config.py",
    "/../../etc/passwd",
]


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_ids_and_paths_cannot_reach_the_file_system(live, method):
    for path in TRAVERSALS:
        status, response = _raw(
            live, f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {API_KEY}\r\nConnection: close\r\n\r\n"
        )
        assert status in (400, 404, 405, 422), (path, response[:300])
        assert "root:" not in response and "VNSEARCH" not in response and "schema_version" not in response, path
    from indexer.store import IndexDir

    for bad in ("../../etc/passwd", "0123456789abcdef/../x", "0123456789ABCDEF", "0123456789abcdef\n"):
        with pytest.raises(ValueError):
            IndexDir(Path("/tmp/nowhere")).original_path(bad)


# ----------------------------------------------------------------- limits
def test_limits_on_bodies_lists_and_urls(live):
    headers = {"X-API-Key": API_KEY, "Content-Type": "application/json"}

    def chunked():  # no Content-Length: the limit must be counted, not read from a header
        yield b'{"text": "'
        for _ in range(64):
            yield ("Huyện Lương Tài tổng kết năm 2022, nông thôn mới đạt chuẩn. " * 800).encode("utf-8")
        yield b'"}'

    r = httpx.post(f"{live.url}/api/v1/documents", content=chunked(), headers=headers, timeout=60)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert r.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in r.headers
    r = httpx.post(f"{live.url}/api/v1/documents", content=b"{" * 100, headers=headers)
    assert r.status_code == 422 and r.json()["error"]["code"]
    r = httpx.post(f"{live.url}/api/v1/documents", json={"text": "x", "extra": 1}, headers=headers)
    assert r.status_code == 422
    for params in ({"district": ["264"] * 101}, {"topic": "x" * 65}, {"year": 1800}, {"page": 1001}, {"q": "á" * 501}):
        r = httpx.get(f"{live.url}/api/v1/search", params=params)
        assert r.status_code == 422 and r.json()["error"]["message"], params
    assert httpx.get(f"{live.url}/api/v1/suggest", params={"q": "x" * 101}).status_code == 422
    # A request line beyond what the HTTP server accepts is refused there, never a 500.
    status, _ = _raw(live, f"GET /api/v1/search?q={'a' * 70_000} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert 400 <= status < 500
    assert httpx.get(f"{live.url}/api/v1/health").status_code == 200


# ----------------------------------------------------------------- HTML injection
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "'-alert(4)-'",
    "</mark><b>đậm</b><mark>",
    "&lt;script&gt;",
    '<a href="javascript:alert(5)">bấm</a>',
    "<!--",
    "]]>",
    "`${alert(6)}`",
]


def test_highlights_never_carry_injected_html(client):
    text = "Huyện Lục Nam, tỉnh Bắc Giang tổng kết năm 2023: hoàn thành xây dựng nông thôn mới ở 3 xã. " + " ".join(
        f"Mục {i} alert kiểm thử {p} thu ngân sách." for i, p in enumerate(PAYLOADS)
    )
    r = client.post(
        "/api/v1/documents",
        json={"text": text, "title": "Lục Nam <b>tổng kết</b> năm 2023"},
        headers={"X-API-Key": API_KEY},
    )
    assert r.status_code == 201, r.text
    seen = 0
    for q in [
        "alert",
        "kiểm thử",
        "svg",
        "script",
        "đậm",
        "javascript",
        "ngân sách",
        "mark",
        "onerror",
        "lt",
        "<script>",
        '"><svg',
        "bấm",
    ]:
        for hit in client.get("/api/v1/search", params={"q": q, "district": "218", "per_page": 50}).json()["hits"]:
            seen += 1
            bare = re.sub(r"</?mark>", "", hit["highlight"])
            assert not re.search(r"[<>\"']", bare), (q, hit["highlight"])
            assert html.unescape(bare).replace(" …", "").replace("… ", "").strip() in hit["text"]
    assert seen >= 10


# ----------------------------------------------------------------- CORS and headers
def _app_client(index: Path, monkeypatch, origins: str | None):
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.config import Settings

    if origins is None:
        monkeypatch.delenv("VNSEARCH_CORS_ORIGINS", raising=False)
    else:
        monkeypatch.setenv("VNSEARCH_CORS_ORIGINS", origins)
    return TestClient(create_app(Settings(index=index, api_key=None)))


def test_cors_is_off_by_default_and_configurable(seed_index, monkeypatch):
    preflight = {
        "Origin": "https://evil.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "X-API-Key",
    }
    with _app_client(seed_index, monkeypatch, None) as c:
        r = c.options("/api/v1/documents", headers=preflight)
        assert "access-control-allow-origin" not in r.headers
        assert (
            "access-control-allow-origin"
            not in c.get("/api/v1/health", headers={"Origin": "https://evil.example"}).headers
        )
    with _app_client(seed_index, monkeypatch, "https://intranet.example.vn, https://cong.example.vn") as c:
        ok = c.get("/api/v1/health", headers={"Origin": "https://intranet.example.vn"})
        assert ok.headers["access-control-allow-origin"] == "https://intranet.example.vn"
        r = c.options("/api/v1/documents", headers={**preflight, "Origin": "https://cong.example.vn"})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://cong.example.vn"
        assert "POST" in r.headers["access-control-allow-methods"]
        assert (
            "access-control-allow-origin"
            not in c.get("/api/v1/health", headers={"Origin": "https://evil.example"}).headers
        )
        assert "access-control-allow-origin" not in c.options("/api/v1/documents", headers=preflight).headers


def test_the_page_is_sent_with_a_content_security_policy_and_security_headers(live):
    page = httpx.get(f"{live.url}/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = {
        d.split()[0]: d.split()[1:]
        for d in (p.strip() for p in page.headers["content-security-policy"].split(";"))
        if d
    }
    assert csp["default-src"] == ["'self'"] and csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"] and "base-uri" in csp
    assert not any("unsafe" in v for values in csp.values() for v in values)
    # The page itself obeys it: no inline script or handler that the policy would have to allow.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text)
    assert not re.search(r"\son[a-z]+\s*=", page.text)
    for path in ("/", "/static/app.js", "/api/v1/health", "/api/v1/documents/0123456789abcdef", "/nope"):
        r = httpx.get(f"{live.url}{path}")
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "no-referrer", path
        assert "content-security-policy" in r.headers, path
